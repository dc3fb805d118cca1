"""Prometheus metrics and the ops endpoints (/healthz, /readyz, /metrics).

Everything lives in one module-level `REGISTRY` (not prometheus_client's global default), so
tests can build apps repeatedly. Live values (sessions, queue depths, drops, memory size) are
read at scrape time by a custom collector from callbacks the app registers; nothing here holds
a lock that a session also takes, so a scrape answers while a session's stage is stuck.

Wiring (app.py / session.py) is a handful of calls (this module imports neither):
    register_sessions_source(lambda: list(core.sessions.values()))
    app.include_router(make_ops_router(core, auth_dependencies))
    session_started()                                     # when a session is created
    observe_answer(trace)                                 # when an answer's first audio went out
    run_in_executor(pool, timed("asr", recognizer.transcribe), pcm)   # model inference time
"""
from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    generate_latest,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from perception import stages
from reasoning.conversation import LatencyTrace

log = logging.getLogger(__name__)

T = TypeVar("T")

#: the registry every Livesight metric is in; `/metrics` exposes exactly this
REGISTRY = CollectorRegistry(auto_describe=True)
ProcessCollector(registry=REGISTRY)
PlatformCollector(registry=REGISTRY)

#: seconds since end of speech; spans 0.1 s (good) to 10 s (broken)
LATENCY_BUCKETS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 5.0, 10.0)
MODEL_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0)
LOOP_BUCKETS = (0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)

ANSWER_LATENCY = Histogram(
    "livesight_answer_latency_seconds",
    "Time from the end of the user's speech to a step of the answer: turn_end (the end of the turn was "
    "declared), transcript (ASR done), first_token (answer model), first_piece (first speakable text to TTS), "
    "first_audio (first answer frame sent)",
    ["step"], buckets=LATENCY_BUCKETS, registry=REGISTRY)
MODEL_SECONDS = Histogram(
    "livesight_model_inference_seconds", "Wall time of one model call in its worker (asr, tts, llm, tags, ...)",
    ["model"], buckets=MODEL_BUCKETS, registry=REGISTRY)
MODEL_ERRORS = Counter(
    "livesight_model_errors_total", "Model calls that raised", ["model"], registry=REGISTRY)
SESSIONS_STARTED = Counter(
    "livesight_sessions_started_total", "Sessions (peer connections) accepted since the process started",
    registry=REGISTRY)
ANSWERS = Counter("livesight_answers_total", "Answers whose latency was observed", registry=REGISTRY)
LOOP_LAG = Histogram(
    "livesight_event_loop_lag_seconds", "How late the event loop woke a periodic timer (blocked loop ⇒ large)",
    buckets=LOOP_BUCKETS, registry=REGISTRY)

#: (label, LatencyTrace attribute); all measured from when the user stopped speaking
_STEPS = (("turn_end", "turn_end"), ("transcript", "transcribed"), ("first_token", "first_token"),
          ("first_piece", "first_piece"), ("first_audio", "first_audio"))


# ------------------------------------------------------------------------- live sources
class LiveSession(Protocol):
    """What a scrape reads of a session (server.session.Session has it; metrics never imports it)."""

    id: str
    memory: Any
    audio_time: float

    def queues(self) -> Sequence[stages.StageQueue]: ...


SessionsSource = Callable[[], Iterable[LiveSession]]

_sources: dict[str, Any] = {"sessions": None}


def register_sessions_source(fn: SessionsSource | None) -> None:
    """`fn()` → the live sessions; called at every scrape. The latest registration wins
    (one app per process; tests that build apps repeatedly simply re-register)."""
    _sources["sessions"] = fn


def _live_sessions() -> list[Any]:
    fn = _sources["sessions"]
    if fn is None:
        return []
    try:
        return list(fn())
    except Exception:
        log.exception("metrics: the sessions source failed")
        return []


class _LiveCollector(Collector):
    """Reads live state at scrape time: no background thread, no state of its own."""

    def collect(self) -> Iterator[Any]:
        sessions = _live_sessions()
        live = GaugeMetricFamily("livesight_sessions_live", "Live sessions (peer connections)")
        live.add_metric([], len(sessions))
        yield live

        tasks = GaugeMetricFamily("livesight_asyncio_tasks", "Tasks on the event loop (a leak shows as growth)")
        try:
            tasks.add_metric([], len(asyncio.all_tasks()))
        except RuntimeError:  # scraped off the event loop (tests): nothing to count
            pass
        yield tasks

        depth = GaugeMetricFamily("livesight_stage_queue_depth",
                                  "Items waiting in a stage's queue, summed over live sessions", labels=["stage"])
        capacity = GaugeMetricFamily("livesight_stage_queue_capacity",
                                     "Queue capacity of a stage, summed over live sessions", labels=["stage"])
        dropped_live = GaugeMetricFamily("livesight_stage_queue_dropped",
                                         "Items dropped by a stage's queue, summed over live sessions",
                                         labels=["stage"])
        depths: collections.Counter[str] = collections.Counter()
        caps: collections.Counter[str] = collections.Counter()
        drops_live: collections.Counter[str] = collections.Counter()
        for session in sessions:
            for queue in session.queues():
                depths[queue.name] += queue.qsize()
                caps[queue.name] += queue.maxsize
                drops_live[queue.name] += queue.dropped
        for stage in sorted(depths):
            depth.add_metric([stage], depths[stage])
            capacity.add_metric([stage], caps[stage])
            dropped_live.add_metric([stage], drops_live[stage])
        yield depth
        yield capacity
        yield dropped_live

        drops = CounterMetricFamily("livesight_stage_drops",
                                    "Items dropped by a stage's bounded queue since the process started",
                                    labels=["stage"])
        for stage, count in sorted(dict(stages.DROPS).items()):
            drops.add_metric([stage], count)
        yield drops

        # totals, not per-session series: session ids are capabilities (README "Security")
        memory = GaugeMetricFamily("livesight_memory_clips", "Memory clips held by live sessions, summed")
        memory.add_metric([], sum(s.memory.clip_count for s in sessions if s.memory is not None))
        yield memory

        stream = GaugeMetricFamily("livesight_stream_seconds", "Audio stream time consumed by live sessions, summed")
        stream.add_metric([], sum(s.audio_time for s in sessions))
        yield stream


REGISTRY.register(_LiveCollector())


# ------------------------------------------------------------------------- helpers for the session code
def session_started() -> None:
    SESSIONS_STARTED.inc()


_observed: collections.OrderedDict[str, set[str]] = collections.OrderedDict()
_observed_lock = threading.Lock()  # metrics-private; never held by a session


def observe_answer(trace: LatencyTrace) -> None:
    """Record an answer's turn end / transcript / first token / first words / first audio latency, in
    seconds since the user stopped speaking (`trace.spoken`).

    Idempotent per answer and step: call it when the first audio goes out and/or when the answer
    ends; each step is observed once, the first time it is known."""
    with _observed_lock:
        seen = _observed.setdefault(trace.answer_id, set())
        _observed.move_to_end(trace.answer_id)
        while len(_observed) > 4096:
            _observed.popitem(last=False)
        todo = []
        for step, attr in _STEPS:
            at = getattr(trace, attr, None)
            if at is not None and step not in seen:
                seen.add(step)
                todo.append((step, at))
        new_answer = any(step == "transcript" for step, _ in todo)
    for step, at in todo:
        ANSWER_LATENCY.labels(step).observe(max(0.0, at - trace.spoken))
    if new_answer:
        ANSWERS.inc()


@contextlib.contextmanager
def model_timer(name: str) -> Iterator[None]:
    """`with model_timer("asr"): ...` — wall time of one model call (use inside the worker)."""
    started = time.perf_counter()
    try:
        yield
    except BaseException:
        MODEL_ERRORS.labels(name).inc()
        raise
    finally:
        MODEL_SECONDS.labels(name).observe(time.perf_counter() - started)


def timed(name: str, fn: Callable[..., T]) -> Callable[..., T]:
    """`fn` wrapped in `model_timer(name)`, for `loop.run_in_executor(pool, timed("asr", f), x)`:
    the time is taken in the worker thread, so queueing for the pool is not counted."""
    def call(*args: Any, **kwargs: Any) -> T:
        with model_timer(name):
            return fn(*args, **kwargs)
    call.__name__ = getattr(fn, "__name__", name)
    call.__qualname__ = getattr(fn, "__qualname__", name)
    return call


async def watch_event_loop(interval: float = 0.1) -> None:
    """Run as a task for the app's lifetime: records how late the loop wakes a timer."""
    loop = asyncio.get_running_loop()
    while True:
        expected = loop.time() + interval
        await asyncio.sleep(interval)
        LOOP_LAG.observe(max(0.0, loop.time() - expected))


def metrics_response() -> tuple[bytes, str]:
    """(body, content type) for a `/metrics` scrape."""
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


# ------------------------------------------------------------------------- ops routes
def make_ops_router(core: Any, metrics_dependencies: list[Any]) -> APIRouter:
    """/healthz (process serves), /readyz (models loaded, no model process down): open to all;
    /metrics (Prometheus text) behind `metrics_dependencies` (the token check unless --metrics-public).

    `core` is the server.app.App: only `core.models`' ready state and steps are read, without
    locks, so these answer while any session misbehaves."""
    router = APIRouter(tags=["ops"])

    @router.get("/healthz")
    async def healthz() -> JSONResponse:
        return JSONResponse({"ok": True})

    @router.get("/readyz")
    async def readyz() -> JSONResponse:
        models = core.models
        steps = [dict(vars(step)) for step in list(models.steps.values())]
        ready = bool(models.ready)
        body = {"ready": ready, "steps": steps}
        if not ready:
            body["reason"] = models.not_ready_reason()
        return JSONResponse(body, status_code=200 if ready else 503)

    @router.get("/metrics", dependencies=metrics_dependencies)
    async def metrics() -> Response:
        body, content_type = metrics_response()
        return Response(body, media_type=content_type)

    return router
