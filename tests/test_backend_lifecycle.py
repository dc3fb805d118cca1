"""Backends without real models: readiness follows a model process's health, shutdown closes every
backend (the embedded fallback's child in vLLM mode too), prompts are clipped before any model."""
from __future__ import annotations

import json
from typing import AsyncIterator

from memory.records import Evidence
from reasoning.backend import Prompt
from reasoning.embedded import EmbeddedBackend
from reasoning.fallback import FallbackBackend
from reasoning.vllm_backend import VllmBackend
from server.config import Settings
from server.models import LoadStep, Models
from tests.conftest import running_app


class FakeChild:
    """Stands for ProcessLM: a health flag and a close() that is recorded."""

    def __init__(self) -> None:
        self.healthy = True
        self.closed = False

    async def stream(self, messages: list[dict[str, str]]) -> AsyncIterator[str]:
        yield "hello"

    def close(self) -> None:
        self.closed = True


def _models(settings: Settings, backend) -> Models:
    models = Models(settings)
    models.steps = {"answering model": LoadStep("answering model", "ready")}
    models.backend = backend
    models.ready_event.set()
    return models


async def test_readyz_follows_the_model_process_health(settings) -> None:
    child = FakeChild()
    models = _models(settings, EmbeddedBackend(child))
    async with running_app(settings, models) as (_, http):
        assert (await http.get("/readyz")).status_code == 200
        child.healthy = False
        down = await http.get("/readyz")
        assert down.status_code == 503 and down.json()["reason"] == "the answering model is restarting"
        refused = await http.post("/offer", json={"sdp": "v=0\r\n", "type": "offer"})
        assert refused.status_code == 503 and "restarting" in refused.json()["error"]
        child.healthy = True
        assert (await http.get("/readyz")).status_code == 200
    models.shutdown()


def test_shutdown_closes_the_embedded_fallback_in_vllm_mode(settings) -> None:
    child = FakeChild()
    models = _models(settings, FallbackBackend(VllmBackend(settings), EmbeddedBackend(child)))
    models.shutdown()
    assert child.closed


def test_vllm_mode_stays_ready_while_the_fallback_restarts(settings) -> None:
    child = FakeChild()
    models = _models(settings, FallbackBackend(VllmBackend(settings), EmbeddedBackend(child)))
    child.healthy = False
    assert models.ready  # vLLM still answers
    models.shutdown()


def test_prompt_clipping_bounds_every_text() -> None:
    clip = Evidence("c1", 0.0, 5.0, "seen " * 10000)
    prompt = Prompt(question="q" * 100_000, asked_at=1.0, history=(("user", 0.0, "h" * 100_000),) * 6,
                    clips=(clip,) * 3, summary="s" * 100_000)
    clipped = prompt.clipped(4000)
    total = (len(clipped.question) + len(clipped.summary) + sum(len(c.text) for c in clipped.clips)
             + sum(len(h[2]) for h in clipped.history))
    assert total <= 4000 and len(clipped.question) == 1000
    assert clipped.clips[0].clip_id == "c1" and clipped.asked_at == 1.0
    short = Prompt(question="what did I say?", asked_at=0.0)
    assert short.clipped(4000) is short


def test_vllm_prompts_are_clipped_to_the_configured_size(settings) -> None:
    backend = VllmBackend(settings.model_copy(update={"vllm_max_prompt_chars": 6000}))
    prompt = Prompt(question="why " * 25000, asked_at=0.0, history=(("user", 0.0, "x" * 50000),),
                    clips=(Evidence("c1", 0.0, 5.0, "seen " * 10000),))
    sent = json.dumps(backend.messages(prompt))
    assert len(sent) < 6000 + 2000  # the clipped texts plus the instructions around them (unclipped: 200 KB)
