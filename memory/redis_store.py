"""The shared store: every session's clips, vectors and thumbnails in Redis hashes."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any, TypeVar

from memory.records import Clip, vector_bytes, vector_from
from memory.store import SESSION_ID, THUMBNAIL_NAME, StoreUnavailable, WriteBatch

T = TypeVar("T")


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
