"""Does an addressed question ask about the stream, or is it small talk with the assistant?

Only questions about the stream are answered from memory; "can you hear me?" or "how are you?"
would otherwise be answered by quoting whatever clip retrieval ranked first. Small talk is what
the model may answer by itself, so the list stays narrow: anything else is a question about the
stream, answered from memory or with "I don't have that in memory" — never made up.
"""
from __future__ import annotations

import re

_SMALL_TALK = re.compile(
    r"^\W*(?:(?:hey|hi|hello|ok|okay|so|um|uh)\W+)*(?:(?:assistant|livesight)\W+)?"
    r"(?:can|could|do) you (?:hear|see|understand) me\b"
    r"|^\W*(?:(?:hey|hi|hello|ok|okay|so|um|uh|good (?:morning|afternoon|evening))\W*)+$"
    r"|\bhow are you\b|\bhow(?:'s| is| are)? (?:it|your (?:day|evening|morning|afternoon|night|week)|things|you)"
    r" (?:going|doing)\b|^\W*(?:are )?you doing (?:alright|all right|ok|okay|well|good)\b|\bwhat'?s up\b|\bwho are you\b|\bwhat(?:'s| is) your name\b"
    r"|\bwhat can you do\b|\b(?:can|could) you help me\b|\bare you (?:there|listening|ready|working|a robot|human)\b"
    r"|\bthank(?:s| you)\b"
    r"|\btell me (?:a |another )?(?:\w+ )?(?:joke|story|fun fact)\b|\bnice to meet you\b|\bhow do you (?:work|feel)\b"
    r"|\bwhat(?:'s| is) the (?:weather|capital|meaning)\b|\bwho (?:made|built|created) you\b",
    re.IGNORECASE,
)

#: small-talk words asked about the stream ("what was the weather on the screen?")
_STREAM_CUE = re.compile(
    r"\b(?:screen|slide|camera|said|say|mention(?:ed)?|showed|shown|earlier|ago|before|after|first|last)\b",
    re.IGNORECASE)


def about_the_stream(question: str) -> bool:
    """True unless the question is small talk addressed to the assistant itself."""
    return _SMALL_TALK.search(question) is None or _STREAM_CUE.search(question) is not None


#: a statement the user asks us to confirm about their own past or what was there: "I didn't
#: mention the dress at all, did I?", "I heard humming at one point, was there?". A tag about
#: someone else ("…, didn't you?", "lovely, wasn't it?") is talk between people, not for us.
_CONFIRMATION_TAG = re.compile(
    r",?\s*\b(?:did|didn'?t|have|haven'?t|had|hadn'?t) i\W*$|,\s*(?:was|were|wasn'?t|weren'?t) there\W*$",
    re.IGNORECASE)
#: how such a statement opens before what it states
_HEDGE_OPENING = re.compile(r"^\W*(?:(?:so|and|um|uh|oh)\W+)*(?:i (?:think|guess|believe|reckon)|i'm (?:sure|pretty sure))\W+",
                            re.IGNORECASE)


#: "…, right?", "…, yeah?" — Whisper often drops the comma ("I saw a kingfisher right")
_AGREEMENT_TAG = re.compile(r"(,)?\s*\b(?:right|yeah|yes|correct)\W*$", re.IGNORECASE)
#: the user's own doing or saying, done or under way, which the tag asks us to confirm: "I saw …",
#: "I did say …", "we're wearing …" (not a plan: "we should walk over after lunch, right?")
_OWN_STATEMENT = re.compile(
    r"^(?:i|we)\s+(?:(?:also|already|just|definitely|only)\s+)?(?:\w+ed|did|was|were|had|said|saw|told|put|left|got|"
    r"heard|bought|paid|set|sent|wrote|made|took|found|kept|spent|met|read|brought|thought|ate|drank|spotted)\b"
    r"|^(?:i|we)(?:'ve| have)\s+\w+"
    r"|^(?:i'm|we're|i am|we are)\s+\w+ing\b", re.IGNORECASE)
#: words before a bare "right" that make it a direction ("turn right", "on the right")
_DIRECTION = re.compile(r"\b(?:turn(?:ed|ing|s)?|go|went|keep|stay|bear|on|to|the|all|just|came|come|over|up|down"
                        r"|left|straight|hard|far|bottom|top)\s*$", re.IGNORECASE)


#: a tag after a statement about someone or something else: "the ride's at quarter past nine, isn't it?",
#: "he's only got four left, hasn't he?", "table four's the uni friends, right?"
_OTHERS_TAG = re.compile(
    r",?\s*\b(?:is|isn'?t|was|wasn'?t|has|hasn'?t|does|doesn'?t|did|didn'?t|are|aren'?t|were|weren'?t|will|won'?t"
    r"|have|haven'?t|had|hadn'?t)\s+(?:it|he|she|they|we|you)\W*$|,\s*(?:right|yeah)\W*$", re.IGNORECASE)


def stated(question: str) -> str | None:
    """The statement any tag question asks to confirm: the user's own (`confirmation`) or one about
    someone or something else. Whether such talk is meant for the assistant is the gate's to say;
    once it is, it is answered as a yes / no on that statement, not as a "what"."""
    if (own := confirmation(question)) is not None:
        return own
    tag = _OTHERS_TAG.search(question)
    if tag is None or len(question[: tag.start()].split()) < 2:
        return None
    return _HEDGE_OPENING.sub("", question[: tag.start()]).strip()


def confirmation(question: str) -> str | None:
    """The statement a tag question asks us to confirm ("I didn't mention the dress at all"; "I saw a
    kingfisher" for "I saw a kingfisher, right?"), or None. An agreement tag ("right", "yeah") counts
    only after the user's own doing or saying: "the weather's lovely, right?" is talk between people."""
    tag = _CONFIRMATION_TAG.search(question)
    if tag is None:
        tag = _AGREEMENT_TAG.search(question)
        before = _HEDGE_OPENING.sub("", question[: tag.start()]).strip() if tag else ""
        if tag is None or not _OWN_STATEMENT.match(before) or not tag.group(1) and _DIRECTION.search(before):
            return None
    if not question[: tag.start()].strip():
        return None
    return _HEDGE_OPENING.sub("", question[: tag.start()]).strip()


#: "how many" as Whisper hears it at the start of a question from a synthetic voice: "Oh many kilos
#: of apples did we have", "Harmony things along the packing list" (sealed5)
_HOW_MANY_MISHEARD = re.compile(r"^(\W*)(?:oh|o|ho|harm?|ha) ?(many|much)\b|^(\W*)harmony\b", re.IGNORECASE)


#: "was anyone / somebody …" as Whisper hears it: "What anyone folding something?", "one anyone pulled in a
#: balloon", "Well somebody singing earlier" (camera and sound questions of four splits; no remark heard so)
#: ("Well, somebody has to do it", "What someone told me …" are remarks: no comma, and no verb of its own)
_WAS_MISHEARD = re.compile(r"^(\W*)(?:what|one|well|want|once) (anyone|anybody|someone|somebody)\b(?! (?:has|have|had|is"
                           r"|was|told|said|says|did|does|will|would|can|could|should|must|may|might|wants|needs"
                           r"|knows|thinks|else)\b)", re.IGNORECASE)


#: "anyone still here?" heard as "And one still in here" (held-out, sealed7)
_ANYONE_MISHEARD = re.compile(r"^(\W*)and one (still|here|there|around|left|else)\b", re.IGNORECASE)


def restored(question: str) -> str:
    """`question` with a misheard "how many" / "how much" / "was anyone" / "anyone" opening put back."""
    question = _WAS_MISHEARD.sub(lambda m: f"{m.group(1)}was {m.group(2)}", question)
    question = _ANYONE_MISHEARD.sub(lambda m: f"{m.group(1)}anyone {m.group(2)}", question)
    return _HOW_MANY_MISHEARD.sub(lambda m: f"{m.group(1) or m.group(3) or ''}how {m.group(2) or 'many'}", question)

