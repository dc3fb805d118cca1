"""The SEALED3 memory-QA streams: written 2026-11-28, after all seven other splits had been read and tuned on.

Why an eighth split: dev, heldout, unseen, fresh, blind, sealed and sealed2 have all been scored, read
and tuned against, so none of them still measures how the assistant does on a stream nobody has seen.
These were written by a helper who never read the answer policy, the gate, the ASR, memory or any
results, from the benchmark's format alone (script.py, media.py, camera.py, camera_scenes.py,
scoring.py, plan.py), with situations (flat hunting, a night of stargazing, a call to the vet, a
school fete's raffle, a lodger moving in), names, codes, espeak-ng voices and a recorded queue prompt
none of the other splits use, and questions worded the way a new user speaks (fillers, contractions,
"before I forget" preambles, follow-ups such as "and which ear was it?").

Score once, do not tune on it: score it one time, at the end of that session, and do not read it
before then (not the coordinator, not whoever tunes); never edit it to make a run pass (a wrong answer
here is a finding). Remarks aimed at someone else in the room ("Radek, could you …", "Kasia, can you
…", "Gunnar, can you …", "Ansel, could you …") must not be answered; the camera stream uses the camera
benchmark's photo cut-outs (a horse print, the woman in orange, the cat, the man in black, a mug) with
a note card on the table for its last stretch.

Scored once, at bbe9c8b at the end of the seventh session: 39/91 (benchmarks/README.md); read since.
"""
from __future__ import annotations

from benchmarks.camera_scenes import Placed as P
from benchmarks.memqa.camera import LAYOUTS, NOISE_EVERY_S, held
from benchmarks.memqa.script import Question as Q
from benchmarks.memqa.script import Screen, Sound, Speech, Stream, Voice
from benchmarks.memqa.sealed import with_note

# remark voices: accent + espeak-ng variant + speed + pitch, none used by the other splits
JOHN_GB = Voice("en-gb+john", 160, 48)
NORBERT_US = Voice("en-us+norbert", 155, 45)
VICTOR_CB = Voice("en-029+victor", 160, 42)
RECEPTION_LAN = Voice("en-gb-x-gbclan+f4", 150, 64)
ALICIA_SC = Voice("en-gb-scotland+Alicia", 155, 60)
HUGO_WM = Voice("en-gb-x-gbcwmd+Hugo", 160, 44)
# question voices
ASK_ED = Voice("en-us+ed", 170, 50)
ASK_ANTONIO = Voice("en-gb-x-rp+antonio", 165, 45)
ASK_SANDRO = Voice("en-029+sandro", 160, 47)
ASK_F1_SC = Voice("en-gb-scotland+f1", 160, 60)
ASK_M6_NYC = Voice("en-us-nyc+m6", 170, 44)
ASK_F2_WM = Voice("en-gb-x-gbcwmd+f2", 160, 62)
ASK_JOHN_US = Voice("en-us+john", 175, 46)
ASK_F5_GB = Voice("en-gb+f5", 165, 64)

FLATS = Stream(
    name="sealed3-flat-hunting", split="sealed3",
    notes="comparing three rental listings, on hold to the letting agent, a viewing booked, a shortlist",
    events=(
        Screen(0, ("FLAT 1 - CALVERT ROAD", "2 bedrooms, 3rd floor", "Rent: £1,340 / month", "Ref: LT-7092"),
               size=34, id="flat1"),
        Speech(3, "Okay, first one is on Calvert Road. Third floor and no lift, which my knees will hate.",
               JOHN_GB, id="calvert"),
        Speech(15, "The agent said the deposit is five weeks of rent, and they want it by Friday.", JOHN_GB,
               id="deposit"),
        Screen(30, ("FLAT 2 - QUINCE MEWS", "1 bedroom + box room", "Rent: £1,185 / month", "Ref: QM-3316",
                    "Garden: shared"), size=32, id="flat2"),
        Speech(33, "Quince Mews is cheaper, and the garden is only shared with one other flat.", JOHN_GB,
               id="quince"),
        Speech(46, "Radek, could you read me the postcode off that letter on the fridge?", JOHN_GB, id="radek"),
        Sound(60, 15, "music:macroform-cold_day", id="hold"),
        Speech(78, "Finally. Right, the viewing for Quince Mews is Thursday at ten past six.", JOHN_GB,
               id="viewing"),
        Screen(92, ("VIEWING BOOKED", "Quince Mews - Thu 18:10", "Agent: Brantwood & Pryce",
                    "Bring: photo ID, payslips"), size=32, id="booked"),
        Speech(118, "I'm not paying more than thirteen hundred, so Calvert Road is out unless they drop the rent.",
               JOHN_GB, id="budget"),
        Screen(134, ("FLAT 3 - WEIR STREET", "Studio, ground floor", "Rent: £990 / month", "Ref: WS-0457",
                     "Bills included"), size=32, id="flat3"),
        Speech(137, "The studio on Weir Street includes bills, but it's tiny. Maybe as a backup.", JOHN_GB,
               id="weir"),
        Screen(182, ("MY SHORTLIST", "1. Quince Mews", "2. Weir Street", "3. Calvert Road"), id="shortlist"),
        Speech(185, "Okay, shortlist done. I'll ring the bank about the deposit tomorrow morning.", JOHN_GB,
               id="bank"),
    ),
    questions=(
        Q("hey, what's on the screen right now?", "now", (r"weir|studio|990",), forbid=(r"quince|calvert",),
          about=("flat3",), voice=ASK_ED, at=152),
        Q("so what did the agent say about the deposit?", "said", (r"\b5\b.{0,12}week",), about=("deposit",),
          voice=ASK_ED),
        Q("and by when do they want it?", "said", (r"friday",), about=("deposit",), voice=ASK_ED),
        Q("which floor was the Calvert Road one on again?", "said", (r"\b3(rd)?\b",), about=("calvert", "flat1"),
          voice=ASK_ANTONIO),
        Q("what was the reference for the Quince Mews flat?", "shown", (r"qm\W*3316|3316",), about=("flat2",),
          voice=ASK_ANTONIO),
        Q("um how much was the rent on Weir Street", "shown", (r"\b990\b",), about=("flat3",), voice=ASK_ED),
        Q("what do I need to bring to the viewing?", "shown", (r"\bid\b|photo", r"pay ?slip"), about=("booked",),
          voice=ASK_ED),
        Q("was there music playing at some point?", "heard", (r"yes|music",), about=("hold",), voice=ASK_ANTONIO),
        Q("what did I say right after the hold music stopped?", "sound", (r"thursday|18:10|6:10|10 past 6",),
          about=("viewing",), voice=ASK_ED),
        Q("roughly when was I on hold?", "when", about=("hold",), voice=ASK_ANTONIO),
        Q("when did I say I'd ring the bank?", "when", about=("bank",), voice=ASK_ED),
        Q("which flat did I look at first?", "order", (r"calvert",), about=("flat1",), voice=ASK_ANTONIO),
        Q("how many flats did I look at altogether?", "count", (r"\b3\b",), about=("flat1", "flat2", "flat3"),
          voice=ASK_ED),
        Q("is the garden at Quince Mews shared?", "yesno", (r"yes|shared",), about=("quince", "flat2"),
          voice=ASK_ANTONIO),
        Q("did I mention parking for any of them?", "never", decline=True, voice=ASK_ED),
        Q("what's the landlord's phone number for Weir Street?", "never", decline=True, voice=ASK_ANTONIO),
        Q("ugh, flat hunting is exhausting, isn't it?", "smalltalk", forbid=(r"quince|calvert|weir",),
          voice=ASK_ED),
        Q("ok and what's up on the screen now?", "now", (r"shortlist|quince",), about=("shortlist",),
          voice=ASK_ANTONIO),
    ),
)

STARGAZING = Stream(
    name="sealed3-stargazing-night", split="sealed3",
    notes="a sky app, a telescope set up in the garden, a child humming and singing, an observing log",
    events=(
        Screen(0, ("SKY TONIGHT - 14 MARCH", "Moonrise 21:47", "Jupiter: south-west", "Cloud cover 20%"),
               size=34, id="sky"),
        Speech(4, "Right, the sky app says cloud cover is only twenty percent tonight, so we're in luck.",
               NORBERT_US, id="cloud"),
        Speech(17, "I've set the telescope up by the shed, with the red torch on the bench.", NORBERT_US, id="shed"),
        Speech(29, "Elsbeth, put your thick coat on, it's going down to minus three.", NORBERT_US, id="elsbeth"),
        Sound(40, 12, "hum:C4 C4 G4 G4 A4 A4 G4 F4 F4 E4 E4 D4 D4 C4", id="hum"),
        Speech(55, "Ha, she's humming again. Okay, first target is Jupiter, low in the south-west.", NORBERT_US,
               id="jupiter"),
        Screen(70, ("ISS PASS", "Start 20:52 NW", "Max height 61°", "End 20:58 SE"), id="iss"),
        Speech(73, "The space station goes over at eight fifty two, so we've got about twenty minutes.",
               NORBERT_US, id="iss_said"),
        Screen(100, ("OBSERVING LOG", "Jupiter - 4 moons", "Orion Nebula - faint", "Pleiades - 7 stars"),
               size=34, id="log"),
        Speech(104, "Log it: four moons of Jupiter, and I counted seven stars in the Pleiades.", NORBERT_US,
               id="moons"),
        Speech(148, "My eyepiece is the twenty five millimetre one, the ten millimetre is too wobbly.", NORBERT_US,
               id="eyepiece"),
        Sound(162, 10, "sung:twin kle lit tle star how i won der", id="song"),
        Screen(175, ("TELESCOPE: VIREO 114", "Serial KS-2281-B", "Mirror 114 mm"), id="scope"),
        Speech(178, "Okay, the serial number's on the tube. I'll register the warranty tomorrow.", NORBERT_US,
               id="warranty"),
    ),
    questions=(
        Q("what's on the screen at the moment?", "now", (r"log|jupiter|pleiades|orion",), forbid=(r"\biss\b|space station",),
          about=("log",), voice=ASK_SANDRO, at=120),
        Q("which eyepiece did I say I'm using?", "said", (r"\b25\b",), about=("eyepiece",),
          voice=ASK_SANDRO),
        Q("uh how cold is it going down to tonight", "said", (r"minus 3|negative 3|-\s?3\b",), about=("elsbeth",),
          voice=ASK_SANDRO),
        Q("what time does the moon rise?", "shown", (r"21:47|9:47",), about=("sky",), voice=ASK_F1_SC),
        Q("what was the serial number on the telescope?", "shown", (r"ks\W*2281",), about=("scope",),
          voice=ASK_SANDRO),
        Q("how high does the space station get?", "shown", (r"\b61\b",), about=("iss",), voice=ASK_F1_SC),
        Q("was somebody humming?", "heard", (r"yes|hum",), about=("hum",), voice=ASK_SANDRO),
        Q("did you hear anyone singing?", "heard", (r"yes|sing|sang|song",), about=("song",), voice=ASK_F1_SC),
        Q("what did I say just after the humming?", "sound", (r"jupiter",), about=("jupiter",), voice=ASK_SANDRO),
        Q("and after the singing, what did I say?", "sound", (r"serial|warrant",), about=("warranty",),
          voice=ASK_F1_SC),
        Q("when did I talk about the space station?", "when", about=("iss_said",), voice=ASK_SANDRO),
        Q("what's the first thing I said tonight?", "order", (r"cloud|20 ?%|20 percent",), about=("cloud",),
          voice=ASK_F1_SC),
        Q("how many moons of Jupiter did I log?", "count", (r"\b4\b",), about=("moons", "log"), voice=ASK_SANDRO),
        Q("and how many stars did I count in the Pleiades?", "count", (r"\b7\b",), about=("moons", "log"),
          voice=ASK_SANDRO),
        Q("before I forget, did I say I'd register the warranty?", "yesno", (r"yes|warrant",), about=("warranty",),
          voice=ASK_F1_SC),
        Q("did I say what time Saturn comes up?", "never", decline=True, voice=ASK_SANDRO),
        Q("what's Elsbeth's phone number?", "never", decline=True, voice=ASK_F1_SC),
        Q("do you like looking at the stars?", "smalltalk", voice=ASK_SANDRO),
        Q("what's showing on the screen now?", "now", (r"vireo|telescope|ks\W*2281|serial|mirror",), about=("scope",),
          voice=ASK_F1_SC),
    ),
)

VET = Stream(
    name="sealed3-vet-phone-call", split="sealed3",
    notes="an insurance claim on screen, a queue prompt and hold music, the receptionist books a slot, ear drops, "
          "an audiobook in the background, a to-do list",
    events=(
        Screen(0, ("PETCARE INSURANCE CLAIM", "Policy: PX-60419", "Pet: Mungo (dog)", "Claim limit: £2,500"),
               size=32, id="claim"),
        Speech(4, "Okay, I'm calling the vet about Mungo's ear again. The policy number's up there.", VICTOR_CB,
               id="calling"),
        Speech(15, recording="asterisk:queue-youarenext", id="queue"),
        Sound(24, 14, "music:manolo_camp-morning_coffee", id="hold"),
        Speech(41, "Hi, yes, it's about Mungo, the spaniel. He's been scratching his left ear for four days.",
               VICTOR_CB, id="ear"),
        Speech(54, "We can see him tomorrow at half past nine with Doctor Ferreira.", RECEPTION_LAN, id="slot"),
        Speech(63, "Half nine works. Thank you so much.", VICTOR_CB, id="works"),
        Screen(74, ("APPOINTMENT", "Mungo - Tue 09:30", "Dr. Ferreira, Room 4", "Fasting: not needed"), id="appt"),
        Speech(79, "Kasia, can you move your piano lesson so you can drive us tomorrow?", VICTOR_CB, id="kasia"),
        Screen(100, ("EAR DROPS - AURIZON", "2 drops, twice daily", "For 7 days", "Batch 88K-41"), id="drops"),
        Speech(103, "The old drops expired in June, so I'll bin them and ask for a new bottle.", VICTOR_CB,
               id="expired"),
        Speech(140, "Oh, and he weighs eighteen kilos now, he's put on two since the summer.", VICTOR_CB,
               id="weight"),
        Speech(154, recording="librivox:sense_and_sensibility_01_austen_64kb-0880", id="book"),
        Speech(162, "Right, I'll switch the audiobook off now.", VICTOR_CB, id="book_off"),
        Screen(172, ("TO DO", "Call insurer re: PX-60419", "Pick up Mungo's lead", "Buy chicken treats"),
               id="todo"),
        Speech(176, "To-do list is up. That's everything for Mungo today.", VICTOR_CB, id="done"),
    ),
    questions=(
        Q("what am I looking at right now?", "now", (r"drop|aurizon",), forbid=(r"appointment",),
          about=("drops",), voice=ASK_M6_NYC, at=118),
        Q("how long has Mungo been scratching his ear?", "said", (r"\b4\b",), about=("ear",), voice=ASK_M6_NYC),
        Q("and which ear was it?", "said", (r"left",), forbid=(r"right ear",), about=("ear",), voice=ASK_M6_NYC),
        Q("how much does he weigh these days?", "said", (r"\b18\b",), about=("weight",), voice=ASK_F2_WM),
        Q("what's the policy number again?", "shown", (r"px\W*60419|60419",), about=("claim",), voice=ASK_F2_WM),
        Q("how long does he need the drops for?", "shown", (r"\b7\b|a week",), about=("drops",), voice=ASK_F2_WM),
        Q("was there hold music on the call?", "heard", (r"yes|music",), about=("hold",), voice=ASK_M6_NYC),
        Q("what did that recorded message on the phone say?", "heard", (r"first in line|next available",),
          about=("queue",), voice=ASK_F2_WM),
        Q("once the hold music stopped, what did I say?", "sound", (r"mungo|spaniel|ear|scratch",), about=("ear",),
          voice=ASK_M6_NYC),
        Q("when did I say the drops had expired?", "when", about=("expired",), voice=ASK_F2_WM),
        Q("when was the audiobook on?", "when", about=("book",), voice=ASK_M6_NYC),
        Q("did I mention his weight before or after the ear drops came up?", "order", (r"after",),
          about=("weight",), voice=ASK_F2_WM),
        Q("how many things are on my to-do list?", "count", (r"\b3\b",), about=("todo",), voice=ASK_M6_NYC),
        Q("does he have to fast before the appointment?", "yesno",
          (r"not needed|no need|(does|do)n't (have|need)|\bno\b,? (he|fasting)",), forbid=(r"don't know|not sure",),
          about=("appt",), voice=ASK_F2_WM),
        Q("did I say the old drops had expired?", "yesno", (r"yes|expired|june",), about=("expired",),
          voice=ASK_M6_NYC),
        Q("did the vet say anything about his vaccinations?", "never", decline=True, voice=ASK_F2_WM),
        Q("what's the vet's phone number?", "never", decline=True, voice=ASK_M6_NYC),
        Q("honestly I'm so worried about him", "smalltalk", voice=ASK_F2_WM),
        Q("what's on the screen now?", "now", (r"to.?do list|lead|treats|insurer",), about=("todo",), voice=ASK_M6_NYC),
    ),
)

RAFFLE = Stream(
    name="sealed3-fete-raffle", split="sealed3",
    notes="organising a school fete's raffle: prizes, a speaker test, the hall booking, the float, a choir "
          "rehearsing, the volunteers",
    events=(
        Screen(0, ("RAFFLE PRIZES", "1st: Hamper from Dunmore Deli", "2nd: Cinema vouchers x2",
                   "3rd: Handmade quilt"), size=32, id="prizes"),
        Speech(4, "So the hamper is first prize, the deli dropped it off this morning.", ALICIA_SC, id="hamper"),
        Speech(15, "Tickets are a pound each, or five for four pounds.", ALICIA_SC, id="tickets"),
        Sound(27, 12, "music:reno_project-system", gain=0.7, id="speaker"),
        Speech(42, "Okay, the speaker works, but it's far too loud for the hall.", ALICIA_SC, id="loud"),
        Speech(54, "Gunnar, can you carry the trestle tables in from the van?", ALICIA_SC, id="gunnar"),
        Screen(68, ("HALL BOOKING", "St Aldhelm's Hall", "Sat 10:00 - 15:00", "Booking ref: HB-5523",
                    "Key from caretaker"), size=32, id="hall"),
        Speech(72, "The caretaker is called Marguerite, she lives next to the church.", ALICIA_SC, id="caretaker"),
        Screen(118, ("CASH FLOAT", "£1 coins: 40", "£5 notes: 12", "Total: £100"), id="float"),
        Speech(121, "The float is a hundred pounds, I've counted it twice.", ALICIA_SC, id="float_said"),
        Sound(134, 10, "sung:raf fle raf fle hip hoo ray", id="singing"),
        Speech(147, "That was the year four choir rehearsing their song for the opening.", ALICIA_SC, id="choir"),
        Screen(162, ("VOLUNTEERS", "Cake stall - Clementine", "Raffle - Idris", "Door - Beatrix",
                     "Tombola - Lukas"), size=34, id="volunteers"),
        Speech(166, "Idris is on the raffle, so he needs the ticket books by Friday.", ALICIA_SC, id="idris"),
    ),
    questions=(
        Q("hey, what's on screen right now?", "now", (r"hall|aldhelm|hb\W*5523|booking",), about=("hall",),
          voice=ASK_JOHN_US, at=92),
        Q("how much are the raffle tickets?", "said", (r"\b1\b|a pound|per pound",), about=("tickets",),
          voice=ASK_JOHN_US),
        Q("and what's the deal if you buy a few?", "said", (r"\b5\b", r"\b4\b"), about=("tickets",),
          voice=ASK_JOHN_US),
        Q("what's the caretaker called?", "said", (r"marg",), about=("caretaker",), voice=ASK_F5_GB),
        Q("what's second prize?", "shown", (r"cinema|voucher",), about=("prizes",), voice=ASK_F5_GB),
        Q("what's the booking reference for the hall?", "shown", (r"hb\W*5523|5523",), about=("hall",),
          voice=ASK_JOHN_US),
        Q("how many five pound notes were in the float?", "shown", (r"\b12\b",), about=("float",),
          voice=ASK_JOHN_US),
        Q("did you hear any singing?", "heard", (r"yes|sing|sang|choir|song",), about=("singing",),
          voice=ASK_F5_GB),
        Q("was there music playing at some point?", "heard", (r"yes|music",), about=("speaker",),
          voice=ASK_JOHN_US),
        Q("what did I say after the music?", "sound", (r"loud|speaker",), about=("loud",), voice=ASK_F5_GB),
        Q("right after the singing, what did I say?", "sound", (r"choir|year 4|song",), about=("choir",),
          voice=ASK_JOHN_US),
        Q("when did I count the float?", "when", about=("float_said",), voice=ASK_F5_GB),
        Q("what was the last thing I said?", "order", (r"idris|ticket book|friday",), about=("idris",),
          voice=ASK_JOHN_US),
        Q("how many volunteers are on the list?", "count", (r"\b4\b",), about=("volunteers",), voice=ASK_F5_GB),
        Q("is the hamper the first prize?", "yesno", (r"yes|hamper|\b1(st)?\b",), about=("hamper", "prizes"),
          voice=ASK_JOHN_US),
        Q("did I say how many tickets we've sold so far?", "never", decline=True, voice=ASK_F5_GB),
        Q("did anybody mention a bouncy castle?", "never", decline=True, voice=ASK_JOHN_US),
        Q("good morning! how are you doing today?", "smalltalk", voice=ASK_F5_GB),
        Q("and what's on the screen now?", "now", (r"volunteer|clementine|idris|beatrix|lukas",),
          about=("volunteers",), voice=ASK_JOHN_US),
    ),
)

# camera layouts of the lodger stream: the horse print hangs top left all along, Solveig (the woman in
# orange) stands in the middle, the cat settles bottom left, Ansel (the man in black) comes in on the right,
# a mug ends up on the table bottom middle
_PRINT = P("horse", 20, 20, 150)
_SOLVEIG = P("astronaut", 230, 40, 300)
_CAT = P("cat", 10, 200, 150)
_ANSEL = P("cameraman", 440, 30, 320)
_MUG = P("cup", 250, 230, 120)
LAYOUTS.update({
    "sealed3-print": (_PRINT,),
    "sealed3-print+solveig": (_PRINT, _SOLVEIG),
    "sealed3-print+solveig+cat": (_PRINT, _SOLVEIG, _CAT),
    "sealed3-print+solveig+cat+ansel": (_PRINT, _SOLVEIG, _CAT, _ANSEL),
    "sealed3-print+cat+ansel": (_PRINT, _CAT, _ANSEL),
    "sealed3-print+cat+ansel+mug": (_PRINT, _CAT, _ANSEL, _MUG),
    "sealed3-print+mug": (_PRINT, _MUG),
})

WIFI_NOTE = ("WIFI: LarkHouse-5G", "PASSWORD: tulip-7731")

LODGER = Stream(
    name="sealed3-camera-lodger", split="sealed3", video_source="camera",
    notes="an empty spare room, a horse print goes up, the new lodger (orange) arrives, the cat, a brother "
          "(black) helps, the lodger goes upstairs, a mug and the wifi card are left, everyone leaves",
    events=(
        *held(0, 15, "wall", id="empty"),
        Speech(3, "Right, the spare room's ready. The lodger should be here any minute.", HUGO_WM, id="ready"),
        *held(15, 45, "sealed3-print", id="print_up"),
        Speech(18, "There, the horse print is up, it hides the crack in the wall.", HUGO_WM, id="print_said"),
        *held(45, 81, "sealed3-print+solveig", id="solveig_in"),
        Speech(48, "Hi Solveig, welcome! Come in, come in.", HUGO_WM, id="hi"),
        Speech(60, "The rent's due on the first, and the bins go out on Wednesday night.", HUGO_WM, id="rules"),
        *held(81, 111, "sealed3-print+solveig+cat", id="cat_in"),
        Speech(84, "And that's Pepper. She's friendly, but she steals socks.", HUGO_WM, id="pepper"),
        *held(111, 141, "sealed3-print+solveig+cat+ansel", id="ansel_in"),
        Speech(114, "Oh, this is my brother Ansel, he's helping with your boxes.", HUGO_WM, id="brother"),
        Speech(126, "Ansel, could you grab the big suitcase from the car?", HUGO_WM, id="suitcase"),
        *held(141, 165, "sealed3-print+cat+ansel", id="solveig_out"),
        *with_note(held(165, 186, "sealed3-print+cat+ansel+mug", id="mug_in"), WIFI_NOTE, 28),
        Speech(168, "I've put the wifi password on the table for her, next to her tea.", HUGO_WM, id="wifi"),
        *with_note(held(186, 186 + 5 * NOISE_EVERY_S, "sealed3-print+mug", id="all_out"), WIFI_NOTE, 28),
    ),
    questions=(
        Q("when did Solveig get here?", "camera", about=("solveig_in",), timed=True, voice=ASK_ED),
        Q("what colour was she wearing?", "camera", (r"orange",), forbid=(r"black",), about=("solveig_in",),
          voice=ASK_ED),
        Q("and Ansel, what was he wearing?", "camera", (r"black",), forbid=(r"orange",), about=("ansel_in",),
          voice=ASK_F2_WM),
        Q("how many people were in the room when Ansel came in?", "camera", (r"\b2\b",), about=("ansel_in",),
          voice=ASK_ED),
        Q("did a dog come in at any point?", "camera", decline=True, voice=ASK_F2_WM),
        Q("when did the cat turn up?", "camera", about=("cat_in",), timed=True, voice=ASK_ED),
        Q("what's that picture on the wall of?", "camera", (r"horse",), about=("print_up",), voice=ASK_F2_WM),
        Q("when did Solveig leave the room?", "camera", about=("solveig_out",), timed=True, voice=ASK_ED),
        Q("what can you see right now?", "camera", (r"cup|mug|horse",), forbid=(r"\bcat\b|orange",),
          about=("all_out",), voice=ASK_F2_WM),
        Q("can you still see anyone?", "camera", decline=True, voice=ASK_ED),
        Q("what day do the bins go out?", "said", (r"wednesday",), about=("rules",), voice=ASK_F2_WM),
        Q("what's the wifi password?", "shown", (r"tulip\W*7731",), about=("mug_in", "all_out"), voice=ASK_ED),
        Q("who came in first, Solveig or Ansel?", "order", (r"solv|woman|lodger",),
          forbid=(r"ansel (came|arrived|was)( in)? 1\b",), about=("solveig_in",), voice=ASK_F2_WM),
        Q("did I say the cat steals socks?", "yesno", (r"yes|sock",), about=("pepper",), voice=ASK_ED),
        Q("did I tell her where the bathroom is?", "never", decline=True, voice=ASK_F2_WM),
        Q("you're a lifesaver, thanks", "smalltalk", voice=ASK_ED),
    ),
)

STREAMS = (FLATS, STARGAZING, VET, RAFFLE, LODGER)
