"""secure-headers serves a small site whose every answer carries the
headers that switch on the browser's protections, with a nonce-based
Content-Security-Policy on its page.

It listens on 127.0.0.1 at $PORT and stops cleanly on SIGINT or SIGTERM.
Only the standard library is used.
"""

import base64
import json
import os
import secrets
import signal
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}


class Handler(BaseHTTPRequestHandler):
    """The page, the JSON API and the 404s, all with security headers."""

    def send_response(self, code, message=None):
        """Starts every answer, so it is where the common headers go."""
        # waymark:begin solution solve
        # BaseHTTPRequestHandler.send_response would add a Server header
        # naming Python and its version: start the answer without it.
        self.log_request(code)
        self.send_response_only(code, message)
        self.send_header("Date", self.date_time_string())
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Referrer-Policy", "strict-origin-when-cross-origin")
        self.send_header("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
        self.send_header("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        # waymark:stub
        # super().send_response(code, message)
        # waymark:end

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

    def home(self, query):
        """The greeting page, its one script allowed by a nonce that is new
        for every answer."""
        # waymark:begin solution solve
        name = parse_qs(query).get("name", ["world"])[0] or "world"
        escaped = "".join(ESCAPES.get(c, c) for c in name)
        nonce = base64.b64encode(secrets.token_bytes(16)).decode()
        body = (
            "<!doctype html>\n<title>Hello</title>\n"
            f"<h1>Hello, {escaped}!</h1>\n"
            f'<script nonce="{nonce}">document.title += " (script ran)";</script>\n'
        ).encode()
        self.send_response(200)
        self.send_header(
            "Content-Security-Policy",
            f"default-src 'self'; script-src 'nonce-{nonce}'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
        )
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        # waymark:stub
        # self.not_implemented()
        # waymark:end

    def hello(self):
        """GET /api/hello."""
        # waymark:begin solution solve
        self.send_json(200, {"hello": "world"})
        # waymark:stub
        # self.not_implemented()
        # waymark:end

    def do_GET(self):
        url = urlsplit(self.path)
        if url.path == "/healthz":
            return self.send_json(200, {"status": "ok"})
        if url.path == "/":
            return self.home(url.query)
        if url.path == "/api/hello":
            return self.hello()
        return self.send_json(404, {"error": "not found"})


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
