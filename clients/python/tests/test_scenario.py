"""A notebook session: a DataFrame of texts in, labels, the server's model, its predictions back as a DataFrame."""

import json
import os
import tempfile
import unittest

from labelloop import Labelloop

from . import server

try:
    import pandas as pd
except ImportError:  # pandas is optional
    pd = None


@unittest.skipUnless(pd is not None, "pandas is not installed")
class NotebookScenarioTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ll = server.admin()
        rows = server.texts(200)
        cls.df = pd.DataFrame({"external_id": [f"t{i}" for i in range(len(rows))], "text": [t for t, _ in rows],
                               "truth": [c for _, c in rows], "source": "synthetic"})
        cls.pid = cls.ll.create_project(server.unique("notebook"), "TEXT", server.interface("SPORT", "FOOD"))["id"]

    def test_dataframe_in_labels_model_predictions_dataframe_out(self):
        ll, pid, df = self.ll, self.pid, self.df
        report = ll.append_many_to_dataset(pid, content_array=df[["external_id", "text", "source"]], disable_tqdm=True)
        self.assertEqual((report["imported"], report["duplicates"], report["errors"]), (200, 0, []))
        again = ll.append_many_to_dataset(pid, content_array=list(df.text[:6]) + ["a new one"],
                                          external_id_array=list(df.external_id[:6]) + ["t-new"], on_error="skip")
        self.assertEqual(again["imported"], 1, "a rerun imports nothing twice")
        self.assertEqual((again["duplicates"], again["errors"]), (6, []), "duplicates are counted, not errors")
        self.assertEqual(ll.update_properties_in_assets(pid, ["t-new", "t7"], priorities=[5, 2]), 2)
        self.assertEqual(ll.update_properties_in_assets(pid, ["t5", "t6"], is_honeypot=[True, False]), 2)
        with self.assertRaises(ValueError):
            ll.update_properties_in_assets(pid, ["t5", "t6"], is_honeypot=[True])

        assets = ll.assets(pid, as_pandas=True)
        self.assertEqual(len(assets), 201)
        by_id = assets.set_index("externalId")
        self.assertEqual(by_id.loc["t3", "metadata"], {"source": "synthetic"})
        self.assertEqual((by_id.loc["t-new", "priority"], by_id.loc["t7", "priority"]), (5, 2))
        self.assertEqual((by_id.loc["t5", "isHoneypot"], by_id.loc["t6", "isHoneypot"]), (True, False))

        settings = ll.learning_settings(pid, time_budget_seconds=3, retrain_every=10)
        self.assertEqual(settings["timeBudgetSeconds"], 3)
        first = df.iloc[:40].rename(columns={"truth": "JOB_0"})[["external_id", "JOB_0"]]
        stored = ll.append_labels(pid, first, disable_tqdm=True)
        self.assertEqual(len(stored), 40)
        self.assertTrue(all(l["labelType"] == "DEFAULT" for l in stored))

        model = ll.wait_for_model(pid, timeout=240)
        self.assertGreaterEqual(model["labelsUsed"], 40)
        predictions = ll.labels(pid, label_type="PREDICTION", as_pandas=True)
        self.assertIsInstance(predictions, pd.DataFrame)
        self.assertEqual(len(predictions), 161, "one prediction per asset without a human label")
        self.assertTrue((predictions.modelVersion == model["modelVersion"]).all())
        joined = predictions.merge(df, left_on="externalId", right_on="external_id")
        accuracy = (joined.JOB_0 == joined.truth).mean()
        self.assertGreater(accuracy, 0.9, f"predictions on two separable topics: accuracy {accuracy:.2f}")

        humans = ll.labels(pid, type_in=["DEFAULT"], as_pandas=True)
        self.assertEqual(sorted(humans.externalId), sorted(first.external_id))

        curve = ll.learning_curve(pid, as_pandas=True)
        self.assertGreaterEqual(len(curve), 1)
        self.assertIn("message", curve.attrs["stopping_hint"])
        self.assertEqual(len(ll.models(pid, as_pandas=True)), len(curve))

        nxt = ll.next_asset(pid)
        self.assertIsNotNone(nxt["prediction"], "the queue serves an asset with the model's answer")
        self.assertNotIn(nxt["externalId"], set(first.external_id))
        label, after = ll.answer_asset(pid, nxt["id"], {"JOB_0": {"categories": [{"name": "FOOD"}]}}, seconds_to_label=2.5)
        self.assertEqual((label["assetId"], label["labelType"]), (nxt["id"], "DEFAULT"))
        self.assertNotEqual(after["id"], nxt["id"], "the answer claims the next asset")
        self.assertIn("prediction", after)

        with tempfile.TemporaryDirectory() as d:
            path = ll.export(pid, "jsonl", os.path.join(d, "out.jsonl"))
            with open(path, encoding="utf-8") as f:
                exported = [json.loads(line) for line in f]
        self.assertEqual(len(exported), 201)
        self.assertEqual(sum(1 for a in exported if any(l["labelType"] == "DEFAULT" for l in a["labels"])), 41)

    def test_project_appears_in_the_callers_projects(self):
        projects = self.ll.projects(as_pandas=True)
        self.assertIn(self.pid, set(projects.id))
        self.assertEqual(self.ll.projects(self.pid)[0]["role"], "ADMIN")

    def test_instructions_for_the_labelers_are_set_and_removed(self):
        pid = self.ll.create_project(server.unique("guided"), "TEXT", server.interface("A", "B"),
                                     instructions="A: about animals.\n\nB: everything else.")["id"]
        self.assertEqual(self.ll.projects(pid)[0]["instructions"], "A: about animals.\n\nB: everything else.")
        changed = self.ll.update_properties_in_project(pid, instructions="See https://example.org/guide")
        self.assertEqual((changed["instructions"], changed["title"]), ("See https://example.org/guide", self.ll.projects(pid)[0]["title"]))
        self.assertEqual(self.ll.update_properties_in_project(pid, instructions="")["instructions"], "")


if __name__ == "__main__":
    unittest.main()
