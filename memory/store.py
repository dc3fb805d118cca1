"""Where session memory lives: an embedded store (SQLite + thumbnail files) or Redis, behind one
protocol, written from a background thread that keeps writes in RAM while the store is down."""

from __future__ import annotations

import collections
import errno
import json
import logging
import os
import re
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from memory.records import Clip, vector_bytes, vector_from

log = logging.getLogger(__name__)
T = TypeVar("T")

SESSION_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$")
#: keyframes of stored clips (c000042-0.jpg) and of the still-open clip (live-0.jpg)
THUMBNAIL_NAME = re.compile(r"^(?:c\d{6,12}|live)-\d\.jpg$")


class StoreUnavailable(Exception):
    """The store cannot take or give data right now; the message is fit to show the user."""


@dataclass
class WriteBatch:
    """Pending changes to one session, merged in order. Clip ids and thumbnail names are never
    reused after deletion, so later entries simply override earlier ones."""

    clips: dict[str, Clip] = field(default_factory=dict)
    thumbs: dict[str, bytes] = field(default_factory=dict)
    deleted_clips: set[str] = field(default_factory=set)
    deleted_thumbs: set[str] = field(default_factory=set)
    meta: dict[str, Any] | None = None

    def merge(self, newer: WriteBatch) -> WriteBatch:
        for cid, clip in newer.clips.items():
            self.clips[cid] = clip
            self.deleted_clips.discard(cid)
        for cid in newer.deleted_clips:
            self.clips.pop(cid, None)
            self.deleted_clips.add(cid)
        for name, data in newer.thumbs.items():
            self.thumbs[name] = data
            self.deleted_thumbs.discard(name)
        for name in newer.deleted_thumbs:
            self.thumbs.pop(name, None)
            self.deleted_thumbs.add(name)
        if newer.meta is not None:
            self.meta = newer.meta
        return self


class Store(Protocol):
    def write(self, session_id: str, batch: WriteBatch) -> None: ...

    def sessions(self) -> list[dict[str, Any]]:
        """Meta of every stored session."""
        ...

    def load(self, session_id: str) -> tuple[dict[str, Any], list[Clip]] | None: ...

    def thumbnail(self, session_id: str, name: str) -> bytes | None: ...

    def version(self, session_id: str) -> int | None:
        """Bumped by every write: tells a reader that another process changed the session."""
        ...

    def close(self) -> None: ...

    def delete(self, session_id: str) -> bool:
        """Remove everything stored for the session (clips, vectors, thumbnails, meta); False
        when nothing was stored."""
        ...

    def written_before(self, cutoff: float) -> list[str]:
        """Ids of the sessions last written before `cutoff` (epoch seconds): retention's victims."""
        ...


def _disk_error(where: Path, e: BaseException) -> StoreUnavailable:
    full = (isinstance(e, OSError) and e.errno == errno.ENOSPC) or "disk is full" in str(e)
    if full:
        return StoreUnavailable(f"disk full: cannot save memory under {where}")
    return StoreUnavailable(f"cannot save memory under {where}: {e}")


class SqliteStore:
    """One SQLite file per session at data_dir/sessions/<id>/memory.sqlite, thumbnails beside it."""

    def __init__(self, data_dir: Path, open_files: int = 16) -> None:
        self.root = Path(data_dir) / "sessions"
        self._conns: collections.OrderedDict[str, sqlite3.Connection] = collections.OrderedDict()
        self._open_files = open_files  # connections kept open (the most recently used sessions)
        self._lock = threading.Lock()

    def _dir(self, session_id: str) -> Path:
        if not SESSION_ID.fullmatch(session_id):
            raise ValueError(f"invalid session id {session_id!r}")
        return self.root / session_id

    def _conn(self, session_id: str, create: bool) -> sqlite3.Connection | None:
        conn = self._conns.get(session_id)
        if conn is not None:
            self._conns.move_to_end(session_id)
            return conn
        path = self._dir(session_id) / "memory.sqlite"
        if not create and not path.exists():
            return None
        (path.parent / "thumbs").mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS clips (id TEXT PRIMARY KEY, seq INTEGER NOT NULL, data TEXT NOT NULL,"
            " embedding BLOB, image_embedding BLOB)"
        )
        self._conns[session_id] = conn
        while len(self._conns) > self._open_files:
            self._conns.popitem(last=False)[1].close()
        return conn

    def write(self, session_id: str, batch: WriteBatch) -> None:
        folder = self._dir(session_id)
        try:
            with self._lock:
                conn = self._conn(session_id, create=True)
                for name, data in batch.thumbs.items():
                    _write_atomic(folder / "thumbs" / name, data)
                conn.execute("BEGIN")
                try:
                    conn.executemany(
                        "INSERT OR REPLACE INTO clips VALUES (?, ?, ?, ?, ?)",
                        [
                            (
                                c.id,
                                c.seq,
                                json.dumps(c.to_json()),
                                vector_bytes(c.embedding),
                                vector_bytes(c.image_embedding),
                            )
                            for c in batch.clips.values()
                        ],
                    )
                    conn.executemany("DELETE FROM clips WHERE id = ?", [(cid,) for cid in batch.deleted_clips])
                    if batch.meta is not None:
                        conn.execute("INSERT OR REPLACE INTO meta VALUES ('meta', ?)", (json.dumps(batch.meta),))
                    conn.execute(
                        "INSERT INTO meta VALUES ('version', '1') "
                        "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
                    )
                    conn.execute("COMMIT")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                for name in batch.deleted_thumbs:
                    (folder / "thumbs" / name).unlink(missing_ok=True)
        except (OSError, sqlite3.Error) as e:
            raise _disk_error(folder, e) from e

    def sessions(self) -> list[dict[str, Any]]:
        if not self.root.is_dir():
            return []
        out = []
        for folder in sorted(self.root.iterdir()):
            if SESSION_ID.fullmatch(folder.name) and (folder / "memory.sqlite").exists():
                meta = self._meta(folder.name)
                if meta is not None:
                    out.append(meta)
        return out

    def _meta(self, session_id: str) -> dict[str, Any] | None:
        try:
            with self._lock:
                conn = self._conn(session_id, create=False)
                row = conn.execute("SELECT value FROM meta WHERE key = 'meta'").fetchone() if conn else None
        except sqlite3.Error as e:
            raise _disk_error(self._dir(session_id), e) from e
        return json.loads(row[0]) if row else None

    def load(self, session_id: str) -> tuple[dict[str, Any], list[Clip]] | None:
        try:
            with self._lock:
                conn = self._conn(session_id, create=False)
                row = conn.execute("SELECT value FROM meta WHERE key = 'meta'").fetchone() if conn else None
                if row is None:
                    return None
                rows = conn.execute("SELECT data, embedding, image_embedding FROM clips ORDER BY seq").fetchall()
        except sqlite3.Error as e:
            raise _disk_error(self._dir(session_id), e) from e
        return json.loads(row[0]), [Clip.from_json(json.loads(d), vector_from(e), vector_from(i)) for d, e, i in rows]

    def thumbnail(self, session_id: str, name: str) -> bytes | None:
        if not THUMBNAIL_NAME.fullmatch(name):
            return None
        try:
            return (self._dir(session_id) / "thumbs" / name).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as e:
            raise _disk_error(self._dir(session_id), e) from e

    def version(self, session_id: str) -> int | None:
        try:
            with self._lock:
                conn = self._conn(session_id, create=False)
                row = conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone() if conn else None
        except sqlite3.Error as e:
            raise _disk_error(self._dir(session_id), e) from e
        return int(row[0]) if row else None

    def delete(self, session_id: str) -> bool:
        folder = self._dir(session_id)
        try:
            with self._lock:
                conn = self._conns.pop(session_id, None)
                if conn is not None:
                    conn.close()
                if not folder.exists():
                    return False
                shutil.rmtree(folder)
                return True
        except OSError as e:
            raise _disk_error(folder, e) from e

    def written_before(self, cutoff: float) -> list[str]:
        """By file times: a folder's newest file (the WAL takes the writes), or the bare folder,
        such as one left behind without a database."""
        if not self.root.is_dir():
            return []
        old = []
        for folder in self.root.iterdir():
            if not SESSION_ID.fullmatch(folder.name) or not folder.is_dir():
                continue
            try:
                newest = max([folder.stat().st_mtime] + [f.stat().st_mtime for f in folder.glob("memory.sqlite*")])
            except FileNotFoundError:  # deleted meanwhile
                continue
            if newest < cutoff:
                old.append(folder.name)
        return sorted(old)

    def close(self) -> None:
        with self._lock:
            for conn in self._conns.values():
                conn.close()
            self._conns.clear()


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(".tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise


class RedisStore:
    """Hashes per session under `livesight:session:<id>:…`, so several servers share memory."""

    PREFIX = "livesight"
    _PARTS = ("clips", "vectors", "images", "thumbs", "meta")

    def __init__(self, url: str, ttl_s: float | None = None) -> None:
        """`ttl_s`: every key of a session expires this long after its last write (retention)."""
        import redis
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        self._redis_errors = (redis.RedisError,)
        self._r = redis.Redis.from_url(
            url, socket_timeout=2.0, socket_connect_timeout=1.0, retry=Retry(NoBackoff(), 1), health_check_interval=5
        )
        kw = self._r.connection_pool.connection_kwargs
        self._where = kw.get("path") or f"{kw.get('host', '?')}:{kw.get('port', '?')}"
        self._ttl_s = None if ttl_s is None else max(1, int(ttl_s))

    def _key(self, session_id: str, part: str) -> str:
        if not SESSION_ID.fullmatch(session_id):
            raise ValueError(f"invalid session id {session_id!r}")
        return f"{self.PREFIX}:session:{session_id}:{part}"

    def _call(self, fn: Callable[..., T], *args: Any) -> T:
        try:
            return fn(*args)
        except self._redis_errors as e:
            raise StoreUnavailable(f"Redis at {self._where} unavailable: {e}") from e

    def write(self, session_id: str, batch: WriteBatch) -> None:
        def run() -> None:
            p = self._r.pipeline(transaction=True)
            clips_key, vec_key, img_key = (self._key(session_id, k) for k in ("clips", "vectors", "images"))
            thumbs_key, meta_key = self._key(session_id, "thumbs"), self._key(session_id, "meta")
            if batch.thumbs:
                p.hset(thumbs_key, mapping=batch.thumbs)
            for c in batch.clips.values():
                p.hset(clips_key, c.id, json.dumps(c.to_json()))
                for key, vector in ((vec_key, c.embedding), (img_key, c.image_embedding)):
                    if vector is None:  # not embedded yet: a vector of an older version must go
                        p.hdel(key, c.id)
                    else:
                        p.hset(key, c.id, vector_bytes(vector))
            if batch.deleted_clips:
                for key in (clips_key, vec_key, img_key):
                    p.hdel(key, *batch.deleted_clips)
            if batch.deleted_thumbs:
                p.hdel(thumbs_key, *batch.deleted_thumbs)
            if batch.meta is not None:
                p.hset(meta_key, "meta", json.dumps(batch.meta))
            p.hincrby(meta_key, "version", 1)
            p.zadd(self._index, {session_id: time.time()})
            if self._ttl_s is not None:
                for part in self._PARTS:
                    p.expire(self._key(session_id, part), self._ttl_s)
            p.execute()

        self._call(run)

    def sessions(self) -> list[dict[str, Any]]:
        ids = sorted(i.decode() for i in self._call(self._r.zrange, self._index, 0, -1))

        def metas() -> list[Any]:
            p = self._r.pipeline(transaction=False)
            for sid in ids:
                p.hget(self._key(sid, "meta"), "meta")
            return p.execute()

        return [json.loads(raw) for raw in self._call(metas) if raw]

    def load(self, session_id: str) -> tuple[dict[str, Any], list[Clip]] | None:
        def snapshot() -> list[Any]:
            p = self._r.pipeline(transaction=True)  # one consistent view while others write
            p.hget(self._key(session_id, "meta"), "meta")
            for part in ("clips", "vectors", "images"):
                p.hgetall(self._key(session_id, part))
            return p.execute()

        raw, clips, vectors, images = self._call(snapshot)
        if raw is None:
            return None
        loaded = [
            Clip.from_json(json.loads(d), vector_from(vectors.get(c)), vector_from(images.get(c)))
            for c, d in clips.items()
        ]
        return json.loads(raw), sorted(loaded, key=lambda c: c.seq)

    def thumbnail(self, session_id: str, name: str) -> bytes | None:
        if not THUMBNAIL_NAME.fullmatch(name):
            return None
        return self._call(self._r.hget, self._key(session_id, "thumbs"), name)

    def version(self, session_id: str) -> int | None:
        raw = self._call(self._r.hget, self._key(session_id, "meta"), "version")
        return int(raw) if raw is not None else None

    @property
    def _index(self) -> str:
        """The sorted set of session ids, scored by their last write time."""
        return f"{self.PREFIX}:sessions"

    def delete(self, session_id: str) -> bool:
        keys = [self._key(session_id, part) for part in self._PARTS]

        def run() -> list[Any]:
            p = self._r.pipeline(transaction=True)
            p.delete(*keys)
            p.zrem(self._index, session_id)
            return p.execute()

        deleted, unlisted = self._call(run)
        return bool(deleted or unlisted)

    def written_before(self, cutoff: float) -> list[str]:
        return sorted(i.decode() for i in self._call(self._r.zrangebyscore, self._index, "-inf", f"({cutoff}"))

    def close(self) -> None:
        self._r.close()


class WriteBehind:
    """Applies write batches on one background thread so the event loop never waits on disk or
    network. A failed batch goes back in front of newer ones and is retried with backoff; the
    data stays in RAM meanwhile and `warning` says so."""

    def __init__(self, store: Store, retry_initial: float = 0.5, retry_max: float = 15.0) -> None:
        self._store = store
        self._pending: dict[str, WriteBatch] = {}
        self._inflight: dict[str, WriteBatch] = {}
        self._cond = threading.Condition()
        self._error: str | None = None
        self._rounds = 0
        self._retry_at = 0.0
        self._retry_initial = self._delay = retry_initial
        self._retry_max = retry_max
        self._closed = False
        #: sessions whose memory was deleted: late writes (a live session's last clips) are dropped
        self._forgotten: set[str] = set()
        self._thread = threading.Thread(target=self._run, name="memory-writer", daemon=True)
        self._thread.start()

    def submit(self, session_id: str, batch: WriteBatch) -> None:
        with self._cond:
            if session_id in self._forgotten:
                return
            earlier = self._pending.get(session_id)
            self._pending[session_id] = earlier.merge(batch) if earlier else batch
            self._cond.notify_all()

    @property
    def warning(self) -> str | None:
        with self._cond:
            if self._error is None or not (self._pending or self._inflight):
                return None
            waiting = sum(len(b.clips) for d in (self._pending, self._inflight) for b in d.values())
            return f"{self._error} — {waiting} clip(s) kept in memory, retrying"

    def pending_thumbnail(self, session_id: str, name: str) -> bytes | None:
        with self._cond:
            for d in (self._pending, self._inflight):
                batch = d.get(session_id)
                if batch is not None and name in batch.thumbs:
                    return batch.thumbs[name]
        return None

    def forget(self, session_id: str) -> None:
        """Drop the session's unwritten changes and every later one; returns once no write of it
        is in flight, so deleting it from the store next cannot be undone by a write."""
        with self._cond:
            self._forgotten.add(session_id)
            self._pending.pop(session_id, None)
            while session_id in self._inflight:
                self._cond.wait()

    def flush(self, timeout: float = 30.0) -> bool:
        """Try to write everything now; True once all of it reached the store. Returns early
        (False) after one failed round rather than waiting out the outage."""
        deadline = time.monotonic() + timeout
        with self._cond:
            target = self._rounds + (2 if self._inflight else 1)
            self._retry_at = 0.0
            self._cond.notify_all()
            while self._pending or self._inflight:
                remaining = deadline - time.monotonic()
                if (self._rounds >= target and self._error) or remaining <= 0 or self._closed:
                    break
                self._cond.wait(remaining)
            return not (self._pending or self._inflight)

    def close(self, timeout: float = 10.0) -> None:
        self.flush(timeout)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._closed and not (self._pending and time.monotonic() >= self._retry_at):
                    wait = max(self._retry_at - time.monotonic(), 0.01) if self._pending else None
                    self._cond.wait(wait)
                if self._closed:
                    return
                self._inflight, self._pending = self._pending, {}
            failed, error = {}, None
            for session_id, batch in list(self._inflight.items()):
                try:
                    self._store.write(session_id, batch)
                except StoreUnavailable as e:
                    failed[session_id], error = batch, str(e)
                except Exception as e:  # a bug must not lose memory either: keep it and say so
                    log.exception("memory write failed")
                    failed[session_id], error = batch, f"memory store error: {e}"
            with self._cond:
                for session_id, batch in failed.items():
                    if session_id in self._forgotten:
                        continue
                    newer = self._pending.get(session_id)
                    self._pending[session_id] = batch.merge(newer) if newer else batch
                self._inflight = {}
                if error is not None and self._error != error:
                    log.warning("memory store: %s", error)
                self._error = error
                if error is None:
                    self._delay = self._retry_initial
                else:
                    self._retry_at = time.monotonic() + self._delay
                    self._delay = min(2 * self._delay, self._retry_max)
                self._rounds += 1
                self._cond.notify_all()
