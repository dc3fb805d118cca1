"""Clip audio: kept Opus-compressed within budget, handed back as 16 kHz PCM with the top clips."""
from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

from memory import MemoryService
from memory.audio import RATE, ClipAudio
from memory.sqlite_store import SqliteStore
from perception.events import AudioChunk, Transcript
from tests.conftest import librivox
from tests.synthetic import HashingEmbedder


def real_speech() -> np.ndarray:
    """The LibriVox test utterances one after another, 16 kHz mono int16."""
    pcm = []
    for path, _ in librivox().values():
        with wave.open(str(path)) as w:
            assert w.getframerate() == RATE and w.getnchannels() == 1
            pcm.append(np.frombuffer(w.readframes(w.getnframes()), np.int16))
    return np.concatenate(pcm)


def chunks(pcm: np.ndarray, start: float = 0.0, seconds: float = 5.0):
    step = int(seconds * RATE)
    for i in range(0, len(pcm), step):
        yield AudioChunk("s1", start + i / RATE, pcm[i:i + step])


def test_speech_is_kept_within_budget_and_comes_back_intact() -> None:
    speech = real_speech()
    audio = ClipAudio()
    for chunk in chunks(speech):
        audio.add(chunk)
    seconds = len(speech) / RATE
    assert audio.bytes / seconds < 2000  # ≤ 7.2 MB per stream hour (measured ~1.5 KB/s)
    back = np.frombuffer(audio.pcm(2.0, 6.0), np.int16).astype(np.float64)
    assert abs(len(back) - 4 * RATE) < 0.05 * RATE
    original = speech[2 * RATE : 6 * RATE].astype(np.float64)
    def envelope(x: np.ndarray) -> np.ndarray:  # loudness per 10 ms: the words, not the waveform
        return np.sqrt(np.mean(x[: len(x) // 160 * 160].reshape(-1, 160) ** 2, axis=1))

    n = len(back) - 800
    best = max(np.corrcoef(envelope(original[:n]), envelope(back[shift:shift + n]))[0, 1] for shift in range(0, 800, 20))
    assert best > 0.9  # the same words, after Opus's delay


def test_gaps_and_old_audio() -> None:
    audio = ClipAudio(max_seconds=20.0)
    tone = (np.sin(2 * np.pi * 300 * np.arange(10 * RATE) / RATE) * 8000).astype(np.int16)
    for chunk in chunks(tone, start=0.0):
        audio.add(chunk)
    for chunk in chunks(tone, start=100.0):  # after a gap: stamped from its own start
        audio.add(chunk)
    assert audio.pcm(0.0, 10.0) is None  # older than 20 s before the newest audio
    assert len(audio.pcm(102.0, 104.0)) // 2 > 1.9 * RATE
    assert audio.pcm(50.0, 60.0) is None


def test_search_hands_the_top_clips_their_audio(tmp_path: Path) -> None:
    service = MemoryService(SqliteStore(tmp_path), HashingEmbedder())
    memory = service.open_session("s1")
    speech = real_speech()[: 20 * RATE]
    for chunk in chunks(speech):
        memory.add_audio(chunk)
    memory.add_transcript(Transcript("s1", 1.0, 4.0, "the spare key is under the blue flower pot"))
    memory.flush(20.0)
    assert memory.search("where is the spare key?", 20.0, k=1)[0].audio_pcm is None  # a model that doesn't listen
    top = memory.search("where is the spare key?", 20.0, k=1, audio_clips=2)[0]
    assert top.audio_pcm and abs(len(top.audio_pcm) / 2 / RATE - (top.end - top.start)) < 0.1
    service.close()
