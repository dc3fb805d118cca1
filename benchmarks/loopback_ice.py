"""Loopback-only ICE for a process outside the Livesight venv (the pipecat / fastrtc peers).

The same two patches as server/ice.py, with no import from the project: aioice offers only
127.0.0.1 as a host candidate and ignores connectivity checks from any other address. Import
it (or put its directory on PYTHONPATH and `import loopback_ice`) before any peer is created.
"""
from __future__ import annotations

import aioice.ice

_original_request_received = aioice.ice.Connection.request_received


def _loopback_addresses(use_ipv4: bool, use_ipv6: bool) -> list[str]:
    return ["127.0.0.1"] if use_ipv4 else []


def _loopback_requests_only(self, message, addr, protocol, *args, **kwargs):
    if not (addr[0].startswith("127.") or addr[0] == "::1"):
        return None
    return _original_request_received(self, message, addr, protocol, *args, **kwargs)


def restrict_ice_to_loopback() -> None:
    aioice.ice.get_host_addresses = _loopback_addresses
    aioice.ice.Connection.request_received = _loopback_requests_only


restrict_ice_to_loopback()
