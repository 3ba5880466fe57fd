"""cors-preflight serves a tiny notes API behind a CORS layer that lets
exactly two origins read it and preflight it, with credentials.

It listens on 127.0.0.1 at $PORT and stops cleanly on SIGINT or SIGTERM.
Only the standard library is used.
"""

import json
import os
import signal
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_BODY = 1 << 16

# The origins whose pages may read the API's answers, with credentials.
ALLOWED_ORIGINS = ("http://localhost:5173", "https://app.example.com")
# The methods and request headers a preflight may ask for.
ALLOWED_METHODS = ("GET", "POST", "DELETE")
ALLOWED_HEADERS = ("content-type", "authorization")


class Notes:
    """The notes the API keeps, behind a lock."""

    def __init__(self):
        self.lock = threading.Lock()
        self.items = []
        self.next_id = 1


NOTES = Notes()


class Handler(BaseHTTPRequestHandler):
    """The notes API under /api/, behind the CORS layer."""

    def send_json(self, status, value):
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def not_implemented(self):
        """Answers 501 naming the exercise's milestone, which `waymark check`
        reads as "this is still to do"."""
        self.send_json(501, {"error": "not implemented", "milestone": "solve"})

    def cors(self):
        """Adds CORS permission for the trusted origins, and answers a
        preflight itself: True when the request is answered."""
        # waymark:begin solution solve
        origin = self.headers.get("Origin")
        trusted = origin in ALLOWED_ORIGINS
        method = self.headers.get("Access-Control-Request-Method")
        if self.command == "OPTIONS" and method:
            wanted = [h.strip().lower() for h in self.headers.get("Access-Control-Request-Headers", "").split(",")]
            ok = trusted and method in ALLOWED_METHODS and all(h in ALLOWED_HEADERS for h in wanted if h)
            self.send_response(204 if ok else 403)
            self.send_header("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers")
            if ok:
                self.send_header("Access-Control-Allow-Origin", origin)
                self.send_header("Access-Control-Allow-Credentials", "true")
                self.send_header("Access-Control-Allow-Methods", "GET, POST, DELETE")
                self.send_header("Access-Control-Allow-Headers", "Content-Type, Authorization")
                self.send_header("Access-Control-Max-Age", "600")
                self.end_headers()
            else:
                body = b"this cross-origin request is not allowed\n"
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            return True
        self.cors_headers = [("Vary", "Origin")]
        if trusted:
            self.cors_headers += [("Access-Control-Allow-Origin", origin), ("Access-Control-Allow-Credentials", "true")]
        return False
        # waymark:stub
        # self.not_implemented()
        # return True
        # waymark:end

    def end_headers(self):
        for name, value in getattr(self, "cors_headers", []):
            self.send_header(name, value)
        super().end_headers()

    def route(self):
        path = self.path.split("?", 1)[0]
        if path == "/healthz" and self.command == "GET":
            return self.send_json(200, {"status": "ok"})
        if not path.startswith("/api/"):
            return self.send_json(404, {"error": "not found"})
        self.cors_headers = []
        if self.cors():
            return None
        if path != "/api/notes":
            return self.send_json(404, {"error": "not found"})
        if self.command == "GET":
            with NOTES.lock:
                return self.send_json(200, list(NOTES.items))
        if self.command == "POST":
            length = int(self.headers.get("Content-Length") or 0)
            try:
                data = json.loads(self.rfile.read(min(length, MAX_BODY)) or b"null")
            except ValueError:
                data = None
            if not (isinstance(data, dict) and isinstance(data.get("text"), str) and data["text"]):
                return self.send_json(400, {"error": 'send {"text": "…"}'})
            with NOTES.lock:
                note = {"id": NOTES.next_id, "text": data["text"]}
                NOTES.next_id += 1
                NOTES.items.append(note)
            return self.send_json(201, note)
        if self.command == "DELETE":
            with NOTES.lock:
                NOTES.items = []
            self.send_response(204)
            self.end_headers()
            return None
        return self.send_json(405, {"error": "method not allowed"})

    do_GET = do_POST = do_DELETE = do_OPTIONS = do_PUT = route


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
