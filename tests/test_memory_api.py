"""HTTP API: sessions, timeline, search, thumbnails served safely."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from memory import MemoryService
from memory.sqlite_store import SqliteStore
from perception.events import Transcript
from server.auth import Auth
from server.memory_api import make_memory_router
from tests.conftest import TOKEN
from tests.synthetic import HashingEmbedder, at, features


@pytest.fixture
def service(tmp_path: Path) -> Iterator[MemoryService]:
    svc = MemoryService(SqliteStore(tmp_path), HashingEmbedder())
    for session, text in (("alpha", "INVOICE 4471"), ("beta", "SECRET PLANS")):
        m = svc.open_session(session)
        f = features(session, "screen", 0, text, (250, 220, 40))
        for i in range(60):
            m.add_frame(at(f, i / 2))
        m.add_transcript(Transcript(session, 12.0, 15.0, f"this is the {session} session"))
        m.flush(30)
    yield svc
    svc.close()


@pytest.fixture
async def client(service: MemoryService) -> Iterator[httpx.AsyncClient]:
    async def forget(session_id: str) -> bool:
        return service.forget(session_id)

    app = FastAPI()
    app.include_router(make_memory_router(service, Auth(TOKEN), forget))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1",
                                 headers={"Authorization": f"Bearer {TOKEN}"}) as c:
        yield c


async def test_sessions_timeline_and_search(client: httpx.AsyncClient) -> None:
    sessions = (await client.get("/api/sessions")).json()
    assert {s["id"] for s in sessions} == {"alpha", "beta"}

    timeline = (await client.get("/api/sessions/alpha/timeline")).json()
    clips = timeline["clips"]
    assert [(c["start"], c["end"]) for c in clips] == [(0.0, 10.0), (10.0, 20.0), (20.0, 30.0)]
    assert all({"id", "start", "end", "text", "thumbnails"} <= c.keys() for c in clips)
    assert timeline["summary"].startswith("Session alpha")

    found = (await client.get("/api/sessions/alpha/search", params={"q": "which session is this", "k": 2})).json()
    results = found["results"]
    assert len(results) == 2 and results[0]["score"] >= results[1]["score"]
    assert results[0]["start"] == 10.0 and "alpha session" in results[0]["text"]
    image = await client.get(results[0]["thumbnails"][0])
    assert image.status_code == 200 and image.headers["content-type"] == "image/jpeg"
    assert image.content[:2] == b"\xff\xd8"


async def test_unknown_session_is_404_with_a_message(client: httpx.AsyncClient) -> None:
    for path in (
        "/api/sessions/nope/timeline",
        "/api/sessions/nope/search?q=x",
        "/api/sessions/nope/thumbnails/c000000-0.jpg",
    ):
        r = await client.get(path)
        assert r.status_code == 404 and "detail" in r.json()


@pytest.mark.parametrize(
    "path",
    [
        "/api/sessions/alpha/thumbnails/..%2F..%2Fbeta%2Fthumbs%2Fc000000-0.jpg",
        "/api/sessions/alpha/thumbnails/%2E%2E%2Fmemory.sqlite",
        "/api/sessions/alpha/thumbnails/c000000-0.jpg%00.png",
        "/api/sessions/..%2Fbeta/thumbnails/c000000-0.jpg",
        "/api/sessions/alpha/thumbnails/memory.sqlite",
        "/api/sessions/alpha/thumbnails/../../beta/thumbs/c000000-0.jpg",
    ],
)
async def test_thumbnail_paths_cannot_escape(client: httpx.AsyncClient, path: str) -> None:
    r = await client.get(path)
    assert r.status_code == 404
    assert not r.content.startswith(b"\xff\xd8") and b"SQLite" not in r.content


async def test_a_session_only_serves_its_own_thumbnails(client: httpx.AsyncClient, service: MemoryService) -> None:
    alpha = (await client.get("/api/sessions/alpha/thumbnails/c000000-0.jpg")).content
    beta = (await client.get("/api/sessions/beta/thumbnails/c000000-0.jpg")).content
    assert alpha != beta
    assert alpha == service.get_session("alpha").thumbnail("c000000-0.jpg")
