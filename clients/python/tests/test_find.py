"""A team lead finds assets by their text, by the category their answer names and by who labeled them."""

import os
import tempfile
import unittest

from labelloop import ConflictError, InvalidInputError, Labelloop, NotFoundError

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


class SimilarAssetsTest(unittest.TestCase):
    """The rows most like one; this test server computes no vectors, so a text or words answer with a ConflictError."""

    def test_the_rows_most_like_one_come_first_and_a_text_without_a_vector_says_why(self):
        ll = server.admin()
        pid = ll.create_project(server.unique("similar"), "TABULAR", server.interface("RED", "WHITE"))["id"]
        rows = [{"acidity": 0.1 + i / 1000 if i % 2 == 0 else 0.8 + i / 1000, "region": "Douro" if i % 2 == 0 else "Mosel"}
                for i in range(12)]
        ll.append_many_to_dataset(pid, rows, [f"w{i}" for i in range(12)], disable_tqdm=True)
        near = ll.similar_assets(pid, external_id="w0", first=5)
        self.assertEqual([a["externalId"] for a in near], ["w2", "w4", "w6", "w8", "w10"])
        self.assertTrue(all(a["similarity"] > 0.9 for a in near), near)
        ll.update_properties_in_assets(pid, ["w2"], status="TO_REVIEW")
        self.assertNotIn("w2", [a["externalId"] for a in ll.similar_assets(pid, near[1]["id"], status="TODO")])
        with self.assertRaises(NotFoundError):
            ll.similar_assets(pid, external_id="nope")

        texts = ll.create_project(server.unique("similar texts"), "TEXT", server.interface("A", "B"))["id"]
        ll.append_many_to_dataset(texts, ["one text", "another"], ["t1", "t2"], disable_tqdm=True)
        with self.assertRaises(ConflictError) as e:
            ll.similar_assets(texts, external_id="t1")
        self.assertIn("no vector", e.exception.message)
        with self.assertRaises(ConflictError) as e:
            ll.similar_assets(texts, text="a number")
        self.assertIn("still being embedded", e.exception.message)



if __name__ == "__main__":
    unittest.main()
