"""Client behaviour that needs no server: errors, argument checks, DataFrame conversions, the media zip."""

import io
import json
import os
import tempfile
import unittest
import zipfile

from labelloop import InvalidInputError, Labelloop, LabelloopError, NotFoundError, ServerError
from labelloop import _media, _tables
from labelloop._rows import asset_row as _asset_row, label_columns as _label_columns, with_answers as _with_answers
from labelloop.client import _camel
from labelloop.errors import error_for

try:
    import pandas as pd
except ImportError:  # pandas is optional
    pd = None


class ErrorsTest(unittest.TestCase):
    def test_server_error_body_becomes_typed_exception_with_code_message_details(self):
        e = error_for(400, {"error": {"code": "INVALID_INPUT", "message": "unknown category 'NOPE'",
                                      "details": ["[0].jsonResponse.JOB_0: unknown category 'NOPE'"]}})
        self.assertIsInstance(e, InvalidInputError)
        self.assertEqual((e.status, e.code), (400, "INVALID_INPUT"))
        self.assertEqual(e.details, ["[0].jsonResponse.JOB_0: unknown category 'NOPE'"])
        self.assertIn("NOPE", str(e))

    def test_non_json_error_keeps_its_text(self):
        e = error_for(502, "Bad Gateway")
        self.assertIsInstance(e, ServerError)
        self.assertEqual(e.code, "HTTP_502")
        self.assertEqual(e.message, "Bad Gateway")

    def test_not_found_is_a_labelloop_error(self):
        self.assertTrue(issubclass(NotFoundError, LabelloopError))


class ArgumentsTest(unittest.TestCase):
    def test_refuses_url_without_scheme(self):
        with self.assertRaises(ValueError):
            Labelloop("localhost:7070", api_key="k")

    def test_snake_case_settings_become_camel_case(self):
        self.assertEqual(_camel("time_budget_seconds"), "timeBudgetSeconds")
        self.assertEqual(_camel("strategy"), "strategy")

    def test_ids_with_a_slash_are_refused_before_any_request(self):
        with self.assertRaises(ValueError):
            Labelloop("http://127.0.0.1:9", api_key="k").project("1/../2")

    def test_label_arrays_of_different_lengths_are_refused(self):
        with self.assertRaises(ValueError):
            Labelloop("http://127.0.0.1:9", api_key="k").append_labels(
                "1", [{"JOB_0": {"categories": [{"name": "A"}]}}], asset_external_id_array=["a", "b"])

    def test_classification_answers_become_columns(self):
        row = _with_answers({"id": "1", "jsonResponse": {"JOB_0": {"categories": [{"name": "A"}]},
                                                         "JOB_1": {"categories": [{"name": "X"}, {"name": "Y"}]}}})
        self.assertEqual(row["JOB_0"], "A")
        self.assertEqual(row["JOB_1"], ["X", "Y"])
        self.assertNotIn("JOB_0_confidence", row, "a person's answer says nothing of confidence")
        predicted = _with_answers({"id": "2", "jsonResponse": {"JOB_0": {"categories": [{"name": "B", "confidence": 73}]}}})
        self.assertEqual((predicted["JOB_0"], predicted["JOB_0_confidence"]), ("B", 73))

    def test_a_table_row_is_sent_as_an_object_with_missing_values_null(self):
        row = _asset_row({"alcohol": 9.5, "acidity": float("nan"), "priority": "high"}, 7, None)
        self.assertEqual(row, {"content": {"alcohol": 9.5, "acidity": None, "priority": "high"}, "externalId": "7"})
        self.assertEqual(json.loads(json.dumps(row, allow_nan=False)), row, "valid JSON: no NaN")


class MediaZipTest(unittest.TestCase):
    def test_manifest_comes_first_and_names_each_file(self):
        with tempfile.TemporaryDirectory() as d:
            for name in ("a.png", "b.png"):
                with open(os.path.join(d, name), "wb") as f:
                    f.write(b"\x89PNG")
            data = _media.zip_of_files([os.path.join(d, "a.png"), os.path.join(d, "b.png")], ["x1", "x2"], [{"k": 1}, None])
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = z.namelist()
            manifest = [json.loads(l) for l in z.read("manifest.jsonl").decode().splitlines()]
        self.assertEqual(names[0], "manifest.jsonl")
        self.assertEqual([m["externalId"] for m in manifest], ["x1", "x2"])
        self.assertEqual(manifest[0]["metadata"], {"k": 1})
        self.assertEqual(names[1:], [m["file"] for m in manifest])

    def test_missing_file_is_named(self):
        with self.assertRaises(FileNotFoundError) as e:
            _media.zip_of_files(["/nonexistent/x.png"], ["x"], [None])
        self.assertIn("content_array[0]", str(e.exception))


@unittest.skipUnless(pd is not None, "pandas is not installed")
class FrameTest(unittest.TestCase):
    def test_frame_of_labels_becomes_json_responses_per_job(self):
        df = pd.DataFrame({"external_id": ["a", "b"], "JOB_0": ["SPORT", "FOOD"]})
        responses, ext, ids = _label_columns(df, None, None)
        self.assertEqual(responses[0], {"JOB_0": {"categories": [{"name": "SPORT"}]}})
        self.assertEqual(ext, ["a", "b"])
        self.assertIsNone(ids)

    def test_missing_values_become_none(self):
        df = pd.DataFrame({"content": ["x", "y"], "score": [1.5, float("nan")]})
        self.assertEqual(_tables.frame_rows(df)[1]["score"], None)
        self.assertEqual(_tables.frame_rows(df)[0]["score"], 1.5)


if __name__ == "__main__":
    unittest.main()
