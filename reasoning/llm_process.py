"""The embedded LLM in its own process.

Token-by-token generation takes the GIL for every step; beside the event loop that paces outbound
audio and the ASR thread, a 135M model ran at half speed in one process (DESIGN.md §2b). In a
child process (`python -m reasoning.llm_process`, JSON lines over stdin/stdout) it keeps its speed
and the event loop keeps its latency. Same interface as `Ct2LM`.
"""
from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Iterator

#: The model generates far faster than speech plays (~37 tokens/s against ~3 spoken words/s), but
#: while it writes the rest of an answer, piper is synthesising the first piece: at equal priority
#: on 2 cores that piece took 0.25 s (p50) instead of 0.12 s. A lower priority costs the model
#: nothing when a core is free.
_NICENESS = 10

#: how often the caller checks for cancellation while waiting for the next piece
_POLL_S = 0.05


class ProcessLM:
    def __init__(self, model_dir: Path, max_new_tokens: int = 48, start_timeout_s: float = 180.0) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "reasoning.llm_process", str(model_dir), str(max_new_tokens)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        self._lines: queue.Queue[dict] = queue.Queue()
        threading.Thread(target=self._read, name="llm-reader", daemon=True).start()
        self._lock = threading.Lock()  # one generation at a time, as in-process
        self._next_id = 0
        deadline = time.monotonic() + start_timeout_s
        while True:
            try:
                if self._lines.get(timeout=0.5).get("ready"):
                    return
            except queue.Empty:
                if self._process.poll() is not None or time.monotonic() > deadline:
                    self.close()
                    raise RuntimeError("the LLM process did not start (see its error output above)") from None

    def _read(self) -> None:
        for line in self._process.stdout:
            self._lines.put(json.loads(line))
        self._lines.put({"exited": True})

    def _send(self, message: dict) -> None:
        self._process.stdin.write(json.dumps(message) + "\n")
        self._process.stdin.flush()

    def generate(self, messages: list[dict[str, str]], cancel: threading.Event) -> Iterator[str]:
        with self._lock:
            self._next_id += 1
            request_id = self._next_id
            self._send({"id": request_id, "messages": messages})
            cancel_sent = False
            while True:
                if cancel.is_set() and not cancel_sent:
                    self._send({"cancel": request_id})
                    cancel_sent = True
                try:
                    line = self._lines.get(timeout=_POLL_S)
                except queue.Empty:
                    continue
                if line.get("exited"):
                    raise RuntimeError("the LLM process died")
                if line.get("id") != request_id:
                    continue  # the tail of an earlier, cancelled request
                if "error" in line:
                    raise RuntimeError(line["error"])
                if line.get("done"):
                    return
                if not cancel.is_set():
                    yield line["piece"]

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.stdin.close()
            try:
                self._process.wait(5)
            except subprocess.TimeoutExpired:
                self._process.kill()


def _serve(model_dir: str, max_new_tokens: int) -> None:
    from reasoning.embedded import Ct2LM

    os.nice(_NICENESS)
    out = sys.stdout
    sys.stdout = sys.stderr  # library chatter must not corrupt the protocol
    llm = Ct2LM(Path(model_dir), max_new_tokens)
    requests: queue.Queue[dict | None] = queue.Queue()
    cancel = threading.Event()
    current = {"id": None}

    def emit(message: dict) -> None:
        out.write(json.dumps(message) + "\n")
        out.flush()

    def read() -> None:
        for line in sys.stdin:
            message = json.loads(line)
            if "cancel" in message:
                if message["cancel"] == current["id"]:
                    cancel.set()
            else:
                requests.put(message)
        requests.put(None)

    threading.Thread(target=read, daemon=True).start()
    emit({"ready": True})
    while (request := requests.get()) is not None:
        current["id"] = request["id"]
        cancel.clear()
        try:
            for piece in llm.generate(request["messages"], cancel):
                emit({"id": request["id"], "piece": piece})
        except Exception as exc:  # noqa: BLE001 - reported to the caller; the worker lives on
            emit({"id": request["id"], "error": f"{type(exc).__name__}: {exc}"})
        emit({"id": request["id"], "done": True})


if __name__ == "__main__":
    _serve(sys.argv[1], int(sys.argv[2]))
