"""The conversation of one session: what is answered, what is said, what was heard, barge-in.

It knows no WebRTC and no concrete model. It receives `Transcript`s (voice or typed) and talks to
small protocols: an address gate, a memory to search, an answer backend, a speaker (synthesise,
queue, clear, what was played) and an outbox of typed messages (reasoning/protocol.py). The
server's peer adapter (server/session.py) owns aiortc and builds one; tests/fakes.py drives one
without models.

Every answer is an `AnswerHandle` whose cancellation (`interrupt()`) is the whole of barge-in:
the model stream is closed, queued speech is dropped and history keeps only what was played.

An answer is prepared, then committed (`hear` does both at once). The audio leg may `speculate`
on the transcript of a pause before the user's turn has ended: the answer is prepared (gate,
memory, the first piece synthesised) but holds everything it would send until the turn ends with
the same words; if the user goes on, it is dropped and nothing was said or remembered. A turn
ended early at a pause can still be joined by its continuation (`continues`).

Over 400 lines because prepare, commit, join and barge-in share one answer's state; split apart,
each would have to reach into the others'.
"""
from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import time
import uuid
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Protocol, Sequence

from memory.records import Evidence
from memory.text import words
from perception.events import SpeechStarted, Transcript
from perception.stages import StageQueue, TaskSet, run_stage
from reasoning.answering import answer
from reasoning.backend import AnswerBackend, BackendError, Prompt
from reasoning.camera_answers import about_named
from perception.sound import MUSIC_TAGS
from reasoning.gate import AddressGate, GateContext, may_follow_up, small_talk, told_with
from reasoning.grounding import Decision, decide, evidence_wanted, firmly_grounded, may_read_as
from reasoning.intent import restored
from reasoning.protocol import (
    AnswerMessage,
    AskMessage,
    Citation,
    ErrorMessage,
    InterruptedMessage,
    InterruptMessage,
    LatencyMessage,
    LatencyReport,
    Message,
    SpeechStartedMessage,
    TranscriptMessage,
)
from reasoning.sentences import SentenceSplitter

log = logging.getLogger(__name__)

#: what ends a turn at a pause, before the hangover (perception.events.SpeechSegment.ended_by)
EARLY_ENDINGS = ("turn model", "question")


def gate_context(transcript: Transcript, memory: MemorySearch | None, after_answer: bool = False) -> GateContext:
    """The utterance's sound tags for the gate, without a music or singing that memory did not hear
    around it: the tagger calls a few seconds of speech "music" (memory keeps only sounds that
    lasted, `MemoryConfig.min_sound`), and a question said over such a misfire is still a question."""
    tags = transcript.sound_tags
    if memory is not None and tags and tags[0] in MUSIC_TAGS:
        heard = memory.heard(transcript.start, transcript.end)
        tags = tuple(tag for tag in tags if tag not in MUSIC_TAGS or tag in heard)
    return GateContext(sound_tags=tags, after_answer=after_answer)


def continues(gate: AddressGate, turn: Transcript, after: Transcript, within_s: float,
              memory: MemorySearch | None = None) -> bool:
    """Whether `after` goes on `turn` rather than being a turn of its own: `turn` ended early, at a
    pause, `after` was spoken within `within_s` of it, and is not meant for the assistant on its own
    (a second question or request is answered by itself; the memory-QA client asks one right after
    another's answer, and joining them answered neither)."""
    return (turn.ended_by in EARLY_ENDINGS and after.via != "typed"
            and 0.0 <= after.start - turn.end <= within_s
            and not gate.addressed(after.text, gate_context(after, memory)))


def joined(turn: Transcript, after: Transcript) -> Transcript:
    """`after` heard as the rest of `turn`: one transcript from the start of `turn` (once, when Whisper
    heard `turn`'s words again at the start of `after`: "Morning, how much for the bike? Morning, how much
    for the bike?")."""
    said, heard = words(turn.text), words(after.text)
    again = heard[:len(said)] == said
    return replace(after, start=turn.start, text=after.text if again else f"{turn.text} {after.text}",
                   alternatives=())  # no reading of both

class MemorySearch(Protocol):
    def search(self, query: str, now: float, k: int = 3, audio_clips: int = 0) -> list[Evidence]: ...

    def summary(self) -> str: ...

    def heard(self, start: float, end: float) -> tuple[str, ...]:
        """The sounds (music, singing) heard between `start` and `end` that lasted long enough to be
        remembered."""


class Speaker(Protocol):
    """Where answer speech goes: synthesis, a playback queue by answer, and what actually played."""

    @property
    def speaking(self) -> bool: ...

    async def synthesize(self, text: str) -> Any:
        """Text → audio ready for `enqueue` (runs the synthesiser off the event loop)."""

    def enqueue(self, answer_id: str, text: str, audio: Any) -> None: ...

    def clear(self, answer_id: str) -> Any: ...

    async def wait_idle(self) -> None: ...

    def played(self, answer_id: str) -> list[str]:
        """The pieces of this answer that have been played in full."""


class Outbox(Protocol):
    def send(self, message: Message) -> None: ...


@dataclass(frozen=True)
class ConversationConfig:
    #: the model may phrase answers about the stream, each sentence checked against the cited
    #: clips (a capable served model); off, the evidence is read out as it is (the embedded default)
    check_model: bool = False
    #: how many top clips go to the model with their audio (a served model that listens: Omni)
    clip_audio: int = 0
    #: recent lines of talk given to the model
    history_turns: int = 6
    #: lines of talk kept per session (the model only ever sees the last `history_turns`)
    max_history: int = 200
    #: latency traces kept per session for /api/sessions/{id}/latency
    max_traces: int = 256
    #: speech that starts this soon (stream seconds) after a turn ended early (by the turn model, at
    #: a pause) and interrupts its answer goes on that turn, unless it is meant for the assistant on its
    #: own: the two are answered as one. A sentence that goes on starts within ~0.2 s of a turn ended
    #: at its 300 ms pause; a next question asked right after a quick answer started ~1 s after it
    #: (memory-QA blind split), and was joined to the question before at 1.0 s
    continuation_s: float = 0.6
    #: speech starting this soon (stream seconds) after an answer finished playing is a follow-up: a
    #: thanks is for the assistant, and words the gate did not read as a question are answered when
    #: memory grounds them firmly (a misheard question: "it's then we do in Wednesdays" for "is
    #: Fenwick doing Wednesdays"; `firmly_grounded`), else remembered as said. Voice assistants keep
    #: listening this way for a few seconds after they speak.
    follow_up_s: float = 6.0


@dataclass
class LatencyTrace:
    """Monotonic timestamps of one answer's way from end of speech to first audio out."""

    answer_id: str
    question: str
    spoken: float  # the user stopped speaking
    turn_end: float  # the end of the user's turn was declared (silence or the turn model)
    transcribed: float
    first_token: float | None = None
    #: the first speakable piece of text went to speech synthesis
    first_piece: float | None = None
    first_audio: float | None = None
    #: what ended the user's turn (Transcript.ended_by)
    ended_by: str = ""
    #: the answer was prepared at a pause, before the turn ended (`heard` stamps the turn)
    prepared: bool = False

    def report(self) -> LatencyReport:
        """Seconds since the user stopped speaking, per stage."""
        def since_end(t: float | None) -> float | None:
            return None if t is None else round(t - self.spoken, 3)

        return LatencyReport(answer_id=self.answer_id, question=self.question,
                             turn_end_s=since_end(self.turn_end), transcript_s=since_end(self.transcribed),
                             first_token_s=since_end(self.first_token), first_piece_s=since_end(self.first_piece),
                             first_audio_s=since_end(self.first_audio), ended_by=self.ended_by,
                             prepared=self.prepared)

    def heard(self, transcript: Transcript) -> None:
        """Stamp the turn the answer is given to. A prepared answer started before the turn ended:
        what it reached by then counts from the transcript, so the stages stay in order."""
        self.question, self.spoken, self.turn_end = transcript.text, transcript.spoken_at, transcript.turn_end_at
        self.transcribed, self.ended_by = transcript.transcribed_at, transcript.ended_by
        if self.first_token is not None:
            self.first_token = max(self.first_token, self.transcribed)
        if self.first_piece is not None:
            self.first_piece = max(self.first_piece, self.transcribed)

    def as_dict(self) -> dict[str, Any]:
        return self.report().model_dump()


@dataclass
class AnswerHandle:
    answer_id: str
    task: asyncio.Task | None = None
    spoken: list[str] = field(default_factory=list)
    interrupted: bool = False
    #: set when the answer may be given: until then it sends, queues and remembers nothing
    committed: asyncio.Event = field(default_factory=asyncio.Event)


@dataclass
class PreparedAnswer:
    """What a transcript gets, worked out but not yet given: the gate's verdict and, when addressed,
    the answer task (running up to its first output, which waits for `Conversation.commit`)."""

    transcript: Transcript
    addressed: bool
    handle: AnswerHandle | None = None
    trace: LatencyTrace | None = None
    #: a follow-up the gate did not read as meant for the assistant: given only if the answer policy
    #: grounds it firmly in memory (resolved by the answer task: `firmly_grounded`)
    grounded: asyncio.Future[bool] | None = None
    #: such a follow-up answered as small talk: remembered too, since it may have been a remark
    small_talk: bool = False

    async def given(self) -> bool:
        """Whether a tentative follow-up is answered (False if the task ended without deciding)."""
        if self.grounded is None or self.handle is None or self.handle.task is None:
            return self.addressed
        await asyncio.wait({self.grounded, self.handle.task}, return_when=asyncio.FIRST_COMPLETED)
        return self.grounded.done() and self.grounded.result()

    def answers(self, transcript: Transcript) -> bool:
        """Prepared for these words (the final transcript of the pause it was prepared at)."""
        prepared = self.transcript
        return (prepared.text, prepared.start, prepared.sound_tags, prepared.via) == (
            transcript.text, transcript.start, transcript.sound_tags, transcript.via)

    def drop(self) -> None:
        """Nothing was sent: cancelling the task (which closes the model stream) is all there is."""
        if self.handle is not None and self.handle.task is not None:
            self.handle.task.cancel()


class Conversation:
    def __init__(self, session_id: str, *, gate: AddressGate, backend: AnswerBackend, speaker: Speaker,
                 outbox: Outbox, stream_time: Callable[[], float], memory: MemorySearch | None = None,
                 config: ConversationConfig = ConversationConfig(), clock: Callable[[], float] = time.monotonic,
                 remember: Callable[[Transcript], None] = lambda transcript: None,
                 thumbnails: Callable[[str], Sequence[str]] = lambda clip_id: (),
                 observe: Callable[[LatencyTrace], None] = lambda trace: None,
                 log: logging.Logger | logging.LoggerAdapter = log) -> None:
        """`remember` takes what was heard but not meant for the assistant (memory ingest);
        `thumbnails` gives a clip's thumbnail URLs; `observe` records a latency trace (metrics)."""
        self.id = session_id
        self.gate, self.backend, self.speaker, self.outbox, self.memory = gate, backend, speaker, outbox, memory
        self.config = config
        self.stream_time, self.clock = stream_time, clock
        self.remember, self.thumbnails, self.observe = remember, thumbnails, observe
        self.log = log
        self.transcripts: StageQueue[Transcript] = StageQueue("transcripts", 64, "drop_newest")
        #: (speaker, stream time, text), oldest first; the assistant's lines are what was heard
        self.history: collections.deque[tuple[str, float, str]] = collections.deque(maxlen=config.max_history)
        self.traces: collections.deque[LatencyTrace] = collections.deque(maxlen=config.max_traces)
        self.answers = 0
        self.answer: AnswerHandle | None = None
        #: the answer prepared at the latest pause, waiting for the turn to end with its words
        self.prepared: PreparedAnswer | None = None
        #: the latest addressed turn that ended early, and its answer (a continuation may join it)
        self._early_turn: tuple[Transcript, AnswerHandle] | None = None
        #: stream time the latest answer finished playing (a follow-up may come right after it)
        self._answer_ended_at: float | None = None
        #: the turn the latest answer (`self.answer`) was given to
        self._answered_turn: Transcript | None = None
        #: an answer speech cut off before any of it was heard, until that speech turns out to be words
        self._cut_off: tuple[Transcript, AnswerHandle] | None = None
        self._tasks = TaskSet(session_id, self._task_failed)

    # ---------------------------------------------------------------- input
    async def run(self) -> None:
        """The conversation stage: one transcript at a time, in order, until cancelled."""
        await run_stage(self.transcripts, None, self.hear, self._failed)

    def receive(self, message: AskMessage | InterruptMessage) -> None:
        """A validated message from the page."""
        if isinstance(message, AskMessage):
            self.ask(message.text)
        else:
            self._cut_off = None  # stopped on purpose: not answered again
            self.interrupt()

    def ask(self, text: str) -> None:
        """A typed question: queued behind what was said before it, always meant for the assistant."""
        text = text.strip()
        if text:
            now, t = self.clock(), self.stream_time()
            self.transcripts.offer(Transcript(self.id, t, t, text, via="typed", spoken_at=now, turn_end_at=now,
                                              transcribed_at=now))

    def speech_started(self, event: SpeechStarted) -> None:
        """The user began to speak: show it, and stop any answer at once (barge-in)."""
        self.outbox.send(SpeechStartedMessage(session_id=event.session_id, start=event.start))
        self.drop_prepared()
        handle, turn = self.answer, self._answered_turn
        if self.interrupt() and handle is not None and turn is not None and not self.speaker.played(handle.answer_id):
            self._cut_off = (turn, handle)

    async def hear(self, transcript: Transcript) -> None:
        if not transcript.text:
            self._answer_again()
            return
        self._cut_off = None  # words: the barge-in was meant
        whole = self._joined(transcript)
        transcript = whole or transcript
        prepared = self.prepared
        self.prepared = None
        if prepared is None or not prepared.answers(transcript):
            if prepared is not None:
                prepared.drop()  # the user went on: other words, answered afresh
            # a joined turn is meant for the assistant, as its start was
            prepared = self.prepare(transcript, addressed=True if whole else None)
        if prepared.grounded is not None and not await prepared.given():
            prepared.drop()  # not meant for us after all: remembered as said
            prepared = PreparedAnswer(transcript, False)
        self.commit(prepared, transcript)

    def _joined(self, transcript: Transcript) -> Transcript | None:
        """A turn the model ended at a pause may not have been over ("What time is it? … I need to
        know it for later"): a continuation that cuts its answer off is the same turn, heard again
        as a whole (None: `transcript` is a turn of its own)."""
        early, self._early_turn = self._early_turn, None
        if early is None:
            return None
        turn, handle = early
        if not handle.interrupted or not continues(self.gate, turn, transcript, self.config.continuation_s, self.memory):
            return None
        return joined(turn, transcript)

    def speculate(self, transcript: Transcript) -> None:
        """The transcript of a pause, before the turn has ended: prepare its answer, hold it."""
        self.drop_prepared()
        if transcript.text:
            self.prepared = self.prepare(transcript, speculative=True)

    def drop_prepared(self) -> None:
        """The user went on: the answer prepared at their pause is not given."""
        if self.prepared is not None:
            self.prepared.drop()
            self.prepared = None

    def prepare(self, transcript: Transcript, *, speculative: bool = False,
                addressed: bool | None = None) -> PreparedAnswer:
        """Gate the transcript (unless `addressed` is known) and, if it is meant for the assistant,
        start its answer (held until committed)."""
        tentative = False
        if addressed is None:
            follow_up = self._follows_an_answer(transcript)
            context = gate_context(transcript, self.memory, follow_up)
            addressed = transcript.via == "typed" or self.gate.addressed(transcript.text, context)
            tentative = not addressed and follow_up and may_follow_up(transcript.text, context)
        if not addressed and not tentative:
            return PreparedAnswer(transcript, addressed)
        answer_id = uuid.uuid4().hex[:12]
        trace = LatencyTrace(answer_id, transcript.text, transcript.spoken_at, transcript.turn_end_at,
                             transcript.transcribed_at, ended_by=transcript.ended_by, prepared=speculative)
        # the talk so far, as it will be once the question is heard
        lines = (*self.history, ("user", transcript.start, transcript.text))
        history = lines[max(0, len(lines) - self.config.history_turns):]
        prepared = PreparedAnswer(transcript, True, AnswerHandle(answer_id), trace,
                                  asyncio.get_running_loop().create_future() if tentative else None)
        prepared.handle.task = self._tasks.spawn(self._answer(prepared, history), f"answer:{answer_id}")
        return prepared

    def _follows_an_answer(self, transcript: Transcript) -> bool:
        """`transcript` started within `follow_up_s` of the end of the latest answer."""
        ended = self._answer_ended_at
        return ended is not None and 0.0 <= transcript.start - ended <= self.config.follow_up_s

    def commit(self, prepared: PreparedAnswer, transcript: Transcript) -> None:
        """The turn ended with `transcript`: show it, keep it, and let its prepared answer speak."""
        addressed = prepared.addressed
        self.outbox.send(TranscriptMessage(
            session_id=transcript.session_id, start=transcript.start, end=transcript.end, text=transcript.text,
            sound_tags=list(transcript.sound_tags), via=transcript.via, addressed=addressed))
        self.log.info("heard%s: %s", "" if addressed else " (not addressed)", transcript.text)
        self.history.append(("user", transcript.start, transcript.text))
        if prepared.handle is None or prepared.trace is None:
            # people talking among themselves, or background speech: remembered, not answered.
            # Questions to the assistant stay in the conversation, out of memory, so a later
            # question finds what happened rather than an earlier question about it.
            self.remember(transcript)
            return
        if prepared.small_talk:
            self.remember(transcript)
        elif told := told_with(transcript.text, self.gate):
            self.remember(replace(transcript, text=told))
        self._give(prepared, transcript)

    def _answer_again(self) -> None:
        """Speech that cut an answer off before any of it was heard came to no words (a breath, a
        knock, the hiss of the question's last consonant heard as a new onset): the answer is
        given after all, rather than the question going unanswered."""
        cut, self._cut_off = self._cut_off, None
        if cut is not None and cut[1] is self.answer:
            turn = cut[0]
            self.log.info("no words in the barge-in: answering again: %s", turn.text)
            self._give(self.prepare(turn, addressed=True), turn)

    def _give(self, prepared: PreparedAnswer, transcript: Transcript) -> None:
        """Let an addressed turn's prepared answer speak, stopping the one before it."""
        assert prepared.handle is not None and prepared.trace is not None
        self.interrupt()
        if transcript.ended_by in EARLY_ENDINGS:
            self._early_turn = (transcript, prepared.handle)
        prepared.transcript = transcript
        prepared.trace.heard(transcript)
        self.traces.append(prepared.trace)
        self.answers += 1
        self.answer = prepared.handle
        self._answered_turn = transcript
        prepared.handle.committed.set()

    # ---------------------------------------------------------------- answer
    async def _prompt(self, transcript: Transcript, history: tuple) -> Prompt:
        clips: tuple = ()
        summary = ""
        # "what was she wearing?" after "… Ottilie …?"; "And one still in here" asks "anyone still in here"
        question = restored(about_named(transcript.text, history))
        wanted = evidence_wanted(question)  # 0 for small talk: memory is not read
        if self.memory is not None and wanted:
            clips = tuple(await asyncio.to_thread(self.memory.search, question, transcript.start, wanted,
                                                  self.config.clip_audio))
            summary = self.memory.summary()
        return Prompt(question=question, asked_at=transcript.end, clips=clips, summary=summary,
                      history=history)

    async def _decided(self, transcript: Transcript, history: tuple) -> tuple[Prompt, Decision]:
        """The answer policy's decision on the first reading of `transcript`, or on the first other
        reading memory grounds when the first finds nothing for sure ("what was that memory on the
        screen" for "what was the exam room on the screen")."""
        prompt = await self._prompt(transcript, history)
        decision = decide(prompt.question, prompt.clips, prompt.asked_at)
        for reading in transcript.alternatives if decision.verdict in ("absent", "hedged") else ():
            if not may_read_as(transcript.text, reading):
                continue
            other = await self._prompt(replace(transcript, text=reading), history)
            if (grounded := decide(other.question, other.clips, other.asked_at)).verdict == "grounded":
                return other, grounded
        return prompt, decision

    def _citations(self, decision: Decision) -> list[Citation]:
        """The clip an answer rests on, with thumbnail URLs the page can show."""
        return [Citation.of(clip, self.thumbnails(clip.clip_id)) for clip in decision.cited[:1]]

    async def _answer(self, prepared: PreparedAnswer, history: tuple) -> None:
        handle, trace = prepared.handle, prepared.trace
        assert handle is not None and trace is not None
        splitter = SentenceSplitter()
        # the answer policy: about the stream, the evidence answers (or "I don't know"); the
        # model speaks for small talk, and about the stream only when it is checked
        prompt, decision = await self._decided(prepared.transcript, history)
        if prepared.grounded is not None:
            given = firmly_grounded(prompt.question, decision)
            if not given and small_talk(prompt.question):
                # "my feet are killing me" after an answer: a reply in kind, and remembered as said
                decision, prepared.small_talk, given = Decision("chat", ""), True, True
            prepared.grounded.set_result(given)
            if not prepared.grounded.result():
                return  # a tentative follow-up memory does not answer: `hear` remembers it
        citations = self._citations(decision)

        async def speak(piece: str) -> None:
            if trace.first_piece is None:
                trace.first_piece = self.clock()
            await self._speak(handle, piece, citations)

        try:
            # aclosing: a barge-in that cancels us mid-TTS still closes the model stream at once
            async with contextlib.aclosing(
                    answer(prompt, decision, self.backend, check_model=self.config.check_model)) as deltas:
                async for delta in deltas:
                    if trace.first_token is None:
                        trace.first_token = self.clock()
                    for piece in splitter.feed(delta):
                        await speak(piece)
            tail = splitter.flush()
            if tail:
                await speak(tail)
        except BackendError as exc:
            await speak(str(exc))
        await handle.committed.wait()
        self.outbox.send(AnswerMessage(session_id=self.id, answer_id=handle.answer_id, t=self.stream_time(),
                                       text="", final=True, latency=trace.report(), clips=citations))
        self.observe(trace)
        await self.speaker.wait_idle()
        if not handle.interrupted:
            self.history.append(("assistant", prepared.transcript.end, " ".join(handle.spoken)))
            self._answer_ended_at = self.stream_time()

    async def _speak(self, handle: AnswerHandle, text: str, citations: list[Citation]) -> None:
        """Synthesise one piece and queue it; the page gets its text (and, first, the cited clips)."""
        audio = await self.speaker.synthesize(text)
        await handle.committed.wait()  # a prepared answer holds its first piece until the turn ends
        first = not handle.spoken
        handle.spoken.append(text)
        self.speaker.enqueue(handle.answer_id, text, audio)
        self.outbox.send(AnswerMessage(session_id=self.id, answer_id=handle.answer_id, t=self.stream_time(),
                                       text=text, clips=citations if first else None))

    def on_first_audio(self, answer_id: str, at: float) -> None:
        """The speaker played an answer's first frame at monotonic time `at`."""
        for trace in reversed(self.traces):
            if trace.answer_id == answer_id:
                trace.first_audio = at
                self.observe(trace)
                self.outbox.send(LatencyMessage(**trace.report().model_dump()))
                return

    def interrupt(self) -> bool:
        """Barge-in: stop the model and the speech, keep what the user actually heard (False: there
        was nothing to stop)."""
        handle = self.answer
        if handle is None or handle.task is None or handle.interrupted or (
                handle.task.done() and not self.speaker.speaking):
            return False
        handle.interrupted = True
        handle.task.cancel()
        self.speaker.clear(handle.answer_id)
        heard = " ".join(self.speaker.played(handle.answer_id))
        t = self.stream_time()
        self.history.append(("assistant", t, heard + " …" if heard else "…"))
        self.outbox.send(InterruptedMessage(session_id=self.id, answer_id=handle.answer_id, t=t, heard=heard))
        self.log.info("answer %s interrupted after: %s", handle.answer_id, heard or "nothing")
        return True

    # ---------------------------------------------------------------- errors, state, end
    def _failed(self, item: Any, exc: Exception) -> None:
        self.log.error("%s failed on %r", type(item).__name__, item, exc_info=exc)
        self.outbox.send(ErrorMessage(message=f"could not process {type(item).__name__}: {exc}"))

    def _task_failed(self, task: asyncio.Task, exc: BaseException) -> None:
        self.log.error("task %s failed", task.get_name(), exc_info=exc)
        self.outbox.send(ErrorMessage(message=f"{task.get_name()} failed: {exc}"))

    def latency(self) -> list[dict[str, Any]]:
        return [trace.as_dict() for trace in self.traces]

    async def close(self) -> None:
        """Cancel the answer in flight (its model stream is closed by the cancellation)."""
        await self._tasks.cancel_all()
