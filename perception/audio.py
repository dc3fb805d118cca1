"""Inbound audio: resampling to 16 kHz mono and the end of each turn (VAD, and the turn model when there is one).

The segmenter is a pure function of frames and their stream times, so its tests run instantly
and the live path and the tests share one implementation.
"""
from __future__ import annotations

import collections
from dataclasses import dataclass

import av
import numpy as np

from perception.events import EndOfTurnCheck, SpeechPaused, SpeechSegment, SpeechStarted, TurnDecision

SAMPLE_RATE = 16000
FRAME_MS = 20
FRAME_SAMPLES = SAMPLE_RATE * FRAME_MS // 1000


class Resampler:
    """Any av.AudioFrame (Opus gives 48 kHz stereo) → 16 kHz mono int16, counting samples out.

    Stream time is `samples_out / 16000`: it follows the media, not the wall clock.
    """

    def __init__(self) -> None:
        self._resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
        self.samples_out = 0

    @property
    def stream_time(self) -> float:
        return self.samples_out / SAMPLE_RATE

    def resample(self, frame: av.AudioFrame) -> np.ndarray:
        pcm = _mono_int16(self._resampler.resample(frame))
        self.samples_out += len(pcm)
        return pcm


def resample_pcm(pcm: np.ndarray, rate: int, to_rate: int) -> np.ndarray:
    """A whole mono int16 clip from `rate` to `to_rate` (speech out, test recordings in)."""
    if rate == to_rate or len(pcm) == 0:
        return pcm.astype(np.int16)
    frame = av.AudioFrame.from_ndarray(pcm.astype(np.int16).reshape(1, -1), format="s16", layout="mono")
    frame.sample_rate = rate
    resampler = av.AudioResampler(format="s16", layout="mono", rate=to_rate)
    return _mono_int16(resampler.resample(frame) + resampler.resample(None))


def _mono_int16(frames: list[av.AudioFrame]) -> np.ndarray:
    out = [f.to_ndarray().reshape(-1) for f in frames]
    return np.concatenate(out).astype(np.int16) if out else np.zeros(0, np.int16)


class FrameSplitter:
    """Re-blocks arbitrary PCM chunks into fixed 20 ms frames, as webrtcvad needs."""

    def __init__(self, frame_samples: int = FRAME_SAMPLES) -> None:
        self._frame_samples = frame_samples
        self._pending = np.zeros(0, np.int16)

    def split(self, pcm: np.ndarray) -> list[np.ndarray]:
        self._pending = np.concatenate([self._pending, pcm])
        n = len(self._pending) // self._frame_samples
        frames = [self._pending[i * self._frame_samples:(i + 1) * self._frame_samples] for i in range(n)]
        self._pending = self._pending[n * self._frame_samples:]
        return frames


class WebRtcVoiceDetector:
    """webrtcvad's per-frame speech decision."""

    def __init__(self, aggressiveness: int = 2) -> None:
        import webrtcvad

        self._vad = webrtcvad.Vad(aggressiveness)

    def is_speech(self, frame: np.ndarray) -> bool:
        return self._vad.is_speech(frame.tobytes(), SAMPLE_RATE)


def _rms(frame: np.ndarray) -> float:
    return float(np.sqrt(np.mean(frame.astype(np.float32) ** 2)))


@dataclass(frozen=True)
class SegmenterConfig:
    onset_ms: int = 120
    #: silence that ends an utterance when no turn model has said otherwise
    hangover_ms: int = 400
    #: silence after which a speculative transcript is started (0: never)
    pause_ms: int = 100
    #: silence after which the turn model is asked whether the user has finished (0: never)
    turn_pause_ms: int = 0
    #: silence that ends an utterance the turn model judged unfinished (never less than `hangover_ms`)
    unfinished_hangover_ms: int = 400
    #: pause that ends an utterance whose words are a finished question though the model heard no
    #: ending (espeak's flat "What is your name?" scores 0.05); counted like `turn_pause_ms` (0: never)
    question_pause_ms: int = 0
    preroll_ms: int = 300
    #: inside an utterance, a frame quieter than this fraction of its loudest frame so far is a pause
    #: whatever the VAD says: webrtcvad keeps calling the 60–130 ms after the last word voiced, which
    #: the speculative transcript and the turn model would otherwise wait out first (0: the VAD alone).
    #: The hangover still counts the VAD's silence, so what silence alone ends does not change.
    quiet_ratio: float = 0.0
    max_utterance_s: float = 20.0
    frame_ms: int = FRAME_MS


SegmenterEvent = SpeechStarted | SpeechPaused | EndOfTurnCheck | SpeechSegment


class SpeechSegmenter:
    """Ends turns from per-frame speech decisions, and from the turn model's when there is one.

    Speech starts once `onset_ms` of the last `2 * onset_ms` is voiced (tolerates the gaps that
    browser noise suppression leaves); it ends after `hangover_ms` of silence, or at
    `max_utterance_s`. With `turn_pause_ms`, a shorter pause asks the turn model (`EndOfTurnCheck`):
    its answer, given to `decide`, ends the utterance at once if the user has finished, or makes it
    wait for `unfinished_hangover_ms` if not — for only `question_pause_ms` if the words before the
    pause are a finished question. Pauses (speculative transcripts, turn checks) are
    counted from the last voiced frame that is not quiet (`quiet_ratio`), the hangover from the last
    frame the VAD called voiced. The emitted segment includes `preroll_ms` before the onset, so the
    first syllable is not lost, and stops at the last voiced frame that is not quiet.
    """

    def __init__(self, session_id: str, config: SegmenterConfig = SegmenterConfig()) -> None:
        self.session_id = session_id
        self.config = config
        frames = lambda ms: max(1, ms // config.frame_ms)  # noqa: E731
        self._onset_frames = frames(config.onset_ms)
        self._hangover_frames = frames(config.hangover_ms)
        self._unfinished_frames = max(self._hangover_frames, frames(config.unfinished_hangover_ms))
        self._pause_frames = config.pause_ms // config.frame_ms
        self._turn_pause_frames = config.turn_pause_ms // config.frame_ms
        self._question_pause_frames = config.question_pause_ms // config.frame_ms
        self._recent = collections.deque(maxlen=2 * self._onset_frames)
        self._preroll: collections.deque[tuple[float, np.ndarray]] = collections.deque(
            maxlen=frames(config.preroll_ms) + 2 * self._onset_frames
        )
        self._speech: list[np.ndarray] = []
        self._start = 0.0
        self._end = 0.0
        self._loudest = 0.0
        #: frames since the VAD last said voiced (the hangover counts these)
        self._silent_run = 0
        #: frames since the last voiced frame that was not quiet (pauses count these; >= _silent_run)
        self._quiet_run = 0
        #: silence that ends the current pause: the hangover, or longer once judged unfinished
        self._ends_after = self._hangover_frames
        #: the voiced end of the pause the turn model was asked about (None: not asked)
        self._asked: float | None = None
        #: the words before this pause are a finished question: it ends at `question_pause_ms`
        self._question = False
        self.in_speech = False

    def push(self, frame: np.ndarray, t: float, voiced: bool, now: float = 0.0) -> list[SegmenterEvent]:
        """Feed one frame starting at stream time `t`; `now` (monotonic) stamps segment ends."""
        events: list[SegmenterEvent] = []
        if not self.in_speech:
            self._preroll.append((t, frame))
            self._recent.append(voiced)
            if sum(self._recent) >= self._onset_frames:
                self.in_speech = True
                self._silent_run = self._quiet_run = 0
                keep = self._onset_frames * 2 + self.config.preroll_ms // self.config.frame_ms
                buffered = list(self._preroll)[-keep:]
                self._start, self._end = buffered[0][0], t + len(frame) / SAMPLE_RATE
                self._speech = [f for _, f in buffered]
                self._loudest = max(_rms(f) for f in self._speech)
                self._preroll.clear()
                self._recent.clear()
                events.append(SpeechStarted(self.session_id, self._start))
            return events
        self._speech.append(frame)
        loud = voiced
        if self.config.quiet_ratio:
            level = _rms(frame)
            self._loudest = max(self._loudest, level)
            loud = voiced and level >= self.config.quiet_ratio * self._loudest
        self._silent_run = 0 if voiced else self._silent_run + 1
        if loud:
            self._quiet_run, self._ends_after, self._asked, self._question = 0, self._hangover_frames, None, False
        else:
            self._quiet_run += 1
        self._end = t + len(frame) / SAMPLE_RATE
        if 0 < self._quiet_run == self._pause_frames < self._hangover_frames:
            events.append(SpeechPaused(self.session_id, self._start, self._voiced_end(),
                                       np.concatenate(self._speech[:len(self._speech) - self._quiet_run])))
        if 0 < self._quiet_run == self._turn_pause_frames < self._hangover_frames:
            self._asked = self._voiced_end()
            events.append(EndOfTurnCheck(self.session_id, self._start, self._asked, np.concatenate(self._speech)))
        if self._silent_run >= self._ends_after:
            events.append(self._finish(now, "silence"))
        elif self._question and self._quiet_run >= self._question_pause_frames:
            events.append(self._finish(now, "question"))
        elif self._end - self._start >= self.config.max_utterance_s:
            events.append(self._finish(now, "max length"))
        return events

    def decide(self, decision: TurnDecision, now: float = 0.0) -> SpeechSegment | None:
        """The turn model's answer to an `EndOfTurnCheck`; ignored once the user spoke again."""
        if not self.in_speech or self._asked is None or decision.voiced_end != self._asked:
            return None
        self._asked = None
        if decision.complete:
            return self._finish(now, "turn model")
        self._ends_after = self._unfinished_frames
        if decision.question and self._question_pause_frames:
            if self._quiet_run >= self._question_pause_frames:
                return self._finish(now, "question")
            self._question = True
        return None

    def flush(self, now: float = 0.0) -> SpeechSegment | None:
        """End a segment in progress (track ended)."""
        if not self.in_speech or not self._speech:
            return None
        return self._finish(now, "track end")

    def _voiced_end(self) -> float:
        return round(self._end - self._quiet_run * self.config.frame_ms / 1000, 6)

    def _finish(self, now: float, ended_by: str) -> SpeechSegment:
        voiced = self._speech[:len(self._speech) - self._quiet_run] or self._speech
        segment = SpeechSegment(self.session_id, self._start, self._end, np.concatenate(voiced), turn_end_at=now,
                                voiced_end=self._voiced_end(), ended_by=ended_by)
        self.in_speech = False
        self._speech = []
        self._silent_run, self._quiet_run, self._ends_after, self._asked, self._question = (
            0, 0, self._hangover_frames, None, False)
        return segment
