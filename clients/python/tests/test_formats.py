"""Files people already have: a Label Studio export imports with its labels, and its export imports the same labels again."""

import json
import os
import struct
import tempfile
import unittest
import zipfile
import zlib

from labelloop import InvalidInputError

from . import server

TASKS = [
    {"id": 1, "data": {"text": "a late goal won the match"},
     "annotations": [{"result": [{"from_name": "sentiment", "to_name": "text", "type": "choices", "value": {"choices": ["sport"]}}]}]},
    {"id": 2, "data": {"text": "simmer the sauce"},
     "annotations": [{"result": [{"from_name": "sentiment", "to_name": "text", "type": "choices", "value": {"choices": ["FOOD"]}}]}]},
    {"id": 3, "data": {"text": "not labeled yet"}, "annotations": []},
]


def png(shade: int) -> bytes:
    """A whole 2x2 grey PNG (the server checks that an image is complete)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    pixels = zlib.compress(b"".join(b"\x00" + bytes([shade, shade]) for _ in range(2)))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0)) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


class FormatsTest(unittest.TestCase):
    def setUp(self):
        self.ll = server.admin()
        self.dir = tempfile.mkdtemp()

    def answers(self, pid):
        return {l["externalId"]: l["jsonResponse"] for l in self.ll.labels(pid, label_type="DEFAULT")}

    def test_class_folders_label_a_zip_of_images_when_asked(self):
        pid = self.ll.create_project(server.unique("folders"), "IMAGE", server.interface("ANTS", "BEES"))["id"]
        path = os.path.join(self.dir, "hymenoptera.zip")
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("train/ants/1.png", png(10))
            z.writestr("train/bees/2.png", png(200))
            z.writestr("train/3.png", png(90))
        self.assertEqual(self.ll.import_file(pid, path, "zip", labels_from_folders=True)["imported"], 3)
        self.assertEqual({k: v["JOB_0"]["categories"][0]["name"] for k, v in self.answers(pid).items()},
                         {"train/ants/1.png": "ANTS", "train/bees/2.png": "BEES"})

    def test_label_studio_tasks_round_trip(self):
        path = os.path.join(self.dir, "tasks.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(TASKS, f)
        pid = self.ll.create_project(server.unique("ls"), "TEXT", server.interface("SPORT", "FOOD"))["id"]
        report = self.ll.import_file(pid, path, "labelstudio")
        self.assertEqual((report["imported"], report["rejected"]), (3, 0))
        answers = self.answers(pid)
        self.assertEqual(answers, {"1": {"JOB_0": {"categories": [{"name": "SPORT"}]}},
                                   "2": {"JOB_0": {"categories": [{"name": "FOOD"}]}}})

        exported = self.ll.export(pid, "labelstudio", os.path.join(self.dir, "export.json"))
        again = self.ll.create_project(server.unique("ls-again"), "TEXT", server.interface("SPORT", "FOOD"))["id"]
        self.ll.import_file(again, exported, "labelstudio")
        self.assertEqual(self.answers(again), answers)

    def test_a_bad_record_names_its_line(self):
        path = os.path.join(self.dir, "bad.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            f.write('{"text": "fine", "accept": ["SPORT"], "answer": "accept"}\n{"text": "odd", "accept": ["MUSIC"], "answer": "accept"}\n')
        pid = self.ll.create_project(server.unique("prodigy"), "TEXT", server.interface("SPORT", "FOOD"))["id"]
        with self.assertRaises(InvalidInputError) as e:
            self.ll.import_file(pid, path, "prodigy")
        self.assertTrue(any(d.startswith("line 2:") and "MUSIC" in d for d in e.exception.details), e.exception.details)
        self.assertEqual(self.ll.import_file(pid, path, "prodigy", on_error="skip")["imported"], 1)


if __name__ == "__main__":
    unittest.main()
