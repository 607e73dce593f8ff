"""What a user gets when something is wrong: typed exceptions with the server's code, message and details."""

import unittest

from labelloop import (AuthenticationError, ConnectionFailedError, InvalidInputError, Labelloop, NotFoundError,
                       PermissionDeniedError)

from . import server


class ErrorCasesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ll = server.admin()
        cls.pid = cls.ll.create_project(server.unique("errors"), "TEXT", server.interface("A", "B"))["id"]
        cls.ll.append_many_to_dataset(cls.pid, content_array=["one", "two"], external_id_array=["e1", "e2"], disable_tqdm=True)
        email = server.unique("outsider") + "@example.org"
        user = cls.ll.create_user(email, "a long enough password", name="Outsider")
        cls.outsider_id = user["id"]
        key = cls.ll.create_api_key(user["id"], "tests")["key"]
        cls.outsider = Labelloop(cls.ll._http.base, api_key=key)

    def test_a_deactivated_users_key_is_refused_until_reactivated(self):
        email = server.unique("leaver") + "@example.org"
        user = self.ll.create_user(email, "a long enough password")
        leaver = Labelloop(self.ll._http.base, api_key=self.ll.create_api_key(user["id"], "tests")["key"])
        self.assertFalse(self.ll.update_properties_in_user(email, activated=False)["active"])
        with self.assertRaises(AuthenticationError) as e:
            leaver.projects()
        self.assertIn("deactivated", e.exception.message)
        self.assertTrue(self.ll.update_properties_in_user(email, activated=True)["active"])
        self.assertEqual([], leaver.projects())
        self.assertIn(email, [u["email"] for u in self.ll.users()])

    def test_bad_api_key_is_an_authentication_error(self):
        with self.assertRaises(AuthenticationError) as e:
            Labelloop(self.ll._http.base, api_key="ll_not_a_key").projects()
        self.assertEqual((e.exception.status, e.exception.code), (401, "UNAUTHENTICATED"))

    def test_a_project_of_others_is_not_found(self):
        with self.assertRaises(NotFoundError) as e:
            self.outsider.assets(self.pid)
        self.assertEqual(e.exception.code, "NOT_FOUND")
        with self.assertRaises(NotFoundError):
            self.outsider.append_labels(self.pid, [{"JOB_0": {"categories": [{"name": "A"}]}}], ["e1"])
        self.assertNotIn(self.pid, [p["id"] for p in self.outsider.projects()])

    def test_unknown_category_is_refused_with_its_name_and_nothing_is_stored(self):
        with self.assertRaises(InvalidInputError) as e:
            self.ll.append_labels(self.pid, [{"JOB_0": {"categories": [{"name": "A"}]}},
                                             {"JOB_0": {"categories": [{"name": "NOPE"}]}}], ["e1", "e2"])
        self.assertEqual(e.exception.code, "INVALID_INPUT")
        self.assertIn("NOPE", str(e.exception))
        self.assertEqual(self.ll.labels(self.pid), [], "the batch is all or nothing")

    def test_a_refused_batch_names_its_bad_rows_by_position_and_keeps_earlier_batches(self):
        pid = self.ll.create_project(server.unique("batches"), "TEXT", server.interface("A", "B"))["id"]
        with self.assertRaises(InvalidInputError) as e:
            self.ll.append_many_to_dataset(pid, content_array=["a", "b", "c", " "], external_id_array=["a", "b", "c", "d"],
                                           batch_size=2, disable_tqdm=True)
        self.assertIn("assets 2..3 were rejected", e.exception.message)
        self.assertEqual([d for d in e.exception.details if d.startswith("[3]")], ["[3] missing text (field 'content' or 'text')"])
        self.assertEqual(sorted(a["externalId"] for a in self.ll.assets(pid)), ["a", "b"], "the first batch went in")
        again = self.ll.append_many_to_dataset(pid, content_array=["a2", "b", "c"], external_id_array=["a", "b", "c"],
                                               on_duplicate="update", disable_tqdm=True)
        self.assertEqual((again["imported"], again["duplicates"], again["updated"]), (1, 2, 2))
        self.assertEqual(self.ll.assets(pid, external_id="a")[0]["content"], "a2")

    def test_unknown_asset_is_not_found(self):
        with self.assertRaises(NotFoundError) as e:
            self.ll.append_labels(self.pid, [{"JOB_0": {"categories": [{"name": "A"}]}}], ["no-such-asset"])
        self.assertIn("no-such-asset", e.exception.message)

    def test_labeler_cannot_push_predictions(self):
        self.ll.append_to_roles(self.pid, self.outsider_id, "LABELER")
        try:
            with self.assertRaises(PermissionDeniedError) as e:
                self.outsider.append_labels(self.pid, [{"JOB_0": {"categories": [{"name": "A"}]}}], ["e1"],
                                            label_type="PREDICTION", model_name="mine")
            self.assertEqual(e.exception.status, 403)
        finally:
            self.ll._http.json("DELETE", f"/projects/{self.pid}/members/{self.outsider_id}")

    def test_bad_setting_lists_the_problem(self):
        with self.assertRaises(InvalidInputError) as e:
            self.ll.learning_settings(self.pid, retrain_every=0)
        self.assertTrue(any("retrainEvery" in d for d in e.exception.details), e.exception.details)

    def test_unreachable_server_is_a_connection_error(self):
        with self.assertRaises(ConnectionFailedError) as e:
            Labelloop("http://127.0.0.1:9", api_key="k", timeout=2).projects()
        self.assertEqual(e.exception.status, 0)


if __name__ == "__main__":
    unittest.main()
