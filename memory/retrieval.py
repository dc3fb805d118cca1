"""Hybrid ranking: dense cosine + BM25 keywords + what the question asks about + when.

Weighted sum rather than RRF: the time preference has to be combined with the content
scores on one scale, and RRF throws the magnitudes away.
"""

from __future__ import annotations

import numpy as np

from memory.index import Candidates, ClipIndex
from memory.query import has_content, modality
from memory.text import tokens
from memory.timeq import TimeFocus

KEYWORD_WEIGHT = 0.35
MODALITY_WEIGHT = 0.15
#: image–text cosines (CLIP/SigLIP) run lower than text–text ones
IMAGE_WEIGHT = 1.0
#: clips this close to the best relevance count as "equally relevant" for first/last
ORDER_MARGIN = 0.1
ORDER_BONUS = 0.3


def rank(c: Candidates, focus: TimeFocus, flags: int, k: int, content: bool = True) -> list[tuple[int, float]]:
    """(position in `c`, score) of the best k candidates, best first. Without `content` the
    similarity scores are noise, so only the kind of moment, its time and order count."""
    if not len(c):
        return []
    relevance = np.zeros(len(c))
    if content:
        top_kw = c.keyword.max()
        relevance = c.cosine + KEYWORD_WEIGHT * (c.keyword / top_kw if top_kw > 0 else 0.0) + IMAGE_WEIGHT * c.image
    if flags:
        relevance = relevance + MODALITY_WEIGHT * ((c.flags & flags) != 0)
    score = relevance.astype(np.float64)
    if focus.anchor is not None and focus.strength:
        distance = np.maximum(np.maximum(c.starts - focus.anchor, focus.anchor - c.ends), 0.0)
        score = score + focus.strength * np.exp(-0.5 * (distance / focus.sigma) ** 2)
    if focus.order is not None:
        tier = np.flatnonzero(relevance >= relevance.max() - ORDER_MARGIN)
        tier = tier[np.argsort(c.starts[tier], kind="stable")]
        if focus.order == "last":
            tier = tier[::-1]
        score[tier] += ORDER_BONUS * (1 - np.arange(len(tier)) / len(tier))
    best = np.argsort(-score, kind="stable")[:k]
    return [(int(i), float(score[i])) for i in best]


def search_index(
    index: ClipIndex,
    text: str,
    query: np.ndarray,
    focus: TimeFocus,
    k: int,
    breadth: int = 48,
    image_query: np.ndarray | None = None,
    extra: Candidates | None = None,
) -> list[tuple[int, float]]:
    """(seq, score) of the k best clips for a question `text` (time phrase removed) embedded as
    `query`; `extra` adds clips that are not in the index (seq -1: the still-open clip)."""
    flags, qtokens = modality(text), tokens(text)
    id_range = None
    if focus.lo is not None or focus.hi is not None:
        id_range = index.id_range(focus.lo, focus.hi)
        if not len(index.live_in(id_range)):
            id_range = None  # nothing then: look everywhere, the anchor still weighs
    bounds = id_range or index.id_range(None, None)
    near = [np.zeros(0, np.int64)]
    if focus.anchor is not None:
        near.append(index.nearest(focus.anchor, bounds))
    if focus.order is not None:
        near.append(index.ends_of(bounds, 16, focus.order == "first", flags))
    cands = index.candidates(query, qtokens, max(breadth, 4 * k), id_range, np.concatenate(near), image_query)
    if (
        extra is not None
        and (focus.lo is None or extra.ends[0] > focus.lo)
        and (focus.hi is None or extra.starts[0] < focus.hi)
    ):
        cands = cands.plus(extra)
    return [(int(cands.seqs[i]), score) for i, score in rank(cands, focus, flags, k, has_content(qtokens))]
