"""rate-limit serves GET /api/data at most five times per API key in a
60-second window, with the IETF RateLimit fields.

It listens on 127.0.0.1 at $PORT and stops cleanly on SIGINT or SIGTERM.
Only the standard library is used.
"""

import json
import math
import os
import signal
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The quota: requests per window, per API key.
QUOTA = 5
PERIOD = 60.0
# How many windows are kept before the ones that are over are swept.
MAX_KEYS = 10000


class Limiter:
    """Every key's current window, [start, used], behind one lock."""

    def __init__(self):
        self.lock = threading.Lock()
        self.windows = {}

    def take(self, key):
        """Counts one request of key, in one step under the lock: whether it
        is allowed, how many are left in the window, and the seconds
        (rounded up, at least 1) until the window ends."""
        # waymark:begin solution solve
        with self.lock:
            now = time.monotonic()
            if len(self.windows) >= MAX_KEYS:
                self.windows = {k: w for k, w in self.windows.items() if now - w[0] < PERIOD}
            win = self.windows.get(key)
            if win is None or now - win[0] >= PERIOD:
                win = self.windows[key] = [now, 0]
            allowed = win[1] < QUOTA
            if allowed:
                win[1] += 1
            reset = max(1, math.ceil(win[0] + PERIOD - now))
            return allowed, QUOTA - win[1], reset
        # waymark:end


LIMITER = Limiter()


class Handler(BaseHTTPRequestHandler):
    """GET /api/data, limited per API key."""

    def send_json(self, status, value, headers=None):
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, val in (headers or {}).items():
            self.send_header(name, val)
        self.end_headers()
        self.wfile.write(body)

    def not_implemented(self):
        """Answers 501 naming the exercise's milestone, which `waymark check`
        reads as "this is still to do"."""
        self.send_json(501, {"error": "not implemented", "milestone": "solve"})

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == "/healthz":
            return self.send_json(200, {"status": "ok"})
        if path != "/api/data":
            return self.send_json(404, {"error": "not found"})
        key = self.headers.get("X-Api-Key")
        if not key:
            return self.send_json(401, {"error": "send your API key in X-Api-Key"})
        # waymark:begin solution solve
        allowed, left, reset = LIMITER.take(key)
        headers = {"RateLimit-Policy": f'"default";q={QUOTA};w={int(PERIOD)}', "RateLimit": f'"default";r={left};t={reset}'}
        if not allowed:
            headers["Retry-After"] = str(reset)
            return self.send_json(429, {"error": "this key has used its requests for this minute: retry later"}, headers)
        return self.send_json(200, {"data": "the answer is 42"}, headers)
        # waymark:stub
        # return self.not_implemented()
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
