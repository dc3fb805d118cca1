"""The HTTP side: the page, signaling (POST /offer), and JSON endpoints, behind the checks of server/auth.py."""
from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import secrets
import uuid
from importlib import resources
from typing import Any

from aiortc import (
    RTCBundlePolicy,
    RTCConfiguration,
    RTCPeerConnection,
    RTCSessionDescription,
)
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse

from reasoning.protocol import StatusMessage
from server import metrics
from server.admission import Admission, Slot
from server.auth import COOKIE, Auth, RequestGuard, allowed_hosts
from server.config import Settings
from server.ice import parse_ice_server, restrict_ice_to_loopback, rtc_ice_servers
from server.jitter import set_audio_prefetch
from server.memory_api import make_memory_router
from server.models import Models
from server.session import Session
from server.signaling import MAX_OFFER_BYTES, Offer, check_sdp, problem, read_offer
from server.speech_track import send_short_packets

log = logging.getLogger(__name__)

#: ended session ids remembered (so a re-offer for one is told it ended); older ones are forgotten
_ENDED_KEPT = 4096
#: headers of the page: no framing (a framed page could be clicked into sharing the camera), no referrer
_PAGE_HEADERS = {"X-Frame-Options": "DENY", "Content-Security-Policy": "frame-ancestors 'none'",
                 "Referrer-Policy": "no-referrer"}


class App:
    """Owns the live sessions and the models; FastAPI routes are thin wrappers over it."""

    def __init__(self, settings: Settings, models: Models | None = None) -> None:
        self.settings = settings
        self.models = models or Models(settings)
        self._owns_models = models is None
        self.auth = Auth((settings.auth_token or secrets.token_urlsafe(24)) if settings.auth else None)
        self.admission = Admission(settings.max_sessions, settings.max_sessions_per_client)
        self.ice_servers = [parse_ice_server(url) for url in settings.ice_servers]
        self.sessions: dict[str, Session] = {}
        self.ended: collections.OrderedDict[str, None] = collections.OrderedDict()
        self._slots: dict[str, Slot] = {}
        self._connected: set[str] = set()
        self._reapers: set[asyncio.Task] = set()
        if settings.ice_loopback:
            restrict_ice_to_loopback()

    async def offer(self, offer: Offer, client: str) -> dict[str, Any]:
        """Admit and answer an offer. Everything that can refuse it runs before the first await,
        and nothing (peer, memory) outlives a refusal or a failure."""
        if offer.session_id is not None:
            if offer.session_id in self.ended:
                raise problem(409, f"session {offer.session_id} has ended; start a new one")
            if offer.session_id in self.sessions:
                raise problem(409, f"session {offer.session_id} is live; renegotiation is not supported")
        if not self.models.ready:
            raise problem(503, f"{self.models.not_ready_reason()}; try again in a few seconds")
        check_sdp(offer.sdp)
        slot = self.admission.take(client)
        try:
            return await self._answer(offer, slot)
        except BaseException:
            slot.release()
            raise

    async def _answer(self, offer: Offer, slot: Slot) -> dict[str, Any]:
        session_id = uuid.uuid4().hex[:12]
        memory = None
        if self.models.memory is not None:  # a store that hangs must not stall the event loop
            memory = await asyncio.to_thread(self.models.memory.open_session, session_id)
        pc = RTCPeerConnection(RTCConfiguration(iceServers=rtc_ice_servers(self.ice_servers),
                                                bundlePolicy=RTCBundlePolicy.MAX_BUNDLE))
        session = Session(session_id, pc, self.models, self.settings, memory)
        video_seen = 0

        @pc.on("track")
        def on_track(track) -> None:
            nonlocal video_seen
            transceiver = next((t for t in pc.getTransceivers() if t.receiver.track is track), None)
            mid = transceiver.mid if transceiver is not None else None
            if track.kind == "audio" and transceiver is not None:
                set_audio_prefetch(transceiver.receiver, self.settings.audio_prefetch_packets)
            source = offer.sources.get(mid or "", "camera" if video_seen == 0 else "screen")
            if track.kind == "video":
                video_seen += 1
            session.add_track(track, source)

        @pc.on("datachannel")
        def on_datachannel(channel) -> None:
            session.attach_channel(channel)

        @pc.on("connectionstatechange")
        async def on_state() -> None:
            session.send(StatusMessage(connection=pc.connectionState))
            if pc.connectionState == "connected":
                self._connected.add(session.id)
            if pc.connectionState in ("failed", "closed"):
                await self.end(session.id)

        try:
            await pc.setRemoteDescription(RTCSessionDescription(offer.sdp, "offer"))
            speech_sender = pc.addTrack(session.speech)
            answer = await pc.createAnswer()
            await pc.setLocalDescription(answer)
            send_short_packets(pc, speech_sender)
        except Exception as exc:  # noqa: BLE001 - aiortc raises many kinds on offers its parser let through
            await session.close()
            await self._forget_memory(session_id)
            raise problem(400, f"malformed SDP offer: it could not be negotiated ({type(exc).__name__}: {exc})"[:300]) from None
        self.sessions[session.id] = session
        self._slots[session.id] = slot
        reaper = asyncio.create_task(self._reap_unconnected(session), name=f"{session.id}:reaper")
        self._reapers.add(reaper)
        reaper.add_done_callback(self._reapers.discard)
        metrics.session_started()
        session.log.info("started (%d live sessions)", len(self.sessions))
        return {"sdp": pc.localDescription.sdp, "type": pc.localDescription.type, "session_id": session.id,
                "session_token": self.auth.session_token(session.id)}

    async def _reap_unconnected(self, session: Session) -> None:
        """Offers whose peer never connects would hold their slot forever: end them."""
        await asyncio.sleep(self.settings.connect_timeout_s)
        if self.sessions.get(session.id) is session and session.id not in self._connected:
            session.log.info("no connection %.0f s after the offer: ending it", self.settings.connect_timeout_s)
            await self.end(session.id)

    async def end(self, session_id: str) -> None:
        """Hang up. A session whose peer never connected leaves no memory behind."""
        session = self.sessions.pop(session_id, None)
        if session is None:
            return
        slot = self._slots.pop(session_id, None)
        if slot is not None:
            slot.release()
        self.ended[session_id] = None
        while len(self.ended) > _ENDED_KEPT:
            self.ended.popitem(last=False)
        await session.close()
        if session_id not in self._connected:
            await self._forget_memory(session_id)
        self._connected.discard(session_id)
        session.log.info("ended")

    async def _forget_memory(self, session_id: str) -> bool:
        if self.models.memory is None:
            return False
        return await asyncio.to_thread(self.models.memory.forget, session_id)

    async def forget(self, session_id: str) -> bool:
        """Hang the session up if it is live, then delete its memory; False if it had none."""
        await self.end(session_id)
        return await self._forget_memory(session_id)

    async def shutdown(self) -> None:
        for reaper in list(self._reapers):
            reaper.cancel()
        await asyncio.gather(*(self.end(sid) for sid in list(self.sessions)), return_exceptions=True)
        if self._owns_models:
            self.models.shutdown()

    def session(self, session_id: str) -> Session:
        session = self.sessions.get(session_id)
        if session is None:
            raise problem(404, f"no live session {session_id[:128]!r}")
        return session


class _MemoryWhenLoaded:
    """The memory service once the background loader has built it; 503 until then."""

    def __init__(self, models: Models) -> None:
        self._models = models

    def __getattr__(self, name: str) -> Any:
        if self._models.memory is None:
            raise problem(503, "memory is still loading")
        return getattr(self._models.memory, name)


def create_app(settings: Settings | None = None, models: Models | None = None,
               more_hosts: tuple[str, ...] = ()) -> FastAPI:
    """`more_hosts`: Host names to serve besides loopback and --allowed-hosts (the TLS certificate's)."""
    settings = settings or Settings()
    core = App(settings, models)
    auth = core.auth

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI):
        if not core.models.ready and not core.models.steps:
            core.models.load_in_background()
        watch = asyncio.create_task(metrics.watch_event_loop())
        yield
        watch.cancel()
        await core.shutdown()

    app = FastAPI(title="Livesight", lifespan=lifespan, description=(
        "Send the access token as 'Authorization: Bearer <token>' (or open /?token=… once in a browser). "
        "A session token (returned by POST /offer) opens that session's endpoints only."))
    app.state.core = core
    app.add_middleware(RequestGuard, hosts=allowed_hosts(settings.allowed_hosts, more_hosts))
    metrics.register_sessions_source(lambda: list(core.sessions.values()))
    app.include_router(metrics.make_ops_router(core, [] if settings.metrics_public else auth.operator_only()))
    page = resources.files("web")
    operator, one_session = auth.operator_only(), auth.session_only()

    @app.exception_handler(HTTPException)
    async def error(_: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.get("/", include_in_schema=False)
    async def index(request: Request, token: str | None = None) -> Any:
        if token is None:
            return FileResponse(str(page / "index.html"), media_type="text/html", headers=_PAGE_HEADERS)
        # trade the token for the cookie and take it out of the address bar (and the history)
        response = RedirectResponse("/", status_code=303, headers={**_PAGE_HEADERS, "Cache-Control": "no-store"})
        if auth.login(token) and auth.enabled:
            response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/",
                                secure=request.url.scheme == "https")
        return response

    @app.get("/app.js", include_in_schema=False)
    async def script() -> FileResponse:
        return FileResponse(str(page / "app.js"), media_type="text/javascript")

    @app.get("/style.css", include_in_schema=False)
    async def style() -> FileResponse:
        return FileResponse(str(page / "style.css"), media_type="text/css")

    @app.post("/offer", dependencies=operator, openapi_extra={"requestBody": {
        "required": True, "content": {"application/json": {"schema": Offer.model_json_schema()}}}},
        summary=f"Start a session: a WebRTC SDP offer in, the answer and a session token out (JSON, ≤ {MAX_OFFER_BYTES} bytes)")
    async def offer(request: Request) -> dict[str, Any]:
        parsed = await read_offer(request)
        return await core.offer(parsed, request.client.host if request.client else "unknown")

    @app.get("/api/status")
    async def status(request: Request) -> dict[str, Any]:
        """Model loading progress for anyone; live sessions and ICE servers only with the token."""
        signed_in = auth.operator(request)
        return {"models": core.models.status(), "authenticated": signed_in, "live_sessions": len(core.sessions),
                "sessions": [s.summary() for s in core.sessions.values()] if signed_in else [],
                "ice_servers": core.ice_servers if signed_in else []}

    app.include_router(make_memory_router(_MemoryWhenLoaded(core.models), auth, core.forget))

    @app.get("/api/sessions/{session_id}/latency", dependencies=one_session)
    async def latency(session_id: str) -> dict[str, Any]:
        return core.session(session_id).latency()

    @app.delete("/api/sessions/{session_id}", dependencies=one_session)
    async def hang_up(session_id: str) -> dict[str, Any]:
        core.session(session_id)
        await core.end(session_id)
        return {"ended": session_id}

    return app
