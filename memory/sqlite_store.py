"""The embedded store: one SQLite file per session, thumbnails as files beside it."""

from __future__ import annotations

import collections
import errno
import json
import os
import shutil
import sqlite3
import threading
from pathlib import Path
from typing import Any

from memory.records import Clip, vector_bytes, vector_from
from memory.store import SESSION_ID, THUMBNAIL_NAME, StoreUnavailable, WriteBatch


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
