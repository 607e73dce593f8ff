"""Kili's recipe "How to import inference labels", rewritten for Labelloop, line for line.

A model in production labels car photos by colour; its answers go in as INFERENCE labels, people label the same
photos, and every model label gets an inference mark (1: the model agrees with the human, 0: it does not), so the
disagreements can be listed. Run against a server:

    python3 examples/kili_inference_labels.py http://localhost:7070 "$(cat labelloop-data/admin-api-key)"

(or set LABELLOOP_URL and LABELLOOP_API_KEY). Kili's recipe downloads four photos; this one draws them, since
Labelloop stores the files it labels and this example needs no network.
"""

import os
import struct
import sys
import tempfile
import zlib

from labelloop import Labelloop  # was: from kili.client import Kili

ll = Labelloop(*sys.argv[1:3])  # was: kili = Kili(api_key=KILI_API_KEY)

json_interface = {
    "jobs": {
        "CLASSIFICATION_JOB": {
            "mlTask": "CLASSIFICATION",
            "content": {
                "categories": {
                    "RED": {"name": "Red"},
                    "BLACK": {"name": "Black"},
                    "WHITE": {"name": "White"},
                    "GREY": {"name": "Grey"},
                },
                "input": "radio",
            },
            "required": 0,
            "isChild": False,
            "instruction": "Color",
        }
    }
}

project_id = ll.create_project(
    title="[Labelloop SDK example]: Project demo inference",
    input_type="IMAGE",
    json_interface=json_interface,
)["id"]


def png(path, rgb, size=32):
    """A plain PNG of one colour (standard library only)."""
    row = b"\x00" + bytes(rgb) * size
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(row * size)) + chunk(b"IEND", b""))
    return path


photos = tempfile.mkdtemp(prefix="cars-")
colours = {"black_car.jpg": (10, 10, 10), "grey_car.jpg": (128, 128, 128), "white_car.jpg": (245, 245, 245),
           "red_car.jpg": (200, 20, 20)}
stream_of_assets = [
    {"path": png(os.path.join(photos, name.replace(".jpg", ".png")), rgb), "external_id": name}
    for name, rgb in colours.items()
]

ll.append_many_to_dataset(
    project_id=project_id,
    content_array=[asset["path"] for asset in stream_of_assets],  # was: asset["url"]
    external_id_array=[asset["external_id"] for asset in stream_of_assets],
    disable_tqdm=True,
)

predictions = {
    "black_car.jpg": "WHITE",
    "grey_car.jpg": "GREY",
    "white_car.jpg": "RED",
    "red_car.jpg": "BLACK",
}
predicted_categories = [predictions[asset["external_id"]] for asset in stream_of_assets]
inference_labels = [
    {"CLASSIFICATION_JOB": {"categories": [{"name": predicted_category}]}}
    for predicted_category in predicted_categories
]
ll.append_labels(
    project_id=project_id,
    asset_external_id_array=[asset["external_id"] for asset in stream_of_assets],
    json_response_array=inference_labels,
    label_type="INFERENCE",  # model-generated labels go in as INFERENCE labels
    model_name="colour-model-v1",
)

ground_truths = {
    "black_car.jpg": "BLACK",
    "grey_car.jpg": "GREY",
    "white_car.jpg": "WHITE",
    "red_car.jpg": "RED",
}
human_labels = [
    {"CLASSIFICATION_JOB": {"categories": [{"name": ground_truths[asset["external_id"]]}]}}
    for asset in stream_of_assets
]
ll.append_labels(
    project_id=project_id,
    json_response_array=human_labels,
    asset_external_id_array=[asset["external_id"] for asset in stream_of_assets],
    label_type="DEFAULT",
)

# was: kili.labels(project_id, fields=["inferenceMark", "id", "labelOf.id"], type_in=["DEFAULT"])
marks = ll.inference_marks(project_id=project_id)
print(sorted((m["externalId"], m["inferenceMark"]) for m in marks))

# was: kili.labels(..., type_in=["INFERENCE"], output_format="parsed_label") per asset; one DataFrame here
labels = ll.labels(project_id=project_id, as_pandas=True)
answers = labels.pivot(index="externalId", columns="labelType", values="CLASSIFICATION_JOB")
for mark in marks:
    if mark["inferenceMark"] < 1:  # this label has disagreement between human and model
        row = answers.loc[mark["externalId"]]
        print(f"The model predicted {row['INFERENCE']} but the human predicted {row['DEFAULT']}"
              f" for asset {mark['externalId']}.")

ll.delete_project(project_id)
