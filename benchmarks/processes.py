"""Benchmark plumbing: our server as a subprocess, the client's side of loopback ICE and signaling,
and what the machine is (CPU, load, stolen time from /proc). No measurement here."""
from __future__ import annotations

import asyncio
import contextlib
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Awaitable, Callable

ROOT = Path(__file__).resolve().parent.parent

#: the server's access token: the one in the environment (for --url), else one made for the server started here
AUTH_TOKEN = os.environ.get("LIVESIGHT_AUTH_TOKEN") or secrets.token_urlsafe(16)


def auth_headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {AUTH_TOKEN}"}


# ------------------------------------------------------------------------- inputs


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


# ------------------------------------------------------------------------- the client side
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
