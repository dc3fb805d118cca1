"""Frame encoders: what memory keeps of a sampled frame.

Every encoder fills the cheap features (thumbnail, colour histogram, perceptual hash) that drive
scene-change detection and the page. The embedded default adds on-screen / scene text from OCR;
the CLIP/SigLIP encoder adds an image embedding that text questions can be matched against.
Encoders are synchronous: the caller runs `encode` in a worker thread. (A little over 400
lines: the encoders share the cheap features and the slow-model scheduling kept here.)
"""
from __future__ import annotations

import collections
import dataclasses
import io
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Protocol

import numpy as np
from PIL import Image

from perception.events import FrameFeatures, VideoFrame
from perception.ocr_words import line_crop, spaced, as_meant

if TYPE_CHECKING:
    from perception.camera import CameraSight

THUMBNAIL_WIDTH = 160
HISTOGRAM_BINS = 8  # per RGB channel: 512 joint bins
_BIN_SHIFT = 5  # 256 levels >> 5 = 8 bins
_HASH_SIZE = 8
_HASH_SOURCE = 32  # pHash takes the 8×8 lowest frequencies of a 32×32 DCT
#: a coefficient must exceed the median by this much (grey levels) to set its bit
_HASH_MARGIN = 4.0


#: RGB frame → recognised text (RapidOcrReader, or a stand-in in tests)
TextReader = Callable[[np.ndarray], str]


class FrameEncoder(Protocol):
    def encode(self, frame: VideoFrame) -> FrameFeatures:
        """Features of one frame; blocking, called from a worker thread."""
        ...

    def embed_text(self, text: str) -> np.ndarray | None:
        """Text embedding comparable with `FrameFeatures.embedding`, or None without one."""
        ...


# --- cheap features -------------------------------------------------------------------------


def _dct_matrix(n: int) -> np.ndarray:
    k = np.arange(n)[:, None]
    i = np.arange(n)[None, :]
    m = np.sqrt(2.0 / n) * np.cos(np.pi * (2 * i + 1) * k / (2 * n))
    m[0] /= np.sqrt(2.0)
    return m


_DCT = _dct_matrix(_HASH_SOURCE)


def thumbnail(rgb: np.ndarray, width: int = THUMBNAIL_WIDTH) -> Image.Image:
    """The frame scaled to `width` pixels wide; the other cheap features are computed from it."""
    h, w = rgb.shape[:2]
    height = max(1, round(h * width / w))
    return Image.fromarray(rgb).resize((width, height), Image.Resampling.BILINEAR, reducing_gap=3.0)


def jpeg_bytes(image: Image.Image, quality: int = 75) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="JPEG", quality=quality)
    return buf.getvalue()


def color_histogram(rgb: np.ndarray) -> np.ndarray:
    """Joint 8×8×8 RGB histogram, L1-normalised float32.

    Computed on the thumbnail: downscaling averages away sensor noise that would otherwise
    scatter flat regions across neighbouring bins.
    """
    q = (rgb.reshape(-1, 3) >> _BIN_SHIFT).astype(np.intp)
    idx = (q[:, 0] * HISTOGRAM_BINS + q[:, 1]) * HISTOGRAM_BINS + q[:, 2]
    hist = np.bincount(idx, minlength=HISTOGRAM_BINS**3).astype(np.float32)
    return hist / max(hist.sum(), 1.0)


def perceptual_hash(image: Image.Image) -> int:
    """64-bit DCT pHash: bit set where a low-frequency coefficient is above their median.

    The margin keeps flat, noisy frames (a dark room, a blank slide) from hashing to the
    random signs of their noise, which would read as a scene change on every frame.
    """
    gray = np.asarray(image.convert("L").resize((_HASH_SOURCE, _HASH_SOURCE), Image.Resampling.BOX), np.float64)
    low = (_DCT @ gray @ _DCT.T)[:_HASH_SIZE, :_HASH_SIZE].ravel()
    bits = low > np.median(low) + _HASH_MARGIN
    return int.from_bytes(np.packbits(bits).tobytes(), "big")


def cheap_features(frame: VideoFrame) -> FrameFeatures:
    """FrameFeatures with thumbnail, histogram and hash; encoders add text and embeddings."""
    h, w = frame.rgb.shape[:2]
    thumb = thumbnail(frame.rgb)
    return FrameFeatures(
        session_id=frame.session_id,
        source=frame.source,
        t=frame.t,
        width=w,
        height=h,
        thumbnail_jpeg=jpeg_bytes(thumb),
        histogram=color_histogram(np.asarray(thumb)),
        phash=perceptual_hash(thumb),
    )


def hash_distance(a: int, b: int) -> float:
    """Hamming distance scaled so unrelated images (≈32 of 64 bits differ) score about 1."""
    return min(1.0, (a ^ b).bit_count() / (_HASH_SIZE * _HASH_SIZE / 2))


def histogram_distance(a: np.ndarray, b: np.ndarray) -> float:
    """Total variation distance of two L1-normalised histograms, 0 (same) to 1 (disjoint)."""
    return float(0.5 * np.abs(a - b).sum())


def scene_change(a: FrameFeatures, b: FrameFeatures) -> float:
    """0 (same picture) to 1 (different scene).

    The larger of the two distances: a scrolled page keeps its colours but not its layout
    (hash), a light switched on keeps the layout but not the colours (histogram).
    """
    d = hash_distance(a.phash, b.phash)
    if a.histogram is not None and b.histogram is not None:
        d = max(d, histogram_distance(a.histogram, b.histogram))
    return d


def refresh_due(
    age: float, change: float, cost_s: float, refresh_s: float, change_threshold: float, min_interval_s: float,
    max_duty: float,
) -> bool:
    """Whether a slow model should look at a frame again, `age` stream seconds and `change`
    (`scene_change`) after its last run, which took `cost_s`: when the picture changed or went
    stale, but never sooner than `min_interval_s`, nor so often that it takes more than
    `max_duty` of the stream's time. A negative age is a restarted source: always due."""
    if age < 0:
        return True
    if age < max(min_interval_s, cost_s / max_duty):
        return False
    return age >= refresh_s or change > change_threshold


# --- text (OCR) ------------------------------------------------------------------------------


@dataclass(frozen=True)
class OcrConfig:
    #: recognised lines below this confidence are dropped
    min_confidence: float = 0.5
    #: frames are scaled so the longest side is at most this before OCR
    max_side: int = 960
    #: OCR again after this many stream seconds even if the picture did not change
    refresh_s: float = 5.0
    #: OCR again when `scene_change` from the last OCR'd frame of the source exceeds this
    #: (a scrolled page scores ~0.4, a camera shaken by 16 px ~0.15, sensor noise ~0.02)
    change_threshold: float = 0.2
    #: but never sooner than this after the last OCR of the source: a moving camera would
    #: otherwise keep OCR busy on every sampled frame
    min_interval_s: float = 2.0
    #: and never more than this share of the stream's time per source: a dense screen takes
    #: seconds to read (recognition cost grows with the number of text lines)
    max_duty: float = 0.3
    #: onnxruntime threads per model (None: every core). One by default: OCR text can wait,
    #: ASR on the other core cannot
    threads: int | None = 1


def reading_order(lines: list[tuple[np.ndarray, str]]) -> str:
    """Boxed text → lines top to bottom, boxes on the same line left to right, joined by spaces."""
    items = sorted(
        ((float(box[:, 1].mean()), float(np.ptp(box[:, 1])), float(box[:, 0].min()), text) for box, text in lines),
    )
    rows: list[list[tuple[float, str]]] = []
    row_y = row_h = 0.0
    for y, h, x, text in items:
        if rows and abs(y - row_y) < 0.5 * max(row_h, 1.0):
            rows[-1].append((x, text))
        else:
            rows.append([(x, text)])
            row_y, row_h = y, h
    return "\n".join(" ".join(text for _, text in sorted(row)) for row in rows)


class RapidOcrReader:
    """PP-OCRv4 through rapidocr-onnxruntime: RGB frame → text in reading order.

    The angle classifier is skipped (screens and most scene text are upright; it costs time),
    and detection is capped at `max_side` instead of RapidOCR's default of upscaling every
    image to 736 px on its short side.
    """

    def __init__(self, config: OcrConfig = OcrConfig()) -> None:
        from rapidocr_onnxruntime import RapidOCR

        options: dict[str, Any] = {
            "text_score": config.min_confidence,
            "det_limit_type": "max",
            "det_limit_side_len": config.max_side,
        }
        if config.threads is not None:
            options["intra_op_num_threads"] = config.threads
        self._engine = RapidOCR(**options)
        self._config = config

    def __call__(self, rgb: np.ndarray) -> str:
        h, w = rgb.shape[:2]
        scale = self._config.max_side / max(h, w)
        if scale < 1:
            size = (max(1, round(w * scale)), max(1, round(h * scale)))
            rgb = np.asarray(Image.fromarray(rgb).resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0))
        # RapidOCR wants BGR; the characters' boxes show where the recogniser dropped a space
        result, _ = self._engine(np.ascontiguousarray(rgb[..., ::-1]), use_cls=False, return_word_box=True)
        gray = np.asarray(Image.fromarray(rgb).convert("L"))
        lines = []
        for box, text, score, *chars in result or []:
            box = np.asarray(box, np.float32)
            if float(score) < self._config.min_confidence or not text.strip():
                continue
            if len(chars) >= 2 and "".join(chars[1]) == text and len(chars[0]) == len(text):
                centres = [float(np.mean(np.asarray(b, np.float32)[:, 0])) for b in chars[0]]
                text = spaced(text, centres, *line_crop(gray, box))
            lines.append((box, text.strip()))
        return as_meant(reading_order(lines))


@dataclass
class _LastRead:
    features: FrameFeatures
    text: str
    #: how long reading it took (wall seconds)
    cost_s: float


class SceneText:
    """OCR text per (session, source), read again only when the picture changed or went stale.

    OCR costs most of a second per frame on two cores, while screens and scenes mostly stand
    still between 1–2 fps samples; unchanged frames reuse the text of the last frame read.
    One lock serialises OCR runs: parallel runs on two cores only slow each other down.
    """

    def __init__(
        self,
        read: TextReader,
        config: OcrConfig = OcrConfig(),
        max_sources: int = 256,
        timer: Callable[[], float] = time.perf_counter,
    ) -> None:
        self._read = read
        self._config = config
        self._max_sources = max_sources
        self._timer = timer
        self._last: collections.OrderedDict[tuple[str, str], _LastRead] = collections.OrderedDict()
        self._lock = threading.Lock()
        self.runs = 0
        self.reused = 0
        self.last_run_s = 0.0

    def _stale(self, last: _LastRead, features: FrameFeatures) -> bool:
        c = self._config
        return refresh_due(features.t - last.features.t, scene_change(last.features, features), last.cost_s,
                           c.refresh_s, c.change_threshold, c.min_interval_s, c.max_duty)

    def text_for(self, frame: VideoFrame, features: FrameFeatures) -> str:
        """Text of `frame`, whose cheap `features` decide whether OCR runs again."""
        key = (frame.session_id, frame.source)
        with self._lock:
            last = self._last.get(key)
            if last is not None and not self._stale(last, features):
                self._last.move_to_end(key)
                self.reused += 1
                return last.text
            started = self._timer()
            text = self._read(frame.rgb)
            self.last_run_s = self._timer() - started
            self.runs += 1
            self._last[key] = _LastRead(features, text, self.last_run_s)
            self._last.move_to_end(key)
            while len(self._last) > self._max_sources:
                self._last.popitem(last=False)
            return text


# --- encoders --------------------------------------------------------------------------------


def is_camera(source: str) -> bool:
    """Camera tracks are named "camera", a second one "camera-1"; screens keep OCR only."""
    return source.split("-", 1)[0] == "camera"


def camera_view(camera: CameraSight | None, frame: VideoFrame, features: FrameFeatures) -> FrameFeatures:
    """`features` with what the camera perception saw, for camera sources when it is on."""
    if camera is None or not is_camera(frame.source):
        return features
    return dataclasses.replace(features, camera=camera.view_for(frame, features))


class OcrFrameEncoder:
    """The embedded default: cheap features plus scene / screen text, no image embedding, and
    objects / people / colours on camera frames when camera perception is on."""

    def __init__(self, text: SceneText, camera: CameraSight | None = None) -> None:
        self.text = text
        self.camera = camera

    def encode(self, frame: VideoFrame) -> FrameFeatures:
        features = cheap_features(frame)
        features = dataclasses.replace(features, text=self.text.text_for(frame, features))
        return camera_view(self.camera, frame, features)

    def embed_text(self, text: str) -> np.ndarray | None:
        return None


def _l2_normalise(x: Any) -> np.ndarray:
    v = x.detach().float().cpu().numpy().reshape(-1).astype(np.float32)
    return v / max(float(np.linalg.norm(v)), 1e-12)


def _pooled(output: Any) -> Any:
    """transformers ≥5 returns a model output from get_*_features, 4.x a tensor."""
    return output if hasattr(output, "detach") else output.pooler_output


class ClipFrameEncoder:
    """CLIP or SigLIP image embeddings (for GPU deployments), from a local model directory.

    The image and text embeddings are L2-normalised, so a dot product is their cosine
    similarity. Nothing is downloaded: the directory must hold the weights and processor.
    """

    def __init__(self, model_path: str | Path, *, text: SceneText | None = None,
                 camera: CameraSight | None = None, device: str = "cpu") -> None:
        import torch
        from transformers import AutoModel, AutoProcessor

        self._torch = torch
        self._processor = AutoProcessor.from_pretrained(str(model_path), local_files_only=True)
        self._model = AutoModel.from_pretrained(str(model_path), local_files_only=True).to(device).eval()
        self._device = device
        # SigLIP was trained on max-length padded text; CLIP pads to the longest
        self._padding: bool | str = "max_length" if "siglip" in self._model.config.model_type else True
        self.text = text
        self.camera = camera

    def encode(self, frame: VideoFrame) -> FrameFeatures:
        features = cheap_features(frame)
        inputs = self._processor(images=[frame.rgb], return_tensors="pt").to(self._device)
        with self._torch.inference_mode():
            embedding = _l2_normalise(_pooled(self._model.get_image_features(pixel_values=inputs["pixel_values"])))
        text = self.text.text_for(frame, features) if self.text is not None else ""
        return camera_view(self.camera, frame, dataclasses.replace(features, text=text, embedding=embedding))

    def embed_text(self, text: str) -> np.ndarray | None:
        inputs = self._processor(text=[text], return_tensors="pt", padding=self._padding, truncation=True)
        inputs = {k: v.to(self._device) for k, v in inputs.items() if k in ("input_ids", "attention_mask")}
        with self._torch.inference_mode():
            return _l2_normalise(_pooled(self._model.get_text_features(**inputs)))


# --- factory ---------------------------------------------------------------------------------

_Builder = Callable[[str | None, OcrConfig, bool, TextReader | None, str, "CameraSight | None"], FrameEncoder]


def _make_ocr(model_path: str | None, ocr: OcrConfig, clip_ocr: bool, read: TextReader | None, device: str,
              camera: CameraSight | None) -> FrameEncoder:
    return OcrFrameEncoder(SceneText(read or RapidOcrReader(ocr), ocr), camera)


def _make_clip(model_path: str | None, ocr: OcrConfig, clip_ocr: bool, read: TextReader | None, device: str,
               camera: CameraSight | None) -> FrameEncoder:
    if not model_path:
        raise ValueError("the clip frame encoder needs model_path (a local CLIP/SigLIP directory)")
    text = SceneText(read or RapidOcrReader(ocr), ocr) if clip_ocr else None
    return ClipFrameEncoder(model_path, text=text, camera=camera, device=device)


_ENCODERS: dict[str, _Builder] = {
    "ocr": _make_ocr,
    "clip": _make_clip,
}


def make_frame_encoder(
    kind: str = "ocr",
    model_path: str | None = None,
    *,
    ocr: OcrConfig = OcrConfig(),
    clip_ocr: bool = True,
    read: TextReader | None = None,
    device: str = "cpu",
    camera: CameraSight | None = None,
) -> FrameEncoder:
    """The configured frame encoder.

    kind "ocr" (embedded default): cheap features + OCR text. kind "clip": image embeddings
    from the local CLIP/SigLIP directory `model_path`, plus OCR text unless `clip_ocr` is off.
    `read` replaces the RapidOCR reader (tests, another OCR engine). `camera` adds objects,
    people and colours to camera frames (see perception.camera).
    """
    try:
        build = _ENCODERS[kind]
    except KeyError:
        raise ValueError(f"unknown frame encoder {kind!r}; expected one of {sorted(_ENCODERS)}") from None
    return build(model_path, ocr, clip_ocr, read, device, camera)
