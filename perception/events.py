"""Typed events passed between perception and memory stages.

One frozen dataclass per stage boundary. Every event carries the session id and stream time
(seconds since the session started, derived from samples or frames consumed, never wall clock),
so any answer can point at "03:12" of the stream.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class AudioChunk:
    """16 kHz mono int16 PCM starting at stream time `start`."""

    session_id: str
    start: float
    pcm: np.ndarray = field(repr=False)

    @property
    def end(self) -> float:
        return self.start + len(self.pcm) / 16000


@dataclass(frozen=True)
class SpeechStarted:
    """VAD onset: the user began to speak (drives barge-in)."""

    session_id: str
    start: float


@dataclass(frozen=True)
class SpeechSegment:
    """One utterance whose turn has ended, 16 kHz mono int16: pre-roll and speech, without the trailing silence.

    `end` is where the VAD hangover ran out; the audio stops at `voiced_end`.
    """

    session_id: str
    start: float
    end: float
    pcm: np.ndarray = field(repr=False)
    #: monotonic time at which the end of the turn was declared (see `ended_by`), for latency traces
    turn_end_at: float = 0.0
    #: stream time where the last voiced frame ended (end minus the hangover)
    voiced_end: float = 0.0
    #: what ended it: "silence" (the hangover ran out), "turn model" (it judged the user finished at a
    #: short pause, and the words are a finished question), "question" (the words are a finished
    #: question and the pause reached `question_pause_ms`, though the model heard no ending),
    #: "max length" or "track end"
    ended_by: str = "silence"


@dataclass(frozen=True)
class SpeechPaused:
    """The user paused mid-utterance: long enough to start transcribing speculatively, not yet an end.

    If the utterance ends without more speech, its transcript is the one started here, so ASR
    runs during the VAD hangover instead of after it.
    """

    session_id: str
    start: float
    voiced_end: float
    pcm: np.ndarray = field(repr=False)


@dataclass(frozen=True)
class EndOfTurnCheck:
    """The user has paused long enough for the turn model to judge whether they have finished.

    `pcm` runs from the pre-roll to now, the pause included: the model hears how the speech ended.
    """

    session_id: str
    start: float
    voiced_end: float
    pcm: np.ndarray = field(repr=False)


@dataclass(frozen=True)
class TurnDecision:
    """The turn model's verdict on the pause after `voiced_end`."""

    session_id: str
    voiced_end: float
    complete: bool
    probability: float
    #: how long the decision took (features and model)
    seconds: float = 0.0
    #: the words before the pause read as a finished question (False when the words were not asked)
    question: bool = False


@dataclass(frozen=True)
class Transcript:
    session_id: str
    start: float
    end: float
    text: str
    sound_tags: tuple[str, ...] = ()
    speaker: str = "user"
    #: "voice" (heard by the microphone) or "typed" (the page's text box: always meant for the assistant)
    via: str = "voice"
    #: monotonic times for latency traces: the user stopped speaking, the end of their turn was
    #: declared (after the hangover, or at a pause the turn model judged final), ASR finished
    spoken_at: float = 0.0
    turn_end_at: float = 0.0
    transcribed_at: float = 0.0
    #: what ended the utterance (SpeechSegment.ended_by); "" when typed
    ended_by: str = ""
    #: the recognizer's other readings of the same words, best first (`SpeechRecognizer.readings`)
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class VideoFrame:
    """A sampled frame (RGB uint8, H×W×3) from one video source ("camera" or "screen")."""

    session_id: str
    source: str
    t: float
    rgb: np.ndarray = field(repr=False)


#: (x0, y0, x1, y1) as fractions of the frame's width and height
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Detection:
    """One object the camera detector found."""

    label: str
    score: float
    box: Box


@dataclass(frozen=True)
class PersonView:
    """A person in view: the colour of their torso ("dark blue", "" when not named) and the
    objects at their wrists."""

    box: Box
    score: float
    shirt: str = ""
    holding: tuple[str, ...] = ()


@dataclass(frozen=True)
class CameraView:
    """What the camera perception saw in one frame.

    `quality` says why a frame was not (fully) read: "black", "too dark", "too small",
    "too noisy", "frozen", "unavailable: …" (nothing is reported then), or "dark" (objects and
    people are reported but colours are not named). "" for a good frame.
    """

    objects: tuple[Detection, ...] = ()
    people: tuple[PersonView, ...] = ()
    #: dominant colours of the scene, largest first
    colours: tuple[str, ...] = ()
    quality: str = ""

    @property
    def held(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(label for p in self.people for label in p.holding))

    @property
    def status(self) -> str:
        """The camera step's health for the page: "ok", "degraded: …" (the frame could not be
        read fully) or "unavailable: …" (no detector)."""
        if not self.quality:
            return "ok"
        if self.quality.startswith("unavailable"):
            return self.quality
        if self.quality == "dark":
            return "degraded: dark, colours not named"
        return f"degraded: {self.quality} frames, nothing reported"


@dataclass(frozen=True)
class FrameFeatures:
    """What the frame encoder made of one sampled frame.

    `histogram` and `phash` drive scene-change detection; `embedding` is an image embedding
    when a real image encoder is configured (None on the embedded default); `camera` is what
    the camera perception saw (camera sources only).
    """

    session_id: str
    source: str
    t: float
    width: int
    height: int
    thumbnail_jpeg: bytes = field(repr=False)
    text: str = ""
    histogram: np.ndarray | None = field(default=None, repr=False)
    phash: int = 0
    embedding: np.ndarray | None = field(default=None, repr=False)
    #: objects, people, held objects and colours (camera sources with camera perception on)
    camera: CameraView | None = None


@dataclass(frozen=True)
class SoundEvent:
    """A stretch of non-speech sound (music, singing) or speech found by the audio event detector."""

    session_id: str
    start: float
    end: float
    label: str
