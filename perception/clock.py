"""Stream time that cannot outrun the wall clock.

Stream time comes from the peer: RTP timestamps for video, the number of samples sent for audio.
A forged source could claim hours in seconds (video timestamps jumping 6 h per frame made a 25 s
session claim 30 h, with clips at 6 h, 12 h …, and stalled the event loop filling the gaps). Per
source, stream time may run at most `AHEAD_MARGIN_S` ahead of the wall time since the source
started; a jump beyond that, or back in time, is re-anchored so the source continues from there.
"""
from __future__ import annotations

import time
from typing import Callable

#: how far a source's stream time may run ahead of the wall clock (network bursts, clock drift)
AHEAD_MARGIN_S = 1.0


class WallClamp:
    """Per source: `latest()` is the furthest stream time allowed now; `settle(t)` maps the
    source's own times onto a monotonic stream time within that bound."""

    def __init__(self, start: float, margin_s: float = AHEAD_MARGIN_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._start = start
        self._margin_s = margin_s
        self._clock = clock
        self._wall0 = clock()
        self._offset = 0.0
        self._last = start
        #: how often the source's time was re-anchored (forged or restarted timestamps)
        self.corrections = 0

    def latest(self) -> float:
        return self._start + self._clock() - self._wall0 + self._margin_s

    def settle(self, t: float) -> float:
        settled = t + self._offset
        bound = min(max(settled, self._last), self.latest())
        if bound != settled:
            self._offset += bound - settled
            self.corrections += 1
        self._last = bound
        return bound
