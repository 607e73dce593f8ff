"""A model server written in Python (Label Studio's ML-backend protocol) feeds a project's predictions."""

import http.server
import json
import threading
import time
import unittest

from labelloop import NotFoundError

from . import server


class KeywordModel(http.server.BaseHTTPRequestHandler):
    """Calls a text SPORT when it mentions a match, else FOOD; confidence 0.8."""

    def do_GET(self):
        self._answer({"status": "UP", "model_class": "KeywordModel"})

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        if self.path.endswith("/setup"):
            self._answer({"model_version": "keywords-1"})
        elif self.path.endswith("/predict"):
            results = []
            for task in body["tasks"]:
                topic = "SPORT" if "match" in task["data"]["text"] else "FOOD"
                results.append({"result": [{"from_name": "JOB_0", "to_name": "text", "type": "choices",
                                            "value": {"choices": [topic]}}], "score": 0.8, "model_version": "keywords-1"})
            self._answer({"results": results})
        else:
            self._answer({}, 201)

    def _answer(self, body, status=200):
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, *args):
        pass


class ModelServerTest(unittest.TestCase):
    def setUp(self):
        self.ll = server.admin()
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), KeywordModel)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def tearDown(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def test_predictions_of_a_python_model_server_arrive_tagged_with_its_version(self):
        pid = self.ll.create_project(server.unique("model-server"), "TEXT", server.interface("SPORT", "FOOD"))["id"]
        self.ll.learning_settings(pid, min_labels=100000)  # only the model server predicts here
        self.ll.append_many_to_dataset(pid, content_array=["a great match", "simmer the sauce"], external_id_array=["m", "f"],
                                       disable_tqdm=True)
        state = self.ll.connect_model_server(pid, f"http://127.0.0.1:{self.httpd.server_address[1]}/", allow_private=True)
        self.assertIn(state["status"], ("PREDICTING", "READY"))  # READY once the background fetch is done
        self.assertEqual(state["modelVersion"], "keywords-1")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and self.ll.model_server(pid)["status"] != "READY":
            time.sleep(0.2)
        predictions = self.ll.labels(pid, label_type="PREDICTION", as_generator=False)
        got = {p["externalId"]: (p["jsonResponse"]["JOB_0"]["categories"][0]["name"], p["modelVersion"]) for p in predictions}
        self.assertEqual(got, {"m": ("SPORT", "keywords-1"), "f": ("FOOD", "keywords-1")})
        self.ll.disconnect_model_server(pid)
        with self.assertRaises(NotFoundError):
            self.ll.model_server(pid)


if __name__ == "__main__":
    unittest.main()
