"""Answer events and the datachannel form of every event sent to the page."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import numpy as np

from perception.events import FrameFeatures, SoundEvent, SpeechSegment, SpeechStarted, Transcript


@dataclass(frozen=True)
class AnswerDelta:
    """A piece of answer text (one sentence or clause), streamed as it is produced."""

    session_id: str
    answer_id: str
    t: float
    text: str
    final: bool = False


@dataclass(frozen=True)
class Interrupt:
    """The user spoke over an answer: what they actually heard is kept in `heard`."""

    session_id: str
    answer_id: str
    t: float
    heard: str


def to_message(event: Any, **extra: Any) -> dict[str, Any]:
    """Datachannel/JSON form of an event: its fields minus raw media, plus a `type` tag."""
    data = {
        f.name: getattr(event, f.name)
        for f in dataclasses.fields(event)
        if not isinstance(getattr(event, f.name), (np.ndarray, bytes))
    }
    for key, value in data.items():
        if isinstance(value, tuple):
            data[key] = list(value)
    data["type"] = _MESSAGE_TYPES[type(event)]
    data.update(extra)
    return data


_MESSAGE_TYPES: dict[type, str] = {
    SpeechStarted: "speech_started",
    SpeechSegment: "speech_segment",
    Transcript: "transcript",
    FrameFeatures: "frame",
    SoundEvent: "sound",
    AnswerDelta: "answer",
    Interrupt: "interrupted",
}
