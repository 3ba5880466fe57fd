"""json-logs serves GET /hello and GET /healthz and logs every request as
one JSON object a line on standard output, with a request id.

It listens on 127.0.0.1 at $PORT and stops cleanly on SIGINT or SIGTERM.
Only the standard library is used.
"""

import json
import os
import re
import secrets
import signal
import sys
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

# A request id taken from a client as it is.
SANE_ID = re.compile(r"[A-Za-z0-9-]{1,64}")
LOCK = threading.Lock()


def log(level, msg, **fields):
    """Writes one JSON object as one line on standard output."""
    line = json.dumps({"time": datetime.now(timezone.utc).isoformat(), "level": level, "msg": msg, **fields})
    with LOCK:  # one line at a time, whole, from every thread
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


class Handler(BaseHTTPRequestHandler):
    """GET /hello and GET /healthz, each request logged."""

    def send_json(self, status, value):
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Request-Id", self.request_id)
        self.end_headers()
        self.wfile.write(body)
        self.status = status

    def route(self, url):
        if url.path == "/healthz":
            return self.send_json(200, {"status": "ok"})
        if url.path == "/hello":
            return self.send_json(200, {"hello": parse_qs(url.query).get("name", [""])[0]})
        return self.send_json(404, {"error": "not found"})

    def do_GET(self):
        url = urlsplit(self.path)
        self.request_id, self.status = "-", 500
        # waymark:begin solution solve
        start = time.perf_counter()
        given = self.headers.get("X-Request-Id", "")
        self.request_id = given if SANE_ID.fullmatch(given) else secrets.token_hex(16)
        try:
            self.route(url)
        finally:
            # Only chosen fields: never the headers (credentials) nor the query.
            log("info", "request", method=self.command, path=url.path, status=self.status,
                duration_ms=round((time.perf_counter() - start) * 1000, 3), request_id=self.request_id)
        # waymark:stub
        # if url.path != "/healthz":
        #     return self.send_json(501, {"error": "not implemented", "milestone": "solve"})
        # self.route(url)
        # waymark:end

    # waymark:begin solution solve
    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        """The base class prints a text line per request on stderr: the
        JSON line above replaces it."""
    # waymark:stub
    # pass
    # waymark:end


def main():
    port = int(os.environ.get("PORT") or 8080)
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    log("info", "listening", addr=f"127.0.0.1:{port}")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
