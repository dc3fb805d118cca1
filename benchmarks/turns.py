"""End of turn: how often an utterance is cut in the middle, and how soon a question's turn ends.

    python -m benchmarks.turns [--out DIR] [--max-prompts N]

Every recording below is one utterance, played alone (0.5 s of silence before, 2 s after) through
the server's own endpointing — webrtcvad and `SpeechSegmenter` — frame by frame in stream time,
once per configuration: silence alone (the 400 ms hangover), and the turn model asked at a
200 ms pause, whose verdict lands as many frames later as a decision takes on this CPU. An
utterance that comes out as more than one segment was cut in the middle (a false ending).

- LibriVox narration (Debian's pocketsphinx-testdata): 5 read sentences with natural pauses;
- Asterisk prompts (asterisk-core-sounds-en-wav): recorded one-sentence prompts of five words or
  more ("Please enter your password followed by the pound key."), so any cut is mid-sentence;
- the same recordings with every pause between words (100 ms or more) stretched to 300 ms (a slow
  talker): pauses the hangover sits out, but long enough for the turn model to be asked;
- the voice benchmark's spoken questions (espeak-ng): how long after the last word the turn ends;
- the same questions each followed by a sentence in one breath ("… I need to know it for later."):
  a turn that ends at the question's pause cuts them.

A cut the conversation joins again is counted apart: the rest, heard within a second of a turn
ended at a pause and not meant for the assistant on its own, goes on that turn
(`reasoning.conversation.continues`, judged here on the Whisper words of each piece). "cut after
the join" is what is still answered or remembered in pieces.

The words of a pause are the Whisper transcript of the speech before it (live, the speculative
transcript started at the 100 ms pause). Here a verdict lands `--decision-ms` after its check; live,
a "finished question" verdict also waits for that transcript — which the answer needs anyway.
"""
from __future__ import annotations

import argparse
import collections
import gzip
import json
import math
import re
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import av
import numpy as np

from benchmarks.processes import machine_info
from benchmarks.voice import QUESTIONS, espeak, summarize, voiced_end
from perception.audio import FRAME_SAMPLES, SAMPLE_RATE, SegmenterConfig, SpeechSegmenter, WebRtcVoiceDetector
from perception.events import EndOfTurnCheck, SpeechSegment, Transcript, TurnDecision
from perception.turn import TurnModel, judge, make_turn_model, time_decisions
from reasoning.conversation import ConversationConfig, continues, joined
from reasoning.gate import AddressGate, RuleAddressGate

LIBRIVOX = Path("/usr/share/pocketsphinx/test/data/librivox")
ASTERISK = Path("/usr/share/asterisk/sounds/en_US_f_Allison")
ASTERISK_TEXT = Path("/usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz")
STRETCHED_PAUSE_S = 0.3
#: said after each question in one breath (espeak-ng pauses ~0.4 s between sentences): one utterance
FOLLOW_UP = "I need to know it for later."
#: silence before each recording
LEAD_S = 0.5

#: (name, segmenter config, ask the turn model, and confirm its "finished" with the words)
CONFIGS = [
    ("silence 400 ms (no turn model)", SegmenterConfig(hangover_ms=400), False, False),
    ("smart-turn at 200 ms alone", SegmenterConfig(turn_pause_ms=200), True, False),
    ("smart-turn at 200 ms + a question in the words", SegmenterConfig(turn_pause_ms=200), True, True),
    ("smart-turn at 200 ms + a question in the words, quiet 2 %",
     SegmenterConfig(turn_pause_ms=200, quiet_ratio=0.02), True, True),
    ("server default: same + a finished question alone at 300 ms (--turn-question-pause-ms)",
     SegmenterConfig(turn_pause_ms=200, quiet_ratio=0.02, question_pause_ms=300), True, True),
]
#: the configuration `livesight serve` runs (its false endings after the join must not exceed silence alone's)
SERVER_DEFAULT = CONFIGS[-1][0]


@dataclass
class Recording:
    name: str
    kind: str  # narration | prompt | stretched | question
    pcm: np.ndarray  # 16 kHz mono int16


def read_wav_16k(path: Path) -> np.ndarray:
    with wave.open(str(path)) as w:
        pcm = np.frombuffer(w.readframes(w.getnframes()), np.int16)
        rate, channels = w.getframerate(), w.getnchannels()
    if channels == 2:
        pcm = pcm.reshape(-1, 2).mean(axis=1).astype(np.int16)
    if rate == SAMPLE_RATE:
        return pcm
    frame = av.AudioFrame.from_ndarray(pcm.reshape(1, -1), format="s16", layout="mono")
    frame.sample_rate = rate
    resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
    out = [f.to_ndarray().reshape(-1) for f in resampler.resample(frame) + resampler.resample(None)]
    return np.concatenate(out).astype(np.int16)


def asterisk_prompts(limit: int) -> list[Recording]:
    if not ASTERISK_TEXT.exists():
        return []
    found = []
    for line in gzip.open(ASTERISK_TEXT, "rt", errors="replace"):
        name, sep, text = line.partition(":")
        path = ASTERISK / f"{name.strip()}.wav"
        sentence = text.strip().rstrip(".?!")
        if sep and len(text.split()) >= 5 and not re.search(r"[.?!\[]", sentence) and path.exists():
            found.append(Recording(name.strip(), "prompt", read_wav_16k(path)))
    return found[:limit]


def stretch_pauses(pcm: np.ndarray, seconds: float = STRETCHED_PAUSE_S) -> np.ndarray:
    """Every pause between words (100 ms or more that webrtcvad calls unvoiced, between voiced frames),
    lengthened to `seconds` with its own background sound; shorter gaps (inside words) stay."""
    vad = WebRtcVoiceDetector(2)
    frames = [pcm[i:i + FRAME_SAMPLES] for i in range(0, len(pcm) - FRAME_SAMPLES + 1, FRAME_SAMPLES)]
    voiced = [vad.is_speech(f) for f in frames]
    first, last = voiced.index(True), len(voiced) - 1 - voiced[::-1].index(True)
    out, gap = [], []
    for i, (frame, v) in enumerate(zip(frames, voiced)):
        if first < i < last and not v:
            gap.append(frame)
            continue
        if gap:
            need = math.ceil(seconds * SAMPLE_RATE / FRAME_SAMPLES) if len(gap) >= 5 else len(gap)
            out.extend(gap[j % len(gap)] for j in range(max(need, len(gap))))
            gap = []
        out.append(frame)
    return np.concatenate(out)


def recordings(max_prompts: int, cache: Path) -> list[Recording]:
    narration = [Recording(p.stem, "narration", read_wav_16k(p)) for p in sorted(LIBRIVOX.glob("*.wav"))]
    prompts = asterisk_prompts(max_prompts)
    stretched = [Recording(r.name, "stretched", stretch_pauses(r.pcm)) for r in narration + prompts]
    questions = [Recording(q, "question", read_wav_16k(espeak(q, cache))) for q in QUESTIONS]
    followed = [Recording(q, "question, then more", read_wav_16k(espeak(f"{q} {FOLLOW_UP}", cache))) for q in QUESTIONS]
    return narration + prompts + stretched + questions + followed


class CachedJudge:
    """The turn model's verdict (and the words) on each pause, computed once for every configuration."""

    def __init__(self, model: TurnModel, recognizer: Any, threshold: float = 0.5) -> None:
        self.model, self.recognizer, self.threshold = model, recognizer, threshold
        self._probability: dict[tuple, float] = {}
        self._words: dict[tuple, str] = {}

    def __call__(self, key: tuple, check: EndOfTurnCheck, config: SegmenterConfig, with_words: bool) -> TurnDecision:
        if key not in self._probability:
            self._probability[key] = self.model.complete_probability(check.pcm)

        def words() -> str:  # the speculative transcript: the speech before the pause
            if key not in self._words:
                pause = config.turn_pause_ms // config.frame_ms * FRAME_SAMPLES
                self._words[key] = self.recognizer.transcribe(check.pcm[:len(check.pcm) - pause])
            return self._words[key]
        return judge(_Known(self._probability[key]), check, self.threshold, words if with_words else None,
                     question_pause=config.question_pause_ms > 0)


class _Known:
    """A probability already computed."""

    def __init__(self, probability: float) -> None:
        self.probability = probability

    def complete_probability(self, pcm: np.ndarray) -> float:
        return self.probability


def segment(recording: Recording, config: SegmenterConfig, judge_pause: CachedJudge | None, with_words: bool,
            delay_frames: int) -> list[SpeechSegment]:
    """The recording through webrtcvad and the segmenter; the turn verdicts land `delay_frames` late."""
    lead = np.zeros(int(LEAD_S * SAMPLE_RATE), np.int16)
    pcm = np.concatenate([lead, recording.pcm, np.zeros(2 * SAMPLE_RATE, np.int16)])
    vad, segmenter = WebRtcVoiceDetector(2), SpeechSegmenter(recording.name, config)
    segments, pending = [], []
    for i in range(len(pcm) // FRAME_SAMPLES):
        frame = pcm[i * FRAME_SAMPLES:(i + 1) * FRAME_SAMPLES]
        for event in segmenter.push(frame, i * FRAME_SAMPLES / SAMPLE_RATE, vad.is_speech(frame)):
            if isinstance(event, SpeechSegment):
                segments.append(event)
            elif isinstance(event, EndOfTurnCheck) and judge_pause is not None:
                key = (recording.kind, recording.name, event.start, event.voiced_end)
                pending.append((i + delay_frames, judge_pause(key, event, config, with_words)))
        for due in [p for p in pending if p[0] == i]:
            pending.remove(due)
            ended = segmenter.decide(due[1])
            if ended is not None:
                segments.append(ended)
    return segments


class PieceWords:
    """The Whisper words of each piece of a cut utterance, computed once for every configuration."""

    def __init__(self, recognizer: Any) -> None:
        self.recognizer = recognizer
        self._words: dict[tuple, str] = {}

    def __call__(self, recording: Recording, piece: SpeechSegment) -> str:
        key = (recording.kind, recording.name, piece.start, piece.end)
        if key not in self._words:
            first, last = (max(0, round((t - LEAD_S) * SAMPLE_RATE)) for t in (piece.start, piece.end))
            self._words[key] = self.recognizer.transcribe(recording.pcm[first:last])
        return self._words[key]


def cut_after_join(recording: Recording, pieces: list[SpeechSegment], words: PieceWords, gate: AddressGate,
                   within_s: float) -> bool:
    """Whether the conversation still gets the utterance in pieces once continuations are joined
    (a piece joins an addressed turn it `continues`; the join is addressed as the turn was)."""
    turn: Transcript | None = None
    addressed = False
    for piece in pieces:
        heard = Transcript(recording.name, piece.start, piece.end, words(recording, piece), ended_by=piece.ended_by)
        if turn is not None and addressed and continues(gate, turn, heard, within_s):
            turn = joined(turn, heard)
            continue
        if turn is not None:
            return True
        turn, addressed = heard, gate.addressed(heard.text)
    return False


def run(max_prompts: int = 80, out: Path | None = None, decision_ms: float | None = None) -> dict[str, Any]:
    """`decision_ms`: when the turn model's verdict lands (default: its measured p50 here)."""
    cache = Path(tempfile.gettempdir()) / "livesight-espeak"
    recs = recordings(max_prompts, cache)
    model = make_turn_model("smart-turn")
    decision_s = time_decisions(model, recs[0].pcm[: 4 * SAMPLE_RATE], runs=30)
    delay_s = decision_ms / 1000 if decision_ms is not None else float(np.percentile(decision_s, 50))
    delay_frames = math.ceil(delay_s / (FRAME_SAMPLES / SAMPLE_RATE))
    from perception.asr import WhisperRecognizer

    recognizer = WhisperRecognizer(cpu_threads=1)
    judge_pause, words, gate = CachedJudge(model, recognizer), PieceWords(recognizer), RuleAddressGate()
    within_s = ConversationConfig().continuation_s
    report: dict[str, Any] = {
        "machine": machine_info(),
        "decision_ms": {k: (round(v * 1000, 1) if isinstance(v, float) else v)
                        for k, v in summarize(decision_s).items()},
        "decision_delay_frames": delay_frames,
        "server_default": SERVER_DEFAULT,
        "configs": {},
    }
    for name, config, asks, with_words in CONFIGS:
        rows: dict[str, Any] = {}
        for kind in ("narration", "prompt", "stretched", "question", "question, then more"):
            group = [r for r in recs if r.kind == kind]
            results = [segment(r, config, judge_pause if asks else None, with_words, delay_frames) for r in group]
            row = {
                "utterances": len(group),
                "cut": sum(1 for segs in results if len(segs) > 1),
                "cut_after_join": sum(1 for r, segs in zip(group, results) if len(segs) > 1
                                      and cut_after_join(r, segs, words, gate, within_s)),
                "extra_endings": sum(max(0, len(segs) - 1) for segs in results),
                "ended_by": dict(collections.Counter(s.ended_by for segs in results for s in segs)),
                "cut_names": [r.name for r, segs in zip(group, results) if len(segs) > 1],
            }
            if kind == "question":  # from the end of the last word as the voice benchmark's client sees it
                row["turn_end_after_speech_s"] = summarize([
                    round(segs[-1].end - LEAD_S - voiced_end(r.pcm, SAMPLE_RATE), 3)
                    for r, segs in zip(group, results) if segs])
            rows[kind] = row
        report["configs"][name] = rows
        print(f"[turns] {name}: " + ", ".join(
            f"{k} cut {v['cut']}/{v['utterances']} ({v['cut_after_join']} after the join)" for k, v in rows.items()),
              flush=True)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / "turns.json").write_text(json.dumps(report, indent=2))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--max-prompts", type=int, default=80, help="Asterisk prompts used (the first N, by name)")
    parser.add_argument("--decision-ms", type=float, default=None,
                        help="the turn model's verdict lands this late (default: its measured p50 on this machine)")
    args = parser.parse_args(argv)
    report = run(args.max_prompts, args.out, args.decision_ms)
    print(json.dumps({k: v for k, v in report.items() if k != "machine"}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
