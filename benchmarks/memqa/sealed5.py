"""The SEALED5 memory-QA streams: written 2026-11-28 in the ninth session, after all nine other splits had been read.

Why a tenth split: dev, heldout, unseen, fresh, blind, sealed, sealed2, sealed3 and sealed4 have all been
scored and read, so none of them still measures how the assistant does on a stream nobody has seen.
These were written by a helper who never read the answer policy, the gate, the ASR, memory, perception
or any results, from the benchmark's format alone (script.py, media.py, camera.py, camera_scenes.py,
scoring.py, plan.py, report.py, memory_qa.py, and sealed4.py as the model of a split file), with
situations (planning a family camping weekend, a boiler breakdown call to the heating company, a
car-boot sale stall, a cider-pressing day, a riding club committee meeting on camera), names, codes,
espeak-ng voices and recorded prompts none of the other splits use, and questions worded the way a
new user speaks (fillers, contractions, tag questions such as "isn't he?", follow-ups such as "and
what did it actually go for?", statements as small talk). The streams are longer than sealed4's
(265-290 s of content each) and leave long quiet stretches with a screen up.

Score once, do not tune on it: score it one time, at the end of the ninth session, and do not read it
before then (not the coordinator, not whoever tunes); never edit it to make a run pass (a wrong answer
here is a finding). Remarks aimed at someone else in the room or on the call ("Tobias, can you …",
"Leontine, can you …", "Shauna, can you …", "Hamish, can you …", "Fergal, could you …") must not be
answered; the camera stream uses the camera benchmark's photo cut-outs (a mug, a horse picture, the
woman in orange, the man in black, the cat) with a note card on the table for its last stretch.

Over 400 lines: five streams of 18-20 questions each, kept in one file so the split is written, read and
sealed as one.

Scored once, at 1571536 at the end of the ninth session: 47/95 (benchmarks/README.md); read since.
"""
from __future__ import annotations

from benchmarks.camera_scenes import Placed as P
from benchmarks.memqa.camera import LAYOUTS, NOISE_EVERY_S, held
from benchmarks.memqa.script import Question as Q
from benchmarks.memqa.script import Screen, Sound, Speech, Stream, Voice
from benchmarks.memqa.sealed import with_note

# remark voices: accent + espeak-ng variant + speed + pitch, none used by the other splits ("en-gb+<variant>"
# silently drops the variant in this espeak-ng, so the British ones with a variant are written "en+<variant>")
CAMPER_WM = Voice("en-gb-x-gbcwmd+f3", 160, 59)
CALLER_RP = Voice("en-gb-x-rp+f2", 150, 61)
AGENT_EN = Voice("en+m5", 160, 43)
SELLER_SC = Voice("en-gb-scotland+m2", 160, 41)
BUYER_NYC = Voice("en-us-nyc+m3", 170, 47)
PRESSER_LAN = Voice("en-gb-x-gbclan+f5", 155, 63)
NEIGHBOUR_CB = Voice("en-029+f1", 160, 61)
CHAIR_CB = Voice("en-029+m2", 160, 45)
# question voices
ASK_M5_US = Voice("en-us+m5", 165, 47)
ASK_F4_SC = Voice("en-gb-scotland+f4", 160, 61)
ASK_M1_RP = Voice("en-gb-x-rp+m1", 170, 44)
ASK_BELINDA_EN = Voice("en+belinda", 160, 60)
ASK_M4_CB = Voice("en-029+m4", 165, 43)
ASK_F5_WM = Voice("en-gb-x-gbcwmd+f5", 160, 63)
ASK_M1_WM = Voice("en-gb-x-gbcwmd+m1", 165, 44)
ASK_ALICIA_US = Voice("en-us+Alicia", 160, 62)
ASK_M4_NYC = Voice("en-us-nyc+m4", 165, 45)
ASK_M2_LAN = Voice("en-gb-x-gbclan+m2", 165, 44)

CAMPING = Stream(
    name="sealed5-camping-trip-plan", split="sealed5",
    notes="planning a family camping weekend: a campsite booking, the radio, a forecast in small print, humming, "
          "a packing list, a long phone-call gap, singing, reminders with a gate code left up",
    events=(
        Screen(0, ("CAMPSITE BOOKING", "Hollowmere Farm Campsite", "Pitch 14, grass, no hook-up", "Arrive Fri 16:00",
                   "Booking ref: HMF-40827"), size=26, id="booking"),
        Speech(3, "Okay, so we're booked into Hollowmere Farm for three nights, Friday to Monday.", CAMPER_WM,
               id="nights"),
        Speech(15, "It's pitch fourteen, which is right next to the stream. The kids will love that.", CAMPER_WM,
               id="pitch"),
        Speech(27, "Tobias, can you check whether the tent pegs are still in the garage?", CAMPER_WM, id="tobias"),
        Sound(38, 14, "music:manolo_camp-morning_coffee", id="radio"),
        Speech(56, "Right, radio off. The drive's about two hours forty, so we should leave by one.", CAMPER_WM,
               id="drive"),
        Screen(69, ("WEATHER - HOLLOWMERE", "Fri: sunny, 19 C", "Sat: showers, 15 C", "Sun: cloudy, 16 C",
                    "Wind Sat: 28 km/h"), size=22, id="weather"),
        Speech(72, "Showers on Saturday, ugh. I'll pack the big tarp and everyone's waterproofs.", CAMPER_WM,
               id="tarp"),
        Speech(85, "The campsite says no fires on the ground, so we'll take the little barbecue.", CAMPER_WM,
               id="bbq"),
        Sound(118, 12, "hum:D4 F4 A4 F4 G4 E4 C4 D4", id="humming"),
        Speech(133, "Sorry, that tune's stuck in my head. Food: sausages for Friday night and pancake mix for "
                    "Saturday breakfast.", CAMPER_WM, id="food"),
        Screen(147, ("PACKING LIST", "Tent + 22 pegs", "4 sleeping bags", "Camping stove + 2 gas canisters",
                     "Head torches", "First aid kit"), size=22, id="packing"),
        Speech(150, "The tent needs twenty two pegs, and last time we only had eighteen, so I've ordered a new bag.",
               CAMPER_WM, id="pegs"),
        Speech(164, "Oh, Tobias found the old ones, but two of them are bent.", CAMPER_WM, id="bent"),
        # a long quiet stretch (a phone call in another room); the packing list stays up
        Speech(235, "Sorry, that was my mum on the phone. She's lending us her cool box, the blue one.", CAMPER_WM,
               id="coolbox"),
        Sound(248, 12, "sung:la di da di la", id="singing"),
        Speech(263, "Right. The nearest shop to the site shuts at six, and there's a pub that does food till nine.",
               CAMPER_WM, id="shop"),
        Screen(276, ("REMINDERS", "Thu: charge power bank", "Fri 13:00: leave", "Gate code: 7350"), size=30,
               id="reminders"),
        Speech(279, "The campsite gate code is seven three five zero, I've put it on the reminders.", CAMPER_WM,
               id="gate"),
    ),
    questions=(
        Q("um, what's on the screen right now?", "now", (r"weather|shower|sunny|cloudy|wind|\b28\b",),
          forbid=(r"booking|packing|\bpegs?\b",), about=("weather",), voice=ASK_M5_US, at=105),
        Q("how many nights did I book us in for?", "said", (r"\b3\b",), about=("nights",), voice=ASK_M5_US),
        Q("what pitch are we on again?", "said", (r"\b14\b",), about=("pitch", "booking"), voice=ASK_F4_SC),
        Q("and what's my mum lending us?", "said", (r"cool ?box",), about=("coolbox",), voice=ASK_M5_US),
        Q("what time did I say the shop shuts?", "said", (r"\b6\b|\b18\b",), about=("shop",), voice=ASK_F4_SC),
        Q("what's the booking reference for the campsite?", "shown", (r"hmf\W*40827|40827",), about=("booking",),
          voice=ASK_M5_US),
        Q("how windy's it meant to be on Saturday?", "shown", (r"\b28\b",), about=("weather",), voice=ASK_F4_SC),
        Q("how many things are on the packing list?", "count", (r"\b5\b",), about=("packing",), voice=ASK_M5_US),
        Q("was there music on at some point?", "heard", (r"yes|music|radio",), about=("radio",), voice=ASK_F4_SC),
        Q("did you hear somebody singing?", "heard", (r"yes|sing",), about=("singing",), voice=ASK_M5_US),
        Q("what did I say right after the music?", "sound", (r"drive|hour|leave",), about=("drive",),
          voice=ASK_F4_SC),
        Q("and after I'd been humming, what did I say?", "sound", (r"food|sausage|pancake",), about=("food",),
          voice=ASK_M5_US),
        Q("when was I talking about the barbecue?", "when", about=("bbq",), voice=ASK_F4_SC),
        Q("which did I mention first, the tarp or the cool box?", "order", (r"tarp",),
          forbid=(r"^\W*(the )?cool ?box",), about=("tarp",), voice=ASK_M5_US),
        Q("the gate code's seven three five zero, right?", "yesno", (r"yes|7\W*3\W*5\W*0",),
          about=("gate", "reminders"), voice=ASK_F4_SC),
        Q("did I say how much the campsite costs?", "never", decline=True, voice=ASK_M5_US),
        Q("hmm, what's the pub called?", "never", decline=True, voice=ASK_F4_SC),
        Q("I can't wait to get away, honestly", "smalltalk", voice=ASK_M5_US),
        Q("what's up on the screen now?", "now", (r"remind|power bank|gate|7\W*3\W*5\W*0|leave",),
          forbid=(r"packing|weather|booking",), about=("reminders",), voice=ASK_F4_SC),
    ),
)

BOILER = Stream(
    name="sealed5-boiler-breakdown-call", split="sealed5",
    notes="no hot water: the boiler's display in small print, a call to the heating company (a queue prompt, hold "
          "music, a transfer prompt), a reset asked of someone in the room, an engineer booked, a long gap, "
          "humming, singing, a Thursday list left up",
    events=(
        Screen(0, ("BOILER DISPLAY", "Fault: F28", "Pressure: 0.4 bar", "Model: Vaillo ecoTEC 832",
                   "Serial 21-4419-B"), size=20, id="display"),
        Speech(4, "No hot water again, and the boiler's flashing F twenty eight. The pressure's right down at nought "
                  "point four.", CALLER_RP, id="f28"),
        Speech(17, "I'm ringing the heating company, it's still on the service plan.", CALLER_RP, id="ringing"),
        Speech(25, recording="asterisk:queue-callswaiting", id="waiting"),
        Sound(29, 18, "music:macroform-cold_day", id="hold"),
        Speech(50, recording="asterisk:transfer", id="transfer"),
        Speech(55, "Hello, Brightwarm Heating, you're speaking to Dariusz. How can I help?", AGENT_EN, id="dariusz"),
        Speech(65, "Hi, my boiler's showing fault F twenty eight and there's no hot water. My plan number is B W four "
                   "seven three zero one.", CALLER_RP, id="plan_no"),
        Speech(79, "Thanks. F twenty eight is usually the ignition. Could you try resetting it once for me?", AGENT_EN,
               id="ignition"),
        Speech(90, "Leontine, can you press the reset button on the boiler? The one with the little flame on it.",
               CALLER_RP, id="leontine"),
        Speech(101, "She's done it, but it's still flashing.", CALLER_RP, id="still"),
        Speech(108, "Okay, I'll book an engineer. The earliest we have is Thursday, between eight and twelve.",
               AGENT_EN, id="thursday"),
        Speech(120, "Your job number is J B nine one six five two.", AGENT_EN, id="job"),
        Screen(128, ("ENGINEER VISIT", "Thu 12 Mar, 08:00-12:00", "Job no: JB-91652", "Engineer: Ossian",
                     "Call-out: covered by plan"), size=20, id="visit"),
        Speech(131, "Great, and there's nothing to pay because it's on the plan, right?", CALLER_RP, id="free"),
        Speech(140, "That's right, no charge. In the meantime you can top the pressure up to one point five bar.",
               AGENT_EN, id="topup"),
        Speech(152, "Okay, thanks Dariusz. Bye.", CALLER_RP, id="bye"),
        # a long quiet stretch; the visit details stay up
        Sound(215, 12, "hum:E4 G4 B4 A4 G4 E4 D4 E4", id="humming"),
        Speech(230, "Right, I've topped it up to one and a half bar. Leontine, you can run the hot tap now.",
               CALLER_RP, id="topped"),
        Speech(243, "Still cold. Oh well, kettle baths till Thursday. I'll put the electric heater in the baby's "
                    "room.", CALLER_RP, id="heater"),
        Sound(256, 12, "sung:mm la la mm la", id="singing"),
        Screen(271, ("THURSDAY", "Work from home", "Leave side gate open", "Move bikes from hallway"), size=28,
               id="thursday_list"),
        Speech(274, "I'll work from home on Thursday and leave the side gate open for the engineer.", CALLER_RP,
               id="wfh"),
    ),
    questions=(
        Q("what's on my screen right now?", "now", (r"engineer|visit|job|91652|ossian|call.?out",),
          forbid=(r"\bf\W*28\b|pressure|side gate",), about=("visit",), voice=ASK_M1_RP, at=185),
        Q("what did the recorded message say when I rang?", "heard", (r"waiting|representative|hold|extension",),
          about=("waiting", "transfer"), voice=ASK_M1_RP),
        Q("was there music while I was holding?", "heard", (r"yes|music",), about=("hold",), voice=ASK_BELINDA_EN),
        Q("who did I speak to at the heating company?", "said", (r"dariusz|darius",), about=("dariusz",),
          voice=ASK_M1_RP),
        Q("what's my plan number?", "said", (r"bw\W*47301|47301|4\W*7\W*3\W*0\W*1",), about=("plan_no",),
          voice=ASK_BELINDA_EN),
        Q("what did he reckon the F28 fault usually is?", "said", (r"ignition",), about=("ignition",), voice=ASK_M1_RP),
        Q("and what should I top the pressure up to?", "said", (r"\b1\W*(point )?5\b|1 and a half",),
          about=("topup",), voice=ASK_BELINDA_EN),
        Q("what's the job number for the visit?", "shown", (r"jb\W*91652|91652|9\W*1\W*6\W*5\W*2",),
          about=("job", "visit"), voice=ASK_M1_RP),
        Q("what's the engineer called?", "shown", (r"ossian",), about=("visit",), voice=ASK_BELINDA_EN),
        Q("what was the pressure showing on the boiler?", "shown", (r"0?\.4\b|point 4",), about=("display", "f28"),
          voice=ASK_M1_RP),
        Q("when did Dariusz pick up?", "when", about=("dariusz",), voice=ASK_BELINDA_EN),
        Q("what's the very last thing I said?", "order", (r"thursday|work from home|side gate|engineer",),
          about=("wfh",), voice=ASK_M1_RP),
        Q("what did I say after I'd been humming?", "sound", (r"\btop|pressure|1 and a half|\b1\W*5\b|tap",),
          about=("topped",), voice=ASK_BELINDA_EN),
        Q("how many things are on my Thursday list?", "count", (r"\b3\b",), about=("thursday_list",),
          voice=ASK_M1_RP),
        Q("the engineer's coming Thursday morning, isn't he?", "yesno", (r"yes|thursday|\b8\b",),
          about=("thursday", "visit"), voice=ASK_BELINDA_EN),
        Q("did he say how much a new boiler would cost?", "never", decline=True, voice=ASK_M1_RP),
        Q("what's the engineer's phone number?", "never", decline=True, voice=ASK_BELINDA_EN),
        Q("cold showers are character building, I suppose", "smalltalk", voice=ASK_M1_RP),
        Q("and what's the screen showing now?", "now", (r"thursday|work from home|side gate|bikes?\b",),
          forbid=(r"\bjob\b|engineer visit|pressure",), about=("thursday_list",), voice=ASK_BELINDA_EN),
    ),
)

CAR_BOOT = Stream(
    name="sealed5-car-boot-stall", split="sealed5",
    notes="a car-boot sale stall: a price list, music from the next stall, haggling over a bike, humming, a remark "
          "to the helper, a long quiet stretch, the takings, singing, a left-over list left up",
    events=(
        Screen(0, ("STALL 27 - PRICES", "Books 50p / 3 for £1", "Vinyl £2 each", "Kids' toys £1", "Brass lamp £8",
                   "Bike £35 ono"), size=22, id="prices"),
        Speech(3, "Right, stall twenty seven, all set up. The pitch was twelve pounds, so that's the first thing to "
                  "earn back.", SELLER_SC, id="fee"),
        Speech(16, "Shauna, can you put the float tin under the table, out of sight?", SELLER_SC, id="shauna"),
        Sound(26, 14, "music:reno_project-system", id="next_stall"),
        Speech(43, "The stall next door has had that same song on all morning. Anyway.", SELLER_SC, id="song"),
        Speech(52, "Morning! How much for the bike?", BUYER_NYC, id="bike_q"),
        Speech(58, "Thirty five, or near offer. It's got new brakes.", SELLER_SC, id="bike_a"),
        Speech(66, "I'll give you twenty eight.", BUYER_NYC, id="offer"),
        Speech(72, "Go on then, thirty and it's yours.", SELLER_SC, id="deal"),
        Speech(80, "Deal. Thirty it is.", BUYER_NYC, id="sold"),
        Speech(88, "Bike's gone for thirty. That's the pitch covered already.", SELLER_SC, id="covered"),
        Sound(100, 12, "hum:G4 B4 D5 B4 C5 A4 F4 G4", id="humming"),
        Speech(115, "A lady just bought three records, six quid altogether. She said her dad had the exact same ones.",
               SELLER_SC, id="records"),
        Speech(127, "Shauna, don't let the lamp go for less than eight, it's proper brass.", SELLER_SC,
               id="shauna_lamp"),
        # a long quiet stretch; the price list stays up
        Speech(190, "It's gone quiet. I've sold six books so far, all the cookery ones.", SELLER_SC, id="books"),
        Screen(202, ("TAKINGS", "Bike  £30", "Books x6  £2", "Vinyl x3  £6", "Total  £38"), size=24, id="takings"),
        Speech(205, "Thirty eight pounds so far, minus the twelve for the pitch.", SELLER_SC, id="net"),
        Sound(217, 12, "sung:hey ho hey ho ho", id="singing"),
        Speech(232, "Ha, that was Shauna, singing along to next door's radio.", SELLER_SC, id="shauna_sings"),
        Speech(244, "We pack up at one, the field closes at half past.", SELLER_SC, id="packup"),
        Screen(256, ("LEFT OVER", "Brass lamp", "Kids' toys x9", "Books x14", "-> charity shop Mon"), size=26,
               id="leftover"),
        Speech(259, "Whatever's left goes to the charity shop on Monday, I'm not taking it all home again.",
               SELLER_SC, id="charity"),
    ),
    questions=(
        Q("what's on the screen right now?", "now", (r"price|stall|books|vinyl|lamp|bike|toys",),
          forbid=(r"takings|left ?over",), about=("prices",), voice=ASK_M4_CB, at=160),
        Q("how much was the pitch?", "said", (r"\b12\b",), about=("fee",), voice=ASK_M4_CB),
        Q("what did the guy offer me for the bike at first?", "said", (r"\b28\b",), about=("offer",),
          voice=ASK_F5_WM),
        Q("and what did it actually go for?", "said", (r"\b30\b",), about=("deal", "sold"), voice=ASK_M4_CB),
        Q("what time are we packing up?", "said", (r"\b1\b|\b13\b",), about=("packup",), voice=ASK_F5_WM),
        Q("what's the lamp priced at?", "shown", (r"\b8\b",), about=("prices", "shauna_lamp"), voice=ASK_M4_CB),
        Q("what's the total on the takings?", "shown", (r"\b38\b",), about=("takings",), voice=ASK_F5_WM),
        Q("how many kids' toys are left over?", "count", (r"\b9\b|x9",), about=("leftover",), voice=ASK_M4_CB),
        Q("how many records did that lady buy?", "count", (r"\b3\b",), about=("records",), voice=ASK_F5_WM),
        Q("was somebody playing music nearby?", "heard", (r"yes|music|song|radio",), about=("next_stall",),
          voice=ASK_M4_CB),
        Q("who was that singing?", "heard", (r"shauna",), about=("shauna_sings",), voice=ASK_F5_WM),
        Q("what did I say after the humming?", "sound", (r"record|vinyl|\b6\b|dad",), about=("records",),
          voice=ASK_M4_CB),
        Q("when did the bike sell?", "when", about=("deal", "sold"), voice=ASK_F5_WM),
        Q("um, when did I say how many books I'd sold?", "when", about=("books",), voice=ASK_M4_CB),
        Q("which went first, the bike or the records?", "order", (r"bike",), forbid=(r"^\W*(the )?records?",),
          about=("sold",), voice=ASK_F5_WM),
        Q("the leftovers are going to the charity shop, aren't they?", "yesno", (r"yes|charity",),
          about=("charity", "leftover"), voice=ASK_M4_CB),
        Q("did anyone ask about the kids' toys?", "never", decline=True, voice=ASK_F5_WM),
        Q("how much did I pay for the bike in the first place?", "never", decline=True, voice=ASK_M4_CB),
        Q("my feet are killing me, standing here all morning", "smalltalk", voice=ASK_F5_WM),
        Q("what's up on the screen now?", "now", (r"left ?over|charity|lamp|toys|books",),
          forbid=(r"takings|price",), about=("leftover",), voice=ASK_M4_CB),
    ),
)

CIDER = Stream(
    name="sealed5-cider-pressing", split="sealed5",
    notes="a cider-pressing day: a batch card, the radio, a hydrometer reading in small print, a neighbour drops by, "
          "humming, a long wait for the second pressing, demijohns, a remark to the helper, singing, a to-do list",
    events=(
        Screen(0, ("CIDER DAY - BATCH 4", "Apples: Bramley + Katy + crab", "Weight: 38 kg", "Target: 23 litres"),
               size=24, id="batch"),
        Speech(3, "Batch four. Thirty eight kilos of apples from the orchard, mostly Bramleys, with some Katy and a "
                  "few crab apples.", PRESSER_LAN, id="apples"),
        Speech(17, "Last year's batch was far too sharp, so there's more Katy in it this time.", PRESSER_LAN,
               id="sharp"),
        Speech(28, "Hamish, can you bring the second bucket over? This one's nearly full.", PRESSER_LAN, id="hamish"),
        Sound(38, 14, "music:macroform-robot_dity", id="radio"),
        Speech(55, "Right, radio off. We've pressed the first lot and got about eleven litres of juice.", PRESSER_LAN,
               id="eleven"),
        Screen(68, ("HYDROMETER", "Original gravity: 1.052", "Juice temp: 17 C", "Potential ABV: 6.8%"), size=20,
               id="gravity"),
        Speech(71, "Gravity's ten fifty two, so it should end up around six and a half, seven percent.", PRESSER_LAN,
               id="abv"),
        Speech(84, "That smells amazing. Can I have a glass of the fresh juice before it goes in?", NEIGHBOUR_CB,
               id="neighbour"),
        Speech(93, "Of course, help yourself Agnieszka, there's loads.", PRESSER_LAN, id="agnieszka"),
        Sound(103, 12, "hum:C5 A4 F4 A4 G4 E4 C4 F4", id="humming"),
        Speech(118, "One campden tablet per four and a half litres, to knock out the wild yeast.", PRESSER_LAN,
               id="campden"),
        # a long quiet stretch while the second lot is pressed; the hydrometer reading stays up
        Speech(175, "The second pressing's done. Twenty two litres in total, so just short of the target.",
               PRESSER_LAN, id="total"),
        Screen(188, ("FERMENTING", "Demijohns: 5", "Yeast: CY-17, add Sat", "Airlocks on", "Rack in 3 weeks"),
               size=22, id="fermenting"),
        Speech(191, "It's in five demijohns now. The yeast goes in on Saturday, once the campden's worn off.",
               PRESSER_LAN, id="demijohns"),
        Speech(204, "Hamish, don't put the pulp on the compost yet, the pigs next door love it.", PRESSER_LAN,
               id="pigs"),
        Sound(215, 12, "sung:fol de rol de ree", id="singing"),
        Speech(230, "Ha, that's the cider song my grandad used to sing. Anyway, the press needs a good scrub.",
               PRESSER_LAN, id="scrub"),
        Speech(242, "We'll rack it off in three weeks and bottle it around Christmas.", PRESSER_LAN, id="christmas"),
        Screen(254, ("TO DO", "Scrub the press", "Return crates to orchard", "Label demijohns"), size=30, id="todo"),
        Speech(257, "Okay, the list's up. I'm shattered, my arms are killing me.", PRESSER_LAN, id="tired"),
    ),
    questions=(
        Q("what's up on the screen right now?", "now", (r"hydrometer|gravity|1\.?052|abv|6\.8",),
          forbid=(r"ferment|demijohn|to ?do",), about=("gravity",), voice=ASK_M1_WM, at=150),
        Q("how many kilos of apples did we have?", "said", (r"\b38\b",), about=("apples", "batch"), voice=ASK_M1_WM),
        Q("why did I put more Katy in this time?", "said", (r"sharp|acid|tart|sour",), about=("sharp",),
          voice=ASK_ALICIA_US),
        Q("how much juice did the first pressing give us?", "said", (r"\b11\b",), about=("eleven",),
          voice=ASK_M1_WM),
        Q("how many campden tablets was it, per how much?", "said", (r"4\W*(and a half|\.5)|4\.5",),
          about=("campden",), voice=ASK_ALICIA_US),
        Q("and the pulp, what did I say about that?", "said", (r"pig|compost",), about=("pigs",), voice=ASK_M1_WM),
        Q("what was the original gravity?", "shown", (r"1\.?052|10\W*52",), about=("gravity", "abv"),
          voice=ASK_ALICIA_US),
        Q("which yeast is it?", "shown", (r"cy\W*17",), about=("fermenting",), voice=ASK_M1_WM),
        Q("how many demijohns did it go into?", "count", (r"\b5\b",), about=("demijohns", "fermenting"),
          voice=ASK_ALICIA_US),
        Q("how many kinds of apple went in?", "count", (r"\b3\b",), about=("apples", "batch"), voice=ASK_M1_WM),
        Q("was someone singing?", "heard", (r"yes|sing",), about=("singing",), voice=ASK_ALICIA_US),
        Q("what did I say after the humming?", "sound", (r"campden|tablet|yeast",), about=("campden",),
          voice=ASK_M1_WM),
        Q("when did I say we'd got twenty two litres?", "when", about=("total",), voice=ASK_ALICIA_US),
        Q("which came first, the hydrometer reading or the demijohns?", "order", (r"hydrometer|gravity",),
          forbid=(r"^\W*(the )?demijohns?",), about=("gravity",), voice=ASK_M1_WM),
        Q("we're bottling it around Christmas, right?", "yesno", (r"yes|christmas",), about=("christmas",),
          voice=ASK_ALICIA_US),
        Q("did I say how much the apples cost?", "never", decline=True, voice=ASK_M1_WM),
        Q("did I say which day we picked the apples?", "never", decline=True, voice=ASK_ALICIA_US),
        Q("honestly, there's nothing better than fresh apple juice", "smalltalk", voice=ASK_M1_WM),
        Q("what's on the screen now?", "now", (r"to ?do|scrub|crates|label",), forbid=(r"ferment|hydrometer",),
          about=("todo",), voice=ASK_ALICIA_US),
    ),
)

_MUG = P("cup", 150, 275, 80)
_DUCHESS = P("horse", 300, 10, 110)
_OKSANA = P("astronaut", 10, 50, 300)
_FERGAL = P("cameraman", 430, 40, 320)
_NUTMEG = P("cat", 250, 240, 115)
LAYOUTS.update({
    "sealed5-mug": (_MUG,),
    "sealed5-mug+horse": (_DUCHESS, _MUG),
    "sealed5-mug+horse+oksana": (_DUCHESS, _OKSANA, _MUG),
    "sealed5-mug+horse+oksana+fergal": (_DUCHESS, _OKSANA, _FERGAL, _MUG),
    "sealed5-mug+horse+oksana+fergal+cat": (_DUCHESS, _OKSANA, _FERGAL, _NUTMEG, _MUG),
    "sealed5-mug+horse+fergal+cat": (_DUCHESS, _FERGAL, _NUTMEG, _MUG),
    "sealed5-mug+horse+cat": (_DUCHESS, _NUTMEG, _MUG),
})

GYMKHANA_NOTE = ("GYMKHANA SAT 21ST", "ENTRY 6 POUNDS", "HELPERS NEEDED: 8")

RIDING_CLUB = Stream(
    name="sealed5-camera-riding-club", split="sealed5", video_source="camera",
    notes="a riding club committee in a kitchen: the chair's mug, a picture of the club's pony put up, a member "
          "(orange) arrives, the new treasurer (black), the yard cat, the member leaves a gymkhana card on the "
          "table, the treasurer and the cat go, the mug and picture are left",
    events=(
        *held(0, 15, "wall", id="empty"),
        Speech(3, "Kettle's on. The committee should be here any minute.", CHAIR_CB, id="ready"),
        *held(15, 45, "sealed5-mug", id="mug_in"),
        Speech(18, "That's my tea on the table. Tonight it's the gymkhana, and the new fence for the top field.",
               CHAIR_CB, id="agenda"),
        *held(45, 80, "sealed5-mug+horse", id="horse_up"),
        Speech(48, "I've put up the picture of Duchess, our oldest pony. She's twenty six this year!", CHAIR_CB,
               id="duchess"),
        *held(80, 120, "sealed5-mug+horse+oksana", id="oksana_in"),
        Speech(83, "Oksana, hello! You're the first one here.", CHAIR_CB, id="hi_oksana"),
        Speech(100, "Oksana's doing the entries again. She says we've had forty so far.", CHAIR_CB, id="entries"),
        *held(120, 160, "sealed5-mug+horse+oksana+fergal", id="fergal_in"),
        Speech(123, "Evening, Fergal. Everyone, Fergal's our new treasurer.", CHAIR_CB, id="hi_fergal"),
        Speech(140, "Fergal, could you pull the blind down? The sun's right in my eyes.", CHAIR_CB, id="blind"),
        *held(160, 195, "sealed5-mug+horse+oksana+fergal+cat", id="cat_in"),
        Speech(163, "And here's Nutmeg, the yard cat. She always turns up when there's biscuits.", CHAIR_CB,
               id="nutmeg"),
        *with_note(held(195, 230, "sealed5-mug+horse+fergal+cat", id="oksana_out"), GYMKHANA_NOTE, 26),
        Speech(198, "Oksana's had to go, she's got an early start at the stables. She left the gymkhana card on the "
                    "table.", CHAIR_CB, id="oksana_left"),
        *with_note(held(230, 260, "sealed5-mug+horse+cat", id="fergal_out"), GYMKHANA_NOTE, 26),
        Speech(233, "Fergal's gone too. He reckons the fence will cost eleven hundred, so we need one more "
                    "fundraiser.", CHAIR_CB, id="fence"),
        *with_note(held(260, 260 + 5 * NOISE_EVERY_S, "sealed5-mug+horse", id="all_out"), GYMKHANA_NOTE, 26),
        Speech(263, "Nutmeg's wandered off as well. Just me and my tea.", CHAIR_CB, id="cat_gone"),
    ),
    questions=(
        Q("when did Oksana get here?", "camera", about=("oksana_in",), timed=True, voice=ASK_M4_NYC),
        Q("what colour was she wearing?", "camera", (r"orange",), forbid=(r"black",), about=("oksana_in",),
          voice=ASK_M2_LAN),
        Q("and Fergal, what colour was his top?", "camera", (r"black|dark",), forbid=(r"orange",),
          about=("fergal_in",), voice=ASK_M4_NYC),
        Q("how many people were there when the cat came in?", "camera", (r"\b2\b",), about=("cat_in",),
          voice=ASK_M2_LAN),
        Q("when did Nutmeg turn up?", "camera", about=("cat_in",), timed=True, voice=ASK_M4_NYC),
        Q("when did Fergal leave?", "camera", about=("fergal_out",), timed=True, voice=ASK_M2_LAN),
        Q("did you see a motorbike at any point?", "camera", decline=True, voice=ASK_M4_NYC),
        Q("was anybody holding anything, like a pen?", "camera", decline=True, voice=ASK_M2_LAN),
        Q("what can you see right now?", "camera", (r"horse|pony|cup|mug",), forbid=(r"\bcat\b",),
          about=("all_out",), voice=ASK_M4_NYC),
        Q("is anybody still here?", "camera", decline=True, voice=ASK_M2_LAN),
        Q("when's the gymkhana, going by the card?", "shown", (r"\b21\b|saturday|\bsat\b",),
          about=("oksana_out", "fergal_out", "all_out"), voice=ASK_M4_NYC),
        Q("how many helpers do we need?", "shown", (r"\b8\b",), about=("oksana_out", "fergal_out", "all_out"),
          voice=ASK_M2_LAN),
        Q("who got here first, Oksana or Fergal?", "order", (r"oksana|orange|woman",), forbid=(r"^\W*fergal",),
          about=("oksana_in",), voice=ASK_M4_NYC),
        Q("how old's Duchess?", "said", (r"\b26\b",), about=("duchess",), voice=ASK_M2_LAN),
        Q("what did Fergal reckon the fence would cost?", "said", (r"\b1100\b|11 hundred",), about=("fence",),
          voice=ASK_M4_NYC),
        Q("Fergal's the new treasurer, isn't he?", "yesno", (r"yes|treasurer",), about=("hi_fergal",),
          voice=ASK_M2_LAN),
        Q("did I say who's judging the gymkhana?", "never", decline=True, voice=ASK_M4_NYC),
        Q("committee meetings always drag on, don't they", "smalltalk", voice=ASK_M2_LAN),
    ),
)

STREAMS = (CAMPING, BOILER, CAR_BOOT, CIDER, RIDING_CLUB)
