"""The supervised LLM child: killed → /readyz 503, restarted → 200 and answering; queued requests
cancel; a 100 KB question stays bounded; no zombie is left."""
from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import time
from pathlib import Path

import psutil
import pytest

from reasoning.backend import BackendError, Prompt
from reasoning.embedded import (
    EmbeddedBackend,
    convert_gguf_once,
    convert_to_ctranslate2_once,
    packaged_smollm2_gguf,
)
from reasoning.llm_process import RESTARTED, ProcessLM
from server.config import Settings
from server.models import LoadStep, Models
from tests.conftest import running_app

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def llm() -> ProcessLM:
    cache = Settings().cache_dir
    process = ProcessLM(convert_to_ctranslate2_once(convert_gguf_once(packaged_smollm2_gguf(), cache), cache),
                        max_new_tokens=32, context_tokens=Settings().llm_context_tokens)
    yield process
    pid = process.pid
    process.close()
    assert _gone(pid)  # closed means reaped, not a zombie


def _gone(pid: int) -> bool:
    """Neither running nor a zombie."""
    try:
        psutil.Process(pid).status()
    except psutil.NoSuchProcess:
        return True
    return False


async def ask(llm: ProcessLM, content: str) -> str:
    async with contextlib.aclosing(llm.stream([{"role": "user", "content": content}])) as stream:
        return "".join([piece async for piece in stream])


async def wait_until(predicate, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def test_a_killed_child_is_reaped_restarted_and_readiness_follows(llm: ProcessLM, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    models = Models(settings)
    models.steps = {"answering model": LoadStep("answering model", "ready")}
    models.backend = EmbeddedBackend(llm)
    models.ready_event.set()
    async with running_app(settings, models) as (_, http):
        assert (await http.get("/readyz")).status_code == 200
        assert await ask(llm, "Say hello.")
        old = llm.pid
        answering = llm.stream([{"role": "user", "content": "Tell me a long story about a dragon."}])
        await answering.__anext__()  # the child is mid-answer when it dies
        os.kill(old, signal.SIGKILL)
        with pytest.raises(BackendError, match=RESTARTED):
            async for _ in answering:
                pass
        await answering.aclose()
        down = await http.get("/readyz")
        assert down.status_code == 503 and "restarting" in down.json()["reason"]
        with pytest.raises(BackendError, match="restarted; please ask again"):
            await ask(llm, "Are you there?")  # said at once, not an errno
        await wait_until(lambda: _gone(old), timeout=6)  # reaped: no zombie
        await wait_until(lambda: llm.healthy, timeout=60)
        assert (await http.get("/readyz")).status_code == 200
        assert llm.pid != old and llm.restarts >= 1
        assert (await ask(llm, "Say hello.")).strip()  # the next question is answered


async def test_a_queued_request_is_cancelled_before_it_runs(llm: ProcessLM) -> None:
    await wait_until(lambda: llm.healthy, timeout=60)
    first = asyncio.create_task(ask(llm, "Tell me a long story."))
    queued = llm.stream([{"role": "user", "content": "Count to one hundred."}])
    waiting = asyncio.create_task(queued.__anext__())
    await wait_until(lambda: len(llm._waiting) == 1, timeout=5)
    waiting.cancel()  # the session was interrupted while its request waited its turn
    with contextlib.suppress(asyncio.CancelledError):
        await waiting
    await queued.aclose()
    assert not llm._waiting  # it left the queue at once, the child never saw it
    assert (await first).strip()
    assert (await ask(llm, "Say hello.")).strip()


async def test_a_100_kb_question_is_clipped_and_the_child_stays_small(llm: ProcessLM) -> None:
    await wait_until(lambda: llm.healthy, timeout=60)
    huge = "Please read all of this and tell me what it says. " * 2000  # ~100 KB
    started = time.monotonic()
    answer = await ask(llm, huge)
    assert time.monotonic() - started < 15  # bounded: the prompt was clipped to the context
    peak_kb = int(next(line.split()[1] for line in Path(f"/proc/{llm.pid}/status").read_text().splitlines()
                       if line.startswith("VmHWM:")))
    assert peak_kb < 1024 * 1024, f"the LLM child peaked at {peak_kb / 1024:.0f} MB"
    assert answer is not None
    assert (await ask(llm, "Say hello.")).strip()  # and the next question is answered


async def test_the_backend_clips_a_huge_prompt_before_the_model(llm: ProcessLM) -> None:
    await wait_until(lambda: llm.healthy, timeout=60)
    backend = EmbeddedBackend(llm, max_prompt_chars=2048)
    prompt = Prompt(question="why " * 25000, asked_at=0.0, history=(("user", 0.0, "x" * 50000),))
    assert len(prompt.clipped(2048).question) == 512
    async with contextlib.aclosing(backend.stream(prompt)) as stream:
        answer = "".join([piece async for piece in stream])
    assert len(answer) < 2048


async def test_a_hung_child_is_killed_and_restarted(tmp_path: Path) -> None:
    cache = Settings().cache_dir
    llm = ProcessLM(convert_to_ctranslate2_once(convert_gguf_once(packaged_smollm2_gguf(), cache), cache),
                    max_new_tokens=32, stall_s=2.0)
    try:
        hung = llm.pid
        os.kill(hung, signal.SIGSTOP)  # alive, but never answers
        with pytest.raises(BackendError, match=RESTARTED):
            await ask(llm, "Say hello.")
        await wait_until(lambda: _gone(hung), timeout=20)
        await wait_until(lambda: llm.healthy, timeout=60)
        assert (await ask(llm, "Say hello.")).strip()
    finally:
        llm.close()
