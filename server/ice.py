"""Loopback-only ICE.

aioice gathers host candidates on every interface except 127.0.0.1. On a machine that may only
talk to itself (tests, these sandboxes, a laptop demo), that leaves no usable candidate, so with
`ice_loopback` the server offers exactly 127.0.0.1 and ignores connectivity checks from any
other address (a browser also probes from its other interfaces).
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
    """Process-wide: every peer connection created afterwards stays on 127.0.0.1."""
    aioice.ice.get_host_addresses = _loopback_addresses
    aioice.ice.Connection.request_received = _loopback_requests_only
