"""Synthetic streams for tests and benchmarks: scenes of big words on coloured backgrounds,
rendered to pixels so the real frame features (and OCR) see something like a real screen."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from perception.events import FrameFeatures, Transcript, VideoFrame
from perception.vision import cheap_features

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(FONT, size)
    except OSError:
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
        draw.text((30, 30 + i * 80), row, fill=ink, font=_font(56))
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
