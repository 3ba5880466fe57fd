"""The endpoint tests of the items API: they must pass against the real API
and fail against each of its broken variants."""

import http.client
import json
import threading
import unittest

from app import make_server


class ItemsTest(unittest.TestCase):
    def test_items(self):
        # waymark:begin solution solve
        server = make_server(0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        port = server.server_address[1]

        def send(method, path, body=None):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            self.addCleanup(conn.close)
            conn.request(method, path, body=body, headers={"Content-Type": "application/json"})
            res = conn.getresponse()
            return res, res.read().decode()

        def assert_json(res):
            self.assertTrue(res.getheader("Content-Type", "").startswith("application/json"))

        res, text = send("POST", "/items", '{"name": "lamp"}')
        self.assertEqual(res.status, 201)
        assert_json(res)
        created = json.loads(text)
        self.assertEqual(created["name"], "lamp")
        loc = res.getheader("Location")
        self.assertEqual(loc, f"/items/{created['id']}")

        res, text = send("GET", loc)
        self.assertEqual(res.status, 200)
        assert_json(res)
        self.assertEqual(json.loads(text), created)

        self.assertEqual(send("POST", "/items", '{"name": ')[0].status, 400)
        self.assertEqual(send("POST", "/items", '{"name": ""}')[0].status, 422)
        self.assertEqual(send("POST", "/items", "{}")[0].status, 422)
        res, _ = send("GET", "/items/999999")
        self.assertEqual(res.status, 404)
        assert_json(res)

        res, text = send("DELETE", loc)
        self.assertEqual(res.status, 204)
        self.assertEqual(text, "")
        self.assertEqual(send("GET", loc)[0].status, 404)
        self.assertEqual(send("DELETE", loc)[0].status, 404)
        # waymark:end


if __name__ == "__main__":
    unittest.main()
