"""What the answering model sees, and the protocol every answering backend implements."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import AsyncIterator, Protocol


@dataclass(frozen=True)
class Evidence:
    """One retrieved moment of the stream: a clip of memory with its time span."""

    clip_id: str
    start: float
    end: float
    text: str
    score: float = 0.0
    #: JPEG bytes of the clip's keyframes (sent to multimodal models as image parts)
    keyframes: tuple[bytes, ...] = field(default=(), repr=False)
    #: 16 kHz mono int16 PCM bytes of the clip's audio, when kept (for models that take audio)
    audio_pcm: bytes | None = field(default=None, repr=False)
    sound_tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Prompt:
    """IXC2.5-OmniLive-style prompt: question, question-related clips and memory, recent talk."""

    question: str
    #: stream time at which the question was asked
    asked_at: float
    #: recent conversation, oldest first, as (speaker, stream time, text)
    history: tuple[tuple[str, float, str], ...] = ()
    #: the question-related clips, best first
    clips: tuple[Evidence, ...] = ()
    #: the session's running summary of long-term memory
    summary: str = ""


class AnswerBackend(Protocol):
    """Streams answer text. Cancelling the consuming task must close the model stream."""

    name: str

    def stream(self, prompt: Prompt) -> AsyncIterator[str]: ...


class BackendError(RuntimeError):
    """The model could not answer (down, slow, refused); the message is fit to show the user."""


def clock(seconds: float) -> str:
    """Stream time as the user reads it: 03:12, or 1:02:03 past an hour."""
    seconds = max(0, int(round(seconds)))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"
