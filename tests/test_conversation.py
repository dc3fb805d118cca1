"""The Conversation driven by fakes: barge-in, history of what was heard, typed questions,
spoken errors, the evidence threshold and latency tracing, in milliseconds and without models."""
from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from memory.records import Evidence
from perception.events import SpeechStarted, Transcript
from reasoning.conversation import ConversationConfig
from reasoning.protocol import AskMessage, InterruptMessage
from tests.fakes import FakeMemory, ScriptedBackend, conversation


async def _until(condition, timeout: float = 1.0) -> None:
    async def poll() -> None:
        while not condition():
            await asyncio.sleep(0)
    await asyncio.wait_for(poll(), timeout)


async def _answered(h) -> None:
    await _until(lambda: h.conversation.answer is not None and h.conversation.answer.task.done())


async def test_a_question_is_answered_by_voice_and_history_keeps_both_sides():
    h = conversation(ScriptedBackend(["It is ", "four o'clock. ", "Anything else?"]))
    await h.conversation.hear(h.recognizer("how are you?").hear(10.0, 11.5))
    await _answered(h)
    assert h.speaker.spoken == ["It is four o'clock.", "Anything else?"]
    assert [m.text for m in h.outbox.of_type("answer")] == ["It is four o'clock.", "Anything else?", ""]
    assert h.outbox.of_type("answer")[-1].final
    assert list(h.conversation.history) == [("user", 10.0, "how are you?"),
                                            ("assistant", 11.5, "It is four o'clock. Anything else?")]
    assert h.backend.prompts[0].question == "how are you?" and h.backend.closed == 1


async def test_statements_are_remembered_not_answered():
    h = conversation()
    transcript = h.recognizer("the keys are in the drawer").hear(3.0, 4.0)
    await h.conversation.hear(transcript)
    assert h.remembered == [transcript] and h.conversation.answer is None
    assert h.outbox.of_type("transcript")[0].addressed is False
    assert not h.backend.prompts


async def test_thanks_is_answered_right_after_an_answer_only():
    h = conversation(ScriptedBackend(["You're welcome."]))
    await h.conversation.hear(h.recognizer("thanks, you're a lifesaver").hear(3.0, 4.0))
    assert h.conversation.answer is None  # nothing to thank for: said to someone in the room
    h.stream_time = 12.5  # when the answer has played
    await h.conversation.hear(h.recognizer("how are you?").hear(10.0, 11.5))
    await _answered(h)
    first = h.conversation.answer
    await h.conversation.hear(h.recognizer("thanks, you're a lifesaver").hear(14.0, 15.0))
    await _answered(h)
    assert h.conversation.answer is not first and h.conversation.answers == 2


async def _said_after_an_answer(words: str, at: float):
    """`words` heard at stream time `at`, after an answer to "how are you?" finished playing at 12.5 s."""
    h = conversation(ScriptedBackend(["Fine."]), memory=FakeMemory([WEDNESDAYS]))
    h.stream_time = 12.5
    await h.conversation.hear(h.recognizer("how are you?").hear(10.0, 11.5))
    await _answered(h)
    transcript = h.recognizer(words).hear(at, at + 1.5)
    await h.conversation.hear(transcript)
    await _answered(h)
    return h, transcript


WEDNESDAYS = Evidence("c1", 100.0, 110.0, 'Said: "Fenwick said he will take Wednesdays"', score=0.6,
                      speech=("Fenwick said he will take Wednesdays",))


@pytest.mark.parametrize(("follow_up", "at", "answered"), [
    ("it's then we do in Wednesdays", 14.0, True),  # misheard "is Fenwick doing Wednesdays", grounded
    ("it's then we do in Wednesdays", 30.0, False),  # long after the answer: a remark
    ("right let's put the kettle on", 14.0, False),  # memory has nothing on it: a remark
    ("Dagny, it's Wednesdays then", 14.0, False),  # said to someone by name
])
async def test_words_right_after_an_answer_are_a_follow_up_only_when_memory_answers_them(
        follow_up: str, at: float, answered: bool):
    h, transcript = await _said_after_an_answer(follow_up, at)
    assert h.conversation.answers == (2 if answered else 1)
    assert (transcript in h.remembered) is not answered
    assert h.outbox.of_type("transcript")[-1].addressed is answered
    if answered:
        assert " ".join(h.speaker.spoken).endswith('At 01:40, you said "Fenwick said he will take Wednesdays".')


@pytest.mark.parametrize(("said", "at", "replied"), [
    ("my feet are killing me, standing here all morning", 14.0, True),
    ("committee meetings always drag on, don't they", 14.0, True),
    ("my feet are killing me, standing here all morning", 30.0, False),  # long after the answer: a remark
    ("right let's put the kettle on", 14.0, False),  # no feeling or opinion in it: a remark
    ("when you want my talk in your mouth", 14.0, False),  # a misheard question memory cannot answer
])
async def test_small_talk_right_after_an_answer_gets_a_reply_in_kind_and_is_remembered(said: str, at: float, replied: bool):
    """sealed4 and sealed5 said half their small talk as statements ("I can't wait to get away,
    honestly"); right after an answer such words are for the assistant. They are remembered either way."""
    h, transcript = await _said_after_an_answer(said, at)
    assert h.conversation.answers == (2 if replied else 1)
    assert transcript in h.remembered
    if replied:
        assert h.backend.prompts[-1].question == said and not h.backend.prompts[-1].clips  # no memory in small talk


EXAM = Evidence("c1", 0.0, 10.0, 'Screen showed: "EXAM ROOM C12"', score=0.6, seen=(("screen", "EXAM ROOM C12"),))


async def test_a_question_memory_cannot_answer_as_heard_is_answered_from_another_reading():
    h = conversation(memory=FakeMemory([EXAM]))
    await h.conversation.hear(h.recognizer("what was that memory on the screen? | what was the exam room on the screen?"
                                           ).hear(20.0, 21.0))
    await _answered(h)
    assert " ".join(h.speaker.spoken) == 'At 00:00, the screen showed "EXAM ROOM C12".'
    assert h.outbox.of_type("transcript")[-1].text == "what was that memory on the screen?"  # as heard
    h = conversation(memory=FakeMemory([EXAM]))
    await h.conversation.hear(h.recognizer("did I mention my bank details? | did I mention the exam room?").hear(20.0, 21.0))
    await _answered(h)
    assert " ".join(h.speaker.spoken).startswith("No")  # a reading memory finds nothing for is answered as heard


async def test_typed_questions_are_always_addressed_and_queued_in_order():
    h = conversation(ScriptedBackend(["Sure."]))
    run = asyncio.create_task(h.conversation.run())
    try:
        h.stream_time = 7.0
        h.conversation.receive(AskMessage(type="ask", text="  tell me a story  "))  # no question mark: typed anyway
        h.conversation.receive(AskMessage(type="ask", text="   "))  # nothing to ask
        await _until(lambda: h.outbox.of_type("answer") and h.outbox.of_type("answer")[-1].final)
        heard = h.outbox.of_type("transcript")
        assert [(m.text, m.via, m.addressed, m.start) for m in heard] == [("tell me a story", "typed", True, 7.0)]
        assert h.speaker.spoken == ["Sure."]
    finally:
        run.cancel()
        await asyncio.gather(run, return_exceptions=True)


async def test_speaking_over_an_answer_stops_it_and_history_keeps_only_what_was_heard():
    backend = ScriptedBackend(["One two three four. ", "Five six seven eight. "], hang=True)
    h = conversation(backend, autoplay=False)
    await h.conversation.hear(h.recognizer("tell me a story?").hear(1.0, 2.0))
    await _until(lambda: len(h.speaker.queue) == 2)
    h.speaker.play(1)  # the first sentence went out; the second is still queued
    h.stream_time = 6.0
    h.conversation.speech_started(SpeechStarted("s1", 5.9))

    assert [m.type for m in h.outbox.messages[-2:]] == ["speech_started", "interrupted"]
    interrupted = h.outbox.of_type("interrupted")[0]
    assert interrupted.heard == "One two three four." and interrupted.t == 6.0
    assert not h.speaker.speaking  # queued speech dropped at once
    assert h.conversation.history[-1] == ("assistant", 6.0, "One two three four. …")
    await _until(lambda: h.conversation.answer.task.done())
    assert h.conversation.answer.task.cancelled() and backend.closed == 1  # the model stream was closed
    assert h.conversation.history[-1] == ("assistant", 6.0, "One two three four. …")  # not the whole answer

    h.conversation.receive(InterruptMessage(type="interrupt"))  # nothing left to interrupt
    assert len(h.outbox.of_type("interrupted")) == 1


async def test_an_interruption_before_any_audio_keeps_an_ellipsis():
    h = conversation(ScriptedBackend(["Well. "], hang=True), autoplay=False)
    await h.conversation.hear(h.recognizer("are you there?").hear(1.0, 2.0))
    await _until(lambda: h.speaker.queue)
    h.conversation.interrupt()
    assert h.conversation.history[-1][2] == "…" and h.outbox.of_type("interrupted")[0].heard == ""


async def test_backend_errors_are_spoken():
    h = conversation(ScriptedBackend([], error="The answering model is not responding."))
    await h.conversation.hear(h.recognizer("how is it going?").hear(1.0, 2.0))
    await _answered(h)
    assert h.speaker.spoken == ["The answering model is not responding."]
    assert h.outbox.of_type("answer")[-1].final and not h.outbox.of_type("error")


def _clip(clip_id: str, score: float) -> Evidence:
    return Evidence(clip_id, 4.0, 9.0, f'Said: "clip {clip_id}"', score=score)


async def test_a_question_about_the_stream_is_answered_from_the_clip_holding_it_and_cites_it():
    keys = Evidence("c2", 4.0, 9.0, 'Said: "the keys are in the drawer"', score=0.3,
                    speech=("the keys are in the drawer",))
    memory = FakeMemory([_clip("c1", 0.71), keys], summary="a kitchen")
    h = conversation(ScriptedBackend(["Invented."]), memory=memory)
    await h.conversation.hear(h.recognizer("where are my keys?").hear(20.0, 21.0))
    await _answered(h)
    assert h.backend.prompts == []  # the evidence answers, the model is not asked
    assert " ".join(h.speaker.spoken) == 'At 00:04, you said "the keys are in the drawer".'
    first, final = h.outbox.of_type("answer")[0], h.outbox.of_type("answer")[-1]
    assert [c.id for c in first.clips] == ["c2"] and first.clips[0].thumbnails == ["/thumbs/c2-0.jpg"]
    assert final.clips == first.clips


async def test_a_checked_model_phrases_the_evidence_but_may_not_invent():
    memory = FakeMemory([Evidence("c1", 4.0, 9.0, 'Screen showed: "ORDER 5521"', score=0.5,
                                  seen=(("screen", "ORDER 5521"),))])
    h = conversation(ScriptedBackend(["The order was 4471. "]), memory=memory,
                     config=ConversationConfig(check_model=True))
    await h.conversation.hear(h.recognizer("what was the order number?").hear(20.0, 21.0))
    await _answered(h)
    assert [c.clip_id for c in h.backend.prompts[0].clips] == ["c1"]
    assert " ".join(h.speaker.spoken) == 'At 00:04, the screen showed "ORDER 5521".'


async def test_small_talk_does_not_search_memory():
    memory = FakeMemory([_clip("c1", 0.9)])
    h = conversation(ScriptedBackend(["Yes."]), memory=memory)
    await h.conversation.hear(h.recognizer("can you hear me?").hear(1.0, 2.0))
    await _answered(h)
    assert memory.searches == [] and h.backend.prompts[0].clips == ()


async def test_latency_is_traced_from_the_end_of_speech():
    h = conversation(ScriptedBackend(["Fine, ", "thanks for asking. "], token_s=0.05))
    await h.conversation.hear(h.recognizer("how are you?").hear(1.0, 2.0, hangover_s=0.4, asr_s=0.1))
    await _answered(h)
    latency = h.outbox.of_type("latency")[0]
    assert latency.turn_end_s == pytest.approx(0.4) and latency.transcript_s == pytest.approx(0.5)
    assert latency.first_token_s == pytest.approx(0.55)
    # "Fine," is the first piece, cut at the clause: the second token came first, then synthesis
    assert latency.first_piece_s == pytest.approx(0.6)
    assert latency.first_audio_s == pytest.approx(0.62)
    assert h.outbox.of_type("answer")[-1].latency.first_audio_s == pytest.approx(0.62)
    assert h.observed and h.observed[-1].first_audio is not None
    assert h.conversation.latency()[0]["first_audio_s"] == pytest.approx(0.62)


async def test_history_and_traces_are_bounded():
    h = conversation(ScriptedBackend(["Ok."]), config=ConversationConfig(max_history=4, max_traces=2))
    recognizer = h.recognizer(*[f"how are you {i}?" for i in range(5)])
    for i in range(5):
        await h.conversation.hear(recognizer.hear(i, i + 0.5))
        await _answered(h)
    assert len(h.conversation.history) == 4 and len(h.conversation.traces) == 2
    assert h.conversation.answers == 5
    assert len(h.backend.prompts[-1].history) <= ConversationConfig().history_turns


# ---------------------------------------------------------------- answers prepared at a pause
def _turn(h, start: float, end: float, text: str, spoken: float, *, turn_end_s: float = 0.4) -> Transcript:
    """The final transcript of a turn that ended `turn_end_s` after the user stopped speaking at `spoken`."""
    h.clock.now = spoken + turn_end_s
    return Transcript("s1", start, end, text, spoken_at=spoken, turn_end_at=h.clock(), transcribed_at=h.clock(),
                      ended_by="silence")


async def _held(h) -> None:
    """The prepared answer has synthesised its first piece and waits for the turn to end."""
    await _until(lambda: h.conversation.prepared.trace.first_piece is not None)
    for _ in range(5):
        await asyncio.sleep(0)


async def test_an_answer_prepared_at_a_pause_speaks_once_the_turn_ends_with_the_same_words():
    h = conversation(ScriptedBackend(["Fine, ", "thanks for asking. "], token_s=0.05))
    spoken = h.clock()
    h.clock.advance(0.1)  # the pause: its speculative transcript is ready
    h.conversation.speculate(Transcript("s1", 10.0, 11.5, "how are you?"))
    await _held(h)
    assert h.outbox.messages == [] and h.speaker.spoken == [] and not h.conversation.history
    assert h.backend.prompts[0].history[-1] == ("user", 10.0, "how are you?")

    await h.conversation.hear(_turn(h, 10.0, 11.9, "how are you?", spoken))
    await _answered(h)
    assert h.speaker.spoken == ["Fine, thanks for asking."] and len(h.backend.prompts) == 1
    assert h.outbox.messages[0].type == "transcript"  # nothing went out before the turn ended
    latency = h.outbox.of_type("latency")[0]
    assert latency.turn_end_s == pytest.approx(0.4) and latency.transcript_s == pytest.approx(0.4)
    # token and piece were ready before the turn ended: they count from the transcript, in order
    assert latency.first_token_s == pytest.approx(0.4) and latency.first_piece_s == pytest.approx(0.4)
    assert latency.prepared
    assert latency.first_audio_s == pytest.approx(0.4)  # the ready audio was queued at the turn's end
    assert latency.ended_by == "silence" and h.conversation.latency()[0]["first_audio_s"] == pytest.approx(0.4)
    assert list(h.conversation.history) == [("user", 10.0, "how are you?"),
                                            ("assistant", 11.9, "Fine, thanks for asking.")]
    assert h.conversation.answers == 1 and h.conversation.prepared is None


async def test_an_answer_prepared_at_a_pause_is_dropped_silently_when_the_user_goes_on():
    h = conversation(ScriptedBackend(["Well, ", "let me think. "], hang=True))
    h.conversation.speculate(Transcript("s1", 10.0, 11.5, "tell me a story?"))
    await _held(h)
    task = h.conversation.prepared.handle.task
    h.conversation.speech_started(SpeechStarted("s1", 11.7))
    await asyncio.gather(task, return_exceptions=True)
    assert task.cancelled() and h.backend.closed == 1  # the model stream was closed
    assert [m.type for m in h.outbox.messages] == ["speech_started"]  # no interruption: nothing was said
    assert h.speaker.spoken == [] and not h.conversation.history and not h.conversation.traces
    assert h.conversation.answers == 0 and h.conversation.prepared is None and h.observed == []


async def test_a_turn_that_ends_with_other_words_is_answered_afresh():
    h = conversation(ScriptedBackend(["Sure. "]))
    h.conversation.speculate(Transcript("s1", 10.0, 11.5, "how are you?"))
    await _held(h)
    prepared = h.conversation.prepared.handle.task
    await h.conversation.hear(_turn(h, 10.0, 13.0, "how are you doing today?", h.clock()))
    await _answered(h)
    assert prepared.cancelled()
    assert [p.question for p in h.backend.prompts] == ["how are you?", "how are you doing today?"]
    assert h.speaker.spoken == ["Sure."] and len(h.conversation.traces) == 1
    assert [m.text for m in h.outbox.of_type("transcript")] == ["how are you doing today?"]
    assert h.conversation.history[0] == ("user", 10.0, "how are you doing today?")


async def _early_turn_cut_off(h, ended_by: str = "turn model", gap: float = 0.3) -> None:
    """A question whose turn the model ended at a pause; speech starts `gap` s after it, mid-answer."""
    question = replace(h.recognizer("what time is it?").hear(1.0, 2.0), ended_by=ended_by)
    await h.conversation.hear(question)
    await _until(lambda: h.speaker.queue)
    h.conversation.speech_started(SpeechStarted("s1", 2.0 + gap))


async def test_speech_that_cuts_off_an_early_turns_answer_joins_that_turn():
    h = conversation(ScriptedBackend(["It is four. ", "More to come."], hang=True), autoplay=False)
    await _early_turn_cut_off(h)
    await h.conversation.hear(h.recognizer("I need to know it for later.").hear(2.3, 3.5))
    joined = h.outbox.of_type("transcript")[-1]
    assert (joined.text, joined.start, joined.addressed) == (
        "what time is it? I need to know it for later.", 1.0, True)
    assert h.outbox.of_type("interrupted") and h.conversation.traces[-1].question == joined.text


async def test_a_turn_heard_again_at_the_start_of_its_rest_is_said_once():
    h = conversation(ScriptedBackend(["It is four. ", "More to come."], hang=True), autoplay=False)
    await _early_turn_cut_off(h)
    await h.conversation.hear(h.recognizer("What time is it? I need to know it for later.").hear(2.3, 3.5))
    assert h.outbox.of_type("transcript")[-1].text == "What time is it? I need to know it for later."


@pytest.mark.parametrize(("ended_by", "gap", "words"), [
    ("silence", 0.3, "I need to know it for later."),  # the hangover ended it: the turn was over
    ("turn model", 1.5, "I need to know it for later."),  # said after a while
    ("turn model", 0.3, "and is it late?"),  # a question of its own
])
async def test_speech_after_a_turn_the_hangover_ended_after_a_while_or_meant_on_its_own_is_a_turn_of_its_own(
        ended_by, gap, words):
    h = conversation(ScriptedBackend(["It is four. ", "More to come."], hang=True), autoplay=False)
    await _early_turn_cut_off(h, ended_by, gap)
    await h.conversation.hear(h.recognizer(words).hear(2.0 + gap, 3.5))
    assert h.outbox.of_type("transcript")[-1].text == words


def test_music_the_tagger_heard_in_a_question_counts_only_when_memory_heard_it_too():
    from reasoning.conversation import gate_context
    from reasoning.gate import RuleAddressGate
    question = Transcript("s1", 100.0, 103.0, "Which room is the oral test in?", ("music", "speech"))
    misfire = gate_context(question, FakeMemory([Evidence("c1", 80.0, 90.0, "", sound_tags=("music",))]))
    assert misfire.sound_tags == ("speech",)  # memory heard no music then: the tagger misfired
    assert RuleAddressGate().addressed(question.text, misfire)
    playing = FakeMemory([Evidence("c2", 95.0, 110.0, "", sound_tags=("music",))])
    assert not RuleAddressGate().addressed(question.text, gate_context(question, playing))  # lyrics, the radio
    assert gate_context(question, None).sound_tags == ("music", "speech")


async def test_a_yes_no_question_is_answered_as_heard_not_from_another_reading():
    """Replayed on five read splits, every answer another reading made wrong was a "did I …?" about
    something never said, grounded by a reading that asked something else."""
    h = conversation(memory=FakeMemory([EXAM]))
    await h.conversation.hear(h.recognizer("was there a train time on the screen? | what was on the screen?").hear(20.0, 21.0))
    await _answered(h)
    assert " ".join(h.speaker.spoken).startswith("No")


async def test_a_follow_up_sharing_one_word_with_memory_is_remembered_not_answered():
    """sealed2: "No way I'm a time limit" right after an answer found "way" in "way too fast" and was
    answered with a misheard number."""
    tempo = Evidence("c2", 70.0, 80.0, 'Said: "that was way too fast, slow it down"', score=0.6,
                     speech=("that was way too fast, slow it down",))
    h = conversation(ScriptedBackend(["Fine."]), memory=FakeMemory([tempo]))
    h.stream_time = 12.5
    await h.conversation.hear(h.recognizer("how are you?").hear(10.0, 11.5))
    await _answered(h)
    transcript = h.recognizer("no way I'm a time limit").hear(14.0, 15.5)
    await h.conversation.hear(transcript)
    assert h.conversation.answers == 1 and transcript in h.remembered


async def test_what_a_question_also_tells_is_remembered():
    """"I put the keys in the red drawer. Can you remember that?" was answered and, being a question,
    kept out of memory whole: "where did I put my keys?" later had nothing to find."""
    h = conversation(ScriptedBackend(["Sure."]))
    heard = h.recognizer("I put the keys in the red drawer. Can you remember that?").hear(10.0, 13.0)
    await h.conversation.hear(heard)
    await _answered(h)
    assert h.conversation.answers == 1
    assert [(t.text, t.start) for t in h.remembered] == [("I put the keys in the red drawer.", 10.0)]
    await h.conversation.hear(h.recognizer("what was on the screen?").hear(20.0, 21.0))
    await _answered(h)
    assert len(h.remembered) == 1  # a plain question stays out of memory


async def _cut_off_before_audio(h, question: str = "what's the code on the brake pads?"):
    """An answer queued but not yet played when speech starts (autoplay off)."""
    await h.conversation.hear(h.recognizer(question).hear(1.0, 2.0))
    await _until(lambda: h.speaker.queue)
    first = h.conversation.answer
    h.conversation.speech_started(SpeechStarted("s1", 2.0))
    assert first.interrupted
    return first


async def test_a_barge_in_that_comes_to_no_words_gets_the_answer_given_after_all():
    # sealed6: the hiss of "pads" started a new utterance that Whisper heard as nothing, and the
    # question went unanswered
    h = conversation(ScriptedBackend(["It's BP-27K. "]), autoplay=False)
    first = await _cut_off_before_audio(h)
    await h.conversation.hear(h.recognizer("").hear(2.0, 2.4))
    await _until(lambda: h.conversation.answer is not first and h.speaker.queue)
    assert h.conversation.answers == 2 and h.speaker.queue[0][0] == h.conversation.answer.answer_id
    assert h.speaker.spoken[0] == h.speaker.spoken[1]  # the same answer, given this time
    assert len(h.outbox.of_type("transcript")) == 1  # the question is shown once


async def test_a_barge_in_with_words_or_a_stop_press_is_not_answered_again():
    h = conversation(ScriptedBackend(["It's BP-27K. "]), autoplay=False)
    first = await _cut_off_before_audio(h)
    await h.conversation.hear(h.recognizer("the keys are in the drawer").hear(2.0, 3.0))
    await h.conversation.hear(h.recognizer("").hear(3.5, 3.8))
    assert h.conversation.answer is first and h.conversation.answers == 1

    h = conversation(ScriptedBackend(["It's BP-27K. "]), autoplay=False)
    await _cut_off_before_audio(h)
    h.conversation.receive(InterruptMessage(type="interrupt"))
    await h.conversation.hear(h.recognizer("").hear(2.0, 2.4))
    assert h.conversation.answers == 1


async def test_an_answer_partly_heard_is_not_repeated_after_a_wordless_barge_in():
    h = conversation(ScriptedBackend(["One two three. ", "Four five six. "], hang=True), autoplay=False)
    await h.conversation.hear(h.recognizer("tell me a story?").hear(1.0, 2.0))
    await _until(lambda: len(h.speaker.queue) == 2)
    h.speaker.play(1)
    h.conversation.speech_started(SpeechStarted("s1", 5.0))
    await h.conversation.hear(h.recognizer("").hear(5.0, 5.3))
    assert h.conversation.answers == 1
