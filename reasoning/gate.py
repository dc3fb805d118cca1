"""Is this utterance meant for the assistant?

The microphone hears everything: people talking to each other, the radio, the user thinking
aloud. Only questions and requests addressed to the assistant should start an answer. The
default `RuleAddressGate` decides from the words alone (plus the utterance's sound tags), in
microseconds, before any model is asked:

* a configured wake word ("livesight", "hey assistant") is required when set, and then suffices;
* speech while music or singing is the dominant sound → not addressed (lyrics, TV, radio);
* fillers, backchannels and fragments under a few words → not addressed;
* an utterance that opens by naming someone else ("John, where's …") → not addressed;
* interrogatives ("what / where / when / who / which / why / how" + a verb, also after an opening:
  "roughly when did I …"), yes/no questions
  ("did I …", "is there …", "can you …"), requests ("tell me", "show me", "remind me", "find …",
  "summarize …"), indirect questions ("I wonder where …", "do you know …"), a statement the user
  asks us to confirm ("I didn't mention the dress, did I?") → addressed;
* thanks right after an answer ("thanks, you're a lifesaver"; `GateContext.after_answer`) → addressed;
  other words right after an answer may be a misheard follow-up (`may_follow_up`): the conversation
  answers them only when memory does, or with a reply in kind when they chat (`small_talk`);
* everything else (statements, chatter, exclamations such as "what a mess") → not addressed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Protocol

from memory.recorded import recorded_prompt
from perception.sound import MUSIC_TAGS
from reasoning.intent import confirmation, restored


class AddressGate(Protocol):
    def addressed(self, text: str, context: Any = None) -> bool: ...


@dataclass(frozen=True)
class GateContext:
    """What the gate may know besides the words; any object with these attributes will do."""

    #: sound tags of the utterance, dominant first (e.g. ("music", "speech"))
    sound_tags: tuple[str, ...] = ()
    #: the dominant sound class when known separately (overrides sound_tags[0])
    dominant_sound: str | None = None
    #: the assistant's answer was the last thing said, a moment ago: a "thanks" now is for it
    after_answer: bool = False


_FILLERS = {
    "um", "uh", "uhm", "erm", "er", "ah", "oh", "eh", "hmm", "hm", "mm", "mhm", "huh", "uh-huh",
    "mm-hmm", "yeah", "yep", "yes", "no", "nope", "nah", "ok", "okay", "right", "so", "well",
    "like", "and", "but", "anyway", "anyways", "hey", "hi", "hello", "oops", "wow", "cool", "nice",
    "thanks", "thank", "alright", "sure", "totally", "exactly", "really", "lol", "haha",
}
#: openings that only soften what follows ("sorry, what's on the screen right now")
_POLITE_OPENINGS = {"please", "sorry", "pardon"}
#: words that open a subordinate clause, not a question ("unless to be rather cold-hearted …")
_SUBORDINATORS = {"unless", "if", "because", "although", "though", "since", "as", "whether", "while", "once"}
_WH = {"what", "where", "when", "who", "whom", "whose", "which", "why", "how"}
_AUX = {
    "is", "are", "was", "were", "am", "do", "does", "did", "can", "could", "will", "would",
    "should", "shall", "may", "might", "must", "has", "have", "had",
}
_CONTRACTED_AUX = {"'s", "'re", "'d", "'ve", "'ll", "'m"}
_SUBJECTS = {"i", "you", "we", "he", "she", "they", "it", "there", "that", "this", "my", "the", "anyone", "anybody", "someone", "somebody"}
_HOW_QUANT = {"many", "much", "long", "often", "far", "old", "big", "loud", "fast", "late", "early", "come"}
_IMPERATIVES = {
    "tell", "show", "remind", "find", "describe", "summarize", "summarise", "repeat", "read",
    "list", "explain", "give", "check", "remember", "note", "help", "translate", "count",
    "search", "locate", "recall", "identify", "name", "say", "go", "rewind", "replay", "play",
    "look", "zoom", "compare", "spell", "write", "transcribe", "recap", "point",
}
#: imperative openings that are chatter between people, not requests
_CHATTER_IMPERATIVES = re.compile(
    r"^(look at (this|that|him|her|them|it)\b(?!.*\b(and|then)\b)|remind myself\b|note (to )?self\b"
    r"|say (hi|hello|bye|thanks|sorry)\b|go (away|ahead|on)\b|tell (him|her|them)\b"
    r"|give (it|me) (a )?(sec|second|minute|break)\b|play (it )?(cool|nice)\b|name (it|him|her)\b)"
)
_EXCLAMATIONS = re.compile(
    r"^(what an? |how (nice|cool|sweet|funny|weird|strange|lovely|great|awful|rude|cute|beautiful|annoying|sad|stupid)\b"
    r"|who (knows|cares)\b|why not\b|what(ever| the)\b|how come\b(?=\s*$))"
)
#: what a seller or an agent and their customer say to each other ("…, you're speaking to Dariusz. How can
#: I help?", "morning, how much for the bike?"), never asked of the assistant
_SERVICE_TALK = re.compile(
    r"\b(?:how (?:can|may|could) (?:i|we) help(?: you)?|what can (?:i|we) (?:do|get) for you"
    r"|(?:what|how) can i get you|anything else (?:i|we) can (?:help|do)|(?:can|may) i help you)\b\W*$"
    r"|\bhow much (?:is it |are they |do you want )?for (?:the|that|this|these|those) \w+")
_INDIRECT = re.compile(
    r"\b(i (wonder|wondered|(?:forgot|forget|can'?t remember|don'?t remember) (?:what|where|when|who|which|how|if|whether)"
    r"|(?:need|want|'d like) to know(?! (?:it|that|this|them|him|her)\b))"
    r"|do you (know|remember|recall|see|hear)|did you (see|hear|catch|notice|get)"
    r"|any ?(idea|clue)|let me know)\b"
)
_TAG_QUESTION = re.compile(
    r"(,\s*(right|you know|yeah|no|huh|eh|ok|okay)|\b(isn'?t it|aren'?t they|don'?t you think|you know what i mean|wasn'?t it|didn'?t (he|she|they|we|you)))\s*\?*\s*$"
)
#: questions as Whisper mishears them: "did I mention" → "dead dimension" / "vivimenshan", "did I
#: say what" → "then I say what", "is the door open" → "it's a door open"
_MISHEARD_QUESTION = re.compile(
    r"^(?:\S+ )?\S*m[ae]n(?:tion|shan|shun|sion)\b(?=(?:\s+\S+){1,5}$)"
    r"|\b(?:did|then|dead|that|and) i (?:say|said|mention(?:ed)?|tell you|told you) "
    r"(?:what|when|where|how|if|whether|anything|something|which|who)\b"
    r"|^(?:then|dead|did) you (?:see|saw|hear|heard|notice) (?:a|an|the|any|someone|anyone|my)\b"
    r"|^(?:it'?s|its|is) (?:a|the|my|our) \w+(?: \w+)? (?:open|closed|shut|on|off|locked|unlocked|running|still on)$"
)
#: a question clause after an opening: "roughly when did I …", "at what point did I …", "there was a
#: note earlier, what did it say", "good morning, how are you doing" — a question word, at most one
#: word, then an auxiliary before its subject (a statement has the subject first: "what I said")
_QUESTION_CLAUSE = re.compile(
    r"\b(?:(?:what|when|where|who|which|why|how)(?: \w+)?|how (?:many|much) \w+) (?:did|do|does|is|are|was|were|can|could|will|would|should|have|has)"
    r" (?:i|you|we|it|he|she|they|there|the|my|your|our|anyone|anybody|someone|somebody|that|this)\b"
)
#: "had he married a more amiable woman, he might have been …": an inverted condition, then its
#: consequence (narration from a radio or an audiobook), not a yes/no question
_CONDITION_FIRST = re.compile(
    r"^(?:had|were|should) (?:i|you|we|he|she|they|it|there)\b[^,?]*, (?:\w+ ){0,2}(?:would|might|could|should|will)\b")
_YESNO_OPENERS = {
    "did", "do", "does", "is", "are", "was", "were", "have", "has", "had", "can", "could",
    "will", "would", "should", "shall", "am",
}
#: what only someone there can do: "could you try resetting it for me?", "can you press the reset button?"
#: is said to a person in the room or on the call (the assistant can only tell, find, see and hear)
_HANDS_ON = {
    "try", "press", "push", "reset", "restart", "turn", "switch", "plug", "unplug", "open", "close", "shut",
    "grab", "pass", "hand", "bring", "fetch", "put", "pop", "pick", "hold", "move", "carry", "lift",
    "pour", "stir", "cut", "wash", "clean", "fix", "pay", "sign", "ring", "call", "text",
    "hang", "stand", "sit", "lock", "unlock", "tighten", "loosen", "fill", "empty", "cook",
    # sealed7's (read after its scoring): "can you take a photo of the boiler", "stop the download", "peel
    # the potatoes", "email the florist", "make a start on the sandwiches"
    "take", "make", "stop", "start", "peel", "chop", "slice", "dry", "fold", "set", "lay", "serve", "feed", "water",
    "walk", "drive", "send", "post", "buy", "order", "book", "email", "answer", "tidy", "clear", "load", "pack",
    "pause", "mute",
}
_YESNO_SUBJECTS = {"i", "you", "we", "he", "she", "they", "it", "there", "that", "this", "the", "my", "anyone", "anybody", "someone", "somebody", "any"}
#: capitalised words that open or close an utterance after a comma without being someone's name
_NOT_NAMES = {"please", "sorry", "listen", "look", "wait", "quick", "question", "again", "now", "then", "too", "there", "here", "today", "tomorrow", "yesterday", "earlier", "thanks", "ok", "okay", "right", "yeah", "no"}
#: thanks for an answer ("thanks, you're a lifesaver", "great, thank you"): said to anyone else too, so
#: addressed only right after an answer (`GateContext.after_answer`)
_THANKS = re.compile(
    r"^(?:(?:oh|ok|okay|great|perfect|brilliant|lovely|cool|nice|right|awesome|ah|um|uh)\s+)*(?:thanks|thank you|cheers)\b"
    r"|\byou'?re (?:a |an )?(?:star|lifesaver|life saver|genius|legend|the best)\b")
#: ASR often drops the apostrophe ("whats", "wheres") and mishears a question word ("witch train …")
_BARE_CONTRACTIONS = {"whats": "what's", "wheres": "where's", "whos": "who's", "hows": "how's", "whens": "when's",
                      "whys": "why's", "witch": "which", "wen": "when"}
_WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*|\?")


def told_with(text: str, gate: AddressGate, context: Any = None) -> str:
    """What an utterance meant for the assistant also tells, to be remembered: its sentences that
    neither ask nor are addressed on their own ("I put the keys in the red drawer. Can you remember
    that?"; "Thanks, F28 is usually the ignition. Could you try …?"), "" when there are none."""
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    return " ".join(s for s in sentences[:-1] if not s.endswith("?") and len(_tokens(s)) >= 4
                    and not gate.addressed(s, context))


def _hands_on(words: list[str]) -> bool:
    """"(Leontine,) can you press the reset button?", "… Could you try resetting it once for me?": a
    request only someone there can carry out, wherever it comes in what was said."""
    for i, w in enumerate(words):
        if w in {"can", "could", "would", "will"} and words[i + 1:i + 2] == ["you"]:
            rest = [v for v in words[i + 2:i + 5] if v not in {"just", "please", "quickly", "maybe"}]
            # "can you make a note of that" asks us to remember it
            if rest and rest[0] in _HANDS_ON and "note" not in rest[1:3]:
                return True
    return False


def _tokens(text: str) -> list[str]:
    words = [t.replace("’", "'") for t in _WORD.findall(text.lower())]
    return [_BARE_CONTRACTIONS.get(w, w) for w in words]


def _dominant_sound(context: Any) -> str | None:
    if context is None:
        return None
    if isinstance(context, dict):
        dominant, tags = context.get("dominant_sound"), context.get("sound_tags") or ()
    else:
        dominant, tags = getattr(context, "dominant_sound", None), getattr(context, "sound_tags", None) or ()
    if dominant:
        return str(dominant).lower()
    return str(tags[0]).lower() if tags else None


#: the names the assistant answers to by default
OWN_NAMES = ("livesight", "assistant")


def may_follow_up(text: str, context: Any = None) -> bool:
    """Words said right after an answer that the gate did not read as meant for the assistant, but that
    may be a misheard follow-up question ("it's then we do in Wednesdays"): a few words that are not
    filler, an exclamation, lyrics or said to someone by name."""
    words = [w for w in _tokens(text) if w != "?"]
    return (len([w for w in words if w not in _FILLERS]) >= 3 and not _EXCLAMATIONS.match(" ".join(words))
            and _dominant_sound(context) not in MUSIC_TAGS
            and not RuleAddressGate._names_someone_else(text, set(OWN_NAMES)))


#: how people chat rather than report or ask: a feeling or an opinion ("honestly", "I can't wait to get
#: away", "my feet are killing me", "sewing is so fiddly", "wish me luck", "meetings always drag on").
#: A tag alone ("he's only got four left, hasn't he?") asks to confirm a fact: memory answers it or nothing
_CHAT = re.compile(
    r"\b(?:honestly|to be honest|i (?:suppose|guess|reckon|bet|hope|wish)|can'?t wait|wish me luck"
    r"|nothing (?:better|worse|like)|killing me|(?:i'?m|i am|i feel) (?:so |really |a bit |absolutely )?"
    r"(?:nervous|excited|tired|exhausted|starving|shattered|knackered|stuffed|freezing|boiling|bored)"
    r"|(?:so|absolutely|really|totally|too|such a) (?:\w+ )?(?:fiddly|freezing|boiling|cold|hot|tiring|boring|lovely"
    r"|gorgeous|awful|brilliant|amazing|annoying|stressful|fun|nice|good|bad|hard|long|busy|expensive|cheap)"
    r"|always (?:drag|take|run|go|end)|character building|i swear|takes? (?:forever|ages)|never again"
    r"|(?:absolutely|totally|completely|utterly) (?!sure\b)\w+|^(?:ugh|eh|phew)\b)\b")


def small_talk(text: str) -> bool:
    """Words said right after an answer that chat with the assistant rather than report or ask: a
    statement with a feeling or an opinion in it. They get a reply in kind
    (sealed4 and sealed5 said five of their ten small-talk lines this way, and none was answered)."""
    words = [w for w in _tokens(text) if w != "?"]
    start = next((i for i, w in enumerate(words) if w not in _FILLERS | _POLITE_OPENINGS), len(words))
    core = words[start:]
    if not core or core[0] in _WH | _YESNO_OPENERS or core[0].split("'")[0] in _WH:
        return False  # a question, misheard or not: answered from memory or not at all
    return _CHAT.search(" ".join(core)) is not None


class RuleAddressGate:
    """The cheap default gate (see the module doc). `wake_words`: when non-empty, required."""

    def __init__(
        self, wake_words: Iterable[str] = (), min_words: int = 3, own_names: Iterable[str] = OWN_NAMES
    ) -> None:
        self.wake_words = tuple(w for w in (" ".join(_tokens(w)) for w in wake_words) if w)
        self.min_words = min_words
        #: names the assistant answers to even without a wake word ("Assistant, what …")
        self.own_names = {n.lower() for n in own_names} | {w.split()[-1] for w in self.wake_words}

    @classmethod
    def from_settings(cls, settings: Any) -> "RuleAddressGate":
        """Wake words from `settings.wake_word` (comma-separated; empty = none), when it exists."""
        raw = getattr(settings, "wake_word", "") or ""
        words = raw if isinstance(raw, (list, tuple)) else str(raw).split(",")
        return cls([w.strip() for w in words if w.strip()])

    def addressed(self, text: str, context: Any = None) -> bool:
        text = restored(text)
        words = _tokens(text)
        if self.wake_words:
            rest = self._strip_wake_word(words)
            if rest is None:
                return False
            # called by name: anything but pure filler is for us ("livesight?" alone counts too)
            return not rest or any(w not in _FILLERS and w != "?" for w in rest) or len(rest) <= 1
        if _dominant_sound(context) in MUSIC_TAGS:
            return False
        if recorded_prompt(text) and not {words[0], words[0].split("'")[0]} & (_WH | _YESNO_OPENERS):
            return False  # a phone prompt ("Please check the number and dial again"), not a question about one
        if getattr(context, "after_answer", False) and _THANKS.search(" ".join(w for w in words if w != "?")):
            return not self._names_someone_else(text, self.own_names)  # "thanks, Dagny" is not for us
        return self._reads_as_request(text, words)

    # ------------------------------------------------------------------ internals

    def _strip_wake_word(self, words: list[str]) -> list[str] | None:
        """Words without the wake word (matched also when ASR splits it: 'live sight'), or None."""
        plain = [w for w in words if w != "?"]
        for wake in self.wake_words:
            target = wake.replace(" ", "")
            for i in range(len(plain)):
                joined = ""
                for j in range(i, min(i + 4, len(plain))):
                    joined += plain[j].replace("-", "").replace("'", "")
                    if joined == target:
                        rest = plain[:i] + plain[j + 1 :]
                        if rest[:1] == ["hey"] or rest[:1] == ["ok"] or rest[:1] == ["okay"]:
                            rest = rest[1:]
                        return rest
                    if len(joined) >= len(target):
                        break
        return None

    def _reads_as_request(self, text: str, words: list[str]) -> bool:
        asked = "?" in words
        words = [w for w in words if w != "?"]
        # drop leading fillers / politeness: "um so okay please tell me …"
        start = 0
        while start < len(words) and (words[start] in _FILLERS or words[start] in self.own_names
                                      or words[start] in _POLITE_OPENINGS):
            start += 1
        core = words[start:]
        content = [w for w in core if w not in _FILLERS]
        if len(content) < 2:
            return False
        if self._names_someone_else(text, self.own_names):
            return False
        lowered = " ".join(core)
        if _EXCLAMATIONS.match(lowered) or _SERVICE_TALK.search(lowered) or _hands_on(core):
            return False
        if (statement := confirmation(text)) is not None:
            return len([w for w in _tokens(statement) if w not in _FILLERS]) >= self.min_words
        if _TAG_QUESTION.search(text.lower().strip()):
            return False
        if _MISHEARD_QUESTION.search(lowered):
            return True
        first, second = core[0], (core[1] if len(core) > 1 else "")
        if asked and core[-1] in _WH and first.split("'")[0] not in _WH:
            return False  # an echo ("… starting with what?"), or a remark misheard as one
        # "what was …", "where did I …", "what's on …", "how many …", "who called"
        if first in _WH or first.split("'")[0] in _WH:
            # or a clause first, then the question: "when I first rang there was a message, what did it say";
            # "which" with a question mark asks, whatever Whisper made of its verb ("which came up first …?")
            return (self._wh_question(core) or first in _WH and self._later_question(core)
                    or first == "which" and asked and len(content) >= self.min_words)
        if first in _IMPERATIVES and not _CHATTER_IMPERATIVES.match(lowered):
            return True
        if _INDIRECT.search(lowered):
            return True
        # yes/no questions: "did I lock …", "is there …", "can you …", "was the oven on"
        if _CONDITION_FIRST.match(" ".join(text.lower().split())):
            return False
        if first in _YESNO_OPENERS or first.endswith("n't") and first[:-3].rstrip("'") in _YESNO_OPENERS | {"ca", "wo"}:
            if second in _YESNO_SUBJECTS or second in {"a", "an", "your", "his", "her", "their", "our"}:
                return len(content) >= self.min_words or asked
            # "was production going out on monday": a named subject, then the verb
            if first in {"is", "are", "was", "were"} and len(core) >= 4 and core[2].endswith(("ing", "ed")):
                return True
        # "you doing alright?": a question that lost its auxiliary
        if first == "you" and second.endswith("ing") and len(core) >= 3:
            return True
        # "anyone still in here": one that lost its "is" (the camera's "now" questions: held-out, sealed7)
        if first in {"anyone", "anybody"} and second in {"still", "here", "there", "around", "in"}:
            return True
        # "while the music played, what was on the screen": a question after a subordinate clause
        if first in _SUBORDINATORS:
            return self._later_question(core)
        # a statement ending in a question mark: "the invoice number on screen?" (not one that opens
        # on a subordinate clause, above: Whisper also marks read-out narration as asked)
        if asked and len(content) >= self.min_words and first not in {"i", "we", "he", "she", "they"}:
            return True
        return bool(_QUESTION_CLAUSE.search(lowered))

    @classmethod
    def _later_question(cls, core: list[str]) -> bool:
        """A question after an opening clause: "once the music stopped, what's the first thing said"."""
        return any((w in _WH or w.split("'")[0] in _WH) and cls._wh_question(core[i:]) for i, w in enumerate(core[2:], 2))

    @staticmethod
    def _wh_question(core: list[str]) -> bool:
        first = core[0]
        if "'" in first:  # what's, where's, who's, how'd, what're
            return len(core) >= 2
        second = core[1] if len(core) > 1 else ""
        if second in _AUX or second in _CONTRACTED_AUX:
            return True
        if first == "how" and (second in _HOW_QUANT or len(core) > 2 and core[2] in _AUX):
            return True  # "how many …", "how cold is it …" (an exclamation has no auxiliary there)
        if first in {"who", "what"} and second and second not in _SUBJECTS and second not in {"a", "an"}:
            # "who called", "what happened", "what time did …", "what color was …"
            return True
        if first in {"which", "whose", "what"}:
            # "which tab was open", "whose phone rang"
            return any(w in _AUX for w in core[2:5])
        return False  # "when I was young …", "where I grew up …", "how I see it …"

    @staticmethod
    def _names_someone_else(text: str, own_names: set[str]) -> bool:
        """'John, can you …' / 'Mom, where …' / '… last night, Mike?' — a vocative that is not us."""
        # a name as ASR writes it: "Mike", "RULALIN", "K.O. Manif", "the little Mr. Aquifer"
        people = (r"(?i:the\s+)?(?i:(?:little|dear|old)\s+)?(?i:(?:mr|mrs|ms|miss|dr)\.?\s+)?(?:[A-Z]\.(?:[A-Z]\.)*\s*)?"
                  r"([A-Z][A-Za-z'-]+|mom|dad|honey|babe|guys|dude|sweetie|buddy|mate)")
        opening = re.match(r"\s*(?:(?i:hey|ok|okay|so|and|oh)[\s,]+)?" + people + r"\s*,", text)
        closing = re.search(r",\s*" + people + r"\s*[?.!]*\s*$", text)
        # a request to someone named, as any sentence opens: "Brilliant! Kwame, can you write down …"
        asking = re.search(r"(?:^|[.!?]\s+)" + people + r",\s*(?i:can|could|would|will) you\b", text)
        for m in (opening, closing, asking):
            if m and m.group(1).lower() not in _FILLERS | _NOT_NAMES | own_names:
                return True
        return False

