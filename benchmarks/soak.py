"""Soak: several sessions for many minutes, questions and abuse mixed in; does anything grow?

    python -m benchmarks.soak [--sessions 3] [--minutes 10] [--warmup-minutes 2] [--out DIR]

Starts `livesight serve --ice-loopback` on 127.0.0.1 and keeps `--sessions` real aiortc peers
(camera slides + microphone) connected for `--minutes`. Each peer repeats a 20 s cycle: a spoken
question (espeak-ng), one abuse (rotating: 100 KB and 2,000-character typed asks, deeply nested
datachannel messages, malformed offers, a peer that connects and vanishes, a flood of messages),
a typed question — which also shows that the datachannel survived the abuse. Every 10 s the server process is probed: RSS (and its children's, the LLM child),
open file descriptors, threads, asyncio tasks (`livesight_asyncio_tasks` from /metrics).

Reported: the server's RSS slope after the warm-up (MB/min, least squares; target ≤ 5), file
descriptors and tasks over time (no growth), questions asked / answered / not addressed by the
gate / missed (target: none missed), every abuse's outcome and any 5xx (target: none).
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import psutil

from benchmarks.processes import ServerProcess, auth_headers, http_offer_poster, load_average, loopback_only
from benchmarks.voice import Utterance, utterances

CYCLE_S = 20.0
PROBE_EVERY_S = 10.0
ANSWER_TIMEOUT_S = 40.0
ABUSES = ("huge_asks", "nested_messages", "bad_offers", "dropped_peer", "message_flood")
SLIDES = [("INVOICE 4471", "#f5dc28"), ("KEYS IN RED DRAWER", "#c81e1e"), ("MEETING AT 3 PM", "#283cc8"),
          ("WIFI CODE 8812", "#28a03c")]
#: malformed offers, each must get a 4xx (never a 5xx, never a session)
BAD_OFFERS: list[tuple[str, bytes, str]] = [
    ("text/plain", b'{"sdp": "v=0", "type": "offer"}', "text/plain offer"),
    ("application/json", json.dumps({"sdp": "v=0\r\nm=audio x y z\r\n", "type": "offer"}).encode(), "m=audio x y z"),
    ("application/json", json.dumps({"sdp": "v=0\r\na=candidate:garbage\r\n", "type": "offer"}).encode(),
     "a=candidate:garbage"),
    ("application/json", b"[" * 100_000, "100k-deep JSON"),
    ("application/json", json.dumps({"sdp": "v=0\r\n" + "a=x\r\n" * 400_000, "type": "offer"}).encode(),
     "2 MB offer"),
]


# ------------------------------------------------------------------------- probes
def _metric(text: str, name: str) -> float | None:
    match = re.search(rf"^{name} ([0-9.e+-]+)$", text, re.M)
    return float(match.group(1)) if match else None


async def probe(http: Any, url: str, pid: int, started: float) -> dict[str, Any]:
    proc = psutil.Process(pid)
    children = proc.children(recursive=True)
    sample: dict[str, Any] = {
        "t_min": round((time.monotonic() - started) / 60, 3),
        "rss_mb": round(proc.memory_info().rss / 2**20, 1),
        "children_rss_mb": round(sum(c.memory_info().rss for c in children) / 2**20, 1),
        "fds": proc.num_fds(),
        "threads": proc.num_threads(),
        "load_avg": load_average(),
    }
    with contextlib.suppress(Exception):
        text = (await http.get(f"{url}/metrics")).text
        sample["tasks"] = _metric(text, "livesight_asyncio_tasks")
        sample["live_sessions"] = _metric(text, "livesight_sessions_live")
    return sample


async def probe_loop(http: Any, url: str, pid: int, started: float, samples: list[dict[str, Any]],
                     stop: asyncio.Event) -> None:
    while not stop.is_set():
        samples.append(await probe(http, url, pid, started))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), PROBE_EVERY_S)


# ------------------------------------------------------------------------- one session
def _answered_after(first: int):
    return lambda p: any(m.get("type") == "answer" and m.get("final") for m in p.messages[first:])


async def _answer(peer: Any, first: int) -> dict[str, Any]:
    """Wait for the final answer to what was asked after message `first`."""
    started = time.monotonic()
    try:
        await peer.wait_for(_answered_after(first), timeout=ANSWER_TIMEOUT_S)
        return {"answered": True, "seconds": round(time.monotonic() - started, 2)}
    except TimeoutError:
        gated = any(m.get("type") == "transcript" and m.get("addressed") is False for m in peer.messages[first:])
        return {"answered": False, "not_addressed": gated}


async def _spoken(peer: Any, track: Any, q: Utterance) -> dict[str, Any]:
    first = len(peer.messages)
    start = track.say(q.pcm, after_s=0.3)
    await asyncio.sleep(max(0.0, track.sent_at(start + q.voiced_s) - time.monotonic()))
    return {"kind": "spoken", "question": q.text, **await _answer(peer, first)}


async def _typed(peer: Any, text: str) -> dict[str, Any]:
    first = len(peer.messages)
    await peer.ask(text)
    return {"kind": "typed", "question": text[:60], **await _answer(peer, first)}


async def abuse(kind: str, peer: Any, url: str, http: Any) -> dict[str, Any]:
    from tests.peer import ScriptedAudioTrack, connect

    outcome: dict[str, Any] = {"kind": kind}
    if kind == "huge_asks":  # 100 KB (refused by the protocol) and 2,000 characters (clipped for the model)
        outcome["replies"] = []
        for text in ("why is the sky blue " * 5000, "why is the sky blue " * 100):
            first = len(peer.messages)
            peer.channel.send(json.dumps({"type": "ask", "text": text}))
            with contextlib.suppress(TimeoutError):
                await peer.wait_for(lambda p: any(m.get("type") == "error" or (m.get("type") == "answer" and m.get("final"))
                                                  for m in p.messages[first:]), timeout=ANSWER_TIMEOUT_S)
            outcome["replies"].append(next((m["type"] for m in peer.messages[first:]
                                            if m.get("type") in ("error", "answer")), None))
    elif kind == "nested_messages":
        peer.channel.send("[" * 100_000)
        peer.channel.send('{"type": "ask", "text": ' + '{"a": ' * 5000 + "1" + "}" * 5000 + "}")
    elif kind == "bad_offers":
        statuses = {}
        for content_type, body, label in BAD_OFFERS:
            try:
                response = await http.post(f"{url}/offer", content=body, headers={"content-type": content_type})
                statuses[label] = response.status_code
            except Exception as exc:  # noqa: BLE001 - a dropped connection is an outcome too
                statuses[label] = f"{type(exc).__name__}"
        outcome["statuses"] = statuses
    elif kind == "dropped_peer":
        track = ScriptedAudioTrack([(0.0, np.zeros(960, np.int16))], tail_s=1.0)
        try:
            ghost = await connect(http_offer_poster(url), track)
            with contextlib.suppress(TimeoutError):
                await ghost.wait_for(lambda p: p.pc.connectionState == "connected", timeout=15)
            outcome["connected"] = ghost.pc.connectionState == "connected"
            await ghost.close()  # gone without hanging up
        except RuntimeError as exc:  # refused (e.g. the per-client share): an outcome, not a failure
            outcome["refused"] = str(exc)[:120]
        finally:
            track.stop()
    else:  # message_flood: far over the datachannel rate limit
        for _ in range(400):
            peer.channel.send(json.dumps({"type": "interrupt"}))
        await asyncio.sleep(3.0)  # the rate limit's bucket refills
    return outcome


async def session_loop(k: int, url: str, http: Any, questions: list[Utterance], until: float) -> dict[str, Any]:
    from tests.peer import ScriptedAudioTrack, SlideTrack, connect

    audio = ScriptedAudioTrack([(0.0, np.zeros(960, np.int16))], tail_s=2.0)
    camera = SlideTrack(SLIDES, seconds=45.0, fps=2)
    record: dict[str, Any] = {"questions": [], "abuse": []}
    try:
        peer = await connect(http_offer_poster(url), audio, camera)
        record["session_id"] = peer.session_id
        await peer.wait_for(lambda p: p.pc.connectionState == "connected", timeout=30)
        await peer.wait_for(lambda p: len(p.received) > 25, timeout=30)
        await asyncio.sleep(5.0 * k)  # stagger the sessions' cycles
        i = 0
        while time.monotonic() + CYCLE_S <= until:
            cycle_end = time.monotonic() + CYCLE_S
            record["questions"].append(await _spoken(peer, audio, questions[(k + i) % len(questions)]))
            record["abuse"].append(await abuse(ABUSES[(k + i) % len(ABUSES)], peer, url, http))
            record["questions"].append(await _typed(peer, "Hello, are you still there?"))
            i += 1
            await asyncio.sleep(max(0.0, cycle_end - time.monotonic()))
        await peer.close()
    except Exception as exc:  # noqa: BLE001 - recorded: the session failed
        record["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        audio.stop()
        camera.stop()
    return record


# ------------------------------------------------------------------------- report
def _slope(samples: list[dict[str, Any]], key: str, after_min: float) -> float | None:
    points = [(s["t_min"], s[key]) for s in samples if s["t_min"] >= after_min and s.get(key) is not None]
    if len(points) < 3:
        return None
    t, v = np.array(points).T
    return round(float(np.polyfit(t, v, 1)[0]), 2)


def summarize_run(samples: list[dict[str, Any]], sessions: list[dict[str, Any]], warmup_min: float,
                  final: dict[str, Any]) -> dict[str, Any]:
    after = [s for s in samples if s["t_min"] >= warmup_min]
    questions = [q for s in sessions for q in s["questions"]]
    abuse_log = [a for s in sessions for a in s["abuse"]]
    five_xx = [a for a in abuse_log for code in a.get("statuses", {}).values() if isinstance(code, int) and code >= 500]

    def span(key: str) -> dict[str, Any]:
        values = [s[key] for s in after if s.get(key) is not None]
        return {"after_warmup_first": values[0] if values else None, "after_warmup_last": values[-1] if values else None,
                "min": min(values, default=None), "max": max(values, default=None), "final_idle": final.get(key)}

    return {
        "rss_slope_mb_per_min": _slope(samples, "rss_mb", warmup_min),
        "children_rss_slope_mb_per_min": _slope(samples, "children_rss_mb", warmup_min),
        "rss_mb": span("rss_mb"),
        "children_rss_mb": span("children_rss_mb"),
        "fds": span("fds"),
        "tasks": span("tasks"),
        "threads": span("threads"),
        "questions": len(questions),
        "answered": sum(q["answered"] for q in questions),
        "not_addressed": sum(1 for q in questions if q.get("not_addressed")),
        "missed": sum(1 for q in questions if not q["answered"] and not q.get("not_addressed")),
        "answer_seconds_p50": float(np.median([q["seconds"] for q in questions if q["answered"]]))
        if any(q["answered"] for q in questions) else None,
        "abuse": {kind: sum(1 for a in abuse_log if a["kind"] == kind) for kind in ABUSES},
        "abuse_5xx": len(five_xx),
        "session_errors": [s["error"] for s in sessions if "error" in s],
    }


async def run_async(n: int, minutes: float, warmup_min: float, out: Path) -> dict[str, Any]:
    import httpx

    loopback_only()
    questions = [q for q in utterances(quick=True)]
    server = ServerProcess(out / "server-soak.log").start()
    samples: list[dict[str, Any]] = []
    stop = asyncio.Event()
    try:
        await server.wait_ready()
        async with httpx.AsyncClient(timeout=30, headers=auth_headers()) as http:
            started = time.monotonic()
            prober = asyncio.create_task(probe_loop(http, server.url, server.pid, started, samples, stop))
            sessions = await asyncio.gather(*(session_loop(k, server.url, http, questions, started + minutes * 60)
                                              for k in range(n)))
            stop.set()
            await prober
            await asyncio.sleep(10.0)  # the server lets go of the ended sessions
            final = await probe(http, server.url, server.pid, started)
    finally:
        server.stop()
    summary = summarize_run(samples, sessions, warmup_min, final)
    return {"sessions": n, "minutes": minutes, "warmup_minutes": warmup_min, "summary": summary,
            "samples": samples, "final_idle": final, "per_session": sessions, "server_log": str(server.log_path)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=3)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--warmup-minutes", type=float, default=None, help="default: a fifth of the run, at most 2")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    warmup = args.warmup_minutes if args.warmup_minutes is not None else min(2.0, args.minutes / 5)
    out = args.out or Path(tempfile.mkdtemp(prefix="livesight-soak-"))
    out.mkdir(parents=True, exist_ok=True)
    report = asyncio.run(run_async(args.sessions, args.minutes, warmup, out))
    (out / "soak.json").write_text(json.dumps(report, indent=2, default=str))
    print(json.dumps(report["summary"], indent=2, default=str))
    print(f"report: {out / 'soak.json'}")
    s = report["summary"]
    ok = ((s["rss_slope_mb_per_min"] or 0) <= 5 and s["missed"] == 0 and s["abuse_5xx"] == 0
          and not s["session_errors"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
