"""Slots for live sessions.

A slot is taken synchronously, before the offer handler's first await, and held from then until
the session ends (or the offer fails): concurrent offers cannot overshoot the limit, and offers
whose peer never connects are counted until they are reaped.
"""
from __future__ import annotations

import collections

from fastapi import HTTPException


class Slot:
    """One admitted offer or live session; `release()` is idempotent."""

    def __init__(self, admission: Admission, client: str) -> None:
        self._admission = admission
        self.client = client
        self.released = False

    def release(self) -> None:
        if not self.released:
            self.released = True
            self._admission._free(self.client)


class Admission:
    def __init__(self, max_sessions: int, max_per_client: int) -> None:
        self.max_sessions = max_sessions
        self.max_per_client = max_per_client
        self.taken = 0
        self._per_client: collections.Counter[str] = collections.Counter()

    def take(self, client: str) -> Slot:
        """A slot for `client` (its IP address), or 503 when the server is full, 429 when this
        client already holds its share."""
        if self.taken >= self.max_sessions:
            raise HTTPException(503, f"the server is full ({self.max_sessions} sessions)", headers={"Retry-After": "10"})
        if self._per_client[client] >= self.max_per_client:
            raise HTTPException(429, f"this address already has {self.max_per_client} sessions; end one first",
                                headers={"Retry-After": "10"})
        self.taken += 1
        self._per_client[client] += 1
        return Slot(self, client)

    def _free(self, client: str) -> None:
        self.taken -= 1
        self._per_client[client] -= 1
        if self._per_client[client] <= 0:
            del self._per_client[client]
