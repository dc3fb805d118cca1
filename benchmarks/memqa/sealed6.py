"""The SEALED6 memory-QA streams: written 2026-12-07 in the tenth session by a helper from the format alone.

Why an eleventh split: dev, heldout, unseen, fresh, blind, sealed and sealed2-sealed5 have all been scored and
read (and tuned on), so none of them still measures how the assistant does on a stream nobody has seen.
These were written by a helper who never read the answer policy, the gate, the ASR, memory, perception, the
server, any other split's situations or questions, or any results: only the benchmark's format (script.py,
media.py, camera.py, camera_scenes.py, scoring.py, plan.py, report.py, memory_qa.py, and sealed5.py as the model
of a split file). The situations (ringing the pharmacy about a parent's repeat prescription, sorting skipping
gears on a bike with a video tutorial playing, a school bake-sale table, a wedding seating plan with an
audiobook on next door, a child's birthday party being set up on camera), names, codes, espeak-ng voices and
recorded prompts are none that sealed5 uses, and the questions are worded the way a new user speaks (fillers,
contractions, tag questions such as "hasn't he?", follow-ups such as "and when's it back in?", statements as
small talk, several questions about things that never happened). Each stream has 262-273 s of content with a
long quiet stretch with a screen up.

Score once, do not tune on it: score it one time, at the end of the tenth session, unread (not the
coordinator, not whoever tunes, reads it before then); do not tune on it; never edit it to make a run pass (a
wrong answer here is a finding). Remarks aimed at someone else in the room or on the call ("Teodor, can you …",
"Priyanka, can you …", "Marguerite, can you …", "Ottilie, can you …", "Anton, can you …") must not be answered.
The camera stream uses the camera benchmark's photo cut-outs (the cat, a motorbike picture put up as a poster,
the man in black, the woman in orange, a coffee cup) with a note card on the table for its last stretch.

Over 400 lines: five streams of 18-20 questions each, kept in one file so the split is written, read and
sealed as one.

Scored once, at 8d00e45 at the end of the tenth session: 41/98 (benchmarks/README.md); read since.
"""
from __future__ import annotations

from benchmarks.camera_scenes import Placed as P
from benchmarks.memqa.camera import LAYOUTS, NOISE_EVERY_S, held
from benchmarks.memqa.script import Question as Q
from benchmarks.memqa.script import Screen, Sound, Speech, Stream, Voice
from benchmarks.memqa.sealed import with_note

# remark voices: accent + espeak-ng variant + speed + pitch, none of which sealed5 or camera.py uses (British
# voices with a variant are written "en-gb-x-…+v", "en-gb-scotland+v" or "en+v": "en-gb+v" drops the variant)
CALLER_NYC = Voice("en-us-nyc+f2", 155, 58)
PHARMACIST_SC = Voice("en-gb-scotland+f3", 150, 62)
FIXER_LAN = Voice("en-gb-x-gbclan+m4", 160, 45)
TUTOR_US = Voice("en-us+m6", 170, 50)
SELLER_CB = Voice("en-029+f3", 150, 60)
CUSTOMER_WM = Voice("en-gb-x-gbcwmd+m3", 160, 47)
PLANNER_RP = Voice("en-gb-x-rp+f4", 155, 61)
PARTNER_US = Voice("en-us+m4", 160, 44)
HOST_EN = Voice("en+f4", 155, 60)
# question voices
ASK_M3_RP = Voice("en-gb-x-rp+m3", 165, 46)
ASK_F5_US = Voice("en-us+f5", 160, 60)
ASK_F4_CB = Voice("en-029+f4", 160, 61)
ASK_M7_EN = Voice("en+m7", 165, 44)
ASK_F5_NYC = Voice("en-us-nyc+f5", 160, 62)
ASK_M6_SC = Voice("en-gb-scotland+m6", 165, 45)
ASK_F3_LAN = Voice("en-gb-x-gbclan+f3", 160, 60)
ASK_M6_NYC = Voice("en-us-nyc+m6", 165, 46)
ASK_M4_WM = Voice("en-gb-x-gbcwmd+m4", 165, 45)
ASK_F5_CB = Voice("en-029+f5", 160, 62)

PHARMACY = Stream(
    name="sealed6-pharmacy-prescription-call", split="sealed6",
    notes="ringing the pharmacy about a father's repeat prescription: the slip in small print, a recorded prompt, "
          "hold music, one item out of stock, a locker code, a long gap with the collection details up, humming, "
          "singing from the kitchen, a list for today left up",
    events=(
        Screen(0, ("REPEAT PRESCRIPTION", "Patient: Walter Brennock", "Amlodipine 5 mg x28", "Atorvastatin 20 mg x28",
                   "Lansoprazole 15 mg x56", "Rx ref: QP-5183"), size=20, id="slip"),
        Speech(3, "Right, Dad's tablets run out on Friday, so I'm ringing Fenwick Pharmacy about his repeat "
                  "prescription.", CALLER_NYC, id="friday"),
        Speech(16, "Teodor, can you pass me Dad's reading glasses? They're on the windowsill.", CALLER_NYC,
               id="teodor"),
        Speech(25, recording="asterisk:pls-hold-while-try", id="prompt"),
        Sound(30, 16, "music:macroform-the_simplicity", id="hold"),
        Speech(49, "Fenwick Pharmacy, Ishbel speaking. How can I help?", PHARMACIST_SC, id="ishbel"),
        Speech(56, "Hi, I'm calling for my father, Walter Brennock. The reference is Q P five one eight three.",
               CALLER_NYC, id="ref"),
        Speech(68, "Thanks. The amlodipine and the lansoprazole are ready, but the atorvastatin is out of stock until "
                   "Tuesday.", PHARMACIST_SC, id="stock"),
        Speech(81, "Oh no. He's only got four of those left.", CALLER_NYC, id="four_left"),
        Speech(88, "I can lend him a week's supply, that's seven tablets, to tide him over.", PHARMACIST_SC,
               id="seven"),
        Speech(99, "That would be brilliant, thank you.", CALLER_NYC, id="thanks"),
        Speech(105, "You can collect from two o'clock today. We close at half past six.", PHARMACIST_SC,
               id="collect"),
        Speech(115, "Great, I'll pop in after work. Bye Ishbel.", CALLER_NYC, id="bye"),
        Screen(124, ("COLLECTION", "Fenwick Pharmacy, 12 Quarry Lane", "From 14:00 today", "Closes 18:30",
                     "Bring: photo ID", "Locker code: 6294"), size=20, id="collection"),
        Speech(127, "Oh, they've texted a locker code too, six two nine four, in case I'm late.", CALLER_NYC,
               id="locker"),
        # a long quiet stretch; the collection details stay up
        Sound(200, 12, "hum:A4 C5 E5 D5 C5 A4 G4 A4", id="humming"),
        Speech(215, "Sorry, humming again. Teodor, Grandad wants his tea in the green mug, not the white one.",
               CALLER_NYC, id="mug"),
        Speech(227, "While I'm at the pharmacy I'll get him more hand cream, the unscented one.", CALLER_NYC,
               id="handcream"),
        Sound(239, 12, "sung:do be do be doo", id="singing"),
        Speech(254, "That was Dad singing in the kitchen, so he must be feeling better.", CALLER_NYC, id="dad_sings"),
        Screen(265, ("TODAY", "17:45 collect tablets", "Buy hand cream", "Ring GP re: review", "Fill pill organiser"),
               size=24, id="today"),
        Speech(268, "His medication review with the GP is due next month, I'll ring them tomorrow.", CALLER_NYC,
               id="review"),
    ),
    questions=(
        Q("sorry, what's on the screen at the moment?", "now",
          (r"collect|quarry|locker|6\W*2\W*9\W*4|photo id|18:30|14:00",),
          forbid=(r"amlodipine|lansoprazole|hand cream|pill organi",), about=("collection",), voice=ASK_M3_RP, at=170),
        Q("which pharmacy was I ringing?", "said", (r"fenwick",), about=("friday", "ishbel"), voice=ASK_F5_US),
        Q("who picked up at the pharmacy?", "said", (r"ish?bel",), about=("ishbel",), voice=ASK_M3_RP),
        Q("what's out of stock, did she say?", "said", (r"atorva",), about=("stock",), voice=ASK_F5_US),
        Q("and when's it back in?", "said", (r"tuesday",), about=("stock",), voice=ASK_M3_RP),
        Q("how many tablets is she lending him, then?", "said", (r"\b7\b|a week",), about=("seven",),
          voice=ASK_F5_US),
        Q("what's the locker code again?", "shown", (r"6\W*2\W*9\W*4",), about=("locker", "collection"),
          voice=ASK_M3_RP),
        Q("what dose is the lansoprazole?", "shown", (r"\b15\b",), about=("slip",), voice=ASK_F5_US),
        Q("what's the pharmacy's address?", "shown", (r"quarry",), about=("collection",), voice=ASK_M3_RP),
        Q("what did the recorded voice say when I rang up?", "heard", (r"hold|connect|try",), about=("prompt",),
          voice=ASK_F5_US),
        Q("there was music while I was on hold, wasn't there?", "heard", (r"yes|music",), about=("hold",),
          voice=ASK_M3_RP),
        Q("what did I say right after the singing?", "sound", (r"dad|better|feeling",), about=("dad_sings",),
          voice=ASK_F5_US),
        Q("um, when did I mention the hand cream?", "when", about=("handcream",), voice=ASK_M3_RP),
        Q("what did I ask Teodor for first, the glasses or the mug?", "order", (r"glasses",),
          forbid=(r"^\W*(the )?(green )?mug",), about=("teodor",), voice=ASK_F5_US),
        Q("how many medicines are on Dad's prescription?", "count", (r"\b3\b",), about=("slip",), voice=ASK_M3_RP),
        Q("he's only got four of the atorvastatin left, hasn't he?", "yesno", (r"yes|\b4\b",), about=("four_left",),
          voice=ASK_F5_US),
        Q("did she say how much the prescription costs?", "never", decline=True, voice=ASK_M3_RP),
        Q("what did I say about his inhaler?", "never", decline=True, voice=ASK_F5_US),
        Q("ugh, phoning anyone these days takes forever", "smalltalk", voice=ASK_M3_RP),
        Q("what's on the screen now?", "now", (r"today|hand cream|pill organi|17:45|\bgp\b|review",),
          forbid=(r"locker|quarry|photo id",), about=("today",), voice=ASK_F5_US),
    ),
)

BIKE = Stream(
    name="sealed6-bike-gears-tutorial", split="sealed6",
    notes="sorting skipping gears with a video tutorial playing (another voice, an intro jingle), a remark to the "
          "flatmate, a parts basket in small print, a long quiet stretch, humming, the tutorial's sign-off, "
          "singing, a Saturday ride card left up",
    events=(
        Screen(0, ("SPOKE DOCTOR", "Fix skipping gears", "Rear derailleur, 8-speed", "Tools: 5 mm Allen key",
                   "Video 9:42"), size=22, id="video_title"),
        Speech(3, "Okay, the gears keep skipping on the back, so I've put on a video from Spoke Doctor.", FIXER_LAN,
               id="skipping"),
        Sound(14, 10, "music:manolo_camp-morning_coffee", id="intro"),
        Speech(27, "First, shift into the smallest cog at the back, then find the barrel adjuster where the cable "
                   "enters the derailleur.", TUTOR_US, id="smallest"),
        Speech(40, "Turn it a quarter turn anticlockwise, then pedal and check the shift again.", TUTOR_US,
               id="quarter"),
        Speech(51, "Priyanka, can you lift the back wheel while I turn the pedals?", FIXER_LAN, id="priyanka"),
        Speech(60, "Right, a quarter turn made it worse. I'll go two clicks the other way.", FIXER_LAN, id="worse"),
        Speech(71, "That's much smoother now. Third gear still clunks a bit, but it'll do.", FIXER_LAN,
               id="smoother"),
        Speech(82, "While I'm at it, the back brake pads are worn right down, they're nearly metal.", FIXER_LAN,
               id="pads"),
        Screen(92, ("PARTS BASKET", "Brake pads BP-27K (pair) £7.49", "Chain KMC-X9 £18.99", "Gear cable £6.50",
                    "Total £32.98", "Delivery: Thu"), size=20, id="basket"),
        Speech(95, "I've put new pads, a chain and a gear cable in the basket. It comes to thirty two ninety eight.",
               FIXER_LAN, id="ordered"),
        Speech(108, "The chain's stretched too, the checker dropped right in. It's done about four thousand miles.",
               FIXER_LAN, id="chain"),
        # a long quiet stretch; the parts basket stays up
        Sound(185, 12, "hum:E4 E4 G4 A4 G4 E4 D4 C4", id="humming"),
        Speech(200, "Okay, that's all ordered. Priyanka says she'll lend me her track pump for the tyres.",
               FIXER_LAN, id="pump"),
        Speech(211, "The front tyre wants sixty five psi, and the back one seventy.", FIXER_LAN, id="psi"),
        Speech(222, "And that's it. If your gears still skip after this, the hanger may be bent. Thanks for "
                    "watching.", TUTOR_US, id="hanger"),
        Sound(234, 12, "sung:na na hey na na", id="singing"),
        Speech(249, "That's Priyanka singing, she's just finished fixing her own puncture.", FIXER_LAN,
               id="puncture"),
        Screen(260, ("SATURDAY RIDE", "Meet 09:15 at Alder Bridge", "Route: 42 km loop", "Bring spare tube + pump"),
               size=24, id="ride"),
        Speech(263, "Sorted for Saturday. The club ride meets at quarter past nine at Alder Bridge.", FIXER_LAN,
               id="meet"),
    ),
    questions=(
        Q("what's on screen right now?", "now", (r"basket|brake pad|chain|cable|32\.?98|kmc|bp\W*27",),
          forbid=(r"alder|42 km|spare tube",), about=("basket",), voice=ASK_F4_CB, at=150),
        Q("which way did the video say to turn the barrel adjuster?", "said",
          (r"anti\W*clockwise|counter\W*clockwise",), about=("quarter",), voice=ASK_M7_EN),
        Q("how far's the chain done, did I say?", "said", (r"\b4000\b",), about=("chain",), voice=ASK_F4_CB),
        Q("what pressure does the back tyre want?", "said", (r"\b70\b",), about=("psi",), voice=ASK_M7_EN),
        Q("what's Priyanka lending me?", "said", (r"pump",), about=("pump",), voice=ASK_F4_CB),
        Q("and what did the video reckon it is if the gears still skip?", "said", (r"hanger",), about=("hanger",),
          voice=ASK_M7_EN),
        Q("what size Allen key do I need?", "shown", (r"\b5\b",), about=("video_title",), voice=ASK_F4_CB),
        Q("what's the code on the brake pads?", "shown", (r"bp\W*27|27\W*k",), about=("basket",), voice=ASK_M7_EN),
        Q("how much is the chain?", "shown", (r"18\W*99",), about=("basket",), voice=ASK_F4_CB),
        Q("was there music at some point?", "heard", (r"yes|music|intro|jingle",), about=("intro",),
          voice=ASK_M7_EN),
        Q("who was that singing?", "heard", (r"priyanka",), about=("puncture",), voice=ASK_F4_CB),
        Q("what did I say after the humming?", "sound", (r"pad|pump|priyanka|order",), about=("pump",),
          voice=ASK_M7_EN),
        Q("when did I notice the brake pads were worn?", "when", about=("pads",), voice=ASK_F4_CB),
        Q("what was the very first thing the video told me to do?", "order", (r"smallest|cog",), about=("smallest",),
          voice=ASK_M7_EN),
        Q("how many things are in the parts basket?", "count", (r"\b3\b",), about=("basket",), voice=ASK_F4_CB),
        Q("the ride's at quarter past nine, isn't it?", "yesno", (r"yes|9\W*15|quarter past 9",),
          about=("meet", "ride"), voice=ASK_M7_EN),
        Q("did I mention the bike shop's opening hours?", "never", decline=True, voice=ASK_F4_CB),
        Q("how much did Priyanka's pump cost her?", "never", decline=True, voice=ASK_M7_EN),
        Q("I'm absolutely covered in chain grease", "smalltalk", voice=ASK_F4_CB),
        Q("and what's on the screen now?", "now", (r"saturday|ride|alder|\b42\b|spare tube|9:15",),
          forbid=(r"basket|brake pad|kmc",), about=("ride",), voice=ASK_M7_EN),
    ),
)

BAKE_SALE = Stream(
    name="sealed6-school-bake-sale", split="sealed6",
    notes="a year-four bake-sale table: a price board, music from the hall, a customer buying and paying, humming, "
          "remarks to the other helper, the trip fund in small print, a long quiet stretch, a choir singing, a tidy-up "
          "list left up",
    events=(
        Screen(0, ("YEAR 4 BAKE SALE", "Cupcakes 60p", "Flapjack 80p", "Brownies £1.20", "Lemon drizzle slice £1",
                   "Squash 40p"), size=22, id="board"),
        Speech(3, "Morning! The year four bake sale is open. We're raising money for the class trip to the aquarium.",
               SELLER_CB, id="aquarium"),
        Speech(14, "We started with a float of twenty five pounds, all in coins, in the red tin.", SELLER_CB,
               id="float"),
        Speech(25, "Marguerite, can you put the gluten free ones on the blue plate so they don't get mixed up?",
               SELLER_CB, id="marguerite"),
        Sound(36, 14, "music:reno_project-system", id="hall_music"),
        Speech(53, "Sorry, they're testing the speakers in the hall. Anyway, the brownies are going fastest.",
               SELLER_CB, id="brownies"),
        Speech(63, "Hi, can I get two cupcakes and a squash, please?", CUSTOMER_WM, id="order"),
        Speech(70, "That's one pound sixty, please.", SELLER_CB, id="price"),
        Speech(76, "Here's two pounds. Are the cupcakes nut free?", CUSTOMER_WM, id="nutfree"),
        Speech(84, "Yes, everything on this table is nut free. Forty pence change.", SELLER_CB, id="change"),
        Sound(94, 12, "hum:C4 E4 G4 C5 B4 G4 E4 D4", id="humming"),
        Speech(109, "Mr Okonjo from year six just bought the whole lemon drizzle, all eight slices.", SELLER_CB,
               id="lemon"),
        Speech(121, "Marguerite, we're out of brownies already. Is there another box in the staff room?", SELLER_CB,
               id="out_brownies"),
        Screen(132, ("TRIP FUND", "Target: £300", "Raised so far: £187", "Coach: £210", "Aquarium tickets: £90"),
               size=22, id="fund"),
        Speech(135, "We've raised a hundred and eighty seven so far, so another hundred and thirteen to go.",
               SELLER_CB, id="raised"),
        # a long quiet stretch; the trip fund stays up
        Sound(205, 14, "sung:la la lu la lee", id="singing"),
        Speech(222, "That's the year two choir rehearsing for the carol concert, bless them.", SELLER_CB, id="choir"),
        Speech(233, "We pack away at half past eleven, when assembly starts.", SELLER_CB, id="packaway"),
        Speech(244, "The leftover flapjacks go to the staff room, the head teacher's orders.", SELLER_CB,
               id="leftovers"),
        Screen(255, ("TIDY UP", "Count the tin", "Wash the plates", "Return tables to hall",
                     "Thank-you note to bakers"), size=24, id="tidy"),
        Speech(258, "Marguerite's counting the tin, and I'll write the thank-you note to all the bakers.", SELLER_CB,
               id="note"),
    ),
    questions=(
        Q("what's showing on the screen right now?", "now",
          (r"trip fund|target|raised|coach|tickets|\b187\b|\b300\b",),
          forbid=(r"tidy|wash the plates|flapjack",), about=("fund",), voice=ASK_F5_NYC, at=175),
        Q("so what's the bake sale raising money for?", "said", (r"aquarium|trip",), about=("aquarium",),
          voice=ASK_M6_SC),
        Q("how much was the float?", "said", (r"\b25\b",), about=("float",), voice=ASK_F5_NYC),
        Q("who bought the whole lemon drizzle?", "said", (r"okonjo",), about=("lemon",), voice=ASK_M6_SC),
        Q("and how many slices was that?", "said", (r"\b8\b",), about=("lemon",), voice=ASK_F5_NYC),
        Q("what time do we pack away?", "said", (r"11\W*30|half past 11",), about=("packaway",), voice=ASK_M6_SC),
        Q("how much are the flapjacks?", "shown", (r"\b80\b|80p",), about=("board",), voice=ASK_F5_NYC),
        Q("what's the coach costing us?", "shown", (r"\b210\b",), about=("fund",), voice=ASK_M6_SC),
        Q("how many different things are on the price board?", "count", (r"\b5\b",), about=("board",),
          voice=ASK_F5_NYC),
        Q("how many cupcakes did that customer get?", "count", (r"\b2\b",), about=("order",), voice=ASK_M6_SC),
        Q("did you hear singing at some point?", "heard", (r"yes|sing|choir",), about=("singing", "choir"),
          voice=ASK_F5_NYC),
        Q("where was that music coming from earlier?", "heard", (r"hall|speaker|test",),
          about=("hall_music", "brownies"), voice=ASK_M6_SC),
        Q("what did I say right after the humming?", "sound", (r"okonjo|lemon|drizzle|\b8\b",), about=("lemon",),
          voice=ASK_F5_NYC),
        Q("when did I say we'd run out of brownies?", "when", about=("out_brownies",), voice=ASK_M6_SC),
        Q("what did I ask Marguerite first, about the blue plate or the staff room?", "order", (r"blue plate|gluten",),
          forbid=(r"^\W*(the )?staff room",), about=("marguerite",), voice=ASK_F5_NYC),
        Q("everything on the table's nut free, isn't it?", "yesno", (r"yes|nut free",), about=("change", "nutfree"),
          voice=ASK_M6_SC),
        Q("did anyone ask for a vegan option?", "never", decline=True, voice=ASK_F5_NYC),
        Q("how much did the cupcakes cost to make?", "never", decline=True, voice=ASK_M6_SC),
        Q("school bake sales are absolute chaos, aren't they", "smalltalk", voice=ASK_F5_NYC),
        Q("what's up on the screen now?", "now", (r"tidy|count the tin|wash|tables|thank",),
          forbid=(r"trip fund|coach|target",), about=("tidy",), voice=ASK_M6_SC),
    ),
)

WEDDING = Stream(
    name="sealed6-wedding-seating-plan", split="sealed6",
    notes="a couple doing their wedding seating plan: the plan in small print, an audiobook (LibriVox) from the "
          "next room, first-dance music, a dietary list, a long quiet stretch, humming, a remark to the maid of "
          "honour, her singing, a to-do list left up",
    events=(
        Screen(0, ("SEATING PLAN v3", "Venue: Ashcombe Barn", "Tables: 9 rounds of 10", "Top table: 8",
                   "Guests confirmed: 86"), size=22, id="plan"),
        Speech(3, "Okay, seating plan, version three. Eighty six guests confirmed so far, and the venue's Ashcombe "
                  "Barn.", PLANNER_RP, id="guests"),
        Speech(16, "Can we please keep Uncle Desmond away from the speakers this time?", PARTNER_US, id="desmond"),
        Speech(24, "Ha, yes. Desmond goes on table seven, right at the back by the garden doors.", PLANNER_RP,
               id="table7"),
        Speech(36, recording="librivox:sense_and_sensibility_01_austen_64kb-0870", id="audiobook"),
        Speech(44.5, recording="librivox:sense_and_sensibility_01_austen_64kb-0880", id="audiobook2"),
        Speech(52, "Sorry, that's Mum's audiobook next door, Sense and Sensibility again.", PLANNER_RP,
               id="mum_audiobook"),
        Speech(62, "My cousin Leilani is vegetarian, and her boyfriend's coeliac, so flag them for the caterers.",
               PARTNER_US, id="diet"),
        Speech(75, "Noted. Table four is all the university friends, that's ten exactly.", PLANNER_RP, id="table4"),
        Sound(86, 14, "music:macroform-cold_day", id="first_dance"),
        Speech(103, "No, not that one for the first dance. Far too slow.", PLANNER_RP, id="too_slow"),
        Screen(112, ("DIETARY", "Vegetarian: 11", "Vegan: 4", "Coeliac: 2", "Nut allergy: 1 (table 2)"), size=20,
               id="dietary"),
        Speech(115, "Eleven vegetarians. The caterer needs final numbers by the fourteenth of May.", PARTNER_US,
               id="deadline"),
        # a long quiet stretch; the dietary list stays up
        Sound(190, 12, "hum:F4 A4 C5 A4 B4 G4 E4 F4", id="humming"),
        Speech(205, "The cake's being delivered at two, and it has to go in the cold room straight away.", PLANNER_RP,
               id="cake"),
        Speech(217, "Ottilie, can you email the florist about the buttonholes? We need twelve.", PARTNER_US,
               id="ottilie"),
        Sound(228, 12, "sung:oo la oo la la", id="singing"),
        Speech(243, "That was Ottilie practising her song for the ceremony.", PLANNER_RP, id="ottilie_song"),
        Screen(253, ("TO DO THIS WEEK", "Email florist: 12 buttonholes", "Final numbers to caterer",
                     "Book taxi for 23:30", "Print place cards"), size=22, id="todo"),
        Speech(256, "The last taxi needs booking for half eleven, and the place cards go to print on Friday.",
               PLANNER_RP, id="taxi"),
    ),
    questions=(
        Q("what's on the screen right now?", "now", (r"dietary|vegetarian|vegan|coeliac|celiac|nut",),
          forbid=(r"to do|florist|taxi|place cards",), about=("dietary",), voice=ASK_F3_LAN, at=160),
        Q("which table's Uncle Desmond on?", "said", (r"\b7\b",), about=("table7",), voice=ASK_M6_NYC),
        Q("why's Desmond right at the back, again?", "said", (r"speaker",), about=("desmond",), voice=ASK_F3_LAN),
        Q("what's the venue called?", "said", (r"ashcombe",), about=("guests", "plan"), voice=ASK_M6_NYC),
        Q("what's the deadline for final numbers to the caterer?", "said", (r"\b14\b|fourteenth",), about=("deadline",),
          voice=ASK_F3_LAN),
        Q("who's the vegetarian cousin, did he say?", "said", (r"leilani|leilan",), about=("diet",),
          voice=ASK_M6_NYC),
        Q("how many vegans are there?", "shown", (r"\b4\b",), about=("dietary",), voice=ASK_F3_LAN),
        Q("which table's got the nut allergy?", "shown", (r"\b2\b",), about=("dietary",), voice=ASK_M6_NYC),
        Q("how many buttonholes do we need?", "count", (r"\b12\b",), about=("ottilie", "todo"), voice=ASK_F3_LAN),
        Q("how many guests have confirmed so far?", "count", (r"\b86\b",), about=("guests", "plan"),
          voice=ASK_M6_NYC),
        Q("what was that reading in the background?", "heard", (r"dashwood|sense and sensibility|austen|audiobook",),
          about=("audiobook", "mum_audiobook"), voice=ASK_F3_LAN),
        Q("was someone singing earlier?", "heard", (r"yes|sing|ottilie",), about=("singing", "ottilie_song"),
          voice=ASK_M6_NYC),
        Q("what did I say right after the music?", "sound", (r"first dance|slow",), about=("too_slow",),
          voice=ASK_F3_LAN),
        Q("when were we talking about the cake delivery?", "when", about=("cake",), voice=ASK_M6_NYC),
        Q("who came up first, Desmond or Leilani?", "order", (r"desmond",), forbid=(r"^\W*leilani",),
          about=("desmond",), voice=ASK_F3_LAN),
        Q("table four's the uni friends, right?", "yesno", (r"yes|universit",), about=("table4",), voice=ASK_M6_NYC),
        Q("did we pick a first dance song in the end?", "never", decline=True, voice=ASK_F3_LAN),
        Q("did I mention the photographer's name?", "never", decline=True, voice=ASK_M6_NYC),
        Q("seating plans are harder than the actual wedding, I swear", "smalltalk", voice=ASK_F3_LAN),
        Q("what's on the screen now?", "now", (r"to do|florist|buttonhole|caterer|taxi|place cards",),
          forbid=(r"dietary|vegan|coeliac",), about=("todo",), voice=ASK_M6_NYC),
    ),
)

_POSTER = P("motorcycle", 460, 0, 110)
_BISCUIT = P("cat", 0, 225, 130)
_ANTON = P("cameraman", 180, 60, 300)
_MAEVE = P("astronaut", 395, 115, 245)
_COFFEE = P("cup", 470, 250, 100)
LAYOUTS.update({
    "sealed6-cat": (_BISCUIT,),
    "sealed6-cat+poster": (_POSTER, _BISCUIT),
    "sealed6-cat+poster+anton": (_POSTER, _BISCUIT, _ANTON),
    "sealed6-cat+poster+anton+maeve": (_POSTER, _BISCUIT, _ANTON, _MAEVE),
    "sealed6-poster+anton+maeve": (_POSTER, _ANTON, _MAEVE),
    "sealed6-poster+maeve": (_POSTER, _MAEVE),
    "sealed6-poster+cup": (_POSTER, _COFFEE),
})

SCHEDULE_NOTE = ("PARTY 3PM", "PIN THE TAIL 3:30", "CAKE 4:15")


BIRTHDAY = Stream(
    name="sealed6-camera-birthday-prep", split="sealed6", video_source="camera",
    notes="a child's birthday party being set up: the cat comes to watch, a motorbike poster goes up, a helper in "
          "black arrives, then one in orange; the cat goes, then the man, then the woman; a coffee cup and a "
          "schedule card are left with the poster",
    events=(
        *held(0, 15, "wall", id="empty"),
        Speech(3, "Right, party prep. The balloons are done, and Rafferty's friends arrive at three.", HOST_EN,
               id="prep"),
        *held(15, 50, "sealed6-cat", id="cat_in"),
        Speech(18, "Oh, Biscuit's come to supervise. She'd better stay off the cake table.", HOST_EN, id="biscuit"),
        *held(50, 85, "sealed6-cat+poster", id="poster_up"),
        Speech(53, "There, the motorbike poster's up. Rafferty's obsessed with motorbikes, and he's turning seven.",
               HOST_EN, id="seven"),
        *held(85, 120, "sealed6-cat+poster+anton", id="anton_in"),
        Speech(88, "Hi Anton, thanks for coming early. Anton, can you make a start on the sandwiches?", HOST_EN,
               id="hi_anton"),
        Speech(104, "Anton says the bouncy castle man is running forty minutes late.", HOST_EN, id="late"),
        *held(120, 155, "sealed6-cat+poster+anton+maeve", id="maeve_in"),
        Speech(123, "And here's Maeve with the party bags. There are fourteen of them.", HOST_EN, id="bags"),
        *held(155, 190, "sealed6-poster+anton+maeve", id="cat_out"),
        Speech(158, "Biscuit's gone off in a huff, the doorbell scared her.", HOST_EN, id="huff"),
        *held(190, 225, "sealed6-poster+maeve", id="anton_out"),
        Speech(193, "Anton's popped out to get ice, the freezer's full of cake.", HOST_EN, id="ice"),
        *with_note(held(225, 255, "sealed6-poster+cup", id="maeve_out"), SCHEDULE_NOTE, 26),
        Speech(228, "Maeve's gone to pick Rafferty up from his swimming lesson. My coffee's on the table, and the "
                    "plan for the afternoon is on the card.", HOST_EN, id="coffee"),
        *with_note(held(255, 255 + 5 * NOISE_EVERY_S, "sealed6-poster+cup", id="end"), SCHEDULE_NOTE, 26),
        Speech(258, "Right, ten minutes of quiet before the chaos.", HOST_EN, id="quiet"),
    ),
    questions=(
        Q("when did the cat turn up?", "camera", about=("cat_in",), timed=True, voice=ASK_M4_WM),
        Q("what colour was Anton wearing?", "camera", (r"black|dark",), forbid=(r"orange",), about=("anton_in",),
          voice=ASK_F5_CB),
        Q("and Maeve, what colour was she in?", "camera", (r"orange",), forbid=(r"black",), about=("maeve_in",),
          voice=ASK_M4_WM),
        Q("how many people were here when Maeve arrived?", "camera", (r"\b2\b",), about=("maeve_in",),
          voice=ASK_F5_CB),
        Q("when did the motorbike poster go up?", "camera", about=("poster_up",), timed=True, voice=ASK_M4_WM),
        Q("when did Anton head off?", "camera", about=("anton_out",), timed=True, voice=ASK_F5_CB),
        Q("did you see a horse at all?", "camera", decline=True, voice=ASK_M4_WM),
        Q("was anyone holding a balloon?", "camera", decline=True, voice=ASK_F5_CB),
        Q("what can you see right now?", "camera", (r"cup|mug|coffee|motor|bike|poster|card",),
          forbid=(r"\bcat\b",), about=("maeve_out",), voice=ASK_M4_WM),
        Q("is anybody still here?", "camera", decline=True, voice=ASK_F5_CB),
        Q("who got here first, Anton or Maeve?", "order", (r"anton|black|\bman\b",), forbid=(r"^\W*maeve",),
          about=("anton_in",), voice=ASK_M4_WM),
        Q("what time's pin the tail, going by the card?", "shown", (r"3\W*30|half past 3",),
          about=("maeve_out", "end"), voice=ASK_F5_CB),
        Q("how old's Rafferty going to be?", "said", (r"\b7\b",), about=("seven",), voice=ASK_M4_WM),
        Q("how late's the bouncy castle man running?", "said", (r"\b40\b",), about=("late",), voice=ASK_F5_CB),
        Q("how many party bags did Maeve bring?", "count", (r"\b14\b",), about=("bags",), voice=ASK_M4_WM),
        Q("Maeve's gone to fetch Rafferty from swimming, hasn't she?", "yesno", (r"yes|swim",), about=("coffee",),
          voice=ASK_F5_CB),
        Q("did I say what flavour the cake is?", "never", decline=True, voice=ASK_M4_WM),
        Q("kids' parties, eh. Never again", "smalltalk", voice=ASK_F5_CB),
    ),
)

STREAMS = (PHARMACY, BIKE, BAKE_SALE, WEDDING, BIRTHDAY)
