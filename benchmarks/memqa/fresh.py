"""The FRESH memory-QA streams: written 2026-11-28, after the unseen split had been scored and read.

Why a fourth split: the unseen streams (unseen.py) were scored and their answers read at the end of
a session, so from then on they can be tuned against like the held-out ones. These were written from
the benchmark's format alone (script.py, media.py, camera.py, scoring.py, plan.py), without reading
the answer policy, with situations, names, codes, voices and phrasings none of the other splits use.

Score them once, at the end, and do not read them before that: not to be tuned on, and not to be
edited to make a run pass (a wrong answer here is a finding). Remarks aimed at someone else ("Noor,
did you …") must not be answered; the camera stream uses the camera benchmark's photo cut-outs
(a horse picture, a mug, the cat, a man in black, a woman in orange).
"""
from __future__ import annotations

from benchmarks.camera_scenes import Placed as P
from benchmarks.memqa.camera import LAYOUTS, held
from benchmarks.memqa.script import Question as Q
from benchmarks.memqa.script import Screen, Sound, Speech, Stream, Voice

# voices (accent + variant + speed + pitch) none of the other splits use
CLAN_F = Voice("en-gb-x-gbclan+f2", 160, 62)
WMD_M = Voice("en-gb-x-gbcwmd+m3", 150, 40)
RP_M = Voice("en-gb-x-rp+m2", 175, 46)
NYC_F = Voice("en-us-nyc+f4", 165, 64)
SCOT_F = Voice("en-gb-scotland+f5", 150, 60)
CARIB_M = Voice("en-029+m1", 160, 44)
US_LOW = Voice("en-us+m4", 145, 32)
GB_QUICK = Voice("en-gb+f1", 185, 58)
ASK_G = Voice("en-us+m2", 170, 48)
ASK_H = Voice("en-gb-x-rp+f3", 160, 60)
ASK_I = Voice("en-gb-x-gbclan+m1", 165, 45)
ASK_J = Voice("en-us-nyc+f1", 175, 58)

#: an answer that says no or does not know (for questions whose true answer is yes)
NO = r"^\W*(no|nope)\b|\b(didn't|did not|don't know|not sure|no idea|wasn't any|there was no|nothing)\b"

# camera layouts of the homework stream: the mug stays in one place on the table all evening
_MUG = P("cup", 10, 190, 140)
_HORSE = P("horse", 300, 60, 260)
_DAD = P("cameraman", 400, 40, 320)
_CAT = P("cat", 215, 180, 150)
_MUM = P("astronaut", 180, 50, 300)
LAYOUTS.update({
    "fresh-horse": (_HORSE,),
    "fresh-horse+mug": (_HORSE, _MUG),
    "fresh-mug": (_MUG,),
    "fresh-mug+dad": (_DAD, _MUG),
    "fresh-mug+cat+dad": (_DAD, _CAT, _MUG),
    "fresh-mug+mum+dad": (_DAD, _MUM, _MUG),
    "fresh-mug+mum": (_MUM, _MUG),
    "fresh-mug+cat": (_CAT, _MUG),
})

CLINIC = Stream(
    name="fresh-clinic-admin", split="fresh", video_source="screen",
    notes="a patient portal and a prescription in small print, a recorded phone prompt then hold music, a "
          "request to someone in the room, one topic brought up three times, humming, a long quiet stretch",
    events=(
        Screen(0, ("PATIENT PORTAL", "DR ABERNATHY", "APPT TUESDAY 9.40", "BOOKING REF MV-6147"), size=22,
               id="portal"),
        Speech(3, "Right, so they want me there ten minutes early to fill in some form.", CLAN_F, id="early"),
        Speech(15, recording="asterisk:pls-hold-while-try", id="hold_msg"),
        Sound(22, 20, "music:macroform-cold_day", id="hold_music"),
        Speech(46, "Finally, a human. The pharmacy's sending my repeat prescription to the Elm Road branch.",
               RP_M, id="pharmacy"),
        Speech(59, "Priya, could you pass me my insurance card? It's in the grey wallet on the shelf.", NYC_F,
               id="to_priya"),
        Screen(70, ("PRESCRIPTION", "SALBUTAMOL 100 MCG", "REPEATS LEFT 2", "PHARMACY CODE EP-0358"), size=16,
               background="#f0f7ff", id="rx"),
        Speech(74, "Blood test came back fine, except my iron's a bit low apparently.", WMD_M, id="blood"),
        Speech(87, "I'm meant to take the iron tablets with orange juice, not with tea.", CLAN_F, id="iron2"),
        # a long quiet stretch while forms are filled in; the prescription stays up
        Speech(150, "And the nurse wants to ring me in three weeks to check on the iron.", RP_M, id="iron3"),
        Sound(163, 14, "hum:D4 F4 A4 F4 E4 G4 B4 A4", id="hum"),
        Speech(181, "Oh good, parking at the surgery is free for the first hour.", US_LOW, id="parking"),
        Screen(194, ("TO DO", "CANCEL DENTIST FRIDAY", "COLLECT PRESCRIPTION"), size=30, id="todo"),
    ),
    questions=(
        Q("um what's on my screen right now", "now", (r"prescri|salbutamol|repeat|pharmac|0358|mcg",),
          about=("rx",), at=125, voice=ASK_G),
        Q("where'd I say my insurance card was", "said", (r"gr[ae]y|wallet|shelf",), about=("to_priya",),
          voice=ASK_H),
        Q("that booking ref on the portal page, what was it", "shown", (r"6147",), about=("portal",), voice=ASK_I),
        Q("how many repeats have I got left on the prescription", "shown", (r"\b2\b|two",),
          about=("rx",), voice=ASK_J),
        Q("that automated voice on the phone, what'd it say", "heard", (r"hold|connect",),
          forbid=(r"pharmac|prescri",), about=("hold_msg",), voice=ASK_G),
        Q("when was it I talked about the blood test", "when", about=("blood",), voice=ASK_H),
        Q("once the hold music finally stopped what did I say", "sound", (r"pharmac|prescri|elm",),
          forbid=(r"insurance|wallet",), about=("pharmacy",), voice=ASK_I),
        Q("how many times did the iron thing come up", "count", (r"\b3\b|three|thrice",),
          about=("blood", "iron2", "iron3"), voice=ASK_J),
        Q("did I find out if parking's free at the surgery", "yesno", (r"yes|free|hour",), forbid=(NO,),
          about=("parking",), voice=ASK_G),
        Q("did I say anything about needing an x-ray", "never", decline=True, voice=ASK_H),
        Q("was there a phone number for the surgery anywhere on screen", "never", decline=True, voice=ASK_J),
        Q("the last thing I said before I started asking you stuff, what was it", "order", (r"park|free|hour",),
          forbid=(r"iron|nurse",), about=("parking",), voice=ASK_I),
        Q("thanks, honestly that's a weight off my mind", "smalltalk", voice=ASK_G),
    ),
)

CYCLING = Stream(
    name="fresh-cycle-route", split="fresh", video_source="screen",
    notes="a route card and a segment card in very small print, singing, an audiobook in the background, a "
          "request to a friend, a long gap, a kit list left up",
    events=(
        Screen(0, ("SUNDAY RIDE", "START HARBOUR CAFE", "DISTANCE 64 KM", "CLIMB 820 M"), size=24, id="route"),
        Speech(3, "We're meeting at eight sharp, Dmitri wants to be home by lunch.", SCOT_F, id="meet"),
        Speech(15, "Ugh, my back tyre keeps going soft, I'll stick a new inner tube in tonight.", CARIB_M,
               id="tyre1"),
        Sound(28, 18, "sung:da di da dum da di", id="singing"),
        Speech(50, "The coffee stop's in a village called Little Harlow, roughly halfway round.", GB_QUICK,
               id="coffee"),
        Screen(62, ("SEGMENT 3", "GRAVEL PATH 6 KM", "GATE CODE CY-4429", "LAST CAFE AT KM 50"), size=16,
               background="#f4fff0", id="segment"),
        Speech(66, "Mei, have you got a spare pump I could borrow this weekend?", WMD_M, id="to_mei"),
        Speech(79, "Forecast says a headwind the whole way back, so we'll be crawling.", US_LOW, id="wind"),
        # a long gap while the route is drawn; the segment card stays up
        Speech(140, "I'll pack two spare tubes, that tyre's already gone flat once this week.", SCOT_F,
               id="tyre2"),
        Speech(153, recording="librivox:sense_and_sensibility_01_austen_64kb-0870", id="audiobook"),
        Speech(168, "Right, the route's saved on my bike computer.", CARIB_M, id="saved"),
        Screen(180, ("KIT LIST", "LIGHTS", "RAIN JACKET", "2 GELS", "MULTITOOL"), size=28, id="kit"),
    ),
    questions=(
        Q("hey what's up on the screen at the minute", "now", (r"segment|gravel|gate|4429|cafe|km",),
          about=("segment",), at=112, voice=ASK_J),
        Q("where was the coffee stop again", "said", (r"harlow",), about=("coffee",), voice=ASK_G),
        Q("what's the code for the gate on the gravel bit", "shown", (r"4429",), about=("segment",), voice=ASK_H),
        Q("someone was reading a book out loud, who was it about", "heard", (r"dashwood|dash wood|john",),
          about=("audiobook",), voice=ASK_I),
        Q("roughly when did I moan about the headwind", "when", about=("wind",), voice=ASK_J),
        Q("what was I saying just before the singing", "order", (r"tyre|tire|tube|soft",),
          forbid=(r"harlow|coffee",), about=("tyre1",), voice=ASK_G),
        Q("how many times did I bring up my tyre", "count", (r"\b2\b|two|twice",), about=("tyre1", "tyre2"),
          voice=ASK_H),
        Q("did we sort out where to park the car", "never", decline=True, voice=ASK_I),
        Q("and what's on the screen now", "now", (r"kit|light|jacket|gel|multi ?tool",), forbid=(r"gate|gravel",),
          about=("kit",), voice=ASK_J),
        Q("d'you ever wish you could ride a bike, ha", "smalltalk", voice=ASK_G),
    ),
)

PAPERWORK = Stream(
    name="fresh-bills-evening", split="fresh", video_source="screen",
    notes="a bill and an insurance card in small print with letter-digit codes, music then singing between "
          "remarks, a question to a partner, a long quiet stretch, a totals card left up",
    events=(
        Screen(0, ("ELECTRICITY BILL", "ACCOUNT 7731-0094", "AMOUNT DUE 86.40", "PAY BY 3 JUNE"), size=22,
               id="bill"),
        Speech(3, "The water company still hasn't refunded the overpayment from March, it's ridiculous.", NYC_F,
               id="water1"),
        Sound(16, 20, "music:manolo_camp-morning_coffee", id="radio"),
        Speech(40, "Council tax comes out on the first of every month, so that one's sorted.", RP_M, id="council"),
        Speech(52, "Noor, did you ever sign the renewal for the home insurance?", SCOT_F, id="to_noor"),
        Screen(62, ("HOME INSURANCE", "POLICY HX-2086", "RENEWS 21 JULY", "EXCESS 250"), size=16,
               background="#fffaf0", id="insurance"),
        Speech(66, "Our broadband deal ends in August, so that's the next one to switch.", CARIB_M,
               id="broadband"),
        Speech(79, "I've shredded the old bank statements and kept the tax stuff in the red folder.", GB_QUICK,
               id="shred"),
        # quiet while forms are sorted; the insurance card stays up
        Speech(140, "Rang the water company again, and they swear the refund will be in by Friday.", WMD_M,
               id="water2"),
        Sound(153, 16, "sung:bo ba bee bo ba", id="singing"),
        Speech(173, "That's everything filed, the pile on the desk is finally gone.", CLAN_F, id="done"),
        Screen(185, ("MONTHLY TOTAL", "BILLS 1240", "SAVINGS 300"), size=34, id="total"),
    ),
    questions=(
        Q("sorry, what's on the screen right now", "now", (r"insurance|policy|2086|renew|excess|july",),
          about=("insurance",), at=112, voice=ASK_H),
        Q("um where'd I put the tax stuff", "said", (r"red|folder",), about=("shred",), voice=ASK_I),
        Q("what was the account number on the electric bill", "shown", (r"7731", r"0094"), about=("bill",),
          voice=ASK_J),
        Q("did I have some music on earlier", "heard", (r"yes|music|radio|song",), forbid=(NO,), about=("radio",),
          voice=ASK_G),
        Q("after that singing bit, what'd I say", "sound", (r"filed|pile|desk|everything",),
          forbid=(r"water|refund",), about=("done",), voice=ASK_H),
        Q("once the music finished what did I talk about", "sound", (r"council",), forbid=(r"water",),
          about=("council",), voice=ASK_I),
        Q("how many times did the water company come up", "count", (r"\b2\b|two|twice",),
          about=("water1", "water2"), voice=ASK_J),
        Q("did they say when the refund's coming in", "yesno", (r"yes|friday",), forbid=(NO,), about=("water2",),
          voice=ASK_G),
        Q("did I say anything about a parking fine", "never", decline=True, voice=ASK_H),
        Q("what's the first thing I said tonight", "order", (r"water|refund|overpay|march",),
          forbid=(r"council",), about=("water1",), voice=ASK_I),
        Q("ugh, paperwork. do you ever get bored", "smalltalk", voice=ASK_J),
    ),
)

REHEARSAL = Stream(
    name="fresh-band-rehearsal", split="fresh", video_source="screen",
    notes="a setlist and a gig card in small print, humming, a demo recording (music), singing, a request to a "
          "bandmate, a remark that changes what the setlist shows, a long gap",
    events=(
        Screen(0, ("SETLIST", "1 OPEN ROAD", "2 PAPER MOON", "3 SLOW RIVER", "4 NEON"), size=22, id="setlist"),
        Speech(3, "Rehearsal room's booked till nine, it's room B at the Foundry.", GB_QUICK, id="room"),
        Sound(16, 16, "hum:C4 D4 E4 G4 E4 D4 C4 A3", id="hum"),
        Speech(36, "That's the bass line for Slow River, it wants to be slower in the second verse.", WMD_M,
               id="bassline"),
        Speech(50, "Yusuf, can you tune down half a step for the last song?", CLAN_F, id="to_yusuf"),
        Screen(60, ("GIG FRIDAY", "THE LANTERN BAR", "SOUNDCHECK 6 PM", "DOOR CODE LB-7712"), size=16,
               background="#f5f0ff", id="gig"),
        Speech(64, "The drummer's sister is doing the lights for us on Friday.", US_LOW, id="lights"),
        Sound(77, 22, "music:reno_project-system", id="demo"),
        Speech(102, "Okay, the vocals on that demo are way too quiet.", NYC_F, id="demo_quiet"),
        # a long gap while everyone sets up; the gig card stays up
        Speech(150, "Actually, let's open with Neon this time instead of Open Road.", RP_M, id="swap"),
        Speech(162, "The borrowed capo's in the side pocket of the guitar case.", SCOT_F, id="capo"),
        Sound(174, 14, "sung:oo ah oo ee ah", id="singing"),
        Speech(192, "Nice one, everybody's got their parts, see you Friday.", CARIB_M, id="wrap"),
        Screen(203, ("TONIGHT", "RUN THE SET TWICE", "PACK UP BY 10"), size=30, id="tonight"),
    ),
    questions=(
        Q("um, what've I got up on screen right now", "now", (r"gig|lantern|soundcheck|7712|friday|door",),
          about=("gig",), at=128, voice=ASK_I),
        Q("which place did I say we're rehearsing at", "said", (r"foundry",), about=("room",), voice=ASK_J),
        Q("so which song are we opening with", "said", (r"neon",), about=("swap",), voice=ASK_G),
        Q("what time's soundcheck", "shown", (r"\b6\b|six",), about=("gig",), voice=ASK_H),
        Q("what's the door code for the bar", "shown", (r"7712",), about=("gig",), voice=ASK_I),
        Q("was somebody humming a tune earlier", "heard", (r"yes|hum|tune|melod|music",), forbid=(NO,),
          about=("hum",), voice=ASK_J),
        Q("when did I say the vocals were too quiet", "when", about=("demo_quiet",), voice=ASK_G),
        Q("what did I say right after the bit about the bass line", "order",
          (r"tune|half( a)? step|yusuf|last song",), forbid=(r"light|drummer",), about=("to_yusuf",), voice=ASK_H),
        Q("straight after the humming, what did I say", "sound", (r"bass|slow river|slower|verse",),
          forbid=(r"neon",), about=("bassline",), voice=ASK_I),
        Q("how many songs are on the set list", "count", (r"\b4\b|four",), about=("setlist",), voice=ASK_J),
        Q("did I mention where the capo is", "yesno", (r"yes|pocket|case",), forbid=(NO,), about=("capo",),
          voice=ASK_G),
        Q("did anyone say how much we're getting paid for the gig", "never", decline=True, voice=ASK_H),
        Q("d'you have a favourite band yourself", "smalltalk", voice=ASK_I),
    ),
)

HOMEWORK = Stream(
    name="fresh-camera-homework", split="fresh", video_source="camera",
    notes="homework at the kitchen table: a horse picture is propped up, a mug set down, the picture taken "
          "away, a man in black sits down, the cat jumps up and off, a woman in orange comes home, the man "
          "leaves, a quiet stretch, the cat is back by the mug",
    events=(
        *held(0, 12, "wall"),
        *held(12, 40, "fresh-horse", id="horse_in"),
        Speech(16, "Here's the horse picture for Amara's school project, let's prop it up there.", SCOT_F,
               id="project"),
        *held(40, 70, "fresh-horse+mug", id="mug_in"),
        Speech(44, "Hot chocolate for the homework champion, careful, it's still really hot.", GB_QUICK,
               id="cocoa"),
        *held(70, 84, "fresh-mug", id="horse_out"),
        *held(84, 114, "fresh-mug+dad", id="dad_in"),
        Speech(88, "Okay Dad, tonight it's the fractions sheet, the spelling's already done.", NYC_F,
               id="fractions"),
        *held(114, 144, "fresh-mug+cat+dad", id="cat_in"),
        Speech(120, "Biscuit, get off the homework, you silly cat.", WMD_M, id="cat_off"),
        *held(144, 174, "fresh-mug+mum+dad", id="mum_in"),
        Speech(148, "Hiya, oh, and parents' evening got moved to Wednesday.", CARIB_M, id="parents_eve"),
        *held(174, 200, "fresh-mug+mum", id="dad_out"),
        # quiet, then the cat is back by the mug
        *held(200, 225, "fresh-mug+cat", id="cat_back"),
    ),
    questions=(
        Q("what was in that picture we put up at the start", "camera", (r"horse",), about=("horse_in",),
          voice=ASK_G),
        Q("when did the mug go down on the table", "camera", about=("mug_in",), timed=True, voice=ASK_H),
        Q("the guy who came to help, what was he wearing", "camera", (r"black|dark",), forbid=(r"orange",),
          about=("dad_in",), voice=ASK_I),
        Q("when'd the cat first hop up on the table", "camera", about=("cat_in",), timed=True, voice=ASK_J),
        Q("what's the most people that were here at once", "camera", (r"\b2\b|two",), forbid=(r"\b3\b",),
          about=("mum_in",), voice=ASK_G),
        Q("um, is the horse picture still up", "camera", decline=True, forbid=(r"\byes\b",), voice=ASK_H),
        Q("did you see a bike at all", "camera", decline=True, forbid=(r"\byes\b",), voice=ASK_I),
        Q("what can the camera see at the moment", "camera", (r"cat|cup|mug",), forbid=(r"horse",),
          about=("cat_back",), voice=ASK_J),
        Q("when's parents' evening now", "said", (r"wednesday",), about=("parents_eve",), voice=ASK_G),
        Q("roughly when did I say the hot chocolate was ready", "when", about=("cocoa",), voice=ASK_H),
        Q("did I say what homework it was tonight", "yesno", (r"yes|fraction",), forbid=(NO,),
          about=("fractions",), voice=ASK_I),
    ),
)

STREAMS = (CLINIC, CYCLING, PAPERWORK, REHEARSAL, HOMEWORK)
