"""Names for the people on camera: a remark that greets or addresses someone by name, said near the
moment a person came in, ties that name to that arrival — a guess, and answers say so.

The naming rule is deliberately narrow (a name only mentioned, "I told Ottilie yesterday", names no
one in the room). A remark names X when it
- greets X: "Hi X", "Hello, X", "Welcome back X", "Good morning X";
- introduces X or says X arrived: "this is X", "this is my brother X", "meet our new lodger X",
  "here's X", "here comes X", "X's here", "X is here", "X has arrived", "X just got here";
- addresses X at its start or end: "X, set your tripod up", "come in, X".
A remark that says X is leaving ("X had to dash off", "bye X", "X's gone home") names the person whose
departure the camera saw near it, when the tracker could tell whose it was (memory/camera.py).
X is a capitalised word the ASR wrote (Whisper capitalises names) that is not a common word that
starts a sentence ("Okay, …", "Right, …"), see `NOT_NAMES`.

The window (`NAMING_WINDOW_S`, ±20 s): people are greeted at the door, before the camera sees them,
or once they are in and settling; the tracker stamps an arrival when the person was first seen and
a transcript with its utterance's start, so both sides are at most a few seconds late. 20 s covers
"hello" at the door to "sit down" inside, and still keeps apart two people who arrive a minute
apart. When two arrivals are in the window, the nearer one is taken; each arrival takes one name.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from memory.camera import Arrival
from memory.records import PersonLink, clock_label

NAMING_WINDOW_S = 20.0

#: capitalised words that open or close a remark without being anyone's name
NOT_NAMES = frozenset("""
i yes yeah yep no nope okay ok so well oh ah uh um hmm right alright all now then look listen
wait sure thanks thank please sorry great good nice cool fine come here there hey hi hello hiya welcome back
morning afternoon evening night today tomorrow yesterday guys everyone everybody folks anyway actually also
and but or first next finally honestly basically seriously again what when where who why how which is are
was were do did does can could would will should let you we they he she it this that these those my
your our their his her its mum mom dad darling honey sweetie love babe buddy mate man dude sir madam
assistant livesight camera computer just see go stop wow perfect excellent careful remember
lovely brilliant awesome exactly cheers true indeed absolutely definitely totally maybe perhaps probably
hold hang quick hurry together everything nothing something anything sweet ugh oops ooh aw eh huh yay phew oi
""".split())

#: a name, with its title if it has one ("Mr Okafor", "Auntie Jo")
_NAME = r"((?:(?:Mr|Mrs|Ms|Miss|Dr|Aunt|Auntie|Uncle)\.? )?[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?)"
_TITLE_DOT = re.compile(r"\b(Mr|Mrs|Ms|Dr)\. ")
_GREETING = re.compile(
    r"\b(?i:hi|hello|hey|hiya|welcome(?: back)?|good (?:morning|afternoon|evening)|morning|evening)[,!]?\s+"
    + _NAME + r"\b")
#: who someone is to the user, between "this is" and the name ("this is my brother Ansel")
_RELATION = (r"(?i:(?:my|our|the) (?:(?:new|little|big|older|younger|best|old) )?"
             r"(?:brother|sister|friend|mate|colleague|cousin|neighbou?r|boss|partner|husband|wife|son|daughter"
             r"|uncle|aunt|auntie|lodger|flatmate|roommate|housemate|boyfriend|girlfriend|nephew|niece|student"
             r"|teacher|tutor|guest|client|coach|trainer|friend from work)\s+)?")
_INTRODUCED = re.compile(r"\b(?i:this is|meet|here's|here is|here comes)\s+" + _RELATION + _NAME + r"\b")
_ARRIVED = re.compile(r"\b" + _NAME + r"(?:'s| is| has)(?: just)? (?i:here|arrived|come in|got here)\b"
                      + r"|\b" + _NAME + r" (?i:just )?(?i:arrived|got here)\b")
#: at the start, perhaps after an opening word ("Okay, Desmond, …"), or at the end ("…, Ottilie.")
_ADDRESSED = re.compile(r"^(?:[A-Z][a-z]+,\s*)?" + _NAME + r"\s*[,!]")
#: says X is going: "bye X", "see you, X", "X had to dash off", "X's gone home", "X just left"
_LEAVING = re.compile(
    r"\b(?i:bye|goodbye|bye-bye|see you(?: later| soon| tomorrow)?|see ya|take care)[,!]?\s+" + _NAME + r"\b"
    + r"|\b" + _NAME + r"(?: (?i:had|has|needed|needs) to| (?i:is|has|'s)| (?i:just))?"
    r" (?i:dash(?:ed)?|leav(?:e|ing)|left|go(?:ne|ing)?|went|head(?:ed|ing)?|run|ran|rush(?:ed)?|shoot|off)"
    r"(?: (?i:off|out|home|now|early))?\b")
#: a word before a noun that makes it a thing, not a name ("the sweet wrapper")
_DETERMINER = re.compile(r"\b(?:the|an?|my|our|his|her|its|your|their|this|that|some|any)\s+$", re.IGNORECASE)
_ADDRESSED_LAST = re.compile(r",\s*" + _NAME + r"\s*[.!?]*$")


def names_addressed(remark: str) -> tuple[str, ...]:
    """The names `remark` greets, introduces or addresses (see the module's rule), in order."""
    return _names(remark, (_GREETING, _INTRODUCED, _ARRIVED, _ADDRESSED, _ADDRESSED_LAST))


def names_leaving(remark: str) -> tuple[str, ...]:
    """The names `remark` says are going ("Marisol had to dash off"), in order."""
    return _names(remark, (_LEAVING,))


def _names(remark: str, patterns: Sequence[re.Pattern[str]]) -> tuple[str, ...]:
    found = [name for pattern in patterns for m in pattern.finditer(remark.strip()) for name in m.groups() if name]
    return tuple(dict.fromkeys(_TITLE_DOT.sub(r"\1 ", name) for name in found if name.lower() not in NOT_NAMES))


def names_in(text: str, known: Sequence[str]) -> list[str]:
    """The `known` names `text` mentions: capitalised as the ASR writes names, or in lower case when no
    article or possessive stands before it (Whisper writes "the new guy rupert" in a run-on question,
    but "the sweet wrapper" is not Sweet)."""
    text = _TITLE_DOT.sub(r"\1 ", text)  # "Dr. Patel" is "Dr Patel"
    return [name for name in known if re.search(rf"\b{re.escape(name)}\b", text)
            or any(not _DETERMINER.search(text[:m.start()])
                   for m in re.finditer(rf"\b{re.escape(name)}\b", text, re.IGNORECASE))]


def capitalised_names(text: str) -> list[str]:
    """Capitalised words of `text` that may be someone's name: not a common word, and not a sentence's
    first word (capitalised anyway: "Roughly when …") unless it is addressed ("Ottilie, …")."""
    return [m[1] for m in re.finditer(_NAME + r"(,?)", text) if m[1].lower() not in NOT_NAMES
            and (m[2] or not re.search(r"(?:^|[.!?])\s*$", text[:m.start()]))]


@dataclass(frozen=True)
class Naming:
    """A remark that named someone (stream time of the remark); `leaving` when it said they were going."""

    t: float
    name: str
    said: str
    leaving: bool = False


def namings(t: float, remark: str) -> list[Naming]:
    """The namings of one remark of the user's, said at stream time `t`."""
    return [Naming(t, name, remark) for name in names_addressed(remark)] + \
        [Naming(t, name, remark, leaving=True) for name in names_leaving(remark)]


def link(namings: Sequence[Naming], arrivals: Sequence[Arrival],
         window: float = NAMING_WINDOW_S) -> dict[str, tuple[Naming, Arrival | None]]:
    """Each named person's naming that tied them to an arrival, and that arrival; or their first
    naming and None when no one came in within `window` of any. Namings are taken in time order,
    each arrival at most once; a leaving naming ties to the arrival whose departure is within `window`."""
    taken: set[int] = set()
    out: dict[str, tuple[Naming, Arrival | None]] = {}
    for naming in sorted(namings, key=lambda n: n.t):
        if naming.name in out and out[naming.name][1] is not None:
            continue
        near = [(abs(t - naming.t), i) for i, a in enumerate(arrivals)
                if i not in taken and (t := _moment(a, naming)) is not None and abs(t - naming.t) <= window]
        if near:
            i = min(near)[1]
            taken.add(i)
            out[naming.name] = (naming, arrivals[i])
        else:
            out.setdefault(naming.name, (naming, None))
    return out


def _moment(arrival: Arrival, naming: Naming) -> float | None:
    """When `arrival` happened as `naming` speaks of it: the coming in, or for a leaving naming the
    departure (None when it is not known to be theirs)."""
    if not naming.leaving:
        return arrival.t
    return arrival.left[0] if arrival.left is not None else None


def person_link(naming: Naming, arrival: Arrival | None, anyone_arrived: bool, in_view: str | None) -> PersonLink:
    """What memory holds about a named person, for the answer policy."""
    person = PersonLink(naming.name, naming.t, naming.said, anyone_arrived=anyone_arrived, in_view=in_view)
    if arrival is None:
        return person
    left_at, leaving = arrival.left if arrival.left is not None else (None, "")
    return dataclasses.replace(person, arrived_at=arrival.t, arrival=arrival.words, shirt=arrival.shirt,
                               left_at=left_at, leaving=leaving)


def link_words(person: PersonLink) -> str:
    """The link as a line of memory for a model's prompt, hedged as it is a guess."""
    named = f'{person.name} was named at {clock_label(person.named_at)} ("{person.said}")'
    if person.arrived_at is None:
        return f"{named}; no one came in on camera near then."
    text = f"{named}; I think {person.name} is who came in at {clock_label(person.arrived_at)}: {person.arrival}"
    if person.left_at is not None:
        text += f"; {person.leaving} at {clock_label(person.left_at)}"
    return text + "."
