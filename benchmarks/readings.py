"""Does answering from another of Whisper's readings help? Replayed from memory-QA reports, offline.

    .venv/bin/python -m benchmarks.readings benchmarks/results/memory_qa/<run>/report.json ...

For each stream of each report (camera streams left out: their frames are not replayed), memory is
rebuilt from what the run remembered (its timeline: remarks as transcribed, screen text as read,
sounds as tagged), each question's audio (the same espeak-ng voice) is decoded the way the answer
pass does (beam 5, memory's words and `QUESTIONS_BEFORE` as previous text, 5 hypotheses), and the
answer policy decides on the first reading alone and as the conversation does (`Conversation._decided`:
the first other reading memory grounds, when the first finds nothing for sure). Both are scored with
the memory-QA expectations (times and citations not checked; small talk left out).

Approximate: clips are rebuilt at 10 s steps and every remark sits in one clip, so "now" and sound
relations are not what the live run had; compare the two policies with each other only.
"""
from __future__ import annotations

import argparse
import json
import re
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
from scipy.signal import resample_poly

from benchmarks.memory_qa import streams_for
from benchmarks.memqa.plan import question_audio
from benchmarks.memqa.scoring import DECLINE, misses, normalise
from benchmarks.memqa.script import Question
from memory import MemoryService, MiniLMEmbedder, SessionMemory
from memory.sqlite_store import SqliteStore
from perception.asr import QUESTIONS_BEFORE, WhisperRecognizer
from perception.events import SoundEvent, Transcript
from reasoning.grounding import Decision, decide, evidence_wanted, may_read_as
from tests.synthetic import at, features


def remembered(run: dict[str, Any], service: MemoryService) -> SessionMemory:
    """A session holding what `run` remembered: each clip's screen / camera text, remarks and sounds."""
    m = service.open_session(run["stream"])
    said: set[str] = set()
    for clip in run["timeline"]["clips"]:
        start, end = clip["start"], clip["end"]
        for source in ("screen", "camera"):
            text = "\n".join(s["text"].replace(" / ", "\n") for s in clip["seen"] if s["source"] == source)
            if text or source == "screen":
                frame = features(m.session_id, source, start, text, (200, 200, 200), noise=int(start))
                for i in range(int((end - start) * 2)):
                    m.add_frame(at(frame, start + i / 2))
        for k, remark in enumerate(r for r in clip["speech"] if r not in said):
            said.add(remark)
            m.add_transcript(Transcript(m.session_id, start + 1 + k, start + 3 + k, remark))
        for tag in clip["sound_tags"]:
            m.add_sound(SoundEvent(m.session_id, start, end, tag))
    return m


def right(q: Question, answer: str) -> bool:
    norm = normalise(answer)
    if not answer:
        return False
    if q.decline:
        return bool(DECLINE.search(norm)) and not any(re.search(f, norm) for f in q.forbid)
    return misses(q, norm) == ([], [])


def decided(m: SessionMemory, text: str, now: float) -> Decision:
    wanted = evidence_wanted(text)
    return decide(text, m.search(text, now, wanted) if wanted else [], now)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="+", type=Path)
    args = parser.parse_args()
    asr, embedder = WhisperRecognizer(), MiniLMEmbedder()
    rows = []
    for path in args.reports:
        report = json.loads(path.read_text())
        for run in report["runs"]:
            if "camera" in run["stream"]:
                continue
            asked = {q.text: q for s in streams_for(run["split"]) if s.name == run["stream"] for q in s.questions}
            with tempfile.TemporaryDirectory() as store:
                service = MemoryService(SqliteStore(Path(store)), embedder)
                m = remembered(run, service)
                last = max(c["end"] for c in run["timeline"]["clips"])
                for result in run["questions"]:
                    q = asked[result["question"]]
                    if q.category == "smalltalk":
                        continue
                    now = result["asked_at"] or last
                    pcm = resample_poly(question_audio(q).astype(np.float32), 1, 3).astype(np.int16)
                    readings = asr.readings(pcm, f"{m.vocabulary()} {QUESTIONS_BEFORE}")
                    if not readings:
                        continue
                    first = chosen = decided(m, readings[0], now)
                    for reading in readings[1:] if first.verdict in ("absent", "hedged") else ():
                        if may_read_as(readings[0], reading) and (other := decided(m, reading, now)).verdict == "grounded":
                            chosen = other
                            break
                    rows.append((run["split"], q, readings, right(q, first.text), right(q, chosen.text), chosen.text))
                service.close()
    print(f"questions {len(rows)}: first reading right {sum(r[3] for r in rows)}, "
          f"first grounded reading right {sum(r[4] for r in rows)}")
    for split, q, readings, before, after, answer in rows:
        if before != after:
            print(f"{'gained' if after else 'LOST'} [{split} {q.category}] {q.text!r}: heard {readings[0]!r} → {answer}")


if __name__ == "__main__":
    main()
