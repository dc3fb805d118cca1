"""The embedded LLM (SmolLM2 on CTranslate2 in its own process) streams, stops when told, keeps text whole."""
from __future__ import annotations

import contextlib


async def answer(llm, content: str, stop_after: int | None = None) -> list[str]:
    pieces = []
    async with contextlib.aclosing(llm.stream([{"role": "user", "content": content}])) as stream:
        async for piece in stream:
            pieces.append(piece)
            if len(pieces) == stop_after:
                break
    return pieces


async def test_streams_small_pieces_of_a_spoken_answer(models):
    pieces = await answer(models.backend.llm, "Hello, can you hear me?")
    assert len(pieces) >= 5  # token by token, not one block at the end
    assert "".join(pieces).strip()


async def test_cancel_stops_the_answer_and_the_next_request_is_clean(models):
    assert len(await answer(models.backend.llm, "Tell me a long story.", stop_after=2)) == 2
    # the cancelled request's tail must not leak into the next answer
    assert "".join(await answer(models.backend.llm, "Say hello.")).strip()


async def test_multibyte_characters_are_never_split(models):
    text = "".join(await answer(models.backend.llm, "Write the words café, Über and naïve in a sentence."))
    assert "\ufffd" not in text
