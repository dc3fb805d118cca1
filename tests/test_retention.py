"""Forgetting a session and retention: both stores lose every trace of it, live sessions are spared."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from memory import MemoryService
from memory.service import make_store
from tests.conftest_redis import RedisServer
from tests.synthetic import HashingEmbedder
from tests.test_memory_store import feed, sid

DAY = 86400.0


def service(tmp_path: Path, backend: str, redis: RedisServer | None, retention_s: float | None = None) -> MemoryService:
    url = redis.url if redis is not None else ""
    return MemoryService(make_store(backend, tmp_path, url, retention_s), HashingEmbedder(), retention_s=retention_s)


@pytest.fixture(params=["embedded", pytest.param("redis", marks=pytest.mark.redis)])
def backend(request: pytest.FixtureRequest) -> tuple[str, RedisServer | None]:
    return request.param, request.getfixturevalue("live_redis") if request.param == "redis" else None


def test_forget_deletes_a_stored_session_everywhere(tmp_path: Path, backend) -> None:
    kind, redis = backend
    svc = service(tmp_path, kind, redis)
    kept, gone = sid(), sid()
    for session in (kept, gone):
        m = svc.open_session(session)
        feed(m, 0, 40)
        m.flush(40)
    assert svc.get_session(gone).timeline()
    assert svc.forget(gone)
    assert svc.get_session(gone) is None
    assert gone not in {s["id"] for s in svc.list_sessions()}
    assert kept in {s["id"] for s in svc.list_sessions()}
    if kind == "embedded":
        assert not (tmp_path / "sessions" / gone).exists()
    assert not svc.forget(gone)  # nothing left to forget
    svc.close()
    fresh = service(tmp_path, kind, redis)  # and it stays gone after a restart
    assert fresh.get_session(gone) is None and fresh.get_session(kept) is not None
    fresh.close()


def test_a_forgotten_live_session_writes_nothing_more(tmp_path: Path) -> None:
    svc = service(tmp_path, "embedded", None)
    m = svc.open_session("live-one")
    feed(m, 0, 40)
    assert svc.persist()
    assert svc.forget("live-one")
    feed(m, 40, 40)  # the peer is still talking
    m.flush(80)
    assert not (tmp_path / "sessions" / "live-one").exists()
    svc.close()


def test_invalid_ids_are_not_forgotten(tmp_path: Path) -> None:
    svc = service(tmp_path, "embedded", None)
    assert not svc.forget("../etc")
    svc.close()


def test_retention_deletes_old_sessions_and_keeps_recent_and_live_ones(tmp_path: Path, backend) -> None:
    kind, redis = backend
    svc = service(tmp_path, kind, redis, retention_s=7 * DAY)
    old, recent, live = sid(), sid(), sid()
    for session in (old, recent, live):
        m = svc.open_session(session)
        feed(m, 0, 20)
        if session != live:
            m.flush(20)
    assert svc.persist()
    later = time.time() + 8 * DAY
    if kind == "embedded":  # the recent one was written "yesterday" from the sweep's point of view
        folder = tmp_path / "sessions" / recent
        for path in [folder, *folder.glob("memory.sqlite*")]:
            os.utime(path, (later - DAY, later - DAY))
        assert set(svc.sweep(now=later)) == {old}
    else:  # (the test Redis is shared: other tests' sessions are old by then too)
        swept = set(svc.sweep(now=later))
        assert {old, recent} <= swept and live not in swept
    assert svc.get_session(old) is None
    assert svc.get_session(live) is not None
    svc.close()


def test_a_bare_session_folder_is_swept_too(tmp_path: Path) -> None:
    """A folder left without a database (e.g. by a rejected offer) does not outlive retention."""
    svc = service(tmp_path, "embedded", None, retention_s=DAY)
    stray = tmp_path / "sessions" / "stray" / "thumbs"
    stray.mkdir(parents=True)
    assert svc.sweep(now=time.time() + 2 * DAY) == ["stray"]
    assert not stray.parent.exists()
    svc.close()


def test_no_retention_keeps_everything(tmp_path: Path) -> None:
    svc = service(tmp_path, "embedded", None)
    m = svc.open_session("forever")
    feed(m, 0, 20)
    m.flush(20)
    assert svc.sweep(now=time.time() + 1000 * DAY) == []
    assert svc.get_session("forever") is not None
    svc.close()


@pytest.mark.redis
def test_redis_keys_expire_when_retention_is_set(tmp_path: Path, live_redis: RedisServer) -> None:
    import redis

    svc = service(tmp_path, "redis", live_redis, retention_s=2 * DAY)
    session = sid()
    m = svc.open_session(session)
    feed(m, 0, 20)
    m.flush(20)
    client = redis.Redis.from_url(live_redis.url)
    keys = client.keys(f"livesight:session:{session}:*")
    assert keys
    assert all(0 < client.ttl(key) <= 2 * DAY for key in keys)
    client.close()
    svc.close()
