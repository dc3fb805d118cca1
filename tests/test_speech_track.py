"""The outbound track: pieces play in order, first-frame times are reported, clear() is immediate,
and it goes out in short packets."""
import contextlib

import numpy as np

from perception.audio import resample_pcm
from server.speech_track import OUT_FRAME, OUT_RATE, SpeechTrack


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        self.now += 1.0  # always late: recv never sleeps
        return self.now


async def test_pieces_play_in_order_and_report_first_frame():
    track = SpeechTrack(FakeClock())
    firsts = []
    track.on_first_frame = lambda answer_id, at: firsts.append(answer_id)
    track.enqueue("a1", "Hello.", np.full(OUT_FRAME * 2, 1000, np.int16))
    track.enqueue("a1", "World.", np.full(OUT_FRAME // 2, 2000, np.int16))
    frames = [(await track.recv()).to_ndarray().reshape(-1) for _ in range(4)]
    assert frames[0].max() == 1000 and frames[1].max() == 1000
    assert frames[2][: OUT_FRAME // 2].min() == 2000 and frames[2][OUT_FRAME // 2:].max() == 0
    assert frames[3].max() == 0  # silence when idle
    assert firsts == ["a1"]
    assert track.log.played["a1"] == ["Hello.", "World."]
    assert not track.speaking


async def test_clear_drops_queued_speech_and_keeps_what_was_heard():
    track = SpeechTrack(FakeClock())
    track.enqueue("a1", "First.", np.ones(OUT_FRAME, np.int16))
    track.enqueue("a1", "Second.", np.ones(OUT_FRAME * 10, np.int16))
    track.enqueue("a2", "Other.", np.ones(OUT_FRAME, np.int16))
    await track.recv()
    await track.recv()  # "Second." has started
    dropped = track.clear("a1")
    assert dropped == OUT_FRAME * 9
    assert track.log.played["a1"] == ["First."]
    assert track.speaking  # a2 is untouched
    assert track.clear() == OUT_FRAME and not track.speaking
    await track.wait_idle()


def test_resampling_to_48k_keeps_duration():
    pcm = (np.sin(np.arange(22050) / 10) * 8000).astype(np.int16)
    out = resample_pcm(pcm, 22050, OUT_RATE)
    assert abs(len(out) - 48000) < 100 and out.dtype == np.int16


async def test_answers_go_out_in_short_opus_packets():
    import asyncio

    from aiortc import RTCBundlePolicy, RTCConfiguration, RTCPeerConnection
    from aiortc.mediastreams import MediaStreamError

    from server.ice import restrict_ice_to_loopback
    from server.speech_track import OUT_FRAME_MS, send_short_packets

    restrict_ice_to_loopback()
    server, client = (RTCPeerConnection(RTCConfiguration(iceServers=[], bundlePolicy=RTCBundlePolicy.MAX_BUNDLE))
                      for _ in range(2))
    sender = server.addTrack(SpeechTrack())
    sizes: list[int] = []

    @client.on("track")
    def on_track(track) -> None:
        async def record() -> None:
            with contextlib.suppress(MediaStreamError):
                while len(sizes) < 20:
                    sizes.append((await track.recv()).samples)
        asyncio.ensure_future(record())

    client.addTransceiver("audio", direction="recvonly")
    await client.setLocalDescription(await client.createOffer())
    await server.setRemoteDescription(client.localDescription)
    await server.setLocalDescription(await server.createAnswer())
    assert send_short_packets(server, sender)
    await client.setRemoteDescription(server.localDescription)
    try:
        for _ in range(200):
            if len(sizes) >= 20:
                break
            await asyncio.sleep(0.05)
        assert sizes and set(sizes[5:]) == {48 * OUT_FRAME_MS}  # the client decodes 10 ms packets
    finally:
        await server.close()
        await client.close()


def test_the_playback_log_keeps_only_recent_answers():
    from server.speech_track import PlaybackLog

    log = PlaybackLog(keep=2)
    for i in range(4):
        log.started(f"a{i}", float(i))
        log.played[f"a{i}"].append("piece")
    assert list(log.first_frame_at) == ["a2", "a3"] and set(log.played) == {"a2", "a3"}
