"""Answer with a second backend when the first cannot start its answer.

`FallbackBackend(primary, fallback)`: on `BackendError` from the primary before it yielded any
text, the fallback's answer is streamed instead; once the primary has spoken, its error is
raised (a half answer cannot be continued by another model).
"""
from __future__ import annotations

import logging
from contextlib import aclosing
from typing import Any, AsyncIterator, Callable

from reasoning.backend import AnswerBackend, BackendError, Prompt

log = logging.getLogger(__name__)


class FallbackBackend:
    def __init__(
        self,
        primary: AnswerBackend,
        fallback: AnswerBackend,
        *,
        on_fallback: Callable[[BackendError], None] | None = None,
    ) -> None:
        self.primary = primary
        self.fallback = fallback
        self.name = f"{primary.name}|{fallback.name}"
        self.on_fallback = on_fallback
        #: how many answers came from the fallback, and why the last one did
        self.fallbacks = 0
        self.last_error: BackendError | None = None

    @property
    def healthy(self) -> bool:
        return self.primary.healthy or self.fallback.healthy

    @property
    def capabilities(self) -> Any:
        """What the primary's model takes (images, audio); the fallback only ever gets text."""
        return getattr(self.primary, "capabilities", None)

    def close(self) -> None:
        self.primary.close()
        self.fallback.close()

    async def stream(self, prompt: Prompt) -> AsyncIterator[str]:
        failed: BackendError | None = None
        spoke = False
        async with aclosing(self.primary.stream(prompt)) as primary:
            try:
                async for text in primary:
                    spoke = True
                    yield text
            except BackendError as e:
                if spoke:
                    raise
                failed = e
        if failed is None:
            return
        self.fallbacks += 1
        self.last_error = failed
        log.warning("%s failed before answering (%s); answering with %s", self.primary.name, failed, self.fallback.name)
        if self.on_fallback is not None:
            self.on_fallback(failed)
        async with aclosing(self.fallback.stream(prompt)) as answer:
            async for text in answer:
                yield text


def answer_backend(settings: Any, embedded: Callable[[], AnswerBackend]) -> AnswerBackend:
    """The backend the settings ask for: embedded, or vLLM (with the embedded one as fallback
    when `vllm_fallback_embedded`). `embedded` builds the embedded backend (called at most once)."""
    if settings.llm_backend != "vllm":
        return embedded()
    from reasoning.vllm_backend import VllmBackend

    vllm = VllmBackend(settings)
    return FallbackBackend(vllm, embedded()) if settings.vllm_fallback_embedded else vllm
