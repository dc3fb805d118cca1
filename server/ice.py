"""ICE: the configured STUN/TURN servers, and loopback-only candidates.

`--ice-server` takes 'stun:HOST:PORT' or 'turn:USER:CREDENTIAL@HOST:PORT[?transport=udp|tcp]'
(also 'turns:'); the credentials are split off into the username/credential fields that
RTCIceServer (aiortc's and the browser's) expects.

Loopback-only ICE:

aioice gathers host candidates on every interface except 127.0.0.1. On a machine that may only
talk to itself (tests, these sandboxes, a laptop demo), that leaves no usable candidate, so with
`ice_loopback` the server offers exactly 127.0.0.1 and ignores connectivity checks from any
other address (a browser also probes from its other interfaces).
"""
from __future__ import annotations

import re
from typing import Any

import aioice.ice
from aiortc import RTCIceServer

from server.private_api import require_verified

_ICE_URL = re.compile(r"^(?P<scheme>stuns?|turns?):(?:(?P<user>[^:@/]+):(?P<credential>[^@/]+)@)?"
                      r"(?P<host>[^:@/?\s]+|\[[0-9A-Fa-f:.]+\])(?::(?P<port>\d{1,5}))?(?P<query>\?transport=(?:udp|tcp))?$")


def parse_ice_server(value: str) -> dict[str, Any]:
    """'turn:alice:s3cret@turn.example.org:3478' → {"urls": "turn:turn.example.org:3478",
    "username": "alice", "credential": "s3cret"} (the shape of RTCIceServer, here and in the page)."""
    match = _ICE_URL.match(value.strip())
    if match is None:
        raise ValueError(f"not an ICE server URL: {value[:100]!r} (want stun:HOST:PORT or "
                         "turn:USER:CREDENTIAL@HOST:PORT)")
    scheme, user = match["scheme"], match["user"]
    if scheme.startswith("turn") and user is None:
        raise ValueError(f"a TURN server needs credentials: {scheme}:USER:CREDENTIAL@HOST:PORT")
    url = f"{scheme}:{match['host']}" + (f":{match['port']}" if match["port"] else "") + (match["query"] or "")
    server: dict[str, Any] = {"urls": url}
    if user is not None:
        server.update(username=user, credential=match["credential"])
    return server


def rtc_ice_servers(servers: list[dict[str, Any]]) -> list[RTCIceServer]:
    return [RTCIceServer(**server) for server in servers]

_original_request_received = aioice.ice.Connection.request_received


def _loopback_addresses(use_ipv4: bool, use_ipv6: bool) -> list[str]:
    return ["127.0.0.1"] if use_ipv4 else []


def _loopback_requests_only(self, message, addr, protocol, *args, **kwargs):
    if not (addr[0].startswith("127.") or addr[0] == "::1"):
        return None
    return _original_request_received(self, message, addr, protocol, *args, **kwargs)


def restrict_ice_to_loopback() -> None:
    """Process-wide: every peer connection created afterwards stays on 127.0.0.1."""
    require_verified("aioice", "server/ice.py (host candidates and connectivity checks)")
    aioice.ice.get_host_addresses = _loopback_addresses
    aioice.ice.Connection.request_received = _loopback_requests_only
