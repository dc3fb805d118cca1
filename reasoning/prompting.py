"""Chat messages for the answering model, built from a `Prompt` (IXC2.5-OmniLive style).

Layout, in order: a system instruction; the question-related memory as time-stamped lines
("[03:12–03:18] screen shows: …; user said: …; sounds: music"); the session summary; the recent
conversation; then the question with the stream time it was asked at.

Two builders share that text:

* `build_text_messages(prompt)` — plain strings, for any chat model.
* `build_multimodal_messages(prompt, caps)` — OpenAI content parts: keyframes of the top clips
  as `image_url` data URLs (base64 JPEG) and, only when the model takes audio, each top clip's
  audio as `input_audio` (base64 WAV). What a model takes comes from `capabilities_for(model)`.
"""
from __future__ import annotations

import base64
import io
import json
import os
import wave
from dataclasses import dataclass, replace
from typing import Any, Mapping

from memory.records import Evidence, clock_label
from reasoning.backend import Prompt

SYSTEM_INSTRUCTION = (
    "You are Livesight, an assistant that watches and listens to a live stream with the user. "
    "Answer the user's question in one or two short spoken sentences, using only the memory "
    "given. When the answer comes from a moment of the stream, say when it was as mm:ss, using "
    "the times written in the memory. If the memory does not contain the answer, say that you "
    "did not see or hear it."
)

#: shown instead of memory lines when retrieval found nothing
NO_MEMORY = "(nothing in memory matches this question)"


# --------------------------------------------------------------------------- capabilities


@dataclass(frozen=True)
class ModelCapabilities:
    """What content parts a served model accepts."""

    images: bool = False
    audio: bool = False
    #: keyframes sent per question, over all clips
    max_images: int = 0
    #: audio clips sent per question
    max_audio_clips: int = 0


TEXT_ONLY = ModelCapabilities()

#: keyed by a lower-case fragment of the served model name; the longest matching key wins
MODEL_CAPABILITIES: dict[str, ModelCapabilities] = {
    "qwen2.5-omni": ModelCapabilities(images=True, audio=True, max_images=4, max_audio_clips=2),
    "qwen3-omni": ModelCapabilities(images=True, audio=True, max_images=4, max_audio_clips=2),
    "qwen2.5-vl": ModelCapabilities(images=True, max_images=4),
    "qwen2-vl": ModelCapabilities(images=True, max_images=4),
    "qwen3-vl": ModelCapabilities(images=True, max_images=4),
    "qwen2-audio": ModelCapabilities(audio=True, max_audio_clips=2),
    "llava": ModelCapabilities(images=True, max_images=1),
    "internvl": ModelCapabilities(images=True, max_images=4),
    "gemma-3": ModelCapabilities(images=True, max_images=4),
    "phi-4-multimodal": ModelCapabilities(images=True, audio=True, max_images=4, max_audio_clips=1),
    "ultravox": ModelCapabilities(audio=True, max_audio_clips=2),
    "smollm": TEXT_ONLY,
}

#: env var holding JSON overrides, e.g. {"my-model": {"images": true, "max_images": 2}}
CAPABILITIES_ENV = "LIVESIGHT_VLLM_CAPABILITIES"


def capabilities_for(
    model: str,
    overrides: Mapping[str, Mapping[str, Any] | ModelCapabilities] | None = None,
    default: ModelCapabilities = TEXT_ONLY,
) -> ModelCapabilities:
    """Capabilities of `model`: an exact override, else the longest matching table key, else default.

    `overrides` (or, when None, the JSON in env `LIVESIGHT_VLLM_CAPABILITIES`) maps a model name
    or name fragment to fields of `ModelCapabilities`; an override of a known key starts from that
    key's table entry. Unknown models are text-only: an image part sent to a text model is a 400.
    """
    if overrides is None:
        raw = os.environ.get(CAPABILITIES_ENV, "").strip()
        overrides = json.loads(raw) if raw else {}
    name = model.lower()
    table: dict[str, ModelCapabilities] = dict(MODEL_CAPABILITIES)
    for key, value in overrides.items():
        base = table.get(key.lower(), default)
        table[key.lower()] = value if isinstance(value, ModelCapabilities) else replace(base, **dict(value))
    if name in table:
        return table[name]
    matches = [key for key in table if key in name]
    return table[max(matches, key=len)] if matches else default


# --------------------------------------------------------------------------- text


def span(start: float, end: float) -> str:
    """'[03:12–03:18]', or '[03:12]' for an instant."""
    a, b = clock_label(start), clock_label(end)
    return f"[{a}]" if a == b else f"[{a}–{b}]"


def evidence_line(clip: Evidence) -> str:
    """One memory line: '[00:41–00:47] screen shows: …; user said: …; sounds: music'."""
    text = " ".join(clip.text.split()).rstrip(";. ")
    tags = [tag for tag in clip.sound_tags if tag and tag.lower() not in text.lower()]
    if tags:
        text = f"{text}; sounds: {', '.join(tags)}" if text else f"sounds: {', '.join(tags)}"
    return f"{span(clip.start, clip.end)} {text or '(no description)'}"


def memory_lines(prompt: Prompt, max_clips: int | None = None) -> list[str]:
    """Lines for the question-related clips (best `max_clips` of them), in stream-time order."""
    clips = list(prompt.clips[:max_clips] if max_clips else prompt.clips)
    clips.sort(key=lambda c: (c.start, c.end))
    return [evidence_line(c) for c in clips]


def history_lines(prompt: Prompt, max_turns: int | None = None) -> list[str]:
    turns = prompt.history[-max_turns:] if max_turns else prompt.history
    return [f"[{clock_label(t)}] {speaker}: {' '.join(text.split())}" for speaker, t, text in turns if text.strip()]


def context_text(prompt: Prompt, *, max_clips: int | None = None, max_turns: int | None = None) -> str:
    """The user turn's text: memory, summary, recent conversation, question."""
    parts = ["Memory of the stream:"]
    parts += memory_lines(prompt, max_clips) or [NO_MEMORY]
    if prompt.summary.strip():
        parts += ["", f"Summary so far: {' '.join(prompt.summary.split())}"]
    talk = history_lines(prompt, max_turns)
    if talk:
        parts += ["", "Recent conversation:", *talk]
    parts += ["", f"It is now {clock_label(prompt.asked_at)}. Question: {prompt.question.strip()}"]
    return "\n".join(parts)


def build_text_messages(
    prompt: Prompt,
    *,
    system: str = SYSTEM_INSTRUCTION,
    max_clips: int | None = 6,
    max_turns: int | None = 6,
) -> list[dict[str, Any]]:
    """Text-only chat messages (system + one user turn)."""
    return [
        {"role": "system", "content": system},
        {"role": "user", "content": context_text(prompt, max_clips=max_clips, max_turns=max_turns)},
    ]


# --------------------------------------------------------------------------- multimodal


def jpeg_data_url(jpeg: bytes) -> str:
    return "data:image/jpeg;base64," + base64.b64encode(jpeg).decode("ascii")


def pcm_to_wav(pcm: bytes, sample_rate: int = 16000) -> bytes:
    """16-bit mono PCM → WAV file bytes."""
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(sample_rate)
        w.writeframes(pcm[: len(pcm) - len(pcm) % 2])
    return out.getvalue()


def media_parts(prompt: Prompt, caps: ModelCapabilities) -> list[dict[str, Any]]:
    """Image / audio parts for the top clips (best first), each introduced by its time span."""
    parts: list[dict[str, Any]] = []
    images_left = caps.max_images if caps.images else 0
    audio_left = caps.max_audio_clips if caps.audio else 0
    for clip in prompt.clips:
        if images_left <= 0 and audio_left <= 0:
            break
        frames = list(clip.keyframes[:images_left])
        audio = clip.audio_pcm if audio_left > 0 and clip.audio_pcm else None
        if not frames and audio is None:
            continue
        parts.append({"type": "text", "text": f"{span(clip.start, clip.end)}:"})
        for jpeg in frames:
            parts.append({"type": "image_url", "image_url": {"url": jpeg_data_url(jpeg)}})
        images_left -= len(frames)
        if audio is not None:
            data = base64.b64encode(pcm_to_wav(audio)).decode("ascii")
            parts.append({"type": "input_audio", "input_audio": {"data": data, "format": "wav"}})
            audio_left -= 1
    return parts


def build_multimodal_messages(
    prompt: Prompt,
    caps: ModelCapabilities,
    *,
    system: str = SYSTEM_INSTRUCTION,
    max_clips: int | None = 6,
    max_turns: int | None = 6,
) -> list[dict[str, Any]]:
    """Chat messages whose user turn is OpenAI content parts: media of the top clips, then the text.

    Falls back to the text-only layout (plain string content) when nothing media is to be sent.
    """
    parts = media_parts(prompt, caps)
    if not parts:
        return build_text_messages(prompt, system=system, max_clips=max_clips, max_turns=max_turns)
    text = context_text(prompt, max_clips=max_clips, max_turns=max_turns)
    return [
        {"role": "system", "content": system},
        {"role": "user", "content": [*parts, {"type": "text", "text": text}]},
    ]


def build_messages(prompt: Prompt, model: str, **kwargs: Any) -> list[dict[str, Any]]:
    """Messages for `model`, multimodal when its capabilities allow."""
    return build_multimodal_messages(prompt, capabilities_for(model), **kwargs)
