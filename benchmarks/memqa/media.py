"""Turn a stream script into media: 48 kHz speech/music/singing and the pictures the video shows.

Rendered pieces are cached under `~/.cache/livesight/memqa/` (LIVESIGHT_CACHE overrides the root),
keyed by what they are made of, so a second run spends no time on espeak-ng, resampling or drawing.

Sources (all from Debian packages, see .ci/setup --test): espeak-ng voices; real recorded speech
from pocketsphinx-testdata (LibriVox) and asterisk-core-sounds-en(-wav) (a recorded voice with
transcripts); music from asterisk-moh-opsound-wav; photos from scikit-image; DejaVu fonts.
"""
from __future__ import annotations

import gzip
import hashlib
import os
import re
import subprocess
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from benchmarks.memqa.script import Screen, Sound, Speech, Voice
from tests.synthetic import sans_font

if TYPE_CHECKING:
    from PIL import Image

RATE = 48000
WIDTH, HEIGHT = 640, 360
#: bump when rendering changes, so cached pieces are redone
RENDER_VERSION = "1"
CACHE = Path(os.environ.get("LIVESIGHT_CACHE", "~/.cache/livesight")).expanduser() / "memqa"
LIBRIVOX = Path("/usr/share/pocketsphinx/test/data/librivox")
ASTERISK = Path("/usr/share/asterisk/sounds/en")
ASTERISK_TEXT = Path("/usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz")
MOH = Path("/usr/share/asterisk/moh")
SPEECH_RMS = 0.08  # every voice is brought to about the same loudness, as a microphone's gain would


def _cached(key: str, make: Callable[[], np.ndarray]) -> np.ndarray:
    digest = hashlib.sha1(f"{RENDER_VERSION}|{key}".encode()).hexdigest()[:20]
    path = CACHE / f"{digest}.npy"
    if path.exists():
        return np.load(path)
    value = make()
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp.npy")
    np.save(tmp, value)
    tmp.replace(path)
    return value


def _read_48k(path: Path) -> np.ndarray:
    from tests.peer import read_wav_48k

    return read_wav_48k(path)


def _level(pcm: np.ndarray, rms: float) -> np.ndarray:
    x = pcm.astype(np.float32)
    current = float(np.sqrt(np.mean(x ** 2))) or 1.0
    return np.clip(x * (rms * 32768 / current), -32767, 32767).astype(np.int16)


def _espeak(text: str, voice: Voice) -> np.ndarray:
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "say.wav"
        subprocess.run(["espeak-ng", "-v", voice.name, "-s", str(voice.speed), "-p", str(voice.pitch),
                        "-w", str(wav), text], check=True)
        return _read_48k(wav)


def spoken(text: str, voice: Voice) -> np.ndarray:
    """Text said by an espeak-ng voice, 48 kHz int16 at speech loudness."""
    return _cached(f"espeak|{voice}|{text}", lambda: _level(_espeak(text, voice), SPEECH_RMS))


@cache
def asterisk_transcripts() -> dict[str, str]:
    if not ASTERISK_TEXT.exists():
        return {}
    lines = gzip.decompress(ASTERISK_TEXT.read_bytes()).decode(errors="replace").splitlines()
    return {m.group(1): m.group(2).strip() for line in lines if (m := re.match(r"^([\w/-]+): (.*)$", line))}


@cache
def librivox_transcripts() -> dict[str, str]:
    path = LIBRIVOX / "transcription"
    if not path.exists():
        return {}
    return {m.group(2): m.group(1) for line in path.read_text().splitlines()
            if (m := re.match(r"<s> (.*) </s> \((.*)\)", line.strip()))}


def recording(ref: str) -> tuple[np.ndarray, str]:
    """'librivox:<id>' / 'asterisk:<name>' → (48 kHz pcm at speech loudness, reference transcript)."""
    kind, _, name = ref.partition(":")
    if kind == "librivox":
        path, text = LIBRIVOX / f"{name}.wav", librivox_transcripts().get(name, "")
    elif kind == "asterisk":
        path, text = ASTERISK / f"{name}.wav", asterisk_transcripts().get(name, "")
    else:
        raise ValueError(f"unknown recording {ref!r}")
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run `bash .ci/setup --test` (Debian test packages)")
    return _cached(f"rec|{ref}", lambda: _level(_read_48k(path), SPEECH_RMS)), text


def speech_audio(event: Speech) -> tuple[np.ndarray, str]:
    """A Speech event's audio and the words it says."""
    if event.recording:
        pcm, text = recording(event.recording)
        return pcm, event.text or text
    return spoken(event.text, event.voice), event.text


def _fade(x: np.ndarray, seconds: float = 0.3) -> np.ndarray:
    n = min(int(seconds * RATE), len(x) // 2)
    ramp = np.linspace(0.0, 1.0, n, dtype=np.float32)
    x = x.astype(np.float32)
    x[:n] *= ramp
    x[len(x) - n:] *= ramp[::-1]
    return x


def _music(name: str, seconds: float, offset_s: float = 20.0) -> np.ndarray:
    path = MOH / f"{name}.wav"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run `bash .ci/setup --test` (asterisk-moh-opsound-wav)")
    pcm = _read_48k(path)
    start = int(offset_s * RATE) if len(pcm) > int((offset_s + seconds) * RATE) else 0
    return pcm[start:start + int(seconds * RATE)]


#: sung syllables cycle through these espeak-ng pitches (0–99): a simple tune
SUNG_PITCHES = (40, 55, 70, 62, 48, 75, 58, 45)


def _sung(syllables: str, seconds: float) -> np.ndarray:
    """espeak-ng singing: each syllable drawn out at its own pitch, the tune repeated to fill `seconds`."""
    notes = []
    for i, syllable in enumerate(syllables.split()):
        pcm = _espeak(syllable + syllable[-1] * 4, Voice("en-us+f3", 70, SUNG_PITCHES[i % len(SUNG_PITCHES)]))
        loud = np.nonzero(np.abs(pcm) > 300)[0]
        notes.append(pcm[loud[0]:loud[-1]] if len(loud) else pcm)
    tune = np.concatenate(notes)
    reps = int(np.ceil(seconds * RATE / len(tune)))
    return np.tile(tune, reps)[:int(seconds * RATE)]


_NOTE = {"C": -9, "D": -7, "E": -5, "F": -4, "G": -2, "A": 0, "B": 2}


def _hum(notes: str, seconds: float, note_s: float = 0.5) -> np.ndarray:
    """A pitched synth voice: harmonics with vibrato and a soft envelope per note (a hummed tune)."""
    freqs = [440.0 * 2 ** ((_NOTE[n[0]] + 12 * (int(n[-1]) - 4)) / 12) for n in notes.split()]
    t = np.arange(int(note_s * RATE)) / RATE
    envelope = np.minimum(1.0, t / 0.05) * np.minimum(1.0, (note_s - t) / 0.08)
    tune = []
    for f in freqs:
        phase = 2 * np.pi * np.cumsum(f * (1 + 0.012 * np.sin(2 * np.pi * 5.5 * t))) / RATE
        tune.append(envelope * sum(np.sin(k * phase) / k for k in range(1, 7)))
    wave = np.concatenate(tune)
    return np.tile(wave, int(np.ceil(seconds * RATE / len(wave))))[:int(seconds * RATE)] * 8000


def sound_audio(event: Sound) -> np.ndarray:
    kind, _, arg = event.source.partition(":")
    makers = {"music": _music, "sung": _sung, "hum": _hum}
    if kind not in makers:
        raise ValueError(f"unknown sound {event.source!r}")
    raw = _cached(f"sound|{event.source}|{event.seconds}", lambda: makers[kind](arg, event.seconds).astype(np.int16))
    return _level(_fade(raw), SPEECH_RMS * event.gain * 2).astype(np.int16)


# ---------------------------------------------------------------------------------- pictures
def _photo(name: str) -> Image.Image:
    from PIL import Image
    from skimage import data

    img = np.asarray(getattr(data, name)())
    if img.ndim == 2:
        img = np.stack([img] * 3, axis=-1)
    return Image.fromarray(img[..., :3]).resize((WIDTH, HEIGHT))


#: scene kind → (argument → background picture). Other benchmarks (e.g. camera scenes with people
#: and objects) register their own kinds here; text lines are then drawn on a card over the picture.
SCENES: dict[str, Callable[[str], Image.Image]] = {"photo": _photo}
#: what a scene kind shows in words (e.g. "2 people"): facts of the stream an answer may state
SCENE_FACTS: dict[str, Callable[[str], str]] = {}



def picture(screen: Screen) -> np.ndarray:
    """What the video shows for a Screen: 640×360 RGB."""
    def draw() -> np.ndarray:
        from PIL import Image, ImageDraw

        font = sans_font(screen.size)
        line_h = int(screen.size * 1.35)
        if screen.scene:
            kind, _, arg = screen.scene.partition(":")
            image = SCENES[kind](arg).convert("RGB")
        else:
            image = Image.new("RGB", (WIDTH, HEIGHT), screen.background)
        pen = ImageDraw.Draw(image)
        if screen.lines:
            widths = [pen.textlength(line, font=font) for line in screen.lines]
            x, y = WIDTH // 16, (HEIGHT - line_h * len(screen.lines)) // 2
            if screen.scene:  # a note / label stuck on the scene
                pen.rectangle((x - 12, y - 10, x + max(widths) + 12, y + line_h * len(screen.lines) + 6),
                              fill="#fffbe6", outline="black")
            for i, line in enumerate(screen.lines):
                pen.text((x, y + i * line_h), line, fill="black", font=font)
        return np.asarray(image, dtype=np.uint8)

    return _cached(f"screen|{screen.lines}|{screen.size}|{screen.background}|{screen.scene}", draw)
