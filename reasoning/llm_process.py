"""The embedded LLM in a supervised child process.

Token-by-token generation takes the GIL for every step; beside the event loop that paces outbound
audio and the ASR thread, a 135M model ran at half speed in one process. In a child process
(`python -m reasoning.llm_process`) it keeps its speed and the event loop keeps its latency.

The parent and the child exchange pickled tuples over a `multiprocessing` pipe (length-framed):
    parent → child  ("ask", id, messages, deadline_s) | ("cancel", id)
    child → parent  ("ready",) | ("piece", id, text) | ("done", id, error or None)
The child answers one request at a time. Requests wait in the parent, so a cancel of a queued
request just removes it; the one running gets a cancel message, acted on at its next token. Every
request is bounded (`max_new_tokens`, the prompt clipped to the context, `ANSWER_DEADLINE_S`), so
one session's answer holds the others up for a second or two at most.

When the child dies, every request in flight ends with `RESTARTED`, the child is reaped, and a new
one is started after a backoff; `healthy` is False meanwhile (the server's /readyz says 503). A
child that hangs (nothing on a running request for `STALL_S`) is killed and goes the same way.
"""
from __future__ import annotations

import asyncio
import collections
import itertools
import logging
import multiprocessing
import os
import queue
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, AsyncIterator

from reasoning.backend import BackendError
from reasoning.embedded import CONTEXT_TOKENS, MAX_NEW_TOKENS

log = logging.getLogger(__name__)

#: The model generates far faster than speech plays (~37 tokens/s against ~3 spoken words/s), but
#: while it writes the rest of an answer, piper is synthesising the first piece: at equal priority
#: on 2 cores that piece took 0.25 s (p50) instead of 0.12 s. A lower priority costs the model
#: nothing when a core is free.
_NICENESS = 10

#: an answer is cut after this long in the child, whatever the token count: others may be waiting
ANSWER_DEADLINE_S = 10.0
#: a running request that gets no word from the child for this long means the child hangs: it is
#: killed, and so restarted like a dead one
STALL_S = 30.0
#: what the user hears when the child died under their question
RESTARTED = "the answering model restarted; please ask again"
FAILED = "the answering model could not answer that; please ask again"
#: delay before restarting a dead child: doubles on each death within `_STABLE_S` of its start
_BACKOFF_FIRST_S = 0.5
_BACKOFF_MAX_S = 30.0
_STABLE_S = 60.0


@dataclass(eq=False)
class _Request:
    id: int
    messages: list[dict[str, str]]
    loop: asyncio.AbstractEventLoop
    events: asyncio.Queue = field(default_factory=asyncio.Queue)
    finished: bool = False
    #: when the child was last heard from about this request (or given it)
    heard_at: float = 0.0

    def deliver(self, kind: str, value: str | None) -> None:
        """From the reader thread into the asking coroutine's loop."""
        try:
            self.loop.call_soon_threadsafe(self.events.put_nowait, (kind, value))
        except RuntimeError:  # the asker's loop has closed: nobody is listening
            pass


class ProcessLM:
    """Streams chat answers from the child; restarts it when it dies."""

    def __init__(self, model_dir: Path, max_new_tokens: int = MAX_NEW_TOKENS, context_tokens: int = CONTEXT_TOKENS,
                 start_timeout_s: float = 180.0, stall_s: float = STALL_S) -> None:
        self._command = [sys.executable, "-m", "reasoning.llm_process", str(model_dir), str(max_new_tokens),
                         str(context_tokens)]
        self._start_timeout_s = start_timeout_s
        self._stall_s = stall_s
        self._lock = threading.Lock()  # guards everything below and every send to the child
        self._waiting: collections.deque[_Request] = collections.deque()
        self._current: _Request | None = None
        self._process: subprocess.Popen | None = None
        self._conn: Connection | None = None
        self._ids = itertools.count(1)
        self._closed = threading.Event()
        self._backoff_s = _BACKOFF_FIRST_S
        #: how many times the child was restarted after dying
        self.restarts = 0
        self._start()

    # ---------------------------------------------------------------- the child
    def _start(self) -> None:
        """Start a child and wait for its model to load; RuntimeError when it does not."""
        ours, theirs = multiprocessing.Pipe()
        process = subprocess.Popen([*self._command, str(theirs.fileno())], pass_fds=[theirs.fileno()],
                                   stdin=subprocess.DEVNULL)
        theirs.close()
        deadline = time.monotonic() + self._start_timeout_s
        try:
            while not ours.poll(0.5):
                if process.poll() is not None or time.monotonic() > deadline or self._closed.is_set():
                    raise RuntimeError("the LLM process did not start (see its error output above)")
            ready = ours.recv()
            if ready != ("ready",):
                raise RuntimeError(f"the LLM process said {ready!r} instead of being ready")
        except (RuntimeError, EOFError, OSError) as exc:
            ours.close()
            _reap(process)
            raise RuntimeError(str(exc)) from None
        with self._lock:
            if self._closed.is_set():  # closed while this one was loading
                ours.close()
                _reap(process)
                raise RuntimeError("the LLM process was closed while starting")
            self._process, self._conn = process, ours
            started = time.monotonic()
            self._dispatch()
        threading.Thread(target=self._read, args=(ours, process, started), name="llm-reader", daemon=True).start()

    def _read(self, conn: Connection, process: subprocess.Popen, started: float) -> None:
        """Route the child's messages to their requests until it exits; then restart it."""
        try:
            while True:
                kind, request_id, *rest = conn.recv()
                with self._lock:
                    request = self._current
                    if request is None or request.id != request_id:
                        continue  # cannot happen: one request at a time
                    request.heard_at = time.monotonic()
                    if kind == "piece":
                        request.deliver("piece", rest[0])
                        continue
                    if rest[0] is not None:
                        log.warning("the LLM process failed on request %d: %s", request_id, rest[0])
                    request.finished = True
                    request.deliver("done", None if rest[0] is None else FAILED)
                    self._current = None
                    self._dispatch()
        except (EOFError, OSError):
            pass
        with self._lock:
            self._conn = self._process = None
            lost = ([self._current] if self._current is not None else []) + list(self._waiting)
            self._current = None
            self._waiting.clear()
            for request in lost:
                request.finished = True
                request.deliver("done", RESTARTED)
        conn.close()
        code = _reap(process)
        if self._closed.is_set():
            return
        log.error("the LLM process exited (code %s); restarting it", code)
        self._restart(time.monotonic() - started)

    def _restart(self, lived_s: float) -> None:
        if lived_s > _STABLE_S:
            self._backoff_s = _BACKOFF_FIRST_S
        while not self._closed.wait(self._backoff_s):
            self._backoff_s = min(2 * self._backoff_s, _BACKOFF_MAX_S)
            try:
                self._start()
            except RuntimeError:
                log.exception("restarting the LLM process failed; trying again in %.1f s", self._backoff_s)
                continue
            self.restarts += 1
            log.info("the LLM process is back (restart %d)", self.restarts)
            return

    @property
    def healthy(self) -> bool:
        """The child is up and answering (False while it restarts, and after close)."""
        return self._conn is not None and not self._closed.is_set()

    @property
    def pid(self) -> int | None:
        process = self._process
        return process.pid if process is not None else None

    # ---------------------------------------------------------------- requests
    def _dispatch(self) -> None:
        """Give the child the oldest waiting request when it is idle (caller holds the lock)."""
        if self._current is not None or self._conn is None or not self._waiting:
            return
        request = self._waiting.popleft()
        try:
            self._conn.send(("ask", request.id, request.messages, ANSWER_DEADLINE_S))
        except OSError:  # the child just died: the reader fails the rest and restarts it
            request.finished = True
            request.deliver("done", RESTARTED)
            return
        self._current = request
        request.heard_at = time.monotonic()

    def _cancel(self, request: _Request) -> None:
        with self._lock:
            if request.finished:
                return
            if request in self._waiting:
                self._waiting.remove(request)
                request.finished = True
            elif self._current is request and self._conn is not None:
                try:
                    self._conn.send(("cancel", request.id))
                except OSError:
                    pass  # the child is gone; the reader handles that

    async def stream(self, messages: list[dict[str, str]]) -> AsyncIterator[str]:
        """The answer's text as the child writes it; closing the iterator cancels the request,
        queued or running."""
        if not self.healthy:
            raise BackendError(RESTARTED)
        request = _Request(next(self._ids), messages, asyncio.get_running_loop())
        with self._lock:
            self._waiting.append(request)
            self._dispatch()
        try:
            while True:
                try:
                    kind, value = await asyncio.wait_for(request.events.get(), self._stall_s)
                except TimeoutError:
                    self._kill_if_stalled(request)
                    continue
                if kind == "piece":
                    yield value
                elif value is None:
                    return
                else:
                    raise BackendError(value)
        finally:
            self._cancel(request)

    def _kill_if_stalled(self, request: _Request) -> None:
        """The child hangs on this request: kill it (the reader then fails the request and
        restarts the child). A request still queued behind others is just waiting."""
        with self._lock:
            if self._current is not request or time.monotonic() - request.heard_at < self._stall_s:
                return
            process = self._process
        if process is not None:
            log.error("the LLM process hangs (nothing for %.0f s); killing it", self._stall_s)
            process.kill()

    def close(self) -> None:
        """Stop the child (it exits when its pipe closes) and reap it; no restart follows."""
        self._closed.set()
        with self._lock:
            conn, process = self._conn, self._process
            self._conn = None
        if conn is not None:
            conn.close()
        if process is not None:
            _reap(process)


def _reap(process: subprocess.Popen, grace_s: float = 5.0) -> int | None:
    """Wait for the child to exit (killing it after `grace_s`), so no zombie is left."""
    try:
        return process.wait(grace_s)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait()


def _serve(model_dir: str, max_new_tokens: int, context_tokens: int, fd: int) -> None:
    # the child only tokenizes and runs CTranslate2, but transformers imports torch whenever it can
    # (~190 MB of the child's ~480); marked missing, it keeps to tokenizers
    sys.modules["torch"] = None  # type: ignore[assignment]
    os.environ["TRANSFORMERS_VERBOSITY"] = "error"  # (it would say so at every start)
    from reasoning.embedded import Ct2LM

    os.nice(_NICENESS)
    conn = Connection(fd)
    llm = Ct2LM(Path(model_dir), max_new_tokens, context_tokens=context_tokens)
    asks: queue.Queue[tuple[Any, ...] | None] = queue.Queue()
    cancel = threading.Event()
    current = {"id": None}

    def read() -> None:
        """Takes cancels while the main thread generates; the parent sends one ask at a time."""
        try:
            while True:
                message = conn.recv()
                if message[0] == "ask":
                    current["id"] = message[1]
                    cancel.clear()
                    asks.put(message)
                elif message[1] == current["id"]:
                    cancel.set()
        except (EOFError, OSError):
            cancel.set()
            asks.put(None)

    threading.Thread(target=read, name="llm-requests", daemon=True).start()
    conn.send(("ready",))
    while (ask := asks.get()) is not None:
        _, request_id, messages, deadline_s = ask
        ends = time.monotonic() + deadline_s
        error = None
        try:
            for piece in llm.generate(messages, cancel):
                conn.send(("piece", request_id, piece))
                if time.monotonic() > ends:
                    break
        except (EOFError, OSError):
            return  # the parent went away
        except Exception as exc:  # noqa: BLE001 - reported to the parent; the worker lives on
            error = f"{type(exc).__name__}: {exc}"
        conn.send(("done", request_id, error))


if __name__ == "__main__":
    _serve(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
