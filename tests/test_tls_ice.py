"""HTTPS (a given or self-signed certificate, served by uvicorn) and the configured ICE servers."""
from __future__ import annotations

import logging
import ssl
import stat

import httpx
import pytest

from server.app import create_app
from server.cli import _HideTokens, _open_urls
from server.ice import parse_ice_server, rtc_ice_servers
from server.models import Models
from server.tls import certificate_names, machine_names, self_signed, tls_files
from tests.conftest import TOKEN, running_app, uvicorn_thread


def test_the_self_signed_certificate_covers_this_machine_and_is_kept(tmp_path):
    names = machine_names()
    assert {"localhost", "127.0.0.1", "::1"} <= set(names)
    cert, key = self_signed(tmp_path / "tls", names)
    assert set(names) <= set(certificate_names(cert))
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    made = cert.read_bytes()
    assert self_signed(tmp_path / "tls", names)[0].read_bytes() == made  # kept, not made again
    assert self_signed(tmp_path / "tls", [*names, "new-name.local"])[0].read_bytes() != made  # names changed


def test_tls_needs_both_files(settings, tmp_path):
    with pytest.raises(ValueError, match="both"):
        tls_files(settings.model_copy(update={"tls_cert": tmp_path / "cert.pem"}))
    assert tls_files(settings) is None


def test_https_serves_the_page_and_the_certificate_names_are_allowed_hosts(settings, tmp_path):
    models = Models(settings)
    models.ready_event.set()
    cert, key, names = tls_files(settings.model_copy(update={"tls_self_signed": True, "cache_dir": tmp_path}))
    app = create_app(settings, models, more_hosts=tuple(names))
    with uvicorn_thread(app, ssl_certfile=str(cert), ssl_keyfile=str(key)) as port:
        trust = ssl.create_default_context(cafile=str(cert))
        with httpx.Client(base_url=f"https://127.0.0.1:{port}", verify=trust) as http:
            login = http.get(f"/?token={TOKEN}")
            assert login.status_code == 303 and "Secure" in login.headers["set-cookie"]
            assert http.get("/api/status").json()["authenticated"] is True  # the cookie went back over TLS
            lan_name = next(n for n in names if n not in ("localhost", "127.0.0.1", "::1"))
            assert http.get("/healthz", headers={"Host": lan_name}).status_code == 200
            assert http.get("/healthz", headers={"Host": "evil.example"}).status_code == 400
        with pytest.raises(httpx.ConnectError):  # an untrusted certificate is refused by default
            httpx.get(f"https://127.0.0.1:{port}/healthz")


def test_serve_prints_a_ready_to_open_url_and_logs_hide_the_token(settings):
    assert _open_urls(settings, "http", TOKEN, []) == [f"http://127.0.0.1:8000/?token={TOKEN}"]
    lan = settings.model_copy(update={"host": "0.0.0.0"})
    urls = _open_urls(lan, "https", TOKEN, ["localhost", "127.0.0.1", "192.168.1.20", "fe80::1"])
    assert urls[1] == f"https://192.168.1.20:8000/?token={TOKEN}" and urls[2].startswith("https://[fe80::1]:8000/")
    record = logging.LogRecord("uvicorn.access", logging.INFO, "", 0, '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5000", "GET", f"/?token={TOKEN}", "1.1", 303), None)
    _HideTokens().filter(record)
    assert TOKEN not in record.getMessage()


def test_ice_server_urls_carry_turn_credentials():
    turn = parse_ice_server("turn:alice:s3cret@turn.example.org:3478?transport=tcp")
    assert turn == {"urls": "turn:turn.example.org:3478?transport=tcp", "username": "alice", "credential": "s3cret"}
    [server] = rtc_ice_servers([turn])  # what the server's RTCPeerConnection is configured with
    assert (server.urls, server.username, server.credential) == (turn["urls"], "alice", "s3cret")
    for bad in ("turn:turn.example.org:3478", "http://example.org", "stun:"):
        with pytest.raises(ValueError):
            parse_ice_server(bad)


async def test_the_page_and_the_server_get_the_configured_ice_servers(settings):
    models = Models(settings)
    models.ready_event.set()
    configured = settings.model_copy(update={"ice_servers": ["stun:stun.example.org:3478",
                                                             "turn:alice:s3cret@turn.example.org:3478"]})
    async with running_app(configured, models) as (_, http):
        servers = (await http.get("/api/status")).json()["ice_servers"]
        assert servers == [{"urls": "stun:stun.example.org:3478"},
                           {"urls": "turn:turn.example.org:3478", "username": "alice", "credential": "s3cret"}]
        http.headers.pop("Authorization")
        assert (await http.get("/api/status")).json()["ice_servers"] == []  # TURN credentials need the token
