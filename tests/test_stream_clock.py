"""Stream time per source stays within a small margin of the wall clock, and never runs back."""
from __future__ import annotations

import asyncio
import fractions
import time

import av
import numpy as np
import pytest
from aiortc import MediaStreamTrack
from aiortc.mediastreams import MediaStreamError

from perception.clock import AHEAD_MARGIN_S, WallClamp
from tests.conftest import offer_poster, running_app
from tests.peer import RealTimePacer, ScriptedAudioTrack, connect


class FakeWall:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_real_time_source_is_left_alone() -> None:
    wall = FakeWall()
    clamp = WallClamp(start=3.0, clock=wall)
    for i in range(100):
        wall.now += 0.02
        assert clamp.settle(3.0 + i * 0.02) == 3.0 + i * 0.02
    assert clamp.corrections == 0


def test_jumps_ahead_are_reanchored_to_the_wall_clock() -> None:
    wall = FakeWall()
    clamp = WallClamp(start=0.0, clock=wall)
    times = []
    for i in range(50):  # each frame claims 6 h more, sent 30 times a second
        wall.now += 1 / 30
        times.append(clamp.settle(i * 6 * 3600.0))
    assert max(times) <= 50 / 30 + AHEAD_MARGIN_S
    assert times == sorted(times) and clamp.corrections == 49


def test_audio_sent_faster_than_real_time_meets_the_bound() -> None:
    """The audio leg drops what would pass `latest()`: 10 s of samples in 1 s of wall time."""
    wall = FakeWall()
    clamp = WallClamp(start=0.0, clock=wall)
    audio_time, kept = 0.0, 0
    for _ in range(500):  # 20 ms chunks, arriving every 2 ms
        wall.now += 0.002
        if audio_time + 0.02 <= clamp.latest():
            audio_time += 0.02
            kept += 1
    assert audio_time <= 1.0 + AHEAD_MARGIN_S and kept < 500


class ForgedClockCamera(MediaStreamTrack):
    """A camera at 10 fps in real time whose timestamps jump 6 hours at every frame."""

    kind = "video"

    def __init__(self) -> None:
        super().__init__()
        self.count = 0
        self.pacer = RealTimePacer()

    async def recv(self) -> av.VideoFrame:
        if self.readyState != "live":
            raise MediaStreamError
        await self.pacer.wait_until(self.count / 10)
        frame = av.VideoFrame.from_ndarray(np.full((120, 160, 3), (self.count * 40) % 256, np.uint8), format="rgb24")
        frame.pts = (self.count * 6 * 3600 * 90000) % (1 << 32)
        frame.time_base = fractions.Fraction(1, 90000)
        self.count += 1
        return frame


@pytest.mark.slow
async def test_forged_video_timestamps_keep_stream_time_near_wall_time(settings, models) -> None:
    """The attack from the issue, over real WebRTC: RTP timestamps jumping 6 h per frame."""
    audio, camera = ScriptedAudioTrack([(0.0, np.zeros(960, np.int16))], tail_s=30.0), ForgedClockCamera()
    async with running_app(settings, models) as (app, http):
        peer = await connect(offer_poster(http), audio, camera)
        await peer.wait_for(lambda p: p.pc.connectionState == "connected", timeout=30)
        connected = time.monotonic()
        session = app.state.core.sessions[peer.session_id]
        await peer.wait_for(lambda p: any(s.frames_sampled >= 3 for s in session.video.values()), timeout=30)
        await asyncio.sleep(4.0)
        (stats,) = session.video.values()
        wall = time.monotonic() - connected
        assert stats.frames_sampled >= 3 and stats.clock_corrections > 0
        assert stats.last_t <= wall + 2.0, (stats.last_t, wall)
        assert all(clip["end"] <= wall + 2.0 for clip in session.memory.timeline())  # no clips at 6 h, 12 h …
        await peer.close()
    audio.stop()
    camera.stop()
