"""One live session per peer connection: the aiortc side of a `Conversation`.

It owns the tracks and the datachannel, the audio leg (resampling, VAD, speculative ASR), the
video leg (sampling, frame encoding), the sound-event leg and memory ingest, and builds the
session's `Conversation` (reasoning/conversation.py), which decides what is answered and speaks.
Stages are tasks joined by bounded queues. Audio is never dropped before the VAD (it is
consumed inline); ASR work that cannot keep up is dropped and counted; video keeps only the
latest frame.
"""
from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import dataclasses
import logging
import time
from typing import Any, Callable

import numpy as np
from aiortc import MediaStreamTrack, RTCPeerConnection
from aiortc.mediastreams import MediaStreamError

from perception.audio import (
    FrameSplitter,
    Resampler,
    SegmenterConfig,
    SpeechSegmenter,
    WebRtcVoiceDetector,
)
from perception.clock import WallClamp
from perception.events import (
    AudioChunk,
    EndOfTurnCheck,
    FrameFeatures,
    SoundEvent,
    SpeechPaused,
    SpeechSegment,
    SpeechStarted,
    Transcript,
    TurnDecision,
    VideoFrame,
)
from perception.stages import StageQueue, TaskSet, run_stage
from perception.turn import TurnTaker, judge
from perception.video import VideoTrackStats, sample_track
from reasoning.conversation import Conversation, ConversationConfig
from reasoning.protocol import (
    ErrorMessage,
    Message,
    PerceptionMessage,
    ProtocolError,
    RateLimit,
    WarningMessage,
    parse_inbound,
)
from server import metrics
from server.config import Settings
from server.memory_api import thumbnail_urls
from server.models import Models
from server.speech_track import SpeechTrack, TrackSpeaker

log = logging.getLogger(__name__)

#: utterances whose audio is kept for memory's careful ASR pass (questions are never remembered)
HEARD_KEPT = 16
#: audio is scanned for music / singing / speech in windows of this many seconds
SOUND_WINDOW_S = 5.0


def listened_clips(backend: Any) -> int:
    """How many top clips the answering model hears (0 unless it takes audio, e.g. Qwen2.5-Omni)."""
    caps = getattr(backend, "capabilities", None)
    return caps.max_audio_clips if caps is not None and caps.audio else 0
#: messages held for a datachannel that is not open yet (the oldest go first)
OUTBOX_SIZE = 256


class _SessionLog(logging.LoggerAdapter):
    """Every line a session logs carries its id and stream time (JSON fields with --log-json)."""

    def process(self, msg, kwargs):
        session = self.extra["session"]
        kwargs["extra"] = {"session_id": session.id, "stream_time": round(session.audio_time, 2)}
        return f"session {session.id} @{session.audio_time:.1f}s: {msg}", kwargs


class Session:
    def __init__(self, session_id: str, pc: RTCPeerConnection, models: Models, settings: Settings,
                 memory: Any = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.id = session_id
        self.pc = pc
        self.models = models
        self.settings = settings
        self.clock = clock
        self.created = time.time()
        self.speech = SpeechTrack(clock)
        self.channel = None
        self.asr_queue: StageQueue[SpeechSegment] = StageQueue("asr", settings.asr_queue_size, "drop_newest")
        #: everything memory ingests, in one queue: transcripts, frame features, sound events
        self.evidence: StageQueue[Transcript | FrameFeatures | SoundEvent] = StageQueue(
            "memory.ingest", 512, "drop_oldest")
        self.sound_windows: StageQueue[AudioChunk] = StageQueue("audio.sound", 4, "drop_newest")
        self.video: dict[str, VideoTrackStats] = {}
        #: audio of the latest utterances, by (start, end): what memory keeps is transcribed again
        self._heard: dict[tuple[float, float], np.ndarray] = {}
        #: state of each perception step per source ("camera": "ok" / "degraded: …")
        self.perception: dict[str, str] = {}
        self.memory = memory
        self.log = _SessionLog(log, {"session": self})
        self.audio_time = 0.0
        #: transcripts started at a pause, by the stream time their speech ended
        self._speculative: dict[float, concurrent.futures.Future] = {}
        self.closed = asyncio.Event()
        self._loop = asyncio.get_running_loop()
        self._tasks = TaskSet(session_id, self._task_failed)
        self._outbox: collections.deque[Message] = collections.deque(maxlen=OUTBOX_SIZE)
        self._inbound_rate = RateLimit()
        self.conversation = Conversation(
            session_id, gate=models.gate, backend=models.backend, speaker=TrackSpeaker(self.speech, models.tts, models.tts_pool),
            outbox=self, stream_time=lambda: self.audio_time, memory=memory, clock=clock,
            config=ConversationConfig(check_model=settings.llm_backend == "vllm",
                                      clip_audio=listened_clips(models.backend),
                                      history_turns=settings.history_turns),
            remember=self.evidence.offer, thumbnails=self._thumbnails, observe=metrics.observe_answer, log=self.log)
        self.speech.on_first_frame = self.conversation.on_first_audio
        self.spawn(run_stage(self.asr_queue, self.conversation.transcripts, self._transcribe, self._stage_failed),
                   "asr")
        self.spawn(self.conversation.run(), "conversation")
        if self.memory is not None:
            self.spawn(run_stage(self.evidence, None, self._remember, self._stage_failed), "memory")
            if models.tagger is not None:
                self.spawn(run_stage(self.sound_windows, None, self._detect_sounds, self._stage_failed), "sound")

    # ---------------------------------------------------------------- plumbing
    def spawn(self, coro, name: str) -> asyncio.Task:
        return self._tasks.spawn(coro, name)

    def _task_failed(self, task: asyncio.Task, exc: BaseException) -> None:
        self.log.error("task %s failed", task.get_name(), exc_info=exc)
        self.send(ErrorMessage(message=f"{task.get_name()} failed: {exc}"))

    def _stage_failed(self, item: Any, exc: Exception) -> None:
        self.log.error("%s failed on %r", type(item).__name__, item, exc_info=exc)
        self.send(ErrorMessage(message=f"could not process {type(item).__name__}: {exc}"))

    def _thumbnails(self, clip_id: str) -> list[str]:
        return thumbnail_urls(self.id, self.memory.keyframe_names(clip_id) if self.memory is not None else ())

    def attach_channel(self, channel) -> None:
        self.channel = channel
        channel.on("message", self._on_channel_message)
        if channel.readyState == "open":
            self._drain_outbox()
        else:
            channel.on("open", self._drain_outbox)

    def send(self, message: Message) -> None:
        """A typed message to the page; held (bounded) until the datachannel opens."""
        if self.channel is not None and self.channel.readyState == "open":
            self.channel.send(message.to_wire())
        elif not self.closed.is_set():
            self._outbox.append(message)

    def _drain_outbox(self) -> None:
        pending, self._outbox = self._outbox, collections.deque(maxlen=OUTBOX_SIZE)
        for message in pending:
            self.send(message)

    def _on_channel_message(self, raw: str | bytes) -> None:
        if not self._inbound_rate.allow():
            if self._inbound_rate.refused == 1 or self._inbound_rate.refused % 100 == 0:
                self.send(ErrorMessage(message="too many datachannel messages; some were dropped"))
            return
        try:
            message = parse_inbound(raw)
        except ProtocolError as exc:
            self.send(ErrorMessage(message=str(exc)))
            return
        self.conversation.receive(message)

    # ---------------------------------------------------------------- audio leg
    def add_track(self, track: MediaStreamTrack, source: str) -> None:
        if track.kind == "audio":
            self.spawn(self._consume_audio(track), "audio-in")
        else:
            self.spawn(self._consume_video(track, source), f"video-in:{source}")

    async def _consume_audio(self, track: MediaStreamTrack) -> None:
        s = self.settings
        resampler, splitter = Resampler(), FrameSplitter()
        window: list[np.ndarray] = []
        window_start = self.audio_time
        vad = WebRtcVoiceDetector(s.vad_aggressiveness)
        segmenter = SpeechSegmenter(self.id, SegmenterConfig(
            onset_ms=s.vad_onset_ms, hangover_ms=s.vad_hangover_ms, pause_ms=s.vad_pause_ms,
            quiet_ratio=s.vad_quiet_ratio,
            turn_pause_ms=s.turn_pause_ms if self.models.turn_model is not None else 0,
            unfinished_hangover_ms=s.turn_unfinished_hangover_ms, question_pause_ms=s.turn_question_pause_ms,
            max_utterance_s=s.vad_max_utterance_s))
        turns = TurnTaker(segmenter, self._judge_turn, self.models.turn_pool, self._on_vad_event, self.clock)
        clamp, ahead = WallClamp(self.audio_time, clock=self.clock), 0
        while True:
            try:
                frame = await track.recv()
            except MediaStreamError:
                break
            for chunk in splitter.split(resampler.resample(frame)):
                if self.audio_time + len(chunk) / 16000 > clamp.latest():  # sent faster than it plays
                    ahead += 1
                    continue
                turns.push(chunk, self.audio_time, vad.is_speech(chunk))
                self.audio_time += len(chunk) / 16000
                window.append(chunk)
                if self.audio_time - window_start >= SOUND_WINDOW_S:
                    heard = AudioChunk(self.id, window_start, np.concatenate(window))
                    self.sound_windows.offer(heard)
                    if self.memory is not None:  # compressed off the loop, in order (one worker)
                        self.models.perception_pool.submit(self.memory.add_audio, heard)
                    window, window_start = [], self.audio_time
        if ahead:
            self.log.warning("dropped %d audio chunks sent ahead of real time", ahead)
        turns.flush()

    def _judge_turn(self, check: EndOfTurnCheck) -> TurnDecision:
        """Runs in the turn worker thread: the model, then (if it heard an ending) the words."""
        s = self.settings
        speculating = 0 < s.vad_pause_ms < s.turn_pause_ms
        decision = judge(self.models.turn_model, check, s.turn_threshold,
                         (lambda: self._speculative_words(check.voiced_end)) if speculating else None,
                         question_pause=s.turn_question_pause_ms > 0)
        metrics.MODEL_SECONDS.labels("turn").observe(decision.seconds)
        if not decision.complete:  # the turn goes on for a hangover yet: time to prepare its answer
            self._loop.call_soon_threadsafe(self._prepare_at, check.start, check.voiced_end)
        return decision

    def _speculative_words(self, voiced_end: float) -> str:
        """The speculative transcript of the speech before this pause (waits for it; '' if there is none).

        Free for the turn: the answer needs it before it can start anyway."""
        job = self._speculative.get(voiced_end)
        try:
            readings, _ = job.result(timeout=self.settings.vad_hangover_ms / 1000) if job is not None else ((), ())
            return next(iter(readings), "")
        except (concurrent.futures.CancelledError, concurrent.futures.TimeoutError):
            return ""  # dropped (the user went on) or late: the hangover decides

    def _on_vad_event(self, event: SpeechStarted | SpeechPaused | SpeechSegment) -> None:
        if isinstance(event, SpeechStarted):
            self.conversation.speech_started(event)
        elif isinstance(event, SpeechPaused):
            self._drop_speculation()
            self.conversation.drop_prepared()  # the user went on past the pause it was prepared at
            self._speculative[event.voiced_end] = self.models.asr_pool.submit(self._recognize, event.pcm)
            if not self._turn_judged():
                self._prepare_at(event.start, event.voiced_end)
        elif not self.asr_queue.offer(event):
            self.send(WarningMessage(message="speech recognition is behind; an utterance was dropped",
                                     dropped=self.asr_queue.dropped))

    def _recognize(self, pcm: np.ndarray) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The readings and the sound tags; runs in the ASR worker thread."""
        context = self.memory.vocabulary() if self.memory is not None else ""
        with metrics.model_timer("asr"):
            readings = self.models.recognizer.readings(pcm, context)
        if self.models.tagger is None:
            return readings, ()
        with metrics.model_timer("sound_tags"):
            return readings, self.models.tagger.tags(pcm)

    def _turn_judged(self) -> bool:
        """A turn model judges each pause (after turn_pause_ms, before the hangover ends it)."""
        return self.models.turn_model is not None and 0 < self.settings.turn_pause_ms < self.settings.vad_hangover_ms

    def _prepare_at(self, start: float, voiced_end: float) -> None:
        """Prepare the answer to a pause's transcript once it is ready. With a turn model, only after
        it judged the turn unfinished: a finished turn ends at once (nothing to overlap), and an
        answer prepared while the model decides would slow the decision on a small machine."""
        job = self._speculative.get(voiced_end)
        if job is not None:
            job.add_done_callback(lambda done: self._loop.call_soon_threadsafe(self._speculate, start, voiced_end, done))

    def _speculate(self, start: float, voiced_end: float, job: concurrent.futures.Future) -> None:
        """A pause's transcript is ready while the turn is still open: the answer is prepared
        (held, not sent) so that it can speak the moment the turn ends with these words."""
        if (self.closed.is_set() or self._speculative.get(voiced_end) is not job or job.cancelled()
                or job.exception() is not None):
            return  # dropped, already taken by the end of the turn, or failed (the turn's ASR reports it)
        readings, tags = job.result()
        self.conversation.speculate(Transcript(self.id, start, voiced_end, next(iter(readings), ""), tags,
                                               alternatives=readings[1:]))

    def _drop_speculation(self) -> None:
        for future in self._speculative.values():
            future.cancel()  # only stops jobs not yet started; a running one finishes unused
        self._speculative.clear()

    async def _transcribe(self, segment: SpeechSegment) -> Transcript:
        job = self._speculative.pop(segment.voiced_end, None)
        self._drop_speculation()
        if job is None:
            job = self.models.asr_pool.submit(self._recognize, segment.pcm)
        readings, tags = await asyncio.wrap_future(job)
        hangover = segment.end - segment.voiced_end
        self._heard[(segment.start, segment.end)] = segment.pcm  # for memory's careful pass
        while len(self._heard) > HEARD_KEPT:
            self._heard.pop(next(iter(self._heard)))
        return Transcript(self.id, segment.start, segment.end, next(iter(readings), ""), tags,
                          spoken_at=segment.turn_end_at - hangover, turn_end_at=segment.turn_end_at,
                          transcribed_at=self.clock(), ended_by=segment.ended_by, alternatives=readings[1:])

    async def _consume_video(self, track: MediaStreamTrack, source: str) -> None:
        """Sample → encode → memory. A second track of the same kind gets its own name."""
        name = source if source not in self.video else f"{source}-{len(self.video)}"
        fps = self.settings.screen_fps if source == "screen" else self.settings.camera_fps
        frames: StageQueue[VideoFrame] = StageQueue(f"video.{source}", 1, "drop_oldest")
        stats = self.video[name] = VideoTrackStats(name, fps)
        encoder = self.spawn(run_stage(frames, self.evidence, self._encode, self._stage_failed), f"encode:{name}")
        try:
            # the track's first frame is placed at the session's current stream time
            await sample_track(track, self.id, name, fps, frames, stats=stats, start=self.audio_time,
                               wall=self.clock)
        finally:
            encoder.cancel()

    async def _encode(self, frame: VideoFrame) -> FrameFeatures:
        loop = asyncio.get_running_loop()
        encode = metrics.timed("frame_encoder", self.models.frame_encoder.encode)
        features = await loop.run_in_executor(self.models.perception_pool, encode, frame)
        if features.camera is not None:
            self._perception_state(frame.source, features.camera.status)
        return features

    def _perception_state(self, step: str, state: str) -> None:
        """The page hears when a perception step degrades or recovers (not on every frame)."""
        if self.perception.get(step) != state:
            self.perception[step] = state
            self.send(PerceptionMessage(steps=dict(self.perception)))

    async def _detect_sounds(self, window: AudioChunk) -> None:
        loop = asyncio.get_running_loop()
        detect = metrics.timed("sound_events", self.models.tagger.events)
        spans = await loop.run_in_executor(self.models.perception_pool, detect, window.pcm)
        for label, start, end in spans:
            self.evidence.offer(SoundEvent(self.id, window.start + start, window.start + end, label))

    async def _remember(self, item: Transcript | FrameFeatures | SoundEvent) -> None:
        if isinstance(item, Transcript) and (pcm := self._heard.pop((item.start, item.end), None)) is not None:
            # remembered speech gets the careful ASR pass (beam search, memory's words as context),
            # off the answer path: the answer was transcribed fast already. Where the careful pass
            # fails or hears nothing, memory keeps the fast transcript rather than nothing.
            context = self.memory.vocabulary()
            try:
                text = await asyncio.get_running_loop().run_in_executor(
                    self.models.perception_pool, self.models.recognizer.transcribe_for_memory, pcm, context)
            except Exception:  # noqa: BLE001
                self.log.warning("the careful ASR pass failed; remembering the fast transcript", exc_info=True)
            else:
                if text:
                    item = dataclasses.replace(item, text=text)
        self._remember_now(item)

    def _remember_now(self, item: Transcript | FrameFeatures | SoundEvent) -> None:
        if isinstance(item, Transcript):
            self.memory.add_transcript(item)
        elif isinstance(item, FrameFeatures):
            self.memory.add_frame(item)
        else:
            self.memory.add_sound(item)

    # ---------------------------------------------------------------- lifecycle
    def latency(self) -> dict[str, Any]:
        return {"session_id": self.id, "answers": self.conversation.latency()}

    def queues(self) -> list[StageQueue]:
        return [self.asr_queue, self.conversation.transcripts, self.evidence, self.sound_windows]

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "live": not self.closed.is_set(),
            "stream_time": round(self.audio_time, 2),
            "connection": self.pc.connectionState,
            "asr_dropped": self.asr_queue.dropped,
            "queues": {q.name: {"depth": q.qsize(), "dropped": q.dropped} for q in self.queues()},
            "video": {name: stats.as_dict() for name, stats in self.video.items()},
            "memory_warning": self.memory.warning if self.memory is not None else None,
            "perception": dict(self.perception),
            "answers": self.conversation.answers,
        }

    async def close(self) -> None:
        if self.closed.is_set():
            return
        self.closed.set()
        self._drop_speculation()
        self.speech.stop()
        await self._tasks.cancel_all()
        await self.conversation.close()
        await self.pc.close()
        if self.memory is not None:
            self._drain_evidence()
            await asyncio.to_thread(self.memory.flush)  # a session that dies leaves its memory intact

    def _drain_evidence(self) -> None:
        """What the memory stage had not taken yet still goes into memory."""
        while not self.evidence.empty():
            item = self.evidence.get_nowait()
            try:
                self._remember_now(item)
            except Exception:  # noqa: BLE001 - one bad item must not lose the rest
                self.log.exception("could not remember %r", item)
