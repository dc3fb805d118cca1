"""Answers from a vLLM server through its OpenAI-compatible streaming chat API.

`VllmBackend(settings).stream(prompt)` yields answer text as it arrives. It never waits longer
than `settings.vllm_timeout_s` for the first text, and turns every failure (server down, slow,
refusing, cut mid-answer) into a `BackendError` whose message can be shown or spoken to the user.
Cancelling the consuming task (barge-in) closes the HTTP stream at once; vLLM sees the client
go away and aborts the request, so it stops generating.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any, AsyncIterator

import httpx
import openai
from openai import AsyncOpenAI

from reasoning.backend import BackendError, Prompt
from reasoning.prompting import (
    SYSTEM_INSTRUCTION,
    ModelCapabilities,
    build_multimodal_messages,
    capabilities_for,
)

log = logging.getLogger(__name__)


class VllmBackend:
    """`AnswerBackend` backed by a vLLM (or any OpenAI-compatible) chat completions endpoint.

    settings: reads `vllm_base_url`, `vllm_model`, `vllm_api_key`, `vllm_timeout_s`, and when
    present `vllm_max_tokens` / `vllm_temperature` / `vllm_max_prompt_chars` (otherwise the
    keyword defaults below).
    """

    name = "vllm"
    #: a remote server: its outages show as errors per answer, not as this process being unready
    healthy = True

    def __init__(
        self,
        settings: Any,
        *,
        capabilities: ModelCapabilities | None = None,
        max_tokens: int | None = None,
        temperature: float | None = None,
        extra_body: dict[str, Any] | None = None,
        stall_timeout_s: float | None = None,
        system: str = SYSTEM_INSTRUCTION,
        client: AsyncOpenAI | None = None,
    ) -> None:
        self.base_url: str = str(settings.vllm_base_url).rstrip("/")
        self.model: str = settings.vllm_model
        self.timeout_s: float = float(settings.vllm_timeout_s)
        #: longest silence tolerated between two chunks once the answer has started
        self.stall_timeout_s: float = stall_timeout_s if stall_timeout_s is not None else max(self.timeout_s, 30.0)
        self.capabilities = capabilities or capabilities_for(self.model)
        self.max_tokens = max_tokens if max_tokens is not None else int(getattr(settings, "vllm_max_tokens", 128))
        self.temperature = (
            temperature if temperature is not None else float(getattr(settings, "vllm_temperature", 0.0))
        )
        self.max_prompt_chars = int(getattr(settings, "vllm_max_prompt_chars", 24000))
        self.extra_body = dict(extra_body or {})
        self.system = system
        self._client = client or AsyncOpenAI(
            base_url=self.base_url,
            api_key=settings.vllm_api_key or "EMPTY",
            max_retries=0,  # a retry would only delay the fallback answer
            # the time to first token is enforced below; httpx only bounds connect / write
            timeout=httpx.Timeout(None, connect=self.timeout_s, write=self.timeout_s, pool=self.timeout_s),
        )

    def messages(self, prompt: Prompt) -> list[dict[str, Any]]:
        return build_multimodal_messages(prompt.clipped(self.max_prompt_chars), self.capabilities, system=self.system)

    async def stream(self, prompt: Prompt) -> AsyncIterator[str]:
        async for text in self.stream_messages(self.messages(prompt)):
            yield text

    async def stream_messages(self, messages: list[dict[str, Any]], **request: Any) -> AsyncIterator[str]:
        """Stream the text deltas of one chat completion (`request` overrides fields of the call)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout_s
        started = False
        response = None
        body = dict(
            model=self.model,
            messages=messages,
            stream=True,
            max_tokens=self.max_tokens,
            temperature=self.temperature,
        )
        if self.extra_body:
            body["extra_body"] = dict(self.extra_body)
        body.update(request)
        try:
            try:
                async with asyncio.timeout_at(deadline):
                    response = await self._client.chat.completions.create(**body)
                chunks = response.__aiter__()
                while True:
                    # never yield inside the timeout: it would then time the consumer, not the server
                    async with asyncio.timeout_at(deadline if not started else loop.time() + self.stall_timeout_s):
                        try:
                            chunk = await chunks.__anext__()
                        except StopAsyncIteration:
                            break
                    text = _delta_text(chunk)
                    if text:
                        started = True
                        yield text
            except TimeoutError:
                if started:
                    raise self._error(f"stopped answering (nothing for {self.stall_timeout_s:g} s)") from None
                raise self._error(f"did not answer within {self.timeout_s:g} s") from None
            except openai.APIStatusError as e:
                raise self._error(f"refused the question (HTTP {e.status_code}: {_api_message(e)})") from e
            except openai.APIConnectionError as e:
                if started or response is not None:
                    raise self._error("stopped mid-answer: the connection was lost") from e
                raise BackendError(f"the answering model at {self.base_url} is not reachable") from e
            except openai.APIError as e:  # an error event inside the stream
                raise self._error(f"failed mid-answer: {_api_message(e)}") from e
            except (httpx.HTTPError, OSError) as e:  # the connection broke while reading the stream
                raise self._error("stopped mid-answer: the connection was lost") from e
        finally:
            if response is not None:
                # closes the connection: vLLM sees the disconnect and aborts the request
                try:
                    await response.close()
                except Exception:  # noqa: BLE001 — closing a broken stream may fail; nothing to do
                    log.debug("closing the vLLM stream failed", exc_info=True)

    def _error(self, what: str) -> BackendError:
        return BackendError(f"the answering model at {self.base_url} {what}")

    def close(self) -> None:
        """Close the HTTP connections (on the running loop; without one nothing can use them)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._closing = loop.create_task(self._client.close())


def _delta_text(chunk: Any) -> str:
    """The answer text of one stream chunk; reasoning deltas (`delta.reasoning`) are left out."""
    choices = getattr(chunk, "choices", None) or []
    if not choices:
        return ""
    delta = getattr(choices[0], "delta", None)
    content = getattr(delta, "content", None) if delta is not None else None
    return content if isinstance(content, str) else ""


def _api_message(error: openai.APIError) -> str:
    body = getattr(error, "body", None)
    if isinstance(body, dict):
        inner = body.get("error")
        if isinstance(inner, dict) and inner.get("message"):
            return str(inner["message"])
        if body.get("message"):
            return str(body["message"])
    return str(getattr(error, "message", "") or error)
