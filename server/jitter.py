"""A shorter jitter buffer for the audio the server receives.

aiortc keeps every inbound audio packet until four more have arrived (80 ms): a playout buffer,
so that a listener hears smooth audio. The server does not listen in real time: VAD and ASR count
samples, not wall-clock time, so all it needs is packets in order. Holding one packet back
(20 ms) still puts slightly reordered packets right, and every answer starts 60 ms sooner.
"""
from __future__ import annotations

from aiortc import RTCRtpReceiver
from aiortc.jitterbuffer import JitterBuffer

from server.private_api import require_verified

#: aiortc's own audio buffer size, in packets
_CAPACITY = 16


def set_audio_prefetch(receiver: RTCRtpReceiver, packets: int) -> None:
    """Before the first packet: hold `packets` packets back instead of aiortc's 4."""
    # aiortc has no option for it; the buffer is a private attribute of the receiver
    require_verified("aiortc", "server/jitter.py (the receiver's jitter buffer)")
    receiver._RTCRtpReceiver__jitter_buffer = JitterBuffer(capacity=_CAPACITY, prefetch=packets)


def audio_prefetch(receiver: RTCRtpReceiver) -> int:
    return receiver._RTCRtpReceiver__jitter_buffer._prefetch
