"""Speaking a decision of the answer policy (reasoning/grounding.py) with any backend.

Grounded answers are spoken at once: the fast path, no model call. Small talk is the model's,
cut where it starts telling the stream or says a number. A model that may phrase the evidence
(`check_model=True`: a capable served model, vLLM) has each sentence checked against the cited
clips before it is spoken (`supported`): its numbers, names, quoted words and times must occur
there; the first one that does not is replaced by the grounded answer. Checking holds back one
sentence, so the grounded path stays the fast one.
"""
from __future__ import annotations

import re
from collections.abc import AsyncIterator, Sequence
from contextlib import aclosing
from dataclasses import replace

from memory.records import Evidence, clock_seconds
from memory.text import stem, tokens
from perception.numbers import withheld
from reasoning.backend import AnswerBackend, Prompt
from reasoning.grounding import Decision, term_found

_CLOCK = re.compile(r"\b(?:\d{1,2}:)?\d{1,2}:\d{2}\b")
_QUOTED = re.compile(r"[\"“”]([^\"“”]{2,80})[\"“”]")
#: capitalised words that are no claim about the stream
_PLAIN_CAPITALS = frozenset(
    "i i'm i've i'd i'll livesight yes no sorry sure okay ok hello hi hey well so the a an at in on it this that "
    "there you your we my he she they what when where which who how monday tuesday wednesday thursday friday "
    "saturday sunday".split()
)


def supported(sentence: str, cited: Sequence[Evidence], question: str = "") -> bool:
    """True when every number, quoted phrase, name and time in `sentence` occurs in the cited
    clips (or the question): a model may rephrase the evidence, not add to it."""
    evidence = withheld(" ".join(clip.text for clip in cited))  # a number memory is unsure of supports nothing
    have = frozenset(tokens(evidence)) | frozenset(tokens(question))
    for stamp in _CLOCK.findall(sentence):
        seconds = clock_seconds(stamp)
        if not any(clip.start - 5 <= seconds <= clip.end + 5 for clip in cited):
            return False
    rest = _CLOCK.sub(" ", sentence)
    for quoted in _QUOTED.findall(rest):
        if not all(term_found(t, have) for t in tokens(quoted)):
            return False
    for number in re.findall(r"\d+", rest):
        # whole: "25" is not in "250" (vLLM mode: "250 flowers, which is 25% of the total")
        if number not in have and not any(re.search(rf"(?<!\d){number}(?!\d)", h) for h in have):
            return False
    for i, word in enumerate(re.findall(r"[A-Za-z][\w'’-]*", rest)):
        if word[0].isupper() and i > 0 and word.lower() not in _PLAIN_CAPITALS:
            if not term_found(stem(word.lower()), have):
                return False
    return True


#: a small-talk answer that starts telling what happened in the stream is cut off there
_STREAM_CLAIM = re.compile(
    r"\b(?:you (?:said|mentioned|told me|were saying)|(?:on|in) (?:the|your) (?:screen|camera|video)"
    r"|the (?:screen|camera) (?:showed|shows|saw)|i (?:saw|heard) (?:you|that|a|the))\b|\d",
    re.IGNORECASE,
)
#: said instead when the model's small talk is cut before its first word
SMALL_TALK_FALLBACK = "I'm here and listening."


async def answer(prompt: Prompt, decision: Decision, model: AnswerBackend, *,
                 check_model: bool = False) -> AsyncIterator[str]:
    """The answer to `prompt`, for which the policy made `decision`, from any backend.

    Small talk: the model speaks (its prompt holds no memory), and is cut off where it starts
    telling what happened in the stream or says a number (a small model makes them up). A
    question about the stream: the grounded answer is spoken at once — unless `check_model`, when
    a model that can phrase evidence (vLLM) answers, one checked sentence at a time (at most
    two): a sentence that says nothing from the clips is skipped, the first unsupported one is
    replaced by the grounded answer (or, once something was said, ends the answer), and an answer
    that did not name the moment gets it ("That was at 01:20.").
    """
    if decision.verdict == "chat":
        async with aclosing(model.stream(replace(prompt, clips=(), summary=""))) as pieces:
            said = ""
            async for piece in pieces:
                if _STREAM_CLAIM.search(said + piece):  # a claim about the stream, or any number
                    break
                said += piece
                yield piece
        if not re.search(r"\w", said):
            yield SMALL_TALK_FALLBACK
        return
    if not check_model or decision.verdict == "absent" or not decision.phrasable:
        yield decision.text
        return
    spoken = ""
    async with aclosing(_checked(prompt, decision, model)) as pieces:
        async for piece in pieces:
            spoken += piece
            yield piece
    # the answer names the moment it is about, as the grounded one does ("When I mentioned the
    # package, it was on Wednesday." left it out: vLLM mode, SmolLM2)
    if (moment := _CLOCK.search(decision.text)) and not _CLOCK.search(spoken):
        yield f"{'' if spoken.endswith(' ') else ' '}That was at {moment.group()}."


async def _checked(prompt: Prompt, decision: Decision, model: AnswerBackend) -> AsyncIterator[str]:
    """The model's answer from the cited clips, one checked sentence at a time (see `answer`)."""
    checked = replace(prompt, clips=decision.cited)
    said: list[str] = []
    pending = ""
    async with aclosing(model.stream(checked)) as pieces:
        async for piece in pieces:
            pending += piece
            *done, pending = _sentences(pending)
            for sentence in done:
                verdict = _judge(sentence, said, decision, prompt.question)
                if verdict == "unsupported" or (verdict == "ok" and len(said) == MAX_MODEL_SENTENCES - 1):
                    if verdict == "ok":
                        yield sentence
                    elif not said:
                        yield decision.text
                    return
                if verdict == "ok":
                    said.append(sentence)
                    yield sentence + " "
    if pending.strip() and _judge(pending.strip(), said, decision, prompt.question) == "ok":
        yield pending.strip()
    elif not said:
        yield decision.text


#: a sentence about the question, not its answer: "The user asked about the music playing on the
#: screen." shares "screen" with a clip's "Screen showed: …" but says nothing (vLLM mode, SmolLM2)
#: nor is the model narrating itself: "The assistant explained that the recipe card had 250 blueberry
#: flowers" (vLLM mode, SmolLM2)
_ABOUT_THE_ASKER = re.compile(r"^\W*(?:(?:the user|you) (?:asked|asks|want(?:ed|s)? to know|(?:is|are|were|was) asking)"
                              r"|the assistant)\b", re.IGNORECASE)
#: a checked model answers in at most this many sentences (a small one repeats itself until cut)
MAX_MODEL_SENTENCES = 2


def _judge(sentence: str, said: list[str], decision: Decision, question: str) -> str:
    """"unsupported" (states what the clips do not hold), "empty" (says nothing of the grounded
    answer that the question did not: "The user asked where they put their keys.", or another part
    of the clip: "The user said they put their keys in the red drawer." for the invoice number; or
    repeats itself), or "ok"."""
    if not supported(sentence, decision.cited, question):
        return "unsupported"
    evidence = frozenset(tokens(decision.text))
    new = set(tokens(sentence)) - set(tokens(question))
    if (not new & evidence or _ABOUT_THE_ASKER.match(sentence)
            or any(sentence.lower() == earlier.lower() for earlier in said)):
        return "empty"
    return "ok"


def _sentences(text: str) -> list[str]:
    """Complete sentences of `text` and, last, the unfinished rest ("" when none)."""
    parts = re.split(r"(?<=[.!?])\s+", text)
    return [p.strip() for p in parts[:-1]] + [parts[-1]]
