"""The SEALED4 memory-QA streams: written 2026-11-28 in the eighth session, after all eight other splits had been read.

Why a ninth split: dev, heldout, unseen, fresh, blind, sealed, sealed2 and sealed3 have all been scored,
read and tuned against, so none of them still measures how the assistant does on a stream nobody has
seen. These were written by a helper who never read the answer policy, the gate, the ASR, memory,
perception or any results, from the benchmark's format alone (script.py, media.py, camera.py,
camera_scenes.py, scoring.py, plan.py, report.py, memory_qa.py), with situations (sewing a child's
costume, a morning in a bird hide, a five-a-side captain's team call, booking a driving test between
theory revision, an evening painting class on camera), names, codes, espeak-ng voices and recorded
prompts none of the other splits use, and questions worded the way a new user speaks (fillers,
contractions, tag questions such as "isn't it?", follow-ups such as "and which yellow …?").

Score once, do not tune on it: score it one time, at the end of the eighth session, and do not read it
before then (not the coordinator, not whoever tunes); never edit it to make a run pass (a wrong answer
here is a finding). Remarks aimed at someone else in the room or on the call ("Ilse, can you …",
"Femi, can you …", "Lars, please …", "Anouk, can you …", "Caspar, can you …", "Rupert, could you …")
must not be answered; the camera stream uses the camera benchmark's photo cut-outs (a horse picture,
the woman in orange, the man in black, the cat, a mug) with a note card on the table for its last
stretch.

Scored once, at e93c4f5 at the end of the eighth session: 41/91 (benchmarks/README.md); read since.
"""
from __future__ import annotations

from benchmarks.camera_scenes import Placed as P
from benchmarks.memqa.camera import LAYOUTS, NOISE_EVERY_S, held
from benchmarks.memqa.script import Question as Q
from benchmarks.memqa.script import Screen, Sound, Speech, Stream, Voice
from benchmarks.memqa.sealed import with_note

# remark voices: accent + espeak-ng variant + speed + pitch, none used by the other splits
SEWER_RP = Voice("en-gb-x-rp+f1", 155, 63)
BIRDER_SC = Voice("en-gb-scotland+m1", 150, 42)
CAPTAIN_NYC = Voice("en-us-nyc+m1", 165, 46)
KWAME_CB = Voice("en-029+m3", 160, 44)
LEARNER_CB = Voice("en-029+f5", 155, 60)
TUTOR_LAN = Voice("en-gb-x-gbclan+Marcelo", 155, 46)
# question voices
ASK_M1_US = Voice("en-us+m1", 165, 48)
ASK_F3_SC = Voice("en-gb-scotland+f3", 160, 62)
ASK_M2_WM = Voice("en-gb-x-gbcwmd+m2", 165, 46)
ASK_F2_US = Voice("en-us+f2", 170, 60)
ASK_M5_RP = Voice("en-gb-x-rp+m5", 170, 42)
ASK_F1_LAN = Voice("en-gb-x-gbclan+f1", 165, 60)
ASK_PABLO_GB = Voice("en-gb+pablo", 160, 47)
ASK_M6_CB = Voice("en-029+m6", 165, 42)
ASK_M1_GB = Voice("en-gb+m1", 165, 45)
ASK_GRANDMA_US = Voice("en-us+grandma", 150, 58)

COSTUME = Stream(
    name="sealed4-costume-sewing", split="sealed4",
    notes="sewing a fox costume for a school play: a pattern, measurements, a fabric basket, the radio, "
          "singing along, a to-do list, a fitting card left up",
    events=(
        Screen(0, ("PATTERN: FOX COSTUME", "Size: age 7-8", "Pattern no. SV-2184", "Fabric: 1.5 m orange jersey"),
               size=32, id="pattern"),
        Speech(3, "Right, the fox costume for Noa's school play. I measured her this morning, her chest is "
                  "sixty one centimetres.", SEWER_RP, id="chest"),
        Speech(15, "The play is on the twentieth, so I've got just under two weeks to finish it.", SEWER_RP,
               id="play_date"),
        Sound(26, 14, "music:manolo_camp-morning_coffee", id="radio"),
        Speech(43, "Okay, radio's off. The tail needs a white tip, and I've completely run out of white fur.",
               SEWER_RP, id="tail"),
        Screen(55, ("FABRIC SHOP - BASKET", "Orange jersey 2 m   £13.80", "White faux fur 0.5 m   £6.25",
                    "Black felt sheet   £1.20", "Order: FB-55917"), size=28, id="cart"),
        Speech(58, "I went for two metres of the jersey in the end, just to be safe.", SEWER_RP, id="two_m"),
        Speech(70, "Ilse, can you hold the tape measure at her shoulder for me?", SEWER_RP, id="ilse"),
        Speech(80, "Shoulder to wrist is forty three, so the sleeves will need taking in a bit.", SEWER_RP,
               id="sleeve"),
        Sound(91, 12, "sung:mi fa so fa mi re", id="singing"),
        Speech(106, "Noa wants floppy ears, not pointy ones. I'll line them with the black felt.", SEWER_RP,
               id="ears"),
        Screen(118, ("TO DO", "1. Cut body panels", "2. Sew on tail", "3. Ears and hood", "4. Buttons x5"),
               size=32, id="todo"),
        Speech(121, "I need five buttons for the front, the wooden ones from Grandma's tin.", SEWER_RP,
               id="buttons"),
        Speech(132, "Oh, and the dress rehearsal got moved to Tuesday after school.", SEWER_RP, id="rehearsal"),
        Screen(155, ("FITTING", "Saturday 10:30", "Remember: safety pins!"), id="fitting"),
        Speech(158, "Fitting's on Saturday morning. That's everything for tonight, my fingers are sore.", SEWER_RP,
               id="done"),
    ),
    questions=(
        Q("what's up on the screen at the moment?", "now", (r"to ?do|body panel|tail|hood|button",),
          forbid=(r"basket|jersey|\bfur\b|fitting",), about=("todo",), voice=ASK_M1_US, at=143),
        Q("how big did I say her chest was?", "said", (r"\b61\b",), about=("chest",), voice=ASK_M1_US),
        Q("remind me, how much jersey did I end up getting?", "said", (r"\b2 ?(m\b|metre|meter)",),
          about=("two_m",), voice=ASK_F3_SC),
        Q("and what kind of buttons was I gonna use?", "said", (r"wood",), about=("buttons",), voice=ASK_F3_SC),
        Q("what was the order number for the fabric?", "shown", (r"fb\W*55917|55917",), about=("cart",),
          voice=ASK_M1_US),
        Q("which pattern number was the fox one?", "shown", (r"sv\W*2184|2184",), about=("pattern",),
          voice=ASK_F3_SC),
        Q("when did I talk about the floppy ears?", "when", about=("ears",), voice=ASK_M1_US),
        Q("um, when was I measuring her sleeve?", "when", about=("sleeve",), voice=ASK_F3_SC),
        Q("what's the last thing I said tonight?", "order", (r"sore|finger|everything for tonight|fitting",),
          about=("done",), voice=ASK_M1_US),
        Q("what did I say once the radio was off?", "sound", (r"tail|white|\bfur\b",), about=("tail",),
          voice=ASK_F3_SC),
        Q("was there music on at some point?", "heard", (r"yes|music|radio",), about=("radio",), voice=ASK_M1_US),
        Q("did you hear me singing?", "heard", (r"yes|sing",), about=("singing",), voice=ASK_F3_SC),
        Q("how many things are on my to-do list?", "count", (r"\b4\b",), about=("todo",), voice=ASK_M1_US),
        Q("the play's on the twentieth, isn't it?", "yesno", (r"yes|\b20\b",), about=("play_date",),
          voice=ASK_F3_SC),
        Q("did I say what colour her tights should be?", "never", decline=True, voice=ASK_M1_US),
        Q("hmm, how long was the zip on the pattern?", "never", decline=True, voice=ASK_F3_SC),
        Q("sewing is so fiddly, honestly", "smalltalk", voice=ASK_M1_US),
        Q("what's on the screen now?", "now", (r"fitting|saturday|10\W*30|safety pin",),
          forbid=(r"to ?do|basket|jersey",), about=("fitting",), voice=ASK_F3_SC),
    ),
)

BIRD_HIDE = Stream(
    name="sealed4-bird-hide", split="sealed4",
    notes="a morning in a reservoir bird hide: a visit card, a tally, humming, a kingfisher, a rare-sighting "
          "alert, music from a phone next door, the warden's news, a lunch plan left up",
    events=(
        Screen(0, ("WETLAND RESERVE - HIDE 3", "Observer: R. Lindqvist", "Visit code: WR-3308", "Sunrise 07:21"),
               size=32, id="hide"),
        Speech(3, "Made it to hide three before sunrise. The car park code was four four one nine, by the way.",
               BIRDER_SC, id="carpark"),
        Speech(15, "Three little grebes on the near bank, and a heron standing completely still.", BIRDER_SC,
               id="grebes"),
        Screen(25, ("TALLY", "Little grebe   3", "Grey heron   1", "Teal   14", "Cormorant   2"), size=32,
               id="tally"),
        Speech(28, "Fourteen teal on the water, I counted them twice.", BIRDER_SC, id="teal"),
        Sound(37, 12, "hum:A4 C5 E5 C5 B4 G4 A4 E4", id="humming"),
        Speech(52, "Sorry, I'll stop humming, I'll scare everything off. Oh, a kingfisher just flew past the "
                   "left post!", BIRDER_SC, id="kingfisher"),
        Speech(65, "Femi, can you pass me the flask? My hands are frozen.", BIRDER_SC, id="femi"),
        Screen(84, ("RARE SIGHTING ALERT", "Bittern - reedbed by Hide 5", "Reported 07:42", "Ref: BX-619"),
               size=30, id="alert"),
        Speech(87, "A bittern at hide five! That's a proper rarity round here, we should walk over after lunch.",
               BIRDER_SC, id="bittern"),
        Sound(99, 15, "music:macroform-the_simplicity", id="music"),
        Speech(117, "Quiet again. The warden said the reedbed path closes at four because of flooding.",
               BIRDER_SC, id="warden"),
        Speech(129, "That heron still hasn't moved. I think it's asleep standing up.", BIRDER_SC, id="heron"),
        Screen(139, ("LUNCH PLAN", "Cafe opens 11:30", "Walk to Hide 5: 25 min", "Bring: scope + tripod"),
               size=32, id="lunch"),
        Speech(142, "The cafe opens at half eleven. I'm having the soup this time, not the pasty.", BIRDER_SC,
               id="soup"),
    ),
    questions=(
        Q("hey, what's on screen right now?", "now", (r"tally|teal|grebe|heron|cormorant",),
          forbid=(r"bittern|lunch|cafe",), about=("tally",), voice=ASK_M2_WM, at=75),
        Q("what was the car park code again?", "said", (r"4\W*4\W*1\W*9",), about=("carpark",), voice=ASK_M2_WM),
        Q("how many teal did I say I counted?", "said", (r"\b14\b",), about=("teal",), voice=ASK_F2_US),
        Q("so what did the warden say about the path?", "said", (r"\b4\b|flood",), about=("warden",),
          voice=ASK_M2_WM),
        Q("what was the ref on that rare sighting alert?", "shown", (r"bx\W*619|619",), about=("alert",),
          voice=ASK_F2_US),
        Q("which hide was the bittern at?", "shown", (r"\b5\b",), about=("alert",), voice=ASK_M2_WM),
        Q("how many different birds were on the tally?", "count", (r"\b4\b",), about=("tally",), voice=ASK_F2_US),
        Q("what did I say after that music?", "sound", (r"warden|path|reedbed|flood|\b4\b",), about=("warden",),
          voice=ASK_M2_WM),
        Q("and what did I say once I'd stopped humming?", "sound", (r"kingfisher",), about=("kingfisher",),
          voice=ASK_F2_US),
        Q("was somebody humming earlier?", "heard", (r"yes|humm",), about=("humming",), voice=ASK_M2_WM),
        Q("when did I spot the kingfisher?", "when", about=("kingfisher",), voice=ASK_F2_US),
        Q("which one did I mention first, the heron or the kingfisher?", "order", (r"heron",),
          forbid=(r"^\W*(the )?kingfisher",), about=("grebes",), voice=ASK_M2_WM),
        Q("I did say I'd have the soup, didn't I?", "yesno", (r"yes|soup",), about=("soup",), voice=ASK_F2_US),
        Q("I saw a kingfisher, right?", "yesno", (r"yes|kingfisher",), about=("kingfisher",), voice=ASK_M2_WM),
        Q("did I see any owls?", "never", forbid=(r"\byes\b",), decline=True, voice=ASK_F2_US),
        Q("what was the wind speed this morning?", "never", decline=True, voice=ASK_M2_WM),
        Q("it's absolutely freezing in here", "smalltalk", voice=ASK_F2_US),
        Q("and what's on the screen now?", "now", (r"lunch|cafe|11\W*30|scope|tripod|\b25\b",),
          forbid=(r"bittern|tally",), about=("lunch",), voice=ASK_M2_WM),
    ),
)

FIVE_A_SIDE = Stream(
    name="sealed4-five-a-side-call", split="sealed4",
    notes="a five-a-side captain's team call: a conference prompt, the fixture, a teammate joins, the team "
          "sheet, chanting, subs money, a playlist, kit and a meeting point left up",
    events=(
        Screen(0, ("SUNDAY LEAGUE - DIV 2", "Red Lions v Canal Street FC", "Kick-off 14:15", "Pitch 6, Hollins Park"),
               size=32, id="fixture"),
        Speech(1, recording="asterisk:conf-onlyperson", id="only"),
        Speech(7, "Classic, nobody's joined yet. Right, we play Canal Street on Sunday, kick off is quarter past "
                  "two.", CAPTAIN_NYC, id="kickoff"),
        Speech(18, "Hey, it's Kwame, sorry I'm late. My knee's still sore, so put me in goal.", KWAME_CB,
               id="kwame"),
        Speech(28, "No worries Kwame, you're in goal then. Jonno can play up front.", CAPTAIN_NYC, id="goal"),
        Screen(38, ("TEAM SHEET", "GK   Kwame   #1", "DEF   Anouk   #4", "MID   Lars   #8", "FWD   Jonno   #9",
                    "SUB   Tevita   #12"), size=28, id="team"),
        Speech(41, "Tevita's sub this week, he only gets back from holiday on Saturday night.", CAPTAIN_NYC,
               id="tevita"),
        Sound(51, 12, "sung:o le o le o la", id="chant"),
        Speech(66, "Ha, Lars, please stop singing, save it for Sunday.", CAPTAIN_NYC, id="lars"),
        Speech(75, "Subs are six pounds each this week, because the pitch went up to thirty.", CAPTAIN_NYC,
               id="subs"),
        Screen(85, ("SUBS TRACKER", "Paid: Anouk, Lars, Kwame", "Owes: Jonno, Tevita", "Pitch fee: £30",
                    "Booking ref: HP-2760"), size=28, id="subs_screen"),
        Speech(88, "Jonno and Tevita still owe me. I'll chase them after training.", CAPTAIN_NYC, id="owe"),
        Sound(103, 15, "music:macroform-robot_dity", id="playlist"),
        Speech(121, "Okay, playlist off. We're wearing the yellow away kit, because Canal Street play in red.",
               CAPTAIN_NYC, id="kit"),
        Speech(132, "Anouk, can you bring the pump? Two of the balls are flat.", CAPTAIN_NYC, id="anouk"),
        Screen(142, ("MEET", "Hollins Park, gate B", "13:30 sharp", "Bring: shin pads, water"), id="meet"),
        Speech(145, "Meet at gate B at half one, not at the cafe like last time.", CAPTAIN_NYC, id="gate"),
    ),
    questions=(
        Q("uh, what's on the screen right now?", "now", (r"subs|paid|owe|pitch fee|hp\W*2760|booking",),
          forbid=(r"team sheet|\bmeet\b",), about=("subs_screen",), voice=ASK_M5_RP, at=97),
        Q("what did that automated voice say right at the start?", "heard",
          (r"only (person|1|participant|one)|nobody else|no one else",), about=("only",), voice=ASK_M5_RP),
        Q("who was singing, do you know?", "heard", (r"lars",), about=("lars",), voice=ASK_F1_LAN),
        Q("what did Kwame say about his knee?", "said", (r"sore|goal",), about=("kwame",), voice=ASK_M5_RP),
        Q("how much are subs this week?", "said", (r"\b6\b",), about=("subs",), voice=ASK_F1_LAN),
        Q("what number shirt is Lars wearing?", "shown", (r"\b8\b",), about=("team",), voice=ASK_M5_RP),
        Q("who's playing in defence?", "shown", (r"anouk",), about=("team",), voice=ASK_F1_LAN),
        Q("what's the booking ref for the pitch?", "shown", (r"hp\W*2760|2760",), about=("subs_screen",),
          voice=ASK_M5_RP),
        Q("how many players were on the team sheet?", "count", (r"\b5\b",), about=("team",), voice=ASK_F1_LAN),
        Q("how many of them still owe me money?", "count", (r"\b2\b",), about=("subs_screen", "owe"),
          voice=ASK_M5_RP),
        Q("what did I say after the playlist finished?", "sound", (r"yellow|away kit|\bkit\b",), about=("kit",),
          voice=ASK_F1_LAN),
        Q("when did Kwame join the call?", "when", about=("kwame",), voice=ASK_M5_RP),
        Q("which came up first, the team sheet or the subs tracker?", "order", (r"team",),
          forbid=(r"^\W*(the )?subs",), about=("team",), voice=ASK_F1_LAN),
        Q("we're wearing the yellow kit, yeah?", "yesno", (r"yes|yellow",), about=("kit",), voice=ASK_M5_RP),
        Q("did I say who's refereeing?", "never", decline=True, voice=ASK_F1_LAN),
        Q("what was the score last week?", "never", decline=True, voice=ASK_M5_RP),
        Q("do you reckon we'll win on Sunday?", "smalltalk", voice=ASK_F1_LAN),
        Q("what's up on the screen now?", "now", (r"\bmeet|gate|13\W*30|shin|water",),
          forbid=(r"subs tracker|team sheet",), about=("meet",), voice=ASK_M5_RP),
    ),
)

DRIVING = Stream(
    name="sealed4-driving-test-booking", split="sealed4",
    notes="theory revision: a mock test score, a stopping-distance chart, a call to the test centre (a busy "
          "prompt, hold music, a thank-you prompt), the practical booked, humming, road signs, a revision plan",
    events=(
        Screen(0, ("THEORY MOCK TEST 3", "Score: 43 / 50", "Pass mark: 43", "Hazard clips: 61 / 75"), size=32,
               id="mock"),
        Speech(3, "Forty three out of fifty. That's exactly the pass mark, way too close for comfort.", LEARNER_CB,
               id="score"),
        Speech(14, "I keep getting stopping distances wrong. At seventy miles an hour it's ninety six metres.",
               LEARNER_CB, id="stopping"),
        Screen(25, ("STOPPING DISTANCES", "20 mph: 12 m", "30 mph: 23 m", "40 mph: 36 m", "50 mph: 53 m"),
               size=30, id="distances"),
        Speech(28, "Caspar, can you quiz me on these after dinner?", LEARNER_CB, id="caspar"),
        Speech(37, "Right, ringing the test centre to book my practical.", LEARNER_CB, id="ringing"),
        Speech(44, recording="asterisk:all-circuits-busy-now", id="busy"),
        Sound(48, 15, "music:reno_project-system", id="hold"),
        Speech(65, recording="asterisk:queue-thankyou", id="patience"),
        Speech(69, "Hi, I'd like to book a practical test please. My provisional licence number ends in four "
                   "eight two.", LEARNER_CB, id="licence"),
        Speech(81, "Great, so that's the twelfth of February at eight forty in the morning, at Ridgeway.",
               LEARNER_CB, id="booked"),
        Screen(90, ("PRACTICAL TEST BOOKED", "Wed 12 Feb, 08:40", "Centre: Ridgeway", "Booking: DVT-70318"),
               size=30, id="booking"),
        Sound(97, 12, "hum:C4 E4 G4 E4 F4 D4 B3 C4", id="humming"),
        Speech(112, "My instructor, Mrs Adebayo, wants two more lessons before the test, mostly roundabouts.",
               LEARNER_CB, id="instructor"),
        Screen(122, ("ROAD SIGNS", "Red circle: must not", "Blue circle: must do", "Triangle: warning",
                     "Rectangle: information"), size=30, id="signs"),
        Speech(125, "Blue circles tell you what you must do, red circles what you must not.", LEARNER_CB,
               id="circles"),
        Speech(141, "My lesson on Saturday is at nine, she's picking me up from the library.", LEARNER_CB,
               id="saturday"),
        Screen(152, ("REVISION PLAN", "Mon: hazard clips", "Tue: road signs", "Wed: mock test 4"), id="plan"),
        Speech(155, "Okay, that's the plan. Mock test four on Wednesday, and I want at least forty seven.",
               LEARNER_CB, id="goal"),
    ),
    questions=(
        Q("what's on my screen at the moment?", "now", (r"sign|circle|triangle|rectangle",),
          forbid=(r"booked|stopping|revision",), about=("signs",), voice=ASK_PABLO_GB, at=135),
        Q("what did I get on the mock test?", "said", (r"\b43\b",), about=("score", "mock"), voice=ASK_PABLO_GB),
        Q("what's the stopping distance at seventy again?", "said", (r"\b96\b",), about=("stopping",),
          voice=ASK_M6_CB),
        Q("on that chart, what's the stopping distance at forty?", "shown", (r"\b36\b",),
          forbid=(r"\b23\b|\b53\b",), about=("distances",), voice=ASK_PABLO_GB),
        Q("what was the booking reference for the practical?", "shown", (r"dvt\W*70318|70318",),
          about=("booking",), voice=ASK_M6_CB),
        Q("which test centre is it at?", "shown", (r"ridgeway",), about=("booking", "booked"), voice=ASK_PABLO_GB),
        Q("what did the recorded message say when I rang?", "heard", (r"circuits|busy|patience",),
          about=("busy", "patience"), voice=ASK_M6_CB),
        Q("was there music while I was on hold?", "heard", (r"yes|music",), about=("hold",), voice=ASK_PABLO_GB),
        Q("what did I say after the hold music?", "sound", (r"book|practical|licen[cs]e|4\W*8\W*2",),
          about=("licence",), voice=ASK_M6_CB),
        Q("after I'd been humming, what did I say?", "sound", (r"instructor|adebayo|lesson|roundabout",),
          about=("instructor",), voice=ASK_PABLO_GB),
        Q("when did I book the test?", "when", about=("booked",), voice=ASK_M6_CB),
        Q("when did I mention roundabouts?", "when", about=("instructor",), voice=ASK_PABLO_GB),
        Q("what was the very first thing I said?", "order", (r"\b43\b|pass mark|close",), about=("score",),
          voice=ASK_M6_CB),
        Q("how many more lessons does my instructor want?", "count", (r"\b2\b",), about=("instructor",),
          voice=ASK_PABLO_GB),
        Q("the lesson on Saturday's at nine, right?", "yesno", (r"yes|\b9\b",), about=("saturday",),
          voice=ASK_M6_CB),
        Q("did I say what car I'm learning in?", "never", decline=True, voice=ASK_PABLO_GB),
        Q("what did I score on my first mock test?", "never", decline=True, voice=ASK_M6_CB),
        Q("wish me luck, I'm so nervous about this", "smalltalk", voice=ASK_PABLO_GB),
        Q("what's the screen showing now?", "now", (r"revision|plan|hazard|mock|road sign",),
          forbid=(r"booked|stopping",), about=("plan",), voice=ASK_M6_CB),
    ),
)

_HORSE = P("horse", 250, 15, 130)
_MARISOL = P("astronaut", 10, 50, 300)
_RUPERT = P("cameraman", 420, 40, 320)
_CAT = P("cat", 230, 220, 140)
_MUG = P("cup", 60, 255, 100)
LAYOUTS.update({
    "sealed4-horse": (_HORSE,),
    "sealed4-horse+marisol": (_HORSE, _MARISOL),
    "sealed4-horse+marisol+rupert": (_HORSE, _MARISOL, _RUPERT),
    "sealed4-horse+marisol+rupert+cat": (_HORSE, _MARISOL, _RUPERT, _CAT),
    "sealed4-horse+rupert+cat": (_HORSE, _RUPERT, _CAT),
    "sealed4-horse+rupert+cat+mug": (_HORSE, _RUPERT, _CAT, _MUG),
    "sealed4-horse+mug": (_HORSE, _MUG),
})

CLASS_NOTE = ("NEXT WEEK: STILL LIFE", "BRING: A3 SKETCHBOOK", "FEE: 12 POUNDS")

PAINTING = Stream(
    name="sealed4-camera-painting-class", split="sealed4", video_source="camera",
    notes="an evening painting class: a horse picture pinned up, a student (orange) arrives, a new student "
          "(black), the cat wanders in, the first student leaves early, a mug and next week's note are left",
    events=(
        *held(0, 12, "wall", id="empty"),
        Speech(2, "Okay, easels are up and the paper's taped down. Class starts in a few minutes.", TUTOR_LAN,
               id="ready"),
        *held(12, 42, "sealed4-horse", id="horse_up"),
        Speech(15, "I've pinned up the horse picture, that's what we're painting tonight.", TUTOR_LAN,
               id="horse_said"),
        *held(42, 78, "sealed4-horse+marisol", id="marisol_in"),
        Speech(45, "Evening Marisol! Grab any easel you like.", TUTOR_LAN, id="hi"),
        Speech(57, "Tonight we're only using three colours: burnt sienna, ultramarine blue and lemon yellow.",
               TUTOR_LAN, id="colours"),
        *held(78, 108, "sealed4-horse+marisol+rupert", id="rupert_in"),
        Speech(81, "And this is Rupert, he's new. Welcome, Rupert.", TUTOR_LAN, id="rupert_hi"),
        Speech(93, "Rupert, could you shut the window behind you? It's freezing.", TUTOR_LAN, id="window"),
        *held(108, 138, "sealed4-horse+marisol+rupert+cat", id="cat_in"),
        Speech(111, "Oh, Bramble the cat has wandered in. Ignore her, she just likes the smell of the paint.",
               TUTOR_LAN, id="bramble"),
        *held(138, 162, "sealed4-horse+rupert+cat", id="marisol_out"),
        Speech(141, "Marisol had to dash off for her bus. She'll finish the sky at home.", TUTOR_LAN, id="bus"),
        *with_note(held(162, 186, "sealed4-horse+rupert+cat+mug", id="mug_in"), CLASS_NOTE, 26),
        Speech(165, "I've left the note for next week on the table, by Rupert's tea.", TUTOR_LAN, id="note_said"),
        *with_note(held(186, 186 + 5 * NOISE_EVERY_S, "sealed4-horse+mug", id="all_out"), CLASS_NOTE, 26),
    ),
    questions=(
        Q("when did Marisol turn up?", "camera", about=("marisol_in",), timed=True, voice=ASK_M1_GB),
        Q("what was she wearing, colour-wise?", "camera", (r"orange",), forbid=(r"black",), about=("marisol_in",),
          voice=ASK_M1_GB),
        Q("and the new guy, Rupert, what colour was his top?", "camera", (r"black|dark",), forbid=(r"orange",),
          about=("rupert_in",), voice=ASK_GRANDMA_US),
        Q("how many people were there when the cat came in?", "camera", (r"\b2\b",), about=("cat_in",),
          voice=ASK_M1_GB),
        Q("when did the cat wander in?", "camera", about=("cat_in",), timed=True, voice=ASK_GRANDMA_US),
        Q("when did Marisol leave?", "camera", about=("marisol_out",), timed=True, voice=ASK_M1_GB),
        Q("did the neighbour's dog come in at all?", "camera", decline=True, voice=ASK_GRANDMA_US),
        Q("was anybody holding a paintbrush?", "camera", decline=True, voice=ASK_M1_GB),
        Q("what can you see right now?", "camera", (r"horse|cup|mug",), forbid=(r"\bcat\b",), about=("all_out",),
          voice=ASK_GRANDMA_US),
        Q("is anyone still in the room now?", "camera", decline=True, voice=ASK_M1_GB),
        Q("what do I need to bring next week, going by the note?", "shown", (r"sketch ?book",),
          about=("mug_in", "all_out"), voice=ASK_GRANDMA_US),
        Q("how much is the fee on that note?", "shown", (r"\b12\b",), about=("mug_in", "all_out"),
          voice=ASK_M1_GB),
        Q("who got here first, Marisol or Rupert?", "order", (r"marisol|woman|orange",), forbid=(r"^\W*rupert",),
          about=("marisol_in",), voice=ASK_GRANDMA_US),
        Q("what did I say we're painting tonight?", "said", (r"horse",), about=("horse_said",), voice=ASK_M1_GB),
        Q("and which yellow did I say we're using?", "said", (r"lemon",), about=("colours",),
          voice=ASK_GRANDMA_US),
        Q("I said the cat likes the smell of paint, didn't I?", "yesno", (r"yes|smell|paint",), about=("bramble",),
          voice=ASK_M1_GB),
        Q("did I mention how much the paper costs?", "never", decline=True, voice=ASK_GRANDMA_US),
        Q("cheers, that's really handy", "smalltalk", voice=ASK_M1_GB),
    ),
)

STREAMS = (COSTUME, BIRD_HIDE, FIVE_A_SIDE, DRIVING, PAINTING)
