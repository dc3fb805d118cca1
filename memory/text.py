"""Tokens for keyword matching and de-duplication: lower-case words, light stemming, no stopwords.

Kept deliberately crude: OCR text and ASR output are noisy, and the dense embedding does the
semantic work; keywords only need to catch exact names and numbers ("4471", "drawer").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from perception.numbers import withheld

_WORD = re.compile(r"[a-z0-9]+")

STOPWORDS = frozenset(
    """a about above after again all am an and any are as at be been before being below between both
    but by can could did do does doing down during each few for from further had has have having he
    her here hers him his how i if in into is it its itself just me more most my myself no nor not
    now of off on once only or other our ours out over own same she should so some such than that the
    their them then there these they this those through to too under until up very was we were what
    when where which while who whom why will with would you your yours yourself okay ok um uh oh
    please tell show remind know think let""".split()
    # what is left of a contraction ("I'm", "didn't", "we've") and its spoken forms ("gonna"): no
    # content, and a term that every "I'm …" question would otherwise have to find
    + "s t m d ve ll re didn doesn don isn wasn aren weren won wouldn couldn shouldn haven hasn hadn".split()
    + "gonna wanna gotta".split()
)

#: irregular forms worth folding (question words vs. transcript words)
_IRREGULAR = {"said": "say", "says": "say", "told": "tell", "saw": "see", "seen": "see", "put": "put"}
#: spoken numbers meet written ones ("gate twelve" / "GATE 12"); "one" is left alone ("which one")
_NUMBERS = {
    word: str(value)
    for value, word in enumerate(
        "zero _ two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
    if word != "_"
} | {"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90"}


def stem(word: str) -> str:
    """Folds plurals, verb endings and a final e so "keys"/"key" and "putting"/"put" meet."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word in _NUMBERS:
        return _NUMBERS[word]
    if word.isdigit() or len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("es") and word[:-2].endswith(("ss", "x", "z", "ch", "sh")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    elif word.endswith(("ing", "ed")):
        base = word[:-3] if word.endswith("ing") else word[:-2]
        if len(base) >= 3:
            word = base[:-1] if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "sl" else base
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


_LETTERS_DIGITS = re.compile(r"[a-z]+|[0-9]+")


_ORDINALS = {f"{n}{suffix}": word for n, (suffix, word) in enumerate(
    [("st", "first"), ("nd", "second"), ("rd", "third"), ("th", "fourth"), ("th", "fifth"), ("th", "sixth"),
     ("th", "seventh"), ("th", "eighth"), ("th", "ninth"), ("th", "tenth")], 1)}


def tokens(text: str) -> list[str]:
    """Content tokens of a text, in order, stemmed, without stopwords. A run of letters and
    digits counts as itself and as its parts ("platform4" → platform4, platform, 4; OCR glues
    words to numbers), so "platform" and "lh902" both find it; a screen's "2nd" is also "second"."""
    out = []
    for w in words(text):
        if w in STOPWORDS:
            continue
        out.append(stem(w))
        if w in _ORDINALS:
            out.append(stem(_ORDINALS[w]))
        parts = _LETTERS_DIGITS.findall(w)
        if len(parts) > 1:
            out += [stem(p) for p in parts if p not in STOPWORDS]
    return out


@functools.lru_cache(maxsize=8192)
def token_set(text: str) -> frozenset[str]:
    """Cached: the same OCR text is compared frame after frame."""
    return frozenset(tokens(text))


def jaccard(a: str | frozenset[str], b: str | frozenset[str]) -> float:
    """Token-set overlap; two texts without content count as identical."""
    sa = token_set(a) if isinstance(a, str) else a
    sb = token_set(b) if isinstance(b, str) else b
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb)


def normalise_space(text: str) -> str:
    return " ".join(text.split())


#: between the lines of a text read off the screen: each line stays an item an answer can read alone
#: ("SEAT 14C", not the whole boarding pass)
ITEM_SEPARATOR = " / "


def dedupe_texts(texts: list[str], threshold: float = 0.8) -> list[str]:
    """Drops texts that repeat an earlier one (OCR of the same screen frame after frame); a text
    that extends an earlier one replaces it. OCR's lines are kept apart by ITEM_SEPARATOR."""
    kept: list[tuple[str, frozenset[str]]] = []
    for text in texts:
        text = ITEM_SEPARATOR.join(normalise_space(line) for line in text.splitlines() if line.strip())
        if not text:
            continue
        toks = token_set(text)
        for i, (_, other_toks) in enumerate(kept):
            if other_toks and other_toks < toks:
                kept[i] = (text, toks)
                break
            if toks <= other_toks or jaccard(toks, other_toks) >= threshold:
                break
        else:
            kept.append((text, toks))
    return [text for text, _ in kept]


def vocabulary(texts_newest_first: Iterable[str], limit: int = 40) -> str:
    """The content words of `texts`, each once, as written, newest last: what a question about
    them is likely to name (Whisper's previous text for the answer pass)."""
    kept: dict[str, str] = {}
    for text in texts_newest_first:
        for word in reversed(withheld(text).split()):  # an unsure number ("[6?]") is no word to expect
            word = word.strip('.,;:!?"()')
            key = word.lower()
            if (len(key) >= 3 or any(ch.isdigit() for ch in key)) and key not in STOPWORDS and key not in kept:
                kept[key] = word
        if len(kept) >= limit:
            break
    return " ".join(reversed(list(kept.values())[:limit]))
