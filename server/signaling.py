"""The offer a client POSTs, and every check it passes before the server creates anything for it.

Limits are declared here once. A real browser offer (mic + camera + screen + datachannel, all
candidates) is 6–12 KB with four m-lines; anything far beyond that is refused before parsing.
"""
from __future__ import annotations

import json
from typing import Any, Literal

from aiortc.sdp import SessionDescription
from fastapi import HTTPException, Request
from pydantic import BaseModel, Field, ValidationError

#: bytes of a POST /offer body
MAX_OFFER_BYTES = 64 * 1024
#: m-lines of one offer: audio, camera, screen and the datachannel, with room to spare
MAX_MEDIA_SECTIONS = 8
_AUDIO_CODECS = ("opus", "pcmu", "pcma")


class Offer(BaseModel):
    sdp: str = Field(min_length=1, max_length=MAX_OFFER_BYTES)
    type: Literal["offer"]
    #: which video source each m-line carries, by mid: "camera" or "screen"
    sources: dict[str, Literal["camera", "screen"]] = Field(default={}, max_length=MAX_MEDIA_SECTIONS)
    #: set when the page re-offers for a session it had; ended sessions cannot be resumed
    session_id: str | None = Field(default=None, max_length=128)


def problem(status: int, message: str) -> HTTPException:
    return HTTPException(status_code=status, detail=message)


async def read_offer(request: Request) -> Offer:
    """The body as an `Offer`: JSON only (415), at most MAX_OFFER_BYTES (413), well-formed (400)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise problem(415, "the offer must be sent as 'Content-Type: application/json'")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_OFFER_BYTES:
        raise problem(413, f"the offer is larger than {MAX_OFFER_BYTES} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_OFFER_BYTES:
            raise problem(413, f"the offer is larger than {MAX_OFFER_BYTES} bytes")
    try:
        parsed: Any = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: JSON nested thousands deep
        raise problem(400, "the offer must be a JSON object: {\"sdp\": ..., \"type\": \"offer\"}") from None
    try:
        return Offer.model_validate(parsed)
    except ValidationError as exc:
        fields = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}" for e in exc.errors()[:5])
        raise problem(400, f"bad offer: {fields}"[:500]) from None


def check_sdp(sdp: str) -> None:
    """Refuse an SDP the server cannot or should not negotiate, before any peer or memory exists."""
    lines = sdp.replace("\r\n", "\n").split("\n")
    if not lines[0].startswith("v=0"):
        raise problem(400, "the offer is not SDP (it must start with 'v=0')")
    media = [line for line in lines if line.startswith("m=")]
    if len(media) > MAX_MEDIA_SECTIONS:
        raise problem(400, f"the offer has {len(media)} media sections; at most {MAX_MEDIA_SECTIONS} are accepted")
    if not any(line.startswith("m=audio") for line in media):
        raise problem(400, "the offer has no audio: share a microphone")
    try:
        parsed = SessionDescription.parse(sdp)
    except Exception as exc:  # noqa: BLE001 - aiortc's parser asserts, indexes and converts freely
        detail = f": {exc}"[:200] if str(exc) else ""
        raise problem(400, f"malformed SDP offer ({type(exc).__name__}{detail})") from None
    for section in parsed.media:
        if section.kind in ("audio", "video") and not section.rtp.codecs:
            raise problem(400, f"the {section.kind} section (mid {section.rtp.muxId or '?'}) names no codec")
    audio_codecs = {c.name.lower() for s in parsed.media if s.kind == "audio" for c in s.rtp.codecs}
    if not audio_codecs & set(_AUDIO_CODECS):
        raise problem(415, "no audio codec the server can decode: offer Opus, PCMU or PCMA")
