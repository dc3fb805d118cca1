"""Word boundaries for OCR'd lines, from the picture itself.

PP-OCR's recogniser often drops the spaces of large or tightly set text: "ORDER 5521" comes out
as "ORDER5521", "TRAIN IC 718 PLATFORM 4" as "TRAINIC718PLATFORM4" — one token no keyword search
can hit. RapidOCR tells where each recognised character sits (`return_word_box`); the line's
picture tells where the ink has gaps. A gap between two neighbouring characters that is wide for
this line's text height is a space the recogniser missed.
"""
from __future__ import annotations

import re

import numpy as np

#: the recogniser's O / 0 slips. A reading of zero taken for the letter O: a lone "O" after a capitalised
#: label, ending a line ("NITRITE O" for "NITRITE 0"), among lines of readings ("PH 7.4", "NITRATE 40 PPM")
_ZERO_AS_O = re.compile(r"(?<=[A-Z]{2} )O$", re.MULTILINE)
#: … and the letter O taken for zeros between letters ("R00M 312" for "ROOM 312"; "A0" stays a size)
_O_AS_ZERO = re.compile(r"(?<=[A-Z])0+(?=[A-Z])")
#: … and the pound sign, which it has no letter for, read as a small f ("Rent: f990", "Total: f100"):
#: every lower-case f before a digit the memory-QA screens were read with was a £ (an aperture,
#: "f2.8", "f1.4", stays)
_POUND_AS_F = re.compile(r"(?<![A-Za-z0-9])f(?=\d)(?!\d{1,2}\.\d(?!\d))")
_READING = re.compile(r"[A-Z]{2} \d+(?:\.\d+)?(?: [A-Z%]+)?$", re.MULTILINE)

#: a blank run of columns is a word gap when it is this many times the line's typical letter gap
GAP_OF_LETTER_GAP = 1.8
#: and at least this share of the line box's height (letters sit ~0.1 apart, a space ~0.3–0.4)
GAP_OF_HEIGHT = 0.2
#: and the two characters' centres this many times further apart than the line's typical step
#: (a T, a 1 or an L leaves blank columns beside it without any space there)
STEP_OF_TYPICAL = 1.25


def blank_runs(line: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) column runs without ink in a grey crop of one text line."""
    if line.size == 0:
        return []
    background = float(np.median(line))
    deviation = np.abs(line.astype(np.float32) - background)
    if float(deviation.max()) < 40:  # no contrast: nothing to measure
        return []
    ink = (deviation > 0.45 * float(deviation.max())).any(axis=0)
    runs, start = [], None
    for x, inked in enumerate(ink):
        if not inked and start is None:
            start = x
        elif inked and start is not None:
            runs.append((start, x))
            start = None
    return [(a, b) for a, b in runs if a > 0]  # runs at the edges are margins, not gaps


def spaced(text: str, centres: list[float], line: np.ndarray, left: float, height: float) -> str:
    """`text` with a space wherever a wide blank run of `line` (a grey crop whose first column is
    at x = `left`, of a line box `height` high) lies between two neighbouring characters;
    `centres` are the characters' x."""
    runs = blank_runs(line)
    if len(centres) != len(text) or len(text) < 2 or not runs:
        return text
    typical = float(np.median([b - a for a, b in runs]))
    wide = max(GAP_OF_LETTER_GAP * typical, GAP_OF_HEIGHT * height)
    gaps = [(a + left, b + left) for a, b in runs if b - a >= wide]
    steps = [centres[i] - centres[i - 1] for i in range(1, len(text)) if " " not in text[i - 1:i + 1]]
    step = float(np.median(steps)) if steps else 0.0
    out = [text[0]]
    for i in range(1, len(text)):
        prev, char = text[i - 1], text[i]
        apart = centres[i] - centres[i - 1] >= STEP_OF_TYPICAL * step
        if prev != " " and char != " " and apart and any(centres[i - 1] < a and b < centres[i] for a, b in gaps):
            out.append(" ")
        out.append(char)
    return "".join(out)


def line_crop(gray: np.ndarray, box: np.ndarray) -> tuple[np.ndarray, float, float]:
    """The axis-aligned crop of a detected line box (middle rows only: ascenders of a neighbouring
    line must not fill the gaps), the x of its first column and the box's height."""
    h, w = gray.shape[:2]
    x0, x1 = int(max(0, np.floor(box[:, 0].min()))), int(min(w, np.ceil(box[:, 0].max())))
    y0, y1 = int(max(0, np.floor(box[:, 1].min()))), int(min(h, np.ceil(box[:, 1].max())))
    margin = (y1 - y0) // 6
    return gray[y0 + margin: y1 - margin, x0:x1], float(x0), float(y1 - y0)


def as_meant(text: str) -> str:
    """`text` (lines) with the recogniser's slips undone: zeros between letters read as the O they
    are, a lone "O" closing a labelled line read as the zero it shows when other lines show readings
    too ("BLOOD TYPE O" alone stays a letter), and "f990" as "£990"."""
    text = _POUND_AS_F.sub("£", _O_AS_ZERO.sub(lambda m: "O" * len(m.group()), text))
    return _ZERO_AS_O.sub("0", text) if _READING.search(text) else text
