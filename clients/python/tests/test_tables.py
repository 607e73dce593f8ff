"""A table from Python: rows as dicts (or a DataFrame) become typed columns, and the model learns from those columns."""

import csv
import math
import os
import random
import tempfile
import unittest

from . import server

try:
    import pandas as pd
except ImportError:  # pandas is optional
    pd = None


def wines(n: int, seed: int = 3):
    """``n`` rows of two kinds of wine told apart by their numbers, with a region, a flag and a missing value."""
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        red = i % 2 == 0
        rows.append({"alcohol": round(rnd.gauss(13.0 if red else 10.5, 0.4), 2),
                     "sulphates": round(rnd.gauss(0.75 if red else 0.45, 0.05), 3),
                     "region": rnd.choice(["north", "south"]), "organic": rnd.random() < 0.5,
                     "acidity": float("nan") if i % 7 == 3 else round(rnd.uniform(3, 4), 2), "colour": "RED" if red else "WHITE"})
    return rows


def interface():
    return {"jobs": {"JOB_0": {"mlTask": "CLASSIFICATION", "instruction": "colour", "required": 1,
                               "content": {"input": "radio", "categories": {"RED": {"name": "red"}, "WHITE": {"name": "white"}}}}}}


class TableTest(unittest.TestCase):
    def setUp(self):
        self.ll = server.admin()

    def check_typed_and_learned(self, pid, rows):
        schema = {c["name"]: c["type"] for c in self.ll.table_schema(pid)["columns"]}
        self.assertEqual(schema, {"alcohol": "NUMERIC", "sulphates": "NUMERIC", "region": "CATEGORICAL",
                                  "organic": "BOOLEAN", "acidity": "NUMERIC"}, "each column typed, none of them 'content'")
        stored = {a["externalId"]: a["content"] for a in self.ll.assets(pid)}
        self.assertIn('"alcohol":', stored["w000"])
        self.assertIn('"acidity":null', stored["w003"].replace(" ", ""), "a NaN is a missing value")
        self.ll.learning_settings(pid, time_budget_seconds=5)
        labels = [{"JOB_0": {"categories": [{"name": r["colour"]}]}} for r in rows[:20]]
        self.ll.append_labels(pid, labels, asset_external_id_array=[f"w{i:03d}" for i in range(20)])
        model = self.ll.wait_for_model(pid, timeout=120)
        self.assertNotIn("text", model["card"]["featurizer"], "learned from the typed columns: " + model["card"]["featurizer"])
        self.assertGreaterEqual(model["cvAccuracy"], 0.9)

    def test_rows_as_dicts_are_typed_columns(self):
        rows = wines(60)
        pid = self.ll.create_project(server.unique("table"), "TABULAR", interface())["id"]
        content = [{k: v for k, v in r.items() if k != "colour"} for r in rows]
        report = self.ll.append_many_to_dataset(pid, content, [f"w{i:03d}" for i in range(len(rows))], disable_tqdm=True)
        self.assertEqual((report["imported"], report["errors"]), (60, []))
        self.check_typed_and_learned(pid, rows)
        changed = self.ll.table_schema(pid, [{"name": "region", "role": "IGNORE"}])
        self.assertIn({"name": "region", "type": "CATEGORICAL", "role": "IGNORE"}, changed["columns"])

    def test_a_csv_with_its_label_column_imports_labeled_rows(self):
        rows = wines(30, seed=7)
        path = os.path.join(tempfile.mkdtemp(), "wines.csv")
        with open(path, "w", newline="") as f:
            out = csv.writer(f)
            out.writerow(["id", "alcohol", "region", "colour"])
            for i, r in enumerate(rows):
                out.writerow([f"c{i}", r["alcohol"], r["region"], r["colour"] if i < 12 else ""])
        pid = self.ll.create_project(server.unique("csv"), "TABULAR", interface())["id"]
        report = self.ll.import_file(pid, path, "csv", id_column="id", label_column="colour")
        self.assertEqual((report["imported"], report["errors"]), (30, []))
        labels = {l["externalId"]: l["jsonResponse"]["JOB_0"]["categories"][0]["name"] for l in self.ll.labels(pid, label_type="DEFAULT")}
        self.assertEqual(labels, {f"c{i}": rows[i]["colour"] for i in range(12)})
        self.assertEqual({c["name"]: c["role"] for c in self.ll.table_schema(pid)["columns"]}["colour"], "LABEL")

    @unittest.skipUnless(pd is not None, "pandas is not installed")
    def test_a_dataframe_is_the_table(self):
        rows = wines(60, seed=5)
        frame = pd.DataFrame(rows).drop(columns=["colour"])
        frame.insert(0, "external_id", [f"w{i:03d}" for i in range(len(rows))])
        self.assertTrue(math.isnan(frame.acidity[3]))
        pid = self.ll.create_project(server.unique("frame"), "TABULAR", interface())["id"]
        report = self.ll.append_many_to_dataset(pid, frame, disable_tqdm=True)
        self.assertEqual((report["imported"], report["errors"]), (60, []))
        self.check_typed_and_learned(pid, rows)
        back = self.ll.assets(pid, as_pandas=True).set_index("externalId")
        self.assertEqual(back.loc["w000", "alcohol"], frame.alcohol[0], "the rows come back as the table's columns")
        self.assertTrue(math.isnan(back.loc["w003", "acidity"]))
        self.assertNotIn("content", back.columns)


if __name__ == "__main__":
    unittest.main()
