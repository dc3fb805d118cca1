"""Issue 10, HTTP side: tokens, hosts, origins, content types, admission, reaping, bad offers, forgetting.

No model is loaded: the models are marked ready and memory uses the hashing embedder, so every
check runs against the real app, real aiortc negotiation and a real SQLite store in seconds.
"""
from __future__ import annotations

import asyncio
import json
import re
import time

import numpy as np
import pytest
from aiortc import RTCPeerConnection

from memory import MemoryService
from memory.sqlite_store import SqliteStore
from perception.events import Transcript
from server.models import Models
from tests.conftest import TOKEN, offer_poster, running_app
from tests.peer import ScriptedAudioTrack, connect
from tests.synthetic import HashingEmbedder


@pytest.fixture
def ready_models(settings):
    """Models marked ready without loading any, with a real memory service on SQLite."""
    stub = Models(settings)
    stub.memory = MemoryService(SqliteStore(settings.data_dir), HashingEmbedder())
    stub.ready_event.set()
    yield stub
    stub.memory.close()


def _remember(models: Models, session_id: str, text: str) -> None:
    memory = models.memory.open_session(session_id)
    memory.add_transcript(Transcript(session_id, 1.0, 3.0, text))
    memory.live = False
    memory.flush(30)


async def _offer_sdp(video: bool = False) -> str:
    pc = RTCPeerConnection()
    pc.addTransceiver("audio", direction="sendrecv")
    if video:
        pc.addTransceiver("video", direction="sendonly")
    pc.createDataChannel("events")
    await pc.setLocalDescription(await pc.createOffer())
    sdp = pc.localDescription.sdp
    await pc.close()
    return sdp


def _session_dirs(settings) -> list[str]:
    root = settings.data_dir / "sessions"
    return sorted(p.name for p in root.iterdir()) if root.is_dir() else []


def _no_phantoms(app, http_sessions: list[dict]) -> None:
    core = app.state.core
    assert not core.sessions and core.admission.taken == 0
    assert not [s for s in http_sessions if s["live"]], http_sessions


# ------------------------------------------------------------------------- tokens
async def test_without_the_token_only_the_page_health_and_readiness_answer(settings, ready_models):
    _remember(ready_models, "alpha", "the invoice number is 4471")
    async with running_app(settings, ready_models) as (_, http):
        http.headers.pop("Authorization")
        for path in ("/healthz", "/readyz", "/", "/app.js", "/openapi.json"):
            assert (await http.get(path)).status_code == 200, path
        for method, path in (("GET", "/api/sessions"), ("GET", "/api/sessions/alpha/timeline"),
                             ("GET", "/api/sessions/alpha/search?q=invoice"),
                             ("GET", "/api/sessions/alpha/thumbnails/c000000-0.jpg"),
                             ("GET", "/api/sessions/alpha/latency"), ("DELETE", "/api/sessions/alpha"),
                             ("DELETE", "/api/sessions/alpha/memory"), ("GET", "/metrics")):
            response = await http.request(method, path)
            assert response.status_code == 401, (path, response.text)
            assert "token" in response.json()["error"] and response.headers["www-authenticate"] == "Bearer"
        response = await http.post("/offer", json={"sdp": await _offer_sdp(), "type": "offer"})
        assert response.status_code == 401
        wrong = await http.get("/api/sessions", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        status = (await http.get("/api/status")).json()
        assert status["authenticated"] is False and status["sessions"] == [] and status["ice_servers"] == []
        assert "4471" not in (await http.get("/openapi.json")).text


async def test_a_session_token_opens_its_own_session_only(settings, ready_models):
    _remember(ready_models, "beta0000000a", "beta's secret plans")
    async with running_app(settings, ready_models) as (_, http):
        peer = await connect(offer_poster(http), ScriptedAudioTrack([(0.0, np.zeros(960, np.int16))], tail_s=2))
        own_token = peer.session_token
        assert own_token.startswith(peer.session_id + ".")
        mine = {"Authorization": f"Bearer {own_token}"}
        assert (await http.get(f"/api/sessions/{peer.session_id}/latency", headers=mine)).status_code == 200
        assert (await http.get(f"/api/sessions/{peer.session_id}/timeline", headers=mine)).status_code == 200
        for path in ("/api/sessions/beta0000000a/timeline", "/api/sessions/beta0000000a/search?q=plans",
                     "/api/sessions/beta0000000a/thumbnails/c000000-0.jpg", "/api/sessions"):
            response = await http.get(path, headers=mine)
            assert response.status_code == 403, (path, response.text)
            assert "plans" not in response.text
        assert (await http.delete("/api/sessions/beta0000000a/memory", headers=mine)).status_code == 403
        forged = {"Authorization": f"Bearer beta0000000a.{'0' * 32}"}
        assert (await http.get("/api/sessions/beta0000000a/timeline", headers=forged)).status_code == 401
        # the operator's view; then the session hangs itself up with its own token
        status = (await http.get("/api/status")).json()
        assert [s["id"] for s in status["sessions"]] == [peer.session_id]
        assert (await http.delete(f"/api/sessions/{peer.session_id}", headers=mine)).status_code == 200
        await peer.close()


async def test_the_page_trades_the_url_token_for_a_strict_http_only_cookie(settings, ready_models):
    async with running_app(settings, ready_models) as (_, http):
        http.headers.pop("Authorization")
        response = await http.get(f"/?token={TOKEN}")
        assert response.status_code == 303 and response.headers["location"] == "/"
        cookie = response.headers["set-cookie"]
        assert cookie.startswith(f"livesight_token={TOKEN};")
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
        assert response.headers["x-frame-options"] == "DENY"
        assert (await http.get("/api/sessions")).status_code == 200  # httpx kept the cookie
        assert (await http.get("/api/status")).json()["authenticated"] is True

        http.cookies.clear()
        refused = await http.get("/?token=wrong")
        assert refused.status_code == 303 and "set-cookie" not in refused.headers
        assert (await http.get("/api/sessions")).status_code == 401


async def test_metrics_carry_no_session_ids_and_can_be_made_public(settings, ready_models):
    async with running_app(settings, ready_models) as (_, http):
        peer = await connect(offer_poster(http), ScriptedAudioTrack([(0.0, np.zeros(960, np.int16))], tail_s=2))
        text = (await http.get("/metrics")).text
        assert "livesight_sessions_live 1.0" in text
        assert peer.session_id not in text and 'session="' not in text
        await peer.close()
    public = settings.model_copy(update={"metrics_public": True})
    async with running_app(public, ready_models) as (_, http):
        http.headers.pop("Authorization")
        assert (await http.get("/metrics")).status_code == 200
        assert (await http.get("/api/sessions")).status_code == 401


async def test_no_auth_opens_everything(settings, ready_models):
    async with running_app(settings.model_copy(update={"auth": False}), ready_models) as (_, http):
        http.headers.pop("Authorization")
        assert (await http.get("/api/sessions")).status_code == 200
        assert (await http.get("/api/status")).json()["authenticated"] is True


# ------------------------------------------------------------------------- hosts, origins, content types
@pytest.mark.parametrize("host, status", [
    ("evil.example", 400), ("evil.example:8000", 400), ("127.0.0.1.evil.example", 400),
    ("localhost:8000", 200), ("127.0.0.1:8000", 200), ("[::1]:8000", 200), ("127.0.0.2", 200),
    ("livesight.lan", 200),  # named with --allowed-hosts
])
async def test_only_allowed_host_names_are_served(settings, ready_models, host, status):
    allowed = settings.model_copy(update={"allowed_hosts": "livesight.lan"})
    async with running_app(allowed, ready_models) as (_, http):
        response = await http.get("/api/status", headers={"Host": host})
        assert response.status_code == status
        if status == 400:
            assert "not served here" in response.json()["error"]


async def test_offers_must_be_json_from_this_origin(settings, ready_models):
    async with running_app(settings, ready_models) as (app, http):
        body = json.dumps({"sdp": await _offer_sdp(), "type": "offer"})
        for content_type in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"):
            response = await http.post("/offer", content=body, headers={"Content-Type": content_type})
            assert response.status_code == 415, content_type
            assert "application/json" in response.json()["error"]
        for origin in ("https://evil.example", "null", "http://127.0.0.1:9999"):
            response = await http.post("/offer", content=body, headers={"Content-Type": "application/json",
                                                                          "Origin": origin})
            assert response.status_code == 403 and "cross-site" in response.json()["error"], origin
        cross_delete = await http.delete("/api/sessions/abc/memory", headers={"Origin": "https://evil.example"})
        assert cross_delete.status_code == 403
        same = await http.post("/offer", content=body, headers={"Content-Type": "application/json; charset=utf-8",
                                                                 "Origin": "http://127.0.0.1"})
        assert same.status_code == 200, same.text
        await app.state.core.end(same.json()["session_id"])


# ------------------------------------------------------------------------- admission
async def test_twenty_concurrent_offers_with_eight_slots_admit_exactly_eight(settings, ready_models):
    limits = settings.model_copy(update={"max_sessions": 8, "max_sessions_per_client": 20})
    async with running_app(limits, ready_models) as (app, http):
        sdp = await _offer_sdp()
        responses = await asyncio.gather(*(http.post("/offer", json={"sdp": sdp, "type": "offer"})
                                           for _ in range(20)))
        codes = sorted(r.status_code for r in responses)
        assert codes.count(200) == 8 and codes.count(503) == 12, codes
        assert all("full" in r.json()["error"] for r in responses if r.status_code == 503)
        assert len(app.state.core.sessions) == 8 == app.state.core.admission.taken


async def test_one_client_address_gets_its_share_only(settings, ready_models):
    limits = settings.model_copy(update={"max_sessions_per_client": 2})
    async with running_app(limits, ready_models) as (_, http):
        sdp = await _offer_sdp()
        codes = [(await http.post("/offer", json={"sdp": sdp, "type": "offer"})).status_code for _ in range(3)]
        assert codes == [200, 200, 429]


async def test_an_offer_that_never_connects_is_reaped_and_leaves_no_memory(settings, ready_models):
    quick = settings.model_copy(update={"connect_timeout_s": 0.5, "max_sessions": 1})
    async with running_app(quick, ready_models) as (app, http):
        sdp = await _offer_sdp()
        first = await http.post("/offer", json={"sdp": sdp, "type": "offer"})
        assert first.status_code == 200
        assert (await http.post("/offer", json={"sdp": sdp, "type": "offer"})).status_code == 503  # full
        deadline = time.monotonic() + 10
        while (app.state.core.sessions or _session_dirs(settings)) and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        await asyncio.sleep(0.5)  # and nothing written late brings it back
        _no_phantoms(app, (await http.get("/api/sessions")).json())
        assert _session_dirs(settings) == []
        again = await http.post("/offer", json={"sdp": sdp, "type": "offer"})
        assert again.status_code == 200  # the slot is free again


# ------------------------------------------------------------------------- bad offers
def _deep_json(depth: int) -> bytes:
    return b'{"sdp": ' + b"[" * depth + b"]" * depth + b', "type": "offer"}'


@pytest.mark.parametrize("case", ["candidate", "m-line", "video-no-codec", "too-many-m-lines", "deep-json",
                                  "deep-json-under-the-size-cap",
                                  "10MB", "50MB", "huge-declared", "text-null"])
async def test_malformed_offers_get_a_clear_4xx_and_leave_nothing(settings, ready_models, case):
    async with running_app(settings, ready_models) as (app, http):
        sdp = await _offer_sdp(video=True)
        content: bytes | None = None
        headers = {"Content-Type": "application/json"}
        if case == "candidate":
            sdp = sdp.replace("a=end-of-candidates", "a=candidate:garbage\r\na=end-of-candidates", 1)
        elif case == "m-line":
            sdp = re.sub(r"m=audio [^\r\n]*", "m=audio x y z", sdp)
        elif case == "video-no-codec":
            sdp = re.sub(r"(m=video \d+ \S+)[^\r\n]*", r"\1", sdp)
        elif case == "too-many-m-lines":
            section = sdp[sdp.index("m=audio"):sdp.index("m=video")]
            sdp = sdp + section * 12
        elif case == "deep-json":
            content = _deep_json(100_000)
        elif case == "deep-json-under-the-size-cap":
            content = _deep_json(30_000)
        elif case in ("10MB", "50MB"):
            content = b'{"sdp": "' + b"v" * (int(case[:2]) * 1_000_000) + b'", "type": "offer"}'
        elif case == "huge-declared":
            content, headers["Content-Length"] = b"{}", str(10**12)
        elif case == "text-null":
            content = b'{"sdp": null, "type": "offer"}'
        if content is None:
            content = json.dumps({"sdp": sdp, "type": "offer"}).encode()
        response = await http.post("/offer", content=content, headers=headers)
        assert 400 <= response.status_code < 500, (response.status_code, response.text[:300])
        error = response.json()["error"]
        assert isinstance(error, str) and 0 < len(error) <= 500
        _no_phantoms(app, (await http.get("/api/sessions")).json())
        assert _session_dirs(settings) == []
        assert (await http.get("/healthz")).status_code == 200


# ------------------------------------------------------------------------- forgetting
async def test_delete_memory_forgets_a_session(settings, ready_models):
    _remember(ready_models, "gamma0000001", "the spare key is under the blue pot")
    _remember(ready_models, "delta0000001", "delta stays")
    async with running_app(settings, ready_models) as (app, http):
        assert "gamma0000001" in _session_dirs(settings)
        found = (await http.get("/api/sessions/gamma0000001/search", params={"q": "spare key"})).json()
        assert found["results"]
        response = await http.delete("/api/sessions/gamma0000001/memory")
        assert response.status_code == 200 and response.json() == {"forgotten": "gamma0000001"}
        assert _session_dirs(settings) == ["delta0000001"]
        assert [s["id"] for s in (await http.get("/api/sessions")).json()] == ["delta0000001"]
        assert (await http.get("/api/sessions/gamma0000001/timeline")).status_code == 404
        assert (await http.delete("/api/sessions/gamma0000001/memory")).status_code == 404

        own = app.state.core.auth.session_token("delta0000001")
        forgotten = await http.delete("/api/sessions/delta0000001/memory", headers={"Authorization": f"Bearer {own}"})
        assert forgotten.status_code == 200 and _session_dirs(settings) == []


async def test_forgetting_a_live_session_hangs_it_up_first(settings, ready_models):
    async with running_app(settings, ready_models) as (app, http):
        peer = await connect(offer_poster(http), ScriptedAudioTrack([(0.0, np.zeros(960, np.int16))], tail_s=5))
        await peer.wait_for(lambda p: p.pc.connectionState == "connected", timeout=15)
        response = await http.delete(f"/api/sessions/{peer.session_id}/memory")
        assert response.status_code == 200
        assert peer.session_id not in app.state.core.sessions
        assert peer.session_id not in _session_dirs(settings)
        await peer.close()
