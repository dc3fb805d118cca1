"""FAISS and keyword indexes: id ranges as time windows, replacement, IVF past the threshold."""

from __future__ import annotations

import numpy as np

from memory.index import ClipIndex, KeywordIndex, VectorIndex
from memory.text import dedupe_texts, jaccard, stem, tokens
from tests.synthetic import HashingEmbedder


def unit(rows: int, dim: int = 32, seed: int = 0) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=(rows, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_vector_search_within_an_id_range() -> None:
    vectors = unit(100)
    index = VectorIndex(32)
    index.add(np.arange(100), vectors)
    ids, scores = index.search(vectors[42], 3)
    assert ids[0] == 42 and abs(scores[0] - 1.0) < 1e-5
    ids, _ = index.search(vectors[42], 5, id_range=(60, 70))
    assert len(ids) == 5 and all(60 <= i < 70 for i in ids)
    index.remove([42])
    assert 42 not in index.search(vectors[42], 10)[0]


def test_the_index_turns_ivf_past_its_threshold_and_stays_accurate() -> None:
    vectors = unit(3000, seed=1)
    index = VectorIndex(32, ivf_threshold=2000, nprobe=64)
    index.add(np.arange(1500), vectors[:1500])
    assert not index.is_ivf
    index.add(np.arange(1500, 3000), vectors[1500:])
    assert index.is_ivf and len(index) == 3000
    hits = sum(index.search(vectors[i], 1)[0][0] == i for i in range(0, 3000, 30))
    assert hits >= 95
    assert np.allclose(index.vectors(np.array([7, 2999])), vectors[[7, 2999]], atol=1e-6)
    ids, _ = index.search(vectors[10], 5, id_range=(2500, 2600))
    assert all(2500 <= i < 2600 for i in ids)


def test_keyword_index_replaces_and_removes_documents() -> None:
    kw = KeywordIndex()
    kw.add(0, tokens("the invoice number is 4471"))
    kw.add(1, tokens("keys in the red drawer"))
    kw.add(2, tokens("red car parked outside"))
    assert list(kw.search(tokens("red"))[0]) == [1, 2]
    assert list(kw.search(tokens("red"), id_range=(2, 3))[0]) == [2]
    kw.add(2, tokens("blue car parked outside"))
    assert list(kw.search(tokens("red"))[0]) == [1]
    kw.remove(1)
    assert len(kw.search(tokens("red"))[0]) == 0
    seqs, scores = kw.search(tokens("invoice 4471 car"))
    assert list(seqs) == [0, 2] and scores[0] > scores[1] > 0
    assert kw.score(tokens("invoice"), tokens("another invoice")) > 0


def test_clip_index_maps_time_windows_to_id_ranges() -> None:
    emb = HashingEmbedder(64)
    index = ClipIndex(64)
    texts = ["invoice 4471", "keys in drawer", "music playing", "wifi code", "milk and eggs"]
    for seq, text in enumerate(texts):
        index.upsert(seq, seq * 10.0, seq * 10.0 + 10.0, emb.embed([text])[0], tokens(text), 1 + seq % 2)
    assert index.id_range(15.0, 32.0) == (1, 4)
    assert list(index.ends_of((0, 5), 2, first=True)) == [0, 1]
    assert list(index.ends_of((0, 5), 2, first=False, flags=2)) == [3, 1]
    assert list(index.ends_of((0, 5), 1, first=False, flags=4)) == [4]  # nothing has it: any clip
    assert index.id_range(None, 5.0) == (0, 1)
    assert list(index.nearest(26.0, (0, 5), n=1)) == [2, 1, 3]
    c = index.candidates(emb.embed(["wifi"])[0], tokens("wifi"), 2, (3, 5), np.array([], np.int64))
    assert 3 in c.seqs and set(c.seqs) <= {3, 4}


def test_a_seq_never_indexed_does_not_unsort_time() -> None:
    """A clip merged away before it was embedded leaves its seq empty; the window still holds."""
    emb = HashingEmbedder(64)
    index = ClipIndex(64)
    clips = {0: (0.0, 10.0), 1: (10.0, 20.0), 2: (20.0, 40.0), 4: (40.0, 50.0), 5: (50.0, 60.0), 6: (60.0, 130.0),
             13: (130.0, 140.0), 14: (140.0, 150.0)}
    for seq, (start, end) in clips.items():
        index.upsert(seq, start, end, emb.embed(["x"])[0], ["x"], 1)
    assert index.id_range(50.0, None) == (5, 15)  # not the clip that ended at 50
    assert index.id_range(None, 20.0) == (0, 2)
    assert list(index.nearest(45.0, (0, 15), n=1)) == [4, 2, 5]


def test_text_helpers() -> None:
    assert [stem(w) for w in ("keys", "putting", "glasses", "stopped", "said")] == [
        "key",
        "put",
        "glass",
        "stop",
        "say",
    ]
    assert jaccard("INVOICE 4471", "invoice 4471") == 1.0
    assert dedupe_texts(["INVOICE 4471", "INVOICE 4471 DUE", "invoice 4471", "KEYS"]) == ["INVOICE 4471 DUE", "KEYS"]
    assert dedupe_texts(["FLIGHT LH2043\nGATE B22\n\nSEAT  14C"]) == ["FLIGHT LH2043 / GATE B22 / SEAT 14C"]
