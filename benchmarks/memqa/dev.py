"""The DEV memory-QA streams: tune the answer policy on these (the held-out set is scored only at the end).

Questions here are phrased plainly ("What did I say about …?", "What was on the screen …?"); the
held-out set (heldout.py) has other content and talks the way people do.
"""
from __future__ import annotations

from benchmarks.memqa.script import Question as Q
from benchmarks.memqa.script import Screen, Sound, Speech, Stream, Voice

US = Voice("en-us", 160, 50)
GB = Voice("en-gb", 150, 45)
US_F = Voice("en-us+f3", 155, 62)
GB_M_FAST = Voice("en-gb+m3", 190, 40)
SCOT_F = Voice("en-gb-scotland+f2", 145, 58)
NYC = Voice("en-us-nyc", 170, 38)

HOME_OFFICE = Stream(
    name="dev-home-office", split="dev", video_source="screen",
    notes="invoice/order/train screens with glued letter-digit text, music between remarks, a long gap",
    events=(
        Screen(0, ("INVOICE 5521", "DUE FRIDAY"), size=44, background="#fff59d", id="invoice"),
        Speech(2, "I put my keys in the red drawer next to the printer.", US, id="keys"),
        Speech(14, "The meeting with Tom moved to half past two.", GB, id="meeting"),
        Sound(26, 20, "music:macroform-the_simplicity", id="music"),
        Speech(50, "I still have to call the plumber about the leak.", US, id="plumber"),
        Screen(60, ("TRAIN IC 718", "PLATFORM 4", "DEPARTS 17 45"), size=32, background="#c8e6ff", id="train"),
        Speech(64, "My train leaves from platform four.", US_F, id="platform"),
        # long quiet stretch
        Screen(130, ("ORDER 7719 SHIPPED",), size=40, background="#e0ffe0", id="order"),
        Speech(134, "The package should arrive on Wednesday.", US, id="package"),
        Speech(146, "I need to call the plumber again tomorrow.", US_F, id="plumber2"),
    ),
    questions=(
        Q("Where did I put my keys?", "said", (r"drawer",), about=("keys",)),
        Q("What did I say about the meeting with Tom?", "said", (r"two|2|half past",), about=("meeting",)),
        Q("What was the invoice number on the screen?", "shown", (r"5521",), forbid=(r"7719",), about=("invoice",)),
        Q("Which platform was the train on the screen?", "shown", (r"\b4\b|four",), about=("train",)),
        Q("Was there music playing?", "heard", (r"yes|music",), about=("music",)),
        Q("When did I mention the package?", "when", about=("package",)),
        Q("What did I say first?", "order", (r"keys|drawer",), about=("keys",)),
        Q("What did I say after the music?", "sound", (r"plumber|leak",), forbid=(r"tom|meeting",),
          about=("plumber",)),
        Q("How many times did I mention the plumber?", "count", (r"\b2\b|twice",), about=("plumber", "plumber2")),
        Q("Did I say when the package arrives?", "yesno", (r"yes|wednesday",), about=("package",)),
        Q("Did I mention my umbrella?", "never", decline=True),
        Q("What is on the screen now?", "now", (r"7719|order|shipped",), about=("order",)),
        Q("How are you today?", "smalltalk"),
    ),
)

COOKING = Stream(
    name="dev-cooking", split="dev", video_source="camera",
    notes="camera-like photos with recipe cards, singing between remarks, LibriVox narration (a radio)",
    events=(
        Screen(0, ("PANCAKES", "FLOUR 250 G", "2 EGGS", "MILK 500 ML"), size=28, scene="photo:coffee", id="recipe"),
        Speech(3, "I'm making pancakes for Sophie's birthday breakfast.", SCOT_F, id="pancakes"),
        Speech(15, recording="librivox:sense_and_sensibility_01_austen_64kb-0880", id="radio1"),
        Speech(24, "The blueberries are in the freezer on the bottom shelf.", SCOT_F, id="blueberries"),
        Sound(36, 16, "sung:la la lo la lee la", id="singing"),
        Speech(57, "Oven needs to be at one hundred eighty degrees.", NYC, id="oven"),
        Screen(70, ("TIMER 12 MIN",), size=52, scene="photo:chelsea", id="timer"),
        Speech(74, recording="librivox:sense_and_sensibility_01_austen_64kb-0930", id="radio2"),
        Speech(88, "Sophie likes maple syrup, not honey.", SCOT_F, id="syrup"),
        # a quiet stretch; the timer card stays up
        Speech(140, "I should buy more blueberries next week.", NYC, id="blueberries2"),
        Screen(150, ("TABLE FOR 6", "CANDLES", "PLATES"), size=30, background="#ffe0f0", id="table"),
    ),
    questions=(
        Q("What am I making for Sophie's birthday?", "said", (r"pancake",), about=("pancakes",)),
        Q("Where are the blueberries?", "said", (r"freezer|bottom shelf",), about=("blueberries",)),
        Q("How much flour was on the recipe card?", "shown", (r"250",), about=("recipe",)),
        Q("What did the timer on the screen say?", "shown", (r"12|twelve",), about=("timer",)),
        Q("Did you hear someone singing?", "heard", (r"yes|sing",), about=("singing",)),
        Q("When did I talk about maple syrup?", "when", about=("syrup",)),
        Q("What did I say last?", "order", (r"blueberr|next week",), about=("blueberries2",)),
        Q("What did I say after the singing?", "sound", (r"oven|180|hundred eighty",), about=("oven",)),
        Q("How many times did I mention blueberries?", "count", (r"\b2\b|twice",),
          about=("blueberries", "blueberries2")),
        Q("Did I say what Sophie likes?", "yesno", (r"yes|maple|syrup",), about=("syrup",)),
        Q("Did I mention chocolate?", "never", decline=True),
        Q("What is on the screen right now?", "now", (r"table|6|candles|plates",), about=("table",)),
        Q("Can you tell me a joke?", "smalltalk"),
    ),
)

GYM = Stream(
    name="dev-gym", split="dev", video_source="camera",
    notes="camera-like scenes with a whiteboard, hold music, a hummed tune, a fast voice, a question mid-stream",
    events=(
        Screen(0, ("WORKOUT A", "SQUATS 5 X 5", "ROW 3 X 10"), size=30, scene="photo:astronaut", id="board"),
        Speech(2, "Today I'm doing legs, starting with squats.", GB_M_FAST, id="legs"),
        Speech(12, "My locker number is forty two.", US, id="locker"),
        Sound(22, 18, "music:macroform-cold_day", id="music"),
        Speech(44, "I lifted sixty kilos on the last set.", GB_M_FAST, id="sixty"),
        Screen(56, ("WATER BREAK",), size=48, scene="photo:rocket", id="water"),
        # quiet; a question is asked at 75 s about the screen then
        Sound(92, 12, "hum:G3 B3 D4 B3 A3 C4 E4 D4", id="hum"),
        Speech(108, "Next time I want to try the rowing machine.", US, id="rowing"),
        Speech(120, "Squats are the hardest part for me.", GB_M_FAST, id="squats2"),
        Screen(132, ("STRETCH 10 MIN",), size=44, background="#e0f7fa", id="stretch"),
    ),
    questions=(
        Q("What is on the screen now?", "now", (r"water|break",), about=("water",), at=75),
        Q("What is my locker number?", "said", (r"42|forty.two",), about=("locker",)),
        Q("How much did I lift on the last set?", "said", (r"60|sixty",), about=("sixty",)),
        Q("What was written on the whiteboard?", "shown", (r"squat|row|workout",), about=("board",)),
        Q("Was there music?", "heard", (r"yes|music",), about=("music",)),
        Q("When did I mention my locker?", "when", about=("locker",)),
        Q("What did I say before the music?", "order", (r"locker|42|forty",), about=("locker",)),
        Q("What did I say after the music?", "sound", (r"60|sixty|lift",), about=("sixty",)),
        Q("How many times did I mention squats?", "count", (r"\b2\b|twice",), about=("legs", "squats2")),
        Q("Did I say what I want to try next time?", "yesno", (r"yes|rowing",), about=("rowing",)),
        Q("Did I mention my phone?", "never", decline=True),
        Q("What's your name?", "smalltalk"),
    ),
)

STUDY = Stream(
    name="dev-study-session", split="dev", video_source="screen",
    notes="dense slides with small fonts and codes, recorded phone prompts, music, a long gap",
    events=(
        Screen(0, ("CHEMISTRY 101", "EXAM ROOM C12", "MONDAY 9 AM"), size=24, id="exam"),
        Speech(3, "The chemistry exam is in room C twelve.", US_F, id="room"),
        Speech(14, recording="asterisk:check-number-dial-again", id="phone"),
        Speech(22, "I have to read chapter seven before Friday.", US_F, id="chapter"),
        Sound(34, 20, "music:reno_project-system", id="music"),
        Speech(58, "Anna lent me her calculator.", NYC, id="calculator"),
        Screen(68, ("FORMULA SHEET", "PV = NRT", "R 8.314"), size=18, background="#f5f5f5", id="formula"),
        # a long gap
        Speech(135, "Anna wants the calculator back on Thursday.", US_F, id="calculator2"),
        Screen(145, ("LIBRARY CLOSES 22 00",), size=36, background="#fff0e0", id="library"),
        Speech(149, "I'll study in the library tonight.", NYC, id="library_said"),
    ),
    questions=(
        Q("What did I say about the exam room?", "said", (r"c ?12|c twelve",), about=("room",)),
        Q("Which chapter do I have to read?", "said", (r"\b7\b|seven",), about=("chapter",)),
        Q("What was the exam room on the screen?", "shown", (r"c ?12",), about=("exam",)),
        Q("What was on the formula sheet?", "shown", (r"pv|nrt|8\.?314|formula",), about=("formula",)),
        Q("Did you hear a phone message?", "heard", (r"yes|number|dial",), about=("phone",)),
        Q("When did I mention Anna's calculator?", "when", about=("calculator",)),
        Q("What did I say before the phone message?", "order", (r"exam|room|c ?12",), about=("room",)),
        Q("What did I say after the music?", "sound", (r"anna|calculator",), about=("calculator",)),
        Q("How many times did I mention Anna?", "count", (r"\b2\b|twice",), about=("calculator", "calculator2")),
        Q("Did I say when Anna wants the calculator back?", "yesno", (r"yes|thursday",), about=("calculator2",)),
        Q("Did I mention a physics test?", "never", decline=True),
        Q("What is on the screen now?", "now", (r"library|22|closes",), about=("library",)),
        Q("Hello, can you hear me?", "smalltalk"),
    ),
)

ERRANDS = Stream(
    name="dev-errands", split="dev", video_source="screen",
    notes="parking and pharmacy screens, LibriVox narration, singing, remarks in three voices",
    events=(
        Screen(0, ("PARKING LEVEL 3", "SPOT D14"), size=40, background="#e3f2fd", id="parking"),
        Speech(2, "I parked on level three, spot D fourteen.", GB, id="parked"),
        Speech(14, recording="librivox:sense_and_sensibility_01_austen_64kb-0890", id="narration"),
        Speech(24, "The pharmacy closes at six today.", US, id="pharmacy"),
        Sound(35, 15, "sung:lo la lee la lo", id="singing"),
        Speech(54, "I need to pick up the dry cleaning too.", SCOT_F, id="cleaning"),
        Screen(64, ("PRESCRIPTION 88213", "READY"), size=34, background="#fffde7", id="prescription"),
        Speech(68, "My prescription number is on the screen.", GB, id="prescription_said"),
        # a long gap
        Speech(130, "Don't forget the dry cleaning ticket.", US, id="cleaning2"),
        Screen(140, ("BANK", "OPEN UNTIL 4"), size=40, background="#e8f5e9", id="bank"),
    ),
    questions=(
        Q("Where did I park?", "said", (r"level|3|three|d ?14",), about=("parked",)),
        Q("What did I say about the pharmacy?", "said", (r"\b6\b|six",), about=("pharmacy",)),
        Q("What was the prescription number on the screen?", "shown", (r"88213",), about=("prescription",)),
        Q("What parking spot was on the screen?", "shown", (r"d ?14",), about=("parking",)),
        Q("Did you hear singing?", "heard", (r"yes|sing",), about=("singing",)),
        Q("When did I mention the pharmacy?", "when", about=("pharmacy",)),
        Q("What did I say first?", "order", (r"park|level|three|3",), about=("parked",)),
        Q("What did I say after the singing?", "sound", (r"dry cleaning|cleaning",), about=("cleaning",)),
        Q("How many times did I mention the dry cleaning?", "count", (r"\b2\b|twice",),
          about=("cleaning", "cleaning2")),
        Q("Did I say when the pharmacy closes?", "yesno", (r"yes|six|\b6\b",), about=("pharmacy",)),
        Q("Did I mention the post office?", "never", decline=True),
        Q("What is on the screen now?", "now", (r"bank|open|4",), about=("bank",)),
        Q("Thank you, that's very helpful. How are you?", "smalltalk"),
    ),
)

#: a short stream for the smoke test (tests/test_memory_qa.py): not part of either split's numbers
SMOKE = Stream(
    name="smoke", split="dev", video_source="screen",
    notes="25 s: one remark, one screen, three questions",
    events=(
        Screen(0, ("INVOICE 4471",), size=48, background="#fff59d", id="invoice"),
        Speech(1, "I put my keys in the red drawer.", US, id="keys"),
        Speech(8, "Okay.", GB, id="ok"),
    ),
    questions=(
        Q("Where did I put my keys?", "said", (r"drawer",), about=("keys",)),
        Q("What was the invoice number on the screen?", "shown", (r"4471",), about=("invoice",)),
        Q("Did I mention my umbrella?", "never", decline=True),
    ),
)

STREAMS = (HOME_OFFICE, COOKING, GYM, STUDY, ERRANDS)
