"""The COCO object classes of the camera detector, as words (no model imports: memory and the
answer policy read these names too)."""
from __future__ import annotations

#: the TF object-detection COCO label map: ids 1–90, "" where the id is unused
COCO_LABELS = (
    "", "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat",
    "traffic light", "fire hydrant", "", "stop sign", "parking meter", "bench", "bird", "cat", "dog", "horse",
    "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "", "backpack", "umbrella", "", "",
    "handbag", "tie", "suitcase", "frisbee", "skis", "snowboard", "sports ball", "kite", "baseball bat",
    "baseball glove", "skateboard", "surfboard", "tennis racket", "bottle", "", "wine glass", "cup", "fork",
    "knife", "spoon", "bowl", "banana", "apple", "sandwich", "orange", "broccoli", "carrot", "hot dog",
    "pizza", "donut", "cake", "chair", "couch", "potted plant", "bed", "", "dining table", "", "",
    "toilet", "", "tv", "laptop", "mouse", "remote", "keyboard", "cell phone", "microwave", "oven",
    "toaster", "sink", "refrigerator", "", "book", "clock", "vase", "scissors", "teddy bear", "hair drier",
    "toothbrush",
)
#: things a wrist may touch but nobody holds in their hand
NOT_HELD = frozenset(
    "person bicycle car motorcycle airplane bus train truck boat bench horse sheep cow elephant bear zebra "
    "giraffe chair couch bed toilet refrigerator oven sink microwave".split()
    + ["dining table", "traffic light", "fire hydrant", "stop sign", "parking meter", "potted plant"]
)

#: how people name the classes when they ask ("my phone", "the mug", "anyone")
SPOKEN: dict[str, str | tuple[str, ...]] = {
    "phone": "cell phone", "phones": "cell phone", "cellphone": "cell phone", "mobile": "cell phone",
    "smartphone": "cell phone", "mug": "cup", "mugs": "cup", "coffee": "cup", "kitten": "cat", "kitty": "cat",
    "puppy": "dog", "motorbike": "motorcycle", "television": "tv", "telly": "tv",
    "sofa": "couch", "computer": "laptop", "notebook": "laptop", "plant": "potted plant", "table": "dining table",
    "pony": "horse", "people": "person", "someone": "person", "somebody": "person",
    "anyone": "person", "anybody": "person", "man": "person", "woman": "person", "men": "person",
    "women": "person", "child": "person", "kid": "person", "persons": "person", "visitor": "person",
    "guy": "person", "guys": "person", "girl": "person", "boy": "person", "lady": "person", "gentleman": "person",
    "folks": "person", "human": "person", "friend": "person", "neighbour": "person", "neighbor": "person",
    "sitter": "person", "babysitter": "person", "guest": "person", "stranger": "person", "flatmate": "person",
    "roommate": "person", "housemate": "person",
    # a word for two classes: the answer uses whichever the camera saw
    "bike": ("motorcycle", "bicycle"), "bikes": ("motorcycle", "bicycle"),
}
