"""The embedded backend answers questions about a recorded stream with the right fact and time."""
from __future__ import annotations

import re

import pytest

from reasoning.backend import Prompt
from reasoning.embedded import EmbeddedBackend
from server.config import Settings
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
    prompt = Prompt(question, NOW, clips=tuple(memory.search(question, now=NOW, k=3)))
    return "".join([piece async for piece in backend.stream(prompt)])


async def test_embedded_answers_name_the_fact_and_the_moment(recorded, models):  # noqa: F811
    assert isinstance(models.backend, EmbeddedBackend)
    misses = []
    for question, (facts, (lo, hi)) in QUESTIONS.items():
        answer = await _answer(models.backend, question, recorded)
        at = _stream_seconds(answer)
        right_fact = any(fact in answer.lower().replace("  ", " ") for fact in facts)
        right_time = at is not None and lo - 5 <= at <= hi + 5
        if not (right_fact and right_time):
            misses.append(f"{question} → {answer}")
    print(f"{len(QUESTIONS) - len(misses)}/{len(QUESTIONS)} right; misses:", *misses, sep="\n")
    assert len(QUESTIONS) - len(misses) >= 8, "\n".join(misses)


OFF_TOPIC = ["Tell me a short joke.", "What is the weather like?", "What is the capital of France?",
             "Can you help me with something?", "How long have we been talking?"]


def test_only_relevant_clips_pass_the_evidence_threshold(recorded):  # noqa: F811
    """Questions the stream cannot answer must not be answered by quoting some clip."""
    threshold = Settings().min_evidence_score
    for question in QUESTIONS:
        assert recorded.search(question, now=NOW, k=1)[0].score >= threshold, question
    for question in OFF_TOPIC:
        assert all(hit.score < threshold for hit in recorded.search(question, now=NOW, k=3)), question
