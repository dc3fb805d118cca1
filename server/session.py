"""One live session per peer connection: its ingest legs, its conversation, its answers.

Stages are tasks joined by bounded queues. Audio is never dropped before the VAD (it is
consumed inline); ASR work that cannot keep up is dropped and counted; video keeps only the
latest frame. Every answer is an `AnswerHandle` whose `interrupt()` is the whole of barge-in.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import logging
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
from aiortc import MediaStreamTrack, RTCPeerConnection
from aiortc.mediastreams import MediaStreamError

from perception.audio import FrameSplitter, Resampler, SegmenterConfig, SpeechSegmenter, WebRtcVoiceDetector
from perception.events import (
    AudioChunk,
    FrameFeatures,
    SoundEvent,
    SpeechPaused,
    SpeechSegment,
    SpeechStarted,
    Transcript,
    VideoFrame,
)
from perception.stages import StageQueue, run_stage
from perception.video import VideoTrackStats, sample_track
from reasoning.backend import BackendError, Prompt
from reasoning.intent import about_the_stream
from reasoning.sentences import SentenceSplitter
from server import metrics
from server.config import Settings
from server.events import AnswerDelta, Interrupt, to_message
from server.models import Models
from server.speech_track import SpeechTrack, to_output_rate

log = logging.getLogger(__name__)


class _SessionLog(logging.LoggerAdapter):
    """Every line a session logs carries its id and stream time (JSON fields with --log-json)."""

    def process(self, msg, kwargs):
        session = self.extra["session"]
        kwargs["extra"] = {"session_id": session.id, "stream_time": round(session.audio_time, 2)}
        return f"session {session.id} @{session.audio_time:.1f}s: {msg}", kwargs

#: audio is scanned for music / singing / speech in windows of this many seconds
SOUND_WINDOW_S = 5.0


@dataclass
class LatencyTrace:
    """Monotonic timestamps of one answer's way from end of speech to first audio out."""

    answer_id: str
    question: str
    spoken: float  # the user stopped speaking
    endpointed: float  # the VAD declared the end of the utterance
    transcribed: float
    first_token: float | None = None
    #: the first speakable piece of text went to speech synthesis
    first_piece: float | None = None
    first_audio: float | None = None

    def as_dict(self) -> dict[str, Any]:
        """Seconds since the user stopped speaking, per stage."""
        def since_end(t: float | None) -> float | None:
            return None if t is None else round(t - self.spoken, 3)

        return {
            "answer_id": self.answer_id,
            "question": self.question,
            "endpoint_s": since_end(self.endpointed),
            "transcript_s": since_end(self.transcribed),
            "first_token_s": since_end(self.first_token),
            "first_piece_s": since_end(self.first_piece),
            "first_audio_s": since_end(self.first_audio),
        }


@dataclass
class AnswerHandle:
    answer_id: str
    task: asyncio.Task | None = None
    spoken: list[str] = field(default_factory=list)
    interrupted: bool = False


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
        self.speech.on_first_frame = self._on_first_audio
        self.channel = None
        self.asr_queue: StageQueue[SpeechSegment] = StageQueue("asr", settings.asr_queue_size, "drop_newest")
        self.transcripts: StageQueue[Transcript] = StageQueue("transcripts", 64, "drop_newest")
        #: everything memory ingests, in one queue: transcripts, frame features, sound events
        self.evidence: StageQueue[Transcript | FrameFeatures | SoundEvent] = StageQueue(
            "memory.ingest", 512, "drop_oldest")
        self.sound_windows: StageQueue[AudioChunk] = StageQueue("audio.sound", 4, "drop_newest")
        self.video: dict[str, VideoTrackStats] = {}
        self.memory = memory
        self.log = _SessionLog(log, {"session": self})
        self.history: list[tuple[str, float, str]] = []
        self.traces: list[LatencyTrace] = []
        self.answer: AnswerHandle | None = None
        self.audio_time = 0.0
        #: transcripts started at a pause, by the stream time their speech ended
        self._speculative: dict[float, concurrent.futures.Future] = {}
        self.closed = asyncio.Event()
        self._tasks: set[asyncio.Task] = set()
        self._outbox: list[dict[str, Any]] = []
        self.spawn(run_stage(self.asr_queue, self.transcripts, self._transcribe, self._stage_failed), "asr")
        self.spawn(run_stage(self.transcripts, None, self._on_transcript, self._stage_failed), "conversation")
        if self.memory is not None:
            self.spawn(run_stage(self.evidence, None, self._remember, self._stage_failed), "memory")
            if models.tagger is not None:
                self.spawn(run_stage(self.sound_windows, None, self._detect_sounds, self._stage_failed), "sound")

    # ---------------------------------------------------------------- plumbing
    def spawn(self, coro, name: str) -> asyncio.Task:
        task = asyncio.create_task(coro, name=f"{self.id}:{name}")
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            self.log.error("task %s failed", task.get_name(), exc_info=task.exception())
            self.send({"type": "error", "message": f"{task.get_name()} failed: {task.exception()}"})

    def _stage_failed(self, item: Any, exc: Exception) -> None:
        self.log.error("%s failed on %r", type(item).__name__, item, exc_info=exc)
        self.send({"type": "error", "message": f"could not process {type(item).__name__}: {exc}"})

    def attach_channel(self, channel) -> None:
        self.channel = channel
        channel.on("message", self._on_channel_message)
        if channel.readyState == "open":
            self._drain_outbox()
        else:
            channel.on("open", self._drain_outbox)

    def send(self, message: dict[str, Any]) -> None:
        """Typed JSON to the page; held until the datachannel opens."""
        if self.channel is not None and self.channel.readyState == "open":
            self.channel.send(json.dumps(message))
        elif not self.closed.is_set():
            self._outbox.append(message)

    def _drain_outbox(self) -> None:
        pending, self._outbox = self._outbox, []
        for message in pending:
            self.send(message)

    def _on_channel_message(self, raw: str | bytes) -> None:
        try:
            message = json.loads(raw)
            kind = message["type"]
        except (ValueError, KeyError, TypeError):
            self.send({"type": "error", "message": "datachannel messages must be JSON objects with a 'type'"})
            return
        if kind == "ask" and str(message.get("text", "")).strip():
            now = self.clock()
            typed = Transcript(self.id, self.audio_time, self.audio_time, str(message["text"]).strip(),
                               via="typed", spoken_at=now, detected_at=now, transcribed_at=now)
            self.transcripts.offer(typed)
        elif kind == "interrupt":
            self.interrupt()
        elif kind == "ping":
            self.send({"type": "pong", "t": self.audio_time})

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
            max_utterance_s=s.vad_max_utterance_s))
        while True:
            try:
                frame = await track.recv()
            except MediaStreamError:
                break
            for chunk in splitter.split(resampler.resample(frame)):
                for event in segmenter.push(chunk, self.audio_time, vad.is_speech(chunk), self.clock()):
                    self._on_vad_event(event)
                self.audio_time += len(chunk) / 16000
                window.append(chunk)
                if self.audio_time - window_start >= SOUND_WINDOW_S:
                    self.sound_windows.offer(AudioChunk(self.id, window_start, np.concatenate(window)))
                    window, window_start = [], self.audio_time
        final = segmenter.flush(self.clock())
        if final is not None:
            self._on_vad_event(final)

    def _on_vad_event(self, event: SpeechStarted | SpeechPaused | SpeechSegment) -> None:
        if isinstance(event, SpeechStarted):
            self.send(to_message(event))
            self.interrupt()
        elif isinstance(event, SpeechPaused):
            self._drop_speculation()
            self._speculative[event.voiced_end] = self.models.asr_pool.submit(self._recognize, event.pcm)
        elif not self.asr_queue.offer(event):
            self.send({"type": "warning", "message": "speech recognition is behind; an utterance was dropped",
                       "dropped": self.asr_queue.dropped})

    def _recognize(self, pcm: np.ndarray) -> tuple[str, tuple[str, ...]]:
        """Runs in the ASR worker thread."""
        with metrics.model_timer("asr"):
            text = self.models.recognizer.transcribe(pcm)
        if self.models.tagger is None:
            return text, ()
        with metrics.model_timer("sound_tags"):
            return text, self.models.tagger.tags(pcm)

    def _drop_speculation(self) -> None:
        for future in self._speculative.values():
            future.cancel()  # only stops jobs not yet started; a running one finishes unused
        self._speculative.clear()

    async def _transcribe(self, segment: SpeechSegment) -> Transcript:
        job = self._speculative.pop(segment.voiced_end, None)
        self._drop_speculation()
        if job is None:
            job = self.models.asr_pool.submit(self._recognize, segment.pcm)
        text, tags = await asyncio.wrap_future(job)
        hangover = segment.end - segment.voiced_end
        return Transcript(self.id, segment.start, segment.end, text, tags, spoken_at=segment.detected_at - hangover,
                          detected_at=segment.detected_at, transcribed_at=self.clock())

    async def _consume_video(self, track: MediaStreamTrack, source: str) -> None:
        """Sample → encode → memory. A second track of the same kind gets its own name."""
        name = source if source not in self.video else f"{source}-{len(self.video)}"
        fps = self.settings.screen_fps if source == "screen" else self.settings.camera_fps
        frames: StageQueue[VideoFrame] = StageQueue(f"video.{source}", 1, "drop_oldest")
        stats = self.video[name] = VideoTrackStats(name, fps)
        encoder = self.spawn(run_stage(frames, self.evidence, self._encode, self._stage_failed), f"encode:{name}")
        try:
            # the track's first frame is placed at the session's current stream time
            await sample_track(track, self.id, name, fps, frames, stats=stats, start=self.audio_time)
        finally:
            encoder.cancel()

    async def _encode(self, frame: VideoFrame) -> FrameFeatures:
        loop = asyncio.get_running_loop()
        encode = metrics.timed("frame_encoder", self.models.frame_encoder.encode)
        return await loop.run_in_executor(self.models.perception_pool, encode, frame)

    async def _detect_sounds(self, window: AudioChunk) -> None:
        loop = asyncio.get_running_loop()
        detect = metrics.timed("sound_events", self.models.tagger.events)
        spans = await loop.run_in_executor(self.models.perception_pool, detect, window.pcm)
        for label, start, end in spans:
            self.evidence.offer(SoundEvent(self.id, window.start + start, window.start + end, label))

    async def _remember(self, item: Transcript | FrameFeatures | SoundEvent) -> None:
        self._remember_now(item)

    def _remember_now(self, item: Transcript | FrameFeatures | SoundEvent) -> None:
        if isinstance(item, Transcript):
            self.memory.add_transcript(item)
        elif isinstance(item, FrameFeatures):
            self.memory.add_frame(item)
        else:
            self.memory.add_sound(item)

    # ---------------------------------------------------------------- conversation
    async def _on_transcript(self, transcript: Transcript) -> None:
        if not transcript.text:
            return
        addressed = transcript.via == "typed" or self.models.gate.addressed(
            transcript.text, {"sound_tags": transcript.sound_tags})
        self.send(to_message(transcript, addressed=addressed))
        self.log.info("heard%s: %s", "" if addressed else " (not addressed)", transcript.text)
        self.history.append(("user", transcript.start, transcript.text))
        if not addressed:
            # people talking among themselves, or background speech: remembered, not answered.
            # Questions to the assistant stay in the conversation, out of memory, so a later
            # question finds what happened rather than an earlier question about it.
            self.evidence.offer(transcript)
            return
        self.interrupt()
        answer_id = uuid.uuid4().hex[:12]
        trace = LatencyTrace(answer_id, transcript.text, transcript.spoken_at, transcript.detected_at,
                             transcript.transcribed_at)
        self.traces.append(trace)
        handle = AnswerHandle(answer_id)
        handle.task = self.spawn(self._answer(handle, transcript, trace), f"answer:{answer_id}")
        self.answer = handle

    async def _prompt(self, transcript: Transcript) -> Prompt:
        clips: tuple = ()
        summary = ""
        if self.memory is not None and about_the_stream(transcript.text):
            found = await asyncio.to_thread(self.memory.search, transcript.text, transcript.start, 3)
            clips = tuple(clip for clip in found if clip.score >= self.settings.min_evidence_score)
            summary = self.memory.summary()
        return Prompt(question=transcript.text, asked_at=transcript.end, clips=clips, summary=summary,
                      history=tuple(self.history[-self.settings.history_turns:]))

    def _citations(self, prompt: Prompt) -> list[dict[str, Any]]:
        """The clips an answer rests on, with thumbnail URLs the page can show."""
        cited = []
        for clip in prompt.clips[:1]:
            names = self.memory.keyframe_names(clip.clip_id) if self.memory is not None else ()
            cited.append({"id": clip.clip_id, "start": clip.start, "end": clip.end, "text": clip.text,
                          "score": round(clip.score, 3),
                          "thumbnails": [f"/api/sessions/{self.id}/thumbnails/{name}" for name in names]})
        return cited

    async def _answer(self, handle: AnswerHandle, transcript: Transcript, trace: LatencyTrace) -> None:
        splitter = SentenceSplitter()
        prompt = await self._prompt(transcript)
        citations = self._citations(prompt)

        async def speak(piece: str) -> None:
            if trace.first_piece is None:
                trace.first_piece = self.clock()
            await self._speak(handle, piece, citations)

        try:
            # aclosing: a barge-in that cancels us mid-TTS still closes the model stream at once
            async with contextlib.aclosing(self.models.backend.stream(prompt)) as deltas:
                async for delta in deltas:
                    if trace.first_token is None:
                        trace.first_token = self.clock()
                    for piece in splitter.feed(delta):
                        await speak(piece)
            tail = splitter.flush()
            if tail:
                await speak(tail)
        except BackendError as exc:
            await speak(str(exc))
        self.send(to_message(AnswerDelta(self.id, handle.answer_id, self.audio_time, "", final=True),
                             latency=trace.as_dict(), clips=citations))
        metrics.observe_answer(trace)
        await self.speech.wait_idle()
        if not handle.interrupted:
            self.history.append(("assistant", transcript.end, " ".join(handle.spoken)))

    async def _speak(self, handle: AnswerHandle, text: str, citations: list[dict[str, Any]]) -> None:
        """Synthesise one piece and queue it; the page gets its text (and, first, the cited clips)."""
        loop = asyncio.get_running_loop()
        synthesize = metrics.timed("tts", self.models.tts.synthesize)
        pcm = await loop.run_in_executor(self.models.tts_pool, synthesize, text)
        pcm48 = to_output_rate(pcm, self.models.tts.sample_rate)
        extra = {} if handle.spoken else {"clips": citations}
        handle.spoken.append(text)
        self.speech.enqueue(handle.answer_id, text, pcm48)
        self.send(to_message(AnswerDelta(self.id, handle.answer_id, self.audio_time, text), **extra))

    def _on_first_audio(self, answer_id: str, at: float) -> None:
        for trace in reversed(self.traces):
            if trace.answer_id == answer_id:
                trace.first_audio = at
                metrics.observe_answer(trace)
                self.send({"type": "latency", **trace.as_dict()})
                return

    def interrupt(self) -> None:
        """Barge-in: stop the model and the speech, keep what the user actually heard."""
        handle = self.answer
        if handle is None or handle.task is None or handle.interrupted or (
                handle.task.done() and not self.speech.speaking):
            return
        handle.interrupted = True
        handle.task.cancel()
        self.speech.clear(handle.answer_id)
        heard = " ".join(self.speech.log.played.get(handle.answer_id, []))
        self.history.append(("assistant", self.audio_time, heard + " …" if heard else "…"))
        self.send(to_message(Interrupt(self.id, handle.answer_id, self.audio_time, heard)))
        self.log.info("answer %s interrupted after: %s", handle.answer_id, heard or "nothing")

    # ---------------------------------------------------------------- lifecycle
    def latency(self) -> dict[str, Any]:
        return {"session_id": self.id, "answers": [trace.as_dict() for trace in self.traces]}

    def queues(self) -> list[StageQueue]:
        return [self.asr_queue, self.transcripts, self.evidence, self.sound_windows]

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
            "answers": len(self.traces),
        }

    async def close(self) -> None:
        if self.closed.is_set():
            return
        self.closed.set()
        self._drop_speculation()
        self.speech.stop()
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
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
