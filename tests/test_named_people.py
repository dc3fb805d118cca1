"""Names the user says, tied to the people the camera saw come in: answers from the linked arrival,
hedged as the guess it is; no link without a greeting near an arrival, and nothing invented."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from memory import MemoryService, SessionMemory
from memory.camera import Arrival, CameraTracker
from memory.people import Naming, link, names_addressed, names_in, names_leaving
from memory.sqlite_store import SqliteStore
from perception.events import CameraView, Transcript
from reasoning.camera_answers import about_named
from reasoning.grounding import decide, evidence_wanted
from tests.fakes import FakeMemory, ScriptedBackend, conversation
from tests.synthetic import HashingEmbedder
from tests.test_conversation import _answered
from tests.test_memory_camera import LAPTOP, camera_frames, person


@pytest.fixture
def service(tmp_path: Path) -> Iterator[MemoryService]:
    svc = MemoryService(SqliteStore(tmp_path), HashingEmbedder())
    yield svc
    svc.close()


def said(m: SessionMemory, t: float, text: str) -> None:
    m.add_transcript(Transcript(m.session_id, t, t + 2.0, text))


@pytest.fixture
def room(service: MemoryService) -> SessionMemory:
    """Ottilie (orange) comes in at 00:40 and leaves at 02:40; Desmond (black) comes in at 01:40."""
    m = service.open_session("s1")
    camera_frames(m, 0, 40, CameraView(objects=(LAPTOP,)))
    said(m, 36.0, "Hi Ottilie, come in")  # greeted at the door, before the camera sees her
    camera_frames(m, 40, 100, CameraView(objects=(LAPTOP,), people=(person("orange"),)))
    camera_frames(m, 100, 160, CameraView(objects=(LAPTOP,), people=(person("orange"), person("black"))))
    said(m, 104.0, "Desmond, set your tripod up by the window")
    said(m, 110.0, "I told Bartholomew yesterday about the light")  # a name in passing, near an arrival
    camera_frames(m, 160, 200, CameraView(objects=(LAPTOP,), people=(person("black"),)))
    said(m, 185.0, "Hello Marguerite")  # on the phone: no one came in near it
    return m


def ask(m: SessionMemory, question: str, now: float = 200.0) -> str:
    return decide(question, m.search(question, now, k=max(evidence_wanted(question), 3)), now).text


OTTILIE = "I think that was Ottilie: at 00:40, a person came in, wearing orange; at 02:40, " \
          "a person left, one person still in view."
DESMOND = "I think that was Desmond: at 01:40, a second person came in, wearing black."


@pytest.mark.parametrize(("question", "answer"), [
    ("Roughly when did Ottilie get here?", OTTILIE),
    ("When did Desmond arrive?", DESMOND),
    ("when did desmond arrive", DESMOND),  # typed in lower case
    ("What was Desmond wearing?", DESMOND),  # the named one's colour, not the other's
    ("What colour was Ottilie wearing?", OTTILIE),
    ("When did Ottilie leave?", OTTILIE),
    ("When did Desmond leave?", f"I didn't see Desmond leave. {DESMOND}"),
    ("Has Ottilie left yet?", OTTILIE),
    ("When did you last see Ottilie?", OTTILIE),
    ("Is Ottilie still here?", f"I don't think so: right now no one in view is wearing orange. {OTTILIE}"),
    ("Is Ottilie here?", f"I don't think so: right now no one in view is wearing orange. {OTTILIE}"),
    ("Is Desmond still here?", f"I think so: right now the camera sees a person, a laptop; shirt black. {DESMOND}"),
])
def test_a_named_person_is_answered_from_the_arrival_near_the_naming(room: SessionMemory, question: str,
                                                                     answer: str) -> None:
    assert ask(room, question) == answer


@pytest.mark.parametrize("question", [
    "Where did Desmond leave his tripod?",  # what was left, not that he left
    "What did Desmond say about the tripod?",  # words
    "When did Desmond set the tripod up?",  # neither coming nor going
])
def test_other_questions_naming_a_linked_person_are_not_about_the_arrival(room: SessionMemory,
                                                                         question: str) -> None:
    assert "I think that was" not in ask(room, question)


def test_a_follow_up_pronoun_is_the_person_just_asked_about(room: SessionMemory) -> None:
    first = "Roughly when did Ottilie get here?"
    history = [("user", 200.0, first), ("assistant", 201.0, ask(room, first)),
               ("user", 205.0, "And what colour was she wearing?")]
    follow_up = about_named(history[-1][2], history)
    assert follow_up == "And what colour was Ottilie wearing?"
    assert ask(room, follow_up) == OTTILIE
    # not after a question about a person, and not when the question names someone itself
    assert about_named("what did she say?", [("user", 1.0, "Is Paris nice?"), ("user", 2.0, "what did she say?")]) \
        == "what did she say?"
    assert about_named("Did Desmond see her?", [("user", 1.0, first), ("user", 2.0, "Did Desmond see her?")]) \
        == "Did Desmond see her?"


def test_no_arrival_near_the_naming_is_no_link(room: SessionMemory) -> None:
    answer = ask(room, "When did Marguerite get here?")
    assert answer == ('I can\'t tell which person Marguerite is: no one came in on camera near 03:05, '
                      'when you said "Hello Marguerite".')
    assert "I think" not in ask(room, "What was Marguerite wearing?")


def test_a_name_said_in_passing_links_no_one(room: SessionMemory) -> None:
    assert names_addressed("I told Bartholomew yesterday about the light") == ()
    assert room.named("When did Bartholomew get here?") == []
    # today's answer: the remark itself, no arrival
    assert ask(room, "When did Bartholomew get here?") == (
        'At 01:50, you said "I told Bartholomew yesterday about the light".')


def test_without_a_camera_no_arrival_time_is_invented(service: MemoryService) -> None:
    m = service.open_session("s2")
    said(m, 10.0, "Hi Ottilie, come in")
    said(m, 30.0, "Ottilie, the kettle is on")
    m.flush(60.0)
    assert ask(m, "Roughly when did Ottilie get here?", 60.0) == "I didn't see anyone arrive."
    assert ask(m, "What was Ottilie wearing?", 60.0) == "I didn't see anyone arrive."


def test_a_name_said_as_someone_leaves_is_the_one_whose_departure_the_camera_saw(service: MemoryService) -> None:
    assert names_leaving("Marisol had to dash off, she'll finish the sky at home.") == ("Marisol",)
    assert names_leaving("Bye Ottilie!") == names_leaving("Ottilie just left") == ("Ottilie",)
    assert names_leaving("I left the keys on the shelf") == names_leaving("Ottilie told me about it") == ()
    m = service.open_session("class")
    camera_frames(m, 0, 42, CameraView(objects=(LAPTOP,)))
    camera_frames(m, 42, 78, CameraView(objects=(LAPTOP,), people=(person("orange"),)))
    camera_frames(m, 78, 138, CameraView(objects=(LAPTOP,), people=(person("orange"), person("black"))))
    said(m, 81.0, "And this is my brother Rupert. He's new.")
    camera_frames(m, 138, 200, CameraView(objects=(LAPTOP,), people=(person("black"),)))
    said(m, 141.0, "Marisol had to dash off for her bus.")
    marisol = ("at 00:42, a person came in, wearing orange; at 02:18, a person left, one person still in view")
    assert ask(m, "When did Marisol turn up?") == f"I think that was Marisol: {marisol}."
    assert ask(m, "And the new guy rupert, what color was his top?") == \
        "I think that was Rupert: at 01:18, a second person came in, wearing black."
    assert ask(m, "Who got here first, Marisol or Rupert?") == \
        "I think Marisol came in first: at 00:42, a person came in, wearing orange; Rupert at 01:18."


def test_the_links_survive_a_restart(room: SessionMemory, service: MemoryService, tmp_path: Path) -> None:
    room.flush(200.0)
    service.close()
    again = MemoryService(SqliteStore(tmp_path), HashingEmbedder())
    try:
        assert ask(again.open_session("s1"), "What was Desmond wearing?") == DESMOND
    finally:
        again.close()


def test_the_naming_rule() -> None:
    assert names_addressed("Hi Ottilie, come in") == ("Ottilie",)
    assert names_addressed("Desmond, set your tripod up by the window") == ("Desmond",)
    assert names_addressed("Okay, Desmond, sit down") == ("Desmond",)
    assert names_addressed("Come in, Ottilie.") == ("Ottilie",)
    assert names_addressed("This is Desmond") == ("Desmond",)
    assert names_addressed("Oh, this is my brother Ansel, he's helping with the boxes.") == ("Ansel",)
    assert names_addressed("This is the new Ikea shelf") == ()
    assert names_addressed("Desmond's here") == ("Desmond",)
    assert names_addressed("Good morning Anne-Marie") == ("Anne-Marie",)
    assert names_addressed("Oh hello Mr. Okafor, are you here about the parcel?") == ("Mr Okafor",)
    assert names_addressed("Ugh, my back tyre keeps going soft") == ()
    assert names_addressed("Okay, let's start") == ()
    assert names_addressed("Ottilie told me about it") == ()
    assert names_addressed("Thanks, everyone.") == ()


def test_a_name_in_a_question_is_a_name_unless_an_article_makes_it_a_thing() -> None:
    assert names_in("When did Sweet arrive?", ["Sweet", "Ottilie"]) == ["Sweet"]
    assert names_in("When did the sweet wrapper appear?", ["Sweet"]) == []
    assert names_in("And the new guy rupert what color was he wearing?", ["Rupert"]) == ["Rupert"]
    assert names_in("when did ottilie get here", ["Sweet", "Ottilie"]) == ["Ottilie"]
    assert names_in("Is Mr. Okafor still here?", ["Mr Okafor", "Okafor"]) == ["Mr Okafor", "Okafor"]


def test_each_naming_takes_the_nearest_free_arrival_within_the_window() -> None:
    arrivals = [Arrival(30.0, "a person came in"), Arrival(45.0, "a second person came in")]
    namings = [Naming(35.0, "Desmond", "Desmond, sit"), Naming(42.0, "Ottilie", "Hi Ottilie"),
               Naming(90.0, "Marguerite", "Hello Marguerite")]
    links = link(namings, arrivals)
    assert links["Desmond"][1] is arrivals[0] and links["Ottilie"][1] is arrivals[1]
    assert links["Marguerite"][1] is None
    # named on the phone first, greeted at the door later: the greeting ties the name
    later = link([Naming(0.0, "Ottilie", "Ottilie, I'll see you soon"), Naming(44.0, "Ottilie", "Hi Ottilie")],
                 arrivals)
    assert later["Ottilie"] == (Naming(44.0, "Ottilie", "Hi Ottilie"), arrivals[1])


def test_who_left_is_told_only_by_a_colour_that_was_theirs() -> None:
    tracker = CameraTracker(appear_s=0.0, leave_s=0.0)
    script = [(person("orange"),), (person("orange"), person("black")), (person("black"),),  # orange left
              (person("black"), person(), person()), (person("black"), person()),  # one without a colour left
              ()]  # everyone left
    for t, people in enumerate(script):
        tracker.update(float(t), CameraView(people=people))
    assert [(a.shirt, a.left and a.left[0]) for a in tracker.arrivals] == [
        ("orange", 2.0), ("black", 5.0), ("", 5.0), ("", 5.0)]


async def test_the_conversation_asks_memory_about_the_person_a_follow_up_means() -> None:
    memory = FakeMemory([])
    h = conversation(ScriptedBackend(["Ok."]), memory=memory)
    for question, t in (("When did Ottilie get here?", 10.0), ("And what was she wearing?", 20.0)):
        await h.conversation.hear(h.recognizer(question).hear(t, t + 1.0))
        await _answered(h)
    assert memory.searches == ["When did Ottilie get here?", "And what was Ottilie wearing?"]
