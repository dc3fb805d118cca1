"""HTTP API over session memory: sessions, timeline, search, keyframe thumbnails, forgetting.

The list of sessions needs the deployment token; one session's memory needs it or that
session's token (server/auth.py).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from fastapi import APIRouter, HTTPException, Query, Response

from memory.service import MemoryService
from memory.session import SessionMemory
from memory.store import SESSION_ID, THUMBNAIL_NAME, StoreUnavailable
from reasoning.protocol import Citation
from server.auth import Auth

#: where a keyframe thumbnail is served; answers' citations and the API link to it
THUMBNAIL_PATH = "/api/sessions/{session_id}/thumbnails/{name}"


def thumbnail_urls(session_id: str, names: Iterable[str]) -> list[str]:
    return [THUMBNAIL_PATH.format(session_id=session_id, name=name) for name in names]


def make_memory_router(service: MemoryService, auth: Auth, forget: Callable[[str], Awaitable[bool]]) -> APIRouter:
    """`forget(session_id)` hangs the session up if it is live and deletes its memory."""
    router = APIRouter()
    one_session = auth.session_only()

    def session(session_id: str) -> SessionMemory:
        memory = service.get_session(session_id) if SESSION_ID.fullmatch(session_id) else None
        if memory is None:
            raise HTTPException(status_code=404, detail=f"unknown session {session_id[:128]!r}")
        return memory

    @router.get("/api/sessions", dependencies=auth.operator_only())
    def list_sessions() -> list[dict[str, Any]]:
        return service.list_sessions()

    @router.get("/api/sessions/{session_id}/timeline", dependencies=one_session)
    def timeline(session_id: str) -> dict[str, Any]:
        memory = session(session_id)
        clips = memory.timeline()
        for clip in clips:
            clip["thumbnails"] = thumbnail_urls(session_id, clip.pop("keyframes"))
        return {"id": session_id, "clips": clips, "summary": memory.summary(), "warning": memory.warning}

    @router.get("/api/sessions/{session_id}/search", dependencies=one_session)
    def search(
        session_id: str,
        q: str = Query(..., min_length=1, max_length=500),
        k: int = Query(5, ge=1, le=50),
        now: float | None = Query(
            None, ge=0, description="stream time the question is asked at; default: the session's end"
        ),
    ) -> dict[str, Any]:
        memory = session(session_id)
        at = memory.duration() if now is None else now
        results = [Citation.of(e, thumbnail_urls(session_id, memory.keyframe_names(e.clip_id))).model_dump()
                   for e in memory.search(q, at, k)]
        return {"id": session_id, "query": q, "now": at, "results": results, "warning": memory.warning}

    @router.get(THUMBNAIL_PATH, name="memory_thumbnail", dependencies=one_session)
    def thumbnail(session_id: str, name: str) -> Response:
        if not THUMBNAIL_NAME.fullmatch(name):
            raise HTTPException(status_code=404, detail="no such thumbnail")
        data = session(session_id).thumbnail(name)
        if data is None:
            raise HTTPException(status_code=404, detail="no such thumbnail")
        return Response(content=data, media_type="image/jpeg", headers={"Cache-Control": "private, max-age=3600"})

    @router.delete("/api/sessions/{session_id}/memory", dependencies=one_session)
    async def forget_memory(session_id: str) -> dict[str, Any]:
        """Forget a session: hang it up if live, delete its clips, vectors, thumbnails and index."""
        if not SESSION_ID.fullmatch(session_id):
            raise HTTPException(status_code=404, detail=f"unknown session {session_id[:128]!r}")
        try:
            forgotten = await forget(session_id)
        except StoreUnavailable as e:
            raise HTTPException(status_code=503, detail=f"memory could not be deleted now: {e}") from None
        if not forgotten:
            raise HTTPException(status_code=404, detail=f"no memory for session {session_id!r}")
        return {"forgotten": session_id}

    return router
