"""`livesight` — the one command line. Every setting is a flag here and an env var LIVESIGHT_*."""
from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
import typing

from server.config import Settings

_EXAMPLES = """examples:
  livesight serve                         # http://127.0.0.1:8000, embedded models, no GPU
  livesight serve --port 9000 --ice-loopback
  livesight serve --host 0.0.0.0 --tls-self-signed        # HTTPS for phones and laptops on the LAN
  livesight serve --tls-cert cert.pem --tls-key key.pem --allowed-hosts livesight.example.org
  livesight serve --ice-server stun:stun.example.org:3478 --ice-server turn:USER:PASS@turn.example.org:3478
  LIVESIGHT_LLM_BACKEND=vllm LIVESIGHT_VLLM_BASE_URL=http://gpu:8000/v1 livesight serve
  livesight models                        # load every model once and report how long it took
"""


def _add_setting_flags(parser: argparse.ArgumentParser) -> None:
    for name, field in Settings.model_fields.items():
        flag = "--" + name.replace("_", "-")
        env = f"LIVESIGHT_{name.upper()}"
        default = field.default
        help_text = f"{field.description} (env {env}; default: {default})"
        if typing.get_origin(field.annotation) is list:  # repeatable, named in the singular
            parser.add_argument("--" + name.removesuffix("s").replace("_", "-"), dest=name, action="append",
                                default=None, metavar="URL", help=f"{field.description} (env {env})")
            continue
        if field.annotation is bool:
            parser.add_argument(flag, dest=name, action=argparse.BooleanOptionalAction, default=None, help=help_text)
            continue
        choices = None
        origin_args = typing.get_args(field.annotation)
        if typing.get_origin(field.annotation) is typing.Literal:
            choices = list(origin_args)
        parser.add_argument(flag, dest=name, default=None, choices=choices, metavar=name.split("_")[-1].upper()
                            if choices is None else None, help=help_text)


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {name: getattr(args, name) for name in Settings.model_fields if getattr(args, name, None) is not None}
    return Settings(**overrides)


class _JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": round(record.created, 3), "level": record.levelname, "logger": record.name,
                 "message": record.getMessage()}
        for key in ("session_id", "stream_time"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry)


#: longest text a log argument keeps (client-controlled: questions, messages, SDP); the whole
#: line is cut at LOG_LINE_CHARS
LOG_ARG_CHARS = 200
LOG_LINE_CHARS = 2000


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else f"{text[:limit]}… (+{len(text) - limit} chars)"


def _clip_arg(arg: object) -> object:
    """Strings cut; other objects replaced by their cut repr only when it is long (a number
    stays a number for %d)."""
    if isinstance(arg, str):
        return _clip(arg, LOG_ARG_CHARS)
    if isinstance(arg, (int, float)):
        return arg
    text = repr(arg)
    return arg if len(text) <= LOG_ARG_CHARS else _clip(text, LOG_ARG_CHARS)


class ClipLongText(logging.Filter):
    """Cuts long log arguments and lines: a 200 KB question must not become a 200 KB log line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and record.args:
            record.args = tuple(map(_clip_arg, record.args))
        message = record.getMessage()
        if len(message) > LOG_LINE_CHARS:
            record.msg, record.args = _clip(message, LOG_LINE_CHARS), None
        return True


def _configure_logging(settings: Settings) -> None:
    handler = logging.StreamHandler()
    handler.addFilter(ClipLongText())
    handler.setFormatter(_JsonFormatter() if settings.log_json else
                         logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=settings.log_level.upper(), handlers=[handler], force=True)


class _HideTokens(logging.Filter):
    """Access-log lines show `/?token=…` (the page's sign-in URL) without the token."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(re.sub(r"token=[^&\s]*", "token=…", a) if isinstance(a, str) else a
                                for a in record.args)
        return True


def _open_urls(settings: Settings, scheme: str, token: str | None, names: list[str]) -> list[str]:
    wildcard = settings.host in ("0.0.0.0", "::", "")
    hosts = ["127.0.0.1" if wildcard else settings.host]
    if wildcard:
        hosts += [n for n in names if n not in ("localhost", "127.0.0.1", "::1")]
    query = f"?token={token}" if token else ""
    return [f"{scheme}://{f'[{h}]' if ':' in h else h}:{settings.port}/{query}" for h in hosts]


def serve(settings: Settings) -> None:
    import uvicorn

    from server.app import create_app
    from server.tls import tls_files

    _configure_logging(settings)
    logging.getLogger("uvicorn.access").addFilter(_HideTokens())
    tls = tls_files(settings)
    cert, key, names = tls if tls is not None else (None, None, [])
    app = create_app(settings, more_hosts=tuple(names))
    token = app.state.core.auth.token
    urls = _open_urls(settings, "https" if tls else "http", token, names)
    print(f"Livesight: open {urls[0]}  (models load in the background; the page shows progress)", flush=True)
    for url in urls[1:]:
        print(f"  from another device: {url}", flush=True)
    if token is None:
        print("WARNING: --no-auth: anyone who reaches this port reads and deletes every session's memory", flush=True)
    uvicorn.run(app, host=settings.host, port=settings.port, log_config=None, log_level=settings.log_level.lower(),
                ssl_certfile=str(cert) if cert else None, ssl_keyfile=str(key) if key else None)


def load_models(settings: Settings) -> int:
    from server.models import Models

    _configure_logging(settings)
    models = Models(settings)
    started = time.monotonic()
    models.load()
    for step in models.steps.values():
        print(f"{step.name:32s} {step.state:7s} {step.seconds:6.2f} s {step.error}")
    print(f"{'total':32s} {'':7s} {time.monotonic() - started:6.2f} s")
    return 1 if models.failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="livesight",
        description="Livesight: a real-time assistant that watches and listens over WebRTC, remembers, "
                    "and answers spoken questions about the stream by voice.",
        epilog=_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve_parser = commands.add_parser("serve", help="run the server and the web page",
                                       description="Run the HTTP/WebRTC server and serve the page at /.")
    models_parser = commands.add_parser("models", help="load every model once and report timings",
                                        description="Load (and, the first time, convert) every configured model.")
    for sub in (serve_parser, models_parser):
        _add_setting_flags(sub)
    args = parser.parse_args(argv)
    settings = _settings(args)
    if args.command == "serve":
        serve(settings)
        return 0
    return load_models(settings)


if __name__ == "__main__":
    sys.exit(main())
