"""Memory records: synchronised windows and clips, with their JSON form for the stores."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from perception.events import FrameFeatures

SOURCE_LABELS = {"screen": "Screen showed", "camera": "Camera saw"}


@dataclass(frozen=True)
class SyncWindow:
    """What was seen and heard during [start, end): the video-SALMONN-style sync unit.

    `frames` holds the latest frame of each source as of the window's end (a frame stays
    "seen" until the next one of its source, or until it goes stale).
    """

    start: float
    end: float
    frames: tuple[FrameFeatures, ...] = ()
    words: tuple[str, ...] = ()
    sound_tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Detail:
    """A 5 s aggregate of sync windows, kept while a clip is short-term."""

    start: float
    end: float
    said: str = ""
    seen: tuple[tuple[str, str], ...] = ()
    sound_tags: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "said": self.said,
            "seen": [list(s) for s in self.seen],
            "sound_tags": list(self.sound_tags),
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Detail:
        return cls(d["start"], d["end"], d["said"], tuple(tuple(s) for s in d["seen"]), tuple(d["sound_tags"]))


@dataclass(frozen=True)
class Visual:
    """A clip's look per source, enough to decide whether two clips show the same thing.

    The colour histogram is kept sparse (bin, weight): 512 joint bins are mostly empty.
    """

    source: str
    phash: int
    bins: int = 0
    histogram: tuple[tuple[int, float], ...] = ()

    @classmethod
    def of(cls, f: FrameFeatures) -> Visual:
        if f.histogram is None:
            return cls(f.source, int(f.phash))
        h = np.asarray(f.histogram, np.float32).ravel()
        nz = np.flatnonzero(h >= 1e-3)
        return cls(f.source, int(f.phash), len(h), tuple((int(i), round(float(h[i]), 4)) for i in nz))

    def as_features(self, session_id: str) -> FrameFeatures:
        hist = None
        if self.bins:
            hist = np.zeros(self.bins, np.float32)
            for i, w in self.histogram:
                hist[i] = w
        return FrameFeatures(session_id, self.source, 0.0, 0, 0, b"", histogram=hist, phash=self.phash)


@dataclass(frozen=True)
class Clip:
    """A short-term clip (IXC2.5-OmniLive style), or once compressed a long-term memory entry."""

    id: str
    seq: int
    session_id: str
    start: float
    end: float
    #: whole utterances heard during the clip, in order
    speech: tuple[str, ...] = ()
    #: distinct on-screen / in-view text per source, as (source, text)
    seen: tuple[tuple[str, str], ...] = ()
    sound_tags: tuple[str, ...] = ()
    #: what the camera perception saw, in words ("a person holding a cup; shirt orange")
    sights: tuple[str, ...] = ()
    #: appear / leave events during the clip, with their times ("a cat appeared at 01:12")
    camera_events: tuple[str, ...] = ()
    #: thumbnail names (see `thumbnail_name`), at most 3 short-term and 1 long-term
    keyframes: tuple[str, ...] = ()
    visuals: tuple[Visual, ...] = ()
    details: tuple[Detail, ...] = ()
    compressed: bool = False
    embedding: np.ndarray | None = field(default=None, compare=False, repr=False)
    image_embedding: np.ndarray | None = field(default=None, compare=False, repr=False)

    @property
    def text(self) -> str:
        """What the answering model reads: who said what, what was on screen or in view, which sounds."""
        parts = []
        if self.speech:
            parts.append("Said: " + " ".join(f'"{s}"' for s in self.speech))
        sources = {s for s, _ in self.seen} | ({"camera"} if self.sights else set())
        for source in sorted(sources, key=lambda s: (s != "screen", s)):
            label = SOURCE_LABELS.get(source, f"{source.capitalize()} showed")
            sights = self.sights if source == "camera" else ()
            parts.append(f"{label}: " + " / ".join([*sights, *(f'"{t}"' for s, t in self.seen if s == source)]))
        if self.camera_events:
            parts.append("In view: " + "; ".join(self.camera_events))
        if self.sound_tags:
            parts.append("Sounds: " + ", ".join(self.sound_tags))
        return ". ".join(parts)

    @property
    def index_text(self) -> str:
        """What gets embedded and keyword-indexed: content without the labels."""
        return ". ".join(
            [*self.speech, *(t for _, t in self.seen), *self.sights, *self.camera_events, *self.sound_tags]
        )

    @property
    def is_empty(self) -> bool:
        return not (self.speech or self.seen or self.sights or self.camera_events or self.sound_tags or self.keyframes)

    def to_json(self) -> dict[str, Any]:
        """Store form, without the vectors (kept as raw float32 beside it)."""
        return {
            "id": self.id,
            "seq": self.seq,
            "session_id": self.session_id,
            "start": self.start,
            "end": self.end,
            "speech": list(self.speech),
            "seen": [list(s) for s in self.seen],
            "sound_tags": list(self.sound_tags),
            "sights": list(self.sights),
            "camera_events": list(self.camera_events),
            "keyframes": list(self.keyframes),
            "visuals": [[v.source, v.phash, v.bins, [list(b) for b in v.histogram]] for v in self.visuals],
            "details": [d.to_json() for d in self.details],
            "compressed": self.compressed,
        }

    @classmethod
    def from_json(
        cls, d: dict[str, Any], embedding: np.ndarray | None = None, image_embedding: np.ndarray | None = None
    ) -> Clip:
        return cls(
            id=d["id"],
            seq=d["seq"],
            session_id=d["session_id"],
            start=d["start"],
            end=d["end"],
            speech=tuple(d["speech"]),
            seen=tuple(tuple(s) for s in d["seen"]),
            sound_tags=tuple(d["sound_tags"]),
            sights=tuple(d.get("sights", ())),  # clips stored before camera perception have none
            camera_events=tuple(d.get("camera_events", ())),
            keyframes=tuple(d["keyframes"]),
            visuals=tuple(Visual(s, p, n, tuple((int(i), w) for i, w in h)) for s, p, n, h in d["visuals"]),
            details=tuple(Detail.from_json(x) for x in d["details"]),
            compressed=d["compressed"],
            embedding=embedding,
            image_embedding=image_embedding,
        )


def clip_id(seq: int) -> str:
    return f"c{seq:06d}"


def thumbnail_name(clip: str, index: int) -> str:
    return f"{clip}-{index}.jpg"


def vector_bytes(v: np.ndarray | None) -> bytes | None:
    return None if v is None else np.asarray(v, np.float32).tobytes()


def vector_from(b: bytes | None) -> np.ndarray | None:
    return None if not b else np.frombuffer(b, np.float32).copy()


@dataclass(frozen=True)
class SoundSpan:
    """A stretch of one sound label (music, singing, speech), merged across detections."""

    start: float
    end: float
    label: str


@dataclass(frozen=True)
class PersonLink:
    """A person the user named, tied — a guess — to the arrival the camera saw near the naming
    (memory/people.py says when a remark names someone and how near is near)."""

    name: str
    named_at: float
    said: str
    #: the arrival: when, in words ("a second person came in, wearing orange"), the newcomer's shirt;
    #: `arrived_at` is None when no one came in near the naming
    arrived_at: float | None = None
    arrival: str = ""
    shirt: str = ""
    #: their departure, when it could be told whose it was
    left_at: float | None = None
    leaving: str = ""
    #: whether the camera saw anyone come in at all
    anyone_arrived: bool = False
    #: the newest camera view in words (`memory.camera.now_words`), None when there is no fresh one
    in_view: str | None = None


@dataclass(frozen=True)
class Evidence:
    """One retrieved moment of the stream: a clip of memory with its time span."""

    clip_id: str
    start: float
    end: float
    text: str
    score: float = 0.0
    #: JPEG bytes of the clip's keyframes (sent to multimodal models as image parts)
    keyframes: tuple[bytes, ...] = field(default=(), repr=False)
    #: 16 kHz mono int16 PCM bytes of the clip's audio, when kept (for models that take audio)
    audio_pcm: bytes | None = field(default=None, repr=False)
    sound_tags: tuple[str, ...] = ()
    #: the clip's utterances and (source, text) seen, so an answer can read out only the asked part
    speech: tuple[str, ...] = ()
    seen: tuple[tuple[str, str], ...] = ()
    #: what the camera saw in words, and its appear / leave events with times (see Clip)
    sights: tuple[str, ...] = ()
    camera_events: tuple[str, ...] = ()
    #: set on the moment memory adds for a question that names someone (see PersonLink)
    person: PersonLink | None = None


def clock_label(seconds: float) -> str:
    """Stream time as the user reads it: 03:12, or 1:02:03 past an hour."""
    seconds = max(0, int(round(seconds)))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


def clock_seconds(label: str) -> float:
    """"03:12" or "1:02:03" back to seconds (the inverse of `clock_label`)."""
    total = 0
    for part in label.split(":"):
        total = total * 60 + int(part)
    return float(total)
