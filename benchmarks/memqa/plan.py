"""A stream script laid out in stream time: what is played when, and where each scripted event lies."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from benchmarks.memqa import media
from benchmarks.memqa.script import Question, Screen, Sound, Speech, Stream

#: the end of a screen that is never replaced (it stays up through the questions)
FOREVER = 1e9


@dataclass
class Utterance:
    """Something the client plays: a remark (should be remembered, not answered), a sound, or a question."""

    kind: Literal["remark", "sound", "question"]
    start: float
    end: float
    text: str
    voice: str
    pcm: np.ndarray = field(repr=False)
    question: int | None = None  # index into stream.questions
    event_id: str = ""


@dataclass
class Plan:
    stream: Stream
    utterances: list[Utterance]
    slides: list[tuple[float, np.ndarray]]
    #: event id → (start, end) in stream seconds
    spans: dict[str, tuple[float, float]]
    content_end: float

    def world_text(self) -> str:
        """Every word the stream contained (speech, screens, the questions themselves)."""
        parts = [u.text for u in self.utterances if u.kind != "sound"]
        parts += [" ".join(e.lines) for e in self.stream.events if isinstance(e, Screen)]
        scenes = [e.scene.partition(":") for e in self.stream.events if isinstance(e, Screen) and e.scene]
        parts += [media.SCENE_FACTS[kind](arg) for kind, _, arg in scenes if kind in media.SCENE_FACTS]
        parts += [q.text for q in self.stream.questions]
        return "\n".join(parts)

    def window(self, question: Question) -> tuple[float, float] | None:
        spans = [self.spans[i] for i in question.about if i in self.spans]
        if not spans:
            return None
        return min(s for s, _ in spans), max(e for _, e in spans)


def voiced_end(pcm: np.ndarray) -> float:
    from benchmarks.voice import voiced_end as end

    return end(pcm, media.RATE)


def question_audio(question: Question) -> np.ndarray:
    return media.spoken(question.text, question.voice)


def make_plan(stream: Stream) -> Plan:
    utterances: list[Utterance] = []
    spans: dict[str, tuple[float, float]] = {}
    screens = sorted((e for e in stream.events if isinstance(e, Screen)), key=lambda e: e.at)
    for event in stream.events:
        if isinstance(event, Speech):
            pcm, text = media.speech_audio(event)
            label = event.recording.split(":")[0] if event.recording else event.voice.label
            utterances.append(Utterance("remark", event.at, event.at + voiced_end(pcm), text, label, pcm,
                                        event_id=event.id))
        elif isinstance(event, Sound):
            pcm = media.sound_audio(event)
            utterances.append(Utterance("sound", event.at, event.at + len(pcm) / media.RATE, event.source, "",
                                        pcm, event_id=event.id))
        else:
            continue
        if event.id:
            spans[event.id] = (utterances[-1].start, utterances[-1].end)
    for screen, following in zip(screens, [*screens[1:], None], strict=True):
        if screen.id:
            spans[screen.id] = (screen.at, following.at if following else FOREVER)
    for index, question in enumerate(stream.questions):
        if question.at is not None:
            pcm = question_audio(question)
            utterances.append(Utterance("question", question.at, question.at + voiced_end(pcm), question.text,
                                        question.voice.label, pcm, question=index))
    utterances.sort(key=lambda u: u.start)
    content_end = max([u.end for u in utterances] + [s.at + 5 for s in screens])
    slides = [(screen.at, media.picture(screen)) for screen in screens]
    return Plan(stream, utterances, slides, spans, content_end)
