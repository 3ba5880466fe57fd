"""pagination serves a list of products in bounded pages, filtered by
category, with links to the next and previous pages.

It listens on 127.0.0.1 at $PORT and stops cleanly on SIGINT or SIGTERM.
Only the standard library is used.
"""

import json
import os
import re
import signal
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, urlsplit

CATEGORIES = ("music", "books", "games")
PRODUCTS = [{"id": i, "name": f"Product {i}", "category": CATEGORIES[i % 3]} for i in range(1, 96)]


class BadParameter(Exception):
    """A query parameter out of bounds; its message names the parameter."""


def whole_number(params, name, default, lo, hi):
    """The parameter name of params: default when it is missing; raises
    BadParameter when it is not digits or not within lo…hi."""
    # waymark:begin solution solve
    if name not in params:
        return default
    s = params[name][0]
    if not re.fullmatch(r"[0-9]{1,10}", s) or not lo <= int(s) <= hi:
        raise BadParameter(f"{name} must be a whole number from {lo}" + (f" to {hi}" if hi < 2**31 else ""))
    return int(s)
    # waymark:end


def list_products(query):
    """One page of products as a dict: limit (1…100, default 20), offset
    (from 0) and an optional category."""
    # waymark:begin solution solve
    params = parse_qs(query, keep_blank_values=True)
    limit = whole_number(params, "limit", 20, 1, 100)
    offset = whole_number(params, "offset", 0, 0, 2**31)
    category = params.get("category", [""])[0]
    matching = [p for p in PRODUCTS if p["category"] == category] if category else PRODUCTS

    def link(off):
        prefix = f"category={quote(category)}&" if category else ""
        return f"/products?{prefix}limit={limit}&offset={off}"

    return {
        "items": matching[offset : offset + limit],
        "total": len(matching),
        "limit": limit,
        "offset": offset,
        "next": link(offset + limit) if offset + limit < len(matching) else None,
        "prev": link(max(0, offset - limit)) if offset > 0 else None,
    }
    # waymark:end


class Handler(BaseHTTPRequestHandler):
    """GET /products."""

    def send_json(self, status, value):
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        url = urlsplit(self.path)
        if url.path == "/healthz":
            return self.send_json(200, {"status": "ok"})
        if url.path != "/products":
            return self.send_json(404, {"error": "not found"})
        try:
            page = list_products(url.query)
        except BadParameter as err:
            return self.send_json(400, {"error": str(err)})
        except NotImplementedError:
            return self.send_json(501, {"error": "not implemented", "milestone": "solve"})
        return self.send_json(200, page)


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
