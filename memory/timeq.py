"""Time expressions in questions → where in the stream to look.

"at the start", "just now", "two minutes ago", "at 02:10", "after the music", "when did the
music stop", "the first/last time" become a `TimeFocus`: an anchor moment with a spread, an
optional hard window, and an optional order. The phrase is removed from the question so that
"ago" or "start" do not pollute the content match.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from memory.query import HUMMING_MISHEARD, SOUND_LABELS, sound_labels
from memory.records import SoundSpan

_SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_FUZZY = {"a couple of": 2, "a couple": 2, "a few": 3, "several": 5, "half an": 0.5, "half a": 0.5, "an": 1, "a": 1}

_NUM = (
    r"(?:\d+(?:\.\d+)?"
    rf"|(?:{'|'.join(_TENS)})(?:[\s-](?:{'|'.join(_SMALL[1:10])}))?"
    rf"|{'|'.join(sorted(_SMALL, key=len, reverse=True))}"
    rf"|{'|'.join(sorted(_FUZZY, key=len, reverse=True))})"
)
_UNIT = r"(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h)"
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600}

_CLOCK = re.compile(r"(?:\b(?:at|around|about|near)\s+)?\b(\d{1,2}):([0-5]\d)(?::([0-5]\d))?\b")
_AGO = re.compile(rf"\b({_NUM})\s*{_UNIT}\s+(?:ago|back|earlier)\b")
_INTO = re.compile(rf"\b({_NUM})\s*{_UNIT}\s+in(?:to)?(?:\s+the\s+(?:session|stream|video|call))?\b")
_LAST_SPAN = re.compile(rf"\b(?:in|during|over|within)\s+the\s+(?:last|past)\s+({_NUM})?\s*{_UNIT}\b")
_RECENT = re.compile(
    r"\b(?:just now|a moment ago|moments ago|a second ago|a little while ago|a bit ago|recently"
    r"|most recently|lately|at the (?:very )?end|in the end)\b"
)
_START = re.compile(
    r"\b(?:at the (?:very )?(?:start|beginning)|in the (?:very )?beginning|at first|initially|to begin with"
    r"|early on|when (?:we|i|it) (?:started|began))\b"
)
#: "at one point": no time at all, only words that would otherwise be looked for
_VAGUE = re.compile(r"\b(?:at|from) (?:one|some) (?:point|stage)\b")
_SOUND_WORDS = "(" + "|".join([*sorted(SOUND_LABELS, key=len, reverse=True), HUMMING_MISHEARD.pattern]) + ")"
#: what may stand between "after" and the sound: "after the waiting music", "before that bit of singing",
#: "after the radio bit", "after I'd been humming"; the moment named before "after" ("the bit after the
#: music") goes with it
_SOUND_THE = (r"(?:(?:i|we)(?:'d| had| was| were)?\s+(?:been|stopped|finished|started)\s+)?"
              r"(?:(?:the|that|this|my)\s+)?(?:(?:bit|piece|burst|stretch|spell)\s+of\s+(?:the\s+)?)?"
              r"(?:(?!(?:i|we|you)\b)[a-z]+\s+)?")
_SOUND_WHEN = re.compile(
    rf"\bwhen did (?:the )?{_SOUND_WORDS}\s+(stop|end|finish|start|begin|come on|play)\b"
    rf"|\b(?<!soon )(?:when|as) (?:the )?{_SOUND_WORDS}\s+(stopped|ended|finished|started|began|came on)\b"
)
#: "… what did I say next": once the moment is known, "next" is no word to look for
_NEXT = re.compile(r"\b(?:next|then|after that|afterwards)$")
#: "the playlist ended at some point, what did I say next", "she played me a song, what did I say
#: about it afterwards": after it, said as a statement
_SOUND_ENDED = re.compile(
    rf"^(?:(?:and|so|ok|okay|um)\s+)*(?:{_SOUND_THE}{_SOUND_WORDS}\s+(?:stopped|ended|finished|was over)\b"
    rf"|[a-z]+\s+(?:(?:played|put on)\s+(?:(?:me|us)\s+)?(?:a|an|the|some|that)\s+{_SOUND_WORDS}|(sang|hummed))\b"
    rf"(?=.*{_NEXT.pattern}))")
#: the words that relate a moment to another: "once the music stopped" is "after the music"
_RELATION = {"after": "after", "once": "after", "as soon as": "after", "following": "after", "since": "after",
             "before": "before", "until": "before", "till": "before", "prior to": "before",
             "during": "during", "while": "during"}
_RELATION_WORDS = "|".join(sorted(_RELATION, key=len, reverse=True))
_RELATION_WORD = re.compile(rf"\b(?:{_RELATION_WORDS})\b")
_SOUND_REL = re.compile(
    rf"(?:\b(?:the|that)\s+[a-z]+\s+)?\b(?:(?:right|just|straight)\s+)?({_RELATION_WORDS})\s+{_SOUND_THE}{_SOUND_WORDS}"
    r"(?:\s+(?:stopped|ended|finished|was over|started|began|was playing|played|came on|bit|part))?\b"
)
#: "after / before / during X" for any X: resolved against X's clip by the memory that holds it. X
#: ends at a comma or where the question goes on ("after I mentioned the meeting, what was …")
_EVENT_REL = re.compile(
    rf"\b(?:(?:right|just|straight)\s+)?({_RELATION_WORDS})\s+"
    r"((?:(?!\b(?:and|but|what|when|where|who|which|how|did|do|does)\b)[^,])+?)\s*(?=,|$|\b(?:what|when|where|who|which|how|did|do|does)\b)")
#: "I was working", "we were cooking", "I worked": the user's own doing, named by its verb alone
_DOING = re.compile(r"^(?:i|we)\s+(?:(?:was|were)\s+(?:[a-z]+ing|(?:on|in|at|out|away|up|down)\b.*)|[a-z]+ed)$")
#: "during the call", "during dinner": a setting that lasts, named by one word
_SETTING = re.compile(r"^(?:(?:the|my|our|this|that)\s+)?[a-z]+$")
#: "what is on the screen now", "what's the screen showing": the newest moments, not the best match
#: Whisper often hears a question's last "now" as "how" ("what's up on the screen how"); no question
#: ends on a bare "how" but after "know / see / me / us / and"
_NOW = re.compile(r"\b(?:right now|now|currently|at the moment|at present|at this moment)\b"
                  # the present tense of what is in view: "what's the screen showing", "what's in view"
                  r"|\b(?:screen|display|monitor|camera)(?:'s| is) (?:showing|displaying|seeing)\b|\b(?:is|'s) in view\b"
                  # "what's on the screen?" (Whisper drops a last "now"), "can you still see anyone?":
                  # the words after stay in the query, they say what is asked about
                  r"|\b(?:'s|is) (?=(?:up )?on (?:the |my |your |this )?(?:screen|display|monitor)\b)"
                  r"|\b(?:can|do) you (?:still )?(?=see\b)"
                  # "is anybody still here?": who is in the room now, not who was
                  r"|\b(?:is|are) (?:any|some|every)(?:body|one) (?=still (?:here|there|around|in)\b)"
                  r"|^(?:any|some)(?:body|one) (?=still (?:here|there|around|in)\b)"  # "anyone still in here?"
                  r"|(?<!\bknow )(?<!\bsee )(?<!\bme )(?<!\bus )(?<!\band )\bhow\W*$")
#: the words that only say "now", once a question is known to be about the present
_NOW_WORDS = re.compile(r"\b(?:right now|now|currently|at the moment|at present|at this moment)\b")
#: … and a question's last "now" as "Oh" after the question mark ("and what's on the screen? Oh")
_NOW_AS_OH = re.compile(r"\?\s*oh\W*$")
_PAST = re.compile(r"\b(?:did|was|were|had|said|saw|heard|showed|ago|earlier|just now)\b")
_FIRST = re.compile(r"\b(?:the\s+)?(?:very\s+)?first(?:\s+time)?\b")
_LAST = re.compile(r"\b(?:the\s+)?(?:last|latest|most recent)(?:\s+time)?\b")


@dataclass(frozen=True)
class TimeFocus:
    """Where a question looks in time. `anchor` ± `sigma` is a soft preference weighted by
    `strength`; [lo, hi] is a hard window; `order` picks the earliest/latest relevant clip."""

    query: str
    anchor: float | None = None
    sigma: float = 10.0
    strength: float = 0.0
    lo: float | None = None
    hi: float | None = None
    order: Literal["first", "last"] | None = None
    #: "after / before / during `event`": the moment is found by searching for `event` first
    relation: Literal["after", "before", "during"] | None = None
    event: str | None = None
    #: the question is about the present ("what is on the screen now?")
    now: bool = False

    def around(self, start: float, end: float) -> TimeFocus:
        """This focus once its event was found at [start, end]: after it starts at its end, before
        it ends at its start (the event's own clip is out of both), during it is inside it."""
        if self.relation == "after":
            return replace(self, anchor=end, sigma=60.0, strength=0.3, lo=end, order=self.order or "first", event=None)
        if self.relation == "before":
            return replace(self, anchor=start, sigma=60.0, strength=0.3, hi=start, order=self.order or "last",
                           event=None)
        return replace(self, lo=start, hi=end, event=None)

    @property
    def backdrop(self) -> bool:
        """"While I was working": what the user was doing all along, the backdrop of the stream rather
        than a moment. Memory that holds no moment of it reads the question over the whole stream
        ("was there music on while I was working" had been answered "no" though music was heard).
        "While I was on hold" is one too."""
        return self.relation == "during" and bool(_DOING.match(self.event or ""))

    @property
    def setting(self) -> bool:
        """"During the call", "while I was on hold": a stretch the user was in, not one moment. A sound
        heard in it is looked for over the whole stream: the clip that names the call is not the call
        (held-out: "did you hear any music during the call" had been answered "no" from that clip)."""
        return self.backdrop or self.relation == "during" and bool(_SETTING.match(self.event or ""))


def parse_number(text: str) -> float:
    text = text.strip().replace("-", " ")
    if text in _FUZZY:
        return float(_FUZZY[text])
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    total = 0.0
    for word in text.split():
        total += _TENS.get(word, _SMALL.index(word) if word in _SMALL else 0)
    return total


def _seconds(number: str | None, unit: str) -> float:
    return (parse_number(number) if number else 1.0) * _UNIT_SECONDS[unit[0]]


def _cut(question: str, match: re.Match[str]) -> str:
    return " ".join((question[: match.start()] + " " + question[match.end() :]).split()).strip(" ,;")


def parse_time(
    question: str, now: float, start: float = 0.0, sounds: Mapping[str, Sequence[SoundSpan]] | None = None
) -> TimeFocus:
    """The time focus of a question asked at stream time `now` about a stream that began at `start`."""
    q = " ".join(_NOW_AS_OH.sub(" now", question.lower()).replace("?", " ").split())
    sounds = sounds or {}
    order: Literal["first", "last"] | None = None
    focus: dict = {}

    def last_span(word: str) -> SoundSpan | None:
        """"The music": the longest stretch of it so far (a hum or a jingle is detected as music
        too), the latest of equally long ones."""
        for label in sound_labels(word):
            spans = [s for s in sounds.get(label, ()) if s.start <= now]
            if spans:
                return max(reversed(spans), key=lambda s: s.end - s.start)
        return None

    if m := _CLOCK.search(q):
        h, mnt, sec = (m.group(1), m.group(2), m.group(3))
        t = int(h) * 3600 + int(mnt) * 60 + int(sec) if sec else int(h) * 60 + int(mnt)
        focus = dict(anchor=float(t), sigma=5.0, strength=1.0, lo=t - 20.0, hi=t + 20.0)
        q = _cut(q, m)
    elif m := _SOUND_WHEN.search(q):
        word = m.group(1) or m.group(3)
        verb = m.group(2) or m.group(4)
        span = last_span(word)
        if span and m.group(4) in ("stopped", "ended", "finished"):  # "when the music stopped, what …": after it
            focus = dict(anchor=span.end, sigma=60.0, strength=0.3, lo=span.end)
            order, q = "first", _cut(q, m)
        elif span:
            t = span.end if verb in ("stop", "end", "finish") else span.start
            focus = dict(anchor=t, sigma=3.0, strength=1.0, lo=t - 15.0, hi=t + 15.0)
            q = _cut(q, m)
        else:  # a sound never heard: no moment of it, and none after it
            focus = dict(relation="after", event=word)
    elif m := _SOUND_ENDED.search(q):
        word = next(word for word in m.groups() if word)
        if span := last_span(word):
            focus = dict(anchor=span.end, sigma=60.0, strength=0.3, lo=span.end)
            order = "first"
        else:
            focus = dict(relation="after", event=word)
        q = _NEXT.sub("", _cut(q, m)).strip()
    elif m := _SOUND_REL.search(q):
        relation, span = _RELATION[m.group(1)], last_span(m.group(2))
        if span:
            if relation == "after":
                focus = dict(anchor=span.end, sigma=60.0, strength=0.3, lo=span.end)
                order = "first"
            elif relation == "before":
                focus = dict(anchor=span.start, sigma=60.0, strength=0.3, hi=span.start)
                order = "last"
            else:
                focus = dict(lo=span.start, hi=span.end)
            q = _cut(q, m)
    elif m := _AGO.search(q):
        ago = _seconds(m.group(1), m.group(2))
        t, sigma = now - ago, max(4.0, 0.1 * ago)
        focus = dict(anchor=t, sigma=sigma, strength=1.0, lo=t - max(15.0, 3 * sigma), hi=t + max(15.0, 3 * sigma))
        q = _cut(q, m)
    elif m := _INTO.search(q):
        t = start + _seconds(m.group(1), m.group(2))
        focus = dict(anchor=t, sigma=5.0, strength=1.0, lo=t - 20.0, hi=t + 20.0)
        q = _cut(q, m)
    elif m := _LAST_SPAN.search(q):
        focus = dict(lo=now - _seconds(m.group(1), m.group(2)), hi=now)
        q = _cut(q, m)
    elif m := _RECENT.search(q):
        # "what did I say just now" means the latest thing said, however long ago exactly
        focus = dict(anchor=now, sigma=30.0, strength=0.3, lo=now - 120.0)
        order, q = "last", _cut(q, m)
    elif m := _START.search(q):
        duration = max(now - start, 0.0)
        head = min(max(60.0, 0.1 * duration), 600.0)  # the first minute … ten minutes
        focus = dict(anchor=start, sigma=max(30.0, head / 4), strength=0.3, hi=start + head)
        order, q = "first", _cut(q, m)

    if m := _VAGUE.search(q):
        q = _cut(q, m)
    if not focus and (m := _EVENT_REL.search(q)):
        focus = dict(relation=_RELATION[m.group(1)], event=m.group(2))
        q = _cut(q, m)
    present = False
    if not focus and (m := _NOW.search(q)):
        if _PAST.search(q):  # "what did I say right now": the latest thing said
            focus = dict(anchor=now, sigma=30.0, strength=0.3, lo=now - 120.0)
            order = "last"
        present, q = not focus, _cut(q, m)
        while m := _NOW_WORDS.search(q):  # "what's on the screen right now": "right" is no word to find
            q = _cut(q, m)
    if m := _FIRST.search(q):
        order, q = "first", _cut(q, m)
    elif m := _LAST.search(q):
        order, q = "last", _cut(q, m)
    return TimeFocus(query=q, order=order, now=present, **focus)


def without_relation(query: str) -> str:
    """"what did I say after the music" asks about what came after, not about the music."""
    return _RELATION_WORD.split(query, maxsplit=1)[0]
