"""A team lead finds assets by their text, by the category their answer names and by who labeled them."""

import os
import tempfile
import unittest

from labelloop import InvalidInputError, Labelloop

from . import server


class FindAssetsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ll = server.admin()
        cls.pid = cls.ll.create_project(server.unique("find"), "TEXT", server.interface("SPORT", "FOOD"))["id"]
        cls.ll.append_many_to_dataset(cls.pid, content_array=["Cup final tonight", "a cup of flour", "Roast onions", "league cup draw"],
                                      external_id_array=["f1", "f2", "f3", "f4"], disable_tqdm=True)
        user = cls.ll.create_user(server.unique("labeler") + "@example.org", "a long enough password")
        cls.ll.append_to_roles(cls.pid, user["id"], "LABELER")
        cls.labeler_id = user["id"]
        labeler = Labelloop(cls.ll._http.base, api_key=cls.ll.create_api_key(user["id"], "tests")["key"])
        labeler.append_labels(cls.pid, [{"JOB_0": {"categories": [{"name": "SPORT"}]}}], asset_external_id_array=["f1"])
        cls.ll.append_labels(cls.pid, [{"JOB_0": {"categories": [{"name": "FOOD"}]}}] * 2, asset_external_id_array=["f2", "f4"])
        # a reviewer's correction is the answer that counts
        cls.ll.append_labels(cls.pid, [{"JOB_0": {"categories": [{"name": "SPORT"}]}}], asset_external_id_array=["f4"],
                             label_type="REVIEW")

    def ids(self, **filters):
        return [a["externalId"] for a in self.ll.assets(self.pid, **filters)]

    def test_by_text_ignoring_case(self):
        self.assertEqual(self.ids(search="CUP"), ["f1", "f2", "f4"])

    def test_by_the_category_of_the_answer_that_counts(self):
        self.assertEqual(self.ids(category="SPORT"), ["f1", "f4"])
        self.assertEqual(self.ids(category="FOOD", search="cup"), ["f2"])

    def test_by_labeler(self):
        self.assertEqual(self.ids(labeled_by=self.labeler_id), ["f1"])

    def test_an_export_filters_the_same_way(self):
        with tempfile.TemporaryDirectory() as d:
            path = self.ll.export(self.pid, "jsonl", os.path.join(d, "sport.jsonl"), category="SPORT")
            with open(path, encoding="utf-8") as f:
                self.assertEqual(sum(1 for _ in f), 2)

    def test_an_unknown_category_names_the_known_ones(self):
        with self.assertRaises(InvalidInputError) as e:
            self.ll.assets(self.pid, category="sport")
        self.assertIn("its categories: FOOD, SPORT", e.exception.message)


if __name__ == "__main__":
    unittest.main()
