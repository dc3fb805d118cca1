"""SessionMemory ingest: clips, late transcripts, compression, summary, the open clip, storage."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from memory import MemoryConfig, MemoryService, SessionMemory
from memory.sqlite_store import SqliteStore
from perception.events import SoundEvent, Transcript
from tests.synthetic import HashingEmbedder, at, features

YELLOW, RED, BLUE, WHITE = (250, 220, 40), (200, 30, 30), (40, 60, 200), (245, 245, 245)


@pytest.fixture
def service(tmp_path: Path) -> Iterator[MemoryService]:
    svc = MemoryService(SqliteStore(tmp_path), HashingEmbedder())
    yield svc
    svc.close()


def play(memory: SessionMemory, scenes: list[tuple[float, float, str, tuple[int, int, int]]], fps: float = 2.0) -> None:
    """Screen frames of each (start, end, text, colour) scene at `fps`."""
    for start, end, text, colour in scenes:
        base = features(memory.session_id, "screen", start, text, colour)
        n = round((end - start) * fps)
        for i in range(n):
            memory.add_frame(at(base, start + i / fps))


def test_clips_follow_scenes_and_max_length(service: MemoryService) -> None:
    m = service.open_session("s1")
    play(m, [(0, 20, "INVOICE 4471", YELLOW), (20, 27, "KEYS IN RED DRAWER", RED), (27, 40, "MEETING AT 3 PM", BLUE)])
    m.flush(40)
    clips = m.timeline()
    starts = [c["start"] for c in clips]
    assert 20.0 in starts and 27.0 in starts
    assert all(c["end"] - c["start"] <= 10.0 for c in clips)
    assert all(1 <= len(c["keyframes"]) <= 3 for c in clips)
    assert m.clip_count == len(clips)  # what /metrics reports per session
    by_start = {c["start"]: c for c in clips}
    assert "KEYS IN RED DRAWER" in by_start[20.0]["text"]
    assert [d["end"] - d["start"] for d in by_start[20.0]["details"]] == [5.0, 2.0]


def test_late_transcript_reaches_its_clip(service: MemoryService) -> None:
    m = service.open_session("s1")
    play(m, [(0, 30, "INVOICE 4471", YELLOW)])
    assert len(m.timeline()) >= 2  # clips up to ~27 s are final already
    m.add_transcript(Transcript("s1", 5.0, 8.0, "the invoice is due on friday"))
    m.flush(30)
    texts = {c["start"]: c["text"] for c in m.timeline()}
    assert "due on friday" in texts[0.0]
    assert "due on friday" not in texts[10.0]
    assert m.search("when is the invoice due", 30, k=1)[0].start == 0.0


def test_an_utterance_across_a_cut_belongs_to_both_clips(service: MemoryService) -> None:
    m = service.open_session("s1")
    play(m, [(0, 10, "INVOICE 4471", YELLOW), (10, 20, "KEYS IN RED DRAWER", RED)])
    m.add_transcript(Transcript("s1", 8.0, 12.0, "I am putting my keys in the red drawer"))
    m.flush(20)
    assert [("keys in the red drawer" in c["text"]) for c in m.timeline()] == [True, True]


def test_old_clips_are_compressed_and_merged(service: MemoryService, tmp_path: Path) -> None:
    m = service.open_session("s1")
    play(m, [(0, 60, "THE SAME SLIDE FOR A MINUTE", WHITE), (60, 80, "ANOTHER SLIDE", BLUE), (80, 200, "LATER", RED)])
    m.flush(200)
    clips = m.timeline()
    old = [c for c in clips if c["end"] <= 140]
    assert all(c["compressed"] and len(c["keyframes"]) == 1 and c["details"] == [] for c in old)
    assert (old[0]["start"], old[0]["end"]) == (0.0, 60.0)  # six 10 s clips of one slide → one entry
    recent = [c for c in clips if c["end"] > 140]
    assert recent and not any(c["compressed"] for c in recent)
    on_disk = {p.name for p in (tmp_path / "sessions" / "s1" / "thumbs").iterdir()}
    assert on_disk == {name for c in clips for name in c["keyframes"]}


def test_summary_lists_time_stamped_facts(service: MemoryService) -> None:
    m = service.open_session("s1")
    play(m, [(0, 20, "INVOICE 4471", YELLOW), (20, 90, "KEYS IN RED DRAWER", RED)])
    m.add_transcript(Transcript("s1", 21.0, 24.0, "I am putting my keys in the red drawer"))
    m.add_sound(SoundEvent("s1", 30.0, 65.0, "music"))
    m.flush(90)
    lines = m.summary().splitlines()
    assert lines[1:] == [
        '[00:00] screen showed "INVOICE 4471"',
        '[00:20] screen showed "KEYS IN RED DRAWER"',
        '[00:21] said "I am putting my keys in the red drawer"',
        "[00:30] music from 00:30 to 01:05",
    ]


def test_after_a_moment_memory_does_not_hold_there_is_nothing(service: MemoryService) -> None:
    m = service.open_session("s1")
    play(m, [(0, 90, "INVOICE 4471", YELLOW)])
    m.add_transcript(Transcript("s1", 10.0, 13.0, "I am putting my keys in the red drawer"))
    m.add_sound(SoundEvent("s1", 30.0, 33.0, "singing"))  # three seconds: a misfire, not heard
    m.add_transcript(Transcript("s1", 50.0, 53.0, "the meeting moved to Friday"))
    m.flush(90)
    assert m.search("what did I say after the singing", now=90.0) == []
    assert m.search("what did I say after I mentioned the dentist", now=90.0) == []
    after = m.search("what did I say after I mentioned my keys", now=90.0, k=1)[0]
    assert "meeting" in after.text
    assert "singing" not in m.summary()
    assert m.heard(30.0, 33.0) == ()
    m.add_sound(SoundEvent("s1", 60.0, 75.0, "music"))
    assert m.heard(70.0, 72.0) == ("music",)


def test_the_open_clip_answers_just_now(service: MemoryService) -> None:
    m = service.open_session("s1")
    play(m, [(0, 40, "INVOICE 4471", YELLOW)])
    m.add_transcript(Transcript("s1", 38.0, 39.5, "remember the blue umbrella"))
    assert all("umbrella" not in c["text"] for c in m.timeline())
    best = m.search("what did I just say about the umbrella", now=40.0, k=1)[0]
    assert best.clip_id == "live" and "blue umbrella" in best.text and best.keyframes
    assert m.thumbnail(m.keyframe_names("live")[0]) == best.keyframes[0]


def test_two_sources_share_clips_and_keyframes(service: MemoryService) -> None:
    m = service.open_session("s1")
    screen = features("s1", "screen", 0, "INVOICE 4471", YELLOW)
    camera = features("s1", "camera", 0, "", BLUE)
    for i in range(40):
        m.add_frame(at(camera, i / 2))
        if i % 2 == 0:
            m.add_frame(at(screen, i / 2))
    m.flush(20)
    clip = m.timeline()[0]
    assert len(clip["keyframes"]) == 3
    assert clip["seen"] == [{"source": "screen", "text": "INVOICE 4471"}]


def test_storage_stays_within_budget(tmp_path: Path) -> None:
    """Camera 2 fps + screen 1 fps + speech for 10 minutes, extrapolated to an hour."""
    svc = MemoryService(SqliteStore(tmp_path), HashingEmbedder(), config=MemoryConfig())
    m = svc.open_session("s1")
    cams = [features("s1", "camera", 0, "", (40 + 30 * i, 90, 160 - 20 * i), noise=i + 1) for i in range(6)]
    slides = [features("s1", "screen", 0, f"SLIDE {i} QUARTERLY NUMBERS", (200, 200, 200 - 20 * i)) for i in range(6)]
    for step in range(600 * 2):
        t = step / 2
        m.add_frame(at(cams[int(t // 45) % 6], t))
        if step % 2 == 0:
            m.add_frame(at(slides[int(t // 100) % 6], t))
        if step % 16 == 0:
            m.add_transcript(Transcript("s1", t - 3, t - 0.5, f"this is sentence number {step} about the numbers"))
    svc.close()
    size = sum(p.stat().st_size for p in (tmp_path / "sessions" / "s1").rglob("*") if p.is_file())
    assert size * 6 < 30e6, f"{size * 6 / 1e6:.1f} MB/hour"


def test_a_recorded_phone_prompt_is_not_remembered_as_said_by_the_user(service: MemoryService) -> None:
    """Memory-QA: "what did the recorded message say" found nothing in seven splits, the prompt being
    kept as the user's own words."""
    m = service.open_session("s1")
    play(m, [(0, 60, "PERMIT RENEWAL", YELLOW)])
    m.add_transcript(Transcript("s1", 5.0, 8.0, "I'll ring the helpline before I send anything else"))
    m.add_transcript(Transcript("s1", 12.0, 15.0, "Nobody is available to take your call at the moment."))
    m.add_transcript(Transcript("s1", 22.0, 25.0, "Typical, no one picks up. I'll try them again after lunch."))
    m.flush(60)
    heard = m.search("what did the recorded message say when I rang them", now=60.0, k=3)
    assert "(recording) Nobody is available to take your call at the moment." in heard[0].speech
    before = m.search("what did I say before the phone message", now=60.0, k=1)[0]
    assert before.speech == ("I'll ring the helpline before I send anything else",)
    assert 'recording said "Nobody is available' in m.summary()


def test_la_la_singing_whisper_wrote_in_capitals_is_heard_as_singing(service: MemoryService) -> None:
    """dev: the tagger missed a "la la" song, Whisper wrote it "LOOL LADDER LEADINGLY LADDER", and memory
    kept it as said, so "what did I say after the singing" had no singing to go by."""
    m = service.open_session("s1")
    play(m, [(0, 90, "ERRANDS", YELLOW)])
    m.add_transcript(Transcript("s1", 20.0, 24.0, "The pharmacy closes at six today."))
    m.add_transcript(Transcript("s1", 36.0, 46.0, "LOOL LADDER LEADINGLY LADDER"))
    m.add_transcript(Transcript("s1", 54.0, 57.0, "I need to pick up the dry cleaning."))
    m.flush(90)
    assert m.heard(36.0, 46.0) == ("singing",)
    after = m.search("what did I say after the singing", now=90.0, k=1)[0]
    assert after.speech == ("I need to pick up the dry cleaning.",)
    assert "LADDER" not in " ".join(c["text"] for c in m.timeline())
