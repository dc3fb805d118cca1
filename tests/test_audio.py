"""Audio leg units: resampler, frame splitter, VAD segmenter (time injected, no sleeping)."""
import av
import numpy as np

from perception.audio import FRAME_SAMPLES, FrameSplitter, Resampler, SegmenterConfig, SpeechSegmenter
from perception.events import EndOfTurnCheck, SpeechPaused, SpeechSegment, SpeechStarted, TurnDecision


def _opus_like_frame(seconds: float, freq: float = 440.0, pts: int = 0) -> av.AudioFrame:
    t = np.arange(int(48000 * seconds)) / 48000
    tone = (0.3 * np.sin(2 * np.pi * freq * t) * 32767).astype(np.int16)
    stereo = np.repeat(tone, 2).reshape(1, -1)  # packed s16 stereo, as aiortc's Opus decoder emits
    frame = av.AudioFrame.from_ndarray(stereo, format="s16", layout="stereo")
    frame.sample_rate = 48000
    frame.pts = pts
    return frame


def test_resampler_gives_16k_mono_and_keeps_the_pitch():
    resampler = Resampler()
    pcm = np.concatenate([resampler.resample(_opus_like_frame(0.02, pts=i * 960)) for i in range(50)])
    assert abs(len(pcm) - 16000) < 200  # one second, minus the filter delay
    assert abs(resampler.stream_time - len(pcm) / 16000) < 1e-9
    spectrum = np.abs(np.fft.rfft(pcm[2000:] * np.hanning(len(pcm) - 2000)))
    peak_hz = np.argmax(spectrum) * 16000 / (len(pcm) - 2000)
    assert abs(peak_hz - 440) < 10


def test_frame_splitter_reblocks_without_losing_samples():
    splitter = FrameSplitter()
    chunks = [np.arange(n, dtype=np.int16) for n in (100, 700, 333, 1)]
    frames = [f for chunk in chunks for f in splitter.split(chunk)]
    assert all(len(f) == FRAME_SAMPLES for f in frames)
    assert len(frames) == (100 + 700 + 333 + 1) // FRAME_SAMPLES
    np.testing.assert_array_equal(frames[0][:100], np.arange(100))


def _run(pattern: str, config: SegmenterConfig = SegmenterConfig()):
    """Feed one 20 ms frame per character: '#' voiced, '.' silence. Returns events with frame index."""
    segmenter = SpeechSegmenter("s", config)
    events = []
    for i, ch in enumerate(pattern):
        frame = np.full(FRAME_SAMPLES, i, np.int16)
        for event in segmenter.push(frame, i * 0.02, ch == "#", now=100.0 + i):
            events.append((i, event))
    return segmenter, events


def test_segmenter_finds_start_and_end_with_hangover():
    _, events = _run("." * 50 + "#" * 50 + "." * 30)
    (i_start, started), (i_pause, paused), (i_end, segment) = events
    assert isinstance(paused, SpeechPaused) and i_pause == 100 + 5 - 1  # 100 ms into the silence
    assert paused.voiced_end == segment.voiced_end == 100 * 0.02
    assert np.array_equal(paused.pcm, segment.pcm)  # the speculative transcript is the final one
    assert isinstance(started, SpeechStarted) and isinstance(segment, SpeechSegment)
    assert i_start == 50 + 6 - 1  # onset: 120 ms of voiced frames
    assert abs(started.start - (50 + 6 - 1 - 12 - 15 + 1) * 0.02) < 1e-9  # includes the 300 ms pre-roll
    assert i_end == 100 + 20 - 1  # 400 ms hangover
    assert abs(segment.end - 120 * 0.02) < 1e-9
    assert abs(len(segment.pcm) / 16000 - (segment.voiced_end - segment.start)) < 1e-6
    assert segment.turn_end_at == 100.0 + i_end


def test_segmenter_ignores_clicks_and_bridges_short_gaps():
    _, clicks = _run(("#.." * 20) + "." * 30)
    assert clicks == []  # a third voiced never reaches the onset
    _, gappy = _run("#" * 40 + "." * 10 + "#" * 40 + "." * 40)
    # a 200 ms pause starts a speculative transcript but does not end the utterance
    assert [type(e) for _, e in gappy] == [SpeechStarted, SpeechPaused, SpeechPaused, SpeechSegment]
    first_pause, segment = gappy[1][1], gappy[-1][1]
    assert first_pause.voiced_end < segment.voiced_end  # stale: the user went on speaking


def test_segmenter_cuts_long_utterances_and_flushes():
    segmenter, events = _run("#" * 300, SegmenterConfig(max_utterance_s=2.0))
    segments = [e for _, e in events if isinstance(e, SpeechSegment)]
    assert len(segments) == 3  # 6 s of talk in 2 s pieces, nothing lost between them
    assert all(abs(s.end - s.start - 2.0) < 1e-9 for s in segments)
    assert [s.start for s in segments] == [0.0, 2.0, 4.0]
    segmenter.push(np.zeros(FRAME_SAMPLES, np.int16), 10.0, True)  # keep talking, then the track ends
    for i in range(10):
        segmenter.push(np.zeros(FRAME_SAMPLES, np.int16), 10.02 + i * 0.02, True)
    tail = segmenter.flush()
    assert tail is not None and tail.end > tail.start
    assert segmenter.flush() is None


def _run_with_turn_model(pattern: str, verdicts: dict[int, bool | tuple[bool, bool]],
                         config: SegmenterConfig | None = None):
    """Like `_run`, with a fake turn model: its verdict on a pause arrives `verdicts[i]` at frame i
    after the question (as a real model's would, some tens of ms later); a verdict is `complete`,
    or `(complete, the words are a finished question)`."""
    config = config or SegmenterConfig(turn_pause_ms=200, unfinished_hangover_ms=1000)
    segmenter = SpeechSegmenter("s", config)
    events, pending = [], []
    for i, ch in enumerate(pattern):
        frame = np.full(FRAME_SAMPLES, i, np.int16)
        for event in segmenter.push(frame, i * 0.02, ch == "#", now=100.0 + i):
            events.append((i, event))
            if isinstance(event, EndOfTurnCheck):
                pending.append((i, event))
        for asked_at, check in list(pending):
            if i - asked_at == 3:  # the verdict comes 60 ms after the question
                pending.remove((asked_at, check))
                verdict = verdicts[asked_at]
                complete, question = verdict if isinstance(verdict, tuple) else (verdict, verdict)
                decision = TurnDecision("s", check.voiced_end, complete, float(complete), question=question)
                segment = segmenter.decide(decision, 100.0 + i)
                if segment is not None:
                    events.append((i, segment))
    return events


def test_a_finished_turn_ends_at_the_short_pause():
    events = _run_with_turn_model("." * 20 + "#" * 50 + "." * 60, {79: True})
    kinds = [type(e) for _, e in events]
    assert kinds == [SpeechStarted, SpeechPaused, EndOfTurnCheck, SpeechSegment]
    (i_check, check), (i_end, segment) = events[2], events[3]
    assert i_check == 70 + 10 - 1  # asked after 200 ms of silence
    assert len(check.pcm) == len(segment.pcm) + 10 * FRAME_SAMPLES  # the model hears the pause too
    assert i_end == i_check + 3 and segment.ended_by == "turn model"  # 260 ms, not 400 ms
    assert segment.voiced_end == check.voiced_end == round(70 * 0.02, 6)
    assert abs(segment.end - (i_end + 1) * 0.02) < 1e-9


def test_an_unfinished_turn_waits_for_the_longer_hangover():
    events = _run_with_turn_model("." * 20 + "#" * 50 + "." * 60, {79: False})
    segment = events[-1][1]
    assert isinstance(segment, SpeechSegment) and segment.ended_by == "silence"
    assert events[-1][0] == 70 + 50 - 1  # 1000 ms of silence, not the 400 ms hangover


def test_a_finished_question_the_model_hears_unfinished_ends_at_the_question_pause():
    config = SegmenterConfig(turn_pause_ms=200, unfinished_hangover_ms=1000, question_pause_ms=300)
    events = _run_with_turn_model("." * 20 + "#" * 50 + "." * 60, {79: (False, True)}, config)
    (i_end, segment), = [(i, e) for i, e in events if isinstance(e, SpeechSegment)]
    assert i_end == 70 + 15 - 1 and segment.ended_by == "question"  # 300 ms, not the 1000 ms hangover


def test_a_question_verdict_landing_after_the_question_pause_ends_the_turn_at_once():
    config = SegmenterConfig(turn_pause_ms=200, unfinished_hangover_ms=1000, question_pause_ms=220)
    events = _run_with_turn_model("." * 20 + "#" * 50 + "." * 60, {79: (False, True)}, config)
    (i_end, segment), = [(i, e) for i, e in events if isinstance(e, SpeechSegment)]
    assert i_end == 79 + 3 and segment.ended_by == "question"


def test_speech_after_a_question_verdict_takes_the_question_pause_back():
    config = SegmenterConfig(turn_pause_ms=200, unfinished_hangover_ms=1000, question_pause_ms=300)
    events = _run_with_turn_model("." * 20 + "#" * 50 + "." * 13 + "#" * 30 + "." * 60,
                                  {79: (False, True), 122: False}, config)
    (i_end, segment), = [(i, e) for i, e in events if isinstance(e, SpeechSegment)]
    assert i_end == 113 + 50 - 1 and segment.ended_by == "silence"


def test_a_verdict_on_a_pause_the_user_spoke_after_is_ignored():
    # the user resumes 20 ms after the question; the model's "finished" arrives too late to count
    events = _run_with_turn_model("." * 20 + "#" * 50 + "." * 11 + "#" * 30 + "." * 40, {79: True, 120: True})
    segments = [(i, e) for i, e in events if isinstance(e, SpeechSegment)]
    assert len(segments) == 1 and segments[0][1].voiced_end == round(111 * 0.02, 6)
    assert segments[0][0] == 123 and segments[0][1].ended_by == "turn model"


def test_without_a_turn_model_nothing_is_asked():
    _, events = _run("." * 20 + "#" * 50 + "." * 30)
    assert not any(isinstance(e, EndOfTurnCheck) for _, e in events)
    assert events[-1][1].ended_by == "silence" and events[-1][0] == 70 + 20 - 1


def test_pauses_count_from_the_last_loud_frame_and_the_hangover_from_the_vad():
    """webrtcvad calls the ~100 ms after the last word voiced: with `quiet_ratio`, a pause starts at
    the last loud frame (speculative ASR and the turn check come sooner, the audio stops there),
    while the hangover still counts from the VAD's last voiced frame."""
    config = SegmenterConfig(turn_pause_ms=200, quiet_ratio=0.05)
    segmenter = SpeechSegmenter("s", config)
    events = []
    script = [(3000, True)] * 40 + [(50, True)] * 5 + [(0, False)] * 30  # loud, quiet-but-"voiced", silence
    for i, (level, voiced) in enumerate(script):
        for event in segmenter.push(np.full(FRAME_SAMPLES, level, np.int16), i * 0.02, voiced):
            events.append((i, event))
    (_, started), (i_pause, paused), (i_check, check), (i_end, segment) = events
    assert i_pause == 40 + 5 - 1 and i_check == 40 + 10 - 1  # 100 / 200 ms after the last loud frame
    assert paused.voiced_end == check.voiced_end == segment.voiced_end == round(40 * 0.02, 6)
    assert i_end == 45 + 20 - 1 and segment.ended_by == "silence"  # 400 ms after the VAD's last "voiced"
    assert len(segment.pcm) == len(paused.pcm)  # the quiet tail is not transcribed
