"""The outbound audio track: answer speech queued by piece, paced in real time, clearable.

It knows what has actually gone out, so a barge-in can record what the user heard.

It goes out in 10 ms frames and, over Opus, 10 ms packets (aiortc's default is 20): a receiver's
jitter buffer that holds a number of packets (aiortc's holds 4) then holds half the time, and the
first word waits at most 10 ms for the next frame. Measured between two aiortc peers on loopback:
first answer frame out → heard by the client 81 ms → 41 ms.
"""
from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import fractions
import time
from dataclasses import dataclass, field
from typing import Callable

import av
import numpy as np
from aiortc import MediaStreamTrack, RTCPeerConnection, RTCRtpSender
from aiortc.codecs.opus import OpusEncoder
from aiortc.mediastreams import MediaStreamError

from perception.audio import resample_pcm
from reasoning.speech import SpeechSynthesizer
from server import metrics
from server.private_api import require_verified

OUT_RATE = 48000
OUT_FRAME_MS = 10
OUT_FRAME = OUT_RATE * OUT_FRAME_MS // 1000


@dataclass
class _Piece:
    answer_id: str
    text: str
    pcm: np.ndarray  # 48 kHz mono int16
    offset: int = 0
    started: bool = False


@dataclass
class PlaybackLog:
    """What each answer actually played: pieces finished, and when its first frame went out.

    Only the last `keep` answers are kept: a barge-in only ever asks about the current one.
    """

    first_frame_at: dict[str, float] = field(default_factory=dict)
    played: dict[str, list[str]] = field(default_factory=lambda: collections.defaultdict(list))
    keep: int = 64

    def started(self, answer_id: str, at: float) -> None:
        self.first_frame_at[answer_id] = at
        while len(self.first_frame_at) > self.keep:
            oldest = next(iter(self.first_frame_at))
            del self.first_frame_at[oldest]
            self.played.pop(oldest, None)


class RealTimePacer:
    """Releases media at its own rate: what starts at stream time t goes out at start + t.

    Every track that plays media in real time (the outbound speech, the test and benchmark peers'
    microphones and cameras) paces itself with one of these.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        #: monotonic time of stream time 0, fixed by the first `wait_until`
        self.start: float | None = None

    async def wait_until(self, stream_time: float) -> None:
        if self.start is None:
            self.start = self._clock()
        delay = self.start + stream_time - self._clock()
        if delay > 0:
            await asyncio.sleep(delay)


class SpeechTrack(MediaStreamTrack):
    kind = "audio"

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self._clock = clock
        self._pieces: collections.deque[_Piece] = collections.deque()
        self._pts = 0
        self._pacer = RealTimePacer(clock)
        self.log = PlaybackLog()
        #: called with (answer_id, monotonic time) when an answer's first frame goes out
        self.on_first_frame: Callable[[str, float], None] | None = None
        self._idle = asyncio.Event()
        self._idle.set()

    def enqueue(self, answer_id: str, text: str, pcm48: np.ndarray) -> None:
        self._pieces.append(_Piece(answer_id, text, pcm48))
        self._idle.clear()

    def clear(self, answer_id: str | None = None) -> int:
        """Drop queued speech (of one answer, or all); returns the samples dropped."""
        keep = [p for p in self._pieces if answer_id is not None and p.answer_id != answer_id]
        dropped = sum(len(p.pcm) - p.offset for p in self._pieces if p not in keep)
        self._pieces = collections.deque(keep)
        if not self._pieces:
            self._idle.set()
        return dropped

    @property
    def speaking(self) -> bool:
        return bool(self._pieces)

    async def wait_idle(self) -> None:
        await self._idle.wait()

    async def recv(self) -> av.AudioFrame:
        if self.readyState != "live":
            raise MediaStreamError
        await self._pacer.wait_until(self._pts / OUT_RATE)
        samples = self._pull(OUT_FRAME)
        frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = OUT_RATE
        frame.pts = self._pts
        frame.time_base = fractions.Fraction(1, OUT_RATE)
        self._pts += OUT_FRAME
        return frame

    def _pull(self, n: int) -> np.ndarray:
        out = np.zeros(n, np.int16)
        filled = 0
        while filled < n and self._pieces:
            piece = self._pieces[0]
            if not piece.started:
                piece.started = True
                if piece.answer_id not in self.log.first_frame_at:
                    self.log.started(piece.answer_id, self._clock())
                    if self.on_first_frame is not None:
                        self.on_first_frame(piece.answer_id, self.log.first_frame_at[piece.answer_id])
            take = min(n - filled, len(piece.pcm) - piece.offset)
            out[filled:filled + take] = piece.pcm[piece.offset:piece.offset + take]
            piece.offset += take
            filled += take
            if piece.offset >= len(piece.pcm):
                self.log.played[piece.answer_id].append(piece.text)
                self._pieces.popleft()
        if not self._pieces:
            self._idle.set()
        return out


class ShortPacketOpusEncoder(OpusEncoder):
    """aiortc's Opus encoder (same bit rate and voice mode) with OUT_FRAME_MS packets."""

    def __init__(self) -> None:
        super().__init__()
        self.codec.options = {**self.codec.options, "frame_duration": str(OUT_FRAME_MS)}
        self.resampler = av.AudioResampler(format="s16", layout="stereo", rate=OUT_RATE, frame_size=OUT_FRAME)


def send_short_packets(pc: RTCPeerConnection, sender: RTCRtpSender) -> bool:
    """After negotiation: if `sender` sends Opus, in OUT_FRAME_MS packets. Other codecs take any frame size.

    aiortc has no option for it: the negotiated codecs and the sender's encoder are private
    attributes (server/private_api.py), so this checks they exist and otherwise leaves aiortc's 20 ms.
    """
    require_verified("aiortc", "server/speech_track.py (the sender's Opus encoder)")
    transceiver = next((t for t in pc.getTransceivers() if t.sender is sender), None)
    codecs = getattr(transceiver, "_codecs", None)
    if not codecs or codecs[0].mimeType.lower() != "audio/opus" or not hasattr(sender, "_RTCRtpSender__encoder"):
        return False
    sender._RTCRtpSender__encoder = ShortPacketOpusEncoder()
    return True


class TrackSpeaker:
    """The conversation's `Speaker` (reasoning/conversation.py): the TTS model in its worker
    thread, then this track."""

    def __init__(self, track: SpeechTrack, tts: SpeechSynthesizer | None, pool: concurrent.futures.Executor) -> None:
        self.track = track
        self._tts = tts
        self._pool = pool
        self._synthesize = metrics.timed("tts", tts.synthesize) if tts is not None else None

    @property
    def speaking(self) -> bool:
        return self.track.speaking

    async def synthesize(self, text: str) -> np.ndarray:
        pcm = await asyncio.get_running_loop().run_in_executor(self._pool, self._synthesize, text)
        return resample_pcm(pcm, self._tts.sample_rate, OUT_RATE)

    def enqueue(self, answer_id: str, text: str, audio: np.ndarray) -> None:
        self.track.enqueue(answer_id, text, audio)

    def clear(self, answer_id: str) -> int:
        return self.track.clear(answer_id)

    async def wait_idle(self) -> None:
        await self.track.wait_idle()

    def played(self, answer_id: str) -> list[str]:
        return list(self.track.log.played.get(answer_id, []))
