"""Loads every model once per process, in the background, with progress the page can show.

Which implementation serves each role is chosen here, from settings, and nowhere else.
"""
from __future__ import annotations

import concurrent.futures
import gc
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from reasoning.backend import AnswerBackend
from server.config import Settings

log = logging.getLogger(__name__)


@dataclass
class LoadStep:
    name: str
    state: str = "waiting"  # waiting | loading | ready | failed
    seconds: float = 0.0
    error: str = ""


@dataclass
class Models:
    """The process-wide models and the worker pools they run in (never on the event loop)."""

    settings: Settings
    steps: dict[str, LoadStep] = field(default_factory=dict)
    recognizer: Any = None
    tagger: Any = None
    tts: Any = None
    backend: AnswerBackend | None = None
    frame_encoder: Any = None
    gate: Any = None
    #: the end-of-turn model (None: silence alone ends a turn)
    turn_model: Any = None
    memory: Any = None
    #: one thread for ASR and one for speech: each model call is serialised, the loop stays free
    asr_pool: concurrent.futures.ThreadPoolExecutor = field(
        default_factory=lambda: concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="asr"))
    tts_pool: concurrent.futures.ThreadPoolExecutor = field(
        default_factory=lambda: concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="tts"))
    #: end-of-turn decisions: tens of ms of model each, never queued behind a transcript; one that heard
    #: an ending then waits (up to the hangover) for its speculative transcript, so several sessions'
    #: decisions must not queue behind that wait
    turn_pool: concurrent.futures.ThreadPoolExecutor = field(
        default_factory=lambda: concurrent.futures.ThreadPoolExecutor(4, thread_name_prefix="turn"))
    #: frame encoding (OCR) and sound events: slow, and never in the way of ASR or speech
    perception_pool: concurrent.futures.ThreadPoolExecutor = field(
        default_factory=lambda: concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="perception"))
    ready_event: threading.Event = field(default_factory=threading.Event)

    @property
    def ready(self) -> bool:
        """Loaded, and no model process is down (the LLM child restarting)."""
        return self.ready_event.is_set() and (self.backend is None or self.backend.healthy)

    def not_ready_reason(self) -> str:
        if self.failed:
            return "models failed to load: " + "; ".join(f"{s.name}: {s.error}" for s in self.failed)
        if not self.ready_event.is_set():
            return "models are still loading"
        return "the answering model is restarting"

    @property
    def failed(self) -> list[LoadStep]:
        return [step for step in self.steps.values() if step.state == "failed"]

    def status(self) -> dict[str, Any]:
        return {
            "ready": self.ready,
            "steps": [vars(step) for step in self.steps.values()],
        }

    def load(self) -> None:
        """Load everything (blocking); failures are recorded per step, not raised."""
        self._announce_steps()
        for name, loader in _loaders(self.settings).items():
            step = self.steps[name]
            step.state = "loading"
            started = time.monotonic()
            try:
                loader(self)
                step.state = "ready"
            except Exception as exc:  # a missing model must show in the page, not kill the server
                log.exception("loading %s failed", name)
                step.state, step.error = "failed", f"{type(exc).__name__}: {exc}"
            step.seconds = round(time.monotonic() - started, 2)
        # the loaded models are long-lived: keep the collector from walking them (200–300 ms pauses)
        gc.collect()
        gc.freeze()
        if not self.failed:
            self.ready_event.set()

    def _announce_steps(self) -> None:
        for name in _loaders(self.settings):
            self.steps.setdefault(name, LoadStep(name))

    def load_in_background(self) -> threading.Thread:
        self._announce_steps()  # the page sees every step as "waiting" before the first loads
        thread = threading.Thread(target=self.load, name="model-loader", daemon=True)
        thread.start()
        return thread

    def shutdown(self) -> None:
        for pool in (self.asr_pool, self.turn_pool, self.tts_pool, self.perception_pool):
            pool.shutdown(wait=False, cancel_futures=True)
        if self.memory is not None:
            self.memory.close()
        if self.backend is not None:
            self.backend.close()  # in vLLM mode too: the embedded fallback's child


def _load_recognizer(models: Models) -> None:
    from perception.asr import WhisperRecognizer

    s = models.settings
    models.recognizer = WhisperRecognizer(s.asr_model, s.asr_compute_type, s.asr_language, s.asr_threads)


def _load_turn_model(models: Models) -> None:
    from perception.turn import make_turn_model

    models.turn_model = make_turn_model(models.settings.turn_model, models.settings.turn_model_path)


def _load_tagger(models: Models) -> None:
    from perception.sound import OmniSoundTagger

    models.tagger = OmniSoundTagger() if models.settings.sound_tags else None


def _load_tts(models: Models) -> None:
    from reasoning.speech import PiperSynthesizer

    models.tts = PiperSynthesizer(models.settings.tts_voice)


def _load_gate(models: Models) -> None:
    from reasoning.gate import RuleAddressGate

    models.gate = RuleAddressGate.from_settings(models.settings)


def _load_frame_encoder(models: Models) -> None:
    from perception.camera import CameraSight, load_camera_perception
    from perception.vision import make_frame_encoder

    s = models.settings
    camera = None
    if s.camera_perception == "ssd":
        try:
            camera = CameraSight(load_camera_perception())
        except Exception as exc:  # OCR and audio still work: frames say the camera models are unavailable
            log.exception("camera perception failed to load")
            camera = CameraSight(None, unavailable=f"{type(exc).__name__}: {exc}")
    models.frame_encoder = make_frame_encoder(
        s.frame_encoder, str(s.clip_model_path) if s.clip_model_path else None, camera=camera)


def _load_memory(models: Models) -> None:
    from memory.service import MemoryService, make_store

    s = models.settings
    image_query = models.frame_encoder.embed_text if s.frame_encoder == "clip" else None
    retention_s = s.retention_days * 86400 if s.retention_days is not None else None
    models.memory = MemoryService(make_store(s.store, s.data_dir, s.redis_url, retention_s),
                                  image_query=image_query, retention_s=retention_s)


def _load_backend(models: Models) -> None:
    """The embedded model, or vLLM (falling back to the embedded model when configured)."""
    from reasoning.embedded import (
        Ct2LM,
        EmbeddedBackend,
        convert_gguf_once,
        convert_to_ctranslate2_once,
        packaged_smollm2_gguf,
    )
    from reasoning.fallback import answer_backend

    settings = models.settings

    def embedded() -> AnswerBackend:
        model_dir = convert_to_ctranslate2_once(
            settings.llm_model_path or convert_gguf_once(packaged_smollm2_gguf(), settings.cache_dir),
            settings.cache_dir)
        tokens, context = settings.llm_max_new_tokens, settings.llm_context_tokens
        if settings.llm_process:
            from reasoning.llm_process import ProcessLM

            llm = ProcessLM(model_dir, tokens, context)
        else:
            llm = Ct2LM(model_dir, tokens, context_tokens=context)
        # ~4 characters a token: the character cut comes first and cheap, the token cut makes it fit
        return EmbeddedBackend(llm, max_prompt_chars=4 * context)

    models.backend = answer_backend(settings, embedded)


def _loaders(settings: Settings) -> dict[str, Callable[[Models], None]]:
    return {
        "speech recognition": _load_recognizer,
        f"end of turn ({settings.turn_model})": _load_turn_model,
        "address gate": _load_gate,
        "sound tags": _load_tagger,
        "speech synthesis": _load_tts,
        f"frame encoder ({settings.frame_encoder})": _load_frame_encoder,
        f"memory ({settings.store} store)": _load_memory,
        f"answering model ({settings.llm_backend})": _load_backend,
    }
