"""Where short-term clips are cut: at a scene change of any video source, or at a maximum length."""

from __future__ import annotations

from collections.abc import Callable

from memory.records import SyncWindow
from memory.text import jaccard, token_set
from perception.events import FrameFeatures

FrameDistance = Callable[[FrameFeatures, FrameFeatures], float]

#: perception.vision.scene_change above this starts a new clip (its scale: sensor noise ~0.02,
#: a shaken camera ~0.15, a scrolled page ~0.4, another scene ~1)
SCENE_THRESHOLD = 0.35


def text_changed(a: str, b: str) -> bool:
    """On-screen text replaced by other text (a new slide, page, window), robust to OCR jitter."""
    ta, tb = token_set(a), token_set(b)
    return len(ta | tb) >= 3 and jaccard(ta, tb) < 0.3


class ClipCutter:
    """Consumes finalised sync windows in order and says where a clip ends.

    Each source's first frame in the clip is its reference; a later frame far enough from it
    (or with different text) starts a new clip, so slow drift is caught as well as jumps.
    """

    def __init__(
        self, distance: FrameDistance, threshold: float, min_length: float = 2.0, max_length: float = 10.0
    ) -> None:
        self._distance = distance
        self._threshold = threshold
        self._min = min_length
        self._max = max_length
        self.start: float | None = None
        self._ref: dict[str, FrameFeatures] = {}

    def push(self, window: SyncWindow) -> float | None:
        """Returns the start of the clip that `window` closes, or None (the clip goes on)."""
        if self.start is None:
            self._open(window)
            return None
        length = window.start - self.start
        if length >= self._max or (length >= self._min and any(self._changed(f) for f in window.frames)):
            closed = self.start
            self._open(window)
            return closed
        for f in window.frames:
            self._ref.setdefault(f.source, f)
        return None

    def close(self) -> float | None:
        """The start of the open clip (which the caller ends), leaving the cutter empty."""
        start, self.start, self._ref = self.start, None, {}
        return start

    def _open(self, window: SyncWindow) -> None:
        self.start = window.start
        self._ref = {f.source: f for f in window.frames}

    def _changed(self, frame: FrameFeatures) -> bool:
        ref = self._ref.get(frame.source)
        if ref is None or ref.t == frame.t:
            return False
        return self._distance(ref, frame) > self._threshold or text_changed(ref.text, frame.text)
