"""The datachannel protocol: inbound messages validated with the declared limits, outbound ones
typed, and the page speaking exactly these names."""
from __future__ import annotations

import json
import re
import typing
from pathlib import Path

import pytest

from reasoning import protocol
from reasoning.protocol import (
    MAX_MESSAGE_BYTES,
    MAX_TEXT_CHARS,
    AskMessage,
    InterruptMessage,
    ProtocolError,
    RateLimit,
    parse_inbound,
)
from tests.fakes import FakeClock

PAGE = Path(__file__).resolve().parent.parent / "web" / "app.js"


def _types(union) -> set[str]:
    members = typing.get_args(typing.get_args(union)[0])
    return {m.model_fields["type"].annotation.__args__[0] for m in members}


def test_inbound_messages_parse_to_their_class():
    assert parse_inbound('{"type": "ask", "text": "where are my keys?"}') == AskMessage(
        type="ask", text="where are my keys?")
    assert isinstance(parse_inbound(b'{"type": "interrupt"}'), InterruptMessage)


@pytest.mark.parametrize("raw, problem", [
    ('{"type": "ask", "text": null}', "text"),
    ('{"type": "ask", "text": 12}', "text"),
    ('{"type": "ask"}', "text"),
    ('{"type": "ask", "text": "' + "x" * (MAX_TEXT_CHARS + 1) + '"}', "text"),
    ('{"type": "fly"}', "fly"),
    ('{"text": "hi"}', "type"),
    ('[1, 2]', "type"),
    ("not json", "JSON"),
    (b"\xff\xfe", "UTF-8"),
    ('{"type": "ask", "text": "hi", "extra": 1}', "extra"),
    ("[" * 6 + "]" * 6, "nested"),
    ("[" * 100_000 + "]" * 100_000, "too large"),
])
def test_bad_inbound_messages_give_a_clear_error(raw, problem):
    with pytest.raises(ProtocolError, match=problem):
        parse_inbound(raw)


def test_deep_nesting_is_refused_before_the_decoder_recurses():
    deep = "[" * 8000 + "]" * 8000  # under the size limit, far over the depth limit
    assert len(deep) < MAX_MESSAGE_BYTES
    with pytest.raises(ProtocolError, match="nested"):
        parse_inbound(deep)
    # brackets inside strings are text, not nesting
    assert parse_inbound(json.dumps({"type": "ask", "text": "[[[[[[[[{{{{"})).text == "[[[[[[[[{{{{"


def test_rate_limit_allows_bursts_then_refuses_until_refilled():
    clock = FakeClock()
    limit = RateLimit(per_s=10, burst=3, clock=clock)
    assert [limit.allow() for _ in range(4)] == [True, True, True, False]
    assert limit.refused == 1
    clock.advance(0.1)
    assert limit.allow() and not limit.allow()


def test_the_page_speaks_exactly_the_protocol():
    page = PAGE.read_text()
    handled = set(re.findall(r'case "([a-z_]+)"', page.split("function onEvent", 1)[1].split("\n}\n", 1)[0]))
    sent = set(re.findall(r'send\(JSON\.stringify\(\{ type: "([a-z_]+)"', page))
    assert handled == _types(protocol.Outbound)
    assert sent == _types(protocol.Inbound)


class _Channel:
    """What a Session uses of an aiortc datachannel."""

    readyState = "open"

    def __init__(self) -> None:
        self.sent: list[dict] = []

    def on(self, event: str, handler) -> None:
        pass

    def send(self, text: str) -> None:
        self.sent.append(json.loads(text))


async def test_a_session_answers_bad_messages_with_errors_and_floods_with_one(settings):
    from aiortc import RTCPeerConnection

    from server.models import Models
    from server.session import Session

    models = Models(settings)
    session = Session("proto0000001", RTCPeerConnection(), models, settings)
    channel = _Channel()
    session.attach_channel(channel)
    try:
        session._on_channel_message("[" * 100_000 + "]" * 100_000)
        session._on_channel_message('{"type": "ask", "text": null}')
        assert [m["type"] for m in channel.sent] == ["error", "error"]
        assert "too large" in channel.sent[0]["message"] and "text" in channel.sent[1]["message"]
        for _ in range(100):
            session._on_channel_message('{"type": "interrupt"}')
        flood = [m for m in channel.sent[2:] if "too many" in m["message"]]
        assert len(flood) == 1 and len(channel.sent) == 3  # refused quietly after the first notice
    finally:
        await session.close()
        models.shutdown()
