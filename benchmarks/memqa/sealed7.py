"""The SEALED7 memory-QA streams: written 2026-12-08 in the eleventh session by a helper from the format alone.

Why a twelfth split: dev, heldout, unseen, fresh, blind, sealed and sealed2-sealed6 have all been scored and read
(and tuned on), so none of them still measures how the assistant does on a stream nobody has seen. These were
written by a helper who never read the answer policy, the gate, the ASR, memory, perception, reasoning, the server,
any other split's situations or questions, or any results: only the benchmark's format (script.py, media.py,
camera.py, camera_scenes.py, scoring.py, plan.py, report.py, memory_qa.py, with_note in sealed.py (the grep that
found it also showed sealed.py's imports and the opening lines of its first stream), and sealed6.py as the model of
a split file). The situations (viewing a flat to rent with the landlord, ringing the broadband provider about a
connection that keeps dropping, a garden-centre trip for a balcony, an English-Portuguese language-exchange video
call, Sunday lunch being cooked in a kitchen on camera), names, codes, espeak-ng voices (accent + variant + speed +
pitch) and recorded clips are none that sealed6 uses (the LibriVox lines are two other lines of the one installed
audiobook; the hold and background music reuses the five installed asterisk tracks), and the questions are worded
the way a new user speaks (fillers, contractions, tag questions such as "doesn't it?", follow-ups such as "and what
time?", vague times such as "earlier" or "at the start", small talk as questions and as statements, several
questions about things that never happened, "now" questions about the screen and the camera). Each stream has
255-278 s of content with a long quiet stretch (about 70-85 s without a remark) with a screen up.

Score once, do not tune on it: score it one time, at the end of the eleventh session, unread (not the
coordinator, not whoever tunes, reads it before then); do not tune on it; never edit it to make a run pass (a
wrong answer here is a finding). Remarks aimed at someone else in the room or on the call ("Ines, can you …",
"Kwame, can you …", "Callum, can you …", "Saoirse, can you …", "Declan, can you …") must not be answered.
The camera stream uses the camera benchmark's photo cut-outs (the horse, put up as a calendar picture, a coffee
cup as a mug, the man in black, the cat, the woman in orange) with a note card on the counter for its last
stretch; the motorcycle cut-out is never shown.

Over 400 lines: five streams of 19-20 questions each, kept in one file so the split is written, read and
sealed as one.

Scored once, at adb6414 in the eleventh session: 53/99 (benchmarks/README.md); read since.
"""
from __future__ import annotations

from benchmarks.camera_scenes import Placed as P
from benchmarks.memqa.camera import LAYOUTS, held
from benchmarks.memqa.script import Question as Q
from benchmarks.memqa.script import Screen, Sound, Speech, Stream, Voice
from benchmarks.memqa.sealed import with_note

# remark voices: accent + espeak-ng variant + speed + pitch, none of which sealed6 or camera.py uses (British
# voices with a variant are written "en-gb-x-…+v", "en-gb-scotland+v" or "en+v": "en-gb+v" drops the variant)
VIEWER_US = Voice("en-us+f1", 155, 57)
LANDLORD_WM = Voice("en-gb-x-gbcwmd+m2", 150, 42)
CALLER_SC = Voice("en-gb-scotland+m1", 160, 48)
AGENT_NYC = Voice("en-us-nyc+f1", 165, 60)
SHOPPER_RP = Voice("en-gb-x-rp+f1", 150, 63)
STAFF_LAN = Voice("en-gb-x-gbclan+m2", 155, 44)
TANNOY_US = Voice("en-us+m1", 145, 40)
LEARNER_US = Voice("en-us+m5", 165, 47)
PARTNER_CB = Voice("en-029+f1", 150, 64)
COOK_EN = Voice("en+m5", 155, 46)
# question voices
ASK_F2_RP = Voice("en-gb-x-rp+f2", 160, 59)
ASK_M2_US = Voice("en-us+m2", 170, 46)
ASK_F1_SC = Voice("en-gb-scotland+f1", 160, 61)
ASK_M1_NYC = Voice("en-us-nyc+m1", 165, 44)
ASK_M1_CB = Voice("en-029+m1", 160, 47)
ASK_F2_WM = Voice("en-gb-x-gbcwmd+f2", 160, 60)
ASK_M2_EN = Voice("en+m2", 165, 45)
ASK_F1_LAN = Voice("en-gb-x-gbclan+f1", 160, 62)
ASK_F2_US = Voice("en-us+f2", 165, 58)
ASK_M5_NYC = Voice("en-us-nyc+m5", 160, 45)

FLAT = Stream(
    name="sealed7-flat-viewing", split="sealed7",
    notes="viewing a flat to rent with the landlord and a friend: the listing in small print, music through the "
          "wall, the bins, a bike-shed code, two requests to the friend, the tenancy terms up through a long quiet "
          "stretch, humming, the friend singing in the bathroom, viewing notes left up",
    events=(
        Screen(0, ("TO LET: FLAT 4B", "27 Harrow Street, 2nd floor", "2 bedrooms, 1 bathroom", "Rent £1,150 pcm",
                   "Deposit: 5 weeks", "Ref: HL-3390"), size=18, id="listing"),
        Speech(3, "Okay, we're here to view flat four B on Harrow Street. The landlord's called Mr Pellegrini.",
               VIEWER_US, id="arrive"),
        Speech(14, "Come in, come in. Mind the step, the hallway light's on a timer.", LANDLORD_WM, id="step"),
        Speech(23, "Ines, can you take a photo of the boiler for me? It's in the cupboard by the door.", VIEWER_US,
               id="ines_boiler"),
        Speech(33, "The boiler's only two years old. It was serviced in March.", LANDLORD_WM, id="boiler"),
        Sound(43, 12, "music:macroform-robot_dity", id="wall_music"),
        Speech(58, "Sorry about the noise. The lad upstairs plays his music loud on Sundays, but it's off by nine.",
               LANDLORD_WM, id="upstairs"),
        Speech(70, "The bins go out on Wednesday night, green for recycling and black for everything else.",
               LANDLORD_WM, id="bins"),
        Speech(81, "Is there anywhere to keep a bike?", VIEWER_US, id="bike_ask"),
        Speech(87, "There's a locked shed out the back. The padlock code is eight one five zero.", LANDLORD_WM,
               id="shed"),
        Speech(98, "Ines, can you check if the shower's got decent pressure?", VIEWER_US, id="ines_shower"),
        Speech(106, "The rent includes water, but council tax and electricity are on you.", LANDLORD_WM,
               id="bills"),
        Screen(118, ("TENANCY TERMS", "Minimum term: 12 months", "No smoking", "Pets: ask first",
                     "Move-in from 3 Feb", "Holding fee £265"), size=18, id="terms"),
        Speech(121, "He's sent over the tenancy terms. I'll give them a proper read.", VIEWER_US, id="terms_read"),
        # a long quiet stretch; the tenancy terms stay up
        Sound(195, 11, "hum:G4 B4 D5 B4 C5 A4 F4 G4", id="humming"),
        Speech(209, "Sorry, humming. Right, pets are ask first, so I'll mention Pickle. She's a very quiet rabbit.",
               VIEWER_US, id="rabbit"),
        Speech(221, "A rabbit's fine by me, as long as she stays in her hutch.", LANDLORD_WM, id="rabbit_ok"),
        Sound(231, 11, "sung:ti da ti da dum", id="singing"),
        Speech(245, "That's Ines singing in the bathroom. She says the acoustics are great, so the shower's fine.",
               VIEWER_US, id="ines_sings"),
        Screen(257, ("VIEWING NOTES", "Boiler 2 yrs old", "Shed code 8150", "Bins: Wed night",
                     "Ask about parking permit"), size=20, id="notes"),
        Speech(260, "I'll email Mr Pellegrini tonight about a parking permit, and decide by Friday.", VIEWER_US,
               id="decide"),
    ),
    questions=(
        Q("um, what's on the screen at the moment?", "now",
          (r"tenancy|terms|12 months|smoking|pets|move.in|holding fee|\b265\b",),
          forbid=(r"viewing notes|parking permit|shed code",), about=("terms",), voice=ASK_F2_RP, at=160),
        Q("what's the landlord called again?", "said", (r"pell?egrin",), about=("arrive",), voice=ASK_M2_US),
        Q("how old's the boiler?", "said", (r"(?<!\d)2(?!\d)",), about=("boiler",), voice=ASK_F2_RP),
        Q("and when was it last serviced?", "said", (r"march",), about=("boiler",), voice=ASK_M2_US),
        Q("so what's the code for the bike shed?", "said", (r"8\W*1\W*5\W*0",), about=("shed", "notes"),
          voice=ASK_F2_RP),
        Q("which bills come with the rent, did he say?", "said", (r"water",), about=("bills",), voice=ASK_M2_US),
        Q("how much is the rent?", "shown", (r"1\W?150",), about=("listing",), voice=ASK_F2_RP),
        Q("what was the listing reference at the start?", "shown", (r"3390",), about=("listing",), voice=ASK_F2_RP),
        Q("what's the holding fee?", "shown", (r"(?<!\d)265(?!\d)",), about=("terms",), voice=ASK_M2_US),
        Q("there was music coming through the wall at some point, wasn't there?", "heard", (r"yes|music",),
          about=("wall_music",), voice=ASK_F2_RP),
        Q("who was that singing?", "heard", (r"ines",), about=("singing", "ines_sings"), voice=ASK_M2_US),
        Q("what did I say just after I was humming?", "sound", (r"rabbit|pickle|pets",), about=("rabbit",),
          voice=ASK_F2_RP),
        Q("when were we talking about the bins?", "when", about=("bins",), voice=ASK_M2_US),
        Q("what did I ask Ines to do first, the boiler photo or the shower?", "order", (r"boiler|photo",),
          forbid=(r"^\W*(the )?(check )?(the )?shower",), about=("ines_boiler",), voice=ASK_F2_RP),
        Q("how many things are on my viewing notes?", "count", (r"\b4\b",), about=("notes",), voice=ASK_M2_US),
        Q("a rabbit's okay with him, isn't it?", "yesno", (r"yes|fine|hutch",), about=("rabbit_ok",),
          voice=ASK_F2_RP),
        Q("did he say whether there's a dishwasher?", "never", decline=True, voice=ASK_M2_US),
        Q("what time did the letting agent say she'd ring back?", "never", decline=True, voice=ASK_F2_RP),
        Q("flat hunting is so exhausting", "smalltalk", voice=ASK_M2_US),
        Q("and what about the screen now?", "now", (r"viewing notes|boiler|shed|8150|bins|parking",),
          forbid=(r"tenancy|holding fee|smoking",), about=("notes",), voice=ASK_F2_RP),
    ),
)

BROADBAND = Stream(
    name="sealed7-broadband-fault-call", split="sealed7",
    notes="ringing the broadband provider about a connection that keeps dropping: the router status page in "
          "small print, a recorded queue message, hold music, an account number and a fault reference spelled "
          "out, two requests to the partner, a speed test up through a long quiet stretch, humming, the partner "
          "singing, the engineer visit left up",
    events=(
        Screen(0, ("ROUTER STATUS", "Model: Skyline HX-7", "Firmware 3.2.18", "DSL: Disconnected", "Drops today: 9",
                   "Serial SN 40K-2281"), size=16, id="router"),
        Speech(3, "Right, the internet's dropped nine times today, so I'm ringing Brightwave.", CALLER_SC,
               id="drops"),
        Speech(13, recording="asterisk:queue-periodic-announce", id="queue"),
        Sound(23, 14, "music:reno_project-system", id="hold"),
        Speech(40, "Thanks for holding, you're through to Brightwave support, this is Marisol.", AGENT_NYC,
               id="marisol"),
        Speech(48, "Hi Marisol. My connection keeps dropping. The account number is B W seven seven three zero two.",
               CALLER_SC, id="account"),
        Speech(61, "Thanks. I can see a fault on the line outside your house. It's not your router.", AGENT_NYC,
               id="line_fault"),
        Speech(71, "Kwame, can you stop the download on the laptop for a minute?", CALLER_SC, id="kwame_download"),
        Speech(79, "I'll book an engineer for Thursday, between eight and one.", AGENT_NYC, id="engineer"),
        Speech(88, "And because it's been down over two days, you'll get a credit of twelve pounds fifty.",
               AGENT_NYC, id="credit"),
        Speech(100, "Brilliant. Kwame, can you write down the fault reference? It's F R four nine one six.",
               CALLER_SC, id="kwame_ref"),
        Speech(112, "Meanwhile you can use the hotspot on your phone. We've added twenty gigabytes for free.",
               AGENT_NYC, id="hotspot"),
        Screen(124, ("SPEED TEST", "Download 3.4 Mbps", "Upload 0.6 Mbps", "Ping 212 ms", "Server: Leeds",
                     "Plan: Fibre 150"), size=18, id="speedtest"),
        Speech(127, "Look at that speed test. Three point four, on a plan that's meant to be one hundred and fifty.",
               CALLER_SC, id="slow"),
        # a long quiet stretch; the speed test stays up
        Sound(198, 12, "hum:D4 F4 A4 G4 F4 E4 D4 C4", id="humming"),
        Speech(213, "Sorry, that hold music's stuck in my head. Anyway, Thursday's fine, I'm working from home.",
               CALLER_SC, id="wfh"),
        Sound(225, 11, "sung:wa ba da ba", id="singing"),
        Speech(239, "That's Kwame singing, he's thrilled the engineer's coming.", CALLER_SC, id="kwame_sings"),
        Screen(250, ("ENGINEER VISIT", "Thu 08:00-13:00", "Fault ref FR-4916", "Credit £12.50",
                     "Keep pets away from the socket"), size=20, id="visit"),
        Speech(253, "The confirmation's come through. They'll text half an hour before the engineer arrives.",
               CALLER_SC, id="text_before"),
    ),
    questions=(
        Q("sorry, what's up on the screen right now?", "now",
          (r"speed test|download|upload|ping|leeds|3\.4|212|fibre",),
          forbid=(r"engineer visit|credit|fault ref",), about=("speedtest",), voice=ASK_F1_SC, at=168),
        Q("what's my account number, did I say?", "said", (r"77302",), about=("account",), voice=ASK_F1_SC),
        Q("so what's actually wrong, according to her?", "said", (r"line|outside",), about=("line_fault",),
          voice=ASK_M1_NYC),
        Q("what day's the engineer coming?", "said", (r"thursday|\bthu\b",), about=("engineer", "visit"),
          voice=ASK_F1_SC),
        Q("and what time?", "said", (r"(?<!\d)0?8(?!\d)",), about=("engineer", "visit"), voice=ASK_M1_NYC),
        Q("how much credit am I getting?", "said", (r"12\W*(pounds\W*)?50",), about=("credit",), voice=ASK_F1_SC),
        Q("what firmware's the router on?", "shown", (r"3\.2\.18",), about=("router",), voice=ASK_M1_NYC),
        Q("what's the router's serial number?", "shown", (r"2281",), about=("router",), voice=ASK_F1_SC),
        Q("what was the ping on that speed test?", "shown", (r"(?<!\d)212(?!\d)",), about=("speedtest",),
          voice=ASK_M1_NYC),
        Q("what did the recorded message say at the start?", "heard",
          (r"busy|representative|stay on the line|next available",), about=("queue",), voice=ASK_F1_SC),
        Q("was there music while I was waiting?", "heard", (r"yes|music",), about=("hold",), voice=ASK_M1_NYC),
        Q("what did I say right after that singing?", "sound", (r"kwame|engineer|thrilled",),
          about=("kwame_sings",), voice=ASK_F1_SC),
        Q("um, when did she bring up the hotspot?", "when", about=("hotspot",), voice=ASK_M1_NYC),
        Q("what did I ask Kwame first, to stop the download or to write down the reference?", "order",
          (r"download",), forbid=(r"^\W*(to )?write",), about=("kwame_download",), voice=ASK_F1_SC),
        Q("how many times did it drop today?", "count", (r"\b9\b",), about=("drops", "router"), voice=ASK_M1_NYC),
        Q("the fault's outside the house, not my router, right?", "yesno", (r"yes|line|outside",),
          about=("line_fault",), voice=ASK_F1_SC),
        Q("did she tell me the engineer's name?", "never", decline=True, voice=ASK_M1_NYC),
        Q("they're sending me a new router, aren't they?", "never", decline=True, voice=ASK_F1_SC),
        Q("ugh, why does this always happen on a Monday", "smalltalk", voice=ASK_M1_NYC),
        Q("what's on the screen now, then?", "now",
          (r"engineer|visit|4916|credit|12\.50|pets|socket|\bthu\b",),
          forbid=(r"speed test|ping|leeds",), about=("visit",), voice=ASK_F1_SC),
    ),
)

GARDEN = Stream(
    name="sealed7-garden-centre-balcony", split="sealed7",
    notes="a garden-centre trip to fill a balcony: a planting list, café music, advice from a member of staff, "
          "a tannoy announcement in another voice, two requests to the partner, a plant label in small print up "
          "through a long quiet stretch, humming, the partner singing to the tomatoes, the receipt left up",
    events=(
        Screen(0, ("PLANTING LIST", "Lavender x3", "Cherry tomatoes", "Peat-free compost", "Terracotta pot 30cm",
                   "Slug pellets?"), size=20, id="list"),
        Speech(3, "Right, Thornfield Garden Centre. We've got the whole balcony to fill, and I've made a list.",
               SHOPPER_RP, id="arrive"),
        Speech(13, "Callum, can you grab a trolley? The little ones are by the entrance.", SHOPPER_RP,
               id="callum_trolley"),
        Sound(22, 13, "music:macroform-cold_day", id="cafe_music"),
        Speech(38, "Hi there, can I help at all? I'm Bronwen, I look after the outdoor plants.", STAFF_LAN,
               id="bronwen"),
        Speech(47, "Yes please. Which lavender copes best on a windy balcony?", SHOPPER_RP, id="windy"),
        Speech(55, "Go for Hidcote. It's compact and tough, but it wants full sun and hates wet roots.", STAFF_LAN,
               id="hidcote"),
        Speech(66, "And feed the tomatoes once a week, as soon as the first flowers show.", STAFF_LAN, id="feed"),
        Speech(76, "Could the owner of a silver van, registration ending seven K X, please return to the car park.",
               TANNOY_US, id="tannoy"),
        Speech(87, "Callum, can you see if they've got the thirty centimetre terracotta pots?", SHOPPER_RP,
               id="callum_pots"),
        Speech(96, "The peat free compost is three bags for twelve pounds this week.", STAFF_LAN, id="compost"),
        Screen(106, ("HIDCOTE LAVENDER", "Lavandula angustifolia", "Height 40-50 cm", "Full sun, well drained",
                     "Flowers Jun-Aug", "Code LV-0612  £6.99"), size=16, id="label"),
        Speech(109, "I'm just reading the label on the Hidcote, hang on.", SHOPPER_RP, id="label_read"),
        # a long quiet stretch; the plant label stays up
        Sound(185, 12, "hum:C5 A4 F4 A4 G4 E4 C4 E4", id="humming"),
        Speech(200, "Callum found the pots, but only in twenty five centimetres, so we'll get two of those instead.",
               SHOPPER_RP, id="pots_found"),
        Speech(212, "Bronwen says not to bother with slug pellets up on a fourth floor balcony.", SHOPPER_RP,
               id="pellets"),
        Sound(223, 11, "sung:tra la la lay", id="singing"),
        Speech(237, "Sorry, that's Callum singing to the tomato plants. He does it to all of them.", SHOPPER_RP,
               id="callum_sings"),
        Screen(248, ("RECEIPT", "Lavender Hidcote x3 £20.97", "Tomato 'Sungold' £3.49", "Compost 3 for £12",
                     "Pot 25cm x2 £17.00", "Total £53.46"), size=16, id="receipt"),
        Speech(251, "Fifty three pounds forty six, and we got loyalty points as well.", SHOPPER_RP, id="total"),
    ),
    questions=(
        Q("um, what am I looking at on the screen right now?", "now",
          (r"hidcote|lavend|angustifolia|full sun|0?612|6\.99|well drained",),
          forbid=(r"receipt|total|sungold",), about=("label",), voice=ASK_M1_CB, at=150),
        Q("what was the garden centre called?", "said", (r"thornfield",), about=("arrive",), voice=ASK_F2_WM),
        Q("what's the name of the woman who helped us?", "said", (r"bronwen",), about=("bronwen",), voice=ASK_M1_CB),
        Q("which lavender did she recommend?", "said", (r"hidcote",), about=("hidcote", "label"), voice=ASK_F2_WM),
        Q("and how often do the tomatoes need feeding?", "said", (r"week",), about=("feed",), voice=ASK_M1_CB),
        Q("what's the deal on compost?", "said", (r"\b3\b.*\b12\b|\b12\b.*\b3\b",), about=("compost",),
          voice=ASK_F2_WM),
        Q("how tall does the Hidcote get, going by the label?", "shown", (r"(?<!\d)(40|50)(?!\d)",), about=("label",),
          voice=ASK_M1_CB),
        Q("what's the product code on that label?", "shown", (r"0?612",), about=("label",), voice=ASK_F2_WM),
        Q("what did the receipt say the total was?", "shown", (r"53\W*46",), about=("receipt", "total"),
          voice=ASK_M1_CB),
        Q("what was that announcement about?", "heard", (r"van|car park|silver",), about=("tannoy",),
          voice=ASK_F2_WM),
        Q("there was music playing earlier, wasn't there?", "heard", (r"yes|music",), about=("cafe_music",),
          voice=ASK_M1_CB),
        Q("what did I say right after the humming?", "sound", (r"pot|(?<!\d)25(?!\d)|callum",), about=("pots_found",),
          voice=ASK_F2_WM),
        Q("when did I send Callum off to look for pots?", "when", about=("callum_pots",), voice=ASK_M1_CB),
        Q("what did I ask Callum to do first?", "order", (r"trolley",), forbid=(r"^\W*(to )?(check|see|look)",),
          about=("callum_trolley",), voice=ASK_F2_WM),
        Q("how many things were on my planting list?", "count", (r"\b5\b",), about=("list",), voice=ASK_M1_CB),
        Q("Hidcote wants full sun, doesn't it?", "yesno", (r"yes|full sun",), about=("hidcote", "label"),
          voice=ASK_F2_WM),
        Q("did Bronwen say what time they close today?", "never", decline=True, voice=ASK_M1_CB),
        Q("was there an announcement about a lost child?", "never", decline=True, voice=ASK_F2_WM),
        Q("I could spend all day in places like this, couldn't you?", "smalltalk", voice=ASK_M1_CB),
        Q("and now, what's on the screen?", "now", (r"receipt|total|53\W*46|sungold|compost|\bpot\b",),
          forbid=(r"angustifolia|0?612|well drained",), about=("receipt",), voice=ASK_F2_WM),
    ),
)

TANDEM = Stream(
    name="sealed7-language-exchange-call", split="sealed7",
    notes="an English-Portuguese language-exchange video call: the session card, breakfast in Portuguese, a "
          "request to the flatmate, an audiobook clip (LibriVox) the partner plays to ask about a word, the "
          "vocabulary sheet in small print up through a long quiet stretch, the partner singing fado, the "
          "flatmate humming, a quick test, the next session left up",
    events=(
        Screen(0, ("TANDEM: EN <-> PT", "Partner: Leonor (Porto)", "Session 6 of 10", "Today: food & markets",
                   "Word of the day: saudade"), size=20, id="session"),
        Speech(3, "Olá Leonor! Okay, session six. Today we're doing food and markets, right?", LEARNER_US,
               id="hello"),
        Speech(13, "Yes! First, tell me what you ate for breakfast today. In Portuguese, please.", PARTNER_CB,
               id="breakfast_ask"),
        Speech(23, "Um, eu comi torradas com manteiga. Toast with butter.", LEARNER_US, id="toast"),
        Speech(32, "Very good! In Porto we love torradas. My grandmother's café sells them for one euro twenty.",
               PARTNER_CB, id="grandma_cafe"),
        Speech(44, "Saoirse, can you turn the telly down a bit? I'm on a call.", LEARNER_US, id="saoirse_telly"),
        Speech(52, "Now my turn. I have two lines from an English audiobook. What does amiable mean?", PARTNER_CB,
               id="clip_intro"),
        Speech(61, recording="librivox:sense_and_sensibility_01_austen_64kb-0920", id="clip1"),
        Speech(68, recording="librivox:sense_and_sensibility_01_austen_64kb-0930", id="clip2"),
        Speech(73, "Amiable means friendly and pleasant. It's a bit old fashioned.", LEARNER_US, id="amiable"),
        Speech(82, "Ah, like amável in Portuguese! Okay, I'm sharing the vocabulary sheet now.", PARTNER_CB,
               id="amavel"),
        Screen(92, ("VOCABULARIO: O MERCADO", "a feira - the market", "o peixe - fish", "a cebola - onion",
                    "o troco - change (money)", "quanto custa? - how much?", "Homework ref: PT-58C"), size=16,
               id="vocab"),
        Speech(95, "Take your time and copy them out. I'll get some water.", PARTNER_CB, id="copy"),
        # a long quiet stretch; the vocabulary sheet stays up
        Sound(172, 12, "sung:ai ai lo la", id="fado"),
        Speech(187, "Sorry, that was me singing a bit of fado. My aunt sings it at a restaurant on Thursdays.",
               PARTNER_CB, id="fado_aunt"),
        Speech(200, "That's lovely. Saoirse, can you shut the kitchen door? The kettle's really loud.", LEARNER_US,
               id="saoirse_door"),
        Sound(210, 10, "hum:E4 G4 B4 A4 G4 E4 D4 E4", id="humming"),
        Speech(223, "Ha, and now Saoirse's humming. Okay, quick test. How do you say onion?", PARTNER_CB,
               id="test_onion"),
        Speech(232, "A cebola!", LEARNER_US, id="cebola"),
        Speech(237, "Perfect. For next week, write five sentences about your favourite market.", PARTNER_CB,
               id="homework"),
        Screen(248, ("NEXT SESSION", "Tuesday 19:30 (UK)", "Topic: travel & trains", "Homework: 5 sentences",
                     "Link: meet.tandem/K7-pt"), size=18, id="next"),
        Speech(251, "Great, Tuesday at half seven then. Obrigado, Leonor, tchau!", LEARNER_US, id="bye"),
    ),
    questions=(
        Q("so what's on the screen right now?", "now",
          (r"vocab|mercado|feira|peixe|cebola|troco|quanto|58\W*c",),
          forbid=(r"next session|travel|trains",), about=("vocab",), voice=ASK_M2_EN, at=135),
        Q("what's my exchange partner called again?", "said", (r"leonor",), about=("hello", "session"),
          voice=ASK_F1_LAN),
        Q("which city's she from?", "said", (r"porto|oporto",), about=("grandma_cafe", "session"), voice=ASK_M2_EN),
        Q("what did I say I had for breakfast?", "said", (r"toast|torrada",), about=("toast",), voice=ASK_F1_LAN),
        Q("how much does her gran's café charge for them?", "said", (r"\b1\W*(euros?\W*)?(and\W*)?20\b",),
          about=("grandma_cafe",), voice=ASK_M2_EN),
        Q("a bit ago she asked me about an English word, which one was it?", "said", (r"amiable",),
          about=("clip_intro", "amiable"), voice=ASK_F1_LAN),
        Q("what's Portuguese for fish, on the vocab sheet?", "shown", (r"peixe",), about=("vocab",), voice=ASK_M2_EN),
        Q("what's the homework reference?", "shown", (r"58\W*c",), about=("vocab",), voice=ASK_F1_LAN),
        Q("what was the word of the day?", "shown", (r"saudade",), about=("session",), voice=ASK_M2_EN),
        Q("what was that audiobook clip on about?", "heard", (r"amiable|married|respectable|woman",),
          about=("clip1", "clip2"), voice=ASK_F1_LAN),
        Q("someone was singing at some point, weren't they?", "heard", (r"yes|sing|fado",), about=("fado",),
          voice=ASK_M2_EN),
        Q("what did Leonor say right after the singing?", "sound", (r"fado|aunt|restaurant",),
          about=("fado_aunt",), voice=ASK_F1_LAN),
        Q("when did I ask Saoirse to turn the telly down?", "when", about=("saoirse_telly",), voice=ASK_M2_EN),
        Q("what did I ask Saoirse first, the telly or the kitchen door?", "order", (r"telly|\btv\b|television",),
          forbid=(r"^\W*(the )?(kitchen )?door",), about=("saoirse_telly",), voice=ASK_F1_LAN),
        Q("how many sentences have I got to write for homework?", "count", (r"\b5\b",), about=("homework", "next"),
          voice=ASK_M2_EN),
        Q("next session's on Tuesday, isn't it?", "yesno", (r"yes|tuesday",), about=("next", "bye"),
          voice=ASK_F1_LAN),
        Q("did she say what time it is in Porto right now?", "never", decline=True, voice=ASK_M2_EN),
        Q("did we talk about the weather at all?", "never", decline=True, voice=ASK_F1_LAN),
        Q("have you ever tried learning Portuguese?", "smalltalk", voice=ASK_M2_EN),
        Q("and what about now, what's on screen?", "now",
          (r"next session|tuesday|19:30|travel|train|homework|sentences|k7",),
          forbid=(r"peixe|cebola|feira",), about=("next",), voice=ASK_F1_LAN),
    ),
)

_CALENDAR = P("horse", 25, 10, 115)
_MUG = P("cup", 470, 262, 90)
_DECLAN = P("cameraman", 215, 45, 310)
_NADIA = P("astronaut", 430, 20, 230)
_MOCHI = P("cat", 5, 215, 140)
LAYOUTS.update({
    "sealed7-calendar": (_CALENDAR,),
    "sealed7-calendar+mug": (_CALENDAR, _MUG),
    "sealed7-calendar+mug+declan": (_CALENDAR, _MUG, _DECLAN),
    "sealed7-calendar+mug+declan+cat": (_CALENDAR, _MUG, _DECLAN, _MOCHI),
    "sealed7-calendar+mug+declan+nadia+cat": (_CALENDAR, _DECLAN, _NADIA, _MUG, _MOCHI),
    "sealed7-calendar+mug+nadia+cat": (_CALENDAR, _NADIA, _MUG, _MOCHI),
    "sealed7-calendar+mug+nadia": (_CALENDAR, _NADIA, _MUG),
})

TIMINGS_NOTE = ("CHICKEN IN 12:30", "POTATOES 12:45", "GRAVY 1:50", "EAT 2:15")

KITCHEN = Stream(
    name="sealed7-camera-sunday-lunch", split="sealed7", video_source="camera",
    notes="Sunday lunch being cooked: a horse calendar goes up, a mug is set down, a helper in black arrives, the "
          "cat comes in, a helper in orange arrives; a long quiet stretch while the man leaves, then the cat; the "
          "woman goes and the mug, the calendar and a timings card are left",
    events=(
        *held(0, 12, "wall", id="empty"),
        Speech(3, "Okay, Sunday lunch. I'm doing a roast for six, and the chicken has to go in by half twelve.",
               COOK_EN, id="roast"),
        *held(12, 42, "sealed7-calendar", id="calendar_up"),
        Speech(15, "There, the new calendar's up, the one with the horse on it. Gran sent it from Galway.", COOK_EN,
               id="galway"),
        *held(42, 72, "sealed7-calendar+mug", id="mug_in"),
        Speech(45, "Tea first, obviously. That's my lucky mug.", COOK_EN, id="tea"),
        *held(72, 105, "sealed7-calendar+mug+declan", id="declan_in"),
        Speech(75, "Hey Declan. Declan, can you peel the potatoes? There's a whole sack under the sink.", COOK_EN,
               id="declan_potatoes"),
        Speech(90, "Declan says the gravy granules went out of date back in March.", COOK_EN, id="gravy"),
        *held(105, 135, "sealed7-calendar+mug+declan+cat", id="cat_in"),
        Speech(108, "And here's Mochi, the cat, sniffing around for chicken.", COOK_EN, id="mochi"),
        *held(135, 168, "sealed7-calendar+mug+declan+nadia+cat", id="nadia_in"),
        Speech(138, "Nadia's here with the pudding, a sticky toffee one, and she's brought custard.", COOK_EN,
               id="nadia_pudding"),
        # a long quiet stretch: Declan goes, then the cat, nothing said
        *held(168, 201, "sealed7-calendar+mug+nadia+cat", id="declan_out"),
        *held(201, 225, "sealed7-calendar+mug+nadia", id="cat_out"),
        Speech(228, "Declan's nipped to the shop for fresh gravy. He says he'll be back in ten minutes.", COOK_EN,
               id="shop"),
        *with_note(held(240, 276, "sealed7-calendar+mug", id="nadia_out"), TIMINGS_NOTE, 22),
        Speech(243, "Nadia's gone to lay the table next door. The timings are on the card by my mug.", COOK_EN,
               id="timings"),
        Speech(258, "Mochi's given up on the chicken too, she's asleep on the stairs.", COOK_EN, id="asleep"),
    ),
    questions=(
        Q("when did the horse calendar go up?", "camera", about=("calendar_up",), timed=True, voice=ASK_F2_US),
        Q("what colour was Declan wearing?", "camera", (r"black|dark",), forbid=(r"orange",), about=("declan_in",),
          voice=ASK_M5_NYC),
        Q("and what about Nadia, what was she in?", "camera", (r"orange",), forbid=(r"black",),
          about=("nadia_in",), voice=ASK_F2_US),
        Q("how many people were in the kitchen when Nadia got here?", "camera", (r"\b2\b",), about=("nadia_in",),
          voice=ASK_M5_NYC),
        Q("when did the cat come in?", "camera", about=("cat_in",), timed=True, voice=ASK_F2_US),
        Q("so when did Declan leave?", "camera", about=("declan_out",), timed=True, voice=ASK_M5_NYC),
        Q("did you see a motorbike at any point?", "camera", decline=True, voice=ASK_F2_US),
        Q("was anybody holding a knife?", "camera", decline=True, voice=ASK_M5_NYC),
        Q("what can you see right now?", "camera", (r"cup|mug|coffee|horse|calendar|card|note",),
          forbid=(r"\bcat\b",), about=("nadia_out",), voice=ASK_F2_US),
        Q("anyone still in here?", "camera", decline=True, voice=ASK_M5_NYC),
        Q("who turned up first, Declan or Nadia?", "order", (r"declan|black|\bman\b",), forbid=(r"^\W*nadia",),
          about=("declan_in",), voice=ASK_F2_US),
        Q("what time's the chicken going in, going by the card?", "shown", (r"12\W*30|half (past )?12",),
          about=("nadia_out",), voice=ASK_M5_NYC),
        Q("how many am I cooking for?", "said", (r"(?<!\d)6(?!\d)",), about=("roast",), voice=ASK_F2_US),
        Q("where did Gran send the calendar from?", "said", (r"galway",), about=("galway",), voice=ASK_M5_NYC),
        Q("what pudding did Nadia bring?", "said", (r"toffee",), about=("nadia_pudding",), voice=ASK_F2_US),
        Q("how many minutes did Declan say he'd be at the shop?", "count", (r"(?<!\d)10(?!\d)",), about=("shop",),
          voice=ASK_M5_NYC),
        Q("the gravy granules were out of date, weren't they?", "yesno", (r"yes|out of date|march",),
          about=("gravy",), voice=ASK_F2_US),
        Q("did I say what we're having for starter?", "never", decline=True, voice=ASK_M5_NYC),
        Q("cooking for six is a lot, isn't it?", "smalltalk", voice=ASK_F2_US),
    ),
)

STREAMS = (FLAT, BROADBAND, GARDEN, TANDEM, KITCHEN)
