"""End of turn: the turn model's input features, the live adapter (fake model), the real model (slow)."""
import asyncio
import concurrent.futures
import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest

from perception.audio import FRAME_SAMPLES, SegmenterConfig, SpeechSegmenter
from perception.events import EndOfTurnCheck, SpeechPaused, SpeechSegment, SpeechStarted
from perception.turn import (
    WINDOW_SAMPLES,
    TurnTaker,
    WhisperLogMel,
    judge,
    last_window,
    make_turn_model,
    sounds_finished,
)

LIBRIVOX = Path("/usr/share/pocketsphinx/test/data/librivox")


def test_log_mel_matches_transformers_whisper_features():
    from transformers import WhisperFeatureExtractor

    rng = np.random.default_rng(0)
    audio = last_window((rng.standard_normal(3 * 16000) * 3000).astype(np.int16))
    reference = WhisperFeatureExtractor(chunk_length=8)(
        audio, sampling_rate=16000, padding="max_length", max_length=WINDOW_SAMPLES, truncation=True,
        do_normalize=True, return_tensors="np").input_features[0]
    ours = WhisperLogMel()(audio)
    assert ours.shape == reference.shape == (80, 800)
    np.testing.assert_allclose(ours, reference, atol=1e-4)


def test_last_window_keeps_the_end_and_pads_in_front():
    short = last_window(np.full(16000, 16384, np.int16))
    assert len(short) == WINDOW_SAMPLES and short[0] == 0 and short[-1] == 0.5
    ramp = (np.arange(10 * 16000) % 30000).astype(np.int16)
    long = last_window(ramp)
    assert len(long) == WINDOW_SAMPLES and long[0] == ramp[2 * 16000] / 32768 and long[-1] == ramp[-1] / 32768


class FakeTurnModel:
    """Finished when the utterance is loud at its end (the pause excluded): a pure function of the audio."""

    def __init__(self) -> None:
        self.calls = 0

    def complete_probability(self, pcm: np.ndarray) -> float:
        self.calls += 1
        return 0.9 if pcm[-20 * FRAME_SAMPLES] > 1000 else 0.1


async def _live(pattern: str, loud_end: bool) -> list:
    """Feed frames in real time ('#' voiced, '.' silence) through the adapter; the events it emits."""
    events: list = []
    pool = concurrent.futures.ThreadPoolExecutor(1)
    model = FakeTurnModel()
    segmenter = SpeechSegmenter("s", SegmenterConfig(turn_pause_ms=200, unfinished_hangover_ms=1000))
    taker = TurnTaker(segmenter, lambda check: judge(model, check), pool, events.append)
    for i, ch in enumerate(pattern):
        level = 2000 if (ch == "#" and loud_end) else 500
        taker.push(np.full(FRAME_SAMPLES, level if ch == "#" else 0, np.int16), i * 0.02, ch == "#")
        await asyncio.sleep(0.005)  # the verdict arrives while later frames come in
    taker.flush()
    pool.shutdown()
    return events


async def test_the_adapter_ends_a_finished_turn_early_and_waits_on_an_unfinished_one():
    finished = await _live("." * 20 + "#" * 40 + "." * 80, loud_end=True)
    assert [type(e) for e in finished] == [SpeechStarted, SpeechPaused, SpeechSegment]
    assert finished[-1].ended_by == "turn model" and finished[-1].end < finished[-1].voiced_end + 0.4
    unfinished = await _live("." * 20 + "#" * 40 + "." * 80, loud_end=False)
    assert unfinished[-1].ended_by == "silence"
    assert abs(unfinished[-1].end - unfinished[-1].voiced_end - 1.0) < 1e-6


def test_none_means_no_turn_model():
    assert make_turn_model("none") is None
    with pytest.raises(ValueError):
        make_turn_model("telepathy")


def _wav(path: Path) -> np.ndarray:
    with wave.open(str(path)) as w:
        return np.frombuffer(w.readframes(w.getnframes()), np.int16)


@pytest.mark.slow
def test_smart_turn_hears_a_finished_question_from_a_sentence_cut_off(tmp_path):
    model = make_turn_model("smart-turn")
    pause = np.zeros(3200, np.int16)  # 200 ms
    raw, question = tmp_path / "raw.wav", tmp_path / "question.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "165", "-w", str(raw), "What time is it?"], check=True)
    # no dither (-D): sox's random dither moved this probability between 0.49 and 0.90 from run to run
    subprocess.run(["sox", "-D", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(question)], check=True)
    spoken = _wav(question)
    voiced = np.flatnonzero(np.abs(spoken.astype(np.int32)) > 300)
    assert model.complete_probability(np.concatenate([spoken[:voiced[-1] + 1], pause])) > 0.5
    # LibriVox narration stopped a second into "he might even have been made amiable himself"
    cut = _wav(LIBRIVOX / "sense_and_sensibility_01_austen_64kb-0930.wav")[:16000]
    assert model.complete_probability(np.concatenate([cut, pause])) < 0.5


@pytest.mark.parametrize("words, finished", [
    ("What time is it?", True), ("Hello, can you hear me?", True), ('"Is it on?"', True),
    ("Please enter your password.", False), ("Where did I put my...", False), ("Where did I put the", False),
    ("Can you tell me about the?", False), ("I was wondering whether", False), ("", False)])
def test_words_that_sound_finished(words, finished):
    assert sounds_finished(words) is finished


def test_a_finished_sounding_pause_still_waits_if_the_words_lead_on():
    check = EndOfTurnCheck("s", 0.0, 1.0, np.zeros(16000, np.int16))
    model = type("Sure", (), {"complete_probability": lambda self, pcm: 0.95})()
    assert judge(model, check).complete
    assert judge(model, check, words=lambda: "What time is it?").complete
    assert not judge(model, check, words=lambda: "Please enter your").complete
    unsure = type("Unsure", (), {"complete_probability": lambda self, pcm: 0.2})()
    asked = []
    assert not judge(unsure, check, words=lambda: asked.append(1) or "What time is it?").complete
    assert not asked  # without a question pause the words are only waited for when the model heard an ending
    flat = judge(unsure, check, words=lambda: "What time is it?", question_pause=True)
    assert not flat.complete and flat.question  # the segmenter may still end it at the question pause
    assert not judge(unsure, check, words=lambda: "Please enter your", question_pause=True).question
    assert not judge(model, check).question  # no words, no question verdict
