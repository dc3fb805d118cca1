"""What Whisper writes for music and silence is not remembered as speech; codes keep their digits."""
from __future__ import annotations

import numpy as np
import pytest

from memory import MemoryService
from memory.sqlite_store import SqliteStore
from perception.asr import QUESTIONS_BEFORE, REMARKS_BEFORE, Recognition, WhisperRecognizer, cut_repeats, heard_as_speech
from perception.events import Transcript
from tests.synthetic import HashingEmbedder


@pytest.mark.parametrize(("heard", "seconds", "kept"), [
    (Recognition("Where did I put my keys?", -0.2, 0.02), 2.0, True),
    (Recognition("you", -0.3, 0.4), 1.0, False),  # Whisper's word for silence
    (Recognition("Thank you.", -0.2, 0.01), 0.4, False),  # too short to be sure
    (Recognition("Thank you.", -0.2, 0.01), 1.2, True),  # said clearly
    (Recognition("I'm going to go to the bathroom.", -1.96, 0.62), 4.0, False),  # hold music
    (Recognition("I'm going to play the piano.", -1.8, 0.3), 4.0, False),
    (Recognition("Dead dimension might unbreath.", -1.3, 0.05), 1.5, True),  # a question, misheard
    (Recognition("la la la la la la la la la la la la la la la la", -0.3, 0.1), 4.0, False),  # a loop
    (Recognition("", -0.1, 0.0), 1.0, False),
])
def test_whispers_hallucination_checks(heard: Recognition, seconds: float, kept: bool) -> None:
    assert heard.plausible(seconds) is kept


def test_music_does_not_become_you_said() -> None:
    assert not heard_as_speech("you", ("music",))
    assert not heard_as_speech("I'm", ("singing", "speech"))
    # what memory-QA runs kept as said: synthetic singing and a garbled question, written in capitals
    assert not any(heard_as_speech(t, ()) for t in ("LADDLE", "LOOL LADDER LEADINGLY LADDER", "DIVENTION POMENTIST AT ALL"))
    assert heard_as_speech("OK, BBC at 10", ()) and heard_as_speech("The ATM ate my card.", ())
    assert not heard_as_speech("what is love baby don't hurt me", ("music",))
    assert heard_as_speech("the meeting moved to room B at noon", ("music", "speech"))
    assert heard_as_speech("you", ()) and heard_as_speech("hello there", ("speech",))
    assert not heard_as_speech("La blue old la", ("speech",))  # sung syllables, tagged as speech
    assert not heard_as_speech("la la la", ()) and not heard_as_speech("La.", ("speech",))
    assert heard_as_speech("I told Tina to meet us in LA at noon", ("speech",))
    # a refrain: a word pair three times (a choir the tagger called speech)
    assert not heard_as_speech("Laugh, fleety, laugh, fleety, tip. Ooh, ooh, oh, hey, yeah, laugh, fleety, laugh, fleety, tip.",
                               ("speech",))
    assert heard_as_speech("4th floor, 5th floor, 5th floor", ("speech",))


def test_remembered_speech_skips_music_transcripts(tmp_path) -> None:
    service = MemoryService(SqliteStore(tmp_path), HashingEmbedder())
    memory = service.open_session("s")
    memory.add_transcript(Transcript("s", 1.0, 9.0, "you", ("music",)))
    memory.add_transcript(Transcript("s", 12.0, 14.0, "the spare key is under the mat", ("speech",)))
    memory.add_transcript(Transcript("s", 20.0, 23.0, "the bins go out on Friday", ("music", "speech")))
    memory.flush(30.0)
    said = [s for clip in memory.timeline() for s in clip["speech"]]
    assert said == ["the spare key is under the mat", "the bins go out on Friday"]
    # the eight seconds of music are heard; three seconds of speech the tagger called music are not
    assert [clip["start"] for clip in memory.timeline() if "music" in clip["sound_tags"]] == [0.0]
    service.close()


def test_spoken_codes_and_times_are_written_as_a_screen_would() -> None:
    assert cut_repeats("My order number is 5,521.") == "My order number is 5521."
    assert cut_repeats("one, two, 3, 4") == "one, two, 3, 4"
    # sealed5: a buyer's "Morning! How much for the bike?" came back twice in one transcript
    assert cut_repeats("Morning How much for the bike? Morning How much for the bike?") == "Morning How much for the bike?"
    assert cut_repeats("We need four, we need four pegs.") == "We need four, we need four pegs."
    # held-out: "five in the morning" was remembered as "5.00", an amount with a zero never said
    assert cut_repeats("The taxi is booked for 5.00 in the morning.") == "The taxi is booked for 5:00 in the morning."
    assert cut_repeats("It cost $1.50, and 10.00 pm is late, 3.00 apples") == "It cost $1.50, and 10:00 pm is late, 3.00 apples"


@pytest.mark.slow
def test_a_short_remark_under_a_full_screen_is_still_transcribed(tmp_path) -> None:
    """The screen's words are Whisper's previous text; CTranslate2 counts them against the output
    length, so a 1 s remark under a wordy screen once decoded to nothing and was lost."""
    import subprocess

    from benchmarks.asr_passes import read_16k
    from perception.asr import WhisperRecognizer

    wav = tmp_path / "keys.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-w", str(wav), "where are my keys"], check=True)
    screen = ("GROCERY LIST eggs spinach lemons milk bread butter cheese apples oranges bananas TRAIN IC 718 "
              "PLATFORM 4 DEPARTS 17 45 INVOICE 5521 DUE FRIDAY ORDER 7719 SHIPPED MEETING ROOM B")
    heard = WhisperRecognizer().transcribe_for_memory(read_16k(wav), screen)
    assert "keys" in heard.lower()


def test_memory_offers_its_words_to_the_answer_pass(tmp_path) -> None:
    service = MemoryService(SqliteStore(tmp_path), HashingEmbedder())
    memory = service.open_session("s")
    memory.add_transcript(Transcript("s", 1.0, 3.0, "I put the blueberries in the freezer.", ("speech",)))
    memory.add_transcript(Transcript("s", 5.0, 7.0, "The locker number is 4471, by the blueberries.", ("speech",)))
    # content words once each, as written, newest last (Whisper reads its previous text that way)
    assert memory.vocabulary() == "put freezer locker number 4471 blueberries"
    assert memory.vocabulary(limit=2) == "4471 blueberries"
    service.close()


class _ScriptedWhisper(WhisperRecognizer):
    """`recognize` answers from a script keyed by the previous text it was given (no model)."""

    def __init__(self, script: dict[str, Recognition]) -> None:
        self.script, self.contexts = script, []

    def recognize(self, pcm16k, beam=1, temperature=0.0, context="", readings=1):
        self.contexts.append(context)
        return self.script[context]


def test_a_decoding_that_only_echoes_its_previous_text_is_decoded_again_without_it() -> None:
    """On hold music Whisper repeats its previous text confidently; that is not speech."""
    pcm = np.zeros(32000, np.int16)
    echo = _ScriptedWhisper({f"the keys are in the drawer {QUESTIONS_BEFORE}": Recognition("What did I say?", -0.1, 0.0),
                             "": Recognition("", -0.1, 0.9)})
    assert echo.transcribe(pcm, "the keys are in the drawer") == ""
    assert echo.contexts[-1] == ""
    heard = _ScriptedWhisper({f"the keys are in the drawer {QUESTIONS_BEFORE}":
                              Recognition("Where are the keys?", -0.1, 0.0)})
    assert heard.transcribe(pcm, "the keys are in the drawer") == "Where are the keys?"
    assert len(heard.contexts) == 1  # new words: one decoding
    remembered = _ScriptedWhisper({f"order 5521 {REMARKS_BEFORE}": Recognition("Order 5521.", -0.1, 0.0),
                                   "": Recognition("", -0.1, 0.9)})
    assert remembered.transcribe_for_memory(pcm, "ORDER 5521") == ""


@pytest.mark.slow
def test_the_answer_pass_keeps_the_beams_other_readings() -> None:
    """Real Whisper base on an espeak-ng question: the first reading, then other ones, none repeated."""
    from benchmarks.memqa.media import spoken
    from benchmarks.memqa.script import Voice
    from scipy.signal import resample_poly

    pcm = spoken("what was the exam room on the screen", Voice("en-gb-x-rp+Diogo", 165, 44))
    readings = WhisperRecognizer().readings(resample_poly(pcm.astype(np.float32), 1, 3).astype(np.int16), "EXAM ROOM C12")
    assert readings[0] == "What was the exam room on the screen?" and len(readings) >= 2
    assert len({tuple(r.lower().strip("?. ").split()) for r in readings}) == len(readings)
