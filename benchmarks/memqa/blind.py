"""The BLIND memory-QA streams: written 2026-11-28, after the fresh split had been scored and read.

Why a fifth split: the fresh streams (fresh.py) were scored and their answers read, so from then on
they can be tuned against like the others. These were written by someone who had not seen the answer
policy, the gate or the ASR code, from the benchmark's format alone (script.py, media.py, camera.py,
scoring.py, plan.py), with situations, names, codes, voices and phrasings none of the other splits
use, and questions worded the way a new user speaks (fillers, contractions, follow-ups).

Score them once, at the end of the session, and do not read them before that: not to be tuned on,
and not to be edited to make a run pass (a wrong answer here is a finding). Remarks aimed at someone
else in the room ("Rosalind, can you …", "Fenna, can you …") must not be answered; the camera
stream uses the camera benchmark's photo cut-outs (the cat, a mug, a woman in orange, a man in black).
"""
from __future__ import annotations

from benchmarks.camera_scenes import Placed as P
from benchmarks.memqa.camera import LAYOUTS, held
from benchmarks.memqa.script import Question as Q
from benchmarks.memqa.script import Screen, Sound, Speech, Stream, Voice

# remark voices: accent + named espeak-ng variant + speed + pitch, none used by the other splits
AUNTY_RP = Voice("en-gb-x-rp+aunty", 155, 55)
TRAVIS_CB = Voice("en-029+travis", 165, 45)
SHELBY_SC = Voice("en-gb-scotland+shelby", 150, 60)
MAX_NYC = Voice("en-us-nyc+max", 170, 40)
BELINDA_WM = Voice("en-gb-x-gbcwmd+belinda", 145, 63)
ANNIE_US = Voice("en-us+Annie", 160, 66)
EDWARD_US = Voice("en-us+edward", 180, 36)
LINDA_SLOW = Voice("en-us+linda", 135, 58)
WM_FAST = Voice("en-gb-x-gbcwmd+m5", 195, 42)
# question voices
ASK_STEPH = Voice("en-gb-x-gbclan+steph", 165, 57)
ASK_ANDY = Voice("en-us+Andy", 170, 46)
ASK_MICHAEL = Voice("en-us+Michael", 160, 40)
ASK_NYC = Voice("en-us-nyc+f3", 175, 61)
ASK_CB = Voice("en-029+f2", 160, 60)
ASK_SC = Voice("en-gb-scotland+m4", 170, 44)

#: an answer that denies or does not know (for questions whose true answer is yes)
DENIES = r"^\W*(no|nope|nah)\b|\b(didn't|did not|don't know|not sure|no idea|there was no|nothing about)\b"

# camera layouts of the pet-cam stream: the mug stays put on the coffee table once it is set down
_CAT_SOFA = P("cat", 0, 190, 150)
_SITTER = P("astronaut", 200, 50, 300)
_NEIGHBOUR = P("cameraman", 420, 40, 320)
_MUG = P("cup", 10, 232, 118)
_CAT_BACK = P("cat", 230, 195, 150)
LAYOUTS.update({
    "blind-cat": (_CAT_SOFA,),
    "blind-cat+sitter": (_CAT_SOFA, _SITTER),
    "blind-sitter+mug": (_SITTER, _MUG),
    "blind-sitter+mug+neighbour": (_SITTER, _NEIGHBOUR, _MUG),
    "blind-mug+neighbour": (_NEIGHBOUR, _MUG),
    "blind-mug": (_MUG,),
    "blind-mug+cat": (_CAT_BACK, _MUG),
})

WEDDING = Stream(
    name="blind-wedding-call", split="blind", video_source="screen",
    notes="a venue page and a catering quote in small print, a recorded conference prompt then waiting music, "
          "two remarks to someone in the room (one a question), flowers brought up twice, singing, a long gap",
    events=(
        Screen(0, ("WEDDING PLANNER", "VENUE ORCHARD BARN", "GUESTS 126", "DEPOSIT REF WB-3925"), size=20,
               id="venue"),
        Speech(3, "So the barn can seat everyone, but honestly the dance floor is a bit small.", ANNIE_US,
               id="floor"),
        Speech(14, recording="asterisk:confbridge-begin-leader", id="bridge"),
        Sound(20, 18, "music:macroform-the_simplicity", id="wait_music"),
        Speech(42, "Hi Colette, thanks for joining. We've gone for pistachio cake with raspberry filling.",
               EDWARD_US, id="cake"),
        Speech(56, "Rosalind, can you check whether your uncle is bringing a plus one?", SHELBY_SC,
               id="to_rosalind"),
        Screen(66, ("CATERING", "MAINS 3 CHOICES", "VEGAN MEALS 14", "TASTING THU 4 PM", "QUOTE CT-7061"), size=15,
               background="#fff5f8", id="catering"),
        Speech(70, "The florist wants peonies, but they might be out of season by September.", MAX_NYC,
               id="flowers1"),
        Speech(84, "We still need a band or a DJ, my vote is for a band.", BELINDA_WM, id="band"),
        # a long quiet stretch while the seating plan is drawn; the catering quote stays up
        Speech(150, "Colette says peonies are fine if we order them by June, otherwise it's roses.", ANNIE_US,
               id="flowers2"),
        Sound(164, 15, "sung:tra la lee tra lo", id="singing"),
        Speech(184, "The rings are with my brother, in a blue velvet box.", EDWARD_US, id="rings"),
        Speech(196, "Hey Rosalind, what time is it over there?", TRAVIS_CB, id="to_rosalind2"),
        Screen(206, ("STILL TO BOOK", "PHOTOGRAPHER", "HAIR TRIAL", "MINIBUS FOR 20"), size=30, id="to_book"),
    ),
    questions=(
        Q("okay what have I got open on the screen right now", "now", (r"cater|vegan|tasting|7061|mains|quote|choice",),
          about=("catering",), at=122, voice=ASK_STEPH),
        Q("remind me, who's got the rings", "said", (r"brother|velvet|box",), about=("rings",), voice=ASK_ANDY),
        Q("um what was the deposit reference for the venue", "shown", (r"3 ?9 ?2 ?5",), about=("venue",),
          voice=ASK_MICHAEL),
        Q("how many vegan meals has the caterer got us down for", "shown", (r"\b14\b",), about=("catering",),
          voice=ASK_NYC),
        Q("there was some automated message when I joined the call, what was it", "heard",
          (r"conference|leader|begin",), forbid=(r"peon|cake",), about=("bridge",), voice=ASK_CB),
        Q("when did I talk about the dance floor", "when", about=("floor",), voice=ASK_SC),
        Q("the bit after the waiting music, what was that about", "sound", (r"cake|pistachio|raspberr|colette",),
          forbid=(r"rosalind|uncle",), about=("cake",), voice=ASK_STEPH),
        Q("how often did the peonies get mentioned", "count", (r"\b2\b|twice",), about=("flowers1", "flowers2"),
          voice=ASK_ANDY),
        Q("have we actually settled on a cake flavour", "yesno", (r"yes|pistachio",), forbid=(DENIES,),
          about=("cake",), voice=ASK_MICHAEL),
        Q("I didn't mention the dress at all, did I", "never", decline=True, voice=ASK_NYC),
        Q("did the caterer give us a price per head", "never", decline=True, voice=ASK_CB),
        Q("and what was I saying just before that bit of singing", "order", (r"peon|june|roses|colette",),
          forbid=(r"ring|velvet",), about=("flowers2",), voice=ASK_SC),
        Q("haha wish me luck with all of this, yeah?", "smalltalk", voice=ASK_STEPH),
    ),
)

LESSON = Stream(
    name="blind-italian-lesson", split="blind", video_source="screen",
    notes="an online Italian lesson: a title slide and a vocabulary slide in very small print, humming, a "
          "request to someone in the room, one word complained about twice, radio music, a long gap",
    events=(
        Screen(0, ("ITALIAN LESSON 7", "TOPIC: AT THE MARKET", "WORKBOOK PAGE 42", "CLASS CODE IT-5318"), size=20,
               id="title"),
        Speech(3, "My teacher is called Signora Bellini, she grew up in Bologna.", LINDA_SLOW, id="teacher"),
        Speech(15, "The word for cherries is ciliegie, and I keep saying it wrong.", WM_FAST, id="cherries1"),
        Sound(27, 18, "hum:F4 A4 C5 A4 G4 E4 F4 C4", id="hum"),
        Speech(49, "That's the little market song she taught us, it helps with the numbers.", TRAVIS_CB,
               id="song_note"),
        Speech(61, "Giulia, could you turn the heating down a little?", BELINDA_WM, id="to_giulia"),
        Screen(70, ("VOCABULARY", "PESCHE = PEACHES", "FORMAGGIO = CHEESE", "UN ETTO = 100 G", "RECEIPT MK-2740"),
               size=14, background="#f2fbff", id="vocab"),
        Speech(74, "The oral test is on the twelfth of March, in room nine.", AUNTY_RP, id="oral_test"),
        # a long quiet stretch of repeating words under the breath; the vocabulary stays up
        Speech(150, "I still can't roll my Rs, that cherries word is the worst.", WM_FAST, id="cherries2"),
        Sound(162, 20, "music:manolo_camp-morning_coffee", id="radio"),
        Speech(186, "Next week we're doing the past tense, which I'm kind of dreading.", SHELBY_SC, id="next_week"),
        Screen(198, ("HOMEWORK", "LEARN 20 WORDS", "WRITE A SHOPPING LIST", "LISTEN TO TRACK 6"), size=30,
               id="homework"),
    ),
    questions=(
        Q("um, what's showing on my screen at the moment", "now",
          (r"vocab|pesche|peach|formag|cheese|etto|2740|receipt",), about=("vocab",), at=118, voice=ASK_CB),
        Q("what's my teacher called again", "said", (r"bel+ini",), about=("teacher",), voice=ASK_SC),
        Q("which room is the oral test in", "said", (r"\b9\b",), about=("oral_test",), voice=ASK_STEPH),
        Q("what's the italian for cheese, it was on one of the slides", "shown", (r"formag",), about=("vocab",),
          voice=ASK_ANDY),
        Q("and the class code on the very first slide?", "shown", (r"5 ?3 ?1 ?8",), about=("title",),
          voice=ASK_MICHAEL),
        Q("I think I heard humming at one point, was there", "heard", (r"yes|hum|tune|song|melod",),
          forbid=(DENIES,), about=("hum",), voice=ASK_NYC),
        Q("when did I mention the oral test", "when", about=("oral_test",), voice=ASK_CB),
        Q("what did I say after the radio bit", "sound", (r"past tense|next week|dread",),
          forbid=(r"cherr|roll",), about=("next_week",), voice=ASK_SC),
        Q("how many times did I moan about the word for cherries", "count", (r"\b2\b|twice",),
          about=("cherries1", "cherries2"), voice=ASK_STEPH),
        Q("what did I open with at the start of the lesson", "order", (r"bel+ini|bologna|teacher",),
          forbid=(r"cherr",), about=("teacher",), voice=ASK_ANDY),
        Q("did we talk about next week's topic at all", "yesno", (r"yes|past tense",), forbid=(DENIES,),
          about=("next_week",), voice=ASK_MICHAEL),
        Q("did I say how much the lessons cost", "never", decline=True, voice=ASK_NYC),
        Q("grazie! can you speak any italian, by the way", "smalltalk", voice=ASK_CB),
    ),
)

NURSERY = Stream(
    name="blind-plant-nursery", split="blind", video_source="screen",
    notes="a stock sheet and a delivery note in very small print, singing, a request to a colleague, olive "
          "trees brought up three times, radio music, a long gap, a sale board left up",
    events=(
        Screen(0, ("STOCK CHECK", "BAY 3 LAVENDER 46", "BAY 4 ROSEMARY 12", "BAY 7 FERNS 0", "ORDER PN-6682"),
               size=16, id="stock"),
        Speech(3, "The ferns sold out over the weekend, so bay seven is completely empty.", TRAVIS_CB, id="ferns"),
        Speech(15, "The olive trees are arriving Monday on the early lorry.", EDWARD_US, id="olives1"),
        Sound(28, 16, "sung:hey ho hey ho hum", id="singing"),
        Speech(48, "Somebody left the greenhouse door open again, the cucumber plants got cold.", ANNIE_US,
               id="greenhouse"),
        Speech(60, "Ravi, would you wheel the empty trolleys round to the front?", MAX_NYC, id="to_ravi"),
        Screen(70, ("DELIVERY NOTE", "OLIVE TREES x 8", "SUPPLIER GREENLEAF", "DOCK B", "INVOICE GL-1493"), size=14,
               background="#f3fff3", id="delivery"),
        Speech(74, "The watering timer in the polytunnel is set for six in the morning.", SHELBY_SC, id="timer"),
        # a long quiet stretch of counting pots; the delivery note stays up
        Speech(150, "If the olive trees are late again I'm switching suppliers, I mean it.", LINDA_SLOW,
               id="olives2"),
        Speech(163, "Oh, and the olive tree in the window display is missing its price sticker.", WM_FAST,
               id="olives3"),
        Sound(176, 20, "music:macroform-robot_dity", id="radio"),
        Speech(200, "Right, stock check's done, I'm off to put the kettle on.", BELINDA_WM, id="done"),
        Screen(210, ("SALE THIS WEEK", "HERBS 3 FOR 10", "POTS HALF PRICE"), size=32, id="sale"),
    ),
    questions=(
        Q("sorry, what am I looking at on the screen now", "now",
          (r"deliver|olive|green ?leaf|dock|1493|invoice|supplier",), about=("delivery",), at=116,
          voice=ASK_ANDY),
        Q("what time did I say the watering timer's set for", "said", (r"\b0?6\b",), about=("timer",),
          voice=ASK_NYC),
        Q("how many lavender were there in bay three", "shown", (r"\b46\b",), forbid=(r"\b12\b",),
          about=("stock",), voice=ASK_MICHAEL),
        Q("what's the invoice number on the greenleaf delivery", "shown", (r"1 ?4 ?9 ?3",), about=("delivery",),
          voice=ASK_CB),
        Q("was there any music playing while I worked", "heard", (r"yes|music|radio|song",), forbid=(DENIES,),
          about=("radio",), voice=ASK_SC),
        Q("when'd I say the greenhouse door was left open", "when", about=("greenhouse",), voice=ASK_STEPH),
        Q("what'd I get on to after the music", "sound", (r"stock|done|kettle",), forbid=(r"olive",),
          about=("done",), voice=ASK_ANDY),
        Q("and after the singing?", "sound", (r"greenhouse|door|cucumber|cold",), forbid=(r"olive|fern",),
          about=("greenhouse",), voice=ASK_NYC),
        Q("olive trees, how many times did I bring those up", "count", (r"\b3\b|three times",),
          about=("olives1", "olives2", "olives3"), voice=ASK_MICHAEL),
        Q("what was I on about at the very beginning", "order", (r"fern|bay|sold",), forbid=(r"olive",),
          about=("ferns",), voice=ASK_CB),
        Q("did I say which day the olive trees get here", "yesno", (r"yes|monday",), forbid=(DENIES,),
          about=("olives1",), voice=ASK_SC),
        Q("was there anything about a cactus delivery", "never", decline=True, voice=ASK_STEPH),
        Q("ugh, my back is killing me from all this lifting", "smalltalk", voice=ASK_ANDY),
    ),
)

GAME_NIGHT = Stream(
    name="blind-game-night", split="blind", video_source="screen",
    notes="a board game night: a title card, a score sheet in very small print with a wifi key, a playlist, "
          "humming, remarks to two friends, the washing-up bet made twice, a long gap, the final result left up",
    events=(
        Screen(0, ("GAME NIGHT", "TICKET TO RIDE", "PLAYERS 5", "HOUSE RULE: NO TAKEBACKS"), size=26, id="title"),
        Speech(3, "Snacks are on the counter, the spicy crisps are in the yellow bowl.", SHELBY_SC, id="snacks"),
        Speech(14, "Bartek, it's your turn, stop staring at the map.", AUNTY_RP, id="to_bartek"),
        Sound(24, 20, "music:reno_project-system", id="playlist"),
        Speech(48, "Whoever loses tonight is doing all the washing up.", EDWARD_US, id="bet1"),
        Screen(58, ("SCORES ROUND 1", "ELSA 34", "BARTEK 51", "OSKAR 29", "WIFI KEY TR-8804"), size=15,
               background="#fffbea", id="scores"),
        Speech(62, "Bartek's winning by a mile, he's clearly played this before.", TRAVIS_CB, id="winning"),
        Speech(74, "Somebody knocked the blue trains off the table, I found two under the sofa.", LINDA_SLOW,
               id="trains"),
        # a long quiet stretch of everyone thinking; the score sheet stays up
        Sound(145, 15, "hum:E4 E4 F4 G4 G4 F4 E4 D4", id="hum"),
        Speech(164, "Fenna, can you grab another bag of ice?", MAX_NYC, id="to_fenna"),
        Speech(175, "Next month it's at my place, and we're playing Catan.", ANNIE_US, id="next_month"),
        Speech(188, "And the washing up bet is still on, don't think I forgot.", WM_FAST, id="bet2"),
        Screen(198, ("FINAL", "BARTEK WINS", "ELSA SECOND", "OSKAR LAST"), size=30, id="final"),
    ),
    questions=(
        Q("can you tell me what the screen's showing", "now", (r"score|bartek|elsa|oskar|8804|round|wifi",),
          about=("scores",), at=112, voice=ASK_MICHAEL),
        Q("which bowl were the spicy crisps in", "said", (r"yellow",), about=("snacks",), voice=ASK_CB),
        Q("uh what was the wifi key", "shown", (r"8 ?8 ?0 ?4",), about=("scores",), voice=ASK_SC),
        Q("what did elsa get in the first round", "shown", (r"\b34\b",), forbid=(r"\b51\b|\b29\b",),
          about=("scores",), voice=ASK_STEPH),
        Q("what was playing in the background early on", "heard", (r"music|song|playlist|tune",),
          forbid=(DENIES,), about=("playlist",), voice=ASK_ANDY),
        Q("around when did the trains end up under the sofa", "when", about=("trains",), voice=ASK_NYC),
        Q("the playlist ended at some point, what did I say next", "sound", (r"wash|los",),
          forbid=(r"crisp|snack",), about=("bet1",), voice=ASK_MICHAEL),
        Q("how many times did I go on about the washing up bet", "count", (r"\b2\b|twice",), about=("bet1", "bet2"),
          voice=ASK_CB),
        Q("how many players were there tonight", "count", (r"\b5\b",), about=("title",), voice=ASK_SC),
        Q("who brought the pizza, did anyone say", "never", decline=True, voice=ASK_STEPH),
        Q("did we pick a game for next month", "yesno", (r"yes|catan",), forbid=(DENIES,), about=("next_month",),
          voice=ASK_ANDY),
        Q("what's the last thing I said before the final scores went up", "order", (r"wash|bet|forg",),
          forbid=(r"catan",), about=("bet2",), voice=ASK_NYC),
        Q("haha, do you reckon I'll ever win one of these", "smalltalk", voice=ASK_MICHAEL),
    ),
)

PET_CAM = Stream(
    name="blind-camera-pet-cam", split="blind", video_source="camera",
    notes="a pet cam while the owner is away, talking through the camera's speaker: the cat on the sofa, the "
          "pet sitter in orange comes in, the cat leaves, a mug is set down, a neighbour in black drops by, "
          "the sitter goes, then the neighbour, a quiet stretch, the cat is back by the mug",
    events=(
        *held(0, 15, "wall"),
        *held(15, 45, "blind-cat", id="cat_in"),
        Speech(19, "There you are, Tofu, did you miss me?", ANNIE_US, id="hello_cat"),
        *held(45, 75, "blind-cat+sitter", id="sitter_in"),
        Speech(50, "Hi Ingrid, the cat food's in the cupboard under the sink.", ANNIE_US, id="food"),
        *held(75, 100, "blind-sitter+mug", id="mug_in"),
        *held(100, 130, "blind-sitter+mug+neighbour", id="neighbour_in"),
        Speech(104, "Oh hello Mr Okafor, are you here about the parcel?", ANNIE_US, id="parcel"),
        *held(130, 160, "blind-mug+neighbour", id="sitter_out"),
        *held(160, 175, "blind-mug", id="neighbour_out"),
        Speech(164, "I'll be home on Sunday night, so just two more visits.", ANNIE_US, id="home"),
        # quiet, then the cat is back next to the mug
        *held(175, 205, "blind-mug+cat", id="cat_back"),
    ),
    questions=(
        Q("what time did the cat wander in", "camera", about=("cat_in",), timed=True, voice=ASK_NYC),
        Q("what colour were the pet sitter's clothes", "camera", (r"orange",),
          about=("sitter_in",), voice=ASK_STEPH),
        Q("how many people were around at the busiest point", "camera", (r"\b2\b",),
          forbid=(r"\b3\b",), about=("neighbour_in",), voice=ASK_ANDY),
        Q("when did my neighbour turn up", "camera", about=("neighbour_in",), timed=True, voice=ASK_MICHAEL),
        Q("and what was he wearing", "camera", (r"black|dark",), forbid=(r"orange",), about=("neighbour_in",),
          voice=ASK_CB),
        Q("what's the last time the sitter was on camera", "camera", about=("sitter_out",), timed=True, voice=ASK_SC),
        Q("did you spot any dogs", "camera", decline=True, forbid=(r"\byes\b",), voice=ASK_NYC),
        Q("was the sitter carrying anything when she came in", "camera", decline=True, voice=ASK_STEPH),
        Q("so who or what is in view now", "camera", (r"cat|cup|mug",), forbid=(r"motorcycle|horse",),
          about=("cat_back",), voice=ASK_ANDY),
        Q("where did I say the cat food was", "said", (r"cupboard|sink",), about=("food",), voice=ASK_MICHAEL),
        Q("when did I ask about the parcel", "when", about=("parcel",), voice=ASK_CB),
        Q("did I say when I'm getting back home", "yesno", (r"yes|sunday",), forbid=(DENIES,), about=("home",),
          voice=ASK_SC),
    ),
)

STREAMS = (WEDDING, LESSON, NURSERY, GAME_NIGHT, PET_CAM)
