"""The embedded LLM (SmolLM2 on CTranslate2 in its own process) streams, stops when told, keeps text whole."""
from __future__ import annotations

import threading


def test_streams_small_pieces_of_a_spoken_answer(models):
    pieces = list(models.backend.llm.generate([{"role": "user", "content": "Hello, can you hear me?"}],
                                              threading.Event()))
    assert len(pieces) >= 5  # token by token, not one block at the end
    assert "".join(pieces).strip()


def test_cancel_stops_the_answer_and_the_next_request_is_clean(models):
    cancel = threading.Event()
    received = []
    for piece in models.backend.llm.generate([{"role": "user", "content": "Tell me a long story."}], cancel):
        received.append(piece)
        if len(received) == 2:
            cancel.set()
    assert len(received) == 2
    # the cancelled request's tail must not leak into the next answer
    answer = "".join(models.backend.llm.generate([{"role": "user", "content": "Say hello."}], threading.Event()))
    assert answer.strip()


def test_multibyte_characters_are_never_split(models):
    answer = "".join(models.backend.llm.generate(
        [{"role": "user", "content": "Write the words café, Über and naïve in a sentence."}], threading.Event()))
    assert "\ufffd" not in answer
