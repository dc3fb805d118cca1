"""End to end in a real headless Chromium: fake camera and microphone from generated files.

The page connects to a real `livesight serve` process over WebRTC on 127.0.0.1, the question
spoken in the WAV appears in the page's transcript, an answer appears and its audio plays.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--allow-loopback-in-peer-connection", "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream", "--autoplay-policy=no-user-gesture-required",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
]
QUESTION = "Hello assistant, can you hear me?"
TOKEN = "browser-test-token"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def media(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("media")
    speech, wav, y4m = out / "speech.wav", out / "question.wav", out / "camera.y4m"
    subprocess.run(["espeak-ng", "-s", "150", "-w", str(speech), QUESTION], check=True)
    # 4 s of silence first: the fake microphone starts before the peer connection is up
    subprocess.run(["sox", "-n", "-r", "22050", "-c", "1", str(out / "pad.wav"), "trim", "0", "4"], check=True)
    subprocess.run(["sox", str(out / "pad.wav"), str(speech), "-r", "48000", str(wav)], check=True)
    subprocess.run(["ffmpeg", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=640x360:rate=10",
                    "-t", "4", "-pix_fmt", "yuv420p", str(y4m)], check=True)
    return {"wav": wav, "y4m": y4m, "dir": out}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`livesight serve` as a user runs it, on loopback with loopback-only ICE."""
    port = _free_port()
    data = tmp_path_factory.mktemp("data")
    log = open(data / "server.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "server.cli", "serve", "--port", str(port), "--ice-loopback",
         "--data-dir", str(data), "--auth-token", TOKEN], stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        assert proc.poll() is None, (data / "server.log").read_text()[-3000:]
        try:
            if httpx.get(f"{base}/api/status", timeout=2).json()["models"]["ready"]:
                break
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    else:
        pytest.fail("the server did not get ready in 300 s:\n" + (data / "server.log").read_text()[-3000:])
    yield base
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture
def browser_page(media, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True,
            args=FLAGS + [f"--use-file-for-fake-video-capture={media['y4m']}",
                          f"--use-file-for-fake-audio-capture={media['wav']}%noloop"],
            viewport={"width": 1280, "height": 800})
        page = context.pages[0] if context.pages else context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        yield page, errors
        context.close()


@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium is not installed (bash .ci/setup --test)")
def test_page_connects_shows_transcript_and_plays_the_answer(server, browser_page, media):
    page, errors = browser_page
    page.goto(server + "/")  # no cookie yet: the page says how to sign in
    page.wait_for_function("document.querySelector('#models').textContent.startsWith('not signed in')",
                           timeout=30_000)
    page.goto(f"{server}/?token={TOKEN}")  # the URL `livesight serve` prints
    assert page.url == server + "/"  # the token left the address bar for an HttpOnly cookie
    assert page.evaluate("document.cookie") == ""
    page.wait_for_function("document.querySelector('#models').textContent === 'models ready'", timeout=30_000)
    page.click("#start")
    page.wait_for_function("document.querySelector('#status').dataset.state === 'connected'", timeout=30_000)

    page.wait_for_selector("#transcript li.user", timeout=60_000)
    heard = page.inner_text("#transcript li.user").lower()
    assert "hear me" in heard, heard

    page.wait_for_function(
        "[...document.querySelectorAll('#transcript li.assistant span')].some(s => s.textContent.length > 0)",
        timeout=90_000)
    page.wait_for_function(
        "(() => { const a = document.querySelector('#remote-audio'); return a && !a.paused && a.currentTime > 0; })()",
        timeout=30_000)
    # the latency table shows when the answer's first audio went out
    page.wait_for_function(
        "[...document.querySelectorAll('#latency tbody tr td:last-child')].some(td => /^\\d+\\.\\d\\d$/.test(td.textContent))",
        timeout=30_000)
    # the answer's audio arrived with energy, measured by WebRTC itself
    page.wait_for_function("""(async () => {
        const stats = await state.pc.getStats();
        let energy = 0;
        stats.forEach(r => { if (r.type === 'inbound-rtp' && r.kind === 'audio') energy = r.totalAudioEnergy || 0; });
        return energy > 0;
    })()""", timeout=30_000)
    pair = page.evaluate("""(async () => {
        const stats = await state.pc.getStats();
        let pair = null;
        stats.forEach(r => { if (r.type === 'candidate-pair' && r.nominated && r.state === 'succeeded') pair = r; });
        if (!pair) return null;
        return [stats.get(pair.localCandidateId).address, stats.get(pair.remoteCandidateId).address];
    })()""")
    assert pair and all(address.startswith("127.") for address in pair), pair

    page.screenshot(path=str(media["dir"] / "page-1280x800.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(media["dir"] / "page-phone.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1, f"the page scrolls sideways on a phone ({width}px)"
    page.click("#stop")
    assert page.get_attribute("#status", "data-state") == "idle"
    assert not errors, errors
