"""Scripted stand-ins for the Conversation's protocols (after LiveKit Agents' tests/fake_*.py).

No models, no WebRTC, no threads: a conversation built from these runs in milliseconds, and
every time it stamps comes from a `FakeClock` the test moves.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any, AsyncIterator, Callable, Iterable

from memory.records import Evidence
from perception.events import Transcript
from reasoning.backend import BackendError, Prompt
from reasoning.conversation import Conversation, ConversationConfig, LatencyTrace
from reasoning.protocol import Message


class FakeClock:
    """Monotonic time that moves only when told to."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class ScriptedRecognizer:
    """Returns scripted texts in order, and stamps transcripts the way the audio leg does."""

    def __init__(self, texts: Iterable[str], clock: FakeClock, session_id: str = "s1") -> None:
        self._texts = list(texts)
        self.clock = clock
        self.session_id = session_id

    def readings(self, pcm: Any = None, context: str = "") -> tuple[str, ...]:
        """The next scripted text; "first | second" scripts the first reading and another one."""
        return tuple(r.strip() for r in self._texts.pop(0).split(" | "))

    def hear(self, start: float, end: float, *, hangover_s: float = 0.4, asr_s: float = 0.1,
             sound_tags: tuple[str, ...] = ()) -> Transcript:
        """The next utterance: the user stops speaking now, the VAD ends it a hangover later, ASR follows."""
        spoken = self.clock()
        self.clock.advance(hangover_s)
        detected = self.clock()
        readings = self.readings()
        self.clock.advance(asr_s)
        return Transcript(self.session_id, start, end, readings[0], sound_tags, spoken_at=spoken, turn_end_at=detected,
                          transcribed_at=self.clock(), alternatives=readings[1:])


class ScriptedBackend:
    """Streams scripted deltas (each `token_s` after the last); can fail, or hang until cancelled."""

    name = "scripted"

    def __init__(self, deltas: Iterable[str] = ("Hello there.",), *, clock: FakeClock | None = None,
                 token_s: float = 0.05, error: str | None = None, hang: bool = False) -> None:
        self.deltas = list(deltas)
        self.clock, self.token_s, self.error, self.hang = clock, token_s, error, hang
        self.prompts: list[Prompt] = []
        self.closed = 0

    async def stream(self, prompt: Prompt) -> AsyncIterator[str]:
        self.prompts.append(prompt)
        try:
            for delta in self.deltas:
                if self.clock is not None:
                    self.clock.advance(self.token_s)
                yield delta
            if self.error is not None:
                raise BackendError(self.error)
            if self.hang:
                await asyncio.Event().wait()
        finally:
            self.closed += 1


class FakeSpeaker:
    """Synthesis is instant; pieces play when the test says so (or at once with `autoplay`)."""

    def __init__(self, clock: FakeClock, autoplay: bool = True, synth_s: float = 0.02) -> None:
        self.clock, self.autoplay, self.synth_s = clock, autoplay, synth_s
        self.queue: list[tuple[str, str]] = []
        self.spoken: list[str] = []
        self._played: dict[str, list[str]] = {}
        self._idle = asyncio.Event()
        self._idle.set()
        #: called with (answer_id, time) when an answer's first piece starts playing
        self.on_first_frame: Callable[[str, float], None] | None = None

    @property
    def speaking(self) -> bool:
        return bool(self.queue)

    async def synthesize(self, text: str) -> str:
        await asyncio.sleep(0)
        self.clock.advance(self.synth_s)
        return text

    def enqueue(self, answer_id: str, text: str, audio: Any) -> None:
        self.spoken.append(text)
        self.queue.append((answer_id, text))
        self._idle.clear()
        if self.autoplay:
            self.play(len(self.queue))

    def play(self, pieces: int = 1) -> None:
        """Play the next pieces in full."""
        for _ in range(min(pieces, len(self.queue))):
            answer_id, text = self.queue.pop(0)
            if answer_id not in self._played:
                self._played[answer_id] = []
                if self.on_first_frame is not None:
                    self.on_first_frame(answer_id, self.clock())
            self._played[answer_id].append(text)
        if not self.queue:
            self._idle.set()

    def clear(self, answer_id: str) -> int:
        dropped = [piece for piece in self.queue if piece[0] == answer_id]
        self.queue = [piece for piece in self.queue if piece[0] != answer_id]
        if not self.queue:
            self._idle.set()
        return len(dropped)

    async def wait_idle(self) -> None:
        await self._idle.wait()

    def played(self, answer_id: str) -> list[str]:
        return list(self._played.get(answer_id, []))


class FakeOutbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    def send(self, message: Message) -> None:
        message.to_wire()  # every message must serialise
        self.messages.append(message)

    def of_type(self, kind: str) -> list[Any]:
        return [m for m in self.messages if m.type == kind]


class FakeMemory:
    """Returns the scripted clips for every search; records the searches."""

    def __init__(self, clips: Iterable[Evidence] = (), summary: str = "") -> None:
        self.clips = list(clips)
        self._summary = summary
        self.searches: list[str] = []

    def search(self, query: str, now: float, k: int = 3, audio_clips: int = 0) -> list[Evidence]:
        self.searches.append(query)
        return self.clips[:k]

    def summary(self) -> str:
        return self._summary

    def heard(self, start: float, end: float) -> tuple[str, ...]:
        return tuple(dict.fromkeys(tag for clip in self.clips if clip.start < end and clip.end > start
                                   for tag in clip.sound_tags))


class QuestionGate:
    """Addressed when the text ends with a question mark, or is a thanks right after an answer (the
    real gate is tested in test_gate.py)."""

    def addressed(self, text: str, context: Any = None) -> bool:
        return text.rstrip().endswith("?") or text.startswith("thanks") and getattr(context, "after_answer", False)


@dataclass
class Harness:
    """A Conversation wired to fakes, and the fakes to script and inspect."""

    clock: FakeClock
    backend: ScriptedBackend
    speaker: FakeSpeaker
    outbox: FakeOutbox
    memory: FakeMemory | None
    conversation: Conversation
    remembered: list[Transcript] = field(default_factory=list)
    observed: list[LatencyTrace] = field(default_factory=list)
    stream_time: float = 0.0

    def recognizer(self, *texts: str) -> ScriptedRecognizer:
        return ScriptedRecognizer(texts, self.clock, self.conversation.id)


def conversation(backend: ScriptedBackend | None = None, *, memory: FakeMemory | None = None,
                 autoplay: bool = True, config: ConversationConfig = ConversationConfig()) -> Harness:
    clock = FakeClock()
    backend = backend or ScriptedBackend(clock=clock)
    if backend.clock is None:
        backend.clock = clock
    speaker, outbox = FakeSpeaker(clock, autoplay), FakeOutbox()
    harness: Harness
    conv = Conversation(
        "s1", gate=QuestionGate(), backend=backend, speaker=speaker, outbox=outbox, memory=memory, config=config,
        clock=clock, stream_time=lambda: harness.stream_time, remember=lambda t: harness.remembered.append(t),
        thumbnails=lambda clip_id: [f"/thumbs/{clip_id}-0.jpg"], observe=lambda t: harness.observed.append(t))
    harness = Harness(clock, backend, speaker, outbox, memory, conv)
    speaker.on_first_frame = conv.on_first_audio
    return harness
