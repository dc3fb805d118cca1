"""Camera views in memory: descriptions in words, appear / leave events, search, summary, "now"."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from memory import MemoryService
from memory.camera import CameraTracker, describe
from memory.sqlite_store import SqliteStore
from perception.events import CameraView, Detection, PersonView
from tests.synthetic import HashingEmbedder, features

BOX = (0.1, 0.1, 0.4, 0.9)
CUP, PHONE, LAPTOP, CAT = (Detection(label, 0.9, BOX) for label in ("cup", "cell phone", "laptop", "cat"))


def person(shirt: str = "", *holding: str) -> PersonView:
    return PersonView(BOX, 0.9, shirt, holding)


@pytest.fixture
def service(tmp_path: Path) -> Iterator[MemoryService]:
    svc = MemoryService(SqliteStore(tmp_path), HashingEmbedder())
    yield svc
    svc.close()


def test_describe_in_words() -> None:
    view = CameraView(objects=(PHONE, CUP, LAPTOP), people=(person("dark blue", "cell phone"),), colours=("grey",))
    assert describe(view) == "a person holding a cell phone, a cup, a laptop; shirt dark blue; colours grey"
    two = CameraView(objects=(CUP, CUP), people=(person("orange"), person("black", "cup")))
    assert describe(two) == "two people, one holding a cup, a cup; shirts orange, black"
    assert describe(CameraView(objects=(CAT,))) == "a cat"
    assert describe(CameraView(quality="too dark")) == ""
    assert describe(CameraView(quality="unavailable: no detector")) == ""


def test_tracker_waits_before_believing_a_change() -> None:
    tracker = CameraTracker(appear_s=1.0, leave_s=3.0)
    empty, cat = CameraView(), CameraView(objects=(CAT,))
    events = []
    timeline = [(0.0, empty), (5.0, cat), (5.5, empty), (6.0, cat), (6.5, cat), (7.0, cat), (7.5, cat)]
    timeline += [(10.0, empty), (11.0, empty), (12.0, CameraView(quality="black")), (13.0, empty)]
    for t, view in timeline:
        events += tracker.update(t, view)
    # one frame of cat at 5.0 is a flicker; from 6.0 it stays; gone from 10.0 (judged at 13.0)
    assert events == [(6.0, "a cat appeared"), (10.0, "the cat left view")]


def test_tracker_people_and_held_objects() -> None:
    tracker = CameraTracker(appear_s=0.0, leave_s=0.0)
    words = []
    for t, people in enumerate([(person(),), (person(), person("", "cup")), (person(),), ()]):
        words += [text for _, text in tracker.update(float(t), CameraView(people=people))]
    assert words == [
        "a person came in",
        "a second person came in", "someone started holding a cup",
        "a person left, one person still in view", "someone put down the cup",
        "the person left",
    ]


def camera_frames(memory, start: float, end: float, view: CameraView, fps: float = 2.0):
    base = dataclasses.replace(features(memory.session_id, "camera", start, "", (200, 200, 190)), camera=view)
    for i in range(round((end - start) * fps)):
        memory.add_frame(dataclasses.replace(base, t=start + i / fps))


def test_clips_say_what_the_camera_saw_and_when_things_came_and_went(service: MemoryService) -> None:
    m = service.open_session("s1")
    camera_frames(m, 0, 20, CameraView(objects=(LAPTOP,)))
    camera_frames(m, 20, 40, CameraView(objects=(LAPTOP, PHONE), people=(person("dark blue", "cell phone"),)))
    camera_frames(m, 40, 60, CameraView(objects=(LAPTOP,)))
    m.flush(60)
    texts = [c["text"] for c in m.timeline()]
    assert "Camera saw: a laptop" in texts[0]
    joined = " | ".join(texts)
    assert "Camera saw: a person holding a cell phone, a laptop; shirt dark blue" in joined
    for event in ("a cell phone appeared at 00:20", "a person came in, wearing dark blue at 00:20",
                  "someone started holding a cell phone at 00:20", "the person left at 00:40"):
        assert event in joined
    assert "the person left at 00:40" in joined
    summary = m.summary()
    assert "[00:20] camera: a cell phone appeared" in summary and "[00:40] camera: the person left" in summary
    top = m.search("when did the phone appear?", 60, k=1)[0]
    assert top.start <= 20.0 < top.end and "cell phone" in top.text


def test_camera_now_reads_the_latest_frame(service: MemoryService) -> None:
    m = service.open_session("s1")
    assert m.camera_now() is None
    camera_frames(m, 0, 10, CameraView(objects=(CUP,)))
    camera_frames(m, 10, 12, CameraView(objects=(LAPTOP,)))
    assert m.camera_now() == (11.5, "a laptop", "")
    camera_frames(m, 12, 13, CameraView(quality="too dark"))
    assert m.camera_now() == (12.5, "", "too dark")


def test_unreadable_views_invent_nothing(service: MemoryService) -> None:
    m = service.open_session("s1")
    camera_frames(m, 0, 30, CameraView(quality="unavailable: detector failed to load"))
    m.flush(30)
    assert all("Camera saw" not in c["text"] for c in m.timeline())
    assert "camera:" not in m.summary()
