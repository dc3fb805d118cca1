"""What a question asks about: which kind of moment (speech, screen, camera, sound) and which
content words must occur in it.

One place for both retrieval (memory/retrieval.py weighs clips of the asked kind) and the answer
policy (reasoning/grounding.py reads out only the asked part of a clip and checks that the
question's content words occur in it).
"""

from __future__ import annotations

import re

from memory.index import CAMERA, SCREEN, SPEECH
from memory.text import stem, tokens, words

#: the words a user names a sound with → the sound tagger's label for it; a hum is tagged either
#: "singing" or "music", so it is looked for as both (see `sound_labels`)
SOUND_LABELS = {
    "music": "music", "song": "music", "songs": "music", "tune": "music", "tunes": "music", "radio": "music",
    "playlist": "music", "track": "music", "melody": "music",
    "singing": "singing", "sing": "singing", "sang": "singing", "sung": "singing",
    "humming": "singing", "hum": "singing", "hummed": "singing",
}


_SOUND_STEMS = frozenset(stem(word) for word in SOUND_LABELS)
#: "humming" as Whisper writes it from a synthetic voice: "herming", "homin", "oming"
HUMMING_MISHEARD = re.compile(r"(?:h(?:er|ur|[aeiou])|o)m+(?:ing|in)")


def sound_labels(word: str) -> tuple[str, ...]:
    """The tagger labels a user's sound word may stand for, likeliest first ("humming" →
    singing, then music); empty when the word names no sound."""
    word = word.lower()
    label = SOUND_LABELS.get(word)
    if label is None and HUMMING_MISHEARD.fullmatch(word):
        word, label = "humming", "singing"
    if label is None:
        return ()
    return (label, "music") if word.startswith("hum") else (label,)


def names_a_sound(text: str) -> bool:
    """"the singing", "that bit of humming": words that name only a sound (not "I mentioned the music")."""
    terms = content_terms(text)
    misheard = {stem(w) for w in words(text) if HUMMING_MISHEARD.fullmatch(w)}
    return bool(terms) and "speech" not in asked_kinds(text) and all(term in _SOUND_STEMS | misheard for term in terms)


#: cues per kind of content; "tell" only as "did I tell" ("tell me what was on screen" is no speech)
ASKS_ABOUT = {
    "speech": re.compile(
        r"\b(?:say|said|says|saying|mention(?:ed|ing)?|talk(?:ed|ing)?|speak|spoke|spoken|asked|hear|heard"
        r"|words?|told)\b|\b(?:did|do)\s+(?:i|we|you|he|she|they)\s+tell\b"
        r"|\b(?:anyone|anybody|someone|somebody|he|she|they|i|we)\s+ask(?:ing)?\b",  # "did anyone ask about …"
        re.IGNORECASE,
    ),
    "screen": re.compile(
        r"\b(?:screens?|display(?:ed)?|monitor|slides?|page|window|written|wrote|showing|shown|text|sign|whiteboard"
        r"|board|card|label|poster|note)\b",
        re.IGNORECASE,
    ),
    "camera": re.compile(
        r"\b(?:camera|see|saw|seen|look(?:ed|ing)?|hold(?:ing)?|held|in front|video|picture)\b", re.IGNORECASE),
    "sound": re.compile(r"\b(?:" + "|".join(SOUND_LABELS) + r"|sound|noise|playing|played)\b", re.IGNORECASE),
}
_FLAGS = {"speech": SPEECH, "screen": SCREEN, "camera": CAMERA}

#: question words that say what kind of moment is wanted, not what it was about: how it was said
#: ("brought up", "moaned about"), heard ("playing in the background") or when ("earlier")
GENERIC = frozenset(
    stem(w)
    for w in """screen say tell thing happen see show shown display hear talk mention camera look word words something
    anything stuff moment time times ask speak spoke spoken heard write written read text many much often was
    appear appeared come came go went get got someone somebody anyone anybody everyone whiteboard board sign card label poster slide note sheet menu paper
    monitor page window loud aloud altogether overall play played playing background earlier early
    bring brought moan moaned complain complained rant ranted grumble bit going different kind kinds sticky""".split()
)

#: words naming the kind of answer wanted ("the order NUMBER"): they count when found, never against
SLOT = frozenset(
    stem(w)
    for w in """number code name password price cost date colour color address title phone total amount figure
    digits value day temperature""".split()
)


#: "what did the timer on the screen say", "there was a sticky note, what did it say": a thing that says
#: something is showing it
_THING_SAYS = re.compile(r"\b(?:did|does|do)\s+(?:(?:the|a|that|this)\s+[\w\s]{1,30}?|it)\s+say\b", re.IGNORECASE)
#: screen and camera are both "what was seen": a label in a camera picture is asked about as "on the screen"
VISUAL = frozenset({"screen", "camera"})


#: a thing of one's own is no display: "when does my old card run out" asks about a card, not a screen
_OWNED = re.compile(r"\b(?:my|your|our|his|her|their)\s+(?:\w+\s+)?(?:card|note|sign|window|page|board|label|paper)s?\b",
                    re.IGNORECASE)


def asked_kinds(question: str) -> frozenset[str]:
    """The kinds of content the question names ("speech", "screen", "camera", "sound"); empty if unclear."""
    kinds = {kind for kind, cue in ASKS_ABOUT.items()
             if cue.search(_OWNED.sub(" ", question) if kind == "screen" else question)}
    if kinds & VISUAL and _THING_SAYS.search(question):
        kinds.discard("speech")
    return frozenset(kinds)


def modality(question: str) -> int:
    """The asked kinds as index flags (SPEECH | SCREEN | CAMERA), 0 if unclear."""
    flags = 0
    for kind in asked_kinds(question):
        flags |= SCREEN | CAMERA if kind in VISUAL else _FLAGS.get(kind, 0)
    return flags


def has_content(question_tokens: list[str]) -> bool:
    """False for "what did I say just now?": nothing to match, only when and which kind."""
    return any(t not in GENERIC for t in question_tokens)


def content_terms(question: str) -> list[str]:
    """The question's stemmed content tokens, in order, without kind words and answer slots."""
    return list(dict.fromkeys(t for t in tokens(question) if t not in GENERIC and t not in SLOT))


def slot_terms(question: str) -> list[str]:
    return [t for t in tokens(question) if t in SLOT]
