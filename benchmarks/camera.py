"""Camera perception cost: per frame, and per camera session at the default rate.

    taskset -c 1 .venv/bin/python -m benchmarks.camera [--stream dev-camera-living-room]

Per frame: SSD-MobileNet-V2 + MoveNet + colour words on 640×360 scenes composed from real photos
(benchmarks/camera_scenes.py), p50 / p95 of CPU time (one thread). Per session: the embedded frame
encoder (cheap features + RapidOCR + camera perception, each on its own schedule) over a scripted
camera stream of the memory-QA benchmark at the default 2 fps: CPU seconds per stream second,
i.e. the share of one core a camera session costs. Prints a Markdown table.
"""
from __future__ import annotations

import argparse
import os
import time

import numpy as np

from benchmarks.camera_scenes import Placed, compose
from perception.camera import CameraPerception, CameraSight, load_camera_perception
from perception.events import VideoFrame
from perception.vision import OcrFrameEncoder, RapidOcrReader, SceneText

SCENES = {
    "empty wall": (),
    "a cat": (Placed("cat", 20, 130, 220),),
    "two people and a cat": (Placed("cat", 0, 160, 190), Placed("astronaut", 190, 60, 300),
                             Placed("cameraman", 420, 40, 320)),
    "a person and a cup": (Placed("cup", 0, 80, 280), Placed("cameraman", 400, 40, 320)),
}


def per_frame(perception: CameraPerception, repeats: int = 20) -> list[tuple[str, float, float]]:
    rows = []
    for name, layout in SCENES.items():
        rgb = compose(layout)
        perception.see(rgb)  # warm up
        costs = []
        for i in range(repeats):
            frame = compose(layout, seed=i)
            started = time.thread_time()
            perception.see(frame)
            costs.append(time.thread_time() - started)
        rows.append((name, float(np.percentile(costs, 50)) * 1000, float(np.percentile(costs, 95)) * 1000))
    return rows


def per_session(stream_name: str, fps: float = 2.0, moving: bool = False) -> dict[str, float]:
    """Encode a memory-QA camera stream's pictures at `fps`, as the server's perception worker would;
    `moving` slides a white box across every frame (benchmarks.ingest's camera): no frame repeats,
    the worst case for scheduling on change."""
    from benchmarks.memqa import camera
    from benchmarks.memqa.plan import make_plan

    stream = next(s for s in camera.DEV + camera.HELDOUT if s.name == stream_name)
    plan = make_plan(stream)
    sight = CameraSight(load_camera_perception())
    encoder = OcrFrameEncoder(SceneText(RapidOcrReader()), sight)
    duration = plan.content_end
    cpu = 0.0
    frames = int(duration * fps)
    for i in range(frames):
        t = i / fps
        picture = next((img for start, img in reversed(plan.slides) if start <= t), plan.slides[0][1])
        if moving:
            picture = picture.copy()
            x = int((t * 80) % (picture.shape[1] - 60))
            picture[150:210, x:x + 60] = 255
        started = time.thread_time()
        encoder.encode(VideoFrame("bench", "camera", t, picture))
        cpu += time.thread_time() - started
    return {"stream_s": duration, "frames": frames, "cpu_s": cpu, "core_share": cpu / duration,
            "camera_runs": sight.runs, "camera_cpu_s": sight.busy_s, "ocr_runs": encoder.text.runs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stream", default="dev-camera-living-room")
    args = parser.parse_args(argv)
    cores = len(os.sched_getaffinity(0))
    print(f"camera perception on {cores} core(s), 640×360\n")
    print("| scene | p50 ms | p95 ms |\n|---|---|---|")
    for name, p50, p95 in per_frame(load_camera_perception()):
        print(f"| {name} | {p50:.0f} | {p95:.0f} |")
    print("\n| stream (2 fps) | frames | encoder CPU s | core share | camera looks (CPU s) | OCR reads |")
    print("|---|---|---|---|---|---|")
    for moving in (False, True):
        s = per_session(args.stream, moving=moving)
        print(f"| {args.stream}{' + moving box' if moving else ''} | {s['frames']} | {s['cpu_s']:.1f} | "
              f"{s['core_share']:.3f} | {s['camera_runs']} ({s['camera_cpu_s']:.1f}) | {s['ocr_runs']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
