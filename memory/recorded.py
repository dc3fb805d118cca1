"""Recorded voices: phone, voicemail and conference prompts heard in the room are not the user.

Whisper writes a prompt ("Nobody is available to take your call at the moment") like any remark, so
memory kept it as something the user said, and "what did the recorded message say" found nothing
(0 of 7 such questions over seven memory-QA splits). A prompt is told by the stock phrases these
systems speak; its sound is no help (a phone band is also what some voices and headsets have,
benchmarks/README.md, sixth session). Memory keeps a prompt as said by `RECORDING`.
"""
from __future__ import annotations

import re

#: the speaker memory gives a recorded prompt ("(recording) Please hold while we try to connect you")
RECORDING = "recording"
#: how memory keeps what it said (`SessionMemory.add_transcript` writes "(speaker) text")
RECORDED_PREFIX = f"({RECORDING}) "

_PROMPT = re.compile(
    r"\byour call\b|\bthe (?:number|extension|party|person|subscriber) you (?:have )?(?:dialed|dialled|are calling|called)\b"
    r"|\b(?:check|dial) the number\b|\bdial again\b|\bas dialed\b|\bleave (?:a|your) message\b|\bafter the (?:tone|beep)\b"
    r"|\bpress (?:\d|one|two|three|four|five|six|seven|eight|nine|zero|star|the (?:pound|star|hash))\b"
    r"|\bfollowed by the (?:pound|hash|star) key\b|\bplease (?:enter|re-?enter) your\b"
    r"|\b(?:representatives?|represenatives?|agents?|operators?) (?:are|is) (?:currently |now )?(?:busy|unavailable|available)\b"
    r"|\bnext available (?:representative|agent|operator)\b|\bstay on the line\b|\bplease hold while\b"
    r"|\b(?:call|conference) (?:is|will be|may be) (?:now )?(?:being )?recorded\b|\bconference will begin\b"
    r"|\b(?:participants?|person|people|callers?) in (?:this|the) conference\b|\bfirst in line\b|\bin the queue\b"
    r"|\bthank you for (?:calling|holding|your patience)\b|\b(?:circuits|lines) are (?:all )?(?:busy|currently busy)\b"
    r"|\bnot in service\b|\bno longer in service\b|\bhas been disconnected\b|\bavailable to take\b"
    r"|\bplease try (?:your call )?again later\b|\bestimated (?:hold|wait(?:ing)?) time\b|\binvalid (?:option|entry|extension)\b",
    re.IGNORECASE)

#: what a user calls one: "the recorded message", "that automated voice", "a phone message", "the recording"
_ASKED = re.compile(
    r"\b(?:recorded|automated|automatic|pre-?recorded|robot(?:ic)?|computer|phone|voicemail|hold|answering machine)"
    r"\s+(?:phone\s+)?(?:message|voice|announcement|prompt|thing)\w*|\bthe recording\b|\bannouncement\b|\bvoicemail\b",
    re.IGNORECASE)


def recorded_prompt(text: str) -> bool:
    """Whether an utterance is a phone, voicemail or conference system's recorded prompt."""
    return _PROMPT.search(text) is not None


def asks_about_recording(question: str) -> bool:
    """Whether a question (or the X of "before X") is about a recorded message heard."""
    return _ASKED.search(question) is not None
