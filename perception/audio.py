"""Inbound audio: resampling to 16 kHz mono and VAD endpointing.

The segmenter is a pure function of frames and their stream times, so its tests run instantly
and the live path and the tests share one implementation.
"""
from __future__ import annotations

import collections
from dataclasses import dataclass

import av
import numpy as np

from perception.events import SpeechPaused, SpeechSegment, SpeechStarted

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
        out = [f.to_ndarray().reshape(-1) for f in self._resampler.resample(frame)]
        pcm = np.concatenate(out).astype(np.int16) if out else np.zeros(0, np.int16)
        self.samples_out += len(pcm)
        return pcm


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


@dataclass(frozen=True)
class SegmenterConfig:
    onset_ms: int = 120
    hangover_ms: int = 400
    #: silence after which a speculative transcript is started (0: never)
    pause_ms: int = 100
    preroll_ms: int = 300
    max_utterance_s: float = 20.0
    frame_ms: int = FRAME_MS


class SpeechSegmenter:
    """Endpointing from per-frame speech decisions.

    Speech starts once `onset_ms` of the last `2 * onset_ms` is voiced (tolerates the gaps that
    browser noise suppression leaves); it ends after `hangover_ms` of silence, or at
    `max_utterance_s`. The emitted segment includes `preroll_ms` before the onset, so the first
    syllable is not lost, and the hangover after the last voiced frame.
    """

    def __init__(self, session_id: str, config: SegmenterConfig = SegmenterConfig()) -> None:
        self.session_id = session_id
        self.config = config
        frames = lambda ms: max(1, ms // config.frame_ms)  # noqa: E731
        self._onset_frames = frames(config.onset_ms)
        self._hangover_frames = frames(config.hangover_ms)
        self._pause_frames = config.pause_ms // config.frame_ms
        self._recent = collections.deque(maxlen=2 * self._onset_frames)
        self._preroll: collections.deque[tuple[float, np.ndarray]] = collections.deque(
            maxlen=frames(config.preroll_ms) + 2 * self._onset_frames
        )
        self._speech: list[np.ndarray] = []
        self._start = 0.0
        self._silent_run = 0
        self.in_speech = False

    def push(self, frame: np.ndarray, t: float, voiced: bool,
             now: float = 0.0) -> list[SpeechStarted | SpeechPaused | SpeechSegment]:
        """Feed one frame starting at stream time `t`; `now` (monotonic) stamps segment ends."""
        events: list[SpeechStarted | SpeechPaused | SpeechSegment] = []
        if not self.in_speech:
            self._preroll.append((t, frame))
            self._recent.append(voiced)
            if sum(self._recent) >= self._onset_frames:
                self.in_speech = True
                self._silent_run = 0
                keep = self._onset_frames * 2 + self.config.preroll_ms // self.config.frame_ms
                buffered = list(self._preroll)[-keep:]
                self._start = buffered[0][0]
                self._speech = [f for _, f in buffered]
                self._preroll.clear()
                self._recent.clear()
                events.append(SpeechStarted(self.session_id, self._start))
            return events
        self._speech.append(frame)
        self._silent_run = 0 if voiced else self._silent_run + 1
        end = t + len(frame) / SAMPLE_RATE
        if self._silent_run == self._pause_frames and self._pause_frames < self._hangover_frames:
            events.append(SpeechPaused(self.session_id, self._start, self._voiced_end(end),
                                       np.concatenate(self._speech[:len(self._speech) - self._silent_run])))
        if self._silent_run >= self._hangover_frames or end - self._start >= self.config.max_utterance_s:
            events.append(self._finish(end, now))
        return events

    def flush(self, now: float = 0.0) -> SpeechSegment | None:
        """End a segment in progress (track ended)."""
        if not self.in_speech or not self._speech:
            return None
        end = self._start + sum(len(f) for f in self._speech) / SAMPLE_RATE
        return self._finish(end, now)

    def _voiced_end(self, end: float) -> float:
        return round(end - self._silent_run * self.config.frame_ms / 1000, 6)

    def _finish(self, end: float, now: float) -> SpeechSegment:
        voiced = self._speech[:len(self._speech) - self._silent_run] or self._speech
        segment = SpeechSegment(self.session_id, self._start, end, np.concatenate(voiced), detected_at=now,
                                voiced_end=self._voiced_end(end))
        self.in_speech = False
        self._speech = []
        self._silent_run = 0
        return segment
