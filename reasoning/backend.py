"""What the answering model sees, and the protocol every answering backend implements."""
from __future__ import annotations

from dataclasses import dataclass, replace
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

    def clipped(self, max_chars: int) -> Prompt:
        """The prompt with every text cut so that together they stay within `max_chars`: the
        question gets up to a quarter, the clips, summary and history lines share the rest.
        A model's cost grows with the square of its prompt, and the question is the user's."""
        question = self.question[:max_chars // 4]
        texts = len(self.history) + len(self.clips) + 1
        share = max(0, max_chars - len(question)) // texts
        if len(question) == len(self.question) and all(
                len(text) <= share for text in (self.summary, *(c.text for c in self.clips), *(h[2] for h in self.history))):
            return self
        return replace(
            self, question=question, summary=self.summary[:share],
            clips=tuple(replace(clip, text=clip.text[:share]) for clip in self.clips),
            history=tuple((speaker, t, text[:share]) for speaker, t, text in self.history))


class AnswerBackend(Protocol):
    """Streams answer text. Cancelling the consuming task must close the model stream."""

    name: str
    #: False while a model process this backend needs is down (restarting)
    healthy: bool

    def stream(self, prompt: Prompt) -> AsyncIterator[str]: ...

    def close(self) -> None:
        """Release model processes and connections (at shutdown)."""
        ...


class BackendError(RuntimeError):
    """The model could not answer (down, slow, refused); the message is fit to show the user."""
