"""A number Whisper was unsure of is kept marked in memory and never stated as a fact."""
from memory.records import Evidence
from perception.numbers import mark_unsure, withheld
from reasoning.answering import supported
from reasoning.grounding import decide


def test_a_number_another_reading_lacks_is_marked_unsure():
    assert mark_unsure("I lifted 6 to kilo on the last set.", ["I lifted sixty kilo on the last set."]) == (
        "I lifted [6?] to kilo on the last set.")
    # the same number, written another way, is sure
    assert mark_unsure("The oven needs to be at 180.", ["The oven needs to be at one eighty."]) == (
        "The oven needs to be at 180.")
    assert mark_unsure("it goes up to four hundred and twenty", ["it goes up to 852"]) == (
        "it goes up to [four hundred and twenty?]")
    assert mark_unsure("Room 12 at 3", []) == "Room 12 at 3"


def test_an_unsure_number_is_withheld_even_from_a_cut_remark():
    assert withheld("I lifted [6?] to kilo") == "I lifted … to kilo"
    assert withheld("… the station got up to [four") == "… the station got up to …"
    assert withheld("twenty?] kilos on the bar") == "… kilos on the bar"


def _clip(speech: str) -> Evidence:
    return Evidence("c1", 40, 50, f'Said: "{speech}"', 0.9, speech=(speech,))


def test_an_answer_does_not_state_an_unsure_number():
    """dev: "how much did I lift on the last set?" was answered "you said 'I lifted 6 to kilo'"."""
    said = decide("How much did I lift on the last set?", [_clip("I lifted [6?] to kilo on the last set.")], 300)
    assert said.text == 'At 00:40, you said "I lifted … to kilo on the last set.", but the number was unclear.'
    assert not supported("You lifted 6 kilos.", [_clip("I lifted [6?] to kilo on the last set.")])
    assert supported("You lifted 60 kilos.", [_clip("I lifted 60 kilos on the last set.")])


def test_a_yes_with_an_unsure_number_does_not_sound_like_a_no():
    """held-out: "Yes … but I didn't catch the number" read as a no to "did I say which hotel we're at?"."""
    said = decide("did I say which hotel we're at?", [_clip("The hotel is called Adler, room [312?].")], 300)
    assert said.text.startswith("Yes.") and "didn't" not in said.text and "312" not in said.text
