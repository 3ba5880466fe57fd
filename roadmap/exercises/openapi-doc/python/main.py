"""openapi-doc serves a small notes API and its OpenAPI document, the file
openapi.json of the folder it runs in.

It listens on 127.0.0.1 at $PORT and stops cleanly on SIGINT or SIGTERM.
Only the standard library is used.
"""

import json
import os
import re
import signal
import threading
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_BODY = 1 << 16


class Notes:
    """The notes, by id, behind a lock."""

    def __init__(self):
        self.lock = threading.Lock()
        self.by_id = {}
        self.next_id = 1


NOTES = Notes()


class Handler(BaseHTTPRequestHandler):
    """The notes API and GET /openapi.json."""

    def send_json(self, status, value, headers=None):
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, val in (headers or {}).items():
            self.send_header(name, val)
        self.end_headers()
        self.wfile.write(body)

    def serve_document(self):
        """The file openapi.json, read on every request so that an edit
        shows at once; 501 until the file exists."""
        try:
            with open("openapi.json", "rb") as f:
                data = f.read()
        except FileNotFoundError:
            return self.send_json(501, {"error": "not implemented", "milestone": "solve"})
        try:
            json.loads(data)
        except ValueError:
            return self.send_json(500, {"error": "openapi.json is not valid JSON"})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        return None

    def route(self):
        path = self.path.split("?", 1)[0]
        if path == "/healthz" and self.command == "GET":
            return self.send_json(200, {"status": "ok"})
        if path == "/openapi.json" and self.command == "GET":
            return self.serve_document()
        if path == "/notes" and self.command == "GET":
            with NOTES.lock:
                return self.send_json(200, list(NOTES.by_id.values()))
        if path == "/notes" and self.command == "POST":
            return self.create()
        m = re.fullmatch(r"/notes/([0-9]+)", path)
        if m and self.command in ("GET", "DELETE"):
            with NOTES.lock:
                note = NOTES.by_id.get(int(m[1]))
                if note is not None and self.command == "DELETE":
                    del NOTES.by_id[note["id"]]
            if note is None:
                return self.send_json(404, {"error": "there is no such note"})
            if self.command == "GET":
                return self.send_json(200, note)
            self.send_response(204)
            self.end_headers()
            return None
        return self.send_json(404, {"error": "not found"})

    def create(self):
        length = int(self.headers.get("Content-Length") or 0)
        try:
            data = json.loads(self.rfile.read(min(length, MAX_BODY)))
        except ValueError:
            return self.send_json(400, {"error": "the body is not JSON"})
        text = data.get("text") if isinstance(data, dict) else None
        if not isinstance(text, str) or not 1 <= len(text) <= 500:
            return self.send_json(422, {"error": "text must be 1 to 500 characters"})
        with NOTES.lock:
            created = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            note = {"id": NOTES.next_id, "text": text, "created_at": created}
            NOTES.by_id[note["id"]] = note
            NOTES.next_id += 1
        return self.send_json(201, note, {"Location": f"/notes/{note['id']}"})

    do_GET = do_POST = do_DELETE = route


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
