"""A session's audio, kept compressed so audio-capable answer models (Qwen2.5-Omni, Qwen3-Omni)
can hear the moments they are asked about.

16 kHz mono PCM is Opus-encoded (libopus through PyAV, 12 kbit/s, 20 ms packets: about 1.5 KB
per second of stream, ~5.4 MB per hour) and held in RAM for the last `max_seconds` of a live
session; a clip's audio is decoded back to 16 kHz PCM only when a search hands that clip to the
model. It is not written to the store: stored memory stays text, vectors and thumbnails.
"""
from __future__ import annotations

import collections
import threading

import av
import numpy as np

from perception.events import AudioChunk

RATE = 16000
FRAME = 320  # 20 ms at 16 kHz: an Opus frame size
FRAME_S = FRAME / RATE
#: a chunk this far from where the last one ended restarts the packet clock (a gap in the stream)
_GAP_S = 0.25


class ClipAudio:
    """Opus packets stamped with stream time; thread-safe (encoding runs in a worker thread)."""

    def __init__(self, bitrate: int = 12000, max_seconds: float = 7200.0) -> None:
        self._bitrate = bitrate
        self._max_seconds = max_seconds
        self._encoder: av.AudioCodecContext | None = None
        self._packets: collections.deque[tuple[float, bytes]] = collections.deque()
        self._pending = np.zeros(0, np.int16)
        self._next_t = 0.0  # stream time of the next frame to encode
        self._lock = threading.Lock()
        self.bytes = 0

    def add(self, chunk: AudioChunk) -> None:
        with self._lock:
            if self._encoder is None:
                self._encoder = _opus_encoder(self._bitrate)
            expected = self._next_t + len(self._pending) / RATE
            if abs(chunk.start - expected) > _GAP_S:
                self._pending, self._next_t = np.zeros(0, np.int16), chunk.start
            pcm = np.concatenate([self._pending, np.asarray(chunk.pcm, np.int16)])
            whole = len(pcm) // FRAME * FRAME
            for i in range(0, whole, FRAME):
                frame = av.AudioFrame.from_ndarray(pcm[None, i:i + FRAME], format="s16", layout="mono")
                frame.sample_rate = RATE
                for packet in self._encoder.encode(frame):
                    data = bytes(packet)
                    self._packets.append((self._next_t, data))
                    self.bytes += len(data)
                    self._next_t += FRAME_S
            self._pending = pcm[whole:]
            while self._packets and self._packets[0][0] < self._next_t - self._max_seconds:
                self.bytes -= len(self._packets.popleft()[1])

    def pcm(self, start: float, end: float, max_seconds: float = 30.0) -> bytes | None:
        """16 kHz mono int16 PCM of [start, end) (at most `max_seconds`), None if none is kept."""
        end = min(end, start + max_seconds)
        with self._lock:
            packets = [(t, data) for t, data in self._packets if start - 3 * FRAME_S <= t < end]
        if not packets:
            return None
        decoder = av.CodecContext.create("libopus", "r")
        resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
        out = []
        for t, data in packets:
            for frame in decoder.decode(av.Packet(data)):
                for resampled in resampler.resample(frame):
                    if t >= start:  # the packets before `start` only warm the decoder up
                        out.append(resampled.to_ndarray().reshape(-1))
        for resampled in resampler.resample(None):
            out.append(resampled.to_ndarray().reshape(-1))
        return np.concatenate(out).astype(np.int16).tobytes() if out else None


def _opus_encoder(bitrate: int) -> av.AudioCodecContext:
    encoder = av.CodecContext.create("libopus", "w")
    encoder.sample_rate, encoder.layout, encoder.format, encoder.bit_rate = RATE, "mono", "s16", bitrate
    # the lowest complexity: a third of the default's CPU for speech that only has to stay intelligible
    encoder.options = {"compression_level": "0", "application": "voip"}
    encoder.open()
    return encoder
