"""Can the memory pass tell which numbers it misheard? Two signals, measured on the memory-QA remarks.

    .venv/bin/python -m benchmarks.unsure_numbers [--save FILE.json]    # ~5 min on one core
    .venv/bin/python -m benchmarks.unsure_numbers --rescore FILE.json    # the report again

Most memory-QA hallucinations quote a remark Whisper misheard, usually a number ("sixty kilos" →
"6 to kilo"). Every espeak-ng remark of the memory-QA splits (`memory_qa.SPLITS`: dev, heldout,
unseen, fresh, blind, sealed, sealed2, sealed3; with memory's words at that moment, as
benchmarks/asr_passes.py gives them) goes through the product's memory pass
(`WhisperRecognizer.transcribe_for_memory`, unchanged: same beam, previous text, echo retry and
temperature fallback). The CTranslate2 model under it is wrapped (`_Recorded`) so that its beam
also returns its other hypotheses, and the last decoding's tokens are scored once more by
`Whisper.align` (a forced decoding with the same prompt) for per-token probabilities:
CTranslate2 4.8's `return_logits_vocab` returns empty arrays under beam search.

A number (`perception.numbers.numbers`, which memory marks unsure numbers with: a cardinal, "half past two" as 230, "eight fifty two" and "8:52" as 852, the digits of
a code like B7, an ordinal from "third" on; not the scorer's `memqa.scoring.numbers`, which reads a
whole stream's digit runs as a set, "8:52" as 8 and 52: here a figure must match within its remark,
and keep its place in the text for its tokens' probabilities) of the first hypothesis is *unsure* when
  - n-best ≥ k: at least k of the beam's other hypotheses do not hold it (the product marks with
    k = 1 and first drops the hypotheses that only echo the previous text; this counts them all), or
  - p < t: its least probable token has a probability below t.
Each number of the script is right (in the first hypothesis) or wrong; a wrong one is flagged when
a number the first hypothesis wrote instead (one the script does not hold: *invented*) is unsure.
Prints, per signal: the script's numbers right/wrong × sure/unsure, the invented numbers of the
first hypothesis sure/unsure (what an answer would state wrongly), the same per split, and the
time n-best and the alignment add to a remark's memory pass.
"""
from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from benchmarks.asr_passes import remarks
from benchmarks.memory_qa import SPLITS
from perception.asr import WhisperRecognizer, cut_repeats
from perception.numbers import numbers

#: hypotheses asked of the memory pass's beam (its width)
HYPOTHESES = WhisperRecognizer.MEMORY_BEAM
NBEST_AT_LEAST = (1, 2, 3)
PROB_BELOW = (0.3, 0.5, 0.7, 0.9)

class _Recorded:
    """The CTranslate2 Whisper model under the recognizer, recording its last decoding (features,
    prompt, result) and asking a beam for exactly `hypotheses` (1: the memory pass as it was before it
    kept its beam's other readings to mark unsure numbers)."""

    def __init__(self, model, hypotheses: int = 1) -> None:
        self._model, self.hypotheses = model, hypotheses
        self.encoded = self.prompt = self.result = None
        self.frames, self.sampled = 0, False

    def __getattr__(self, name: str):
        return getattr(self._model, name)

    def encode(self, features, *args, **options):
        self.frames = features.shape[-1]
        self.encoded = self._model.encode(features, *args, **options)
        return self.encoded

    def generate(self, encoded, prompts, **options):
        self.sampled = options.get("beam_size", 1) == 1
        if not self.sampled:
            options["num_hypotheses"] = self.hypotheses
        self.prompt, self.result = prompts[0], self._model.generate(encoded, prompts, **options)[0]
        return [self.result]

    def token_probabilities(self, eot: int) -> tuple[list[int], list[float]]:
        """The first hypothesis's tokens and the probability of each, given the ones before it."""
        ids = [t for t in self.result.sequences_ids[0] if t < eot]
        if not ids:
            return [], []
        return ids, list(self._model.align(self.encoded, self.prompt, [ids], self.frames)[0].text_token_probs)


@dataclass
class Remark:
    split: str
    script: str
    #: the first reading with n-best (without unsure marks), and with one hypothesis (only for a remark with a number)
    heard: str = ""
    shipped: str = ""
    #: the beam's other hypotheses
    others: list[str] = field(default_factory=list)
    #: the first hypothesis's tokens as text, and the probability of each
    pieces: list[str] = field(default_factory=list)
    probabilities: list[float] = field(default_factory=list)
    #: the first hypothesis came from the temperature fallback (sampling: no other hypotheses)
    sampled: bool = False
    seconds: float = 0.0
    nbest_s: float = 0.0
    align_s: float = 0.0

    @property
    def written(self) -> list[tuple[str, int, float]]:
        """Each number of the first hypothesis: its digits, how many other hypotheses lack it, and
        the least probability of the tokens it is written in."""
        text, bounds = "", []
        for piece in self.pieces:
            bounds.append((len(text), len(text) + len(piece)))
            text += piece
        others = [Counter(n.digits for n in numbers(other)) for other in self.others]
        return [(n.digits, sum(not counts[n.digits] for counts in others),
                 min((p for (s, e), p in zip(bounds, self.probabilities) if s < n.end and e > n.start), default=1.0))
                for n in numbers(text)]


def measure(asr: WhisperRecognizer, model: _Recorded, split: str, pcm, script: str, words: str) -> Remark:
    """The product's memory pass on one remark, with its beam's other hypotheses and token probabilities."""
    remark = Remark(split, script)
    if numbers(script):  # the memory pass with one hypothesis, for its time (and that n-best keeps its first reading)
        model.hypotheses = 1
        started = time.perf_counter()
        remark.shipped = asr.transcribe_for_memory(pcm, words)
        remark.seconds = time.perf_counter() - started
    model.hypotheses = HYPOTHESES
    started = time.perf_counter()
    remark.heard = asr.transcribe_for_memory(pcm, words)
    remark.nbest_s = time.perf_counter() - started
    remark.sampled = model.sampled
    if not remark.heard:
        return remark
    eot = asr._tokenizer.eot
    remark.heard, *remark.others = [cut_repeats(asr._tokenizer.decode([t for t in ids if t < eot]))
                                    for ids in model.result.sequences_ids]
    started = time.perf_counter()
    ids, remark.probabilities = model.token_probabilities(eot)
    remark.align_s = time.perf_counter() - started
    remark.pieces = [asr._tokenizer.decode([t]) for t in ids]
    return remark


@dataclass(frozen=True)
class Signal:
    """A number is unsure when at least `lacking` other hypotheses lack it, or a token of it is below `below`."""

    lacking: int = HYPOTHESES
    below: float = 0.0

    @property
    def name(self) -> str:
        parts = ([f"n-best ≥ {self.lacking}"] if self.lacking < HYPOTHESES else []) + ([f"p < {self.below}"] if self.below else [])
        return " or ".join(parts)

    def unsure(self, lacking: int, probability: float) -> bool:
        return lacking >= self.lacking or probability < self.below


SIGNALS = (*(Signal(lacking=k) for k in NBEST_AT_LEAST), *(Signal(below=t) for t in PROB_BELOW),
           Signal(1, 0.3), Signal(1, 0.5))


def confusion(items: list[Remark], signal: Signal) -> dict[str, int]:
    """Script numbers right/wrong × sure/unsure; invented numbers of the first hypothesis sure/unsure."""
    cells = Counter()
    for remark in items:
        said = Counter(n.digits for n in numbers(remark.script))
        left = said.copy()
        matched, invented = [], []
        for digits, lacking, p in remark.written:
            (matched if left[digits] > 0 else invented).append(signal.unsure(lacking, p))
            left[digits] -= left[digits] > 0
        cells["right & sure"] += matched.count(False)
        cells["right & unsure"] += matched.count(True)
        wrong = sum(left.values())
        cells["wrong & unsure" if any(invented) else "wrong & sure"] += wrong
        cells["wrong, nothing in its place"] += wrong if not invented else 0
        cells["invented & sure"] += invented.count(False)
        cells["invented & unsure"] += invented.count(True)
    return cells


def report(measured: list[Remark]) -> str:
    numbered = [r for r in measured if numbers(r.script)]
    columns = ("right & sure", "right & unsure", "wrong & sure", "wrong & unsure", "invented & sure", "invented & unsure")
    lines = [(f"remarks: {len(measured)}, with a number: {len(numbered)} ({sum(len(numbers(r.script)) for r in numbered)}"
              f" numbers); first hypotheses from the temperature fallback (no n-best): {sum(r.sampled for r in measured)}"),
             "", "| signal | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    for signal in SIGNALS:
        cells = confusion(measured, signal)
        lines.append(f"| {signal.name} | " + " | ".join(str(cells[c]) for c in columns) + " |")
    nbest, probability = Signal(lacking=1), Signal(below=0.5)
    cells = confusion(measured, nbest)
    lines.append(f"\nwrong numbers with no number written in their place: {cells['wrong, nothing in its place']}")
    lines += ["", ("| split | numbers | right | wrong | invented | n-best ≥ 1 flags: right / wrong / invented"
                   " | p < 0.5 flags: right / wrong / invented |"), "|---|---|---|---|---|---|---|"]
    for split in SPLITS:
        items = [r for r in measured if r.split == split]
        by = [confusion(items, nbest), confusion(items, probability)]
        c = by[0]
        flagged = [f"{b['right & unsure']} / {b['wrong & unsure']} / {b['invented & unsure']}" for b in by]
        lines.append(f"| {split} | {sum(len(numbers(r.script)) for r in items)} | {c['right & sure'] + c['right & unsure']}"
                     f" | {c['wrong & sure'] + c['wrong & unsure']} | {c['invented & sure'] + c['invented & unsure']}"
                     f" | {flagged[0]} | {flagged[1]} |")
    changed = [r for r in numbered if r.shipped != r.heard]
    lines.append(f"first readings n-best changed: {len(changed)} of {len(numbered)}"
                 + "".join(f"\n- {r.shipped!r} → {r.heard!r}" for r in changed))
    extra = [r.nbest_s - r.seconds for r in numbered]
    lines.append(f"\nmemory pass on the {len(numbered)} remarks with a number: median {statistics.median(r.seconds for r in numbered):.3f} s;"
                 f" n-best ({HYPOTHESES}) adds median {statistics.median(extra):+.3f} s, mean {statistics.mean(extra):+.3f} s;"
                 f" the alignment adds median {statistics.median(r.align_s for r in measured if r.heard):.3f} s")
    lines.append("\nmisheard or invented numbers (digits, other hypotheses lacking it, least token probability):")
    for r in measured:
        cells = confusion([r], nbest)
        if cells["wrong & sure"] + cells["wrong & unsure"] + cells["invented & sure"] + cells["invented & unsure"]:
            lines.append(f"- {r.split}: {r.script!r} → {r.heard!r} {[(d, k, round(p, 2)) for d, k, p in r.written]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--save", type=Path, help="also write the measurements to this JSON file")
    parser.add_argument("--rescore", type=Path, metavar="JSON", help="print the report of saved measurements")
    args = parser.parse_args(argv)
    if args.rescore:
        print(report([Remark(**r) for r in json.loads(args.rescore.read_text())]))
        return
    asr = WhisperRecognizer(cpu_threads=1)
    model = asr._model.model = _Recorded(asr._model.model)
    with tempfile.TemporaryDirectory() as tmp:
        items = [(split, *item) for split, streams in SPLITS.items() for item in remarks(streams, Path(tmp))]
    asr.transcribe_for_memory(items[0][1])  # warm up
    measured = [measure(asr, model, split, pcm, script, words) for split, pcm, script, words in items]
    if args.save:
        args.save.write_text(json.dumps([asdict(r) for r in measured]))
    print(report(measured))


if __name__ == "__main__":
    main()
