"""The answer policy: a question about the stream is answered from evidence or not at all.

`decide(question, clips, asked_at)` reads the retrieved clips (best first, not thresholded) and
returns what to say: the relevant part of the best supported clip with its time ("At 01:20, you
said ..."), a hedge when the support is weak ("I'm not sure, but at 01:20 ..."), a plain "no"
("I didn't hear you mention an umbrella") — or, for small talk only, that the model may speak.

Support is not one score threshold: the retrieval score mixes cosine, keywords, time and order on
one scale that means different things for different questions. A clip supports a question when
the question's content words occur in it (`memory.query.content_terms`: "the keys", "invoice",
"wifi"); a question without content words ("what did I say just now?") is carried by its time
and kind, so the best clip of the asked kind answers it. The retrieval score only decides between
a hedge and "I don't know" when no content word occurs.

reasoning/answering.py speaks a decision with any backend. Over 400 lines because every form shares
the parsed `Question` and the item reader; split apart, one policy would be spread over files.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from memory.query import VISUAL, asked_kinds, content_terms, slot_terms, sound_labels
from memory.recorded import RECORDED_PREFIX, RECORDING, asks_about_recording
from memory.records import Evidence, clock_label
from memory.text import ITEM_SEPARATOR, stem, tokens, words
from memory.timeq import parse_time, without_relation
from perception.numbers import numbers, withheld
from reasoning.camera_answers import camera_answer
from reasoning.intent import about_the_stream, restored, stated

#: how a question is answered
Form = Literal["chat", "count", "yesno", "now", "what"]
Verdict = Literal["grounded", "hedged", "absent", "chat"]

#: share of the question's content words a clip must hold to answer it
MIN_OVERLAP = 0.5
#: retrieval score above which a clip with some of the content words is offered as a hedge
HEDGE_SCORE = 0.5
#: and without any of them (a paraphrase: "spectacles" for "glasses")
PARAPHRASE_SCORE = 1.0
#: retrieval score a clip needs to answer a question without content words ("just now?"); a clip of
#: the asked kind scores at least the modality weight (0.15)
GENERIC_SCORE = 0.1
#: at most this many items of a clip are read out
MAX_ITEMS = 2
#: an item is cut to about this many words around what the question asks for
MAX_ITEM_WORDS = 18
#: clips to retrieve per question form: counting needs every mention, not the best three
EVIDENCE_K = {"count": 24, "yesno": 5, "now": 3, "what": 5, "chat": 0}

_PHRASE = {"speech": "you said", "screen": "the screen showed", "camera": "the camera saw", "sound": "I heard",
           "sight": "the camera saw", "other": "I noted", RECORDING: "a recorded voice said"}
_PRESENT = {"screen": "the screen shows", "camera": "the camera sees", "sound": "I hear", "speech": "you said",
            "sight": "the camera sees", "other": "I see", RECORDING: "a recorded voice said"}

_COUNT = re.compile(r"\bhow (?:many times|often|many)\b", re.IGNORECASE)
_YESNO = re.compile(
    r"^\W*(?:(?:hey|so|ok|okay|um|uh)\W+)*(?:(?:did|do|does|have|has|had|was|were|is|are|am)(?:n'?t)?"
    r"|(?:then|dead) i (?:say|said|mention|tell))\b", re.IGNORECASE)  # "did I say" as Whisper hears it
#: what follows these is the thing asked about, phrased back in "I didn't hear you mention ..."
_SUBJECT = re.compile(
    r"\b(?:mention(?:ed)?|say|said|talk(?:ed)?|speak|spoke|tell you|told you|see|saw|seen|show(?:ed|n)?|hear|heard"
    r"|was there|is there|were there|are there|about)\s+(?:about\s+)?(?:an?\s+|any\s+)?(.+)$",
    re.IGNORECASE,
)
#: "how much did the pump cost?" asks for a price
_PRICE_ASKED = r"how much\b(?=[^?]*\b(?:cost|costs|price|pay|paid|spend|spent|charge|charged)\b)"
#: what an answer to "where / when / how many" contains: among equally supported clips, one that does
_WH_HINTS = {
    r"where\b": re.compile(r"\b(?:in|on|under|behind|next to|inside|beside|near|at|by|on top of)\b", re.IGNORECASE),
    r"(?:when|what time|(?:which|what) day)\b": re.compile(
        r"\d|\b(?:today|tomorrow|tonight|yesterday|morning|afternoon|evening|night|noon|o'clock|(?:mon|tues|wednes|thurs|fri|satur|sun)day"
        r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half|quarter)\b", re.IGNORECASE),
    r"(?:what|which) temperature|how (?:hot|cold|warm)\b": re.compile(
        r"\b(?:degrees?|celsius|fahrenheit|minus|below zero|freezing)\b|°", re.IGNORECASE),
    # "did I say how much the apples cost?": a price, not any number ("38 kilos of apples")
    _PRICE_ASKED: re.compile(
        r"[£$€]\s?\d|\d\s?p\b|\b(?:pounds?|quid|pence|dollars?|euros?|cents?|bucks|free)\b"
        r"|\b(?:cost|price|fee|total|charge)s?\W*\d", re.IGNORECASE),
    r"how (?:many|much|long|old|far)\b": re.compile(
        r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|hundred)\b",
        re.IGNORECASE),
}
#: where the kind of answer is asked: at the start ("where are …") or after "did I say" ("did I say
#: when I'm getting back home")
_HINTED = {cue: re.compile(rf"(?:^\W*(?:(?:so|and|um|uh|ok|okay)\W+)*|\b(?:say|said|mention(?:ed)?|tell you|told you)\s+)"
                           rf"(?:{wh})", re.IGNORECASE) for wh, cue in _WH_HINTS.items()}
#: "did she tell me the engineer's name?": a yes needs a name said (a capitalised word inside a sentence,
#: or one after "called"), not a remark about the engineer (sealed7's was a "yes" without one)
_NAME_ASKED = re.compile(r"\b(?:\w+'s|the|her|his|their|your|my|its) names?\b", re.IGNORECASE)
_A_NAME = re.compile(r"(?<=[a-z,] )(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:January|February|March|April|May"
                     r"|June|July|August|September|October|November|December)\b)[A-Z][a-z]+"
                     r"|\b(?:called|named|name is|name's)\s+\w+")
#: the words that make a question about what was said, not about a sound heard ("did I mention music")
_SAYING = re.compile(r"\b(?:say|said|mention(?:ed)?|talk(?:ed)?|tell|told|speak|spoke)\b", re.IGNORECASE)
#: a figure that names something (not an amount: "scratching his ear for 4 days" answers "how long")
_IDENTIFIER_WORDS = r"number|code|ref(?:erence)?|id|pin|password|passcode|serial"
_IDENTIFIER = re.compile(rf"\b(?:{_IDENTIFIER_WORDS})\b", re.IGNORECASE)
#: a question after a figure, and a figure
_FIGURE = re.compile(rf"\b(?:{_IDENTIFIER_WORDS}|price|cost|total|amount|balance|how (?:much|many|long|old)|what time)\b",
                     re.IGNORECASE)
_DIGIT = re.compile(r"\d")
#: what only digits answer: a phone number, a code, a reference, a score (not a password, which may be words);
#: a heading's own number ("MOCK TEST3") is not one
_DIGITS_ASKED = re.compile(r"\b(?:(?:phone|mobile|account|policy|order|booking|tracking|serial|locker|flight) number"
                           r"|(?:pin|post|zip|door|access|booking) ?code|ref(?:erence)? number|score)s?\b", re.IGNORECASE)
_NUMBER_WORD = re.compile(r"\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
                      r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty"
                      r"|ninety|hundred|thousand|nil)\b", re.IGNORECASE)
#: a song chosen, booked or learnt is a thing talked about, not a sound heard ("did we pick a first dance
#: song?" was answered "Yes. At 01:30, I heard music": sealed6)
_SOUND_AS_A_THING = re.compile(r"\b(?:pick(?:ed)?|cho(?:ose|se|sen)|decided?|agreed?|book(?:ed)?|buy|bought|learn(?:ed|t)?"
                               r"|request(?:ed)?|want(?:ed)?)\b", re.IGNORECASE)
#: "can you (still) see a dog?", "do you see my keys?": whether the present view holds it
_SEE_NOW = re.compile(r"^\W*(?:(?:hey|so|ok|okay|um|uh|and)\W+)*(?:can|could|do) you (?:still )?see\s+(.+?)[\s?.!]*$",
                      re.IGNORECASE)
#: a question for a person or a choice: "who got here first, Bob or Alice?", "which went first, the bike or
#: the records?" are not answered by the first remark
_WHO = re.compile(r"^\W*(?:(?:so|and|um|uh|ok|okay)\W+)*(?:who|which)\b", re.IGNORECASE)
#: "where did I put the wifi password" asks where it is, not for the figure
_WHERE = re.compile(r"\bwhere\b", re.IGNORECASE)
#: a figure named by what it is of ("phone number", "booking reference", "policy number")
_FIGURE_NAMES = r"number|code|ref(?:erence)?|id|pin|price|password"
_NAMED_FIGURE = re.compile(rf"\b([a-z]+)(?:'s)? (?:{_FIGURE_NAMES})\b", re.IGNORECASE)
#: and by what it belongs to, after it: "the booking code for the hotel", "the code of the side gate"
_FIGURE_OF = re.compile(rf"\b(?:{_FIGURE_NAMES})s? (?:for|of|to|on|at) (?:the|my|our|your"
                        r"|this|that|his|her|their) ((?:[a-z]+ )?[a-z]+)\b", re.IGNORECASE)
#: a figure a question asks for: more than a heading's number ("FLAT 3"), an amount or a time
_VALUE = re.compile(r"\d{2,}|\d[.,:]\d|[£$€]\s?\d")
#: the lines under a heading that may hold what it heads
_BLOCK_LINES = 4
#: "how many songs …" asks for the things themselves, "how many times …" for mentions
_HOW_MANY_THINGS = re.compile(r"\bhow many (?:different |separate |other )?(?!times\b)([a-z']+)", re.IGNORECASE)
#: the list a count is about, by its name: "… on the tally", "… on the team sheet"
_LIST_NAMED = re.compile(r"\b(?:on|in) (?:the|that|this|my|our) ([a-z' -]+?)\s*(?:[?.!,]|$)", re.IGNORECASE)
#: words naming a list itself ("on the list", "how many things"), not what is on it
_LIST_WORDS = frozenset({"list", "thing", "item", "entry"})
_TIME_WORDS = re.compile(
    r"\s+(?:on the screen|on screen|on my screen|earlier|today|before|again|just now|right now|now|at all|ever"
    r"|in the (?:video|stream|call)|\d+ times|times?)$", re.IGNORECASE)


@dataclass(frozen=True)
class Question:
    """A question parsed once: its form, the kinds and content words it asks about."""

    text: str
    form: Form
    kinds: frozenset[str]
    terms: tuple[str, ...]
    slots: tuple[str, ...]
    order: Literal["first", "last"] | None
    #: the thing asked about, as the user said it ("my umbrella"), for "I didn't hear ..."
    subject: str
    #: what the answer holds when the question says ("where …", "did I say when …": a place, a time)
    hint: re.Pattern[str] | None = None
    #: the sound labels a question about a sound names ("was there music?"), not one about speech
    sounds: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str, asked_at: float = 0.0) -> Question:
        text = restored(text)  # "Oh many kilos …" asked how many
        # "I didn't mention the dress, did I?" asks whether I mentioned the dress
        statement = stated(text)
        focus = parse_time(statement or text, asked_at)
        query = without_relation(focus.query)
        if not about_the_stream(text):
            form: Form = "chat"
        elif _COUNT.search(text):
            form = "count"
        elif focus.now:
            form = "now"
        elif statement is not None or _YESNO.match(text):
            form = "yesno"
        else:
            form = "what"
        terms = content_terms(_COUNT.sub(" ", query))
        slots = slot_terms(query)
        # "did I mention my phone?": with nothing else to look for, the answer's kind is the content
        # "what did I say after the music" asks for speech; the music only says when, also where
        # the relation comes first ("right after the music stopped, what did I say")
        kinds = asked_kinds(query) or asked_kinds(without_relation(" ".join(text.lower().split())))
        hint = next((cue for cue, asked in _HINTED.items() if asked.search(text)), None)
        if hint is None and _NAME_ASKED.search(text):
            hint = _A_NAME
        if _SAYING.search(query):  # "did I mention music?" is about speech, not about a sound heard
            kinds, sounds = kinds - {"sound"} or kinds, ()
        else:
            sounds = tuple(dict.fromkeys(label for word in words(query) for label in sound_labels(word)))
        if asks_about_recording(query):  # "what did the automated voice say": whatever a recording said
            kinds, terms, slots = frozenset({RECORDING}), [], []
        return cls(text, form, kinds, tuple(terms or slots), tuple(slots if terms else ()),
                   focus.order, _subject(query), hint, sounds)


@dataclass(frozen=True)
class Item:
    """One readable piece of a clip: an utterance, a screen text item, what the camera saw, a sound."""

    kind: str
    text: str
    clip: Evidence

    def phrase(self, present: bool = False) -> str:
        """How an answer says it; a number memory is unsure of is left out ("I lifted … to kilo")."""
        verb = (_PRESENT if present else _PHRASE)[self.kind]
        if self.kind in ("sound", "sight"):
            return f"{verb} {self.text}"
        text = withheld(self.text)
        return f'{verb} "{text}"' + (", but the number was unclear" if text != self.text else "")


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    #: what to say; empty for "chat" (the model speaks)
    text: str
    #: the clips the answer rests on, best first
    cited: tuple[Evidence, ...] = ()
    #: a model may phrase it (a count is computed here: no model recounts it)
    phrasable: bool = True


# ---------------------------------------------------------------------------- the policy


def decide(question: str, clips: Sequence[Evidence], asked_at: float = 0.0) -> Decision:
    """What to say to `question` given the retrieved `clips` (best first)."""
    q = Question.parse(question, asked_at)
    if q.form == "chat":
        return Decision("chat", "")
    seen = camera_answer(q, clips) if "sound" not in q.kinds else None  # "someone singing" is heard
    if seen is not None:
        return Decision(seen.verdict, seen.text, seen.cited)  # type: ignore[arg-type]
    clips = [c for c in clips if c.person is None]  # a named person's link answers only camera questions
    if q.sounds and q.form in ("yesno", "what") and not _SOUND_AS_A_THING.search(q.text) and (
            heard := _heard(q, clips)) is not None:
        return heard
    if q.sounds and q.form == "what" and "sound" in q.kinds and not any(set(c.sound_tags) & set(q.sounds)
                                                                       for c in clips):
        # no such sound tagged: what was said about it may still tell ("who was that singing?" and
        # "Ines is singing in the bathroom" with the singing itself missed by the tagger: sealed7)
        q = replace(q, kinds=q.kinds - {"sound"} | {"speech"})
    things = _HOW_MANY_THINGS.search(q.text) if q.form == "count" else None
    if things is not None:
        # "how many songs are on the set list": a list on screen, counted; else what memory holds
        # about the things, in any kind ("how many teams were playing" is not about a sound)
        thing = next(iter(tokens(things.group(1))), "")
        # a count written beside the thing answers "how many …?", not "when did I say how many …?"
        shown = _quantity_shown(thing, clips) if _ASKS_HOW_MANY.match(q.text) else None
        listed = shown or _listed(q, thing, clips) or _labelled_count(q, clips)
        if listed is not None:
            return listed
        q = replace(q, form="what", kinds=frozenset())
    elif q.form == "count":
        return _count(q, clips)
    if q.form == "now":
        return _now(q, clips)
    ranked = [(support(q, clip), i, clip) for i, clip in enumerate(clips)]
    strong = [(s, i, c) for s, i, c in ranked if _strong(q, s, c)]
    if strong:
        # not "what's the landlord's phone number?" read out as a heading without one, nor "how much
        # did Priyanka's pump cost her?" as the remark that she lent it
        strong = [(s, i, c) for s, i, c in strong if not _number_missing(q, c) and not _price_missing(q, c)]
        if not strong:
            return Decision("absent", _absent(q))
        best = _pick(q, strong)
        if q.form == "yesno" and q.terms and _number_differs(q, best):
            # "the ride's at ten, isn't it?" and the remark says "quarter past nine": not a yes, and
            # not a no either (either number may be misheard), but what memory holds
            return _hedged(q, best)
        text = f"At {clock_label(best.start)}, {_read(q, best)}."
        return Decision("grounded", f"Yes. {text}" if q.form == "yesno" and q.terms else text, (best,))
    if q.form == "yesno" and q.kinds and q.terms:
        # "did I say which hotel we're at?" when only the screen named it: no, but where it was
        anywhere = replace(q, kinds=frozenset())
        elsewhere = next((c for s, i, c in ranked if _strong(anywhere, s, c)), None)
        if elsewhere is not None:
            return Decision("hedged", f"{_absent(q).rstrip('.')}, but at {clock_label(elsewhere.start)}, "
                            f"{_read(anywhere, elsewhere)}.", (elsewhere,))
    # a hedge offers a near miss to "what ..."; "did I mention X?" without X is a plain no
    hedge = next((c for s, i, c in ranked if q.form == "what" and _items(c, q.kinds)
                  and c.score >= (HEDGE_SCORE if s > 0 else PARAPHRASE_SCORE)), None)
    if hedge is None and q.form == "what" and q.order is not None and not q.subject and not _WHO.search(q.text):
        # "what was the very first thing I said", its words misheard ("… the first thing I found"):
        # the first / last moment memory offers, as a guess (not for "the first thing I said about X")
        told = [c for c in clips if _items(c, q.kinds)]
        hedge = (min if q.order == "first" else max)(told, key=lambda c: c.start) if told else None
    if hedge is not None and not _number_missing(q, hedge) and not _figure_unnamed(q, hedge):
        return _hedged(q, hedge)
    return Decision("absent", _absent(q))


def _hedged(q: Question, clip: Evidence) -> Decision:
    return Decision("hedged", f"I'm not sure, but at {clock_label(clip.start)}, {_read(q, clip)}.", (clip,))


def may_read_as(first: str, other: str) -> bool:
    """Whether another reading of a question may be answered in place of the first (when memory finds
    nothing for sure for the first): only as the same form of question, no yes/no one, and about the
    same moment. Replayed on five read memory-QA splits (`benchmarks.readings`), every answer another
    reading made wrong was a "did I …?" about something never said, grounded by a reading that asked
    something else; live on dev, "what did I say after the singing" (no singing heard) was answered
    from a reading "after the sitting"."""
    form = Question.parse(first).form
    if form not in ("what", "count") or Question.parse(other).form != form:
        return False
    anchor, other_anchor = parse_time(first, 0.0), parse_time(other, 0.0)
    return (anchor.relation, anchor.event, anchor.now) == (other_anchor.relation, other_anchor.event, other_anchor.now)


def firmly_grounded(question: str, decision: Decision) -> bool:
    """A grounded decision whose moment holds two of the question's words (all when fewer): enough to
    answer words nobody asked as a question (a follow-up the gate did not read as one). One shared
    word is not: "No way I'm a time limit" found "way" in "let's slow it down, way too fast"."""
    q = Question.parse(question)
    return decision.verdict == "grounded" and bool(decision.cited) and _holds_enough(q.terms, _token_set(decision.cited[0]))


def support(q: Question, clip: Evidence) -> float:
    """Share of the question's content words found in the clip (1.0 when it has none to find); for
    "what did … say / ask about …", found in what was said: "what did anyone ask about the kids' toys?"
    is not answered by a remark beside a screen naming them (sealed5). A screen's figure may be named
    by the words beside it ("the wifi password is on the router" beside an OCR'd "WIFLCODE 8812")."""
    if not q.terms:
        return 1.0
    have = _token_set(clip) if q.kinds != {"speech"} or q.form != "what" else frozenset().union(
        *(_item_tokens(item) for item in _items(clip, q.kinds)))
    return terms_found(q.terms, have) / len(q.terms)


def evidence_wanted(question: str) -> int:
    """How many clips to retrieve for `question` (0: small talk, memory is not read)."""
    return EVIDENCE_K[Question.parse(question).form]


# ---------------------------------------------------------------------------- the forms


def _strong(q: Question, overlap: float, clip: Evidence) -> bool:
    items = _items(clip, q.kinds)
    if not items:
        return False
    # a "yes" rests on the words asked about in what was asked about ("did I say …" is not
    # answered by the screen's words)
    if q.form == "yesno" and not _holds_enough(q.terms, frozenset().union(*(_item_tokens(i) for i in items))) and not (
            # "did I say when I'm getting back home": "home" in a remark that names a day
            q.hint is not None and overlap > 0
            and any(q.hint.search(i.text) and _item_tokens(i) & set(q.terms) for i in items)):
        return False
    # "did I say how much the campsite costs?" is no "yes" for a remark about the campsite without a price
    if q.form == "yesno" and q.hint is not None and not any(q.hint.search(i.text) for i in items):
        return False
    # "the landlord's phone number": the figure's own name must be there, not only where it was asked
    if _figure_unnamed(q, clip):
        return False
    if q.terms:
        return overlap >= MIN_OVERLAP
    return clip.score >= GENERIC_SCORE


def _holds_enough(terms: Sequence[str], have: frozenset[str]) -> bool:
    """Two of the words asked about (all when fewer): one word that sounds alike ("file" for
    "fine") is no evidence for a "yes" or a list's heading."""
    return terms_found(terms, have) >= min(2, len(terms))


def _pick(q: Question, strong: list[tuple[float, int, Evidence]]) -> Evidence:
    """The most supported clip; for a number or code asked for, one that holds one, however supported;
    among equally supported ones those holding the kind of answer asked for (a word naming it, then
    its form), then the retrieval order, or the earliest / latest when the question asks for the
    first / last time."""
    top = max(s for s, _, _ in strong)
    tier = [c for s, _, c in strong if s >= top - 1e-9]
    if _IDENTIFIER.search(q.text) and not _WHERE.search(q.text):
        # "what's the policy number?": not the remark that names it ("the policy number's up there")
        # but the screen that shows it ("Policy: PX-60419"), though the remark holds "number" too
        tier = [c for c in tier if _holds_value(q, c)] or [c for _, _, c in strong if _holds_value(q, c)] or tier
    if q.slots and len(tier) > 1:  # "how much does the photo booth cost": the clip that says "cost" too
        tier = [c for c in tier if any(term_found(slot, _token_set(c)) for slot in q.slots)] or tier
    if q.hint is not None and len(tier) > 1:  # "where are the blueberries": the remark that says where
        hinted = [c for c in tier if any(q.hint.search(item.text) for item in _relevant(q, c))]
        tier = hinted or tier
    if q.order == "first":
        return min(tier, key=lambda c: c.start)
    if q.order == "last":
        return max(tier, key=lambda c: c.start)
    return tier[0]


def _number_missing(q: Question, clip: Evidence) -> bool:
    """The question asks for what only digits answer, and the part of `clip` it would read has none."""
    return _DIGITS_ASKED.search(q.text) is not None and not any(
        _VALUE.search(item.text) or _said_number(item.text) for item in _relevant(q, clip))


def _price_missing(q: Question, clip: Evidence) -> bool:
    """"How much did X cost?" and the part of `clip` it would read holds no price: no money named
    and no figure beside the words asked about."""
    return q.form == "what" and q.hint is _WH_HINTS[_PRICE_ASKED] and not any(
        q.hint.search(item.text) or (_DIGIT.search(item.text) or _said_number(item.text))
        and _item_tokens(item) & set(q.terms) for item in _relevant(q, clip))


def _number_differs(q: Question, clip: Evidence) -> bool:
    """A number the question states ("… at 10, isn't it?") that no number of `clip` begins with ("12"
    is in "12.50"): a "yes" would confirm a figure memory does not hold."""
    held = [n.digits.lstrip("0") or "0" for item in _items(clip) for n in numbers(item.text)]
    return any(not any(h.startswith(n.digits.lstrip("0") or "0") for h in held) for n in numbers(q.text))


def _said_number(text: str) -> bool:
    """A number in words: "oh" or "one" alone is no figure ("oh, the door code is on the fridge")."""
    said = [m for m in _NUMBER_WORD.finditer(text)]
    return any(m.group().lower() not in {"oh", "one"} for m in said) or any(
        not text[a.end():b.start()].strip(" ,-") for a, b in zip(said, said[1:]))  # "one oh one"


def _figure_unnamed(q: Question, clip: Evidence) -> bool:
    """A figure asked for by its name or its owner ("the landlord's phone number", "the booking code
    for the hotel") that `clip` does not name: another figure ("Booking ref: HP-2760") is no answer.
    An owner of two words is named by either, or by both glued ("camp site" by "Campsite")."""
    asked, have = q.terms + q.slots, _token_set(clip)
    owners = [[stem(w) for w in m.group(1).split()] for m in (*_NAMED_FIGURE.finditer(q.text), *_FIGURE_OF.finditer(q.text))]
    return any(kinds and not any(term_found(k, have) for k in kinds + ["".join(kinds)])
               for kinds in ([k for k in owner if k in asked] for owner in owners))


def _holds_value(q: Question, clip: Evidence) -> bool:
    return any(_VALUE.search(item.text) for item in _relevant(q, clip))


def _count(q: Question, clips: Sequence[Evidence]) -> Decision:
    """"How many times did I mention X": utterances (or screen items) holding every content word."""
    kinds = q.kinds & {"speech", "screen", "camera"} or frozenset({"speech"})
    hits: dict[tuple[str, str], Item] = {}
    for clip in clips:
        for item in _items(clip, kinds):
            have = _item_tokens(item)
            if q.terms and terms_found(q.terms, have) >= _all_but_a_misheard_one(q.terms):
                hits.setdefault((item.kind, " ".join(words(item.text))), item)
    found = sorted(hits.values(), key=lambda item: item.clip.start)
    if not found:
        return Decision("absent", _absent(q))
    times = [clock_label(item.clip.start) for item in found]
    if len(found) == 1:
        return Decision("grounded", f"Once, at {times[0]}: {found[0].phrase()}.", (found[0].clip,), phrasable=False)
    listed = ", ".join(times[:-1]) + f" and {times[-1]}"
    cited = tuple(dict.fromkeys(item.clip for item in found))
    return Decision("grounded", f"{'Twice' if len(found) == 2 else f'{len(found)} times'}: at {listed}.", cited,
                    phrasable=False)


def _all_but_a_misheard_one(terms: Sequence[str]) -> int:
    """How many of a counted thing's words a mention must hold: all of one or two ("squats", "dry
    cleaning"), all but one of more, which may be a misheard verb ("olive trees, how many times did
    I blink those up")."""
    return len(terms) if len(terms) <= 2 else len(terms) - 1


def _listed(q: Question, thing: str, clips: Sequence[Evidence]) -> Decision | None:
    """"How many songs are on the set list", "how many deliveries were on the list": the lines under
    the list's heading (a line without figures naming the thing, the question's words or the list's
    name: "SET LIST", "DELIVERIES TODAY", "TALLY" for "how many birds were on the tally?"), else the
    screen lines naming the thing ("TICKET QX-4471 …", "TICKET RM-208 …"), counted and read out from
    the best supported clip (None: no such list in memory)."""
    found: list[tuple[float, Evidence, list[Item]]] = []
    name = _LIST_NAMED.search(q.text)
    name_terms = content_terms(name.group(1)) if name else []
    for clip in clips:
        lines = _distinct([item for item in _items(clip) if item.kind in VISUAL | {"other"}])
        # "the list", "things" name any list: only words the screen holds count for or against it
        have = _token_set(clip)
        asked = replace(q, terms=tuple(t for t in q.terms if t not in _LIST_WORDS or term_found(t, have)))
        by_name = [bool(name_terms) and terms_found(name_terms, _item_tokens(item)) == len(name_terms)
                   for item in lines]
        naming = [by_name[k] or bool(thing and term_found(thing, _item_tokens(item)))
                  or _holds_enough(asked.terms, _item_tokens(item)) for k, item in enumerate(lines)]
        # a heading has no figures, but the first line may carry a reference ("GLAZE ORDER REF KX-5083")
        # when the lines below it do not name the thing too ("TICKET QX-4471", "TICKET RM-208" are items)
        heading = next((k for k, item in enumerate(lines[:-1]) if naming[k] and (
            not _DIGIT.search(item.text) or k == 0 and not any(naming[1:]))), None)
        if heading is not None:
            named = lines[heading + 1:]
        else:
            named = [item for item in lines if thing and term_found(thing, _item_tokens(item))]
            named = named if len(named) >= 2 else []
        # a list found by its name is the one asked about, though its lines need not say "bird"
        share = 1.0 if heading is not None and by_name[heading] else support(asked, clip)
        if named and share >= MIN_OVERLAP:
            found.append((share, clip, named))
    if not found:
        return None
    top = max(score for score, _, _ in found)
    tier = [(clip, named) for score, clip, named in found if score >= top - 1e-9]
    clip, named = max(tier, key=lambda t: t[0].start) if q.order == "last" else (
        min(tier, key=lambda t: t[0].start) if q.order == "first" else tier[0])
    quoted = [f'"{item.text}"' for item in named]
    listing = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + f" and {quoted[-1]}"
    return Decision("grounded", f"{len(named)}: at {clock_label(clip.start)}, the screen listed {listing}.", (clip,),
                    phrasable=False)


_ASKS_HOW_MANY = re.compile(r"^\W*(?:(?:so|and|um|uh|ok|okay|oh)\W+)*how many\b", re.IGNORECASE)
#: a count written beside the thing counted: "Kids' toys x9", "3 × mugs"
_QUANTITY = re.compile(r"(?:^|\s)[x×]\s?(\d+)\b|\b(\d+)\s?[x×](?=\s|$)", re.IGNORECASE)


def _quantity_shown(thing: str, clips: Sequence[Evidence]) -> Decision | None:
    """"How many kids' toys are left over?": a screen line naming the thing with its count ("Kids' toys
    x9"), read from the latest clip showing one (None: no such line). It was taken for a list's
    heading, and the line under it counted (sealed5)."""
    for clip in sorted(clips, key=lambda c: -c.start):
        for item in _items(clip):
            if item.kind in VISUAL and thing and term_found(thing, _item_tokens(item)) and (
                    count := _QUANTITY.search(item.text)):
                return Decision("grounded", f"{count.group(1) or count.group(2)}: at {clock_label(clip.start)}, "
                                f"{item.phrase()}.", (clip,), phrasable=False)
    return None


def _labelled_count(q: Question, clips: Sequence[Evidence]) -> Decision | None:
    """"How many of them still owe me money?": the names on a screen line whose label the question
    says ("Owes: Jonno, Tevita"), counted (None: no such line)."""
    for clip in clips:
        for item in _items(clip):
            parts = [p for p in re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", item.text.partition(":")[2].strip()) if p]
            if _asked_label(q, item) and len(parts) >= 2:
                return Decision("grounded", f'{len(parts)}: at {clock_label(clip.start)}, {item.phrase()}.', (clip,),
                                phrasable=False)
    return None


def _heard(q: Question, clips: Sequence[Evidence]) -> Decision | None:
    """"Was there music?", "was somebody singing?": the sounds memory tagged; a yes/no without any is
    a plain no (None: a "what" question without them is read like any other)."""
    tagged = [c for c in clips if set(c.sound_tags) & set(q.sounds)]
    if not tagged:
        return Decision("absent", f"No, I didn't hear any {q.sounds[0]}.") if q.form == "yesno" else None
    clip = (min(tagged, key=lambda c: c.start) if q.order == "first"
            else max(tagged, key=lambda c: c.start) if q.order == "last" else tagged[0])
    said = replace(q, kinds=frozenset({"speech"}), terms=())
    # "who was that singing?", "where was that music coming from?": only what was said over it can tell
    # ("That's Priyanka singing"; sealed6's two were answered with the sound alone)
    whose = q.form == "what" and bool(_WHO.search(q.text) or _WHERE.search(q.text))
    if whose:
        clip = next((c for c in tagged if _items(c, said.kinds)), clip)
    text = f"At {clock_label(clip.start)}, I heard {next(s for s in q.sounds if s in clip.sound_tags)}"
    text += f", and {_read(said, clip)}." if whose and _items(clip, said.kinds) else "."
    return Decision("grounded", f"Yes. {text}" if q.form == "yesno" else text, (clip,))


def _now(q: Question, clips: Sequence[Evidence]) -> Decision:
    """"What is on the screen now": memory hands the newest clip first; read it as the present.
    Asked about the screen, the newest text seen wins over the camera's words for the picture."""
    kinds = q.kinds - {"speech"}
    texts = [c for c in clips if "screen" in kinds and any(i.kind in VISUAL for i in _items(c, kinds))]
    newest = next((c for c in texts + list(clips) if _items(c, kinds)), None)
    if newest is None:
        return Decision("absent", "I can't see anything right now." if "speech" not in q.kinds
                        else "I don't have that in memory.")
    items = _relevant(q, newest, present=True)
    said = f"Right now {_join(item.phrase(present=True) for item in items)}."
    if (asked := _SEE_NOW.match(q.text)) is not None:
        # "can you see a dog?": a yes when the present view holds it, else a no, not what is in view
        if q.terms and _holds_enough(q.terms, _token_set(newest)):
            return Decision("grounded", f"Yes. {said}", (newest,))
        thing = " ".join("your" if w.lower() in ("my", "our") else w for w in asked.group(1).split())
        return Decision("absent", f"No, I can't see {thing} right now.")
    return Decision("grounded", said, (newest,))


def _absent(q: Question) -> str:
    subject = q.subject
    if RECORDING in q.kinds:
        return f"{'No, I' if q.form == 'yesno' else 'I'} didn't hear any recorded message."
    if q.form in ("yesno", "count") and subject:
        if "screen" in q.kinds or "camera" in q.kinds:
            return f"No, I didn't see {subject}."
        return f"No, I didn't hear you mention {subject}."
    if subject and "speech" in q.kinds:
        return f"I didn't hear you mention {subject}."
    if subject and ("screen" in q.kinds or "camera" in q.kinds):
        return f"I didn't see {subject}."
    return "I don't have that in memory."


# ---------------------------------------------------------------------------- reading a clip


def _items(clip: Evidence, kinds: frozenset[str] = frozenset()) -> list[Item]:
    """The clip's readable items, only of the asked `kinds` when any are asked (and present)."""
    items = [Item(RECORDING, s.removeprefix(RECORDED_PREFIX), clip) if s.startswith(RECORDED_PREFIX)
             else Item("speech", s, clip)
             for s in clip.speech]
    items += [Item(source if source in ("screen", "camera") else "other", line.strip(), clip)
              for source, text in clip.seen for line in text.split(ITEM_SEPARATOR) if line.strip()]
    items += [Item("sight", text, clip) for text in clip.sights + clip.camera_events]
    items += [Item("sound", tag, clip) for tag in clip.sound_tags if tag != "speech"]
    if not items and clip.text.strip():
        items = [Item("other", clip.text.strip().rstrip("."), clip)]
    if kinds & VISUAL:  # screen and camera are both what was seen
        kinds = kinds | VISUAL | {"sight", "other"}
    if kinds:
        return [item for item in items if item.kind in kinds]
    return items


def _relevant(q: Question, clip: Evidence, present: bool = False) -> list[Item]:
    """The items the question asks about: those holding its content words, else those of the
    asked kind (the last / first one for "just now" / "at first"), else the clip's first items."""
    items = _items(clip, q.kinds) or _items(clip)
    if q.terms:
        scored = [(terms_found(q.terms + q.slots, _item_tokens(item)), i, item)
                  for i, item in enumerate(items)]
        top = max((s for s, _, _ in scored), default=0)
        if top > 0:
            chosen = [i for s, i, _ in scored if s == top]
            labelled = [i for i, item in enumerate(items) if i not in chosen and _label_asked(q, item)]
            chosen = sorted(chosen[:MAX_ITEMS - 1] + labelled[:1]) if labelled else _with_line_below(q, items, chosen)
            return _distinct([_trim(q, items[i]) for i in chosen])[:MAX_ITEMS]
    if q.order == "last" and not present:
        items = items[::-1]
    return _distinct([_trim(q, item) for item in items])[:MAX_ITEMS if not q.order else 1]


def _asked_label(q: Question, item: Item) -> list[str]:
    """The label of a screen line "LABEL: value" (one or two words) when the question says all of it
    ("Owes: Jonno, Tevita" for "how many of them still owe me money?"), else []."""
    wanted = tokens(item.text.split(":", 1)[0]) if item.kind in VISUAL and ":" in item.text else []
    return wanted if len(wanted) <= 2 and set(wanted) <= set(tokens(q.text)) else []


def _label_asked(q: Question, item: Item) -> bool:
    """A screen line whose asked label names no content, the verb the question asks with ("what do I
    need to bring?" reads "BRING: A3 SKETCHBOOK"); a label that is the question's content
    ("TELESCOPE: VIREO 114" for "the serial number on the telescope") is scored as such."""
    wanted = _asked_label(q, item)
    return bool(wanted) and not any(t.isdigit() or t in q.terms for t in wanted)


def _with_line_below(q: Question, items: list[Item], chosen: list[int]) -> list[int]:
    """A heading the question names says nothing new ("BOOK CLUB" for "what's the next book for the
    club?"): the line after it, where a screen puts the value, is read too ("NEXT: THE HOBBIT"). A
    question after a figure ("what was the account number on the bill?", "how much was the rent on
    Weir Street?") gets the line of the heading's block ("ELECTRICITY BILL", "FLAT 3 - WEIR STREET")
    that holds a figure, the one naming what was asked first ("Rent: £990 / month"); a heading's own
    small number ("FLAT 3") is no figure asked for. Of the block, the line naming the question's words
    is read ("40 mph: 36 m" for "what's the stopping distance at 40?"), else its first line."""
    figure = _FIGURE.search(q.text) is not None
    if figure and any(_VALUE.search(items[i].text) for i in chosen):
        return chosen
    if not figure and any(_new_words(q, items[i], _heading(items[i])) > _heading(items[i]) for i in chosen):
        return chosen
    for i in chosen:
        block = [j for j in range(i + 1, min(i + 1 + _BLOCK_LINES, len(items))) if items[j].kind == items[i].kind]
        if figure:
            block = [j for j in block if _DIGIT.search(items[j].text)]
        if block:
            named = [j for j in block if any(term_found(t, _item_tokens(items[j])) for t in q.terms + q.slots)]
            return [*chosen[:MAX_ITEMS - 1], (named or block)[0]]
    return chosen


def _new_words(q: Question, item: Item, heading: bool) -> int:
    """How many words of `item` the question does not say (a heading's number is no word)."""
    return sum(not (heading and t.isdigit()) and not terms_found(q.terms, frozenset({t})) for t in _item_tokens(item))


def _heading(item: Item) -> bool:
    """The first line of what a screen showed: one word of it that the question leaves out ("THEORY
    MOCK TEST 3" for "what did I get on the mock test?") still leaves the value to the lines below."""
    return any(item.text == text.split(ITEM_SEPARATOR, 1)[0].strip() for _, text in item.clip.seen)


def _distinct(items: list[Item]) -> list[Item]:
    """One of each text: two OCR reads of one screen ("DEPARTS 17 45", "DEPARTS 1745") are one item."""
    seen: set[str] = set()
    out = []
    for item in items:
        key = re.sub(r"\W+", "", item.text.lower())
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _read(q: Question, clip: Evidence) -> str:
    return _join(item.phrase() for item in _relevant(q, clip))


def _trim(q: Question, item: Item) -> Item:
    """A long utterance or screen text cut to the sentence (or words) around what was asked."""
    text = item.text
    if len(text.split()) <= MAX_ITEM_WORDS:
        return item
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s]
    wanted = set(q.terms) | set(q.slots)
    hit = [s for s in sentences if wanted & set(tokens(s))]
    if hit and len(" ".join(hit).split()) <= MAX_ITEM_WORDS:
        return replace(item, text=" ".join(hit))
    said = text.split()
    centre = next((i for i, w in enumerate(said) if wanted & set(tokens(w))), 0)
    lo = max(0, centre - MAX_ITEM_WORDS // 3)
    cut = " ".join(said[lo:lo + MAX_ITEM_WORDS])
    return replace(item, text=("… " if lo else "") + cut + (" …" if lo + MAX_ITEM_WORDS < len(said) else ""))


def _join(phrases: Iterable[str]) -> str:
    return ", and ".join(phrases)


def _token_set(clip: Evidence) -> frozenset[str]:
    return frozenset(t for item in _items(clip) for t in _item_tokens(item))


def _item_tokens(item: Item) -> frozenset[str]:
    return frozenset(tokens(item.text))


def terms_found(terms: Sequence[str], have: frozenset[str]) -> int:
    """How many of `terms` occur in `have`, two neighbours also as one word: "moon rise" in
    "Moonrise 21:47", "sand paper" in "sandpaper" (a compound is heard as two words and read as one)."""
    hits = [term_found(term, have) for term in terms]
    for i in range(len(terms) - 1):
        if not (hits[i] and hits[i + 1]) and _glued(terms[i], terms[i + 1], have):
            hits[i] = hits[i + 1] = True
    return sum(hits)


def _glued(first: str, second: str, have: frozenset[str]) -> bool:
    """Two stemmed words as one word of `have`, the first perhaps with its ending ("stop distance" in
    OCR's "STOPPINGDISTANCES"); as spelt otherwise: "count" is no "countryfly"."""
    return any(h.startswith(first) and h.endswith(second) and len(h) >= len(first) + len(second)
               and _ENDING.fullmatch(h[len(first):len(h) - len(second)]) for h in have)


#: what may stand between a compound's stemmed first word and its second: nothing, or an ending
#: ("stop" + "ping" + "distanc")
_ENDING = re.compile(r"(?:([b-df-hj-np-tv-z])?(?:ing|ed|er)|e?s?)")


#: a word's stem → how a screen writes it short ("Ref: HL-3390" for the listing reference: sealed7)
_ABBREVIATION = {stem(word): short for word, short in (
    ("reference", "ref"), ("telephone", "tel"), ("appointment", "appt"), ("quantity", "qty"),
    ("department", "dept"), ("approximately", "approx"), ("account", "acct"))}


def term_found(term: str, have: frozenset[str]) -> bool:
    """Exact; or a long word glued to a neighbour by OCR/ASR ("platform4", "lockered"); or one that
    is spelt another way ("Sophie" / "Sofie"), sounds the same and is about as long ("flower" /
    "FLOUR", not "lemon" / "lamanya") or is one letter off ("humber" / "number") — the question's
    words come through the same ASR as what memory heard."""
    if term in have or _ABBREVIATION.get(term, "") in have:
        return True
    if len(term) < 4 or term.isdigit():
        return False
    key, spelt = _sound_key(term), _respelled(term)
    return any(len(h) >= 4 and not h.isdigit() and (
        # glued: the shorter word is 5 letters or more ("mess" is no "message")
        (h.startswith(term) or term.startswith(h)) and min(len(h), len(term)) >= 5 or _respelled(h) == spelt
        or (len(key) >= 3 and abs(len(h) - len(term)) <= 1 and _sound_key(h) == key)
        or (len(term) >= 5 and _one_edit(term, h))) for h in have)


def _respelled(word: str) -> str:
    """One spelling for letters that sound alike: "sophie" / "sofie", "nick" / "nik"."""
    return word.replace("ph", "f").replace("ck", "k")


def _sound_key(word: str) -> str:
    """Consonants after the first letter, doubled ones once, w/h/y dropped: "flower", "flour" → "flr"."""
    key = word[0]
    for ch in word[1:]:
        if ch not in "aeiouwhy" and ch != key[-1]:
            key += ch
    return key


def _one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _subject(query: str) -> str:
    """The asked-about thing as the user named it, in the assistant's words ("my" → "your")."""
    m = _SUBJECT.search(" ".join(query.replace("?", " ").split()))
    if not m:
        return ""
    subject = _TIME_WORDS.sub("", m.group(1).strip(" .,!"))
    subject = _TIME_WORDS.sub("", subject)
    said = subject.split()
    if not said or not content_terms(subject):
        return ""
    if said[0].lower() == "my":
        plural = said[-1].lower().endswith("s") and not said[-1].lower().endswith("ss")
        head = said[1] if len(said) > 1 else ""
        said = said[1:] if plural else [("an" if head[:1].lower() in "aeiou" else "a"), *said[1:]]
    return " ".join("your" if w.lower() in ("our",) else "you" if w.lower() in ("i", "me") else w for w in said)
