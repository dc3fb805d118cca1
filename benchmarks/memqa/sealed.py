"""The SEALED memory-QA streams: written 2026-11-28, after all five other splits had been read and tuned on.

Why a sixth split: dev, heldout, unseen, fresh and blind have all been scored, read and tuned against,
so none of them measures how the assistant does on a stream nobody has seen. These were written by a
helper who never read the answer policy, the gate or the ASR code, from the benchmark's format alone
(script.py, media.py, camera.py, camera_scenes.py, scoring.py, plan.py), with situations, names,
codes, espeak-ng voices and phrasings none of the other splits use, and questions worded the way a
new user speaks (fillers, contractions, follow-ups, names of people seen on camera).

Score once, do not tune on it: score it one time, at the end of that session, and do not read it
before then (not the coordinator, not whoever tunes); never edit it to make a run pass (a wrong answer
here is a finding). Remarks aimed at someone else in the room ("Wren, can you …", "Hamid, if …")
must not be answered; the camera stream uses the camera benchmark's photo cut-outs (a horse
silhouette print, a man in black with a camera on a tripod, a woman in orange, a mug, the cat).
"""
from __future__ import annotations

from dataclasses import replace

from benchmarks.camera_scenes import Placed as P
from benchmarks.memqa.blind import DENIES
from benchmarks.memqa.camera import LAYOUTS, held
from benchmarks.memqa.script import Question as Q
from benchmarks.memqa.script import Screen, Sound, Speech, Stream, Voice

# remark voices: accent + named espeak-ng variant + speed + pitch, none used by the other splits
ANDREA_RP = Voice("en-gb-x-rp+Andrea", 150, 60)
PAUL_US = Voice("en-us+paul", 170, 42)
ANIKA_NYC = Voice("en-us-nyc+anika", 180, 57)
ROBERT_SC = Voice("en-gb-scotland+robert", 165, 38)
MIKE_CB = Voice("en-029+Mike", 155, 46)
STEPH2_LAN = Voice("en-gb-x-gbclan+steph2", 175, 62)
GENE_WM = Voice("en-gb-x-gbcwmd+Gene", 145, 50)
F4_WM = Voice("en-gb-x-gbcwmd+f4", 185, 54)
# question voices
ASK_M8 = Voice("en-us+m8", 170, 45)
ASK_STEPH3 = Voice("en-gb+steph3", 160, 59)
ASK_QUINCY = Voice("en-us-nyc+quincy", 175, 40)
ASK_ALEX = Voice("en-gb-x-rp+Alex", 165, 48)
ASK_NGUYEN = Voice("en-029+Nguyen", 150, 55)
ASK_ROB = Voice("en-gb-scotland+rob", 170, 44)

# camera layouts of the photo-club stream: the print hangs on the left, the mug stands bottom left
# (below where the note card is drawn), the cat settles on the right at the end
_HORSE = P("horse", 10, 40, 170)
_PHOTOGRAPHER = P("cameraman", 225, 40, 320)
_MEMBER = P("astronaut", 440, 60, 300)
_MUG = P("cup", 20, 236, 118)
_CAT = P("cat", 330, 150, 200)
LAYOUTS.update({
    "sealed-horse": (_HORSE,),
    "sealed-horse+photographer": (_HORSE, _PHOTOGRAPHER),
    "sealed-horse+photographer+member": (_HORSE, _PHOTOGRAPHER, _MEMBER),
    "sealed-mug+photographer+member": (_MUG, _PHOTOGRAPHER, _MEMBER),
    "sealed-mug+member": (_MUG, _MEMBER),
    "sealed-mug": (_MUG,),
    "sealed-mug+cat": (_MUG, _CAT),
})


def with_note(screens: tuple[Screen, ...], lines: tuple[str, ...], size: int) -> tuple[Screen, ...]:
    """A held camera scene with a note card lying in view (drawn over the scene)."""
    return tuple(replace(s, lines=lines, size=size) for s in screens)


CLUB_NOTE = ("PHOTO CLUB", "ENTRIES CLOSE FRIDAY", "MAX 3 PRINTS EACH", "FEE 4 POUNDS")

CAR_REPAIR = Stream(
    name="sealed-car-repair-call", split="sealed", video_source="screen",
    notes="a video call with a garage: a job card and a quote in small print, a recorded 'not at their desk' "
          "prompt then hold music, a request to someone in the room, brake pads brought up three times, "
          "humming, a long gap, a booking confirmation left up",
    events=(
        Screen(0, ("AUTOFIX GARAGE", "JOB CARD KV-2518", "CAR: SILVER HATCHBACK", "MILEAGE 84,210"), size=18,
               id="jobcard"),
        Speech(3, "The car's been making a grinding noise whenever I brake going downhill.", PAUL_US, id="grinding"),
        Speech(14, recording="asterisk:followme/status", id="locate"),
        Sound(24, 20, "music:macroform-cold_day", id="hold_music"),
        Speech(48, "Hi Gareth, yes I'm still here. So it's the front brake pads and one of the discs?", ROBERT_SC,
               id="pads1"),
        Speech(61, "Wren, can you move your bike away from the garage door?", ANIKA_NYC, id="to_wren"),
        Screen(70, ("QUOTE", "FRONT PADS 68.00", "FRONT DISC 95.50", "LABOUR 1.5 HRS", "TOTAL 248.75",
                    "VALID 14 DAYS"), size=14, background="#f4f4ff", id="quote"),
        Speech(74, "He says the pads are down to two millimetres, so they can't wait.", ROBERT_SC, id="pads2"),
        # a long quiet stretch while the quote is read through; it stays up
        Speech(150, "Gareth can fit me in on Thursday at half past eight, and I'll get a courtesy car.", PAUL_US,
               id="booking"),
        Speech(163, "While it's in, they'll also check the pads on the back wheels.", MIKE_CB, id="pads3"),
        Sound(175, 15, "hum:G4 A4 B4 D5 B4 A4 G4 D4", id="hum"),
        Speech(194, "The courtesy car has to come back with a full tank, apparently.", ANDREA_RP, id="tank"),
        Screen(204, ("BOOKING CONFIRMED", "THU 8:30 AM", "DROP KEYS AT DESK 2", "REF AF-6093"), size=28,
               id="booked"),
    ),
    questions=(
        Q("hang on, what's up on my screen right now", "now", (r"quote|pad|disc|labou?r|248|total|valid",),
          about=("quote",), at=118, voice=ASK_ALEX),
        Q("what day can they take the car in", "said", (r"thursday|\bthu\b",), about=("booking",), voice=ASK_M8),
        Q("are they giving me something to drive while mine's in the garage", "yesno",
          (r"yes|courtesy|loan|replacement",), forbid=(DENIES,), about=("booking",), voice=ASK_STEPH3),
        Q("what did the quote come to in total", "shown", (r"248",), about=("quote",), voice=ASK_QUINCY),
        Q("erm, what was the job card number", "shown", (r"2 ?5 ?1 ?8",), about=("jobcard",), voice=ASK_NGUYEN),
        Q("when I first rang through there was a recorded message, what did it say", "heard",
          (r"desk|locate|calling|find|track",), forbid=(r"brake|pads",), about=("locate",), voice=ASK_ROB),
        Q("what was playing while I was on hold", "heard", (r"music|song|tune|melod",), forbid=(DENIES,),
          about=("hold_music",), voice=ASK_M8),
        Q("when did I mention the grinding noise", "when", about=("grinding",), voice=ASK_ALEX),
        Q("once the hold music stopped, what's the first thing that got said", "sound",
          (r"pad|disc|gareth|still here",), forbid=(r"wren|bike",), about=("pads1",), voice=ASK_STEPH3),
        Q("how many times did the brake pads get talked about", "count", (r"\b3\b|three times",),
          about=("pads1", "pads2", "pads3"), voice=ASK_QUINCY),
        Q("what was I saying just before that humming", "order", (r"back|rear|wheel|pads",),
          forbid=(r"tank|fuel|petrol",), about=("pads3",), voice=ASK_NGUYEN),
        Q("did they say how much the courtesy car costs", "never", decline=True, voice=ASK_ROB),
        Q("ugh, why is fixing a car always so expensive", "smalltalk", voice=ASK_ALEX),
    ),
)

DUMPLINGS = Stream(
    name="sealed-recipe-dumplings", split="sealed", video_source="screen",
    notes="following a dumpling recipe on screen: a title card, an ingredient list in very small print, "
          "singing, a word to a child near the hob, an ingredient swapped, the dough fixed after a long gap, "
          "radio music, a dipping-sauce card left up",
    events=(
        Screen(0, ("PORK & CHIVE DUMPLINGS", "MAKES 36", "PREP 45 MIN", "STEAM 12 MIN"), size=24, id="title"),
        Speech(3, "My grandmother used to fold these with a little pleat on one side, I never got the hang of it.",
               ANDREA_RP, id="grandmother"),
        Speech(16, "Okay, the recipe says two hundred grams of minced pork, and I've only got about one eighty.",
               GENE_WM, id="pork"),
        Sound(30, 16, "sung:ya da ya doo ya", id="singing"),
        Speech(50, "Milo, please don't touch the hob, it's still hot.", STEPH2_LAN, id="to_milo"),
        Screen(58, ("FILLING", "PORK MINCE 200 G", "CHIVES 1 BUNCH", "GINGER 2 TSP", "SOY SAUCE 3 TBSP",
                    "SESAME OIL 1 TSP"), size=13, background="#fffaf0", id="filling"),
        Speech(62, "I'm using spring onions instead of the chives, the shop had run out.", GENE_WM, id="swap"),
        Speech(75, "The wrappers keep tearing, I think the dough is too dry.", ANDREA_RP, id="dough1"),
        # a long quiet stretch of folding; the filling list stays up
        Speech(150, "Added a splash of water to the dough and it's much better now.", GENE_WM, id="dough2"),
        Sound(162, 18, "music:manolo_camp-morning_coffee", id="radio"),
        Speech(184, "Right, the first batch is in the steamer, timer's on for twelve minutes.", STEPH2_LAN,
               id="steamer"),
        Screen(198, ("DIPPING SAUCE", "BLACK VINEGAR", "CHILLI OIL", "GARLIC"), size=30, id="sauce"),
    ),
    questions=(
        Q("what's the recipe showing at the moment", "now", (r"filling|pork|chive|ginger|soy|sesame|mince",),
          about=("filling",), at=112, voice=ASK_STEPH3),
        Q("what did I use instead of the chives", "said", (r"spring onion|scallion|green onion",),
          about=("swap",), voice=ASK_M8),
        Q("how much pork did I actually have", "said", (r"\b180\b|\b1 80\b",), about=("pork",), voice=ASK_ROB),
        Q("how many dumplings is the recipe meant to make", "shown", (r"\b36\b",), about=("title",),
          voice=ASK_QUINCY),
        Q("was somebody singing in the kitchen earlier", "heard", (r"yes|sing|sang|song|tune",),
          forbid=(DENIES,), about=("singing",), voice=ASK_ALEX),
        Q("when did I say the wrappers were tearing", "when", about=("dough1",), voice=ASK_NGUYEN),
        Q("what did I say once the radio went off", "sound", (r"steam|timer|\b12\b|batch",),
          forbid=(r"water|splash",), about=("steamer",), voice=ASK_STEPH3),
        Q("how many things go into the filling, going by the list", "count", (r"\b5\b",), about=("filling",),
          voice=ASK_ROB),
        Q("what was the very first thing I talked about", "order", (r"grand|pleat|fold",), forbid=(r"pork",),
          about=("grandmother",), voice=ASK_M8),
        Q("did I manage to sort the dough out in the end", "yesno", (r"yes|water",), forbid=(DENIES,),
          about=("dough2",), voice=ASK_QUINCY),
        Q("did I say what I'm drinking with these", "never", decline=True, voice=ASK_ALEX),
        Q("and what's on the screen now", "now", (r"dipping|sauce|vinegar|chilli|chili|garlic",),
          forbid=(r"sesame|ginger",), about=("sauce",), voice=ASK_NGUYEN),
        Q("mm, these smell amazing. have you ever had dumplings", "smalltalk", voice=ASK_STEPH3),
    ),
)

TANDEM = Stream(
    name="sealed-language-exchange", split="sealed", video_source="screen",
    notes="a Portuguese-English tandem call: a recorded 'only participant' prompt, a partner card, a song she "
          "plays (music), a word to a flatmate, a phrase slide in very small print with a code, a long gap, "
          "humming, the next session brought up twice, a next-session card left up",
    events=(
        Screen(0, ("TANDEM CHAT", "PARTNER: BEATRIZ", "PORTO, PORTUGAL", "SESSION 9 OF 20"), size=22,
               id="profile"),
        Speech(2, recording="asterisk:confbridge-only-participant", id="alone"),
        Speech(9, "Oh, there she is. Ola Beatriz! Sorry, my camera froze for a second.", MIKE_CB, id="hello"),
        Speech(21, "She's a nurse in Porto, and she's practising her English for a job interview in Dublin.",
               ROBERT_SC, id="nurse"),
        Sound(35, 18, "music:macroform-the_simplicity", id="song"),
        Speech(57, "That was a fado song her grandfather loved, it's called Barco Negro.", ROBERT_SC, id="fado"),
        Speech(69, "Lorcan, could you keep it down a bit? I'm on a call.", F4_WM, id="to_lorcan"),
        Screen(77, ("PHRASES TO PRACTISE", "OBRIGADO = THANK YOU", "SAUDADE = LONGING",
                    "PASTEL DE NATA = CUSTARD TART", "HOMEWORK CODE PT-3476"), size=13, background="#eef7ee",
               id="phrases"),
        Speech(81, "I keep mixing up obrigado and obrigada, she says it depends on who's speaking.", MIKE_CB,
               id="obrigado"),
        # a long quiet stretch of repeating phrases; the phrase slide stays up
        Speech(155, "We're meeting again next Tuesday, same time, and it's my turn to pick the topic.", ROBERT_SC,
               id="next"),
        Sound(168, 14, "hum:C4 E4 D4 F4 E4 G4 F4 C4", id="hum"),
        Speech(186, "She asked me to correct her emails in English, which is only fair.", F4_WM, id="emails"),
        Speech(198, "I'll send her that article about football in Porto before Tuesday.", MIKE_CB, id="article"),
        Screen(210, ("NEXT SESSION", "TUESDAY 7 PM", "YOUR TOPIC: FOOD"), size=30, id="next_card"),
    ),
    questions=(
        Q("sorry, what's on the screen right now", "now",
          (r"phrase|obrigad|saudade|nata|custard|longing|3476|practi",), about=("phrases",), at=124,
          voice=ASK_QUINCY),
        Q("what does Beatriz do for work", "said", (r"nurse",), about=("nurse",), voice=ASK_ROB),
        Q("what did saudade mean, it was on one of the slides", "shown", (r"longing",), about=("phrases",),
          voice=ASK_M8),
        Q("there was an automated voice right when I joined, what did it say", "heard",
          (r"only|participant|conference",), about=("alone",), voice=ASK_ALEX),
        Q("she played me a song, what did I say about it afterwards", "sound", (r"fado|barco|negro|grandf",),
          about=("fado",), voice=ASK_STEPH3),
        Q("and what did I say right after the humming", "sound", (r"email|correct|fair",),
          forbid=(r"article|football",), about=("emails",), voice=ASK_NGUYEN),
        Q("when was I going on about obrigado and obrigada", "when", about=("obrigado",), voice=ASK_QUINCY),
        Q("how many times did Tuesday come up", "count", (r"\b2\b|twice",), about=("next", "article"),
          voice=ASK_ROB),
        Q("what was the last thing I said before the next session card came up", "order",
          (r"article|football",), forbid=(r"email",), about=("article",), voice=ASK_M8),
        Q("did we agree when we're meeting next", "yesno", (r"yes|tuesday",), forbid=(DENIES,), about=("next",),
          voice=ASK_ALEX),
        Q("did Beatriz say how old she is", "never", decline=True, voice=ASK_STEPH3),
        Q("do you think I'll ever actually get the hang of Portuguese", "smalltalk", voice=ASK_NGUYEN),
    ),
)

PARCELS = Stream(
    name="sealed-parcel-day", split="sealed", video_source="screen",
    notes="working from home while parcels arrive: a tracking list and a return label in very small print "
          "with letter-digit codes, a request to a housemate, radio music, a delayed parcel brought up twice, "
          "a long gap, singing, a parcel left with a neighbour, a to-do card left up",
    events=(
        Screen(0, ("DELIVERIES TODAY", "1  DESK LAMP  ARRIVED", "2  PRINTER INK  OUT FOR DELIVERY",
                   "3  HIKING BOOTS  DELAYED", "TRACKING ZQ-5830"), size=15, id="tracking"),
        Speech(3, "The desk lamp came first thing, the box was twice the size of the lamp.", ANIKA_NYC, id="lamp"),
        Speech(15, "Hamid, if the doorbell goes while I'm on the call, could you grab it?", PAUL_US, id="to_hamid"),
        Sound(27, 18, "music:macroform-robot_dity", id="radio"),
        Speech(49, "The boots are delayed again, that's the second time this week.", GENE_WM, id="boots1"),
        Screen(59, ("RETURN LABEL", "ITEM: RAIN JACKET, SIZE M", "REASON: TOO SMALL", "DROP OFF BY 4 DEC",
                    "RMA VH-7239"), size=13, background="#fff8f0", id="return"),
        Speech(63, "I need to drop the rain jacket at the post office before it shuts at half five.", ANIKA_NYC,
               id="jacket"),
        Speech(76, "The printer ink just turned up, the driver left it behind the bins.", PAUL_US, id="ink"),
        # a long quiet stretch of work; the return label stays up
        Speech(148, "Still nothing on the boots, I'm going to ring them after lunch.", GENE_WM, id="boots2"),
        Sound(160, 16, "sung:bum ba dee ya da", id="singing"),
        Speech(180, "My neighbour Mrs Adeyemi took in a parcel for me, a big flat one.", ANDREA_RP, id="neighbour"),
        Speech(192, "I think the flat one is the picture frame I ordered for mum's birthday.", ANIKA_NYC, id="frame"),
        Screen(204, ("TO DO", "RING BOOT SHOP", "POST OFFICE BY 5:30", "COLLECT FROM NO. 14"), size=30, id="todo"),
    ),
    questions=(
        Q("what've I got up on the screen now", "now", (r"return|jacket|rain|small|7239|label|rma|drop",),
          about=("return",), at=113, voice=ASK_NGUYEN),
        Q("where did the driver leave the ink", "said", (r"\bbins?\b",), about=("ink",), voice=ASK_STEPH3),
        Q("what's the tracking number on today's deliveries", "shown", (r"5 ?8 ?3 ?0",), about=("tracking",),
          voice=ASK_ROB),
        Q("was there music on at some point", "heard", (r"yes|music|radio|song|tune",), forbid=(DENIES,),
          about=("radio",), voice=ASK_QUINCY),
        Q("when did I say the printer ink turned up", "when", about=("ink",), voice=ASK_M8),
        Q("what did I say after the singing", "sound", (r"adeyemi|neighbou?r|parcel|flat",),
          forbid=(r"boot",), about=("neighbour",), voice=ASK_ALEX),
        Q("how many deliveries were on the list this morning", "count", (r"\b3\b",), about=("tracking",),
          voice=ASK_NGUYEN),
        Q("what was I talking about just before the ink arrived", "order",
          (r"jacket|post office|half five|5:30|return",), forbid=(r"boot",), about=("jacket",), voice=ASK_STEPH3),
        Q("did I figure out what the flat parcel was", "yesno", (r"yes|frame|picture",), forbid=(DENIES,),
          about=("frame",), voice=ASK_ROB),
        Q("did the boots turn up in the end", "never", decline=True, voice=ASK_QUINCY),
        Q("did anything need signing for", "never", decline=True, voice=ASK_M8),
        Q("honestly working from home beats the office, doesn't it", "smalltalk", voice=ASK_ALEX),
    ),
)

PHOTO_CLUB = Stream(
    name="sealed-camera-photo-club", split="sealed", video_source="camera",
    notes="a community hall camera before a photo club meets: a horse silhouette print goes up, a man in black "
          "with a tripod comes in, then a woman in orange; the print comes down and a mug is set down, the "
          "man leaves, then the woman; a note card is put by the mug, a quiet stretch, the cat wanders in",
    events=(
        *held(0, 12, "wall"),
        *held(12, 40, "sealed-horse", id="horse_in"),
        Speech(15, "Right, this month's theme is silhouettes, so the horse print goes up first.", ROBERT_SC,
               id="theme"),
        *held(40, 70, "sealed-horse+photographer", id="photographer_in"),
        Speech(44, "Morning Desmond, set your tripod up by the window, the light's better there.", ROBERT_SC,
               id="tripod"),
        *held(70, 100, "sealed-horse+photographer+member", id="member_in"),
        Speech(74, "Hi Ottilie, the entry forms are on the table by the door.", ROBERT_SC, id="forms1"),
        *held(100, 130, "sealed-mug+photographer+member", id="horse_out"),
        Speech(104, "I'll take the print down for now, we need that wall for the projector.", ROBERT_SC,
               id="projector"),
        *held(130, 160, "sealed-mug+member", id="photographer_out"),
        *held(160, 175, "sealed-mug", id="member_out"),
        Speech(164, "Ottilie forgot to fill in her entry form, I'll leave a note out for the others.", ROBERT_SC,
               id="forms2"),
        *with_note(held(175, 205, "sealed-mug", id="note"), CLUB_NOTE, size=18),
        # quiet, then the cat comes in and settles by the mug and the note
        *with_note(held(205, 235, "sealed-mug+cat", id="cat_in"), CLUB_NOTE, size=18),
    ),
    questions=(
        Q("when did the horse picture go up on the wall", "camera", about=("horse_in",), timed=True,
          voice=ASK_ROB),
        Q("what was the guy with the tripod wearing", "camera", (r"black|dark",), forbid=(r"orange",),
          about=("photographer_in",), voice=ASK_STEPH3),
        Q("what's the most people you saw in the room at one time", "camera", (r"\b2\b",), forbid=(r"\b3\b",),
          about=("member_in",), voice=ASK_M8),
        Q("roughly when did Ottilie get here", "camera", about=("member_in",), timed=True, voice=ASK_QUINCY),
        Q("and what colour was she wearing", "camera", (r"orange",), about=("member_in",),
          voice=ASK_ALEX),
        Q("when did you last see the horse picture", "camera", about=("horse_out",), timed=True,
          voice=ASK_NGUYEN),
        Q("did a dog come in at all", "camera", decline=True, forbid=(r"\byes\b",), voice=ASK_ROB),
        Q("what can you see right now", "camera", (r"cat|cup|mug|note|card",), forbid=(r"horse|motorcycle|orange",),
          about=("cat_in",), voice=ASK_STEPH3),
        Q("that note on the table, how many prints can each of us enter", "shown", (r"\b3\b",), about=("note",),
          voice=ASK_M8),
        Q("where did I tell Desmond to set up", "said", (r"window",), about=("tripod",), voice=ASK_QUINCY),
        Q("when did I say what the theme was", "when", about=("theme",), voice=ASK_ALEX),
        Q("how many times did I mention the entry forms", "count", (r"\b2\b|twice",), about=("forms1", "forms2"),
          voice=ASK_NGUYEN),
        Q("what was the last thing I said before I started asking you stuff", "order", (r"form|note|ottilie",),
          forbid=(r"projector|tripod",), about=("forms2",), voice=ASK_ROB),
        Q("did I say why the horse print came down", "yesno", (r"yes|projector|wall",), forbid=(DENIES,),
          about=("projector",), voice=ASK_STEPH3),
        Q("do you know much about photography yourself", "smalltalk", voice=ASK_M8),
    ),
)

STREAMS = (CAR_REPAIR, DUMPLINGS, TANDEM, PARCELS, PHOTO_CLUB)
