"""status-codes: a tiny in-memory item store whose every answer carries the
status code and headers HTTP defines for it.

It listens on 127.0.0.1 at $PORT and stops cleanly on SIGINT or SIGTERM.
Only the standard library is used.
"""

import json
import os
import re
import signal
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_BODY = 1 << 16
ITEM_PATH = re.compile(r"^/items/([^/]+)$")


class Store:
    """The items, in memory; handlers run in threads, so access is locked."""

    def __init__(self):
        self.lock = threading.Lock()
        self.items = {}
        self.next_id = 1


STORE = Store()


class Handler(BaseHTTPRequestHandler):
    """Answers every request with the status and headers HTTP defines."""

    def send_json(self, status, value, headers=None):
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, val in (headers or {}).items():
            self.send_header(name, val)
        self.end_headers()
        self.wfile.write(body)

    def send_error_json(self, status, message, headers=None):
        self.send_json(status, {"error": message}, headers)

    def not_implemented(self):
        """Answers 501 naming the exercise's milestone, which `waymark check`
        reads as "this is still to do"."""
        self.send_json(501, {"error": "not implemented", "milestone": "solve"})

    def do_GET(self):
        if self.path == "/healthz":
            return self.send_json(200, {"status": "ok"})
        self.route()

    def do_POST(self):
        self.route()

    def do_PUT(self):
        self.route()

    def do_PATCH(self):
        self.route()

    def do_DELETE(self):
        self.route()

    def route(self):
        path = self.path.split("?", 1)[0]
        # waymark:begin solution solve
        if path == "/items":
            if self.command != "POST":
                return self.send_error_json(405, "use POST", {"Allow": "POST"})
            return self.create()
        match = ITEM_PATH.match(path)
        if match:
            if self.command not in ("GET", "DELETE"):
                return self.send_error_json(405, "use GET or DELETE", {"Allow": "GET, DELETE"})
            return self.item(match.group(1))
        # waymark:stub
        # if path == "/items" or path.startswith("/items/"):
        #     return self.not_implemented()
        # waymark:end
        self.send_error_json(404, "not found")

    def create(self):
        """POST /items: 201 with the item and its Location, or 415, 400 or 422."""
        # waymark:begin solution solve
        media_type = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if media_type != "application/json":
            return self.send_error_json(415, "send the item as JSON (Content-Type: application/json)")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self.send_error_json(413, "the body is too large")
        try:
            data = json.loads(self.rfile.read(length) or b"null")
        except ValueError:
            return self.send_error_json(400, "the body is not valid JSON")
        name = data.get("name") if isinstance(data, dict) else None
        if not isinstance(name, str) or not name.strip():
            return self.send_error_json(422, "name is required")
        with STORE.lock:
            item = {"id": STORE.next_id, "name": name}
            STORE.items[item["id"]] = item
            STORE.next_id += 1
        self.send_json(201, item, {"Location": f"/items/{item['id']}"})
        # waymark:stub
        # self.not_implemented()
        # waymark:end

    def item(self, raw_id):
        """GET and DELETE /items/<id>: the item, 204, or 404."""
        # waymark:begin solution solve
        item_id = int(raw_id) if raw_id.isdigit() else None
        with STORE.lock:
            item = STORE.items.get(item_id)
            if item is not None and self.command == "DELETE":
                del STORE.items[item_id]
        if item is None:
            return self.send_error_json(404, "no such item")
        if self.command == "GET":
            return self.send_json(200, item)
        self.send_response(204)
        self.end_headers()
        # waymark:stub
        # self.not_implemented()
        # waymark:end


def main():
    port = int(os.environ.get("PORT") or 8080)
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    print(f"listening on http://127.0.0.1:{port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
