"""Questions about a recorded stream get the right fact and time (the answer policy over the
embedded backend), and questions the stream cannot answer are not answered from some clip."""
from __future__ import annotations

import re

import pytest

from reasoning.answering import answer
from reasoning.backend import Prompt
from reasoning.embedded import EmbeddedBackend
from reasoning.grounding import decide, evidence_wanted
from tests.test_memory_recorded import NOW, recorded  # noqa: F401 - the recorded stream fixture

pytestmark = pytest.mark.slow

#: question → (words one of which the answer must contain, (lo, hi) stream seconds of the event)
QUESTIONS = {
    "What was the invoice number?": (("4471",), (0, 15)),
    "What did I say about the keys?": (("red drawer",), (17, 21)),
    "When is the meeting with Anna?": (("three", "3 pm"), (30, 45)),
    "What is the wifi code on the screen?": (("8812",), (70, 85)),
    "What do I need to buy?": (("milk",), (85, 100)),
    "Which gate does my flight leave from?": (("twelve", "gate 12"), (100, 115)),
    "When is my dentist appointment?": (("friday",), (115, 130)),
    "Where did I put my glasses?": (("shelf",), (130, 150)),
    "What was on the screen at the start?": (("4471",), (0, 15)),
    "When did the music stop?": (("music",), (65, 75)),
}


def _stream_seconds(answer: str) -> float | None:
    match = re.search(r"\bat (?:(\d+):)?(\d{2}):(\d{2})\b", answer, re.IGNORECASE)
    if not match:
        return None
    hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds


async def _answer(backend: EmbeddedBackend, question: str, memory) -> str:
    prompt = Prompt(question, NOW, clips=tuple(memory.search(question, now=NOW, k=evidence_wanted(question))))
    decision = decide(question, prompt.clips, NOW)
    return "".join([piece async for piece in answer(prompt, decision, backend)])


async def test_embedded_answers_name_the_fact_and_the_moment(recorded, models):  # noqa: F811
    assert isinstance(models.backend, EmbeddedBackend)
    misses = []
    for question, (facts, (lo, hi)) in QUESTIONS.items():
        said = await _answer(models.backend, question, recorded)
        at = _stream_seconds(said)
        right_fact = any(fact in said.lower().replace("  ", " ") for fact in facts)
        right_time = at is not None and lo - 5 <= at <= hi + 5
        if not (right_fact and right_time):
            misses.append(f"{question} → {said}")
    print(f"{len(QUESTIONS) - len(misses)}/{len(QUESTIONS)} right; misses:", *misses, sep="\n")
    assert len(QUESTIONS) - len(misses) >= 8, "\n".join(misses)


OFF_TOPIC = ["Tell me a short joke.", "What is the weather like?", "What is the capital of France?",
             "Can you help me with something?", "How long have we been talking?"]


def test_questions_the_stream_cannot_answer_are_not_answered_from_a_clip(recorded):  # noqa: F811
    for question in QUESTIONS:
        clips = recorded.search(question, now=NOW, k=evidence_wanted(question))
        assert decide(question, clips, NOW).verdict == "grounded", question
    for question in OFF_TOPIC:
        clips = recorded.search(question, now=NOW, k=max(3, evidence_wanted(question)))
        assert decide(question, clips, NOW).verdict in ("absent", "chat"), question
