"""Camera questions, answered from what the camera saw: when something appeared or left, when it
was last seen, how many people, what was held, what colour, what is in view now.

Part of the answer policy (reasoning/grounding.py calls `camera_answer` before its generic forms):
the same rule holds — only what the clips' sights and appear / leave events say, with their
times, and a plain "no" when memory holds nothing. None means "not a camera question this module
can answer better", and the generic policy goes on.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from memory.camera import asked_labels, counted, number
from memory.people import capitalised_names, names_in
from memory.records import Evidence, PersonLink, clock_label, clock_seconds

if TYPE_CHECKING:
    from reasoning.grounding import Question

_APPEAR = re.compile(
    r"\b(?:appear(?:ed)?|c[oa]me (?:in|back|into)|arriv(?:e|ed)|show(?:ed)? up|turn(?:ed)? up|pop(?:ped)? in"
    r"|enter(?:ed)?|walk(?:ed)? in"
    r"|first (?:see|saw|seen|notice|noticed))\b", re.IGNORECASE)
_PICK_UP = re.compile(r"\b(?:pick(?:ed)? up|grab(?:bed)?|start(?:ed)? holding|took|take)\b", re.IGNORECASE)
_LEAVE = re.compile(
    r"\b(?:leave|left|go away|went away|disappear(?:ed)?|walk(?:ed)? out|exit(?:ed)?|put (?:down|away)|drop(?:ped)?"
    r"|stop(?:ped)? holding)\b", re.IGNORECASE)
_LAST_SEEN = re.compile(r"\blast (?:see|saw|seen|spot(?:ted)?|notice(?:d)?)\b|\bseen last\b", re.IGNORECASE)
_HOLD = re.compile(r"\b(?:hold(?:ing)?|held|carry(?:ing)?|carried|in (?:my|your|his|her|their) hands?)\b", re.IGNORECASE)
_COLOUR = re.compile(r"\b(?:colou?rs?|wearing|wore)\b", re.IGNORECASE)
#: "was anyone folding something?": a doing the detector cannot see (not holding, wearing, coming or going);
#: "yes, two people" would confirm it (dev, once "What anyone folding …" was heard as a question)
_PERSON_DOING = re.compile(r"\b(?:anyone|anybody|someone|somebody|people|he|she|they)\s+(\w+ing)\b", re.IGNORECASE)
_SEEN_DOING = frozenset({"holding", "carrying", "wearing", "standing", "sitting", "coming", "going", "leaving",
                         "arriving", "waiting", "hanging", "being"})
#: "what's the most people that were here at once": a count, though not "how many"
_MOST = re.compile(r"\b(?:most|at once|at the same time|at one time)\b", re.IGNORECASE)
_OTHERS = re.compile(r"\b(?:else|other|another|second|besides|apart from me)\b", re.IGNORECASE)
_EVENT = re.compile(r"^(?P<text>.+) at (?P<clock>(?:\d+:)?\d{2}:\d{2})$")
_PEOPLE = re.compile(r"^(?:a person|(?P<n>\w+) people)\b")
_HELD = re.compile(r"\bholding (?P<thing>.+?)(?:;|$|, (?:another|a |an |\w+ \w+s\b))")
_SHIRT = re.compile(r"\bshirts? (?P<colour>[^;]+)")
_SCENE = re.compile(r"\bcolours (?P<colour>[^;]+)")
#: which arrival a question means: "the other guy" / "another person" is the second one
_ORDINALS = {"first": "", "second": "second", "other": "second", "another": "second", "third": "third",
             "fourth": "fourth", "fifth": "fifth"}
#: a particular person ("my neighbour", "the sitter"): the camera counts people but cannot tell who is who
_SOMEONE = re.compile(r"\b(?:friend|neighbou?r|(?:baby)?sitter|guest|stranger|flatmate|roommate|housemate|visitor"
                      r"|man|woman|guy|girl|boy|lady|gentleman|kid|child)\b", re.IGNORECASE)
#: a named person's arrival ("when did Ottilie get here?") and presence ("is she still here?")
_ARRIVE = re.compile(r"\b(?:g[eo]t(?:ten)? (?:here|in)|c[oa]me (?:over|round|by))\b", re.IGNORECASE)
#: what they wore ("what colour was Ottilie wearing?", "… Desmond's jumper?")
_WORN = re.compile(r"\b(?:wear(?:ing)?|wore|dressed|colou?r|shirt|top|jumper|sweater|jacket|hoodie|clothes|outfit)\b",
                   re.IGNORECASE)
#: that they left ("when did Ottilie leave?", "… head off?"), not what they left ("… leave her keys?")
_GONE = re.compile(r"\b(?:leave|left|head(?:ed)? (?:off|out|home)|go(?:ne)? home|went home|walk(?:ed)? out)\b"
                   r"(?=\s*(?:[?.!,]|$|the (?:room|house|flat|office|studio|building)\b"
                   r"|(?:again|yet|already|early|at|when)\b))",
                   re.IGNORECASE)
_STILL = re.compile(r"\b(?:still (?:here|there|around|in)|(?:here|there|around) (?:right )?now|gone)\b"
                    r"|^(?:and )?(?:is|are)\b[^?]*\b(?:here|there|around)\b", re.IGNORECASE)
#: someone doing something with a thing ("was somebody folding a cup?"): an action, which a detector does not see
_SOMEONE_DOING = re.compile(r"\b(?:somebody|someone|anybody|anyone|he|she|they)\s+(?!(?:seeing|wearing)\b)(\w+ing)\b",
                            re.IGNORECASE)
#: "she" in a follow-up is the person the question before named
_PRONOUN = re.compile(r"\b(?:she|he|they|her|him|them)\b", re.IGNORECASE)
_NUMBERS = {w: i for i, w in enumerate(("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"))}


@dataclass(frozen=True)
class CameraAnswer:
    verdict: str  # "grounded" or "absent", as in grounding.Decision
    text: str
    cited: tuple[Evidence, ...] = ()


def camera_answer(q: Question, clips: Sequence[Evidence]) -> CameraAnswer | None:
    """The answer to a camera question from the retrieved `clips` (best first), or None.

    A camera "no" needs a question about seeing: "did I get a phone message?" names a detector
    class ("cell phone") but asks about words, so a missing phone in view proves nothing and the
    generic policy answers (from speech and screen, or "I don't have that in memory")."""
    named = _named(q, clips)
    if named is not None:
        return named
    # "… now?": memory hands the present view first, as the clip "now"
    now = q.form == "now" or bool(clips and clips[0].clip_id == "now" and q.form == "count")
    answer = _camera_answer(q, clips, now)
    if answer is not None and answer.verdict == "absent" and "camera" not in q.kinds and not now:
        return None
    return answer


def _camera_answer(q: Question, clips: Sequence[Evidence], now: bool) -> CameraAnswer | None:
    if "speech" in q.kinds and "camera" not in q.kinds:
        return None  # "did I mention a cat?" is about words
    text = q.text
    labels = asked_labels(text)
    if now:
        clips = [c for c in clips[:1] if c.clip_id == "now"]
        if not clips:
            return None
    seen = [c for c in clips if c.sights or c.camera_events]
    # "was somebody holding a cup": the thing named is what is asked about, not the somebody
    labels = tuple(sorted(_seen_first(labels, seen), key=lambda label: label == "person"))
    asks_when = bool(_APPEAR.search(text) or _LEAVE.search(text)) or text.lower().startswith("when")
    if (_HOLD.search(text) or _PICK_UP.search(text) and not labels) and not asks_when:
        return _held(q, seen, [label for label in labels if label != "person"], now)
    if labels == ("person",) and (doing := _PERSON_DOING.search(text)) and doing.group(1).lower() not in _SEEN_DOING:
        return None
    if labels == ("person",) and (q.form in ("count", "yesno") or now or _MOST.search(text)):
        return _people(q, seen, now)
    if q.form == "count" and "person" in labels[1:] and not now and (_APPEAR.search(text) or _LEAVE.search(text)):
        return _people_when(q, seen, labels[0])
    if _COLOUR.search(text):
        # the detector names no object's colour ("what colour is the motorbike?" is not the shirt's):
        # the generic policy reads what the camera saw then, scene colours included
        return None if any(label != "person" for label in labels) else _colour(q, seen, now)
    if not labels:
        return None
    if not now and (_APPEAR.search(text) or _PICK_UP.search(text) or _LEAVE.search(text)):
        found = _event(q, seen, labels[0])
        if found is not None:
            return found
    if not now and _LAST_SEEN.search(text):
        return _last_seen(seen, labels[0])
    if q.form in ("yesno", "now") or "camera" in q.kinds:
        return _presence(q, seen, labels[0], now)
    return None


def _mentions(sight: str, label: str) -> bool:
    if label == "person":
        return bool(_PEOPLE.match(sight))
    return re.search(rf"\b{re.escape(label)}(?:e?s)?\b", sight) is not None


def _ordered(q: Question, clips: list[Evidence]) -> list[Evidence]:
    """Latest first for "last" questions, else earliest first: "what was I holding?" names the
    first time it was seen."""
    if q.order == "last":
        return sorted(clips, key=lambda c: -c.end)
    return sorted(clips, key=lambda c: c.start)


def _event(q: Question, clips: list[Evidence], label: str) -> CameraAnswer | None:
    """"When did the cat appear / leave?", "when did I pick up my phone?": the event itself."""
    leaving = bool(_LEAVE.search(q.text))
    kinds = ("left", "put down") if leaving else ("started holding",) if _PICK_UP.search(q.text) else ("appeared", "came in")
    ordinal = _ordinal(q.text)
    events = []
    for clip in clips:
        for event in clip.camera_events:
            m = _EVENT.match(event)
            if m and any(k in m["text"] for k in kinds) and _mentions_event(m["text"], label) and (
                    ordinal is None or (ordinal in m["text"] if ordinal else not _ordinal(m["text"]))):
                events.append((clock_seconds(m["clock"]), m["text"], clip))
    if not events:
        return None
    events.sort(key=lambda e: e[0])
    if label == "person" and ordinal is None and q.order is None and len(events) > 1 and _SOMEONE.search(q.text):
        # "when did my neighbour turn up": which arrival was the neighbour is not in memory; all are
        listed = "; ".join(f"at {clock_label(t)}, {what}" for t, what, _ in events[:3])
        return CameraAnswer("grounded", f"I can't tell who is who, but {listed}.",
                            tuple(dict.fromkeys(clip for _, _, clip in events[:3])))
    t, what, clip = events[-1] if (q.order == "last" or leaving and q.order != "first") else events[0]
    return CameraAnswer("grounded", f"At {clock_label(t)}: {what}.", (clip,))


def _ordinal(text: str) -> str | None:
    """The arrival a text names: "" for the first, "second", "third", …; None when it names none."""
    found = re.search(r"\b(" + "|".join(_ORDINALS) + r")\b", text, re.IGNORECASE)
    return _ORDINALS[found.group(1).lower()] if found else None


def _seen_first(labels: tuple[str, ...], clips: Sequence[Evidence]) -> tuple[str, ...]:
    """A word for two classes ("bike") means the one the camera actually saw."""
    said = " ".join(s for c in clips for s in (*c.sights, *c.camera_events))
    return tuple(sorted(labels, key=lambda label: not _mentions(said, label) and not _mentions_event(said, label)))


def _mentions_event(text: str, label: str) -> bool:
    if label == "person":
        return re.search(r"\b(?:person|people|everyone)\b", text) is not None
    return re.search(rf"\b{re.escape(label)}(?:e?s)?\b", text) is not None


def _last_seen(clips: list[Evidence], label: str) -> CameraAnswer:
    with_it = [c for c in clips if any(_mentions(s, label) for s in c.sights)]
    if not with_it:
        return CameraAnswer("absent", f"I didn't see {counted(label, 1)}.")
    clip = max(with_it, key=lambda c: c.end)
    left = [clock_seconds(m["clock"]) for e in clip.camera_events if (m := _EVENT.match(e))
            and "left" in m["text"] and _mentions_event(m["text"], label)]
    return CameraAnswer("grounded", f"I last saw {counted(label, 1)} at {clock_label(max(left, default=clip.end))}.",
                        (clip,))


def _people_in(sight: str) -> int:
    m = _PEOPLE.match(sight)
    if not m:
        return 0
    return 1 if m["n"] is None else _NUMBERS.get(m["n"], int(m["n"]) if m["n"].isdigit() else 0)


def _people(q: Question, clips: list[Evidence], now: bool) -> CameraAnswer:
    """"How many people …?", "was anyone else here?": the most people seen at once, and when."""
    counts = [(max((_people_in(s) for s in c.sights), default=0), c) for c in clips]
    most, clip = max(counts, key=lambda x: (x[0], -x[1].start), default=(0, None))
    others = bool(_OTHERS.search(q.text))
    when = "Right now" if now else f"At {clock_label(clip.start)}" if clip is not None else ""
    seen_text = f"{when}, the camera {'sees' if now else 'saw'} {counted('person', most)}" if most else ""
    if q.form == "count" or _MOST.search(q.text):
        if not most:
            return CameraAnswer("absent", "I can't see anyone right now." if now else "I didn't see anyone.")
        return CameraAnswer("grounded", f"{number(most).capitalize()}. {seen_text}.", (clip,))
    wanted = 2 if others else 1
    if most >= wanted:
        return CameraAnswer("grounded", f"Yes. {seen_text}.", (clip,))
    if most == 1:
        return CameraAnswer("grounded", f"No, {'I only see' if now else 'I only saw'} one person.", (clip,))
    return CameraAnswer("absent", "No, I can't see anyone right now." if now else "No, I didn't see anyone.")


def _people_when(q: Question, clips: list[Evidence], label: str) -> CameraAnswer | None:
    """"How many people were there when the cat came in?": the people in view at that moment."""
    found = _event(q, clips, label)
    if found is None or len(found.cited) != 1:
        return None
    clip = found.cited[0]
    most = max((_people_in(s) for s in clip.sights), default=0)
    moment = found.text.removesuffix(".").replace(": ", ", when ", 1)  # "At 01:48, when a cat appeared"
    if not most:
        return CameraAnswer("grounded", f"None. {moment}, I didn't see anyone.", (clip,))
    return CameraAnswer("grounded", f"{number(most).capitalize()}. {moment}, the camera saw {counted('person', most)}.",
                        (clip,))


def _held(q: Question, clips: list[Evidence], labels: Sequence[str], now: bool) -> CameraAnswer:
    """"What was I holding?", "am I holding my phone?"."""
    held = []
    for clip in _ordered(q, clips):
        for sight in clip.sights:
            m = _HELD.search(sight)
            if m and (not labels or any(_mentions(m["thing"], label) for label in labels)):
                held.append((m["thing"].strip(), clip))
    if not held:
        thing = counted(labels[0], 1) if labels else "anything"
        if now:
            return CameraAnswer("absent", f"No, I don't see anyone holding {thing} right now.")
        return CameraAnswer("absent", f"{'No, I' if q.form == 'yesno' else 'I'} didn't see anyone holding {thing}.")
    thing, clip = held[0]
    yes = "Yes. " if q.form == "yesno" else ""
    if now:
        return CameraAnswer("grounded", f"{yes}Right now, someone is holding {thing}.", (clip,))
    return CameraAnswer("grounded", f"{yes}At {clock_label(clip.start)}, someone was holding {thing}.", (clip,))


def _colour(q: Question, clips: list[Evidence], now: bool) -> CameraAnswer:
    """"What colour was my shirt?" (a person's torso), else the main colours in view."""
    pattern = _SCENE if re.search(r"\b(?:room|wall|background|scene|everything)\b", q.text, re.IGNORECASE) else _SHIRT
    ordinal = _ordinal(q.text) if pattern is _SHIRT and not now else None
    if ordinal is not None:  # "what was the second person wearing": what the arrival wore
        for clip in sorted(clips, key=lambda c: c.start):
            for event in clip.camera_events:
                m = _EVENT.match(event)
                worn = re.search(r"\bcame in, wearing (?P<colour>.+)$", m["text"]) if m else None
                if worn and (ordinal in m["text"] if ordinal else _ordinal(m["text"]) is None):
                    return CameraAnswer("grounded", f"At {m['clock']}, {m['text']}.", (clip,))
    for clip in _ordered(q, clips):
        for sight in clip.sights:
            m = pattern.search(sight)
            if m:
                colour = m["colour"].strip()
                what = "the main colours" if pattern is _SCENE else "the shirt" if "," not in colour else "the shirts"
                verb = ("are" if now else "were") if what != "the shirt" else ("is" if now else "was")
                when = "Right now" if now else f"At {clock_label(clip.start)}"
                return CameraAnswer("grounded", f"{when}, {what} {verb} {colour}.", (clip,))
    return CameraAnswer("absent", "I can't make out that colour right now." if now else "I didn't see that colour.")


def _presence(q: Question, clips: list[Evidence], label: str, now: bool) -> CameraAnswer:
    """"Did you see a horse?", "is there a laptop on my desk right now?"."""
    with_it = [c for c in _ordered(q, clips) if any(_mentions(s, label) for s in c.sights)]
    if not with_it:
        if now:
            return CameraAnswer("absent", f"No, I don't see {counted(label, 1)} right now.", tuple(clips[:1]))
        return CameraAnswer("absent", f"No, I didn't see {counted(label, 1)}.")
    clip = with_it[0]
    sight = next(s for s in clip.sights if _mentions(s, label))
    if q.form == "yesno" and (doing := _SOMEONE_DOING.search(q.text)) and label != "person":
        # "was somebody folding the cup?": the camera tells what is there, not what anyone did with it
        return CameraAnswer("hedged", f"I saw {counted(label, 1)} at {clock_label(clip.start)}, but I can't tell "
                                      f"whether anyone was {doing.group(1).lower()} it.", (clip,))
    yes = "Yes. " if q.form in ("yesno", "now") else ""
    if now:
        return CameraAnswer("grounded", f"{yes}Right now the camera sees {sight}.", (clip,))
    return CameraAnswer("grounded", f"{yes}At {clock_label(clip.start)}, the camera saw {sight}.", (clip,))


def about_named(question: str, history: Sequence[tuple[str, float, str]]) -> str:
    """A follow-up ("and what colour was she wearing?") right after a question about a named person
    ("when did Ottilie get here?"), with the pronoun replaced by the name; else `question` as is.

    `history` is the talk as (speaker, time, text), oldest first, ending with `question` itself."""
    if not _PRONOUN.search(question) or capitalised_names(question):
        return question
    before = [text for speaker, _, text in history[:-1] if speaker == "user"]
    names = capitalised_names(before[-1]) if before else []
    if len(names) != 1 or _person_question(before[-1]) is None:
        return question
    return _PRONOUN.sub(names[0], question, count=1)


def _person_question(text: str) -> str | None:
    """What a question asks about a person: "arrived", "worn", "here", "left" — or None ("when did
    Sarah send the invoice?", "where did Sarah leave her keys?" are not about their coming and going,
    nor is anything that names a thing the camera detects)."""
    if any(label != "person" for label in asked_labels(text)):
        return None
    for asks, pattern in (("worn", _WORN), ("here", _STILL), ("left", _GONE), ("left", _LAST_SEEN),
                          ("arrived", _ARRIVE), ("arrived", _APPEAR)):
        if pattern.search(text):
            return asks
    return None


def _named(q: Question, clips: Sequence[Evidence]) -> CameraAnswer | None:
    """A question about a person the user named ("what was Desmond wearing?"), from the arrival memory
    tied to the name — a guess, and said as one; None when no named person is asked about."""
    if "speech" in q.kinds and "camera" not in q.kinds:
        return None  # "what did Ottilie say?" is about words
    asked = [c for c in clips if c.person is not None and names_in(q.text, [c.person.name])]
    asks = _person_question(q.text)
    if not asked or asks is None:
        return None
    if asks == "arrived" and q.order is not None and len(asked) > 1:  # "who got here first, Marisol or Rupert?"
        return _who_came(asked, q.order)
    clip = asked[0]
    p = clip.person
    if p.arrived_at is None:  # no arrival to read: when they came and what they wore are not known
        if asks not in ("arrived", "worn"):
            return None
        if not p.anyone_arrived:
            return CameraAnswer("absent", "I didn't see anyone arrive.")
        return CameraAnswer("absent", f"I can't tell which person {p.name} is: no one came in on camera near "
                                      f"{clock_label(p.named_at)}, when you said \"{p.said}\".")
    came = f"at {clock_label(p.arrived_at)}, {p.arrival}"
    went = f"; at {clock_label(p.left_at)}, {p.leaving}" if p.left_at is not None else ""
    guess = f"I think that was {p.name}: {came}{went}."
    if asks == "worn" and not p.shirt:
        return CameraAnswer("hedged", f"I think that was {p.name}: {came}, but I couldn't tell what {p.name} wore.",
                            (clip,))
    if asks == "here":
        return CameraAnswer("hedged", _still_here(p, guess), (clip,))
    if asks == "left" and p.left_at is None:
        return CameraAnswer("hedged", f"I didn't see {p.name} leave. {guess}", (clip,))
    return CameraAnswer("hedged", guess, (clip,))


def _who_came(asked: Sequence[Evidence], order: str) -> CameraAnswer | None:
    """Which of the named people came in first (last), by the arrivals tied to their names; None
    unless every one of them is tied to an arrival."""
    people = [c.person for c in asked if c.person is not None and c.person.arrived_at is not None]
    if len(people) < len(asked):
        return None
    people.sort(key=lambda p: p.arrived_at or 0.0, reverse=order == "last")
    one, *others = people
    rest = "; ".join(f"{p.name} at {clock_label(p.arrived_at or 0.0)}" for p in others)
    return CameraAnswer("hedged", f"I think {one.name} came in {order}: at {clock_label(one.arrived_at or 0.0)}, "
                                  f"{one.arrival}; {rest}.", tuple(asked))


def _still_here(p: PersonLink, guess: str) -> str:
    """Whether a named person is still here, by the newest view: anyone wearing their colour in it."""
    if p.in_view is None:
        return f"I can't see the room right now. {guess}"
    if not _people_in(p.in_view):
        return f"No, I can't see anyone right now. {guess}"
    shirts = m["colour"].split(", ") if (m := _SHIRT.search(p.in_view)) else []
    if p.shirt and p.shirt in shirts:
        return f"I think so: right now the camera sees {p.in_view}. {guess}"
    if p.shirt:
        return f"I don't think so: right now no one in view is wearing {p.shirt}. {guess}"
    if p.left_at is not None:
        return f"I don't think so. {guess}"
    return f"Maybe: I didn't see {p.name} leave, and right now the camera sees {p.in_view}. {guess}"
