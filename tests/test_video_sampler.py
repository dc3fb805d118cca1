"""Video sampling: pure sampler decisions with injected times, then sample_track on a fake track."""
from __future__ import annotations

from fractions import Fraction

import av
import numpy as np
import pytest
from aiortc.mediastreams import MediaStreamError

from perception.events import VideoFrame
from perception.stages import DROPS, StageQueue
from perception.video import (
    MAX_SIDE,
    FrameSampler,
    TrackClock,
    VideoTrackStats,
    acceptable_size,
    fit_within,
    sample_track,
)

RTP_CLOCK = Fraction(1, 90000)


def kept_times(fps: float, times: list[float]) -> list[float]:
    sampler = FrameSampler(fps)
    return [t for t in times if sampler.keep(t)]


def test_two_fps_from_thirty_fps_stream() -> None:
    times = [i / 30 for i in range(30 * 10)]
    kept = kept_times(2.0, times)
    assert len(kept) == 20
    assert np.allclose(np.diff(kept), 0.5)


def test_rate_holds_when_source_rate_is_not_a_multiple() -> None:
    kept = kept_times(2.0, [i / 25 for i in range(25 * 10)])  # slots land between frames
    assert len(kept) == 20
    assert max(np.diff(kept)) <= 0.5 + 1 / 25


def test_one_fps_screen_and_slow_sources() -> None:
    assert len(kept_times(1.0, [i / 30 for i in range(30 * 6)])) == 6
    slow = [i * 1.5 for i in range(5)]  # slower than the target: every frame is kept
    assert kept_times(2.0, slow) == slow


def test_grid_restarts_after_a_gap_or_time_going_back() -> None:
    sampler = FrameSampler(2.0)
    assert [sampler.keep(t) for t in (0.0, 0.1, 0.5)] == [True, False, True]
    assert sampler.keep(7.3)  # gap: the next frame is kept and the grid restarts there
    assert not sampler.keep(7.5)
    assert sampler.keep(7.8)
    assert sampler.keep(1.0)  # the track restarted


def test_sampler_rejects_nonpositive_fps() -> None:
    with pytest.raises(ValueError):
        FrameSampler(0)


def test_clock_is_relative_to_first_frame_and_unwraps_rtp() -> None:
    clock = TrackClock()
    start = (1 << 32) - 45000  # wraps half a second in
    times = [clock.seconds((start + i * 3000) % (1 << 32), RTP_CLOCK) for i in range(60)]
    assert times[0] == 0.0
    assert np.allclose(np.diff(times), 3000 / 90000)


def test_fit_within() -> None:
    assert fit_within(1280, 720, 4096) == (1280, 720)
    assert fit_within(8192, 4096, 4096) == (4096, 2048)
    assert fit_within(10000, 2, 4096) == (4096, 1)


def test_keep_latest_queue_counts_drops() -> None:
    queue: StageQueue[VideoFrame] = StageQueue("test.video.latest", 1, policy="drop_oldest")
    before = DROPS["test.video.latest"]
    for t in (0.0, 0.5, 1.0):
        queue.offer(VideoFrame("s", "camera", t, np.zeros((2, 2, 3), np.uint8)))
    assert queue.dropped == 2
    assert DROPS["test.video.latest"] - before == 2
    assert queue.get_nowait().t == 1.0


# --- sample_track on a fake track -------------------------------------------------------------


def make_frame(rgb: np.ndarray, pts: int | None, time_base: Fraction | None = RTP_CLOCK) -> av.VideoFrame:
    frame = av.VideoFrame.from_ndarray(rgb, format="rgb24").reformat(format="yuv420p")  # as a decoder gives
    frame.pts = pts
    frame.time_base = time_base
    return frame


class FakeTrack:
    """recv() hands out the given frames, then ends like an aiortc track. `sample` runs it with
    a wall clock that keeps pace with a real-time sender, so no frame time is clamped."""

    def __init__(self, frames: list[object], wall_step_s: float = 1.0) -> None:
        self._frames = list(frames)
        self._wall_step_s = wall_step_s
        self.wall_time = 0.0

    def wall(self) -> float:
        return self.wall_time

    async def recv(self) -> object:
        if not self._frames:
            raise MediaStreamError
        self.wall_time += self._wall_step_s
        return self._frames.pop(0)


async def sample(frames: list[object], *args, **kwargs) -> VideoTrackStats:
    track = FakeTrack(frames)
    return await sample_track(track, *args, wall=track.wall, **kwargs)


def camera_frames(seconds: float, fps: int = 30, size: tuple[int, int] = (64, 48), pts0: int = 123456) -> list[object]:
    w, h = size
    frames = []
    for i in range(int(seconds * fps)):
        rgb = np.full((h, w, 3), (i * 7) % 256, np.uint8)
        frames.append(make_frame(rgb, pts0 + i * 90000 // fps))
    return frames


def new_queue(maxsize: int = 100) -> StageQueue[VideoFrame]:
    return StageQueue("test.video", maxsize, policy="drop_oldest")


async def drain(queue: StageQueue[VideoFrame]) -> list[VideoFrame]:
    items = []
    while not queue.empty():
        items.append(queue.get_nowait())
    return items


async def test_sample_track_keeps_two_fps_with_stream_times() -> None:
    out = new_queue()
    stats = await sample(camera_frames(3.0), "s1", "camera", 2.0, out, start=10.0)
    frames = await drain(out)
    assert [f.t for f in frames] == pytest.approx([10.0, 10.5, 11.0, 11.5, 12.0, 12.5])
    first = frames[0]
    assert (first.session_id, first.source) == ("s1", "camera")
    assert first.rgb.shape == (48, 64, 3) and first.rgb.dtype == np.uint8
    assert abs(int(frames[1].rgb[0, 0, 0]) - 15 * 7) <= 2  # frame 15 of the stream, through yuv420p
    assert stats.frames_received == 90 and stats.frames_sampled == 6
    assert (stats.width, stats.height) == (64, 48)
    assert stats.input_fps == pytest.approx(30.0)
    assert stats.sampled_fps == pytest.approx(2.0)
    assert stats.ended
    assert stats.as_dict()["frames_sampled"] == 6


async def test_sample_track_keep_latest_counts_drops() -> None:
    out = new_queue(maxsize=1)
    stats = await sample(camera_frames(3.0), "s1", "camera", 2.0, out)
    assert out.dropped == stats.frames_sampled - 1 == 5
    assert (await drain(out))[0].t == pytest.approx(2.5)


async def test_sample_track_skips_empty_and_untimed_frames() -> None:
    empty = av.VideoFrame(0, 0, "yuv420p")
    empty.pts, empty.time_base = 0, RTP_CLOCK
    untimed = make_frame(np.zeros((8, 8, 3), np.uint8), pts=None)
    good = make_frame(np.zeros((8, 8, 3), np.uint8), pts=90000)
    out = new_queue()
    stats = await sample([empty, untimed, good], "s1", "camera", 2.0, out)
    assert stats.frames_received == 3 and stats.frames_invalid == 2
    assert [f.rgb.shape for f in await drain(out)] == [(8, 8, 3)]


async def test_sample_track_downscales_huge_frames() -> None:
    huge = make_frame(np.zeros((1000, MAX_SIDE + 904, 3), np.uint8), pts=0)
    out = new_queue()
    stats = await sample([huge], "s1", "screen", 1.0, out)
    (frame,) = await drain(out)
    assert frame.rgb.shape == (819, MAX_SIDE, 3)
    assert stats.frames_downscaled == 1
    assert (stats.width, stats.height) == (MAX_SIDE + 904, 1000)


class BrokenFrame:
    """A frame that decodes to garbage: conversion fails."""

    width, height, pts, time_base = 16, 16, 0, RTP_CLOCK
    format = av.VideoFormat("yuv420p")

    def to_ndarray(self, format: str) -> np.ndarray:
        raise ValueError("corrupt")


async def test_sample_track_survives_unconvertible_frames() -> None:
    good = make_frame(np.zeros((8, 8, 3), np.uint8), pts=90000)
    out = new_queue()
    stats = await sample([BrokenFrame(), good], "s1", "camera", 2.0, out)
    assert stats.frames_invalid == 1 and stats.frames_sampled == 1
    assert len(await drain(out)) == 1


async def test_external_stats_object_is_updated() -> None:
    stats = VideoTrackStats(source="camera", target_fps=2.0)
    await sample(camera_frames(1.0), "s1", "camera", 2.0, new_queue(), stats=stats)
    assert stats.frames_sampled == 2 and stats.ended


async def test_forged_timestamps_cannot_run_ahead_of_the_wall_clock() -> None:
    """Timestamps jumping 6 h per frame, sent at 30 fps: stream time keeps to the wall clock."""
    six_hours = 6 * 3600 * 90000
    frames = [make_frame(np.zeros((8, 8, 3), np.uint8), (i * six_hours) % (1 << 32)) for i in range(60)]
    track = FakeTrack(frames, wall_step_s=1 / 30)
    out = new_queue()
    stats = await sample_track(track, "s1", "camera", 2.0, out, start=5.0, wall=track.wall)
    times = [f.t for f in await drain(out)]
    wall_elapsed = track.wall_time - 1 / 30  # the clamp starts at the first frame
    assert stats.last_t <= 5.0 + wall_elapsed + 2.0
    assert max(times) <= 5.0 + wall_elapsed + 2.0 and times == sorted(times)
    assert stats.clock_corrections > 0


async def test_time_going_back_is_reanchored_not_replayed() -> None:
    frames = camera_frames(1.0, pts0=10 * 90000) + camera_frames(1.0, pts0=0)  # a restarted sender
    track = FakeTrack(frames, wall_step_s=1 / 30)
    out = new_queue()
    await sample_track(track, "s1", "camera", 2.0, out, wall=track.wall)
    times = [f.t for f in await drain(out)]
    assert times == sorted(times) and max(times) <= track.wall_time + 1.0


def test_frame_size_and_aspect_bounds() -> None:
    assert acceptable_size(1920, 1080) and acceptable_size(7680, 4320) and acceptable_size(480, 3840)
    assert not acceptable_size(16384, 16384)  # more pixels than 8K
    assert not acceptable_size(4000, 2) and not acceptable_size(2, 4000)  # strips
    assert not acceptable_size(0, 10)


async def test_odd_frames_are_rejected_before_conversion() -> None:
    strip = make_frame(np.zeros((2, 64, 3), np.uint8), pts=0)
    good = make_frame(np.zeros((8, 8, 3), np.uint8), pts=90000)
    out = new_queue()
    stats = await sample([strip, good], "s1", "camera", 2.0, out)
    assert stats.frames_rejected == 1 and stats.frames_sampled == 1
