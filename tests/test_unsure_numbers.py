"""The unsure-numbers benchmark reads a figure the same way from a script's words and Whisper's digits."""
from benchmarks.unsure_numbers import Remark, Signal, confusion
from perception.numbers import numbers


def test_a_figure_reads_the_same_spoken_or_written():
    pairs = [("half past two", "2:30"), ("eight fifty two", "8.52"), ("three nine one six", "3 9 1 6"),
             ("eight pounds fifty", "£8.50"), ("one hundred and twenty", "120"), ("eleven thousand", "11,000"),
             ("ten past six", "6:10"), ("the twelfth of March", "the 12th of March"), ("at six", "at 6:00"),
             ("room C twelve", "room C12"), ("the eighties", "the 80s")]
    for said, written in pairs:
        assert [n.digits for n in numbers(said)] == [n.digits for n in numbers(written)], (said, written)


def test_a_pronoun_or_first_is_no_figure():
    assert numbers("that one goes on top, first prize, 1st place, a second") == []
    assert [n.digits for n in numbers("two hundred grams and about one eighty")] == ["200", "180"]


def test_a_number_the_remark_never_held_is_invented_and_flagged_by_the_other_hypotheses():
    remark = Remark("dev", "I need to pick up the dry cleaning too.", heard="I need to pick up the right clean and two.",
                    others=["I need to pick up the dry cleaning too."], pieces=[" I need", " two", "."],
                    probabilities=[0.9, 0.6, 0.9])
    assert remark.written == [("2", 1, 0.6)]
    cells = confusion([remark], Signal(lacking=1))
    assert cells["invented & unsure"] == 1 and cells["invented & sure"] == 0
    assert confusion([remark], Signal(below=0.5))["invented & sure"] == 1
