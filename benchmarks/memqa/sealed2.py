"""The SEALED2 memory-QA streams: written 2026-11-28, after all six other splits had been read and tuned on.

Why a seventh split: dev, heldout, unseen, fresh, blind and sealed have all been scored, read and tuned
against, so none of them still measures how the assistant does on a stream nobody has seen. These
were written by a helper who never read the answer policy, the gate, the ASR or any results, from the
benchmark's format alone (script.py, media.py, camera.py, camera_scenes.py, scoring.py, plan.py), with
situations, names, codes, espeak-ng voices and a recorded prompt none of the other splits use, and
questions worded the way a new user speaks (fillers, contractions, follow-ups such as "and what
colour was it?", names of people seen on camera).

Score once, do not tune on it: score it one time, at the end of that session, and do not read it
before then (not the coordinator, not whoever tunes); never edit it to make a run pass (a wrong answer
here is a finding). Remarks aimed at someone else in the room ("Dagny, could you …", "Yusra, pass …")
must not be answered; the camera stream uses the camera benchmark's photo cut-outs (the man in black,
the woman in orange, a mug, the cat, a horse picture) with a note card lying in view for a while.
"""
from __future__ import annotations

from benchmarks.camera_scenes import Placed as P
from benchmarks.memqa.blind import DENIES
from benchmarks.memqa.camera import LAYOUTS, held
from benchmarks.memqa.script import Question as Q
from benchmarks.memqa.script import Screen, Sound, Speech, Stream, Voice
from benchmarks.memqa.sealed import with_note

# remark voices: accent + named espeak-ng variant + speed + pitch, none used by the other splits
DIOGO_RP = Voice("en-gb-x-rp+Diogo", 165, 44)
F4_GB = Voice("en-gb+f4", 170, 62)
MIGUEL_CB = Voice("en-029+miguel", 150, 48)
F5_NYC = Voice("en-us-nyc+f5", 175, 60)
STEPH_US = Voice("en-us+steph", 165, 58)
# question voices
ASK_HENRIQUE = Voice("en-us+Henrique", 170, 47)
ASK_F3_LAN = Voice("en-gb-x-gbclan+f3", 160, 60)
ASK_MICHEL = Voice("en-gb-x-gbcwmd+michel", 165, 45)
ASK_F4_CB = Voice("en-029+f4", 155, 62)
ASK_PEDRO = Voice("en-us-nyc+pedro", 180, 43)
ASK_EDWARD2 = Voice("en-gb+edward2", 160, 40)
ASK_ADAM = Voice("en-us+adam", 165, 50)

# camera layouts of the jigsaw-evening stream: the mug stands bottom right all along, the man in black
# sits on the left, the woman in orange in the middle, the cat settles in front, the picture goes up
# top right at the end
_MUG = P("cup", 460, 235, 110)
_OISIN = P("cameraman", 20, 50, 300)
_THANDIWE = P("astronaut", 250, 50, 290)
_CAT = P("cat", 250, 215, 140)
_PICTURE = P("horse", 470, 20, 130)
LAYOUTS.update({
    "sealed2-mug": (_MUG,),
    "sealed2-mug+oisin": (_MUG, _OISIN),
    "sealed2-mug+oisin+thandiwe": (_MUG, _OISIN, _THANDIWE),
    "sealed2-mug+thandiwe": (_MUG, _THANDIWE),
    "sealed2-mug+thandiwe+cat": (_MUG, _THANDIWE, _CAT),
    "sealed2-mug+cat": (_MUG, _CAT),
    "sealed2-picture+mug+cat": (_PICTURE, _MUG, _CAT),
})

PUZZLE_NOTE = ("JIGSAW - 1000 PIECES", "EDGES DONE", "MISSING: 3 PIECES")

POTTERY = Stream(
    name="sealed2-pottery-studio", split="sealed2",
    notes="a pottery studio before a bisque firing: kiln program, glaze order with a code, a door code said "
          "after the radio, a rota on screen through a long gap, a firing log",
    events=(
        Screen(0, ("KILN PROGRAM - BISQUE", "RAMP 1: 100 C/HR TO 600 C", "RAMP 2: 150 C/HR TO 1000 C",
                   "HOLD 10 MIN"), size=24, id="s_kiln"),
        Speech(3, "Right, the bisque firing goes in tonight, so everything has to be bone dry by six.", DIOGO_RP,
               id="dry"),
        Speech(15, "Two of the bowls cracked at the rim, so they're going back in the reclaim bucket.", DIOGO_RP,
               id="cracked"),
        Speech(28, "Dagny, could you hand me the sponge next to the wheel?", DIOGO_RP, id="dagny"),
        Speech(38, "The big planter is still damp at the base, I'll leave it for the next load.", DIOGO_RP,
               id="planter"),
        Screen(50, ("GLAZE ORDER   REF KX-5083", "CELADON 5 KG", "TENMOKU 2 KG", "SHINO 1 KG"), size=20,
               id="s_glaze"),
        Speech(54, "I'm ordering the glazes tonight, delivery takes about five days.", DIOGO_RP, id="order"),
        Sound(66, 22, "music:macroform-cold_day", id="radio"),
        Speech(92, "Oh, before I forget, the new code for the studio door is three nine one six.", DIOGO_RP,
               id="doorcode"),
        Screen(106, ("STUDIO ROTA", "MON   DAGNY", "WED   FENWICK", "SAT   OPEN STUDIO"), size=30, id="s_rota"),
        Speech(110, "Fenwick said he'll take Wednesdays, as long as he can use the small kiln.", DIOGO_RP,
               id="fenwick"),
        # a long quiet stretch with the rota up
        Speech(162, "My favourite mug handle snapped off in the drying rack, so annoying.", DIOGO_RP, id="handle"),
        Screen(174, ("FIRING LOG", "LOAD 7   BISQUE   28 PIECES", "LOAD 8   GLAZE   NEXT TUESDAY"), size=26,
               id="s_log"),
        Speech(178, "Twenty eight pieces, that's the fullest load we've ever done.", DIOGO_RP, id="full"),
    ),
    questions=(
        Q("so what's on the screen right now", "now", (r"rota|dagny|fenwick|open studio",),
          forbid=(r"celadon|tenmoku|kiln program",), about=("s_rota",), voice=ASK_HENRIQUE, at=142),
        Q("um what happened to the two bowls", "said", (r"crack|reclaim|broke",), about=("cracked",),
          voice=ASK_F3_LAN),
        Q("what's the new code for the studio door", "said", (r"3\W*9\W*1\W*6",), about=("doorcode",),
          voice=ASK_HENRIQUE),
        Q("what did I say just after the radio stopped", "sound", (r"3\W*9\W*1\W*6|door|code",),
          about=("doorcode",), voice=ASK_F3_LAN),
        Q("what was the reference on the glaze order", "shown", (r"5083",), about=("s_glaze",), voice=ASK_HENRIQUE),
        Q("how many kilos of celadon am I getting", "shown", (r"\b5\b",), about=("s_glaze",),
          voice=ASK_F3_LAN),
        Q("how many different glazes were on that order", "count", (r"\b3\b",), about=("s_glaze",),
          voice=ASK_HENRIQUE),
        Q("what's the hottest the kiln program goes", "shown", (r"1000|thousand",), about=("s_kiln",),
          voice=ASK_F3_LAN),
        Q("was there music on while I was working", "heard", (r"yes|music|radio|song|tune",), forbid=(DENIES,),
          about=("radio",), voice=ASK_HENRIQUE),
        Q("what did I say right before I asked Dagny for the sponge", "order", (r"crack|bowl|rim|reclaim",),
          about=("cracked",), voice=ASK_F3_LAN),
        Q("when did I mention the mug handle", "when", about=("handle",), voice=ASK_HENRIQUE),
        Q("is Fenwick doing Wednesdays", "yesno", (r"yes|wednesday",), forbid=(DENIES,), about=("fenwick",),
          voice=ASK_F3_LAN),
        Q("and the big planter, is that going in tonight", "said", (r"next|damp|leave|wait",),
          about=("planter",), voice=ASK_HENRIQUE),
        Q("did I say how much the glazes cost", "never", decline=True, voice=ASK_F3_LAN),
        Q("thanks, you're a lifesaver", "smalltalk", voice=ASK_HENRIQUE),
    ),
)

OPEN_MIC = Stream(
    name="sealed2-open-mic", split="sealed2",
    notes="practising a ukulele set for an open mic: set list with keys, humming and singing between remarks, "
          "small-font song notes through a long gap, remarks to a bandmate in the room, music before the last one",
    events=(
        Screen(0, ("OPEN MIC - THE KESTREL ARMS", "1. COPPER LANE (G)", "2. PAPER BOATS (C)", "3. NORTH QUAY (F)",
                   "4. SALT AND EMBER (Dm)"), size=24, id="s_setlist"),
        Speech(3, "Okay, the open mic at the Kestrel Arms starts at half past eight on Thursday.", F4_GB,
               id="venue"),
        Sound(15, 12, "hum:A3 E4 C4 E4 G4 E4 C4 B3", id="hum"),
        Speech(30, "Ignacio, tune your G string down a little, it's sharp.", F4_GB, id="ignacio"),
        Speech(42, "I keep forgetting the bridge of Paper Boats, it goes to F, not to E minor.", F4_GB,
               id="bridge"),
        Sound(56, 15, "sung:ma ri ma ro ma ree", id="singing"),
        Speech(74, "That was way too fast, let's slow it down to about ninety beats a minute.", F4_GB, id="tempo"),
        Screen(88, ("NORTH QUAY - NOTES", "FINGERPICK INTRO, 4 BARS", "STRUM: D DU UDU", "END ON F, LET RING"),
               size=20, id="s_notes"),
        Speech(92, "North Quay starts with the fingerpicked intro, then everyone comes in together.", F4_GB,
               id="intro"),
        # a long quiet stretch with the notes up
        Speech(142, "We get fifteen minutes in total, so four songs is the absolute maximum.", F4_GB, id="slot"),
        Sound(154, 18, "music:manolo_camp-morning_coffee", id="music"),
        Speech(176, "Ignacio, if you bring the spare strings, I'll bring the music stand.", F4_GB, id="strings"),
        Screen(188, ("THURSDAY 8.30 PM", "BRING: TUNER, STAND, CABLE"), size=30, id="s_bring"),
    ),
    questions=(
        Q("hey what's on the screen at the moment", "now", (r"north quay|fingerpick|strum|intro",),
          forbid=(r"kestrel|copper lane",), about=("s_notes",), voice=ASK_MICHEL, at=124),
        Q("what time does the open mic start", "said", (r"8\W*30|half past 8",), about=("venue",), voice=ASK_F4_CB),
        Q("sorry, what's the pub called again", "said", (r"kestrel",), about=("venue",), voice=ASK_MICHEL),
        Q("what key is Salt and Ember in", "shown", (r"\bd ?m\b|d minor",), about=("s_setlist",), voice=ASK_F4_CB),
        Q("how many songs are on the set list", "count", (r"\b4\b",), about=("s_setlist",), voice=ASK_MICHEL),
        Q("did somebody sing at some point", "heard", (r"yes|sing|sang|song",), forbid=(DENIES,),
          about=("singing",), voice=ASK_F4_CB),
        Q("was someone humming earlier on", "heard", (r"yes|hum",), forbid=(DENIES,), about=("hum",),
          voice=ASK_MICHEL),
        Q("what did I say after the singing", "sound", (r"fast|slow|90|tempo|beats",), about=("tempo",),
          voice=ASK_F4_CB),
        Q("and what did I say once that music stopped", "sound", (r"spare|strings|music stand|stand",),
          about=("strings",), voice=ASK_MICHEL),
        Q("what did I ask Ignacio to do first", "order", (r"tun|sharp|g string",), forbid=(r"spare",),
          about=("ignacio",), voice=ASK_F4_CB),
        Q("when did I talk about the bridge of Paper Boats", "when", about=("bridge",), voice=ASK_MICHEL),
        Q("how many bars is the intro to North Quay", "shown", (r"\b4\b",), about=("s_notes",), voice=ASK_F4_CB),
        Q("do we have a time limit", "yesno", (r"yes|15",), forbid=(DENIES,), about=("slot",), voice=ASK_MICHEL),
        Q("did I say who's playing the drums", "never", decline=True, voice=ASK_F4_CB),
        Q("do you like the ukulele", "smalltalk", voice=ASK_MICHEL),
    ),
)

PERMIT = Stream(
    name="sealed2-permit-renewal", split="sealed2",
    notes="renewing a residence permit: a rejected photo, a recorded 'nobody is available' prompt on the "
          "helpline, music, a documents list through a long gap, a tracking code in a small font",
    events=(
        Screen(0, ("RESIDENCE PERMIT RENEWAL", "APPLICATION NO. RP-6642-TZ", "PHOTO: REJECTED",
                   "REASON: SHADOW ON FACE"), size=24, id="s_form"),
        Speech(4, "Brilliant, they rejected my photo because of a shadow, so I need a new one.", MIGUEL_CB,
               id="reject"),
        Speech(17, "Birgit, can you grab the white sheet from the cupboard for the background?", MIGUEL_CB,
               id="birgit"),
        Speech(30, "I'll ring the helpline before I send anything else.", MIGUEL_CB, id="ring"),
        Speech(37, recording="asterisk:vm-nobodyavail", id="helpline"),
        Speech(45, "Typical, no one picks up. I'll try them again after lunch.", MIGUEL_CB, id="typical"),
        Sound(57, 20, "music:reno_project-system", id="music"),
        Speech(81, "The photo booth at the station costs eight pounds fifty, that's fine.", MIGUEL_CB, id="booth"),
        Screen(94, ("DOCUMENTS TO SEND", "OLD PERMIT CARD", "2 NEW PHOTOS", "COUNTERSIGNED FORM", "FEE RECEIPT"),
               size=22, id="s_docs"),
        Speech(98, "My old card expires on the ninth of June, so there's still time.", MIGUEL_CB, id="expiry"),
        # a long quiet stretch with the list up
        Speech(150, "Kasimir from next door said he'll countersign it, he's known me for years.", MIGUEL_CB,
               id="kasimir"),
        Screen(164, ("SPECIAL DELIVERY", "TRACKING RN 2291 4470 GB", "GUARANTEED BY 1 PM"), size=20, id="s_post"),
        Speech(168, "I'm sending it special delivery, so I can track it.", MIGUEL_CB, id="special"),
    ),
    questions=(
        Q("what's on the screen now", "now", (r"document|permit card|photos|countersign|receipt",),
          forbid=(r"shadow|rejected",), about=("s_docs",), voice=ASK_PEDRO, at=130),
        Q("what was my application number", "shown", (r"6642",), about=("s_form",), voice=ASK_HENRIQUE),
        Q("why did they reject the photo", "said", (r"shadow",), about=("reject",), voice=ASK_PEDRO),
        Q("what did I ask Birgit to get", "said", (r"sheet",), about=("birgit",), voice=ASK_HENRIQUE),
        Q("what did the recorded message say when I rang them", "heard", (r"nobody|no one|available",),
          about=("helpline",), voice=ASK_PEDRO),
        Q("what did I say after nobody answered", "order", (r"lunch|try (them )?again",), about=("typical",),
          voice=ASK_HENRIQUE),
        Q("what did I say after the music", "sound", (r"booth|station|8 pounds|8\W*50",), about=("booth",),
          voice=ASK_PEDRO),
        Q("how much does the photo booth cost", "said", (r"8 pounds|8\W*50",), about=("booth",),
          voice=ASK_HENRIQUE),
        Q("how many documents do I have to send", "count", (r"\b4\b",), about=("s_docs",), voice=ASK_PEDRO),
        Q("when does my old card run out", "said", (r"\b9(th)?\b", r"june"), about=("expiry",), voice=ASK_HENRIQUE),
        Q("did anyone offer to countersign it", "yesno", (r"yes|kasimir",), forbid=(DENIES,), about=("kasimir",),
          voice=ASK_PEDRO),
        Q("when did I ring the helpline", "when", about=("ring", "helpline"), voice=ASK_HENRIQUE),
        Q("what's the tracking number", "shown", (r"2291\W*4470",), about=("s_post",), voice=ASK_PEDRO),
        Q("did I say which country I'm flying to", "never", decline=True, voice=ASK_HENRIQUE),
        Q("did I mention my bank details at all", "never", decline=True, voice=ASK_PEDRO),
        Q("ugh, I hate paperwork. do you?", "smalltalk", voice=ASK_HENRIQUE),
    ),
)

AQUARIUM = Stream(
    name="sealed2-aquarium", split="sealed2",
    notes="looking after a fish tank: a water test, humming during the work, a stock list through a long gap, "
          "remarks to a child in the room, music, a pet-shop order with a code",
    events=(
        Screen(0, ("WATER TEST   TANK 2", "PH 7.4", "AMMONIA 0", "NITRITE 0", "NITRATE 40 PPM"), size=26,
               id="s_test"),
        Speech(4, "Nitrate is at forty, that's too high, I'll do a big water change.", F5_NYC, id="nitrate"),
        Speech(18, "Yusra, don't tap on the glass, you'll scare the tetras.", F5_NYC, id="yusra"),
        Sound(30, 14, "hum:D4 A4 F4 D4 C4 E4 G4 E4", id="hum"),
        Speech(48, "I'm swapping out thirty percent of the water, that's about eighteen litres.", F5_NYC,
               id="change"),
        Screen(62, ("STOCK LIST", "12 NEON TETRAS", "3 CORYDORAS", "1 BRISTLENOSE PLECO", "2 AMANO SHRIMP"),
               size=20, id="s_stock"),
        Speech(66, "One of the corydoras has been hiding behind the driftwood all day, I'm a bit worried.", F5_NYC,
               id="cory"),
        Sound(80, 20, "music:macroform-the_simplicity", id="music"),
        Speech(104, "The heater is set to twenty five degrees, I checked it twice.", F5_NYC, id="heater"),
        Speech(116, "Yusra, pass me the green net please.", F5_NYC, id="net"),
        # a long quiet stretch with the stock list up
        Screen(170, ("PET SHOP ORDER  #AQ-318", "FILTER SPONGE (M)", "DECHLORINATOR 250 ML", "ALGAE WAFERS"),
               size=22, id="s_order"),
        Speech(174, "The filter sponge should arrive on Saturday.", F5_NYC, id="sponge"),
    ),
    questions=(
        Q("what can you see on the screen right now", "now", (r"stock|tetra|corydoras|pleco|shrimp",),
          forbid=(r"sponge|dechlor",), about=("s_stock",), voice=ASK_EDWARD2, at=150),
        Q("what was the nitrate reading", "shown", (r"\b40\b",), about=("s_test", "nitrate"), voice=ASK_F3_LAN),
        Q("how many litres am I changing", "said", (r"\b18\b",), about=("change",), voice=ASK_EDWARD2),
        Q("how many neon tetras are on the stock list", "shown", (r"\b12\b",), about=("s_stock",),
          voice=ASK_F3_LAN),
        Q("what temperature did I say the heater's on", "said", (r"\b25\b",), about=("heater",), voice=ASK_EDWARD2),
        Q("what did I ask Yusra to pass me", "said", (r"\bnet\b",), about=("net",), voice=ASK_F3_LAN),
        Q("and what colour was it?", "said", (r"green",), about=("net",), voice=ASK_EDWARD2),
        Q("did you hear me humming", "heard", (r"yes|hum",), forbid=(DENIES,), about=("hum",), voice=ASK_F3_LAN),
        Q("what did I say once the music was over", "sound", (r"heater|25|degree",), about=("heater",),
          voice=ASK_EDWARD2),
        Q("which did I bring up first, the heater or the driftwood", "order", (r"driftwood|corydoras|hiding",),
          forbid=(r"heater (was|came) first|(mentioned|brought up) the heater first",), about=("cory",),
          voice=ASK_F3_LAN),
        Q("when did I tell Yusra not to tap on the glass", "when", about=("yusra",), voice=ASK_EDWARD2),
        Q("how many times did I talk to Yusra", "count", (r"\b2\b|twice",), about=("yusra", "net"),
          voice=ASK_F3_LAN),
        Q("was I worried about one of the fish", "yesno", (r"yes|corydoras|hiding",), forbid=(DENIES,),
          about=("cory",), voice=ASK_EDWARD2),
        Q("what's the number on the pet shop order", "shown", (r"318",), about=("s_order",), voice=ASK_F3_LAN),
        Q("did I mention a goldfish", "never", decline=True, voice=ASK_EDWARD2),
    ),
)

JIGSAW = Stream(
    name="sealed2-camera-jigsaw-evening", split="sealed2", video_source="camera",
    notes="a jigsaw evening at the kitchen table: a mug, a friend in black, then one in orange; the first "
          "leaves and never comes back, the cat comes up, a note card lies in view, a picture goes up at the end",
    events=(
        *held(0, 15, "sealed2-mug", id="mug_in"),
        Speech(4, "Kettle's on, and the puzzle is all laid out on the table.", STEPH_US, id="laid"),
        *held(15, 45, "sealed2-mug+oisin", id="oisin_in"),
        Speech(19, "Oisin, grab a chair, Thandiwe is running late as usual.", STEPH_US, id="oisin_hi"),
        *held(45, 80, "sealed2-mug+oisin+thandiwe", id="thandiwe_in"),
        Speech(50, "Thandiwe, finally! Right, we start with the edge pieces.", STEPH_US, id="edges"),
        *held(80, 115, "sealed2-mug+thandiwe", id="oisin_out"),
        Speech(84, "Oisin has gone to move his car, he said he'd be back in a bit.", STEPH_US, id="car"),
        *held(115, 145, "sealed2-mug+thandiwe+cat", id="cat_in"),
        Speech(119, "Oh no, Pebble is sitting on the sky pieces again.", STEPH_US, id="pebble"),
        *with_note(held(145, 180, "sealed2-mug+cat", id="thandiwe_out"), PUZZLE_NOTE, size=18),
        Speech(150, "Thandiwe had to leave early, so it's just me and the cat now.", STEPH_US, id="alone"),
        *held(180, 215, "sealed2-picture+mug+cat", id="picture_in"),
    ),
    questions=(
        Q("what was on the table when I started", "camera", (r"cup|mug",), about=("mug_in",), voice=ASK_ADAM),
        Q("who turned up first, Oisin or Thandiwe", "order", (r"oisin",),
          forbid=(r"thandiwe (came|arrived|turned up|got here|was) first",), about=("oisin_in",), voice=ASK_F4_CB),
        Q("how many people could you see at the most", "camera", (r"\b2\b",), about=("thandiwe_in",), voice=ASK_ADAM),
        Q("when did Thandiwe get here", "camera", about=("thandiwe_in",), timed=True, voice=ASK_F4_CB),
        Q("what colour was Oisin wearing", "camera", (r"black|dark",), forbid=(r"orange",), about=("oisin_in",),
          voice=ASK_ADAM),
        Q("and the person who came in second, what were they wearing", "camera", (r"orange",),
          about=("thandiwe_in",), voice=ASK_F4_CB),
        Q("when did Oisin leave", "camera", about=("oisin_out",), timed=True, voice=ASK_ADAM),
        Q("did Oisin ever come back", "camera", decline=True, voice=ASK_F4_CB),
        Q("when did the cat jump up", "camera", about=("cat_in",), timed=True, voice=ASK_ADAM),
        Q("was anybody holding a drink", "camera", decline=True, voice=ASK_F4_CB),
        Q("how many pieces are missing", "shown", (r"\b3\b",), about=("thandiwe_out",), voice=ASK_ADAM),
        Q("did something new go up on the wall", "camera", (r"yes|horse|picture",), forbid=(DENIES,),
          about=("picture_in",), voice=ASK_F4_CB),
        Q("what can you see right now", "camera", (r"cat|horse|cup|mug",),
          forbid=(r"\b(a|1|2) (person|people|man|woman)\b|someone",), about=("picture_in",), voice=ASK_ADAM),
        Q("is anyone else still here", "camera", decline=True, voice=ASK_F4_CB),
        Q("how many friends came round tonight", "count", (r"\b2\b",), about=("oisin_in", "thandiwe_in"),
          voice=ASK_ADAM),
        Q("when did I say we'd start with the edges", "when", about=("edges",), voice=ASK_F4_CB),
        Q("did I say what the puzzle picture was", "never", decline=True, voice=ASK_ADAM),
        Q("that was fun. do you like puzzles", "smalltalk", voice=ASK_F4_CB),
    ),
)

STREAMS = (POTTERY, OPEN_MIC, PERMIT, AQUARIUM, JIGSAW)
