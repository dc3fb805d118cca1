"""Every datachannel message, in and out: one typed class each, named by its `type` literal.

It lives in reasoning/ because the `Conversation` (reasoning/conversation.py) is the lowest layer
that sends or acts on these messages (answers, interruptions, latency, errors; asks and interrupts). The server turns raw datachannel text into an inbound message with `parse_inbound`,
which enforces the limits declared here once, before anything is parsed deeply:

* a raw message over `MAX_MESSAGE_BYTES`, or JSON nested deeper than `MAX_DEPTH`, is refused
  before `json.loads` runs (a 100k-deep message would otherwise recurse in the decoder);
* a question's text must be a string of at most `MAX_TEXT_CHARS`;
* a peer may send `RATE_PER_S` messages a second on average, in bursts of `RATE_BURST`.

web/app.js sends and handles exactly the `type` names below (tests/test_protocol.py checks).
"""
from __future__ import annotations

import json
import re
import time
from typing import Annotated, Callable, Iterable, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictStr,
    TypeAdapter,
    ValidationError,
)

from memory.records import Evidence

MAX_MESSAGE_BYTES = 16 * 1024
MAX_DEPTH = 4
MAX_TEXT_CHARS = 2000
RATE_PER_S = 10.0
RATE_BURST = 20


class Message(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def to_wire(self) -> str:
        """The JSON text sent on the datachannel; optional parts that are unset are left out."""
        return self.model_dump_json(exclude_none=True)


# ------------------------------------------------------------------ server → page
class Citation(BaseModel):
    """A retrieved clip as the page and the API show it: span, text, score, thumbnail URLs.

    The one JSON form of an `Evidence`: answers cite with it, /api/sessions/{id}/search lists it.
    """

    id: str
    start: float
    end: float
    text: str
    score: float
    sound_tags: list[str] = []
    thumbnails: list[str] = []

    @classmethod
    def of(cls, evidence: Evidence, thumbnails: Iterable[str] = ()) -> Citation:
        return cls(id=evidence.clip_id, start=evidence.start, end=evidence.end, text=evidence.text,
                   score=round(evidence.score, 3), sound_tags=list(evidence.sound_tags),
                   thumbnails=list(thumbnails))


class LatencyReport(BaseModel):
    """One answer's way from the end of the user's speech, in seconds per step (None: not reached)."""

    answer_id: str
    question: str
    turn_end_s: float | None = None
    transcript_s: float | None = None
    first_token_s: float | None = None
    first_piece_s: float | None = None
    first_audio_s: float | None = None
    #: what ended the user's turn: "turn model", "silence" (the hangover), "max length", "track end"; "" if typed
    ended_by: str = ""
    #: prepared at a pause before the turn ended: its first token and piece count from the transcript
    prepared: bool = False


class SpeechStartedMessage(Message):
    """The user began to speak (the page shows it is listening; the server stops any answer)."""

    type: Literal["speech_started"] = "speech_started"
    session_id: str
    start: float


class TranscriptMessage(Message):
    """What was heard (or typed), and whether the assistant took it as meant for itself."""

    type: Literal["transcript"] = "transcript"
    session_id: str
    start: float
    end: float
    text: str
    sound_tags: list[str] = []
    via: Literal["voice", "typed"] = "voice"
    addressed: bool


class AnswerMessage(Message):
    """A piece of answer text as it is spoken; the last one is `final`, with the latency."""

    type: Literal["answer"] = "answer"
    session_id: str
    answer_id: str
    t: float
    text: str
    final: bool = False
    #: the cited clips: on the first piece and on the final message
    clips: list[Citation] | None = None
    latency: LatencyReport | None = None


class InterruptedMessage(Message):
    """The user spoke over an answer: `heard` is what had actually been played."""

    type: Literal["interrupted"] = "interrupted"
    session_id: str
    answer_id: str
    t: float
    heard: str


class LatencyMessage(LatencyReport, Message):
    """Sent when an answer's first audio went out."""

    type: Literal["latency"] = "latency"


class StatusMessage(Message):
    type: Literal["status"] = "status"
    connection: str


class WarningMessage(Message):
    type: Literal["warning"] = "warning"
    message: str
    #: how many items a stage has dropped so far, when the warning is about drops
    dropped: int | None = None


class PerceptionMessage(Message):
    """Which perception steps work, per step ("camera": "ok", "degraded: too dark", "unavailable: …");
    sent when one changes, so the page can say why the camera tells nothing."""

    type: Literal["perception"] = "perception"
    steps: dict[str, str]


class ErrorMessage(Message):
    type: Literal["error"] = "error"
    message: str


Outbound = Annotated[
    Union[SpeechStartedMessage, TranscriptMessage, AnswerMessage, InterruptedMessage, LatencyMessage,
          StatusMessage, WarningMessage, PerceptionMessage, ErrorMessage],
    Field(discriminator="type")]


# ------------------------------------------------------------------ page → server
class AskMessage(Message):
    """A typed question: always meant for the assistant."""

    type: Literal["ask"]
    text: Annotated[StrictStr, Field(max_length=MAX_TEXT_CHARS)]


class InterruptMessage(Message):
    """Stop the answer being spoken (the page's Hush button), as if the user had spoken over it."""

    type: Literal["interrupt"]


Inbound = Annotated[Union[AskMessage, InterruptMessage], Field(discriminator="type")]
_INBOUND: TypeAdapter[Inbound] = TypeAdapter(Inbound)


class ProtocolError(ValueError):
    """A message the server refuses; the text is fit to show in the page."""


_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(r"[\[\]{}]")


def _nesting(text: str) -> int:
    """Deepest bracket nesting of JSON text, counted without parsing it (string contents ignored)."""
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_STRINGS.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def parse_inbound(raw: str | bytes) -> AskMessage | InterruptMessage:
    """Raw datachannel text → a validated inbound message, or ProtocolError saying what is wrong."""
    size = len(raw) if isinstance(raw, bytes) else len(raw.encode("utf-8", "surrogatepass"))
    if size > MAX_MESSAGE_BYTES:
        raise ProtocolError(f"datachannel message too large ({size} bytes; at most {MAX_MESSAGE_BYTES})")
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise ProtocolError("datachannel messages must be UTF-8 JSON") from None
    if _nesting(text) > MAX_DEPTH:
        raise ProtocolError(f"datachannel message nested deeper than {MAX_DEPTH} levels")
    try:
        data = json.loads(text)
    except ValueError:
        raise ProtocolError("datachannel messages must be JSON objects with a 'type'") from None
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        raise ProtocolError("datachannel messages must be JSON objects with a 'type'")
    try:
        return _INBOUND.validate_python(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'message'}: {e['msg']}" for e in exc.errors())
        raise ProtocolError(f"bad {data['type']!r} message: {problems}") from None


class RateLimit:
    """Token bucket: `RATE_PER_S` messages a second on average, `RATE_BURST` at once."""

    def __init__(self, per_s: float = RATE_PER_S, burst: int = RATE_BURST,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._per_s, self._burst, self._clock = per_s, burst, clock
        self._tokens = float(burst)
        self._last = clock()
        #: messages refused so far
        self.refused = 0

    def allow(self) -> bool:
        now = self._clock()
        self._tokens = min(self._burst, self._tokens + (now - self._last) * self._per_s)
        self._last = now
        if self._tokens >= 1:
            self._tokens -= 1
            return True
        self.refused += 1
        return False
