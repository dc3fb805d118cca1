"""The command line explains itself, and --log-json writes one JSON object per line."""
import json
import logging
import subprocess
import sys
import typing

import pytest

from server.cli import LOG_ARG_CHARS, LOG_LINE_CHARS, ClipLongText, _JsonFormatter, _settings, main
from server.config import Settings
from server.session import _SessionLog


def test_serve_help_lists_every_setting_with_its_env_var():
    out = subprocess.run([sys.executable, "-m", "server.cli", "serve", "--help"], capture_output=True, text=True,
                         check=True).stdout
    for name, field in Settings.model_fields.items():
        repeatable = typing.get_origin(field.annotation) is list  # --ice-server, once per server
        assert "--" + (name.removesuffix("s") if repeatable else name).replace("_", "-") in out
        assert f"LIVESIGHT_{name.upper()}" in out


def test_repeatable_flags_collect_a_list():
    import argparse

    from server.cli import _add_setting_flags

    parser = argparse.ArgumentParser()
    _add_setting_flags(parser)
    args = parser.parse_args(["--ice-server", "stun:stun.example.org:3478", "--ice-server", "turn:u:p@t.example.org:3478",
                              "--no-auth", "--allowed-hosts", "a.example,b.example"])
    settings = _settings(args)
    assert settings.ice_servers == ["stun:stun.example.org:3478", "turn:u:p@t.example.org:3478"]
    assert settings.auth is False and settings.allowed_hosts == "a.example,b.example"


def test_flags_override_env(monkeypatch):
    import argparse

    monkeypatch.setenv("LIVESIGHT_PORT", "9100")
    assert _settings(argparse.Namespace(port=None)).port == 9100
    assert _settings(argparse.Namespace(port="9200")).port == 9200


def test_json_logs_carry_session_and_stream_time(capsys):
    class FakeSession:
        id = "abc123def456"
        audio_time = 12.345

    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(_JsonFormatter())
    logger = logging.getLogger("livesight.test")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    _SessionLog(logger, {"session": FakeSession()}).info("heard: %s", "hello")
    entry = json.loads(capsys.readouterr().out.strip())
    assert entry["session_id"] == "abc123def456" and entry["stream_time"] == 12.35
    assert entry["message"].endswith("heard: hello") and entry["level"] == "INFO"


def test_client_text_in_log_lines_is_cut(capsys):
    handler = logging.StreamHandler(sys.stdout)
    handler.addFilter(ClipLongText())
    logger = logging.getLogger("livesight.test.clip")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.info("heard: %s (%d words, %r)", "why " * 50000, 50000, {"text": "x" * 10000})
    logger.info("typed: " + "y" * 100000)  # formatted by the caller: the line is cut instead
    first, second = capsys.readouterr().out.splitlines()
    assert len(first) < 3 * LOG_ARG_CHARS and "50000 words" in first and "(+199800 chars)" in first
    assert len(second) < LOG_LINE_CHARS + 40


def test_unknown_command_fails_with_usage():
    with pytest.raises(SystemExit) as exc:
        main(["fly"])
    assert exc.value.code == 2
