"""A webhook receiver written in Python gets signed events it can verify with labelloop.verify_signature."""

import http.server
import json
import threading
import time
import unittest

from labelloop import InvalidInputError, verify_signature

from . import server


class SignatureTest(unittest.TestCase):
    BODY = b'{"event":"LABEL_CREATED"}'
    # printf '1700000000.{"event":"LABEL_CREATED"}' | openssl dgst -sha256 -hmac s3cret
    HEADER = "t=1700000000,v1=12ab0aedca12baf6c230e9219ac37f1c5e82d809bc6e6feeda8828d6fc7cd060"

    def test_accepts_the_reference_signature(self):
        self.assertTrue(verify_signature("s3cret", self.HEADER, self.BODY, tolerance=None))
        self.assertTrue(verify_signature("s3cret", self.HEADER, self.BODY, now=1700000100))

    def test_refuses_other_secret_body_old_or_missing_signatures(self):
        self.assertFalse(verify_signature("other", self.HEADER, self.BODY, tolerance=None))
        self.assertFalse(verify_signature("s3cret", self.HEADER, b"{}", tolerance=None))
        self.assertFalse(verify_signature("s3cret", self.HEADER, self.BODY, now=1700000000 + 301))
        self.assertFalse(verify_signature("s3cret", None, self.BODY))
        self.assertFalse(verify_signature("s3cret", "v1=abc", self.BODY))


class Receiver(http.server.BaseHTTPRequestHandler):
    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        Receiver.received.append((dict(self.headers), body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


class WebhookDeliveryTest(unittest.TestCase):
    def setUp(self):
        self.ll = server.admin()
        self.httpd = http.server.HTTPServer(("127.0.0.1", 0), Receiver)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"
        Receiver.received = []

    def tearDown(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def test_label_created_arrives_signed_and_logged(self):
        pid = self.ll.create_project(server.unique("hooks"), "TEXT", server.interface("A", "B"))["id"]
        self.ll.learning_settings(pid, enabled=False)
        hook = self.ll.create_webhook(pid, self.url, ["LABEL_CREATED"], allow_private=True)
        self.assertTrue(hook["secret"].startswith("whsec_"), "a generated secret, shown once")
        self.assertNotIn("secret", self.ll.webhooks(pid)[0])
        self.ll.append_many_to_dataset(pid, content_array=["hello"], external_id_array=["h1"], disable_tqdm=True)
        self.ll.append_labels(pid, [{"JOB_0": {"categories": [{"name": "A"}]}}], ["h1"])
        deadline = time.monotonic() + 5
        while not Receiver.received and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertEqual(len(Receiver.received), 1, "delivered within 5 s")
        headers, body = Receiver.received[0]
        self.assertTrue(verify_signature(hook["secret"], headers["X-Labelloop-Signature"], body))
        event = json.loads(body)
        self.assertEqual((event["event"], event["data"]["externalId"]), ("LABEL_CREATED", "h1"))
        time.sleep(0.3)  # the outcome is recorded right after the answer
        log = self.ll.webhook_deliveries(hook["id"], as_pandas=False)
        self.assertEqual([(d["event"], d["status"], d["eventId"]) for d in log], [("LABEL_CREATED", "DELIVERED", event["id"])])
        self.ll.delete_webhook(hook["id"])
        self.assertEqual(self.ll.webhooks(pid), [])

    def test_loopback_target_is_refused_without_allow_private(self):
        pid = self.ll.create_project(server.unique("hooks"), "TEXT", server.interface("A", "B"))["id"]
        with self.assertRaises(InvalidInputError) as e:
            self.ll.create_webhook(pid, self.url, ["LABEL_CREATED"])
        self.assertIn("allowPrivate", e.exception.message)


if __name__ == "__main__":
    unittest.main()
