"""A real aiortc client peer for tests and benchmarks: sends recorded media, records what comes back."""
from __future__ import annotations

import asyncio
import fractions
import json
import time
import wave
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Awaitable, Callable

import av
import numpy as np
from aiortc import (
    MediaStreamTrack,
    RTCBundlePolicy,
    RTCConfiguration,
    RTCPeerConnection,
    RTCSessionDescription,
)
from aiortc.mediastreams import MediaStreamError

from perception.audio import resample_pcm
from server.speech_track import RealTimePacer

RATE = 48000
FRAME = 960


def read_wav_48k(path: Path) -> np.ndarray:
    """Any mono/stereo 16-bit WAV → 48 kHz mono int16."""
    with wave.open(str(path)) as w:
        pcm = np.frombuffer(w.readframes(w.getnframes()), np.int16)
        if w.getnchannels() == 2:
            pcm = pcm.reshape(-1, 2).mean(axis=1).astype(np.int16)
        rate = w.getframerate()
    return resample_pcm(pcm, rate, RATE)


class ScriptedAudioTrack(MediaStreamTrack):
    """Plays scheduled utterances in real time (silence between them), like a microphone would.

    `schedule` is [(start_seconds, pcm48k)]; `speech_end(i)` gives the stream time at which
    utterance i ends and `sent_at(t)` the monotonic time at which stream time t went out.
    """

    kind = "audio"

    def __init__(self, schedule: list[tuple[float, np.ndarray]], tail_s: float = 30.0) -> None:
        super().__init__()
        self.schedule = schedule
        total = max(start + len(pcm) / RATE for start, pcm in schedule) + tail_s
        self.pcm = np.zeros(int(total * RATE), np.int16)
        for start, pcm in schedule:
            i = int(start * RATE)
            self.pcm[i:i + len(pcm)] += pcm
        self.pts = 0
        self.pacer = RealTimePacer()

    def say(self, pcm: np.ndarray, after_s: float = 0.1) -> float:
        """Start speaking `pcm` shortly from now (for barge-in); returns its stream start time."""
        start = self.pts + int(after_s * RATE)
        end = start + len(pcm)
        if end > len(self.pcm):
            self.pcm = np.pad(self.pcm, (0, end - len(self.pcm) + RATE))
        self.pcm[start:end] += pcm
        self.schedule.append((start / RATE, pcm))
        return start / RATE

    def speech_end(self, index: int) -> float:
        start, pcm = self.schedule[index]
        return start + len(pcm) / RATE

    def sent_at(self, stream_time: float) -> float:
        assert self.pacer.start is not None
        return self.pacer.start + stream_time

    async def recv(self) -> av.AudioFrame:
        if self.readyState != "live":
            raise MediaStreamError
        await self.pacer.wait_until(self.pts / RATE)
        chunk = self.pcm[self.pts:self.pts + FRAME]
        if len(chunk) < FRAME:
            chunk = np.pad(chunk, (0, FRAME - len(chunk)))
        frame = av.AudioFrame.from_ndarray(chunk.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = RATE
        frame.pts = self.pts
        frame.time_base = fractions.Fraction(1, RATE)
        self.pts += FRAME
        return frame


@dataclass
class ClientPeer:
    pc: RTCPeerConnection
    session_id: str = ""
    #: the session token /offer returned: opens this session's memory and hang-up only
    session_token: str = ""
    messages: list[dict[str, Any]] = field(default_factory=list)
    #: (monotonic receive time, rms) per received 20 ms frame
    received: list[tuple[float, float]] = field(default_factory=list)
    channel: Any = None

    def first_loud_after(self, t: float, threshold: float = 0.01) -> float | None:
        return next((at for at, rms in self.received if at >= t and rms > threshold), None)

    def of_type(self, kind: str) -> list[dict[str, Any]]:
        return [m for m in self.messages if m.get("type") == kind]

    async def wait_for(self, predicate: Callable[["ClientPeer"], Any], timeout: float) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = predicate(self)
            if result:
                return result
            await asyncio.sleep(0.05)
        raise TimeoutError(f"condition not met in {timeout} s; messages: {self.messages[-10:]}")

    async def ask(self, text: str) -> None:
        """Type a question into the datachannel, as the page's text box does."""
        await self.wait_for(lambda p: p.channel.readyState == "open", timeout=10)
        self.channel.send(json.dumps({"type": "ask", "text": text}))

    async def close(self) -> None:
        await self.pc.close()


async def connect(post_offer: Callable[[dict], Awaitable[dict]], audio: MediaStreamTrack,
                  video: MediaStreamTrack | None = None) -> ClientPeer:
    """Offer mic (+ camera) and a datachannel; `post_offer` sends the JSON offer, returns the answer."""
    pc = RTCPeerConnection(RTCConfiguration(iceServers=[], bundlePolicy=RTCBundlePolicy.MAX_BUNDLE))
    peer = ClientPeer(pc)
    pc.addTransceiver(audio, direction="sendrecv")
    if video is not None:
        pc.addTransceiver(video, direction="sendonly")
    peer.channel = pc.createDataChannel("events")
    peer.channel.on("message", lambda raw: peer.messages.append(json.loads(raw)))

    @pc.on("track")
    def on_track(track) -> None:
        async def record() -> None:
            while True:
                try:
                    frame = await track.recv()
                except MediaStreamError:
                    return
                pcm = frame.to_ndarray().astype(np.float32) / 32768.0
                peer.received.append((time.monotonic(), float(np.sqrt(np.mean(pcm ** 2)))))
        asyncio.ensure_future(record())

    await pc.setLocalDescription(await pc.createOffer())
    answer = await post_offer({"sdp": pc.localDescription.sdp, "type": "offer"})
    peer.session_id = answer["session_id"]
    peer.session_token = answer.get("session_token", "")
    await pc.setRemoteDescription(RTCSessionDescription(answer["sdp"], answer["type"]))
    return peer


class SlideTrack(MediaStreamTrack):
    """A camera showing big words on coloured backgrounds, one slide every `seconds`, in real time."""

    kind = "video"

    def __init__(self, slides: list[tuple[str, str]], seconds: float = 6.0, size: tuple[int, int] = (640, 360),
                 fps: int = 10) -> None:
        super().__init__()
        from PIL import Image, ImageDraw

        from tests.synthetic import sans_font

        font = sans_font(size[1] // 7)
        self.images = []
        for text, colour in slides:
            image = Image.new("RGB", size, colour)
            ImageDraw.Draw(image).text((size[0] // 20, size[1] // 2 - size[1] // 10), text, fill="black", font=font)
            self.images.append(np.asarray(image))
        self.seconds, self.fps = seconds, fps
        self.count = 0
        self.pacer = RealTimePacer()

    def slide_at(self, t: float) -> int:
        return min(int(t / self.seconds), len(self.images) - 1)

    async def recv(self) -> av.VideoFrame:
        if self.readyState != "live":
            raise MediaStreamError
        await self.pacer.wait_until(self.count / self.fps)
        frame = av.VideoFrame.from_ndarray(self.images[self.slide_at(self.count / self.fps)], format="rgb24")
        frame.pts = self.count * (90000 // self.fps)
        frame.time_base = fractions.Fraction(1, 90000)
        self.count += 1
        return frame


class PictureTrack(MediaStreamTrack):
    """A camera or shared screen showing prepared pictures from given stream times on (the last one
    stays up), in real time: `pictures` is [(start_seconds, rgb uint8 array)], sorted by start."""

    kind = "video"

    def __init__(self, pictures: list[tuple[float, np.ndarray]], fps: float = 2.0) -> None:
        super().__init__()
        self.pictures, self.fps = pictures, fps
        self.count = 0
        self.pacer = RealTimePacer()

    def picture_at(self, t: float) -> np.ndarray:
        return next((img for start, img in reversed(self.pictures) if start <= t), self.pictures[0][1])

    async def recv(self) -> av.VideoFrame:
        if self.readyState != "live":
            raise MediaStreamError
        t = self.count / self.fps
        await self.pacer.wait_until(t)
        frame = av.VideoFrame.from_ndarray(self.picture_at(t), format="rgb24")
        frame.pts = int(t * 90000)
        frame.time_base = fractions.Fraction(1, 90000)
        self.count += 1
        return frame
