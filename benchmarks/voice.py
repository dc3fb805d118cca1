"""Voice-to-voice latency of the real server, measured by a real WebRTC client.

    python -m benchmarks.voice [--quick] [--out DIR] [--profile] [--url http://127.0.0.1:PORT]

Starts `livesight serve --ice-loopback` as a subprocess on 127.0.0.1 (the model work happens in
the server process, as in production), connects an aiortc client peer (tests/peer.py) that plays
spoken questions (espeak-ng; --librivox adds the LibriVox utterances of Debian's
pocketsphinx-testdata, which are narration the server's gate does not answer) in real time, one at
a time, each after the previous answer has finished playing. For each question:

    latency = monotonic time of the first non-silent answer frame received by the client
              − monotonic time at which the last voiced sample of the question left the client

The end of speech is known from the input (last 10 ms window above 5 % of the utterance's peak
RMS). The server's own trace (transcript_s, first_token_s, first_audio_s since it declared
the end of the turn) comes from the `latency` datachannel messages. With --profile, py-spy samples
the server process during the run and the report says where its CPU time went.

This module is the measurement; starting the server and reading the machine are in
benchmarks/processes.py, the CPU accounting and py-spy profile in benchmarks/profiling.py.
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Awaitable, Callable

import numpy as np

from benchmarks.processes import (
    ServerProcess,
    auth_headers,
    http_offer_poster,
    load_average,
    loopback_only,
    wait_ready,
)
from benchmarks.profiling import Profiler

LIBRIVOX = Path("/usr/share/pocketsphinx/test/data/librivox")
RATE = 48000

#: spoken questions; the first is a warm-up and is not counted
QUESTIONS = [
    "Hello, can you hear me?",
    "What time is it?",
    "Can you hear me?",
    "What is your name?",
    "How are you today?",
    "What do you see right now?",
    "Where did I put my keys?",
    "What did I just say?",
    "Tell me a short joke.",
    "What is the weather like?",
    "Can you help me with something?",
    "What am I holding?",
    "How long have we been talking?",
    "What was on the screen a minute ago?",
    "Do you remember my name?",
    "What color is the wall behind me?",
    "Are you still listening?",
    "Can you say that again?",
    "Who was in the room earlier?",
    "Read the text on the screen.",
    "What happened five minutes ago?",
    "Is the door open?",
    "What should I do next?",
    "Good morning, what can you do?",
]
QUICK_QUESTIONS = 7  # warm-up + 6

LOUD_RMS = 0.01  # a received 20 ms frame louder than this is answer audio
#: the server's own trace, seconds since the user stopped speaking (as the server saw it)
SERVER_KEYS = ("turn_end_s", "transcript_s", "first_token_s", "first_piece_s", "first_audio_s")
@dataclass
class Utterance:
    text: str
    pcm: np.ndarray  # 48 kHz mono int16
    voiced_s: float  # end of the last voiced 10 ms window, seconds from the start of `pcm`
    source: str  # "espeak-ng" or "librivox"


def voiced_end(pcm: np.ndarray, rate: int = RATE) -> float:
    """End of the last 10 ms window whose RMS is above 5 % of the loudest window's."""
    win = rate // 100
    n = len(pcm) // win
    if n == 0:
        return len(pcm) / rate
    rms = np.sqrt(np.mean((pcm[: n * win].astype(np.float32) / 32768.0).reshape(n, win) ** 2, axis=1))
    loud = np.nonzero(rms > 0.05 * rms.max())[0]
    return (loud[-1] + 1) * win / rate if len(loud) else len(pcm) / rate


def espeak(text: str, cache: Path) -> Path:
    """espeak-ng → 16 kHz mono WAV (cached by text)."""
    cache.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] + ".wav"
    out = cache / name
    if not out.exists():
        raw = cache / ("raw-" + name)
        subprocess.run(["espeak-ng", "-v", "en-us", "-s", "165", "-w", str(raw), text], check=True)
        if shutil.which("sox"):
            subprocess.run(["sox", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(out)], check=True)
            raw.unlink()
        else:
            raw.rename(out)
    return out


def utterances(quick: bool = False, librivox: bool = False, cache: Path | None = None) -> list[Utterance]:
    """The spoken questions (espeak-ng); with `librivox`, also the 5 LibriVox utterances — narration,
    which the server's gate remembers but does not answer, so they only measure the gate."""
    from tests.peer import read_wav_48k

    cache = cache or Path(tempfile.gettempdir()) / "livesight-bench-voices"
    texts = QUESTIONS[:QUICK_QUESTIONS] if quick else QUESTIONS
    out = []
    for text in texts:
        pcm = read_wav_48k(espeak(text, cache))
        out.append(Utterance(text, pcm, voiced_end(pcm), "espeak-ng"))
    if librivox and not quick and (LIBRIVOX / "transcription").exists():
        for line in (LIBRIVOX / "transcription").read_text().splitlines():
            match = re.match(r"<s> (.*) </s> \((.*)\)", line.strip())
            if match and (LIBRIVOX / f"{match.group(2)}.wav").exists():
                pcm = read_wav_48k(LIBRIVOX / f"{match.group(2)}.wav")
                out.append(Utterance(match.group(1).lower(), pcm, voiced_end(pcm), "librivox"))
    return out


def summarize(samples: list[float]) -> dict[str, Any]:
    if not samples:
        return {"n": 0, "p50": None, "p95": None, "max": None, "min": None, "mean": None}
    a = np.asarray(samples, dtype=float)
    return {"n": len(a), "p50": round(float(np.percentile(a, 50)), 3), "p95": round(float(np.percentile(a, 95)), 3),
            "max": round(float(a.max()), 3), "min": round(float(a.min()), 3), "mean": round(float(a.mean()), 3)}


# ------------------------------------------------------------------------- the measurement
def _quiet_for(peer: Any, seconds: float) -> bool:
    now = time.monotonic()
    recent = [rms for at, rms in peer.received if at >= now - seconds]
    return bool(recent) and max(recent) <= LOUD_RMS and (not peer.received or peer.received[-1][0] > now - 0.2)


async def measure_voice(post_offer: Callable[[dict], Awaitable[dict]], questions: list[Utterance], *,
                        has_final: bool = True, answer_timeout: float = 25.0, settle_timeout: float = 40.0,
                        warmup: int = 1, warmup_timeout: float = 60.0, label: str = "ours",
                        latency_url: str | None = None) -> dict[str, Any]:
    """Ask every question through a real client peer; client-side latency to the first answer audio."""
    from tests.peer import ScriptedAudioTrack, connect

    track = ScriptedAudioTrack([(0.0, np.zeros(960, np.int16))], tail_s=2.0)
    peer = await connect(post_offer, track)
    results: list[dict[str, Any]] = []
    try:
        await peer.wait_for(lambda p: p.pc.connectionState == "connected", timeout=30)
        # the answer track flows (silence) before the first question
        await peer.wait_for(lambda p: len(p.received) > 25, timeout=30)
        for i, q in enumerate(questions):
            first_msg = len(peer.messages)
            start = track.say(q.pcm, after_s=0.3)
            speech_end = track.sent_at(start + q.voiced_s)
            await asyncio.sleep(max(0.0, speech_end - time.monotonic()))
            record: dict[str, Any] = {"question": q.text, "source": q.source, "warmup": i < warmup,
                                      "load_avg": load_average()}
            try:
                heard_at = await peer.wait_for(lambda p: p.first_loud_after(speech_end, LOUD_RMS),
                                               timeout=warmup_timeout if i < warmup else answer_timeout)
                record["latency_s"] = round(heard_at - speech_end, 3)
            except TimeoutError:
                record["latency_s"] = None
                record["error"] = "no answer audio in time"
            # let the answer finish: the final message (ours) and then ≥ 0.8 s of silence
            with contextlib.suppress(TimeoutError):
                if has_final and record["latency_s"] is not None:
                    await peer.wait_for(lambda p: any(m.get("type") == "answer" and m.get("final")
                                                      for m in p.messages[first_msg:]), timeout=settle_timeout)
                await peer.wait_for(lambda p: _quiet_for(p, 0.8), timeout=settle_timeout)
            new = peer.messages[first_msg:]
            record["transcripts"] = [m.get("text", "") for m in new if m.get("type") == "transcript"]
            gated = [m for m in new if m.get("type") == "transcript" and m.get("addressed") is False]
            if gated and record["latency_s"] is None:
                record["not_addressed"] = True  # the server's gate chose not to answer: not a latency sample
            record["answer"] = " ".join(m.get("text", "") for m in new if m.get("type") == "answer").strip()
            traces = [m for m in new if m.get("type") == "latency"]
            if traces:
                t = traces[0]
                record["server"] = {k: t.get(k) for k in SERVER_KEYS if k in t}
                record["turn_ended_by"] = t.get("ended_by")  # "turn model", "question" or "silence" (the hangover)
                record["prepared"] = bool(t.get("prepared"))  # answered with what was prepared at a pause
            if len(record["transcripts"]) > 1:
                record["split"] = True  # the VAD cut the question in two: the latency may be optimistic
            results.append(record)
            print(f"[{label}] {i + 1}/{len(questions)} {q.text[:40]!r}: "
                  f"{record['latency_s']} s  server={record.get('server')}  heard={record['transcripts']}",
                  flush=True)
        server_latency = None
        if latency_url and peer.session_id:
            import httpx

            with contextlib.suppress(Exception):
                async with httpx.AsyncClient(timeout=10, headers=auth_headers()) as http:
                    r = await http.get(f"{latency_url}/api/sessions/{peer.session_id}/latency")
                    server_latency = r.json() if r.status_code == 200 else None
    finally:
        await peer.close()
        track.stop()
    counted = [r for r in results if not r["warmup"]]
    latencies = [r["latency_s"] for r in counted if r["latency_s"] is not None]
    server = {}
    for key in SERVER_KEYS:
        server[key] = summarize([r["server"][key] for r in counted
                                 if r.get("server") and r["server"].get(key) is not None])
    return {
        "label": label,
        "questions": len(counted),
        "answered": len(latencies),
        "missed": sum(1 for r in counted if r["latency_s"] is None and not r.get("not_addressed")),
        "not_addressed": sum(1 for r in counted if r.get("not_addressed")),
        "split": sum(1 for r in counted if r.get("split")),
        #: how each answered question's turn ended: the turn_end_s stage is the turn decision
        "turn_ended_by": dict(collections.Counter(r["turn_ended_by"] for r in counted if r.get("turn_ended_by"))),
        #: answers prepared at a pause and committed when the turn ended with the same words
        "prepared": sum(1 for r in counted if r.get("prepared")),
        "latency_s": summarize(latencies),
        "latencies": latencies,
        "server_trace": server,
        "server_latency_endpoint": server_latency,
        "per_question": results,
    }


async def run_async(quick: bool = False, out: Path | None = None, profile: bool = False,
                    url: str | None = None, librivox: bool = False) -> dict[str, Any]:
    out = out or Path(tempfile.mkdtemp(prefix="livesight-voice-"))
    out.mkdir(parents=True, exist_ok=True)
    loopback_only()
    qs = utterances(quick, librivox)
    server = None if url else ServerProcess(out / "server-voice.log").start()
    report: dict[str, Any] = {"load_avg_before": load_average()}
    profiler = None
    try:
        if server is None:
            await wait_ready(url)
        else:
            await server.wait_ready()
            report["server_load_s"] = server.load_s
            url = server.url
            if profile:
                profiler = Profiler(server.pid, out / "profile-ours.txt").start()
        started = time.monotonic()
        result = await measure_voice(http_offer_poster(url), qs, has_final=True, label="ours", latency_url=url)
        report.update(result)
        report["wall_s"] = round(time.monotonic() - started, 1)
    finally:
        if profiler is not None:
            report["profile"] = profiler.stop()
        report["load_avg_after"] = load_average()
        if server is not None:
            server.stop()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_QUESTIONS - 1} questions instead of "
                        f"{len(QUESTIONS) - 1}")
    parser.add_argument("--librivox", action="store_true", help="also play the 5 LibriVox utterances (narration)")
    parser.add_argument("--out", type=Path, default=None, help="where voice.json (and the profile) go")
    parser.add_argument("--profile", action="store_true", help="sample the server with py-spy")
    parser.add_argument("--url", default=None, help="measure an already running server instead of starting one")
    args = parser.parse_args(argv)
    report = asyncio.run(run_async(args.quick, args.out, args.profile, args.url, args.librivox))
    out = args.out or Path(".")
    out.mkdir(parents=True, exist_ok=True)
    (out / "voice.json").write_text(json.dumps(report, indent=2, default=str))
    print(json.dumps({k: report.get(k) for k in ("latency_s", "server_trace", "answered", "missed", "split")},
                     indent=2))
    if report.get("profile"):
        stacks = report["profile"].get("stacks") or {}
        print(json.dumps({"threads": report["profile"].get("threads"),
                          "stacks": stacks.get("busy_by_category_s")}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
