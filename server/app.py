"""The HTTP side: the page, signaling (POST /offer), and JSON endpoints."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from importlib import resources
from typing import Any, Literal

from aiortc import RTCBundlePolicy, RTCConfiguration, RTCPeerConnection, RTCSessionDescription
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, Field, ValidationError

from reasoning.protocol import StatusMessage
from server import metrics
from server.config import Settings
from server.ice import restrict_ice_to_loopback
from server.jitter import set_audio_prefetch
from server.memory_api import make_memory_router
from server.models import Models
from server.session import Session
from server.speech_track import send_short_packets

log = logging.getLogger(__name__)

_AUDIO_CODECS = ("opus", "pcmu", "pcma")


class Offer(BaseModel):
    sdp: str = Field(min_length=1)
    type: Literal["offer"]
    #: which video source each m-line carries, by mid: "camera" or "screen"
    sources: dict[str, Literal["camera", "screen"]] = {}
    #: set when the page re-offers for a session it had; ended sessions cannot be resumed
    session_id: str | None = None


def _problem(status: int, message: str) -> HTTPException:
    return HTTPException(status_code=status, detail=message)


def _check_sdp(sdp: str) -> None:
    lines = sdp.replace("\r\n", "\n").split("\n")
    if not lines or not lines[0].startswith("v=0"):
        raise _problem(400, "the offer is not SDP (it must start with 'v=0')")
    audio = [i for i, line in enumerate(lines) if line.startswith("m=audio")]
    if not audio:
        raise _problem(400, "the offer has no audio: share a microphone")
    rtpmaps = " ".join(line.lower() for line in lines if line.startswith("a=rtpmap:"))
    if not any(f" {codec}/" in rtpmaps for codec in _AUDIO_CODECS):
        raise _problem(415, "no audio codec the server can decode: offer Opus, PCMU or PCMA")


class App:
    """Owns the live sessions and the models; FastAPI routes are thin wrappers over it."""

    def __init__(self, settings: Settings, models: Models | None = None) -> None:
        self.settings = settings
        self.models = models or Models(settings)
        self._owns_models = models is None
        self.sessions: dict[str, Session] = {}
        self.ended: set[str] = set()
        if settings.ice_loopback:
            restrict_ice_to_loopback()

    async def offer(self, offer: Offer) -> dict[str, Any]:
        if offer.session_id is not None:
            if offer.session_id in self.ended:
                raise _problem(409, f"session {offer.session_id} has ended; start a new one")
            if offer.session_id in self.sessions:
                raise _problem(409, f"session {offer.session_id} is live; renegotiation is not supported")
        if not self.models.ready:
            failed = "; ".join(f"{s.name}: {s.error}" for s in self.models.failed)
            raise _problem(503, f"models failed to load: {failed}" if failed else
                           "the models are still loading; try again in a few seconds")
        if len(self.sessions) >= self.settings.max_sessions:
            raise _problem(503, f"the server is full ({self.settings.max_sessions} live sessions)")
        _check_sdp(offer.sdp)

        session_id = uuid.uuid4().hex[:12]
        memory = None
        if self.models.memory is not None:  # a store that hangs must not stall the event loop
            memory = await asyncio.to_thread(self.models.memory.open_session, session_id)
        pc = RTCPeerConnection(RTCConfiguration(iceServers=[], bundlePolicy=RTCBundlePolicy.MAX_BUNDLE))
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
            if pc.connectionState in ("failed", "closed"):
                await self.end(session.id)

        try:
            await pc.setRemoteDescription(RTCSessionDescription(offer.sdp, "offer"))
            speech_sender = pc.addTrack(session.speech)
            answer = await pc.createAnswer()
            await pc.setLocalDescription(answer)
            send_short_packets(pc, speech_sender)
        except (ValueError, TypeError, AttributeError, IndexError, KeyError) as exc:
            await session.close()
            raise _problem(400, f"malformed SDP offer: {exc}") from None
        self.sessions[session.id] = session
        metrics.session_started()
        session.log.info("started (%d live sessions)", len(self.sessions))
        return {"sdp": pc.localDescription.sdp, "type": pc.localDescription.type, "session_id": session.id}

    async def end(self, session_id: str) -> None:
        session = self.sessions.pop(session_id, None)
        if session is None:
            return
        self.ended.add(session_id)
        await session.close()
        session.log.info("ended")

    async def shutdown(self) -> None:
        await asyncio.gather(*(self.end(sid) for sid in list(self.sessions)), return_exceptions=True)
        if self._owns_models:
            self.models.shutdown()

    def session(self, session_id: str) -> Session:
        session = self.sessions.get(session_id)
        if session is None:
            raise _problem(404, f"no live session {session_id}")
        return session


class _MemoryWhenLoaded:
    """The memory service once the background loader has built it; 503 until then."""

    def __init__(self, models: Models) -> None:
        self._models = models

    def __getattr__(self, name: str) -> Any:
        if self._models.memory is None:
            raise _problem(503, "memory is still loading")
        return getattr(self._models.memory, name)


def create_app(settings: Settings | None = None, models: Models | None = None) -> FastAPI:
    settings = settings or Settings()
    core = App(settings, models)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI):
        if not core.models.ready and not core.models.steps:
            core.models.load_in_background()
        watch = asyncio.create_task(metrics.watch_event_loop())
        yield
        watch.cancel()
        await core.shutdown()

    app = FastAPI(title="Livesight", lifespan=lifespan)
    app.state.core = core
    metrics.register_sessions_source(lambda: list(core.sessions.values()))
    app.include_router(metrics.make_ops_router(core))  # /healthz /readyz /metrics
    page = resources.files("web")

    @app.exception_handler(HTTPException)
    async def problem(_: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code)

    @app.get("/", include_in_schema=False)
    async def index() -> FileResponse:
        return FileResponse(str(page / "index.html"), media_type="text/html")

    @app.get("/app.js", include_in_schema=False)
    async def script() -> FileResponse:
        return FileResponse(str(page / "app.js"), media_type="text/javascript")

    @app.get("/style.css", include_in_schema=False)
    async def style() -> FileResponse:
        return FileResponse(str(page / "style.css"), media_type="text/css")

    @app.post("/offer")
    async def offer(request: Request) -> dict[str, Any]:
        try:
            body = await request.json()
        except ValueError:
            raise _problem(400, "the offer must be a JSON object: {\"sdp\": ..., \"type\": \"offer\"}") from None
        try:
            parsed = Offer.model_validate(body)
        except ValidationError as exc:
            fields = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}" for e in exc.errors())
            raise _problem(400, f"bad offer: {fields}") from None
        return await core.offer(parsed)

    @app.get("/api/status")
    async def status() -> dict[str, Any]:
        return {"models": core.models.status(), "sessions": [s.summary() for s in core.sessions.values()]}

    app.include_router(make_memory_router(_MemoryWhenLoaded(core.models)))

    @app.get("/api/sessions/{session_id}/latency")
    async def latency(session_id: str) -> dict[str, Any]:
        return core.session(session_id).latency()

    @app.delete("/api/sessions/{session_id}")
    async def hang_up(session_id: str) -> dict[str, Any]:
        core.session(session_id)
        await core.end(session_id)
        return {"ended": session_id}

    return app
