"""Both stores: restart persistence, shared Redis, Redis killed mid-session, a full disk."""

from __future__ import annotations

import errno
import uuid
from pathlib import Path

import pytest

import memory.sqlite_store
from memory import MemoryService, SessionMemory
from memory.records import Clip
from memory.service import make_store
from memory.sqlite_store import SqliteStore
from memory.store import WriteBatch
from perception.events import SoundEvent, Transcript
from tests.conftest_redis import RedisServer, free_port
from tests.synthetic import HashingEmbedder, at, features

SCENES = [
    ("INVOICE 4471", (250, 220, 40), "let me check this invoice"),
    ("KEYS IN RED DRAWER", (200, 30, 30), "I am putting my keys in the red drawer"),
    ("MEETING AT 3 PM", (40, 60, 200), "the meeting with anna is at three"),
    ("WIFI CODE 8812", (40, 160, 60), "the wifi code is on the router"),
]


def feed(m: SessionMemory, start: float, seconds: float) -> None:
    """Scenes of 20 s at 2 fps from `start`, with a sentence in each and transcripts 1 s late."""
    base = {i: features(m.session_id, "screen", 0, text, colour) for i, (text, colour, _) in enumerate(SCENES)}
    for i in range(int(seconds * 2)):
        t = start + i / 2
        scene = int(t // 20) % len(SCENES)
        m.add_frame(at(base[scene], t))
        if t % 20 == 6.0:
            m.add_transcript(Transcript(m.session_id, t - 4, t - 1, SCENES[scene][2]))


def service(tmp_path: Path, store: str = "embedded", redis_url: str = "") -> MemoryService:
    return MemoryService(make_store(store, tmp_path, redis_url), HashingEmbedder())


def redis_settings(url: str) -> dict[str, str]:
    return {"store": "redis", "redis_url": url}


def sid() -> str:
    return f"t-{uuid.uuid4().hex[:12]}"


def ids(timeline: list[dict]) -> list[tuple[str, float, float, str]]:
    return [(c["id"], c["start"], c["end"], c["text"]) for c in timeline]


@pytest.mark.parametrize("backend", ["embedded", pytest.param("redis", marks=pytest.mark.redis)])
def test_memory_survives_a_restart(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    extra = redis_settings(request.getfixturevalue("live_redis").url) if backend == "redis" else {}
    session = sid()
    first = service(tmp_path, **extra)
    m = first.open_session(session)
    feed(m, 0, 120)
    m.add_sound(SoundEvent(session, 100.0, 118.0, "music"))
    m.flush(120)
    before, summary = ids(m.timeline()), m.summary()
    keyframe = m.timeline()[0]["keyframes"][0]
    first.close()

    second = service(tmp_path, **extra)
    assert session in [s["id"] for s in second.list_sessions()]
    again = second.get_session(session)
    assert again is not None and not again.live
    assert ids(again.timeline()) == before and again.summary() == summary
    best = again.search("where did I put my keys", now=120.0, k=1)[0]
    assert "red drawer" in best.text and best.keyframes
    assert again.search("when did the music stop", now=120.0, k=1)[0].end >= 118.0
    assert again.thumbnail(keyframe)[:2] == b"\xff\xd8"

    resumed = second.open_session(session)  # the same session continues after the restart
    feed(resumed, 120, 40)
    resumed.flush(160)
    timeline = ids(resumed.timeline())
    assert timeline[: len(before) - 2] == before[: len(before) - 2]  # the tail may merge on ageing
    assert len({c[0] for c in timeline}) == len(timeline) and timeline[-1][2] == 160.0
    second.close()


def test_a_session_that_dies_leaves_its_clips(tmp_path: Path) -> None:
    crashed = service(tmp_path)
    m = crashed.open_session("dies")
    feed(m, 0, 60)  # no flush, no close: clips cut so far are written as they are cut
    assert crashed.persist()
    cut = ids(m.timeline())
    survivor = service(tmp_path)
    assert ids(survivor.get_session("dies").timeline()) == cut and len(cut) >= 5
    survivor.close()


@pytest.mark.redis
def test_two_servers_share_one_redis(live_redis: RedisServer, tmp_path: Path) -> None:
    session = sid()
    a, b = (
        service(tmp_path / "a", **redis_settings(live_redis.url)),
        service(tmp_path / "b", **redis_settings(live_redis.url)),
    )
    m = a.open_session(session)
    feed(m, 0, 40)
    m.flush(40)
    seen = b.get_session(session)
    assert ids(seen.timeline()) == ids(m.timeline())
    feed(m, 40, 40)
    m.flush(80)
    seen = b.get_session(session)
    assert ids(seen.timeline()) == ids(m.timeline())
    assert "wifi" in seen.search("what is the wifi code", now=80.0, k=1)[0].text.lower()
    a.close()
    b.close()


@pytest.mark.redis
def test_redis_killed_mid_session_loses_no_clip(live_redis: RedisServer, tmp_path: Path) -> None:
    session = sid()
    svc = service(tmp_path, **redis_settings(live_redis.url))
    m = svc.open_session(session)
    feed(m, 0, 40)
    m.flush(40)
    assert m.warning is None
    live_redis.kill()
    try:
        feed(m, 40, 60)
        m.flush(100)
        assert m.warning is not None and "Redis" in m.warning
        assert "red drawer" in m.search("where are my keys", now=100.0, k=1)[0].text.lower()  # memory keeps working
        assert any(s["id"] == session for s in svc.list_sessions())
    finally:
        live_redis.start()
    m.flush(100)
    assert m.warning is None
    fresh = service(tmp_path / "fresh", **redis_settings(live_redis.url))
    assert ids(fresh.get_session(session).timeline()) == ids(m.timeline())
    assert max(c["end"] for c in fresh.get_session(session).timeline()) == 100.0
    fresh.close()
    svc.close()


def test_redis_down_from_the_start(tmp_path: Path) -> None:
    svc = service(tmp_path, **redis_settings(f"redis://127.0.0.1:{free_port()}/0"))
    m = svc.open_session("nowhere")
    feed(m, 0, 40)
    m.flush(40)
    assert m.warning is not None and "clip(s) kept in memory" in m.warning
    assert m.search("where are my keys", now=40.0, k=1)[0].start >= 20.0
    assert [s["id"] for s in svc.list_sessions()] == ["nowhere"]
    svc.close()


def test_a_full_disk_is_reported_and_the_session_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_space(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    svc = service(tmp_path)
    m = svc.open_session("full")
    feed(m, 0, 20)
    m.flush(20)
    monkeypatch.setattr(memory.sqlite_store, "_write_atomic", no_space)
    feed(m, 20, 40)
    m.flush(60)
    assert m.warning is not None and m.warning.startswith("disk full")
    assert "red drawer" in m.search("where are my keys", now=60.0, k=1)[0].text.lower()
    monkeypatch.undo()
    m.flush(60)
    assert m.warning is None
    thumbs = {p.name for p in (tmp_path / "sessions" / "full" / "thumbs").iterdir()}
    assert thumbs == {name for c in m.timeline() for name in c["keyframes"]}
    svc.close()


def test_write_batches_merge_in_order() -> None:
    clip = Clip("c000001", 1, "s", 0.0, 10.0, speech=("hello",))
    pending = WriteBatch(clips={clip.id: clip}, thumbs={"c000001-0.jpg": b"a", "c000001-1.jpg": b"b"})
    pending.merge(WriteBatch(deleted_thumbs={"c000001-1.jpg"}, meta={"end": 10.0}))
    assert pending.thumbs == {"c000001-0.jpg": b"a"} and pending.deleted_thumbs == {"c000001-1.jpg"}
    pending.merge(WriteBatch(deleted_clips={clip.id}, deleted_thumbs={"c000001-0.jpg"}))
    assert not pending.clips and not pending.thumbs and pending.meta == {"end": 10.0}
    assert pending.deleted_clips == {"c000001"}


def test_an_ended_session_leaves_the_live_set(tmp_path: Path) -> None:
    svc = service(tmp_path)
    m = svc.open_session("ended")
    feed(m, 0, 30)
    m.flush(30)
    assert [s["live"] for s in svc.list_sessions()] == [False]
    stored = svc.get_session("ended")
    assert ids(stored.timeline()) == ids(m.timeline())
    assert svc.open_session("ended").live
    svc.close()


def test_vectors_of_another_embedder_are_recomputed(tmp_path: Path) -> None:
    first = service(tmp_path)
    m = first.open_session("swap")
    feed(m, 0, 40)
    m.flush(40)
    first.close()
    second = MemoryService(SqliteStore(tmp_path), HashingEmbedder(64))
    again = second.get_session("swap")
    assert "red drawer" in again.search("where are my keys", now=40.0, k=1)[0].text.lower()
    second.close()
