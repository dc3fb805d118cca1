from reasoning.sentences import SentenceSplitter, split_sentences


def _stream(text: str, **kw) -> list[str]:
    splitter = SentenceSplitter(**kw)
    pieces = [p for token in text.split(" ") for p in splitter.feed(token + " ")]
    tail = splitter.flush()
    return pieces + ([tail] if tail else [])


def test_sentences_stream_out_as_they_complete():
    assert _stream("Hello there. How are you? I am fine!") == ["Hello there.", "How are you?", "I am fine!"]


def test_abbreviations_numbers_and_times_do_not_split():
    text = "Dr. Smith paid 3.5 dollars at 03:12. Then he left."
    assert _stream(text, first_piece_words=99) == ["Dr. Smith paid 3.5 dollars at 03:12.", "Then he left."]


def test_first_piece_may_end_at_a_clause_to_speak_early():
    assert _stream("The keys are in the red drawer, next to the old invoices. Anything else?",
                   first_piece_words=99) == [
        "The keys are in the red drawer,", "next to the old invoices.", "Anything else?"]
    assert _stream("At 00:12, you said so.", first_piece_words=99) == ["At 00:12, you said so."]  # too short


def test_a_slow_first_sentence_starts_speaking_after_a_few_words():
    assert _stream("I am here to help you with whatever you need today. Sure.") == [
        "I am here", "to help you with whatever you need today.", "Sure."]
    # three words, unless the third leads on to the next
    assert _stream("It is a lovely day for a walk.")[0] == "It is a lovely"
    assert _stream("I think that the cat is asleep now.")[0] == "I think that the cat"
    assert _stream("and so it is in the end of the day.")[0] == "and so it is in the end"  # at most 7 words
    splitter = SentenceSplitter()
    assert splitter.feed("At 00:41, the camera saw INVOICE 4471. ") == ["At 00:41, the camera saw INVOICE 4471."]


def test_unfinished_text_is_flushed():
    assert split_sentences("No full stop here") == ["No full stop here"]
    assert split_sentences("") == []
