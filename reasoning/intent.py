"""Does an addressed question ask about the stream, or is it small talk with the assistant?

Only questions about the stream are answered from memory; "can you hear me?" or "how are you?"
would otherwise be answered by quoting whatever clip retrieval ranked first.
"""
from __future__ import annotations

import re

_SMALL_TALK = re.compile(
    r"^\W*(?:(?:hey|hi|hello|ok|okay|so|um|uh)\W+)*(?:(?:assistant|livesight)\W+)?"
    r"(?:can|could|do) you (?:hear|see|understand) me\b"
    r"|\bhow are you\b|\bwho are you\b|\bwhat(?:'s| is) your name\b|\bwhat can you do\b"
    r"|\bare you (?:there|listening|ready|working)\b|\bthank(?:s| you)\b|\btell me a joke\b",
    re.IGNORECASE,
)


def about_the_stream(question: str) -> bool:
    """True unless the question is small talk addressed to the assistant itself."""
    return _SMALL_TALK.search(question) is None
