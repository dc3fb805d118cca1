"""What the answering model sees, and the protocol every answering backend implements."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import AsyncIterator, Protocol

from memory.records import Evidence


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
