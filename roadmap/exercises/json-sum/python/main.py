"""json-sum answers POST /api/sum: it reads a size-limited JSON body holding
a list of numbers and answers their sum as JSON.

It listens on 127.0.0.1 at $PORT and stops cleanly on SIGINT or SIGTERM.
Only the standard library is used.
"""

import json
import os
import signal
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The largest request body read.
MAX_BODY = 64 * 1024


class Handler(BaseHTTPRequestHandler):
    """POST /api/sum."""

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
        if self.path.split("?", 1)[0] == "/healthz":
            return self.send_json(200, {"status": "ok"})
        if self.path.split("?", 1)[0] == "/api/sum":
            return self.send_json(405, {"error": "use POST"}, {"Allow": "POST"})
        return self.send_json(404, {"error": "not found"})

    def do_POST(self):
        if self.path.split("?", 1)[0] != "/api/sum":
            return self.send_json(404, {"error": "not found"})
        return self.sum()

    def sum(self):
        """Answers {"sum": ..., "count": ...} for a body {"numbers": [...]}."""
        # waymark:begin solution solve
        ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if ctype != "application/json":
            return self.send_json(415, {"error": "send JSON with Content-Type: application/json"})
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            return self.send_json(411, {"error": "send a Content-Length"})
        if length > MAX_BODY:
            # The body stays unread: close the connection after answering.
            self.close_connection = True
            return self.send_json(413, {"error": f"the body is over {MAX_BODY} bytes"}, {"Connection": "close"})
        try:
            doc = json.loads(self.rfile.read(length))
        except ValueError as err:  # also bad UTF-8
            return self.send_json(400, {"error": f"the body is not valid JSON: {err}"})
        if not isinstance(doc, dict) or set(doc) != {"numbers"} or not isinstance(doc["numbers"], list):
            return self.send_json(422, {"error": 'send an object with one key, "numbers": a list of numbers'})
        for i, n in enumerate(doc["numbers"]):
            # bool is a subclass of int in Python, but true is no number in JSON.
            if isinstance(n, bool) or not isinstance(n, (int, float)):
                return self.send_json(422, {"error": f"numbers[{i}] is not a number"})
        return self.send_json(200, {"sum": sum(doc["numbers"]), "count": len(doc["numbers"])})
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
