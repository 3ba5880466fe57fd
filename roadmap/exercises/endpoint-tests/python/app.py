"""app is a small items API, and the broken versions of it that endpoint
tests must catch.

make_server(port) returns a server with an empty store, not yet serving;
when API_VARIANT names a variant, it is that broken version instead.
"""

import json
import os
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from variants import bugs_of


def make_server(port):
    """A server on 127.0.0.1:port (0: any free port) with an empty store."""
    b = bugs_of(os.environ.get("API_VARIANT", ""))
    lock = threading.Lock()
    items = {}
    counter = [1]

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass  # keep test output quiet

        def send_json(self, status, value, headers=None):
            body = json.dumps(value).encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8" if "text_plain" in b else "application/json")
            self.send_header("Content-Length", str(len(body)))
            for name, val in (headers or {}).items():
                self.send_header(name, val)
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            if self.path != "/items":
                return self.send_json(404, {"error": "not found"})
            length = int(self.headers.get("Content-Length") or 0)
            try:
                data = json.loads(self.rfile.read(length))
            except ValueError:
                return self.send_json(500 if "bad_json_500" in b else 400, {"error": "the body is not JSON"})
            name = data.get("name") if isinstance(data, dict) else None
            if not isinstance(name, str) or (name == "" and "empty_name_ok" not in b):
                return self.send_json(422, {"error": "name is required"})
            with lock:
                item = {"id": counter[0], "name": name}
                items[item["id"]] = item
                counter[0] += 1
            headers = {} if "no_location" in b else {"Location": f"/items/{item['id']}"}
            return self.send_json(200 if "created_200" in b else 201, item, headers)

        def do_GET(self):
            return self.item()

        def do_DELETE(self):
            return self.item()

        def item(self):
            m = re.fullmatch(r"/items/([0-9]+)", self.path)
            with lock:
                item = items.get(int(m[1])) if m else None
                if item is not None and self.command == "DELETE" and "delete_keeps" not in b:
                    del items[item["id"]]
            if item is None:
                return self.send_json(404, {"error": "there is no such item"})
            if self.command == "GET":
                return self.send_json(200, item)
            if "delete_body" in b:
                return self.send_json(200, {"deleted": True})
            self.send_response(204)
            self.end_headers()
            return None

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    return server
