"""Bounded queues between stages: backpressure with every drop counted, never silent."""
from __future__ import annotations

import asyncio
import collections
from typing import Awaitable, Callable, Generic, TypeVar

T = TypeVar("T")
U = TypeVar("U")

#: drops per stage name, across the process (exported as metrics)
DROPS: collections.Counter[str] = collections.Counter()


class StageQueue(asyncio.Queue, Generic[T]):
    """An asyncio.Queue with a name and a policy for when it is full.

    `offer` never blocks: `drop_oldest` keeps the latest items (video frames), `drop_newest`
    refuses the new one (ASR work that cannot keep up). Either way the drop is counted.
    """

    def __init__(self, name: str, maxsize: int, policy: str = "drop_newest") -> None:
        super().__init__(maxsize)
        if policy not in ("drop_oldest", "drop_newest"):
            raise ValueError(f"unknown queue policy {policy!r}")
        self.name = name
        self.policy = policy
        self.dropped = 0

    def offer(self, item: T) -> bool:
        """Put without waiting; returns False when an item (old or new) was dropped."""
        if not self.full():
            self.put_nowait(item)
            return True
        self.dropped += 1
        DROPS[self.name] += 1
        if self.policy == "drop_oldest":
            self.get_nowait()
            self.task_done()
            self.put_nowait(item)
        return False


async def run_stage(
    inq: asyncio.Queue[T],
    outq: StageQueue[U] | None,
    handle: Callable[[T], Awaitable[U | None]],
    on_error: Callable[[T, Exception], None],
) -> None:
    """The shape of every stage: read one queue, write one queue, until cancelled.

    One item that fails is reported and skipped; the stage keeps serving the next.
    """
    while True:
        item = await inq.get()
        try:
            result = await handle(item)
        except Exception as exc:  # noqa: BLE001 - reported through on_error, never swallowed
            on_error(item, exc)
            continue
        finally:
            inq.task_done()
        if result is not None and outq is not None:
            outq.offer(result)


class TaskSet:
    """A session's named tasks: a failure is reported (never lost), and all are cancelled together."""

    def __init__(self, prefix: str, on_failure: Callable[[asyncio.Task, BaseException], None]) -> None:
        self._prefix = prefix
        self._on_failure = on_failure
        self._tasks: set[asyncio.Task] = set()

    def spawn(self, coro: Awaitable, name: str) -> asyncio.Task:
        task = asyncio.create_task(coro, name=f"{self._prefix}:{name}")
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            self._on_failure(task, task.exception())

    async def cancel_all(self) -> None:
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
