"""Chat messages built from a Prompt: text layout, image / audio parts, per-model capabilities."""
from __future__ import annotations

import base64
import io
import json
import wave

import numpy as np
import pytest
from PIL import Image

from memory.records import Evidence
from reasoning.backend import Prompt
from reasoning.prompting import (
    CAPABILITIES_ENV,
    NO_MEMORY,
    SYSTEM_INSTRUCTION,
    TEXT_ONLY,
    ModelCapabilities,
    build_messages,
    build_multimodal_messages,
    build_text_messages,
    capabilities_for,
    evidence_line,
    pcm_to_wav,
)


def jpeg(color: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), color).save(out, "JPEG")
    return out.getvalue()


RED, GREEN, BLUE = jpeg((255, 0, 0)), jpeg((0, 255, 0)), jpeg((0, 0, 255))
PCM = (np.sin(np.arange(8000) / 5) * 8000).astype("<i2").tobytes()  # 0.5 s at 16 kHz

INVOICE = Evidence("c2", 41.0, 47.2, "screen shows: INVOICE 4471 DUE 12 MARCH", 0.82, keyframes=(RED, GREEN), audio_pcm=PCM)
ORDER = Evidence(
    "c5", 95.0, 101.0, "screen shows: ORDER 9182 SHIPPED; user said: that one came yesterday", 0.55,
    keyframes=(BLUE,), audio_pcm=PCM, sound_tags=("speech",),
)
ROOM = Evidence("c7", 192.0, 198.0, "user said: meeting in room B", 0.3, keyframes=(RED,), sound_tags=("music",))
PROMPT = Prompt(
    question="what was the invoice number on the screen?",
    asked_at=250.0,
    history=(("user", 230.0, "okay, paying the bills now"), ("assistant", 232.0, "Sure.")),
    clips=(INVOICE, ORDER, ROOM),
    summary="The user is going through bills on a laptop.",
)


def test_evidence_line_format() -> None:
    assert evidence_line(INVOICE) == "[00:41–00:47] screen shows: INVOICE 4471 DUE 12 MARCH"
    assert evidence_line(ROOM) == "[03:12–03:18] user said: meeting in room B; sounds: music"
    # a tag already named in the text is not repeated; an instant has one time
    assert evidence_line(Evidence("x", 5, 5.2, "sounds: music", sound_tags=("music",))) == "[00:05] sounds: music"
    assert evidence_line(Evidence("x", 3725, 3731, "  user   said:\n hi ")) == "[1:02:05–1:02:11] user said: hi"


def test_text_messages_layout() -> None:
    messages = build_text_messages(PROMPT)
    assert [m["role"] for m in messages] == ["system", "user"]
    assert messages[0]["content"] == SYSTEM_INSTRUCTION
    for must in ("short", "mm:ss", "did not see or hear"):
        assert must in messages[0]["content"]
    text = messages[1]["content"]
    assert isinstance(text, str)
    lines = text.splitlines()
    memory = lines.index("[00:41–00:47] screen shows: INVOICE 4471 DUE 12 MARCH")
    summary = next(i for i, line in enumerate(lines) if "going through bills" in line)
    talk = lines.index("[03:50] user: okay, paying the bills now")
    question = next(i for i, line in enumerate(lines) if "what was the invoice number" in line)
    assert memory < summary < talk < question == len(lines) - 1
    assert "[01:35–01:41] screen shows: ORDER 9182 SHIPPED; user said: that one came yesterday; sounds: speech" in lines
    assert "[03:52] assistant: Sure." in lines
    assert "04:10" in lines[question]  # the time the question was asked
    # memory lines are in stream-time order
    assert lines.index(evidence_line(INVOICE)) < lines.index(evidence_line(ORDER)) < lines.index(evidence_line(ROOM))


def test_text_messages_limits_and_empty_memory() -> None:
    text = build_text_messages(PROMPT, max_clips=1, max_turns=1)[1]["content"]
    assert "4471" in text and "9182" not in text  # the best clip is kept
    assert "Sure." in text and "paying the bills" not in text  # the latest turn is kept
    bare = build_text_messages(Prompt("where are my keys?", 12.0))[1]["content"]
    assert NO_MEMORY in bare and "Summary" not in bare and "conversation" not in bare
    assert bare.rstrip().endswith("where are my keys?")


def _image_urls(content: list[dict]) -> list[str]:
    return [p["image_url"]["url"] for p in content if p["type"] == "image_url"]


def test_multimodal_images_of_top_clips() -> None:
    caps = ModelCapabilities(images=True, max_images=2)
    messages = build_multimodal_messages(PROMPT, caps)
    content = messages[1]["content"]
    assert isinstance(content, list)
    urls = _image_urls(content)
    assert len(urls) == 2  # capped, taken from the best clip first
    assert all(u.startswith("data:image/jpeg;base64,") for u in urls)
    assert base64.b64decode(urls[0].split(",", 1)[1]) == RED
    assert base64.b64decode(urls[1].split(",", 1)[1]) == GREEN
    assert not [p for p in content if p["type"] == "input_audio"]  # no audio capability
    # each clip's media is introduced by its time span; the full text comes last
    assert content[0] == {"type": "text", "text": "[00:41–00:47]:"}
    assert content[-1]["type"] == "text" and content[-1]["text"] == build_text_messages(PROMPT)[1]["content"]

    more = build_multimodal_messages(PROMPT, ModelCapabilities(images=True, max_images=8))[1]["content"]
    assert [base64.b64decode(u.split(",", 1)[1]) for u in _image_urls(more)] == [RED, GREEN, BLUE, RED]


def test_multimodal_audio_only_when_the_model_takes_it() -> None:
    caps = ModelCapabilities(images=True, audio=True, max_images=1, max_audio_clips=1)
    content = build_multimodal_messages(PROMPT, caps)[1]["content"]
    audio = [p for p in content if p["type"] == "input_audio"]
    assert len(audio) == 1 and audio[0]["input_audio"]["format"] == "wav"
    with wave.open(io.BytesIO(base64.b64decode(audio[0]["input_audio"]["data"]))) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 16000)
        assert w.readframes(w.getnframes()) == PCM
    assert len(_image_urls(content)) == 1


def test_text_only_model_gets_plain_text() -> None:
    assert build_multimodal_messages(PROMPT, TEXT_ONLY) == build_text_messages(PROMPT)
    assert build_messages(PROMPT, "HuggingFaceTB/SmolLM2-135M-Instruct") == build_text_messages(PROMPT)
    # clips without keyframes or audio give no parts either
    plain = Prompt("q?", 1.0, clips=(Evidence("a", 0, 1, "user said: hi"),))
    assert isinstance(build_multimodal_messages(plain, ModelCapabilities(images=True, max_images=4))[1]["content"], str)


def test_capabilities_table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CAPABILITIES_ENV, raising=False)
    omni = capabilities_for("Qwen/Qwen2.5-Omni-7B")
    assert omni.images and omni.audio and omni.max_images >= 1
    vl = capabilities_for("Qwen/Qwen2.5-VL-7B-Instruct")
    assert vl.images and not vl.audio
    assert capabilities_for("tiny-qwen2-vl").images
    assert capabilities_for("some-unknown-model") == TEXT_ONLY
    assert capabilities_for("some-unknown-model", default=ModelCapabilities(images=True, max_images=1)).images


def test_capabilities_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    over = capabilities_for("Qwen/Qwen2.5-Omni-7B", overrides={"qwen2.5-omni": {"audio": False}})
    assert over.images and not over.audio  # starts from the table entry
    assert capabilities_for("my-model", overrides={"my-model": ModelCapabilities(images=True, max_images=2)}).max_images == 2
    monkeypatch.setenv(CAPABILITIES_ENV, json.dumps({"my-vlm": {"images": True, "max_images": 3}}))
    assert capabilities_for("org/my-vlm-2b") == ModelCapabilities(images=True, max_images=3)


def test_pcm_to_wav_drops_a_dangling_byte() -> None:
    with wave.open(io.BytesIO(pcm_to_wav(b"\x01\x02\x03"))) as w:
        assert w.getnframes() == 1
