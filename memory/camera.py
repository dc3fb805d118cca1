"""What the camera saw, in words: one description per view, and appear / leave events over time.

A view becomes "two people, one holding a cup; a laptop; shirts orange, black". Events come from
the counts of each label held long enough to be believed (a detection that flickers for one
frame is no visitor): "a cell phone appeared", "a second person came in", "the cat left".
Views the camera perception could not read (black, frozen, unavailable, …) change nothing.
"""
from __future__ import annotations

import collections
import re
from dataclasses import dataclass, field

from perception.coco import COCO_LABELS, SPOKEN
from perception.events import CameraView

_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_ORDINALS = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
#: view qualities whose content is real (the others carry nothing)
READABLE = ("", "dark")


_LABEL_WORDS = re.compile(
    r"\b(" + "|".join(sorted({re.escape(w) for w in (*filter(None, COCO_LABELS), *SPOKEN)}, key=len, reverse=True))
    + r")(?:e?s)?\b",
    re.IGNORECASE,
)


def asked_labels(question: str) -> tuple[str, ...]:
    """The detector classes a question names, in order ("my phone" → "cell phone", "anyone" → "person")."""
    found = (m.group(1).lower() for m in _LABEL_WORDS.finditer(question))
    named = (SPOKEN.get(word, word) for word in found)
    return tuple(dict.fromkeys(label for name in named for label in ((name,) if isinstance(name, str) else name)))


def number(n: int) -> str:
    return _NUMBERS[n] if n < len(_NUMBERS) else str(n)


def ordinal(n: int) -> str:
    return _ORDINALS[n] if n < len(_ORDINALS) else f"{n}th"


def plural(label: str) -> str:
    if label == "person":
        return "people"
    if label.endswith(("s", "sh", "ch")):
        return label + "es"
    return label + "s"


def counted(label: str, n: int) -> str:
    """"a cup", "two cups"."""
    if n == 1:
        return ("an " if label[0] in "aeiou" else "a ") + label
    return f"{number(n)} {plural(label)}"


def list_words(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def describe(view: CameraView) -> str:
    """The view in words, "" when nothing was (or could be) seen."""
    if view.quality not in READABLE:
        return ""
    parts = []
    held = view.held
    if view.people:
        holding = [p for p in view.people if p.holding]
        who = counted("person", len(view.people))
        if len(view.people) == 1 and holding:
            who += " holding " + list_words([counted(h, 1) for h in holding[0].holding])
        elif holding:
            who += ", " + "; ".join(
                f"{'one' if i == 0 else 'another'} holding {list_words([counted(h, 1) for h in p.holding])}"
                for i, p in enumerate(holding)
            )
        parts.append(who)
    objects = collections.Counter(o.label for o in view.objects)
    for label in held:  # a held object is said with its holder
        objects[label] -= 1
    parts += [counted(label, n) for label, n in objects.items() if n > 0]
    described = ", ".join(parts)
    shirts = [p.shirt for p in view.people if p.shirt]
    if shirts:
        described += ("; shirt " if len(shirts) == 1 else "; shirts ") + ", ".join(shirts)
    if view.colours:
        described += ("; " if described else "") + "colours " + ", ".join(view.colours)
    return described


def now_words(words: str, quality: str) -> str:
    """The newest view for a "now" answer: what is seen, or honestly that nothing can be made out."""
    if quality.startswith("unavailable"):
        return "nothing: my object detector is not working"
    if quality:
        return f"nothing I can make out (the picture is {quality})"
    return words or "nothing I can name"


@dataclass
class Arrival:
    """One person the camera saw come in: when (stream time), the event in words, their shirt when
    it can be told (one newcomer at a time), and the departure that was theirs.

    A departure is theirs when everyone left, or when the colour that went missing was only theirs;
    otherwise who left cannot be told and `left` stays None."""

    t: float
    words: str
    shirt: str = ""
    left: tuple[float, str] | None = None


@dataclass
class _Pending:
    count: int
    since: float


@dataclass
class CameraTracker:
    """Turns a stream of views into appear / leave events (stream time, text).

    A new count of a label must hold for `appear_s` to count as an arrival and for `leave_s`
    as a departure (leaving is judged more slowly: a detector misses a present object more
    often than it invents an absent one). Events are stamped with the time the change was
    first seen.
    """

    appear_s: float = 1.0
    leave_s: float = 3.0
    counts: dict[str, int] = field(default_factory=dict)
    _pending: dict[str, _Pending] = field(default_factory=dict)
    #: the shirts of the people in view as last confirmed, to tell what a newcomer wears
    _shirts: collections.Counter[str] = field(default_factory=collections.Counter)
    #: every person who came in, in order (names are tied to these: memory/people.py)
    arrivals: list[Arrival] = field(default_factory=list)

    def update(self, t: float, view: CameraView) -> list[tuple[float, str]]:
        if view.quality not in READABLE:
            return []
        seen = collections.Counter(o.label for o in view.objects)
        seen["person"] = len(view.people)
        seen.update(f"holding {label}" for label in view.held)
        events = []
        for label in set(seen) | set(self.counts) | set(self._pending):
            now, before = seen.get(label, 0), self.counts.get(label, 0)
            if now == before:
                self._pending.pop(label, None)
                continue
            pending = self._pending.get(label)
            if pending is None or pending.count != now:
                pending = self._pending[label] = _Pending(now, t)
            if t - pending.since >= (self.appear_s if now > before else self.leave_s):
                words = change_words(label, before, now)
                if label == "person":
                    shirts = collections.Counter(p.shirt for p in view.people if p.shirt)
                    new = list((shirts - self._shirts).elements())
                    if now > before:
                        if len(new) == now - before:  # "a second person came in, wearing orange"
                            words += ", wearing " + " and ".join(new)
                        shirt = new[0] if now - before == 1 and len(new) == 1 else ""
                        self.arrivals += [Arrival(pending.since, words, shirt) for _ in range(now - before)]
                    else:
                        missing = list((self._shirts - shirts).elements())
                        self._departed(pending.since, words, before - now, now, missing)
                    self._shirts = shirts
                events.append((pending.since, words))
                self.counts[label] = now
                del self._pending[label]
        return sorted(events)

    def _departed(self, t: float, words: str, gone_n: int, now: int, colours: list[str]) -> None:
        """Marks whose departure this was, when it can be told (see `Arrival`)."""
        present = [a for a in self.arrivals if a.left is None]
        if now == 0:
            gone = present
        else:
            gone = [match[0] for colour in colours if len(match := [a for a in present if a.shirt == colour]) == 1]
            if len(gone) != gone_n:
                gone = []  # some who left wore no colour that was only theirs
        for arrival in gone:
            arrival.left = (t, words)


def change_words(label: str, before: int, now: int) -> str:
    """"a second person came in", "the cup left view", "started holding a cell phone"."""
    if label.startswith("holding "):
        thing = label.removeprefix("holding ")
        return f"someone started holding {counted(thing, 1)}" if now > before else f"someone put down the {thing}"
    if label == "person":
        if now > before:
            if now - before == 1:
                return "a person came in" if before == 0 else f"a {ordinal(now)} person came in"
            return f"{number(now - before)} people came in"
        if now == 0:
            return "the person left" if before == 1 else "everyone left"
        return f"{counted('person', before - now)} left, {number(now)} {'person' if now == 1 else 'people'} still in view"
    if now > before:
        if before == 0:
            return f"{counted(label, now)} appeared"
        if now - before == 1:
            return f"a {ordinal(now)} {label} appeared"
        return f"{number(now - before)} more {plural(label)} appeared"
    if now == 0:
        return f"the {label if before == 1 else plural(label)} left view"
    return f"{counted(label, before - now)} left view"
