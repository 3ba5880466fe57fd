"""rest-resource serves a REST resource of books: the right status for every
answer, and RFC 9457 problem details that name every invalid field in one
422.

It listens on 127.0.0.1 at $PORT and stops cleanly on SIGINT or SIGTERM.
Only the standard library is used.
"""

import json
import os
import re
import signal
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_BODY = 1 << 16


class Store:
    """The books, by id, behind a lock."""

    def __init__(self):
        self.lock = threading.Lock()
        self.books = {}
        self.next_id = 1


STORE = Store()


class Invalid(Exception):
    """A request that cannot be a book: its status, title and field errors."""

    def __init__(self, status, title, errors=None):
        super().__init__(title)
        self.status, self.title, self.errors = status, title, errors


def validate(data):
    """Checks every field of data and returns the book, or raises Invalid
    with a message for each field that is wrong."""
    # waymark:begin solution solve
    errors = {}
    book = {}
    title = data.get("title")
    if not isinstance(title, str) or not 1 <= len(title) <= 200:
        errors["title"] = "is required: a string of 1 to 200 characters"
    else:
        book["title"] = title
    author = data.get("author")
    if not isinstance(author, str) or not author.strip():
        errors["author"] = "is required: a non-empty string"
    else:
        book["author"] = author
    year = data.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or not 1450 <= year <= 2100:
        errors["year"] = "must be a whole number from 1450 to 2100"
    else:
        book["year"] = year
    if "isbn" in data:
        isbn = data["isbn"]
        if not isinstance(isbn, str) or not re.fullmatch(r"[0-9]{13}", isbn):
            errors["isbn"] = "must be a string of 13 digits"
        else:
            book["isbn"] = isbn
    for key in data:
        if key not in ("title", "author", "year", "isbn"):
            errors[key] = "is not a field you can set"
    if errors:
        raise Invalid(422, "The book is not valid", errors)
    return book
    # waymark:end


class Handler(BaseHTTPRequestHandler):
    """The books resource."""

    def send_json(self, status, value, headers=None, content_type="application/json"):
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, val in (headers or {}).items():
            self.send_header(name, val)
        self.end_headers()
        self.wfile.write(body)

    def send_problem(self, status, title, errors=None):
        """Answers status with an RFC 9457 problem document."""
        doc = {"type": "about:blank", "title": title, "status": status}
        if errors:
            doc["errors"] = errors
        self.send_json(status, doc, content_type="application/problem+json")

    def not_implemented(self):
        """Answers 501 naming the exercise's milestone, which `waymark check`
        reads as "this is still to do"."""
        self.send_json(501, {"error": "not implemented", "milestone": "solve"})

    def read_book(self):
        """The request's book, validated; raises Invalid (415, 400, 422)."""
        # waymark:begin solution solve
        if self.headers.get("Content-Type", "").split(";")[0].strip().lower() != "application/json":
            raise Invalid(415, "Send the book as application/json")
        length = int(self.headers.get("Content-Length") or 0)
        try:
            data = json.loads(self.rfile.read(min(length, MAX_BODY)))
        except ValueError:
            data = None
        if not isinstance(data, dict):
            raise Invalid(400, "The body is not a JSON object")
        return validate(data)
        # waymark:end

    def route(self):
        path = self.path.split("?", 1)[0]
        if path == "/healthz" and self.command == "GET":
            return self.send_json(200, {"status": "ok"})
        try:
            if path == "/books" and self.command == "GET":
                with STORE.lock:
                    return self.send_json(200, list(STORE.books.values()))
            if path == "/books" and self.command == "POST":
                return self.create()
            m = re.fullmatch(r"/books/([^/]+)", path)
            if m and self.command in ("GET", "PUT", "DELETE"):
                return self.item(int(m[1]) if m[1].isdigit() else 0)
        except Invalid as err:
            return self.send_problem(err.status, err.title, err.errors)
        return self.send_problem(404, "Not found")

    def create(self):
        """POST /books: 201 with a Location."""
        # waymark:begin solution solve
        book = self.read_book()
        with STORE.lock:
            book = {"id": STORE.next_id, **book}
            STORE.next_id += 1
            STORE.books[book["id"]] = book
        self.send_json(201, book, {"Location": f"/books/{book['id']}"})
        # waymark:stub
        # self.not_implemented()
        # waymark:end

    def item(self, book_id):
        """GET, PUT and DELETE of /books/<id>."""
        # waymark:begin solution solve
        with STORE.lock:
            known = book_id in STORE.books
        if not known:
            raise Invalid(404, "There is no such book")
        if self.command == "GET":
            with STORE.lock:
                return self.send_json(200, STORE.books[book_id])
        if self.command == "DELETE":
            with STORE.lock:
                STORE.books.pop(book_id, None)
            self.send_response(204)
            self.end_headers()
            return None
        book = {"id": book_id, **self.read_book()}
        with STORE.lock:
            STORE.books[book_id] = book
        self.send_json(200, book)
        # waymark:stub
        # self.not_implemented()
        # waymark:end
        return None

    do_GET = do_POST = do_PUT = do_DELETE = route


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
