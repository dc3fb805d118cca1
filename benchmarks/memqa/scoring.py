"""Deterministic scoring of one played stream from the datachannel messages the client received.

Who answered what: every `transcript` message is matched to the scripted utterance it overlaps
(by stream time); an addressed transcript owns the answer ids that first appear after it (the
`answer` messages, joined). An answer is judged only from its text:

* correct: every `expect` regex matches, no `forbid` regex matches, no invented number; for
  `decline` questions the answer says no / don't know; for `when` it names a time inside the event
  (a clock label such as 01:23, or "N seconds/minutes ago"); small talk only has to be answered;
* hallucination: the answer holds a number (or the digits of a code) that occurs nowhere in the
  stream's script (speech, screens, the questions) and is not the expected answer (a count of a
  list's lines), or asserts something for a `decline` question;
* citation: the first cited clip overlaps the event(s) the question is about (reported on its own).

Text is compared lower-cased, with number words turned into digits ("forty two" → 42) and digit
group commas removed ("11,000" → 11000).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from benchmarks.memqa.plan import Plan, Utterance
from benchmarks.memqa.script import Question

_UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                      "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i > 1}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "nineteenth": 19, "twentieth": 20}
_SCALES = {"hundred": 100, "thousand": 1000}
DECLINE = re.compile(r"\b(no|not|never|nothing|none|nobody|don't|didn't|doesn't|haven't|hasn't|wasn't|weren't|isn't|aren't|"
                     r"can't|cannot|couldn't|unable|unsure|no idea|not sure)\b")
#: an answer that says no, or does not know: wrong for a question whose true answer is yes (its
#: expected patterns start "yes|"), however many of the expected words it repeats ("No, I didn't
#: hear any singing" holds "sing")
DENIAL = re.compile(r"^\W*(no|nope|nah)\b|\b(didn't|did not|don't know|not sure|no idea|there was no|nothing about)\b")
CLOCK = re.compile(r"\b(?:(\d+):)?(\d{1,2}):(\d{2})\b")
AGO = re.compile(r"\b(\d+|a|an|one) (second|minute)s? ago\b")


def _words_to_numbers(text: str) -> str:
    """'forty two' → '42', 'one hundred and twenty' → '120', 'twelfth' → '12' (other words unchanged)."""
    out: list[str] = []
    value: int | None = None
    total = 0
    for token in re.findall(r"\d+(?:[.:,]\d+)+|[\w'-]+|[^\w\s]", text):
        word = token.lower()
        n = _UNITS.get(word, _TENS.get(word, _ORDINALS.get(word)))
        if n is not None:
            if value is None or (value == 0 and total):
                value = n
            elif (value % 10 == 0 and value % 100 >= 20 and n < 10) or (value % 100 == 0 and value >= 100 and n < 100):
                value += n
            else:
                out.append(str(total + value))
                value, total = n, 0
        elif word in _SCALES and value is not None:
            if _SCALES[word] == 1000:
                total, value = (total + value) * 1000, 0
            else:
                value *= 100
        elif word == "and" and value is not None and value >= 100:
            continue
        else:
            if value is not None:
                out.append(str(total + value))
                value, total = None, 0
            out.append(token)
    if value is not None:
        out.append(str(total + value))
    return " ".join(out)


def normalise(text: str) -> str:
    text = text.replace("\u2019", "'").lower()
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    return re.sub(r"\s+", " ", _words_to_numbers(text)).strip()


def numbers(text: str) -> set[str]:
    """The digit runs a (normalised) text states, leading zeros dropped; clock labels and "N … ago" are
    times, not facts, and are left out. Codes count by their digits ('QX-4471', 'qx4471' → '4471'), so
    OCR-glued words do not count as invented, and a wrong letter in a code is not caught."""
    return {run.lstrip("0") or "0" for run in re.findall(r"\d+", AGO.sub(" ", CLOCK.sub(" ", text)))}


def invented_numbers(answer: str, world: set[str], expect: Iterable[str]) -> list[str]:
    """The numbers a (normalised) answer states that the stream never held. The expected answer is
    a fact of the stream even when no digit of it was said or shown (a count of a list's lines)."""
    expected = {n for e in expect for m in re.finditer(e, answer) for n in numbers(m.group(0))}
    return sorted(numbers(answer) - world - expected)


def world_numbers(plan: Plan) -> set[str]:
    return numbers(normalise(plan.world_text()))


def said_times(answer: str, asked_at: float) -> list[float]:
    """Stream times an answer names: clock labels (mm:ss, h:mm:ss) and 'N seconds/minutes ago'."""
    times = [int(h or 0) * 3600 + int(m) * 60 + int(s) for h, m, s in CLOCK.findall(answer)]
    for amount, unit in AGO.findall(answer):
        n = 1 if amount in ("a", "an", "one") else int(amount)
        times.append(asked_at - n * (60 if unit == "minute" else 1))
    return times


@dataclass
class Heard:
    """What the server made of one scripted utterance."""

    utterance: Utterance
    transcripts: list[dict[str, Any]] = field(default_factory=list)
    answer_ids: list[str] = field(default_factory=list)

    @property
    def addressed(self) -> bool:
        return any(t.get("addressed") for t in self.transcripts)


def attribute(plan: Plan, messages: list[dict[str, Any]]) -> tuple[list[Heard], dict[str, dict[str, Any]]]:
    """Match transcripts to utterances and answers to transcripts; returns (heard per utterance,
    answers by id: {'text', 'clips', 'latency', 'owner'})."""
    heard = [Heard(u) for u in plan.utterances]
    stray = Heard(Utterance("sound", -1, -1, "(nothing scripted)", "", None))  # type: ignore[arg-type]
    answers: dict[str, dict[str, Any]] = {}
    owner: Heard | None = None
    for message in messages:
        kind = message.get("type")
        if kind == "transcript":
            start = float(message.get("start", -1))
            match = next((h for h in heard if h.utterance.start - 0.8 <= start <= h.utterance.end + 0.6), stray)
            match.transcripts.append(message)
            if message.get("addressed"):
                owner = match
        elif kind == "answer":
            answer_id = message.get("answer_id", "")
            if answer_id not in answers:
                answers[answer_id] = {"text": "", "clips": [], "latency": {}, "owner": owner}
                if owner is not None:
                    owner.answer_ids.append(answer_id)
            entry = answers[answer_id]
            if message.get("text"):
                entry["text"] = (entry["text"] + " " + message["text"]).strip()
            if message.get("clips") and not entry["clips"]:
                entry["clips"] = message["clips"]
            if message.get("final") and message.get("latency"):
                entry["latency"] = {**message["latency"], **entry["latency"]}
        elif kind == "latency" and message.get("answer_id") in answers:
            answers[message["answer_id"]]["latency"].update({k: v for k, v in message.items() if v is not None})
    if stray.transcripts:
        heard.append(stray)
    return heard, answers


def misses(q: Question, norm: str) -> tuple[list[str], list[str]]:
    """What a normalised answer to a question that is not declined lacks (`expect`) and has wrong
    (`forbid`, or a no to a yes)."""
    missing = [e for e in q.expect if not re.search(e, norm)]
    wrong = [f for f in q.forbid if re.search(f, norm)]
    if any(e.startswith("yes|") for e in q.expect) and DENIAL.search(norm):
        wrong.append("a no to a yes")
    return missing, wrong


def score(plan: Plan, messages: list[dict[str, Any]], memory_text: str = "") -> dict[str, Any]:
    """Per-question and per-remark results of one played stream. `memory_text` (what the server
    transcribed and read) tells an invented number quoted from a wrong transcript or OCR apart from
    one the answer made up."""
    heard, answers = attribute(plan, messages)
    world = world_numbers(plan)
    remembered = numbers(normalise(memory_text))
    questions, remarks, noise = [], [], []
    for h in heard:
        text = " ".join(answers[a]["text"] for a in h.answer_ids).strip()
        spoken = " ".join(t.get("text", "") for t in h.transcripts).strip()
        if h.utterance.kind != "question":
            (remarks if h.utterance.kind == "remark" else noise).append({
                "at": round(h.utterance.start, 1), "said": h.utterance.text, "heard": spoken,
                "addressed": h.addressed, "answered": bool(text), "answer": text})
            continue
        q = plan.stream.questions[h.utterance.question]
        norm = normalise(text)
        invented = invented_numbers(norm, world, q.expect)
        declined = bool(DECLINE.search(norm))
        window = plan.window(q)
        result: dict[str, Any] = {
            "stream": plan.stream.name, "split": plan.stream.split, "category": q.category, "question": q.text,
            "voice": q.voice.label, "asked_at": round(h.utterance.start, 1), "heard": spoken,
            "addressed": h.addressed, "answered": bool(text), "answer": text,
            "window": None if window is None else [round(window[0], 1), round(min(window[1], 99999), 1)],
            "invented_numbers": invented, "declined": declined,
            "invented_in_memory": [n for n in invented if n in remembered],
        }
        if not text:
            correct, hallucinated = False, False
        elif q.decline:
            hallucinated = bool(invented) or not declined
            correct = declined and not hallucinated and not any(re.search(f, norm) for f in q.forbid)
        else:
            hallucinated = bool(invented)
            missing, wrong = misses(q, norm)
            correct = not missing and not wrong and not invented
            if (q.category == "when" or q.timed) and window is not None:
                times = said_times(norm, h.utterance.start)
                slack = max(10.0, 0.15 * (h.utterance.start - window[0]))
                correct = correct and any(window[0] - slack <= t <= window[1] + slack for t in times)
            result.update(missing=missing, forbidden=wrong)
        clips = next((answers[a]["clips"] for a in h.answer_ids if answers[a]["clips"]), [])
        if clips and window is not None and not q.decline:
            first = clips[0]
            result["cited"] = [round(first.get("start", 0), 1), round(first.get("end", 0), 1)]
            result["citation_ok"] = first.get("start", 0) <= window[1] + 2 and first.get("end", 0) >= window[0] - 2
        latencies = [answers[a]["latency"].get("first_audio_s") for a in h.answer_ids]
        result["first_audio_s"] = next((x for x in latencies if x is not None), None)
        result.update(correct=correct, hallucinated=hallucinated and q.category != "smalltalk")
        questions.append(result)
    return {"questions": questions, "remarks": remarks, "sounds": noise}


def memory_text(run: dict[str, Any]) -> str:
    """Everything the server transcribed or read during a run: its transcripts and its timeline."""
    said = [m.get("text", "") for m in run.get("messages", []) if m.get("type") == "transcript"]
    clips = [c.get("text", "") for c in (run.get("timeline") or {}).get("clips", [])]
    return "\n".join(said + clips)
