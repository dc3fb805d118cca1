"""Numbers in what Whisper wrote, read the same from words and digits, and marking the ones it was unsure of.

Memory quotes remarks back; a number Whisper misheard is quoted as a fact ("I lifted 6 to kilo" for
sixty kilos). The memory pass's beam keeps other readings of the same words; where one of them
lacks a number of the first reading, that number is unsure. On the 272 espeak-ng remarks of the
memory-QA splits this flagged 5 of the 8 numbers Whisper wrote that were never said, and 4 of the 60
it wrote right (`python -m benchmarks.unsure_numbers`, benchmarks/README.md). Memory keeps an unsure
number marked ("I lifted [6?] to kilo"); an answer withholds it ("… but the number was unclear").
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

#: an unsure number, as memory keeps it: "[6?]", "[sixty two?]"; or what is left of one where an
#: answer cut the remark short ("… [sixty", "two?] kilos …")
_UNSURE = re.compile(r"\[[^\[\]?]+\?\]|\[[^\[\]?]*$|^[^\[\]]*\?\]")
#: said in its place
WITHHELD = "…"

_UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine".split())}
_TEENS = {w: i + 10 for i, w in enumerate(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
_DECADES = {w[:-1] + "ies": v for w, v in _TENS.items()}  # "the eighties"
_ORDINALS = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(), 1) if w not in ("first", "second")}
_MONEY = {"pound", "pounds", "euro", "euros", "dollar", "dollars"}
_TOKEN = re.compile(r"\d+(?:[,.:]\d+)*|[a-z]+")


@dataclass(frozen=True)
class Number:
    """A number as its digits ("half past two" → "230"), and where it stands in the text."""

    digits: str
    start: int
    end: int


def _cardinal(words: list[str], i: int) -> tuple[int, int] | None:
    """The cardinal spelt from words[i] ("one hundred and twenty"), and the index after it."""
    value, last, j = 0, "", i
    if j + 1 < len(words) and words[j] == "a" and words[j + 1] in ("hundred", "thousand"):
        value, last, j = 1, "unit", j + 1
    while j < len(words):
        w = words[j]
        if w.isdigit() and last == "":
            value, last = int(w), "unit" if int(w) < 10 else "digits"
        elif w in _UNITS and last in ("", "hundred", "thousand", "tens"):
            value, last = value + _UNITS[w], "unit"
        elif w in _TEENS and last in ("", "hundred", "thousand"):
            value, last = value + _TEENS[w], "teen"
        elif w in _TENS and last in ("", "hundred", "thousand"):
            value, last = value + _TENS[w], "tens"
        elif w in _DECADES and last == "":
            value, last = _DECADES[w], "decade"
        elif w == "hundred" and last in ("unit", "teen", "digits"):
            value, last = value * 100, "hundred"
        elif w == "thousand" and last in ("unit", "teen", "tens", "hundred", "digits"):
            value, last = value * 1000, "thousand"
        elif w == "and" and last == "hundred" and j + 1 < len(words) and words[j + 1] in {**_UNITS, **_TEENS, **_TENS}:
            pass
        else:
            break
        j += 1
    return (value, j) if j > i else None


def numbers(text: str) -> list[Number]:
    """The numbers of a script's line or of a transcript, read the same way from words and digits:
    adjacent numbers are one ("three nine one six", "8 52"), "half past two" / "ten past six" /
    "half five" are times, "eight pounds fifty" is 850 as "£8.50" is, ":00" is dropped, an ordinal
    is its number ("the twelfth", "third floor"; not "first", which Whisper writes for "past", "ferns" or
    "space", nor "second", a unit of time), and a lone "one" is a pronoun, not a number."""
    spans = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text.lower().replace("-", " "))]
    words = [w for w, _, _ in spans]
    found: list[tuple[str, int, int, bool]] = []  # digits, first and last token, is a lone "one"
    i = 0
    while i < len(words):
        w = words[i]
        if w in _ORDINALS:
            found.append((str(_ORDINALS[w]), i, i + 1, False))
            i += 1
        elif w == "half" and i + 1 < len(words) and (hour := _cardinal(words, i + 2 if words[i + 1] == "past" else i + 1)):
            found.append((f"{hour[0]}30", i, hour[1], False))
            i = hour[1]
        elif (minutes := _cardinal(words, i)) and minutes[1] < len(words) and words[minutes[1]] == "past" \
                and (hour := _cardinal(words, minutes[1] + 1)):
            found.append((f"{hour[0]}{minutes[0]:02d}", i, hour[1], False))
            i = hour[1]
        elif w.isdigit() and words[i + 1:i + 2] in (["st"], ["nd"]):  # "1st", "2nd": as "first", "second"
            i += 2
        elif cardinal := _cardinal(words, i):
            found.append((str(cardinal[0]), i, cardinal[1], w == "one" and cardinal[1] == i + 1))
            i = cardinal[1]
        elif w[0].isdigit():  # "8:52", "5,521", "8.50"
            found.append((re.sub(r"\D", "", re.sub(r"[.:]00$", "", w)), i, i + 1, False))
            i += 1
        else:
            i += 1
    merged: list[tuple[str, int, int, bool]] = []
    for digits, first, after, lone in found:
        if merged and merged[-1][2] == first:  # "eight fifty two", "3 9 1 6"
            merged[-1] = (merged[-1][0] + digits, merged[-1][1], after, False)
        elif merged and merged[-1][2] + 1 == first and words[first - 1] in _MONEY and len(digits) == 2:
            merged[-1] = (merged[-1][0] + digits, merged[-1][1], after, False)  # "eight pounds fifty"
        else:
            merged.append((digits, first, after, lone))
    return [Number(d, spans[a][1], spans[b - 1][2]) for d, a, b, lone in merged if not lone]


def mark_unsure(text: str, others: Sequence[str]) -> str:
    """`text` with each number that one of the `others` (other readings of the same words) lacks
    marked unsure: "I lifted [6?] to kilo"."""
    lacking = [Counter(n.digits for n in numbers(other)) for other in others]
    out, at = [], 0
    for n in numbers(text):
        if any(count[n.digits] == 0 for count in lacking):
            out += [text[at:n.start], f"[{text[n.start:n.end]}?]"]
            at = n.end
    return "".join(out) + text[at:]


def withheld(text: str) -> str:
    """`text` with its unsure numbers left out ("I lifted … to kilo")."""
    return _UNSURE.sub(WITHHELD, text)
