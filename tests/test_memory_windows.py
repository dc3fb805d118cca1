"""Sync windows and clip cutting: pure functions of stream time."""

from __future__ import annotations

from memory.records import SoundSpan
from memory.scenes import SCENE_THRESHOLD, ClipCutter, text_changed
from memory.windows import aggregate, build_windows, word_times
from perception.events import Transcript
from perception.vision import scene_change
from tests.synthetic import at, features

YELLOW, RED, BLUE = (250, 220, 40), (200, 30, 30), (40, 60, 200)


def test_words_are_spread_evenly_over_the_utterance() -> None:
    times = word_times(Transcript("s", 10.0, 12.0, "one two three four"))
    assert times == [(10.25, "one"), (10.75, "two"), (11.25, "three"), (11.75, "four")]


def test_windows_join_what_was_seen_and_heard() -> None:
    screen = features("s", "screen", 0.2, "INVOICE 4471", YELLOW)
    cam = features("s", "camera", 0.9, "", BLUE)
    windows = build_windows(
        {"screen": [screen], "camera": [cam]},
        [Transcript("s", 0.5, 1.5, "hello there")],
        [SoundSpan(1.2, 3.0, "music")],
        0.0,
        2.0,
    )
    assert [(w.start, w.end) for w in windows] == [(0.0, 0.5), (0.5, 1.0), (1.0, 1.5), (1.5, 2.0)]
    assert [tuple(f.source for f in w.frames) for w in windows] == [
        ("screen",),
        ("camera", "screen"),
        ("camera", "screen"),
        ("camera", "screen"),
    ]
    assert [w.words for w in windows] == [(), ("hello",), ("there",), ()]
    assert [w.sound_tags for w in windows] == [(), (), ("music",), ("music",)]


def test_a_frame_goes_stale_without_a_successor() -> None:
    f = features("s", "screen", 0.0, "SLIDE", YELLOW)
    windows = build_windows({"screen": [f]}, [], [], 0.0, 5.0, stale=3.0)
    assert [bool(w.frames) for w in windows] == [True] * 6 + [False] * 4


def test_windows_are_a_pure_function_of_stream_time() -> None:
    f = features("s", "screen", 0.0, "SLIDE", YELLOW)
    events = ({"screen": [f, at(f, 0.5), at(f, 1.0)]}, [Transcript("s", 0.0, 2.0, "a b c d")], [])
    whole = build_windows(*events, 0.0, 2.0)
    assert build_windows(*events, 0.0, 1.0) + build_windows(*events, 1.0, 2.0) == whole


def test_five_second_windows_aggregate_half_second_ones() -> None:
    f = features("s", "screen", 0.0, "INVOICE 4471", YELLOW)
    g = features("s", "screen", 6.0, "KEYS IN RED DRAWER", RED)
    frames = {"screen": [at(f, t / 2) for t in range(12)] + [at(g, 6.0 + t / 2) for t in range(8)]}
    windows = build_windows(frames, [Transcript("s", 4.0, 7.0, "now the keys slide")], [], 0.0, 10.0)
    details = aggregate(windows)
    assert [(d.start, d.end) for d in details] == [(0.0, 5.0), (5.0, 10.0)]
    assert details[0].said == "now" and details[1].said == "the keys slide"
    assert details[0].seen == (("screen", "INVOICE 4471"),)
    assert details[1].seen == (("screen", "INVOICE 4471"), ("screen", "KEYS IN RED DRAWER"))


def cut_points(frames: list, end: float, **kw: float) -> list[float]:
    cutter = ClipCutter(scene_change, SCENE_THRESHOLD, **kw)
    cuts = []
    for w in build_windows({"screen": frames}, [], [], 0.0, end):
        closed = cutter.push(w)
        if closed is not None:
            cuts.append(w.start)
    return cuts


def test_clips_are_cut_at_scene_changes() -> None:
    yellow = features("s", "screen", 0, "INVOICE 4471", YELLOW, noise=1)
    yellow2 = features("s", "screen", 0, "INVOICE 4471", YELLOW, noise=2)
    red = features("s", "screen", 0, "KEYS IN RED DRAWER", RED)
    frames = [at(yellow if i % 2 else yellow2, i / 2) for i in range(12)] + [at(red, 6 + i / 2) for i in range(8)]
    assert cut_points(frames, 10.0) == [6.0]


def test_clips_are_cut_at_the_maximum_length() -> None:
    f = features("s", "screen", 0, "SAME SLIDE ALL ALONG", YELLOW)
    assert cut_points([at(f, i / 2) for i in range(60)], 30.0, max_length=10.0) == [10.0, 20.0]


def test_a_flicker_shorter_than_the_minimum_clip_does_not_cut_early() -> None:
    y = features("s", "screen", 0, "INVOICE 4471", YELLOW)
    r = features("s", "screen", 0, "KEYS IN RED DRAWER", RED)
    frames = [at(y, 0.0), at(r, 0.5), at(r, 1.0), at(r, 1.5), at(r, 2.0), at(r, 2.5)]
    assert cut_points(frames, 3.0, min_length=2.0) == [2.0]


def test_new_text_on_the_same_background_is_a_new_scene() -> None:
    assert text_changed("INVOICE 4471 DUE FRIDAY", "MEETING AT 3 PM WITH ANNA")
    assert not text_changed("INVOICE 4471 DUE FRIDAY", "INV0ICE 4471 DUE FRIDAY")
    a = features("s", "screen", 0, "INVOICE 4471 DUE FRIDAY", (255, 255, 255))
    b = features("s", "screen", 0, "MEETING AT 3 PM", (255, 255, 255))
    assert cut_points([at(a, i / 2) for i in range(8)] + [at(b, 4 + i / 2) for i in range(8)], 8.0) == [4.0]
