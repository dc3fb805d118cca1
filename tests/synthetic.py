"""Synthetic streams for tests and benchmarks: scenes of big words on coloured backgrounds,
rendered to pixels so the real frame features (and OCR) see something like a real screen; and a
hashing text embedder for when vectors need to be deterministic and cheap rather than meaningful."""

from __future__ import annotations

import dataclasses
import functools
import shutil
import subprocess
import zlib
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from memory.text import tokens
from perception.events import FrameFeatures, Transcript, VideoFrame
from perception.vision import cheap_features


@functools.lru_cache(maxsize=2)
def _font_file(pattern: str) -> str | None:
    """A font file found by fontconfig (Debian's fonts-dejavu-core in CI), or None."""
    if shutil.which("fc-match") is None:
        return None
    found = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True)
    return found.stdout.strip() or None


def sans_font(size: int, bold: bool = True) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A sans font for rendered words; PIL's own scalable default when fontconfig finds none."""
    path = _font_file("DejaVu Sans:bold" if bold else "DejaVu Sans")
    if path is not None:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            pass
    return ImageFont.load_default(size=size)


def render(
    text: str, background: tuple[int, int, int], size: tuple[int, int] = (640, 360), noise: int = 0
) -> np.ndarray:
    """Big black (or white, on dark colours) words, one line per 20 characters; `noise` seeds
    sensor-like noise so consecutive frames of one scene are not byte-identical."""
    img = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(img)
    ink = "black" if sum(background) > 300 else "white"
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) > 20:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    for i, row in enumerate(lines):
        draw.text((30, 30 + i * 80), row, fill=ink, font=sans_font(56))
    rgb = np.asarray(img)
    if noise:
        jitter = np.random.default_rng(noise).normal(0, 3.0, rgb.shape)
        rgb = np.clip(rgb + jitter, 0, 255).astype(np.uint8)
    return rgb


def frame(session_id: str, source: str, t: float, rgb: np.ndarray) -> VideoFrame:
    return VideoFrame(session_id, source, t, rgb)


def features(
    session_id: str, source: str, t: float, text: str, background: tuple[int, int, int], noise: int = 0
) -> FrameFeatures:
    """Real cheap features of a rendered scene, with its words standing in for OCR."""
    f = cheap_features(frame(session_id, source, t, render(text, background, noise=noise)))
    return dataclasses.replace(f, text=text)


def at(f: FrameFeatures, t: float) -> FrameFeatures:
    """The same picture seen again at another time (features are reused, not recomputed)."""
    return dataclasses.replace(f, t=t)


@dataclass(frozen=True)
class Scene:
    """A stretch of the stream: what the screen shows and what is said during it."""

    start: float
    end: float
    text: str
    background: tuple[int, int, int]
    #: (start, end, text) of utterances
    said: tuple[tuple[float, float, str], ...] = ()


def transcripts(session_id: str, scenes: list[Scene]) -> list[Transcript]:
    return [Transcript(session_id, s, e, text) for scene in scenes for s, e, text in scene.said]


class HashingEmbedder:
    """Signed feature hashing of content tokens: for benchmarks and store tests, where
    the vectors need to be deterministic and cheap rather than meaningful."""

    def __init__(self, dim: int = 384) -> None:
        self.dim = dim
        self.name = f"hashing-{dim}"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), np.float32)
        for row, text in enumerate(texts):
            for token in tokens(text):
                h = zlib.crc32(token.encode())
                out[row, h % self.dim] += 1.0 if (h >> 31) & 1 else -1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out
