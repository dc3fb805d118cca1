"""A recorded stream end to end: rendered screens read by the real OCR frame encoder, a camera,
late transcripts and music, then questions about earlier moments."""

from __future__ import annotations

from collections.abc import Iterator
from difflib import SequenceMatcher

import numpy as np
import pytest

from memory import MemoryService, MiniLMEmbedder, SessionMemory
from memory.sqlite_store import SqliteStore
from perception.events import SoundEvent
from perception.vision import OcrConfig, make_frame_encoder
from tests.synthetic import Scene, frame, render, transcripts

SESSION = "recorded"
NOW = 150.0
MUSIC = (45.0, 70.0)

SCENES = [
    Scene(0, 15, "INVOICE 4471", (250, 220, 40), ((2, 5, "let me look at this invoice"),)),
    Scene(15, 30, "KEYS IN RED DRAWER", (220, 60, 60), ((17, 21, "I am putting my keys in the red drawer"),)),
    Scene(30, 45, "MEETING AT 3 PM", (60, 90, 220), ((32, 36, "the meeting with Anna is at three"),)),
    Scene(45, 70, "NOW PLAYING JAZZ", (130, 50, 170), ((55, 57, "I love this song"),)),
    Scene(70, 85, "WIFI CODE 8812", (60, 170, 80), ((72, 76, "the wifi password is on the router"),)),
    Scene(85, 100, "BUY MILK AND EGGS", (245, 245, 245), ((87, 90, "I need to buy milk and eggs"),)),
    Scene(100, 115, "FLIGHT LH902 GATE 12", (250, 150, 40), ((102, 106, "my flight leaves from gate twelve"),)),
    Scene(115, 130, "DENTIST FRIDAY 10 AM", (80, 210, 210), ((117, 120, "dentist appointment on friday morning"),)),
    Scene(130, 150, "GLASSES ON SHELF", (150, 150, 150), ((132, 136, "my glasses are on the bookshelf"),)),
]
CAMERA = [(0, 60, (90, 70, 50)), (60, 110, (40, 80, 60)), (110, 150, (70, 70, 110))]

#: question → (start, end) of the moment it is about; the top clip must overlap it
QUESTIONS = {
    "What was on the screen at the start?": (0.0, 1.0),
    "What did I say about the keys?": (17.0, 21.0),
    "When did the music stop?": (70.0, 70.0),
    "What was the invoice number?": (0.0, 15.0),
    "Where did I put my glasses?": (130.0, 150.0),
    "What was on the screen 100 seconds ago?": (50.0, 50.0),
    "What did I say after the music?": (72.0, 76.0),
    "What is the wifi password?": (70.0, 85.0),
    "Which gate does my flight leave from?": (100.0, 115.0),
    "What did I say a moment ago?": (132.0, 136.0),
}


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SessionMemory]:
    encoder = make_frame_encoder("ocr", ocr=OcrConfig(refresh_s=60.0))  # OCR again on change only
    svc = MemoryService(SqliteStore(tmp_path_factory.mktemp("recorded")), MiniLMEmbedder())
    m = svc.open_session(SESSION)
    late = sorted(transcripts(SESSION, SCENES), key=lambda t: t.end)
    pictures: dict[tuple[str, tuple[int, int, int], int], np.ndarray] = {}

    def picture(text: str, colour: tuple[int, int, int], noise: int) -> np.ndarray:
        """Three noisy takes of each picture: frames differ like a real capture's do."""
        if (text, colour, noise) not in pictures:
            pictures[text, colour, noise] = render(text, colour, noise=noise)
        return pictures[text, colour, noise]

    for step in range(int(NOW * 2)):
        t = step / 2
        scene = next(s for s in SCENES if s.start <= t < s.end)
        m.add_frame(encoder.encode(frame(SESSION, "screen", t, picture(scene.text, scene.background, step % 3 + 1))))
        if step % 2 == 0:
            colour = next(c for a, b, c in CAMERA if a <= t < b)
            m.add_frame(encoder.encode(frame(SESSION, "camera", t, picture("", colour, step % 3 + 1))))
        while late and late[0].end + 1.5 <= t:  # ASR delivers 1.5 s after the end of speech
            m.add_transcript(late.pop(0))
        if t == MUSIC[1] + 2.0:  # the sound detector reports the music when it has ended
            m.add_sound(SoundEvent(SESSION, *MUSIC, "music"))
    m.flush(NOW)
    yield m
    svc.close()


def test_ocr_text_reaches_memory(recorded: SessionMemory) -> None:
    seen = [s["text"] for c in recorded.timeline() for s in c["seen"] if s["source"] == "screen"]
    close = [max(SequenceMatcher(None, scene.text, text).ratio() for text in seen) for scene in SCENES]
    assert min(close) >= 0.75, list(zip([s.text for s in SCENES], close))  # OCR drops spaces, misreads I/L


def test_recorded_stream_questions(recorded: SessionMemory) -> None:
    misses = []
    for question, (lo, hi) in QUESTIONS.items():
        best = recorded.search(question, now=NOW, k=3)[0]
        if not (best.start <= hi and best.end >= lo):
            misses.append(f"{question} → {best.start:.0f}–{best.end:.0f} s: {best.text}")
    assert len(QUESTIONS) - len(misses) >= 9, "\n".join(misses)
