"""Retrieval indexes over clips, keyed by clip sequence number.

Sequence numbers grow with stream time, so a time window is a contiguous id range: FAISS
searches it with an `IDSelectorRange`, the keyword index with a mask. Exact inner product
(IndexFlatIP) serves a session of a day (~10–20k clips) in a few ms; past `ivf_threshold`
vectors the index is rebuilt as IVF so that a million clips stay within tens of ms.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import faiss
import numpy as np

#: a time window with at most this many clips is scored exhaustively (every clip a candidate);
#: wider ones go through the index (exact for Flat; IVF then needs the larger limit not to miss)
SMALL_WINDOW = 256
EXACT_LIMIT = 2048


class _Column:
    """A growable numpy column indexed by seq."""

    def __init__(self, dtype: type, fill: float | int) -> None:
        self._data = np.full(1024, fill, dtype)
        self._fill = fill

    def __setitem__(self, seq: int | np.ndarray, value: object) -> None:
        top = int(np.max(seq)) if isinstance(seq, np.ndarray) else seq
        if top >= len(self._data):
            grown = np.full(max(2 * len(self._data), top + 1), self._fill, self._data.dtype)
            grown[: len(self._data)] = self._data
            self._data = grown
        self._data[seq] = value

    def __getitem__(self, key: int | slice | np.ndarray) -> np.ndarray:
        return self._data[key]

    def get(self, seq: int) -> float | int:
        return self._data[seq] if seq < len(self._data) else self._fill

    def view(self, n: int) -> np.ndarray:
        return self._data[:n]


class VectorIndex:
    """Inner-product index over L2-normalised vectors with int64 ids (the clip seqs)."""

    def __init__(self, dim: int, ivf_threshold: int = 200_000, nprobe: int = 32) -> None:
        self.dim = dim
        self._ivf_threshold = ivf_threshold
        self._nprobe = nprobe
        self._index: faiss.Index = faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
        self.is_ivf = False

    def __len__(self) -> int:
        return self._index.ntotal

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        ids = np.ascontiguousarray(ids, np.int64)
        vectors = np.ascontiguousarray(vectors, np.float32).reshape(len(ids), self.dim)
        if not self.is_ivf and len(self) + len(ids) > self._ivf_threshold:
            self._to_ivf(ids, vectors)
        else:
            self._index.add_with_ids(vectors, ids)

    def remove(self, ids: Iterable[int]) -> None:
        self._index.remove_ids(np.fromiter(ids, np.int64))

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        if len(ids) == 0:
            return np.zeros((0, self.dim), np.float32)
        return self._index.reconstruct_batch(np.ascontiguousarray(ids, np.int64))

    def search(
        self, query: np.ndarray, k: int, id_range: tuple[int, int] | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Top-k (ids, scores), ids within [lo, hi) when a range is given."""
        if len(self) == 0:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        q = np.ascontiguousarray(query, np.float32).reshape(1, self.dim)
        params = None
        if id_range is not None or self.is_ivf:
            sel = faiss.IDSelectorRange(*id_range) if id_range is not None else None
            params = (
                faiss.SearchParametersIVF(sel=sel, nprobe=self._nprobe)
                if self.is_ivf
                else faiss.SearchParameters(sel=sel)
            )
        # One query gains nothing from OpenMP threads, and on a busy two-core box their barriers
        # cost 10-50x (measured 35 ms vs 1 ms at 11k clips). faiss bundles its own libgomp and
        # this setting is per calling thread, so nothing else is affected.
        threads = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(1)
        try:
            scores, ids = self._index.search(q, min(k, len(self)), params=params)
        finally:
            faiss.omp_set_num_threads(threads)
        keep = ids[0] >= 0
        return ids[0][keep], scores[0][keep]

    def _to_ivf(self, new_ids: np.ndarray, new_vectors: np.ndarray) -> None:
        """Rebuild as IVF-Flat; the inverted lists hold the vectors, so nothing is stored twice."""
        if len(self):
            flat = faiss.downcast_index(self._index.index)
            old = faiss.rev_swig_ptr(flat.get_xb(), len(self) * self.dim).reshape(len(self), self.dim).copy()
            ids = np.concatenate([faiss.vector_to_array(self._index.id_map).astype(np.int64), new_ids])
            vectors = np.concatenate([old, new_vectors])
        else:
            ids, vectors = new_ids, new_vectors
        nlist = int(min(4096, max(64, 2 * math.sqrt(len(ids)))))
        quantizer = faiss.IndexFlatIP(self.dim)
        index = faiss.IndexIVFFlat(quantizer, self.dim, nlist, faiss.METRIC_INNER_PRODUCT)
        index.cp.niter = 10
        rng = np.random.default_rng(0)
        sample = vectors[rng.choice(len(vectors), min(len(vectors), 64 * nlist), replace=False)]
        index.train(sample)
        index.set_direct_map_type(faiss.DirectMap.Hashtable)
        index.add_with_ids(vectors, ids)
        self._index = index
        self.is_ivf = True


class KeywordIndex:
    """BM25 over clip tokens. Postings carry the generation of the clip they were written for,
    so replacing or deleting a clip just bumps its generation (stale postings are masked)."""

    K1, B = 1.2, 0.75

    def __init__(self) -> None:
        self._postings: dict[str, tuple[array, array, array]] = {}
        self._gen = _Column(np.int32, 0)
        self._live = _Column(np.bool_, False)
        self._length = _Column(np.float32, 0.0)
        self._docs = 0
        self._total_length = 0.0

    def add(self, seq: int, tokens: Sequence[str]) -> None:
        self.remove(seq)
        gen = int(self._gen.get(seq)) + 1
        self._gen[seq], self._live[seq], self._length[seq] = gen, True, len(tokens)
        self._docs += 1
        self._total_length += len(tokens)
        for token, tf in Counter(tokens).items():
            seqs, gens, tfs = self._postings.setdefault(token, (array("q"), array("i"), array("f")))
            seqs.append(seq)
            gens.append(gen)
            tfs.append(tf)

    def add_many(self, seqs: np.ndarray, token_lists: Sequence[Sequence[str]]) -> None:
        for seq, toks in zip(seqs.tolist(), token_lists):
            self.add(seq, toks)

    def remove(self, seq: int) -> None:
        if self._live.get(seq):
            self._live[seq] = False
            self._docs -= 1
            self._total_length -= float(self._length[seq])

    def idf(self, token: str) -> tuple[float, np.ndarray, np.ndarray] | None:
        """(idf, live seqs, their tf) of a token, or None if it occurs nowhere."""
        posting = self._postings.get(token)
        if posting is None:
            return None
        seqs = np.frombuffer(posting[0], np.int64)
        gens = np.frombuffer(posting[1], np.int32)
        live = self._live[seqs] & (self._gen[seqs] == gens)
        if not live.any():
            return None
        df = int(live.sum())
        idf = math.log(1 + (self._docs - df + 0.5) / (df + 0.5))
        return idf, seqs[live].copy(), np.frombuffer(posting[2], np.float32)[live].copy()

    def search(self, query: Sequence[str], id_range: tuple[int, int] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(seqs ascending, BM25 scores) of every clip matching a query token (within the range)."""
        empty = (np.zeros(0, np.int64), np.zeros(0, np.float64))
        if not self._docs:
            return empty
        avg = self._total_length / self._docs
        all_seqs, all_scores = [], []
        for token in set(query):
            found = self.idf(token)
            if found is None:
                continue
            idf, seqs, tf = found
            if id_range is not None:
                inside = (seqs >= id_range[0]) & (seqs < id_range[1])
                seqs, tf = seqs[inside], tf[inside]
            norm = self.K1 * (1 - self.B + self.B * self._length[seqs] / avg)
            all_seqs.append(seqs)
            all_scores.append(idf * tf * (self.K1 + 1) / (tf + norm))
        if not all_seqs:
            return empty
        uniq, inverse = np.unique(np.concatenate(all_seqs), return_inverse=True)
        return uniq, np.bincount(inverse, weights=np.concatenate(all_scores))

    def score(self, query: Sequence[str], doc: Sequence[str]) -> float:
        """BM25 of one document that is not in the index (the still-open clip)."""
        if not self._docs or not doc:
            return 0.0
        avg = self._total_length / self._docs
        counts = Counter(doc)
        total = 0.0
        for token in set(query):
            if token in counts:
                found = self.idf(token)
                idf = found[0] if found else math.log(1 + (self._docs + 0.5) / 0.5)
                tf = counts[token]
                total += idf * tf * (self.K1 + 1) / (tf + self.K1 * (1 - self.B + self.B * len(doc) / avg))
        return total


#: clip content flags, for questions about what was said vs. what was shown
SPEECH, SCREEN, CAMERA = 1, 2, 4


@dataclass(frozen=True)
class Candidates:
    """Clips being ranked, as parallel arrays: where each is in time and how well it matches."""

    seqs: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    cosine: np.ndarray
    keyword: np.ndarray
    flags: np.ndarray
    #: cosine of the question's image-space embedding with the clip's frames (0 without)
    image: np.ndarray

    def __len__(self) -> int:
        return len(self.seqs)

    def arrays(self) -> tuple[np.ndarray, ...]:
        return (self.seqs, self.starts, self.ends, self.cosine, self.keyword, self.flags, self.image)

    def plus(self, other: Candidates) -> Candidates:
        return Candidates(*(np.concatenate([a, b]) for a, b in zip(self.arrays(), other.arrays())))


class ClipIndex:
    """Everything retrieval needs about a session's clips, without the clips themselves."""

    def __init__(self, dim: int, ivf_threshold: int = 200_000) -> None:
        self.text = VectorIndex(dim, ivf_threshold)
        self.image: VectorIndex | None = None
        self.keywords = KeywordIndex()
        self._ivf_threshold = ivf_threshold
        self._starts = _Column(np.float64, np.inf)
        self._ends = _Column(np.float64, np.inf)
        self._alive = _Column(np.bool_, False)
        self._flags = _Column(np.uint8, 0)
        self._has_image = _Column(np.bool_, False)
        self._top = 0  # one past the highest seq ever added

    def __len__(self) -> int:
        return len(self.text)

    def upsert(
        self,
        seq: int,
        start: float,
        end: float,
        vector: np.ndarray,
        tokens: Sequence[str],
        flags: int,
        image_vector: np.ndarray | None = None,
    ) -> None:
        if self._alive.get(seq):
            self.remove(seq)
        self._starts[seq], self._ends[seq], self._flags[seq], self._alive[seq] = start, end, flags, True
        self._top = max(self._top, seq + 1)
        ids = np.array([seq], np.int64)
        self.text.add(ids, vector)
        self.keywords.add(seq, tokens)
        if image_vector is not None:
            self.add_images(ids, np.asarray(image_vector, np.float32).reshape(1, -1))

    def add_many(
        self,
        seqs: np.ndarray,
        starts: np.ndarray,
        ends: np.ndarray,
        vectors: np.ndarray,
        token_lists: Sequence[Sequence[str]],
        flags: np.ndarray,
    ) -> None:
        """Bulk load (a session read back from the store, or a benchmark), seqs ascending."""
        if len(seqs) == 0:
            return
        self._starts[seqs], self._ends[seqs], self._flags[seqs], self._alive[seqs] = starts, ends, flags, True
        self._top = max(self._top, int(seqs.max()) + 1)
        self.text.add(seqs, vectors)
        self.keywords.add_many(seqs, token_lists)

    def add_images(self, seqs: np.ndarray, vectors: np.ndarray) -> None:
        """Image embeddings of clips already added (a second index: another vector space)."""
        if len(seqs) == 0:
            return
        if self.image is None:
            self.image = VectorIndex(vectors.shape[1], self._ivf_threshold)
        self.image.add(seqs, vectors)
        self._has_image[seqs] = True

    def remove(self, seq: int) -> None:
        self._alive[seq] = False
        self.text.remove([seq])
        if self._has_image.get(seq):
            self.image.remove([seq])
            self._has_image[seq] = False
        self.keywords.remove(seq)

    def id_range(self, lo: float | None, hi: float | None) -> tuple[int, int]:
        """Seqs of clips overlapping [lo, hi] (all without bounds). Live clips never overlap, so
        their starts and ends are sorted by seq; a seq never indexed (its clip merged away before
        it was embedded) or removed holds no time to sort by, so only live seqs are searched."""
        n = self._top
        if lo is None and hi is None:
            return 0, n
        live = np.flatnonzero(self._alive.view(n))
        a = b = n
        if lo is not None:
            i = int(np.searchsorted(self._ends[live], lo, side="right"))
            a = int(live[i]) if i < len(live) else n
        if hi is not None:
            j = int(np.searchsorted(self._starts[live], hi, side="left"))
            b = int(live[j - 1]) + 1 if j > 0 else 0
        return (a if lo is not None else 0), max(a if lo is not None else 0, b)

    def live_in(self, id_range: tuple[int, int]) -> np.ndarray:
        a, b = id_range
        return a + np.flatnonzero(self._alive[a:b])

    def nearest(self, t: float, id_range: tuple[int, int], n: int = 3) -> np.ndarray:
        """Live seqs around time t (the clip containing it and its neighbours)."""
        a, b = id_range
        live = a + np.flatnonzero(self._alive[a:b])  # only live seqs hold times in order (see id_range)
        centre = int(np.searchsorted(self._ends[live], t, side="left"))
        around = np.arange(max(0, centre - n), min(len(live), centre + n + 1))
        return live[around[np.argsort(np.abs(around - centre), kind="stable")]]

    def ends_of(self, id_range: tuple[int, int], n: int, first: bool, flags: int = 0) -> np.ndarray:
        """The first (or last) n live seqs in a range with any of `flags` (any live seqs when none
        has them), scanning in from that end so a million clips cost no more than a few."""
        found = self._scan(id_range, n, first, flags)
        return found if len(found) or not flags else self._scan(id_range, n, first, 0)

    def _scan(self, id_range: tuple[int, int], n: int, first: bool, flags: int, chunk: int = 1024) -> np.ndarray:
        a, b = id_range
        spans = [(lo, min(lo + chunk, b)) for lo in range(a, b, chunk)]
        picked, count = [], 0
        for lo, hi in spans if first else reversed(spans):
            mask = self._alive[lo:hi]
            if flags:
                mask = mask & ((self._flags[lo:hi] & flags) != 0)
            seqs = lo + np.flatnonzero(mask)
            picked.append(seqs if first else seqs[::-1])
            count += len(seqs)
            if count >= n:
                break
        return np.concatenate(picked)[:n] if picked else np.zeros(0, np.int64)

    def candidates(
        self,
        query: np.ndarray,
        tokens: Sequence[str],
        k: int,
        id_range: tuple[int, int] | None,
        extra: np.ndarray,
        image_query: np.ndarray | None = None,
    ) -> Candidates:
        """Union of the dense top-k (text and image), the keyword top-k and `extra` seqs, scored.

        A narrow time window is scored exhaustively, so a weak but well-timed clip still counts.
        """
        in_range = self.live_in(id_range) if id_range is not None else None
        exhaustive = in_range is not None and len(in_range) <= (EXACT_LIMIT if self.text.is_ivf else SMALL_WINDOW)
        dense_ids = in_range if exhaustive else self.text.search(query, k, id_range)[0]
        use_images = image_query is not None and self.image is not None and len(self.image) > 0
        image_ids = self.image.search(image_query, k, id_range)[0] if use_images and not exhaustive else []
        kw_seqs, kw_scores = self.keywords.search(tokens, id_range)
        kw_top = kw_seqs[np.argsort(-kw_scores, kind="stable")[:k]]
        ids = np.unique(np.concatenate([dense_ids, kw_top, extra.astype(np.int64), np.asarray(image_ids, np.int64)]))
        ids = ids[self._alive[ids]] if len(ids) else ids
        image = np.zeros(len(ids), np.float32)
        if use_images:
            has = self._has_image[ids]
            image[has] = self.image.vectors(ids[has]) @ np.asarray(image_query, np.float32).ravel()
        at = np.minimum(np.searchsorted(kw_seqs, ids), max(len(kw_seqs) - 1, 0))
        keyword = np.where(kw_seqs[at] == ids, kw_scores[at], 0.0) if len(kw_seqs) else np.zeros(len(ids))
        return Candidates(
            seqs=ids,
            starts=self._starts[ids],
            ends=self._ends[ids],
            cosine=self.text.vectors(ids) @ np.asarray(query, np.float32).ravel(),
            keyword=keyword,
            flags=self._flags[ids],
            image=image,
        )
