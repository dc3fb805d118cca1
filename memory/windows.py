"""Audio-visual synchronisation windows as pure functions of stream time.

Given the events (frames per source, utterances, sound spans) and a time range, the windows
are fully determined, so the live path can recompute them when a late transcript arrives and
the tests need no clock.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence

from memory.records import Detail, SoundSpan, SyncWindow
from memory.text import dedupe_texts
from perception.events import FrameFeatures, Transcript

STEP = 0.5
SPAN = 5.0


def word_times(t: Transcript) -> list[tuple[float, str]]:
    """Each word at the midpoint of its share of the utterance: ASR gives no word timings here,
    so the words are spread evenly over the utterance's span."""
    ws = t.text.split()
    if not ws:
        return []
    share = max(t.end - t.start, 0.0) / len(ws)
    return [(t.start + (i + 0.5) * share, w) for i, w in enumerate(ws)]


def build_windows(
    frames: Mapping[str, Sequence[FrameFeatures]],
    utterances: Iterable[Transcript],
    sounds: Iterable[SoundSpan],
    start: float,
    end: float,
    step: float = STEP,
    stale: float = 3.0,
) -> list[SyncWindow]:
    """Windows of `step` seconds covering [start, end) (both multiples of `step`).

    `frames` are sorted by time per source; a frame counts as seen in a window if it is the
    latest of its source before the window ends and at most `stale` seconds old.
    """
    i0, i1 = round(start / step), round(end / step)
    n = i1 - i0
    if n <= 0:
        return []
    words: list[list[str]] = [[] for _ in range(n)]
    for u in utterances:
        if u.end < start or u.start >= end:
            continue
        for t, w in word_times(u):
            i = math.floor(t / step) - i0
            if 0 <= i < n:
                words[i].append(w)
    tags: list[set[str]] = [set() for _ in range(n)]
    for s in sounds:
        lo = max(math.floor(s.start / step) - i0, 0)
        hi = min(max(math.ceil(s.end / step), math.floor(s.start / step) + 1) - i0, n)
        for i in range(lo, hi):
            tags[i].add(s.label)
    out = []
    for k in range(n):
        a, b = (i0 + k) * step, (i0 + k + 1) * step
        seen = []
        for source in sorted(frames):
            fs = frames[source]
            j = bisect_left(fs, b, key=lambda f: f.t) - 1
            if j >= 0 and b - fs[j].t <= stale:
                seen.append(fs[j])
        out.append(SyncWindow(a, b, tuple(seen), tuple(words[k]), tuple(sorted(tags[k]))))
    return out


def aggregate(windows: Sequence[SyncWindow], span: float = SPAN) -> list[Detail]:
    """Coarser resolution: windows grouped on absolute `span`-second boundaries."""
    groups: dict[int, list[SyncWindow]] = {}
    for w in windows:
        groups.setdefault(math.floor(w.start / span + 1e-9), []).append(w)
    out = []
    for ws in groups.values():
        by_source: dict[str, list[str]] = {}
        for w in ws:
            for f in w.frames:
                by_source.setdefault(f.source, []).append(f.text)
        seen = tuple((src, text) for src in sorted(by_source) for text in dedupe_texts(by_source[src]))
        out.append(
            Detail(
                start=ws[0].start,
                end=ws[-1].end,
                said=" ".join(word for w in ws for word in w.words),
                seen=seen,
                sound_tags=tuple(sorted({t for w in ws for t in w.sound_tags})),
            )
        )
    return out
