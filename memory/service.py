"""The object the server talks to: opens, finds and lists session memories over one store."""

from __future__ import annotations

import collections
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from memory.embedding import MiniLMEmbedder, TextEmbedder
from memory.redis_store import RedisStore
from memory.session import ImageQuery, MemoryConfig, SessionMemory
from memory.sqlite_store import SqliteStore
from memory.store import SESSION_ID, Store, StoreUnavailable, WriteBehind

log = logging.getLogger(__name__)


def make_store(kind: str, data_dir: Path, redis_url: str, retention_s: float | None = None) -> Store:
    """The store named by `kind`: "embedded" (SQLite + files under `data_dir`) or "redis" (whose
    keys then expire `retention_s` after their last write)."""
    if kind == "redis":
        return RedisStore(redis_url, ttl_s=retention_s)
    return SqliteStore(data_dir)


#: how often sessions older than the retention period are looked for
RETENTION_SWEEP_S = 3600.0


class MemoryService:
    """Live sessions stay in RAM; others are loaded from the store on demand (and reloaded when
    another process has written to them since)."""

    def __init__(
        self,
        store: Store,
        embedder: TextEmbedder | None = None,
        *,
        config: MemoryConfig | None = None,
        image_query: ImageQuery | None = None,
        loaded_cache: int = 8,
        retention_s: float | None = None,
    ) -> None:
        """`image_query` (e.g. a CLIP frame encoder's `embed_text`) lets questions match clips
        by their frames' image embeddings too. With `retention_s`, sessions not written for that
        long are deleted now and then every `RETENTION_SWEEP_S`."""
        self.config = config or MemoryConfig()
        self.embedder = embedder or MiniLMEmbedder()
        self.store = store
        self._writer = WriteBehind(self.store)
        # one thread embeds the clips of every session, away from the event loop
        self._embedding = ThreadPoolExecutor(max_workers=1, thread_name_prefix="memory-embed")
        self._image_query = image_query
        self._live: dict[str, SessionMemory] = {}
        self._loaded: collections.OrderedDict[str, SessionMemory] = collections.OrderedDict()
        self._loaded_cache = loaded_cache
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self.retention_s = retention_s
        if retention_s is not None:
            threading.Thread(target=self._sweep_periodically, name="memory-retention", daemon=True).start()

    def open_session(self, session_id: str) -> SessionMemory:
        """The live memory of a session; a session id seen before continues where it stopped."""
        if not SESSION_ID.fullmatch(session_id):
            raise ValueError(f"invalid session id {session_id!r}")
        with self._lock:
            self._retire_ended()
            memory = self._live.get(session_id)
            if memory is not None:
                return memory
            memory = self._loaded.pop(session_id, None) or self._load(session_id, live=True)
            memory.live = True
            self._live[session_id] = memory
            return memory

    def get_session(self, session_id: str) -> SessionMemory | None:
        """A live session, or a stored one (loaded outside the lock: a day of clips takes a while)."""
        if not SESSION_ID.fullmatch(session_id):
            return None
        with self._lock:
            self._retire_ended()
            memory = self._live.get(session_id)
            if memory is not None:
                return memory
            cached = self._loaded.get(session_id)
        try:
            version = self.store.version(session_id)
        except StoreUnavailable:
            return cached
        if version is None or (cached is not None and cached.version == version):
            return cached  # (a copy the store does not have yet is still the session's memory)
        memory = self._load(session_id, live=False)
        with self._lock:
            if session_id in self._live:  # opened meanwhile
                return self._live[session_id]
            self._keep_loaded(memory)
        return memory

    def list_sessions(self) -> list[dict[str, Any]]:
        """Sessions in RAM and every stored one (including those from before a restart)."""
        with self._lock:
            self._retire_ended()
            out = {sid: m.info() for sid, m in [*self._loaded.items(), *self._live.items()]}
        try:
            stored = self.store.sessions()
        except StoreUnavailable as e:
            stored = []
            for info in out.values():
                info["warning"] = info["warning"] or str(e)
        for meta in stored:
            if meta["id"] not in out:
                out[meta["id"]] = {
                    "id": meta["id"],
                    "live": False,
                    "start": meta.get("start", 0.0),
                    "end": meta.get("end", 0.0),
                    "clips": meta.get("clips", 0),
                    "created": meta.get("created"),
                    "warning": None,
                }
        return sorted(out.values(), key=lambda s: s.get("created") or 0.0, reverse=True)

    def forget(self, session_id: str) -> bool:
        """Delete a session's memory everywhere: RAM, pending writes and the store. A live
        session keeps running but nothing of it is kept from now on (hang it up first to stop
        it). False when there was nothing to forget."""
        if not SESSION_ID.fullmatch(session_id):
            return False
        with self._lock:
            live = self._live.pop(session_id, None)
            cached = self._loaded.pop(session_id, None)
        if live is not None:
            live.live = False
        self._writer.forget(session_id)
        stored = self.store.delete(session_id)
        return stored or live is not None or cached is not None

    def sweep(self, now: float | None = None) -> list[str]:
        """Forget the sessions not written for `retention_s` (live ones are kept); their ids."""
        if self.retention_s is None:
            return []
        cutoff = (time.time() if now is None else now) - self.retention_s
        with self._lock:
            live = set(self._live)
        old = [sid for sid in self.store.written_before(cutoff) if sid not in live]
        for session_id in old:
            self.forget(session_id)
        if old:
            log.info("retention: deleted %d session(s) older than %.1f days", len(old), self.retention_s / 86400)
        return old

    def _sweep_periodically(self) -> None:
        while True:
            try:
                self.sweep()
            except StoreUnavailable as e:
                log.warning("retention sweep skipped: %s", e)
            except Exception:  # a bug here must not stop the next sweeps
                log.exception("retention sweep failed")
            if self._closing.wait(RETENTION_SWEEP_S):
                return

    @property
    def warning(self) -> str | None:
        return self._writer.warning

    def persist(self, timeout: float = 30.0) -> bool:
        """Wait until every clip cut so far is embedded and in the store (False if it is down)."""
        with self._lock:
            live = list(self._live.values())
        for memory in live:
            memory.embed_pending()
        return self._writer.flush(timeout)

    def close(self) -> None:
        """Flush every live session, then stop the writer; a store that is still down loses
        only what could not be written by now (logged)."""
        self._closing.set()
        with self._lock:
            live = list(self._live.values())
        for memory in live:
            memory.flush()
        self._embedding.shutdown(wait=True)
        self._writer.close()
        if self._writer.warning:
            log.error("memory not saved at shutdown: %s", self._writer.warning)
        self.store.close()

    def _retire_ended(self) -> None:
        """Sessions flushed at their end leave the live set for the bounded cache (caller locks);
        the next get_session reloads them from the store, or keeps this copy while it is down."""
        for session_id in [sid for sid, m in self._live.items() if not m.live]:
            memory = self._live.pop(session_id)
            memory.version = None
            self._keep_loaded(memory)

    def _keep_loaded(self, memory: SessionMemory) -> None:
        self._loaded[memory.session_id] = memory
        self._loaded.move_to_end(memory.session_id)
        while len(self._loaded) > self._loaded_cache:
            self._loaded.popitem(last=False)

    def _load(self, session_id: str, live: bool) -> SessionMemory:
        memory = SessionMemory(
            session_id,
            embedder=self.embedder,
            writer=self._writer,
            store=self.store,
            image_query=self._image_query,
            schedule=self._embedding.submit,
            config=self.config,
            live=live,
        )
        try:
            memory.version = self.store.version(session_id)
            stored = self.store.load(session_id)
        except StoreUnavailable as e:
            memory.note_load_error(f"earlier memory of this session could not be loaded: {e}")
            return memory
        if stored is not None:
            memory.restore(*stored)
        return memory
