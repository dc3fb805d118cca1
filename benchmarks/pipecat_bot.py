"""A voice bot built the usual pipecat way, for the comparison benchmark (runs in its own venv).

    python pipecat_bot.py --port P --whisper DIR --voice-dir DIR [--voice en_US-joe-medium]

pipecat 1.14: SmallWebRTC transport (aiortc), faster-whisper STT service (Whisper base,
CTranslate2 int8, the service's defaults otherwise), Silero VAD + the default user-turn
strategies (smart-turn v3) in the user aggregator, a fixed one-sentence reply in place of the LLM,
and the piper TTS service with the joe voice. Signaling is pipecat's SmallWebRTC JSON
{sdp, type[, pc_id]} POSTed to /api/offer of a FastAPI app on uvicorn, as in pipecat's examples.
Loopback-only ICE through Livesight's own server/ice.py (it imports nothing but aioice).

Each turn's own breakdown is sent to the client over the datachannel as
{"type": "latency", "transcript_s", "first_audio_s"} — seconds since the VAD's end of speech
(the VADUserStoppedSpeakingFrame time minus its stop_secs), like Livesight's trace.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from server.ice import restrict_ice_to_loopback  # noqa: E402 - only aioice, present in pipecat's venv

restrict_ice_to_loopback()

import uvicorn  # noqa: E402
from fastapi import FastAPI, Request  # noqa: E402
from loguru import logger  # noqa: E402
from pipecat.audio.vad.silero import SileroVADAnalyzer  # noqa: E402
from pipecat.frames.frames import (  # noqa: E402
    Frame,
    LLMContextFrame,
    LLMFullResponseEndFrame,
    LLMFullResponseStartFrame,
    LLMTextFrame,
    OutputTransportMessageUrgentFrame,
    TranscriptionFrame,
    TTSAudioRawFrame,
    VADUserStoppedSpeakingFrame,
)
from pipecat.pipeline.pipeline import Pipeline  # noqa: E402
from pipecat.pipeline.runner import PipelineRunner  # noqa: E402
from pipecat.pipeline.task import PipelineParams, PipelineTask  # noqa: E402
from pipecat.processors.aggregators.llm_context import LLMContext  # noqa: E402
from pipecat.processors.aggregators.llm_response_universal import (  # noqa: E402
    LLMContextAggregatorPair,
    LLMUserAggregatorParams,
)
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor  # noqa: E402
from pipecat.services.piper.tts import PiperTTSService  # noqa: E402
from pipecat.services.whisper.stt import WhisperSTTService  # noqa: E402
from pipecat.transports.base_transport import TransportParams  # noqa: E402
from pipecat.transports.smallwebrtc.connection import SmallWebRTCConnection  # noqa: E402
from pipecat.transports.smallwebrtc.request_handler import (  # noqa: E402
    SmallWebRTCRequest,
    SmallWebRTCRequestHandler,
)
from pipecat.transports.smallwebrtc.transport import SmallWebRTCTransport  # noqa: E402

REPLY = "Yes, I can hear you."


class FixedReply(FrameProcessor):
    """Stands where the LLM service would: every user turn gets the same short sentence."""

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if isinstance(frame, LLMContextFrame):
            await self.push_frame(LLMFullResponseStartFrame())
            await self.push_frame(LLMTextFrame(REPLY))
            await self.push_frame(LLMFullResponseEndFrame())
        else:
            await self.push_frame(frame, direction)


class Trace:
    """Monotonic marks shared by the probes; one turn at a time."""

    def __init__(self) -> None:
        self.speech_end: float | None = None
        self.transcript: float | None = None
        self.sent = True


class EarProbe(FrameProcessor):
    """Between STT and the user aggregator: sees the VAD's stop (broadcast upstream) and the transcript."""

    def __init__(self, trace: Trace) -> None:
        super().__init__()
        self.trace = trace

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        now = time.monotonic()
        if isinstance(frame, VADUserStoppedSpeakingFrame) and direction == FrameDirection.UPSTREAM:
            self.trace.speech_end = now - float(getattr(frame, "stop_secs", 0.0) or 0.0)
            self.trace.transcript = None
            self.trace.sent = False
        elif isinstance(frame, TranscriptionFrame) and self.trace.transcript is None:
            self.trace.transcript = now
            await self.push_frame(OutputTransportMessageUrgentFrame(message={"type": "transcript", "text": frame.text}))
        await self.push_frame(frame, direction)


class MouthProbe(FrameProcessor):
    """After TTS: the first audio of the reply closes the turn's trace."""

    def __init__(self, trace: Trace) -> None:
        super().__init__()
        self.trace = trace

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        await self.push_frame(frame, direction)
        t = self.trace
        if isinstance(frame, TTSAudioRawFrame) and not t.sent and t.speech_end is not None:
            t.sent = True
            now = time.monotonic()
            message = {"type": "latency",
                       "transcript_s": None if t.transcript is None else round(t.transcript - t.speech_end, 3),
                       "first_token_s": None if t.transcript is None else round(t.transcript - t.speech_end, 3),
                       "first_audio_s": round(now - t.speech_end, 3)}
            logger.info(f"turn trace {message}")
            await self.push_frame(OutputTransportMessageUrgentFrame(message=message))


async def run_bot(connection: SmallWebRTCConnection, args: argparse.Namespace) -> None:
    transport = SmallWebRTCTransport(
        webrtc_connection=connection,
        params=TransportParams(audio_in_enabled=True, audio_out_enabled=True),
    )
    stt = WhisperSTTService(
        device="cpu", compute_type=args.compute_type,
        settings=WhisperSTTService.Settings(model=args.whisper),
    )
    tts = PiperTTSService(download_dir=Path(args.voice_dir), settings=PiperTTSService.Settings(voice=args.voice))
    context = LLMContext()
    user_aggregator, assistant_aggregator = LLMContextAggregatorPair(
        context, user_params=LLMUserAggregatorParams(vad_analyzer=SileroVADAnalyzer()))
    trace = Trace()
    pipeline = Pipeline([
        transport.input(),
        stt,
        EarProbe(trace),
        user_aggregator,
        FixedReply(),
        tts,
        MouthProbe(trace),
        transport.output(),
        assistant_aggregator,
    ])
    task = PipelineTask(pipeline, params=PipelineParams(enable_metrics=True))

    @transport.event_handler("on_client_disconnected")
    async def on_client_disconnected(_transport, _client) -> None:
        await task.cancel()

    await PipelineRunner(handle_sigint=False).run(task)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--whisper", required=True, help="CTranslate2 Whisper model directory")
    parser.add_argument("--voice-dir", required=True, help="directory holding VOICE.onnx and VOICE.onnx.json")
    parser.add_argument("--voice", default="en_US-joe-medium")
    parser.add_argument("--compute-type", default="int8")
    args = parser.parse_args()

    handler = SmallWebRTCRequestHandler()
    bots: set[asyncio.Task] = set()

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI):
        yield
        for task in list(bots):
            task.cancel()
        await handler.close()

    app = FastAPI(lifespan=lifespan)

    @app.post("/api/offer")
    async def offer(request: Request) -> dict:
        body = await request.json()
        req = SmallWebRTCRequest(sdp=body["sdp"], type=body["type"], pc_id=body.get("pc_id"))

        async def on_connection(connection: SmallWebRTCConnection) -> None:
            task = asyncio.create_task(run_bot(connection, args))
            bots.add(task)
            task.add_done_callback(bots.discard)

        return await handler.handle_web_request(req, on_connection)

    @app.get("/healthz")
    async def health() -> dict:
        return {"ok": True}

    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
