"""How many simultaneous sessions the server keeps in real time.

    python -m benchmarks.ingest [--quick] [--out DIR] [--max-sessions N] [--seconds S]

Starts `livesight serve --ice-loopback` on 127.0.0.1 and ramps 1, 2, 3, … simultaneous real
aiortc client peers, each sending a camera (640×360 VP8 at 2 fps, changing pictures) and a
microphone that speaks every ~9 s, alternating LibriVox narration (remembered, not answered) and
spoken questions (espeak-ng; answered by voice), so VAD, ASR, memory, answers and TTS all run.
Each level runs for ~20 s after every peer is connected and streaming; from `/api/status`:

    ratio = Δ(server-side audio stream time) / Δ(wall clock)   per session, the worst one counts
    asr drops = Δ(asr_dropped) summed over sessions

A level is "real time" when every session's ratio ≥ 0.95 and no utterance was dropped. The ramp
stops at the first level that is not (or at --max-sessions). Server CPU (cores busy, from
/proc/PID/stat) and the answers' own first-audio latency are recorded per level too.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import fractions
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.processes import (
    ServerProcess,
    auth_headers,
    http_offer_poster,
    load_average,
    loopback_only,
    wait_ready,
)
from benchmarks.voice import LIBRIVOX, summarize, utterances

REALTIME_RATIO = 0.95
WIDTH, HEIGHT, FPS = 640, 360, 2.0


def _camera_pictures(count: int = 6, seed: int = 0) -> list[np.ndarray]:
    """Distinct 640×360 RGB scenes (photos from scikit-image when present, else drawn)."""
    pictures: list[np.ndarray] = []
    with contextlib.suppress(Exception):
        from PIL import Image
        from skimage import data

        for name in ("astronaut", "coffee", "chelsea", "rocket", "hubble_deep_field", "immunohistochemistry"):
            img = np.asarray(getattr(data, name)())
            if img.ndim == 2:
                img = np.stack([img] * 3, axis=-1)
            pictures.append(np.asarray(Image.fromarray(img[..., :3]).resize((WIDTH, HEIGHT))))
            if len(pictures) >= count:
                return pictures
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:HEIGHT, 0:WIDTH]
    while len(pictures) < count:
        base = rng.integers(0, 255, 3)
        img = np.empty((HEIGHT, WIDTH, 3), np.uint8)
        for c in range(3):
            img[..., c] = (base[c] + xx * (c + 1) // 5 + yy * (3 - c) // 4) % 256
        pictures.append(img)
    return pictures


def camera_track(pictures: list[np.ndarray], scene_every_s: float = 6.0):
    """A VideoStreamTrack at 2 fps: a scene that changes every few seconds, with a moving box."""
    import av
    from aiortc import VideoStreamTrack
    from aiortc.mediastreams import MediaStreamError

    from server.speech_track import RealTimePacer

    class Camera(VideoStreamTrack):
        def __init__(self) -> None:
            super().__init__()
            self.n = 0
            self.pacer = RealTimePacer()

        async def recv(self) -> av.VideoFrame:
            if self.readyState != "live":
                raise MediaStreamError
            await self.pacer.wait_until(self.n / FPS)
            t = self.n / FPS
            img = pictures[int(t // scene_every_s) % len(pictures)].copy()
            x = int((t * 80) % (WIDTH - 60))
            img[150:210, x:x + 60] = 255
            frame = av.VideoFrame.from_ndarray(img, format="rgb24")
            frame.pts = int(t * 90000)
            frame.time_base = fractions.Fraction(1, 90000)
            self.n += 1
            return frame

    return Camera()


def _speech_schedule(offset: float, total_s: float, every_s: float = 9.0) -> list[tuple[float, np.ndarray]]:
    """Narration (LibriVox, remembered but not answered) alternating with spoken questions
    (espeak-ng, answered by voice), one utterance every ~`every_s` seconds."""
    from tests.peer import read_wav_48k

    wavs = sorted(LIBRIVOX.glob("*.wav")) if LIBRIVOX.exists() else []
    narration = [read_wav_48k(w) for w in wavs]
    questions = [u.pcm for u in utterances(quick=True, librivox=False)][1:]
    clips = [c for pair in zip(narration, questions) for c in pair] or narration or questions
    if not clips:  # silence still exercises the audio leg
        return [(0.0, np.zeros(960, np.int16))]
    schedule, t, i = [], offset, 0
    while t < total_s:
        pcm = clips[i % len(clips)]
        schedule.append((t, pcm))
        t += max(every_s, len(pcm) / 48000 + 5.0)
        i += 1
    return schedule


def _cpu_seconds(pid: int) -> float | None:
    with contextlib.suppress(OSError, ValueError, IndexError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return None


async def _status(http, url: str) -> dict[str, Any]:
    r = await http.get(f"{url}/api/status")
    r.raise_for_status()
    return r.json()


async def run_level(url: str, n: int, seconds: float, pid: int | None, pictures: list[np.ndarray]) -> dict[str, Any]:
    import httpx

    from tests.peer import ScriptedAudioTrack, connect

    peers, tracks = [], []
    result: dict[str, Any] = {"sessions": n, "load_avg_before": load_average()}
    async with httpx.AsyncClient(timeout=10, headers=auth_headers()) as http:
        try:
            for k in range(n):
                audio = ScriptedAudioTrack(_speech_schedule(1.0 + 2.7 * k, seconds + 40), tail_s=5.0)
                video = camera_track(pictures)
                tracks += [audio, video]
                peers.append(await connect(http_offer_poster(url), audio, video))
            for peer in peers:
                await peer.wait_for(lambda p: p.pc.connectionState == "connected", timeout=30)
            ids = {p.session_id for p in peers}

            def streaming(status: dict[str, Any]) -> bool:
                live = [s for s in status["sessions"] if s["id"] in ids]
                return len(live) == n and all(s["stream_time"] >= 1.0 for s in live)

            deadline = time.monotonic() + 30
            while not streaming(await _status(http, url)):
                if time.monotonic() > deadline:
                    raise TimeoutError("sessions did not start streaming within 30 s")
                await asyncio.sleep(0.25)
            before = await _status(http, url)
            wall0, cpu0 = time.monotonic(), _cpu_seconds(pid) if pid else None
            await asyncio.sleep(seconds)
            after = await _status(http, url)
            wall1, cpu1 = time.monotonic(), _cpu_seconds(pid) if pid else None
            elapsed = wall1 - wall0
            b = {s["id"]: s for s in before["sessions"] if s["id"] in ids}
            a = {s["id"]: s for s in after["sessions"] if s["id"] in ids}
            per_session = []
            for sid in sorted(ids):
                if sid not in a or sid not in b:
                    per_session.append({"id": sid, "ratio": 0.0, "asr_dropped": None, "error": "session gone"})
                    continue
                per_session.append({
                    "id": sid,
                    "ratio": round((a[sid]["stream_time"] - b[sid]["stream_time"]) / elapsed, 3),
                    "asr_dropped": a[sid]["asr_dropped"] - b[sid]["asr_dropped"],
                    "answers": a[sid].get("answers", 0) - b[sid].get("answers", 0),
                    **{k: v for k, v in a[sid].items() if k not in ("id", "stream_time", "asr_dropped", "answers",
                                                                    "live", "connection")},
                })
            first_audio = []
            for sid in ids:
                with contextlib.suppress(Exception):
                    lat = (await http.get(f"{url}/api/sessions/{sid}/latency")).json()
                    first_audio += [x["first_audio_s"] for x in lat.get("answers", []) if x.get("first_audio_s")]
            ratios = [s["ratio"] for s in per_session]
            drops = sum(s["asr_dropped"] or 0 for s in per_session)
            result.update(
                seconds=round(elapsed, 1),
                min_ratio=min(ratios) if ratios else 0.0,
                asr_dropped=drops,
                realtime=bool(ratios) and min(ratios) >= REALTIME_RATIO and drops == 0
                and all(s.get("error") is None for s in per_session),
                server_cpu_cores=None if cpu0 is None or cpu1 is None else round((cpu1 - cpu0) / elapsed, 2),
                answer_first_audio_s=summarize(first_audio),
                per_session=per_session,
            )
        except Exception as exc:  # noqa: BLE001 - recorded; the level counts as failed
            result.update(realtime=False, error=f"{type(exc).__name__}: {exc}")
        finally:
            await asyncio.gather(*(p.close() for p in peers), return_exceptions=True)
            for track in tracks:
                track.stop()
            result["load_avg_after"] = load_average()
            # wait until the server has let go of these sessions
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                with contextlib.suppress(Exception):
                    if not (await _status(http, url))["sessions"]:
                        break
                await asyncio.sleep(0.5)
    return result


async def run_async(quick: bool = False, out: Path | None = None, max_sessions: int | None = None,
                    seconds: float | None = None, url: str | None = None) -> dict[str, Any]:
    out = out or Path(tempfile.mkdtemp(prefix="livesight-ingest-"))
    out.mkdir(parents=True, exist_ok=True)
    max_sessions = max_sessions or (3 if quick else 6)
    seconds = seconds or (12.0 if quick else 20.0)
    loopback_only()
    pictures = _camera_pictures()
    server = None if url else ServerProcess(out / "server-ingest.log",  # every peer comes from 127.0.0.1
                                                extra_args=["--max-sessions-per-client", "8"]).start()
    report: dict[str, Any] = {"load_avg_before": load_average(), "seconds_per_level": seconds,
                              "video": f"{WIDTH}x{HEIGHT} @ {FPS:g} fps", "ratio_target": REALTIME_RATIO,
                              "levels": []}
    try:
        if server is None:
            await wait_ready(url)
        else:
            await server.wait_ready()
            url = server.url
        for n in range(1, max_sessions + 1):
            level = await run_level(url, n, seconds, server.pid if server else None, pictures)
            report["levels"].append(level)
            print(f"[ingest] {n} session(s): realtime={level.get('realtime')} min_ratio={level.get('min_ratio')} "
                  f"asr_dropped={level.get('asr_dropped')} cpu={level.get('server_cpu_cores')} "
                  f"load={level.get('load_avg_after')} {level.get('error', '')}", flush=True)
            if not level.get("realtime"):
                break
        if server is not None:
            with contextlib.suppress(Exception):
                import httpx

                async with httpx.AsyncClient(timeout=5, headers=auth_headers()) as http:
                    r = await http.get(f"{url}/metrics")
                    if r.status_code == 200:
                        report["metrics_drops"] = [line for line in r.text.splitlines()
                                                   if line.startswith("livesight_stage_drops_total")]
    finally:
        if server is not None:
            server.stop()
        report["load_avg_after"] = load_average()
    passing = 0
    for level in report["levels"]:
        if not level.get("realtime"):
            break
        passing = level["sessions"]
    report["max_realtime_sessions"] = passing
    report["ramp_capped"] = bool(report["levels"]) and report["levels"][-1].get("realtime", False)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="up to 3 sessions, 12 s per level")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--max-sessions", type=int, default=None)
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--url", default=None, help="an already running server (its CPU is then not measured)")
    args = parser.parse_args(argv)
    report = asyncio.run(run_async(args.quick, args.out, args.max_sessions, args.seconds, args.url))
    out = args.out or Path(".")
    out.mkdir(parents=True, exist_ok=True)
    (out / "ingest.json").write_text(json.dumps(report, indent=2, default=str))
    print(f"max real-time sessions: {report['max_realtime_sessions']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
