"""Inbound video: keep 1–2 frames per second of stream time, latest first.

Which frames to keep is a pure function of frame stream times (`FrameSampler`), so its tests
run instantly; `sample_track` only adds the aiortc plumbing around it.
"""
from __future__ import annotations

import asyncio
import collections
import logging
import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Protocol

import av
import numpy as np
from aiortc.mediastreams import MediaStreamError

from perception.clock import WallClamp
from perception.events import VideoFrame
from perception.stages import StageQueue

log = logging.getLogger(__name__)

#: frames larger than this on either side are scaled down before conversion to RGB
MAX_SIDE = 4096
#: frames beyond these are refused before any image work: more pixels than 8K, or a strip
#: narrower than 1:8 (no camera or screen sends one; converting a 16384×2 frame is wasted work)
MAX_PIXELS = 7680 * 4320
MAX_ASPECT = 8.0
#: slack when comparing a frame time with the sampling grid (timestamps are rounded to ticks)
_GRID_SLACK_S = 1e-3
_RTP_WRAP = 1 << 32


class VideoSource(Protocol):
    """What `sample_track` needs from an aiortc video track."""

    async def recv(self) -> Any: ...


class TrackClock:
    """Frame pts → seconds since the track's first frame.

    aiortc stamps decoded frames with the 32-bit RTP timestamp, which starts at a random value
    and wraps (every ~13 h at 90 kHz, possibly minutes after the start), so steps of more than
    half the range are taken as a wrap, not as a jump.
    """

    def __init__(self) -> None:
        self._first: int | None = None
        self._last = 0
        self._unwrap = 0

    def seconds(self, pts: int, time_base: Fraction) -> float:
        if self._first is None:
            self._first = self._last = pts
        step = pts - self._last
        if step < -_RTP_WRAP // 2:
            self._unwrap += _RTP_WRAP
        elif step > _RTP_WRAP // 2:
            self._unwrap -= _RTP_WRAP
        self._last = pts
        return float((pts + self._unwrap - self._first) * time_base)


class FrameSampler:
    """Keeps frames on a grid of 1/fps stream seconds.

    The grid advances from the previous slot rather than from the kept frame, so a source whose
    frame rate is not a multiple of the target still yields the target rate on average; after a
    gap (or time running backwards, e.g. a restarted track) the grid restarts at the next frame.
    """

    def __init__(self, fps: float) -> None:
        if fps <= 0:
            raise ValueError(f"fps must be positive, got {fps}")
        self.period = 1.0 / fps
        self._next_due: float | None = None

    def keep(self, t: float) -> bool:
        due = self._next_due
        if due is None or t < due - self.period - _GRID_SLACK_S or t >= due + self.period:
            self._next_due = t + self.period
            return True
        if t < due - _GRID_SLACK_S:
            return False
        self._next_due = due + self.period
        return True


class RateMeter:
    """Events per second of stream time over the last `window` events."""

    def __init__(self, window: int = 30) -> None:
        self._times: collections.deque[float] = collections.deque(maxlen=window)

    def add(self, t: float) -> None:
        self._times.append(t)

    @property
    def rate(self) -> float:
        if len(self._times) < 2 or self._times[-1] <= self._times[0]:
            return 0.0
        return (len(self._times) - 1) / (self._times[-1] - self._times[0])


@dataclass
class VideoTrackStats:
    """Live counters of one inbound video track, for the page and metrics.

    Frames dropped by the keep-latest queue are counted by the queue (`StageQueue.dropped`).
    """

    source: str
    target_fps: float
    frames_received: int = 0
    frames_sampled: int = 0
    #: frames without a timestamp, of zero size, or that failed to convert
    frames_invalid: int = 0
    #: frames larger than MAX_SIDE, scaled down before conversion
    frames_downscaled: int = 0
    #: frames beyond MAX_PIXELS or MAX_ASPECT, refused unconverted
    frames_rejected: int = 0
    #: times the track's clock was re-anchored: ahead of the wall clock, or back in time
    clock_corrections: int = 0
    width: int = 0
    height: int = 0
    last_t: float = 0.0
    ended: bool = False
    _received_rate: RateMeter = field(default_factory=RateMeter, init=False, repr=False)
    _sampled_rate: RateMeter = field(default_factory=lambda: RateMeter(10), init=False, repr=False)

    @property
    def input_fps(self) -> float:
        return self._received_rate.rate

    @property
    def sampled_fps(self) -> float:
        return self._sampled_rate.rate

    def received(self, width: int, height: int, t: float) -> None:
        self.width, self.height, self.last_t = width, height, t
        self._received_rate.add(t)

    def sampled(self, t: float) -> None:
        self.frames_sampled += 1
        self._sampled_rate.add(t)

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target_fps": self.target_fps,
            "frames_received": self.frames_received,
            "frames_sampled": self.frames_sampled,
            "frames_invalid": self.frames_invalid,
            "frames_downscaled": self.frames_downscaled,
            "frames_rejected": self.frames_rejected,
            "clock_corrections": self.clock_corrections,
            "width": self.width,
            "height": self.height,
            "input_fps": round(self.input_fps, 2),
            "sampled_fps": round(self.sampled_fps, 2),
            "last_t": round(self.last_t, 3),
            "ended": self.ended,
        }


def fit_within(width: int, height: int, max_side: int) -> tuple[int, int]:
    """Size scaled down (aspect kept) so neither side exceeds max_side."""
    scale = max_side / max(width, height)
    if scale >= 1:
        return width, height
    return max(1, round(width * scale)), max(1, round(height * scale))


def acceptable_size(width: int, height: int) -> bool:
    """Within MAX_PIXELS and MAX_ASPECT (and not empty)."""
    if width <= 0 or height <= 0:
        return False
    return width * height <= MAX_PIXELS and max(width, height) <= MAX_ASPECT * min(width, height)


def frame_to_rgb(frame: av.VideoFrame, max_side: int = MAX_SIDE) -> np.ndarray:
    """H×W×3 uint8 RGB, scaled down in the same swscale pass when the frame is huge."""
    width, height = fit_within(frame.width, frame.height, max_side)
    if (width, height) != (frame.width, frame.height):
        frame = frame.reformat(width=width, height=height, format="rgb24")
    return frame.to_ndarray(format="rgb24")


async def sample_track(
    track: VideoSource,
    session_id: str,
    source: str,
    fps: float,
    out: StageQueue[VideoFrame],
    *,
    stats: VideoTrackStats | None = None,
    start: float = 0.0,
    max_side: int = MAX_SIDE,
    wall: Callable[[], float] = time.monotonic,
) -> VideoTrackStats:
    """Consume `track` until it ends, offering sampled RGB frames to the keep-latest `out` queue.

    `start` is the session stream time of the track's first frame (a screen share may begin
    after the session did); frame times are `start` + pts seconds since that first frame, kept
    from running ahead of the `wall` clock (`WallClamp`).
    Pass `stats` to watch the counters while the track runs.
    """
    stats = stats if stats is not None else VideoTrackStats(source=source, target_fps=fps)
    sampler = FrameSampler(fps)
    clock = TrackClock()
    clamp: WallClamp | None = None
    try:
        while True:
            try:
                frame = await track.recv()
            except MediaStreamError:
                return stats
            stats.frames_received += 1
            if frame.pts is None or frame.time_base is None or frame.width <= 0 or frame.height <= 0:
                stats.frames_invalid += 1
                continue
            if not acceptable_size(frame.width, frame.height):
                stats.frames_rejected += 1
                continue
            clamp = clamp or WallClamp(start, clock=wall)
            t = clamp.settle(start + clock.seconds(frame.pts, frame.time_base))
            stats.clock_corrections = clamp.corrections
            stats.received(frame.width, frame.height, t)
            if not sampler.keep(t):
                continue
            if max(frame.width, frame.height) > max_side:
                stats.frames_downscaled += 1
            try:
                # swscale releases the GIL: a 4K conversion (~25 ms) stays off the event loop
                rgb = await asyncio.to_thread(frame_to_rgb, frame, max_side)
            except (ValueError, av.FFmpegError) as exc:
                stats.frames_invalid += 1
                log.warning("%s %s: unconvertible frame %dx%d %s: %s", session_id, source,
                            frame.width, frame.height, frame.format.name, exc)
                continue
            stats.sampled(t)
            out.offer(VideoFrame(session_id=session_id, source=source, t=t, rgb=rgb))
    finally:
        stats.ended = True
