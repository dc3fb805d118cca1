"""Ops endpoints: liveness, readiness, Prometheus metrics — and they answer while a session is stuck."""
from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import threading
import time

import numpy as np
import pytest
from aiortc import RTCPeerConnection

from perception.events import SpeechSegment
from reasoning.conversation import LatencyTrace
from server import metrics
from server.models import LoadStep, Models
from server.session import Session
from tests.conftest import running_app


def _stub_models(settings, ready: bool = True) -> Models:
    models = Models(settings)
    models.steps = {"speech recognition": LoadStep("speech recognition", "ready", 1.0),
                    "speech synthesis": LoadStep("speech synthesis", "ready" if ready else "loading")}
    if ready:
        models.ready_event.set()
    return models


@contextlib.asynccontextmanager
async def _client(settings, models):
    """The real app (see conftest); the app does not own these stub models, so they are shut here."""
    try:
        async with running_app(settings, models) as (app, http):
            yield app, http
    finally:
        models.shutdown()


async def test_healthz_answers_ok(settings):
    async with _client(settings, _stub_models(settings)) as (_, http):
        response = await http.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"ok": True}


async def test_readyz_is_503_while_models_load_then_200(settings):
    models = _stub_models(settings, ready=False)
    async with _client(settings, models) as (_, http):
        loading = await http.get("/readyz")
        assert loading.status_code == 503
        body = loading.json()
        assert body["ready"] is False
        assert {s["name"]: s["state"] for s in body["steps"]} == {"speech recognition": "ready",
                                                                  "speech synthesis": "loading"}
        assert "loading" in body["reason"]
        assert (await http.get("/healthz")).status_code == 200  # alive while not ready

        models.steps["speech synthesis"].state = "ready"
        models.ready_event.set()
        ready = await http.get("/readyz")
        assert ready.status_code == 200
        assert ready.json()["ready"] is True


async def test_readyz_names_a_failed_model(settings):
    models = _stub_models(settings, ready=False)
    models.steps["speech synthesis"] = LoadStep("speech synthesis", "failed", 0.1, "FileNotFoundError: joe.onnx")
    async with _client(settings, models) as (_, http):
        response = await http.get("/readyz")
        assert response.status_code == 503
        assert "joe.onnx" in response.json()["reason"]


async def test_metrics_expose_the_names(settings):
    trace = _trace("metrics-test-answer", spoken=10.0, turn_end=10.4, transcribed=10.6, first_token=10.7,
                   first_piece=10.75, first_audio=10.9)
    metrics.observe_answer(trace)
    metrics.observe_answer(trace)  # idempotent per answer
    with metrics.model_timer("asr"):
        pass
    assert metrics.timed("tts", lambda text: text.upper())("hi") == "HI"
    async with _client(settings, _stub_models(settings)) as (_, http):
        response = await http.get("/metrics")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/plain")
        text = response.text
    for name in ("livesight_sessions_live", "livesight_sessions_started_total", "livesight_stage_queue_depth",
                 "livesight_stage_drops_total", "livesight_answer_latency_seconds_bucket",
                 "livesight_model_inference_seconds_bucket", "livesight_memory_clips",
                 "livesight_event_loop_lag_seconds", "process_cpu_seconds_total"):
        assert name in text, name
    for step in ("turn_end", "transcript", "first_token", "first_piece", "first_audio"):
        assert f'livesight_answer_latency_seconds_count{{step="{step}"}}' in text
    assert 'livesight_model_inference_seconds_count{model="asr"}' in text
    assert 'livesight_model_inference_seconds_count{model="tts"}' in text


def _trace(answer_id: str, **times: float) -> LatencyTrace:
    return LatencyTrace(answer_id=answer_id, question="can you hear me", **times)


async def test_answer_latency_is_observed_once_per_step(settings):
    def count(step: str) -> float:
        return metrics.REGISTRY.get_sample_value("livesight_answer_latency_seconds_count", {"step": step}) or 0.0

    before = {step: count(step) for step in ("transcript", "first_token", "first_audio")}
    trace = _trace("metrics-once", spoken=5.0, turn_end=5.4, transcribed=5.7)
    metrics.observe_answer(trace)  # at the transcript: first audio not known yet
    trace.first_token, trace.first_audio = 5.9, 6.2
    metrics.observe_answer(trace)  # when the first audio went out
    metrics.observe_answer(trace)  # and again at the end of the answer: nothing new
    assert {step: count(step) - before[step] for step in before} == {
        "transcript": 1, "first_token": 1, "first_audio": 1}


def _sample(text: str, name: str, labels: str = "") -> float | None:
    prefix = f"{name}{{{labels}}} " if labels else f"{name} "
    for line in text.splitlines():
        if line.startswith(prefix):
            return float(line[len(prefix):])
    return None


class _BlockedRecognizer:
    """ASR that never returns until released: a session whose ASR worker is stuck."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.entered = threading.Event()

    def readings(self, pcm: np.ndarray, context: str = "") -> tuple[str, ...]:
        self.entered.set()
        self.release.wait(30)
        return ()


async def test_ops_endpoints_keep_answering_while_a_session_is_stuck(settings):
    models = _stub_models(settings)
    recognizer = _BlockedRecognizer()
    models.recognizer = recognizer
    async with _client(settings, models) as (app, http):
        core = app.state.core
        session = Session("stuck0000001", RTCPeerConnection(), models, settings)
        core.sessions[session.id] = session
        try:
            pcm = np.zeros(16000, np.int16)
            capacity = session.asr_queue.maxsize
            for i in range(capacity + 4):  # one in the stuck worker, `capacity` waiting, the rest dropped
                session.asr_queue.offer(SpeechSegment(session.id, i, i + 1.0, pcm, turn_end_at=time.monotonic()))
                if i == 0:
                    await asyncio.sleep(0)  # let the ASR stage take the first one
            await asyncio.to_thread(recognizer.entered.wait, 5)
            assert recognizer.entered.is_set()

            for _ in range(3):
                started = time.monotonic()
                health, ready, scrape = await asyncio.gather(
                    http.get("/healthz"), http.get("/readyz"), http.get("/metrics"))
                assert time.monotonic() - started < 2.0
                assert health.status_code == 200 and ready.status_code == 200 and scrape.status_code == 200

            text = scrape.text
            assert _sample(text, "livesight_sessions_live") == 1
            assert _sample(text, "livesight_stage_queue_depth", 'stage="asr"') == capacity
            assert _sample(text, "livesight_stage_queue_dropped", 'stage="asr"') == 3
            assert _sample(text, "livesight_stage_drops_total", 'stage="asr"') >= 3
            assert _sample(text, "livesight_stage_queue_depth", 'stage="transcripts"') == 0
        finally:
            recognizer.release.set()
            await core.end(session.id)


async def test_the_turn_check_reads_the_first_reading_of_a_pause(settings):
    """The speculative transcript a turn check waits for is the recognizer's first reading: handed all
    the readings, no pause was a finished question and every turn waited out the hangover (voice p50
    0.49 → 0.71 s on `benchmarks.run`)."""
    session = Session("pause0000001", RTCPeerConnection(), _stub_models(settings), settings)
    job: concurrent.futures.Future = concurrent.futures.Future()
    job.set_result((("What time is it?", "What time is at?"), ()))
    session._speculative[1.0] = job
    assert session._speculative_words(1.0) == "What time is it?"
    assert session._speculative_words(2.0) == ""
    await session.pc.close()


@pytest.fixture(autouse=True)
def _restore_sessions_source():
    yield
    metrics.register_sessions_source(None)
