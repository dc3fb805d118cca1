"""Camera scenes composed from real photos (scikit-image's astronaut, cameraman, coffee, chelsea,
motorcycle, horse) for tests and the memory-QA camera category.

No package ships a real webcam video, so a scene is a plain wall with photo cut-outs pasted on
it ("sprites"), plus a little sensor noise so that a still scene is not mistaken for a frozen
feed. A scripted stream says which sprites are in view when, and where.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from PIL import Image

WIDTH, HEIGHT = 640, 360

#: photo name → the subject's box in it (x0, y0, x1, y1 as fractions), from the detector's boxes
_CUTOUTS: dict[str, tuple[str, tuple[float, float, float, float]]] = {
    "astronaut": ("astronaut.png", (0.0, 0.0, 0.75, 1.0)),
    "cameraman": ("camera.png", (0.0, 0.1, 0.62, 1.0)),
    "cup": ("coffee.png", (0.0, 0.0, 1.0, 1.0)),
    "cat": ("chelsea.png", (0.0, 0.0, 0.9, 1.0)),
    "motorcycle": ("motorcycle_left.png", (0.12, 0.12, 0.93, 0.91)),
    "horse": ("horse.png", (0.02, 0.0, 0.99, 0.98)),
}


@functools.cache
def photo(name: str) -> np.ndarray:
    """A photo of scikit-image's data directory as H×W×3 uint8 RGB."""
    from pathlib import Path

    import skimage.data

    img = np.asarray(Image.open(Path(skimage.data.__file__).parent / name))
    if img.ndim == 2:
        img = np.stack([img] * 3, -1)
    return np.ascontiguousarray(img[..., :3])


@functools.cache
def cutout(sprite: str) -> np.ndarray:
    name, (x0, y0, x1, y1) = _CUTOUTS[sprite]
    img = photo(name)
    h, w = img.shape[:2]
    return img[round(y0 * h) : round(y1 * h), round(x0 * w) : round(x1 * w)]


@dataclass(frozen=True)
class Placed:
    """A sprite at (x, y) (its top-left, pixels) scaled to `height` pixels."""

    sprite: str
    x: int
    y: int
    height: int


def wall(colour: tuple[int, int, int] = (205, 200, 190)) -> np.ndarray:
    shade = np.linspace(0.85, 1.0, WIDTH)[None, :, None]
    return (np.array(colour, np.float64)[None, None, :] * shade).repeat(HEIGHT, 0).astype(np.uint8)


def compose(placed: tuple[Placed, ...], background: np.ndarray | None = None, noise: float = 2.0, seed: int = 0) -> np.ndarray:
    """The scene as a 640×360 RGB frame; later sprites are pasted over earlier ones."""
    canvas = Image.fromarray(wall() if background is None else background)
    for p in placed:
        src = cutout(p.sprite)
        width = max(1, round(src.shape[1] * p.height / src.shape[0]))
        canvas.paste(Image.fromarray(src).resize((width, p.height), Image.Resampling.BILINEAR), (p.x, p.y))
    rgb = np.asarray(canvas, np.float32)
    if noise:
        rgb = rgb + np.random.default_rng(seed).normal(0, noise, rgb.shape)
    return np.clip(rgb, 0, 255).astype(np.uint8)
