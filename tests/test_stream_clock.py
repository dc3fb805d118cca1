"""Stream time per source stays within a small margin of the wall clock, and never runs back."""
from __future__ import annotations

from perception.clock import AHEAD_MARGIN_S, WallClamp


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
