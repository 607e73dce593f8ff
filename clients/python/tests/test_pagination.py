"""Lists follow nextCursor page by page; 10,000 assets come back whole, once each, without a page over the limit."""

import unittest

from . import server


class PaginationTest(unittest.TestCase):
    N = 10_000

    @classmethod
    def setUpClass(cls):
        cls.ll = server.admin()
        cls.pid = cls.ll.create_project(server.unique("pages"), "TEXT", server.interface("A", "B"))["id"]
        cls.ll.learning_settings(cls.pid, enabled=False)
        report = cls.ll.append_many_to_dataset(cls.pid, content_array=[f"text number {i}" for i in range(cls.N)],
                                               external_id_array=[f"p{i:05d}" for i in range(cls.N)], disable_tqdm=True)
        assert report["imported"] == cls.N, report

    def test_every_asset_once_across_pages(self):
        assets = self.ll.assets(self.pid, page_size=700)
        self.assertEqual(len(assets), self.N)
        self.assertEqual(len({a["externalId"] for a in assets}), self.N)
        self.assertEqual(self.ll.count_assets(self.pid), self.N)

    def test_generator_fetches_pages_only_as_it_is_read(self):
        calls = []
        http = self.ll._http
        original = http.json

        def counting(method, path, params=None, body=None):
            calls.append(params.get("cursor") if params else None)
            return original(method, path, params, body)

        http.json = counting
        try:
            it = self.ll.assets(self.pid, page_size=1000, as_generator=True)
            self.assertEqual(calls, [], "nothing fetched before the first item is read")
            head = [next(it) for _ in range(1500)]
            self.assertEqual(len(calls), 2, "1,500 items read: two pages fetched")
            self.assertEqual(len({a["id"] for a in head}), 1500)
        finally:
            http.json = original

    def test_first_stops_early(self):
        self.assertEqual(len(self.ll.assets(self.pid, first=2345, page_size=1000)), 2345)

    def test_labels_page_too(self):
        n = 2500
        ids = [f"p{i:05d}" for i in range(n)]
        self.ll.append_labels(self.pid, [{"JOB_0": {"categories": [{"name": "A" if i % 2 else "B"}]}} for i in range(n)],
                              ids, disable_tqdm=True)
        labels = self.ll.labels(self.pid, page_size=600)
        self.assertEqual(len(labels), n)
        self.assertEqual(sorted(l["externalId"] for l in labels), ids)


if __name__ == "__main__":
    unittest.main()
