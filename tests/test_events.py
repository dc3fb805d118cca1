import json

import numpy as np

from memory.records import clock_label
from perception.events import FrameFeatures, SpeechSegment, Transcript
from server.events import AnswerDelta, Interrupt, to_message


def test_messages_are_typed_json_without_raw_media():
    segment = SpeechSegment("s1", 1.0, 2.5, np.zeros(10, np.int16), detected_at=5.0, voiced_end=2.1)
    message = to_message(segment)
    assert message == {"session_id": "s1", "start": 1.0, "end": 2.5, "detected_at": 5.0, "voiced_end": 2.1,
                       "ended_by": "silence",
                       "type": "speech_segment"}
    frame = FrameFeatures("s1", "screen", 3.0, 640, 360, b"\xff\xd8", "INVOICE", np.ones(4), 7)
    assert "thumbnail_jpeg" not in to_message(frame) and to_message(frame)["text"] == "INVOICE"
    json.dumps(to_message(frame))


def test_every_event_is_stamped_with_stream_time():
    transcript = Transcript("s1", 3.2, 4.0, "hello", ("speech",))
    assert to_message(transcript)["sound_tags"] == ["speech"]
    assert to_message(AnswerDelta("s1", "a1", 4.5, "Hi.", final=True), latency={"x": 1})["latency"] == {"x": 1}
    assert to_message(Interrupt("s1", "a1", 6.0, "Hi."))["type"] == "interrupted"


def test_clock_formats_stream_time():
    assert clock_label(0) == "00:00" and clock_label(192.4) == "03:12" and clock_label(3723) == "1:02:03"
