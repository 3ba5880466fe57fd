"""etag serves one JSON article with an ETag, answering conditional
requests: 304 for a client that has the current version (If-None-Match) and
412 or 428 for a change that could overwrite another (If-Match).

It listens on 127.0.0.1 at $PORT and stops cleanly on SIGINT or SIGTERM.
Only the standard library is used.
"""

import hashlib
import json
import os
import signal
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_BODY = 1 << 16


class Document:
    """The article, and the lock that keeps a read-compare-write of it whole:
    two PUTs with the same If-Match must not both succeed."""

    def __init__(self):
        self.lock = threading.Lock()
        self.current = {"title": "Hello", "body": "The first article."}


DOC = Document()


def etag_of(article):
    """Names one version of the article: a strong tag, quoted, that changes
    exactly when its JSON does."""
    # waymark:begin solution solve
    data = json.dumps(article, sort_keys=True).encode()
    return '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
    # waymark:stub
    # raise NotImplementedError("TODO(solve): not implemented yet")
    # waymark:end


def matches(header, tag, weak):
    """Whether the header's list of tags (or "*") names tag. Weak comparison
    (If-None-Match) ignores a W/ prefix; strong comparison (If-Match) never
    matches a weak tag."""
    # waymark:begin solution solve
    for raw in header.split(","):
        t = raw.strip()
        if t == "*":
            return True
        if t.startswith("W/"):
            if not weak:
                continue
            t = t[2:]
        if t == tag:
            return True
    return False
    # waymark:stub
    # raise NotImplementedError("TODO(solve): not implemented yet")
    # waymark:end


class Handler(BaseHTTPRequestHandler):
    """GET and PUT /article, with conditional requests."""

    def send_json(self, status, value, headers=None):
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, val in (headers or {}).items():
            self.send_header(name, val)
        self.end_headers()
        self.wfile.write(body)

    def send_error_json(self, status, message):
        self.send_json(status, {"error": message})

    def not_implemented(self):
        """Answers 501 naming the exercise's milestone, which `waymark check`
        reads as "this is still to do"."""
        self.send_json(501, {"error": "not implemented", "milestone": "solve"})

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == "/healthz":
            return self.send_json(200, {"status": "ok"})
        if path != "/article":
            return self.send_error_json(404, "not found")
        # waymark:begin solution solve
        with DOC.lock:
            article = dict(DOC.current)
        tag = etag_of(article)
        inm = self.headers.get("If-None-Match")
        if inm and matches(inm, tag, True):
            self.send_response(304)
            self.send_header("ETag", tag)
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            return None
        self.send_json(200, article, {"ETag": tag, "Cache-Control": "no-cache"})
        # waymark:stub
        # self.not_implemented()
        # waymark:end
        return None

    def do_PUT(self):
        if self.path.split("?", 1)[0] != "/article":
            return self.send_error_json(404, "not found")
        # waymark:begin solution solve
        im = self.headers.get("If-Match")
        if not im:
            return self.send_error_json(428, "send If-Match with the ETag of the version you are changing")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self.send_error_json(413, "the body is too large")
        try:
            data = json.loads(self.rfile.read(length) or b"null")
        except ValueError:
            data = None
        with DOC.lock:
            if not matches(im, etag_of(DOC.current), False):
                return self.send_error_json(412, "the article changed since you read it: GET it again")
            if not (isinstance(data, dict) and isinstance(data.get("title"), str) and isinstance(data.get("body"), str)):
                return self.send_error_json(400, "send the article as JSON with a string title and body")
            DOC.current = {"title": data["title"], "body": data["body"]}
            article = dict(DOC.current)
        self.send_json(200, article, {"ETag": etag_of(article)})
        # waymark:stub
        # self.not_implemented()
        # waymark:end
        return None


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
