"""middleware-chain wraps its handlers in two middlewares: one gives every
request an id, one turns a crash into a clean 500 that names it.

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
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

GOOD_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def app(req):
    """The application's handler; req is the request handler, with
    send_json, headers, path and request_id."""
    path = req.path.split("?", 1)[0]
    if path == "/hello":
        return req.send_json(200, {"hello": "world"})
    if path == "/boom":
        raise RuntimeError("connecting to postgres://admin:hunter2@db.internal/app failed")
    return req.send_json(404, {"error": "not found"})


def with_request_id(handler):
    """Gives every request an id (req.request_id): the incoming X-Request-Id
    when it is safe, a new random one otherwise; every answer carries it."""

    def wrapped(req):
        # waymark:begin solution solve
        incoming = req.headers.get("X-Request-Id", "")
        req.request_id = incoming if GOOD_ID.fullmatch(incoming) else secrets.token_hex(16)
        req.extra_headers.append(("X-Request-Id", req.request_id))
        return handler(req)
        # waymark:stub
        # return req.not_implemented()
        # waymark:end

    return wrapped


def with_recovery(handler):
    """Turns an exception raised by handler into a logged error and a clean
    500 that names the request."""

    def wrapped(req):
        # waymark:begin solution solve
        try:
            return handler(req)
        except Exception:
            print(f"request {req.request_id}: {traceback.format_exc()}", file=sys.stderr, flush=True)
            return req.send_json(500, {"error": "internal server error", "request_id": req.request_id})
        # waymark:stub
        # return handler(req)
        # waymark:end

    return wrapped


def chain(handler):
    """Wraps the application's handler in its middlewares. The first wraps
    all the others, so it runs first and finishes last."""
    # waymark:begin solution solve
    return with_request_id(with_recovery(handler))
    # waymark:stub
    # return with_request_id(handler)
    # waymark:end


WRAPPED = chain(app)


class Handler(BaseHTTPRequestHandler):
    """Every GET goes through the middlewares, the health check aside."""

    def send_json(self, status, value):
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self):
        for name, value in self.extra_headers:
            self.send_header(name, value)
        super().end_headers()

    def not_implemented(self):
        """Answers 501 naming the exercise's milestone, which `waymark check`
        reads as "this is still to do"."""
        self.send_json(501, {"error": "not implemented", "milestone": "solve"})

    def do_GET(self):
        self.extra_headers = []
        self.request_id = ""
        if self.path == "/healthz":
            return self.send_json(200, {"status": "ok"})
        return WRAPPED(self)


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
