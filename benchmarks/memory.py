"""Memory benchmark: retrieval latency at 1 h / 24 h / 1M clips, ingest cost, bytes on disk.

    python -m benchmarks.memory [--quick] [--out DIR]

Retrieval runs on synthetic vectors (topic clusters + noise, ~1 clip per 7.5 s) with the real
index, keyword and time-expression code; the session-level number adds the question's hashing
embedding and evidence building. Ingest feeds a SessionMemory with camera 2 fps + screen 1 fps
+ speech through the real MiniLM embedder and the embedded store, and reports CPU per stream
second, the longest add_* call (the event loop's stall) and bytes per hour on disk.
Exit status 1 (after writing the report) when a target is missed.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import importlib.util
import json
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from memory import MemoryService, MiniLMEmbedder
from memory.index import ClipIndex
from memory.records import Clip, clip_id
from memory.retrieval import search_index
from memory.sqlite_store import SqliteStore
from memory.timeq import parse_time
from perception.events import SoundEvent, Transcript
from perception.vision import cheap_features
from tests.synthetic import HashingEmbedder, at, features, frame, render

DIM = 384
CLIP_SECONDS = (5.0, 10.0)
TARGETS_MS = {"24h": 10.0, "1M": 50.0}
TARGET_MB_PER_HOUR = 30.0
TIME_PHRASES = [
    "",
    "",
    " two minutes ago",
    " at the start",
    " just now",
    " at 00:42:10",
    " the first time",
    " in the last 5 minutes",
    " ten minutes ago",
]


def _unit(x: np.ndarray) -> np.ndarray:
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


@dataclasses.dataclass
class Corpus:
    """A synthetic memory: clip spans, vectors around topics, topic words plus common words."""

    starts: np.ndarray
    ends: np.ndarray
    topics: np.ndarray
    vectors: np.ndarray
    words: list[list[str]]
    flags: np.ndarray
    centroids: np.ndarray

    @property
    def duration(self) -> float:
        return float(self.ends[-1])


def corpus(n: int, seed: int = 0) -> Corpus:
    rng = np.random.default_rng(seed)
    centroids = _unit(rng.standard_normal((1024, DIM), dtype=np.float32))
    topics = rng.integers(0, len(centroids), n)
    vectors = np.empty((n, DIM), np.float32)
    for lo in range(0, n, 100_000):  # in slices: 1M × 384 noise at once would double peak memory
        hi = min(n, lo + 100_000)
        noise = rng.standard_normal((hi - lo, DIM), dtype=np.float32) * (0.9 / np.sqrt(DIM))
        vectors[lo:hi] = _unit(centroids[topics[lo:hi]] + noise)
    lengths = rng.uniform(*CLIP_SECONDS, n)
    ends = np.cumsum(lengths)
    common = rng.zipf(1.3, (n, 6)) % 20_000
    words = [[f"topic{t}", f"topic{t}x"] + [f"w{c}" for c in row] for t, row in zip(topics.tolist(), common.tolist())]
    return Corpus(ends - lengths, ends, topics, vectors, words, rng.integers(1, 8, n).astype(np.uint8), centroids)


def build_index(c: Corpus) -> tuple[ClipIndex, float]:
    started = time.perf_counter()
    index = ClipIndex(DIM)
    index.add_many(np.arange(len(c.starts), dtype=np.int64), c.starts, c.ends, c.vectors, c.words, c.flags)
    return index, time.perf_counter() - started


def questions(c: Corpus, count: int, seed: int = 1) -> list[tuple[str, np.ndarray]]:
    """Questions about a random clip's topic, some with a time expression."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(count):
        target = int(rng.integers(0, len(c.topics)))
        topic = int(c.topics[target])
        noise = rng.standard_normal(DIM).astype(np.float32) * (1.2 / np.sqrt(DIM))
        phrase = TIME_PHRASES[int(rng.integers(0, len(TIME_PHRASES)))]
        out.append((f"what did I say about topic{topic}{phrase}", _unit(c.centroids[topic] + noise)))
    return out


def percentiles(samples: list[float]) -> dict[str, float]:
    ms = np.asarray(samples) * 1000
    return {"p50_ms": float(np.percentile(ms, 50)), "p95_ms": float(np.percentile(ms, 95)), "n": len(ms)}


def time_index_search(index: ClipIndex, c: Corpus, count: int) -> dict[str, float]:
    now = c.duration
    timings = []
    for question, qvec in questions(c, count):
        started = time.perf_counter()
        focus = parse_time(question, now, 0.0)
        search_index(index, focus.query or question, qvec, focus, k=3)
        timings.append(time.perf_counter() - started)
    return percentiles(timings)


def ivf_recall(index: ClipIndex, c: Corpus, count: int) -> float:
    """How often the index's top dense hit is the exact nearest clip (1.0 for Flat)."""
    hits = 0
    for _, qvec in questions(c, count, seed=2):
        exact = int(np.argmax(c.vectors @ qvec))
        hits += int(index.text.search(qvec, 1)[0][0] == exact)
    return hits / count


def time_session_search(c: Corpus, count: int, data_dir: Path) -> dict[str, float]:
    """SessionMemory.search end to end (hashing embedder, evidence with thumbnails from the store)."""
    svc = MemoryService(SqliteStore(data_dir), HashingEmbedder(DIM))
    memory = svc.open_session("bench")
    clips = [
        Clip(
            id=clip_id(i),
            seq=i,
            session_id="bench",
            start=float(c.starts[i]),
            end=float(c.ends[i]),
            speech=(" ".join(c.words[i]),),
            keyframes=(f"{clip_id(i)}-0.jpg",),
            compressed=True,
            embedding=c.vectors[i],
        )
        for i in range(len(c.starts))
    ]
    memory.restore({"end": c.duration, "next_seq": len(clips)}, clips)
    timings = []
    for question, _ in questions(c, count):
        started = time.perf_counter()
        memory.search(question, c.duration, k=3)
        timings.append(time.perf_counter() - started)
    svc.close()
    return percentiles(timings)


def time_minilm_queries(count: int) -> dict[str, float]:
    embedder = MiniLMEmbedder()
    embedder.embed(["warm up"])
    timings = []
    for i in range(count):
        started = time.perf_counter()
        embedder.embed([f"what did I say about the keys {i} minutes ago"])
        timings.append(time.perf_counter() - started)
    return percentiles(timings)


# ---- ingest ---------------------------------------------------------------------------------


def camera_pool(session: str) -> list[list[Any]]:
    """Camera scenes: crops of the photos that ship with scikit-learn, three noisy takes each."""
    spec = importlib.util.find_spec("sklearn")
    folder = Path(spec.submodule_search_locations[0]) / "datasets" / "images" if spec else None
    photos = [np.asarray(Image.open(p).convert("RGB")) for p in sorted(folder.glob("*.jpg"))] if folder else []
    rng = np.random.default_rng(3)
    scenes = []
    for i in range(12):
        if photos:
            photo = photos[i % len(photos)]
            y, x = int(rng.integers(0, photo.shape[0] - 300)), int(rng.integers(0, photo.shape[1] - 400))
            base = np.asarray(Image.fromarray(photo[y : y + 300, x : x + 400]).resize((640, 360)))
        else:
            base = render("", tuple(int(v) for v in rng.integers(0, 255, 3)))
        takes = []
        for take in range(3):
            noisy = np.clip(base + np.random.default_rng(take).normal(0, 4, base.shape), 0, 255).astype(np.uint8)
            takes.append(cheap_features(frame(session, "camera", 0.0, noisy)))
        scenes.append(takes)
    return scenes


def screen_pool(session: str) -> list[Any]:
    rng = np.random.default_rng(4)
    slides = []
    for i in range(15):
        colour = tuple(int(v) for v in rng.integers(120, 255, 3))
        slides.append(features(session, "screen", 0.0, f"SLIDE {i} QUARTERLY REVIEW ITEM {i * 7} STATUS", colour))
    return slides


def ingest(duration: float, data_dir: Path) -> dict[str, float]:
    session = "ingest"
    cams, slides = camera_pool(session), screen_pool(session)
    svc = MemoryService(SqliteStore(data_dir), MiniLMEmbedder())
    memory = svc.open_session(session)
    rng = np.random.default_rng(5)
    cam_changes = np.cumsum(rng.uniform(20, 90, 400))
    slide_changes = np.cumsum(rng.uniform(30, 120, 400))
    speech_at = 3.0
    calls: list[float] = []
    pauses: list[float] = []  # full (generation 2) garbage collections: they stall every thread
    gc_started = [0.0]

    def gc_pause(phase: str, info: dict[str, int]) -> None:
        if info["generation"] == 2:
            if phase == "start":
                gc_started[0] = time.perf_counter()
            else:
                pauses.append(time.perf_counter() - gc_started[0])

    gc.callbacks.append(gc_pause)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for step in range(int(duration * 2)):
        t = step / 2
        started = time.perf_counter()
        cam = int(np.searchsorted(cam_changes, t)) % len(cams)
        memory.add_frame(at(cams[cam][step % 3], t))
        calls.append(time.perf_counter() - started)
        if step % 2 == 0:
            started = time.perf_counter()
            memory.add_frame(at(slides[int(np.searchsorted(slide_changes, t)) % len(slides)], t))
            calls.append(time.perf_counter() - started)
        if t >= speech_at + 1.5:  # ASR reports 1.5 s after the end of an utterance
            words = " ".join(f"word{int(w)}" for w in rng.integers(0, 500, 9))
            started = time.perf_counter()
            memory.add_transcript(Transcript(session, speech_at - 3.0, speech_at, f"so I think {words}"))
            calls.append(time.perf_counter() - started)
            speech_at += float(rng.uniform(5, 12))
        if step % 1200 == 1199:  # a minute of music every ten minutes
            started = time.perf_counter()
            memory.add_sound(SoundEvent(session, t - 60.0, t, "music"))
            calls.append(time.perf_counter() - started)
    memory.flush(duration)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    gc.callbacks.remove(gc_pause)
    clips = len(memory.timeline())
    svc.close()
    size = sum(p.stat().st_size for p in (data_dir / "sessions" / session).rglob("*") if p.is_file())
    return {
        "stream_s": duration,
        "cpu_ms_per_stream_s": 1000 * cpu / duration,
        "wall_s": wall,
        "add_p99_ms": float(np.percentile(np.asarray(calls) * 1000, 99)),
        "add_max_ms": float(np.max(calls) * 1000),
        "gc2_max_ms": float(max(pauses, default=0.0) * 1000),
        "clips": clips,
        "bytes": size,
        "mb_per_hour": size * 3600 / duration / 1e6,
    }


# ---- report ---------------------------------------------------------------------------------


def markdown(report: dict[str, Any]) -> str:
    rows = ["| measure | p50 / value | p95 | target | ok |", "|---|---|---|---|---|"]
    for scale, r in report["retrieval"].items():
        target = TARGETS_MS.get(scale)
        ok = "" if target is None else ("yes" if r["p95_ms"] <= target else "**no**")
        recall = f", recall@1 {r['recall_at_1']:.2f} vs exact" if "recall_at_1" in r else ""
        rows.append(
            f"| retrieval {scale} ({r['clips']:,} clips, {r['index']}{recall}) | {r['p50_ms']:.2f} ms"
            f" | {r['p95_ms']:.2f} ms | {f'p95 ≤ {target:g} ms' if target else ''} | {ok} |"
        )
    for scale, r in report["session_search"].items():
        rows.append(
            f"| SessionMemory.search {scale} (hashing embedder) | {r['p50_ms']:.2f} ms | {r['p95_ms']:.2f} ms | | |"
        )
    q = report["minilm_query"]
    rows.append(f"| MiniLM question embedding (adds to search) | {q['p50_ms']:.1f} ms | {q['p95_ms']:.1f} ms | | |")
    i = report["ingest"]
    mb_ok = "yes" if i["mb_per_hour"] <= TARGET_MB_PER_HOUR else "**no**"
    stream = f"{i['stream_s']:.0f} s stream, MiniLM"
    rows += [
        f"| ingest CPU per stream second ({stream}) | {i['cpu_ms_per_stream_s']:.1f} ms | | | |",
        f"| add_* call (event-loop stall) | p99 {i['add_p99_ms']:.2f} ms | max {i['add_max_ms']:.1f} ms"
        f" (longest full GC {i['gc2_max_ms']:.0f} ms) | | |",
        f"| disk per hour ({i['clips']} clips kept) | {i['mb_per_hour']:.1f} MB | | ≤ {TARGET_MB_PER_HOUR:g} MB"
        f" | {mb_ok} |",
        f"| 1M index build (IVF train + add, keywords) | {report['build_s']['1M']:.1f} s | | | |",
    ]
    return "\n".join(rows) + "\n"


def misses(report: dict[str, Any]) -> list[str]:
    out = []
    for scale, target in TARGETS_MS.items():
        p95 = report["retrieval"][scale]["p95_ms"]
        if p95 > target:
            out.append(f"retrieval p95 at {scale} is {p95:.1f} ms > {target:g} ms")
    if report["ingest"]["mb_per_hour"] > TARGET_MB_PER_HOUR:
        out.append(f"storage {report['ingest']['mb_per_hour']:.1f} MB/hour > {TARGET_MB_PER_HOUR:g}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer queries and a 10-minute ingest stream")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results"))
    args = parser.parse_args(argv)
    queries = 200 if args.quick else 1000
    scales = {"1h": 480, "24h": 11_520, "1M": 1_000_000}

    report: dict[str, Any] = {
        "machine": {"cpus": __import__("os").cpu_count(), "python": platform.python_version()},
        "retrieval": {},
        "session_search": {},
        "build_s": {},
    }
    with tempfile.TemporaryDirectory() as tmp:
        for scale, n in scales.items():
            c = corpus(n)
            index, built = build_index(c)
            report["build_s"][scale] = built
            r = time_index_search(index, c, queries)
            r.update(clips=n, index="IVF-Flat" if index.text.is_ivf else "Flat (exact)")
            if index.text.is_ivf:
                r["recall_at_1"] = ivf_recall(index, c, 50)
            report["retrieval"][scale] = r
            print(f"retrieval {scale}: p50 {r['p50_ms']:.2f} ms, p95 {r['p95_ms']:.2f} ms (built in {built:.1f} s)")
            if scale != "1M":
                report["session_search"][scale] = time_session_search(c, queries, Path(tmp) / scale)
            del index, c
        report["minilm_query"] = time_minilm_queries(50 if args.quick else 200)
        report["ingest"] = ingest(600.0 if args.quick else 3600.0, Path(tmp) / "ingest")

    args.out.mkdir(parents=True, exist_ok=True)
    table = markdown(report)
    failed = misses(report)
    report["misses"] = failed
    (args.out / "memory.json").write_text(json.dumps(report, indent=2))
    (args.out / "memory.md").write_text("# Memory benchmark\n\n" + table + "".join(f"\nMISSED: {m}\n" for m in failed))
    print(table)
    for m in failed:
        print(f"MISSED: {m}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
