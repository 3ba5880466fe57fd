"""graceful-shutdown serves a health check and a slow endpoint, and on
SIGTERM or SIGINT stops accepting connections, finishes the requests in
flight and exits with status 0.

It listens on 127.0.0.1 at $PORT. Only the standard library is used.
"""

import json
import os
import signal
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class Handler(BaseHTTPRequestHandler):
    """GET /healthz and GET /work?ms=N."""

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

    def do_GET(self):
        url = urlsplit(self.path)
        if url.path == "/healthz":
            return self.send_json(200, {"status": "ok"})
        if url.path == "/work":
            return self.work(parse_qs(url.query).get("ms", [""])[0])
        return self.send_json(404, {"error": "not found"})

    def work(self, raw):
        """Sleeps ms milliseconds, standing in for real work that takes a
        while: a slow query, a call to another service."""
        # waymark:begin solution solve
        if not raw.isdigit() or int(raw) > 10000:
            return self.send_json(400, {"error": "ms must be a whole number from 0 to 10000"})
        time.sleep(int(raw) / 1000)
        return self.send_json(200, {"slept_ms": int(raw)})
        # waymark:stub
        # return self.not_implemented()
        # waymark:end


def main():
    port = int(os.environ.get("PORT") or 8080)
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    # waymark:begin solution solve
    # Request threads must not be daemons: server_close() then waits for
    # them, instead of the process ending in the middle of their answers.
    server.daemon_threads = False
    server.block_on_close = True

    def stop(signum, _frame):
        print(f"{signal.Signals(signum).name}: shutting down, finishing the requests in flight", flush=True)
        # shutdown() waits for serve_forever to return, which runs in this
        # very thread: call it from another one.
        threading.Thread(target=server.shutdown).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    # waymark:stub
    # pass  # TODO: catch SIGTERM and SIGINT, then shut down gracefully
    # waymark:end
    print(f"listening on http://127.0.0.1:{port}", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    print("stopped", flush=True)


if __name__ == "__main__":
    main()
