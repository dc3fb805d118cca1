"""What a memory-QA stream is: a script of things said, played and shown, then spoken questions.

A `Stream` is played by a real client peer in real time: its `events` (speech, sounds, screens)
make up the content, then its questions are asked. A question with `at` set is asked at that
stream time (e.g. "what is on the screen now?" in a quiet stretch); the others are asked after
the content, one at a time, each when the previous answer has finished (so a slow answer is not
cut off by the next question). Everything the scorer needs is here, written before anyone tuned:
what must appear in the answer (`expect`, regexes, all must match), what must not (`forbid`),
which moment it should cite (`about`, ids of events), and whether the honest answer is "no / I
don't know" (`decline`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Category = Literal["said", "shown", "heard", "when", "order", "sound", "count", "yesno", "never", "now",
                   "camera", "smalltalk"]

#: what each category checks (the report and benchmarks/README.md use these words)
CATEGORIES: dict[str, str] = {
    "said": "what was said (a fact from a remark)",
    "shown": "what was shown (screen text, labels in a scene)",
    "heard": "what was heard besides speech (music, singing, a recorded voice)",
    "when": "when something happened (the answer names a time inside the event)",
    "order": "first / last / before / after another remark",
    "sound": "what was said after or during a sound (music, singing)",
    "count": "how many times / how many items",
    "yesno": "a yes/no question whose answer is yes (or a fact)",
    "never": "something never said or shown: the answer must be no / I don't know",
    "now": "what is on the screen at the moment of asking",
    "camera": "what the camera saw: objects, people, colours, what was held, when things came and went, now",
    "smalltalk": "small talk: answered, without stating facts about the stream",
}


@dataclass(frozen=True)
class Voice:
    """An espeak-ng voice (`name` may carry a variant, e.g. 'en-us+f3'), words per minute, pitch 0–99."""

    name: str = "en-us"
    speed: int = 160
    pitch: int = 50

    @property
    def label(self) -> str:
        return f"espeak-ng {self.name} s{self.speed} p{self.pitch}"


@dataclass(frozen=True)
class Speech:
    """Something said in the stream, not to the assistant: it should be remembered, not answered.

    `recording` is 'librivox:<utterance id>' or 'asterisk:<prompt name>' for real recorded speech;
    `text` is then its reference transcript (filled in by the renderer when left empty).
    """

    at: float
    text: str = ""
    voice: Voice = Voice()
    recording: str = ""
    id: str = ""


@dataclass(frozen=True)
class Sound:
    """A stretch of non-speech audio: 'music:<asterisk moh file>', 'sung:<syllables>' (espeak-ng at
    sung pitches) or 'hum:<notes>' (a pitched synth voice)."""

    at: float
    seconds: float
    source: str
    id: str = ""
    gain: float = 0.5


@dataclass(frozen=True)
class Screen:
    """What the video shows from `at` until the next Screen: text items (one per line) drawn with PIL
    at `size` px, on a plain background or over a photo `scene` ('photo:<skimage name>'; other
    scene kinds are registered in media.SCENES, e.g. by the camera benchmark)."""

    at: float
    lines: tuple[str, ...] = ()
    size: int = 40
    background: str = "white"
    scene: str = ""
    id: str = ""


@dataclass(frozen=True)
class Question:
    text: str
    category: Category
    expect: tuple[str, ...] = ()
    forbid: tuple[str, ...] = ()
    about: tuple[str, ...] = ()
    decline: bool = False
    #: the answer must also name a time inside `about` (as "when" questions do)
    timed: bool = False
    voice: Voice = Voice()
    at: float | None = None


Event = Speech | Sound | Screen


@dataclass(frozen=True)
class Stream:
    name: str
    split: Literal["dev", "heldout", "unseen", "fresh", "blind", "sealed", "sealed2", "sealed3",
                   "sealed4", "sealed5", "sealed6", "sealed7"]
    events: tuple[Event, ...]
    questions: tuple[Question, ...]
    #: which source the video is offered as ("screen" is sampled at screen_fps, "camera" at camera_fps)
    video_source: Literal["screen", "camera"] = "screen"
    notes: str = ""
    tags: tuple[str, ...] = field(default=())

    def event(self, event_id: str) -> Event:
        return next(e for e in self.events if e.id == event_id)
