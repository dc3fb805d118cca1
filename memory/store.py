"""Where session memory lives, as a protocol: `Store`, the batches written to it, and the
background writer that keeps writes in RAM while the store is down. The two stores are
memory/sqlite_store.py (embedded: SQLite + thumbnail files) and memory/redis_store.py."""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Protocol

from memory.records import Clip

log = logging.getLogger(__name__)

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
