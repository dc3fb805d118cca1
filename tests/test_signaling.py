"""Bad offers get a clear 4xx and the server keeps serving (no models needed: they fail before)."""
import pytest
from aiortc import RTCPeerConnection

from server.models import Models
from tests.conftest import offer_poster, running_app
from tests.peer import ScriptedAudioTrack, connect
import numpy as np


@pytest.fixture
def ready_models(settings):
    """Models marked ready without loading any: these tests never reach a model."""
    stub = Models(settings)
    stub.ready_event.set()
    return stub


async def _real_offer(kind: str = "audio") -> str:
    pc = RTCPeerConnection()
    pc.addTransceiver(kind, direction="sendrecv")
    await pc.setLocalDescription(await pc.createOffer())
    sdp = pc.localDescription.sdp
    await pc.close()
    return sdp


@pytest.mark.parametrize("body, status, words", [
    (b"not json", 400, "must be a JSON object"),
    (b'{"type": "offer"}', 400, "sdp"),
    (b'{"sdp": "v=0", "type": "answer"}', 400, "type"),
    (b'{"sdp": "hello", "type": "offer"}', 400, "not SDP"),
    (b'[1, 2]', 400, "bad offer"),
])
async def test_malformed_offers_get_a_clear_400(settings, ready_models, body, status, words):
    async with running_app(settings, ready_models) as (_, http):
        response = await http.post("/offer", content=body, headers={"content-type": "application/json"})
        assert response.status_code == status
        assert words in response.json()["error"]


async def test_offer_without_audio_or_with_undecodable_codec_is_refused(settings, ready_models):
    async with running_app(settings, ready_models) as (_, http):
        video_only = await _real_offer("video")
        response = await http.post("/offer", json={"sdp": video_only, "type": "offer"})
        assert response.status_code == 400 and "no audio" in response.json()["error"]

        audio = await _real_offer("audio")
        g722_only = "\n".join(
            line for line in audio.splitlines()
            if not line.startswith(("a=rtpmap:", "a=fmtp:", "a=rtcp-fb:"))
        ).replace("m=audio 9 UDP/TLS/RTP/SAVPF 96 0 8", "m=audio 9 UDP/TLS/RTP/SAVPF 9") + "\na=rtpmap:9 G722/8000\n"
        response = await http.post("/offer", json={"sdp": g722_only, "type": "offer"})
        assert response.status_code == 415 and "Opus" in response.json()["error"]

        broken = audio.replace("a=fingerprint:", "a=fingerprint-broken:").replace("a=ice-ufrag:", "a=x:")
        response = await http.post("/offer", json={"sdp": broken, "type": "offer"})
        assert response.status_code == 400 and "malformed SDP" in response.json()["error"]

        assert (await http.get("/api/status")).status_code == 200  # still serving


async def test_offers_wait_for_models_and_refuse_ended_sessions(settings):
    loading = Models(settings)  # nothing loaded yet
    async with running_app(settings, loading) as (app, http):
        response = await http.post("/offer", json={"sdp": await _real_offer(), "type": "offer"})
        assert response.status_code == 503 and "loading" in response.json()["error"]
        loading.ready_event.set()
        peer = await connect(offer_poster(http), ScriptedAudioTrack([(0.0, np.zeros(960, np.int16))], tail_s=1))
        session_id = peer.session_id
        assert (await http.delete(f"/api/sessions/{session_id}")).status_code == 200
        again = await http.post("/offer", json={"sdp": await _real_offer(), "type": "offer", "session_id": session_id})
        assert again.status_code == 409 and "has ended" in again.json()["error"]
        assert (await http.get(f"/api/sessions/{session_id}/latency")).status_code == 404
        await peer.close()
