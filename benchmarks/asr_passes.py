"""Word error rate and time of the two ASR passes, and what each makes of music.

    .venv/bin/python -m benchmarks.asr_passes

The answer pass (`WhisperRecognizer.transcribe`: beam 5 on the trimmed window, memory's words and
then a few questions as the previous text) must stay fast; the memory pass (`transcribe_for_memory`: beam search,
temperature fallback, memory's words in lower case as the previous text) runs off the answer
path, for remembered speech only. Measured on espeak-ng sentences with digits, codes and furniture
words (three voices; their screen as the context), the five LibriVox utterances of
pocketsphinx-testdata, and the remarks and spoken questions of the memory-QA dev and held-out
streams (each with memory's vocabulary at that moment), and the dev questions again in seven other
voices; music: 4 s cuts of the asterisk hold music, without and with a previous text (Whisper echoes
it on music; the recognizer decodes such an echo again without it).
"""
from __future__ import annotations

import re
import statistics
import subprocess
import tempfile
import time
import wave
from pathlib import Path

import numpy as np

from benchmarks.memqa import dev, heldout
from benchmarks.memqa.script import Screen, Speech, Stream
from memory.text import vocabulary
from perception.asr import WhisperRecognizer

LIBRIVOX = Path("/usr/share/pocketsphinx/test/data/librivox")
MOH = Path("/usr/share/asterisk/moh")
#: (sentence, what the screen showed meanwhile: the memory pass's context)
SENTENCES = [
    ("my order number is 5521 and it ships on friday", "ORDER 5521 SHIPPING FRIDAY"),
    ("the train IC 718 leaves from platform 4", "TRAIN IC 718 PLATFORM 4"),
    ("I put the spare key under the wardrobe next to the bookshelf", "SPARE KEY"),
    ("the wifi code is 8812 and the router is behind the sofa", "WIFI CODE 8812"),
    ("remember that the dentist moved my appointment to 10 am", "DENTIST 10 AM"),
    ("the blue armchair goes next to the dresser in the hallway", "FURNITURE ORDER"),
    ("call Anna about the invoice 4471 before three", "INVOICE 4471"),
    ("my flight LH902 boards at gate 12", "FLIGHT LH902 GATE 12"),
]
VOICES = [("en-us", 160, 50), ("en-gb", 140, 35), ("en-us+f3", 180, 70)]
#: the dev questions asked again in these voices (the questions of the other splits are not tuned on)
QUESTION_VOICES = [("en-gb-x-gbclan", 145, 42), ("en-us+f5", 205, 70), ("en-gb+m4", 165, 50), ("en-us+f1", 150, 62),
                   ("en-029+f3", 160, 57), ("en-gb-scotland+m5", 175, 44), ("en-us", 160, 50)]
_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}


def normalise(text: str) -> list[str]:
    """Lower-case words, number words as digits, "5,521" as 5521, letters and digits apart (LH902)."""
    text = re.sub(r"(?<=\d),(?=\d)", "", text.lower().replace("-", " "))
    words = re.findall(r"[a-z]+|[0-9]+", text)
    return [_NUMBER_WORDS.get(w, w) for w in words]


def errors(ref: str, hyp: str) -> tuple[int, int]:
    """(word edits, reference words)."""
    r, h = normalise(ref), normalise(hyp)
    row = list(range(len(h) + 1))
    for i, rw in enumerate(r, 1):
        prev, row[0] = row[0], i
        for j, hw in enumerate(h, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (rw != hw))
    return row[len(h)], len(r)


def read_16k(path: Path) -> np.ndarray:
    with wave.open(str(path)) as w:
        rate, pcm = w.getframerate(), np.frombuffer(w.readframes(w.getnframes()), np.int16)
        if w.getnchannels() > 1:
            pcm = pcm.reshape(-1, w.getnchannels())[:, 0]
    if rate != 16000:
        t = np.arange(0, len(pcm) * 16000 // rate) * rate / 16000
        pcm = np.interp(t, np.arange(len(pcm)), pcm.astype(np.float32)).astype(np.int16)
    return pcm


def espeak(text: str, voice: str, speed: int, pitch: int, tmp: Path) -> np.ndarray:
    path = tmp / f"{abs(hash((text, voice, speed, pitch)))}.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-p", str(pitch), "-w", str(path), text], check=True)
    return read_16k(path)


def librivox() -> list[tuple[np.ndarray, str]]:
    out = []
    for line in (LIBRIVOX / "transcription").read_text().splitlines():
        if m := re.match(r"<s> (.*) </s> \((.*)\)", line.strip()):
            out.append((read_16k(LIBRIVOX / f"{m.group(2)}.wav"), m.group(1)))
    return out


def _memory_words(stream: Stream, until: float, leave_out: Speech | None = None) -> str:
    """What memory's vocabulary holds at `until`: the words said and shown before it."""
    texts = [" ".join(e.lines) if isinstance(e, Screen) else e.text for e in stream.events
             if e.at <= until and e is not leave_out and (isinstance(e, Screen) or isinstance(e, Speech) and e.text)]
    return vocabulary(reversed(texts))


def questions(streams: tuple[Stream, ...], tmp: Path) -> list[tuple[np.ndarray, str, str]]:
    """Each spoken question with its stream's vocabulary (asked at the end, memory holds it all)."""
    return [(espeak(q.text, q.voice.name, q.voice.speed, q.voice.pitch, tmp), q.text, _memory_words(s, 1e9))
            for s in streams for q in s.questions]


def revoiced_questions(streams: tuple[Stream, ...], tmp: Path) -> list[tuple[np.ndarray, str, str]]:
    """Each spoken question in the next of `QUESTION_VOICES`, with its stream's vocabulary."""
    questions = [(q.text, _memory_words(s, 1e9)) for s in streams for q in s.questions]
    return [(espeak(text, *QUESTION_VOICES[i % len(QUESTION_VOICES)], tmp), text, words)
            for i, (text, words) in enumerate(questions)]


def remarks(streams: tuple[Stream, ...], tmp: Path) -> list[tuple[np.ndarray, str, str]]:
    """Each espeak-ng remark with memory's vocabulary at the moment it is said."""
    return [(espeak(e.text, e.voice.name, e.voice.speed, e.voice.pitch, tmp), e.text, _memory_words(s, e.at, e))
            for s in streams for e in s.events if isinstance(e, Speech) and e.text]


def main() -> None:
    asr = WhisperRecognizer(cpu_threads=1)
    with tempfile.TemporaryDirectory() as tmp:
        espoken = [(espeak(text, *voice, Path(tmp)), text, screen) for text, screen in SENTENCES for voice in VOICES]
        sets = {"espeak-ng": espoken, "LibriVox": [(pcm, text, "") for pcm, text in librivox()],
                "dev remarks": remarks(dev.STREAMS, Path(tmp)), "held-out remarks": remarks(heldout.STREAMS, Path(tmp)),
                "dev questions": questions(dev.STREAMS, Path(tmp)),
                "held-out questions": questions(heldout.STREAMS, Path(tmp)),
                "dev questions, 7 other voices": revoiced_questions(dev.STREAMS, Path(tmp))}
    passes = {
        "greedy, no context (the answer pass before)": lambda pcm, words: asr.recognize(pcm).text,
        "answer (beam 5 + memory's words)": lambda pcm, words: asr.transcribe(pcm, words),
        "memory (beam 5 + fallback)": lambda pcm, words: asr.transcribe_for_memory(pcm),
        "memory + memory's words": lambda pcm, words: asr.transcribe_for_memory(pcm, words),
    }
    asr.transcribe(sets["LibriVox"][0][0])  # warm up
    print("| pass | set | WER | p50 s | p90 s |\n|---|---|---|---|---|")
    for name, run in passes.items():
        for set_name, items in sets.items():
            edits = words = 0
            times = []
            for pcm, ref, screen in items:
                started = time.perf_counter()
                hyp = run(pcm, screen)
                times.append(time.perf_counter() - started)
                e, n = errors(ref, hyp)
                edits, words = edits + e, words + n
            times.sort()
            print(f"| {name} | {set_name} ({len(items)}) | {100 * edits / words:.1f} % | "
                  f"{statistics.median(times):.2f} | {times[int(0.9 * (len(times) - 1))]:.2f} |")
    cuts = [pcm[i:i + 4 * 16000] for path in sorted(MOH.glob("*.wav")) for pcm in [read_16k(path)]
            for i in range(16000 * 5, min(len(pcm), 16000 * 45), 16000 * 8)]
    raw = [asr.recognize(cut).text for cut in cuts]
    print(f"\nmusic: {len(cuts)} cuts of 4 s; unfiltered Whisper wrote text for {sum(bool(t.strip()) for t in raw)}"
          f" ({', '.join(repr(t) for t in raw if t.strip())[:300]})")
    remembered = "the keys are in the drawer ORDER 5521"
    echoed = [asr.recognize(cut, beam=5, context=remembered).text for cut in cuts]
    print(f"with {remembered!r} as the previous text, unfiltered: {sum(bool(t.strip()) for t in echoed)}"
          f" ({', '.join(repr(t) for t in echoed if t.strip())[:300]})")
    for name, run in (("answer pass", asr.transcribe), ("memory pass", asr.transcribe_for_memory)):
        kept = [run(cut, remembered) for cut in cuts] + [run(cut) for cut in cuts]
        print(f"{name}, after the checks, with and without it: {sum(bool(t) for t in kept)} of {len(kept)}"
              f" ({', '.join(repr(t) for t in kept if t)[:300]})")


if __name__ == "__main__":
    main()
