"""Who may use the server: the access token, per-session tokens, allowed Host names, same-origin writes.

Like Jupyter: one deployment token (given, or generated at start and printed as a URL). The page
trades `/?token=…` for an HttpOnly, SameSite=Strict cookie; API clients send
`Authorization: Bearer <token>`. Every accepted offer also gets a session token,
`<session id>.<HMAC of the id under the deployment token>`, that opens that session's memory and
hang-up and nothing else: it needs no table (nothing grows), it names the session it belongs to
(so another session's token is told apart from a wrong one: 403, not 401), and it stays valid
across restarts that keep the deployment token.

The Host check defeats DNS rebinding (a hostile page whose name resolves to 127.0.0.1); the
Origin check refuses state-changing requests a page of another site sends with the user's cookie
(SameSite=Strict already withholds it; this is the second lock).
"""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import secrets
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from fastapi import Depends, HTTPException, Request
from fastapi.security import APIKeyCookie, HTTPBearer

COOKIE = "livesight_token"
#: Host names always answered: a browser on the machine itself
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

# declared for the OpenAPI document (clients and the schemathesis fuzz see how to authenticate)
bearer_scheme = HTTPBearer(auto_error=False, description="the deployment token or a session token")
cookie_scheme = APIKeyCookie(name=COOKIE, auto_error=False, description="set by opening /?token=…")


def _unauthorized(message: str) -> HTTPException:
    return HTTPException(401, message, headers={"WWW-Authenticate": "Bearer"})


class Auth:
    """Checks credentials; `token=None` turns checking off (`--no-auth`, documented as unsafe)."""

    def __init__(self, token: str | None) -> None:
        self.token = token
        self._key = (token or secrets.token_urlsafe(32)).encode()

    @property
    def enabled(self) -> bool:
        return self.token is not None

    def session_token(self, session_id: str) -> str:
        mac = hmac.new(self._key, b"session:" + session_id.encode(), hashlib.sha256).hexdigest()[:32]
        return f"{session_id}.{mac}"

    @staticmethod
    def presented(request: Request) -> str | None:
        """The token a request carries: the bearer header first, then the page's cookie."""
        scheme, _, value = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and value.strip():
            return value.strip()
        return request.cookies.get(COOKIE) or None

    def is_deployment(self, token: str | None) -> bool:
        return token is not None and self.token is not None and hmac.compare_digest(token.encode(), self.token.encode())

    def _is_session(self, token: str, session_id: str) -> bool:
        return hmac.compare_digest(token.encode(), self.session_token(session_id).encode())

    def _refuse(self, token: str | None, what: str) -> HTTPException:
        if token is None:
            return _unauthorized(f"{what} needs the access token: open the URL `livesight serve` printed, or "
                                 "send 'Authorization: Bearer <token>'")
        owner = token.partition(".")[0]
        if "." in token and self._is_session(token, owner):
            return HTTPException(403, f"this session token opens only its own session; {what} needs another")
        return _unauthorized("the token is not valid here")

    def operator(self, request: Request) -> bool:
        """True when the request carries the deployment token (or checking is off)."""
        return not self.enabled or self.is_deployment(self.presented(request))

    def require_operator(self, request: Request) -> None:
        """Dependency: the deployment token (or no checking)."""
        if not self.operator(request):
            raise self._refuse(self.presented(request), "this endpoint")

    def require_session(self, request: Request, session_id: str) -> None:
        """Dependency: the deployment token, or the token of the session named in the path."""
        token = self.presented(request)
        if not self.enabled or self.is_deployment(token) or (token is not None and self._is_session(token, session_id)):
            return
        raise self._refuse(token, "this session")

    def operator_only(self) -> list[Any]:
        """`dependencies=` for a route only the deployment token opens."""
        return [Depends(bearer_scheme), Depends(cookie_scheme), Depends(self.require_operator)]

    def session_only(self) -> list[Any]:
        """`dependencies=` for a route of one session (path parameter `session_id`)."""
        return [Depends(bearer_scheme), Depends(cookie_scheme), Depends(self.require_session)]

    def login(self, token: str) -> bool:
        """Whether `/?token=…` may be traded for the cookie."""
        return not self.enabled or self.is_deployment(token)


def host_name(host_header: str) -> str:
    """'Example.org:8000' → 'example.org'; '[::1]:8000' → '::1'."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:].partition("]")[0]
    if host.count(":") == 1:
        return host.partition(":")[0]
    return host


def allowed_hosts(extra: str, more: Iterable[str] = ()) -> frozenset[str] | None:
    """Loopback names + `extra` (comma-separated) + `more`; None when `extra` holds '*' (any host)."""
    names = [n.strip().lower() for n in extra.split(",") if n.strip()]
    if "*" in names:
        return None
    return frozenset({*LOOPBACK_HOSTS, *names, *(m.lower() for m in more)})


def _is_loopback_ip(name: str) -> bool:
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class RequestGuard:
    """ASGI middleware that refuses, before any route runs, a Host not allowed (400) and a
    state-changing request whose Origin is another site (403)."""

    def __init__(self, app: Any, hosts: frozenset[str] | None) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        name = host_name(host)
        if self.hosts is not None and name not in self.hosts and not _is_loopback_ip(name):
            return await _reply(send, 400, f"host {host[:100]!r} is not served here; add it with --allowed-hosts")
        origin = headers.get("origin")
        if origin is not None and scope["method"] not in _SAFE_METHODS and not _same_origin(origin, host):
            return await _reply(send, 403, "cross-site request refused: the Origin is not this server")
        await self.app(scope, receive, send)


def _same_origin(origin: str, host: str) -> bool:
    if origin == "null":
        return False
    parts = urlsplit(origin)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host.strip().lower()


async def _reply(send: Any, status: int, message: str) -> None:
    body = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
