"""What every request goes through before a view sees it: a body size limit,
security headers on every answer, and no text the database cannot store.

PostgreSQL refuses text holding a NUL byte with an error (SQLSTATE 22021) and
SQLite stores it, which is no better; a lone surrogate ("\\ud800" in JSON) is
not UTF-8 at all, and fails the query too. So a NUL byte or a lone surrogate
in the path answers 400, in a query parameter or anywhere in a JSON body 422
naming where, before any view runs: no route can forget it.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, Response, current_app, request

from .errors import ApiError, validation_failed
from .validation import request_json

MAX_BODY_BYTES = 1024 * 1024
"""Request bodies over 1 MiB answer 413."""

SECURITY_HEADERS = {
    # An API that serves JSON only: no MIME sniffing, never framed, no
    # referrer, nothing cached, no scripts.
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

UNSAFE_TEXT = "must not contain NUL bytes (and must be UTF-8 text)"

F = TypeVar("F", bound=Callable[..., Any])


def init_hardening(app: Flask) -> None:
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.before_request(refuse_unsafe_input)
    app.after_request(set_security_headers)


def raw_body(view: F) -> F:
    """Marks a view that reads its body as bytes (the payment webhook, whose
    signature covers exactly what was sent): the body is not parsed before it
    runs, and the view checks what it parses itself."""
    view.raw_body = True  # type: ignore[attr-defined]
    return view


def set_security_headers(response: Response) -> Response:
    response.headers.update(SECURITY_HEADERS)
    return response


def safe_text(s: str) -> bool:
    """Whether s can be stored as text: UTF-8 without a NUL byte."""
    if "\x00" in s:
        return False
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def unsafe_path(value: Any, path: str = "") -> str | None:
    """Where in a parsed JSON value the first unsafe string is (a value or an
    object key), as "name" or "items[1].sku" ("body" at the top), or None."""
    if isinstance(value, str):
        return None if safe_text(value) else path or "body"
    if isinstance(value, list):
        for i, item in enumerate(value):
            if found := unsafe_path(item, f"{path}[{i}]"):
                return found
    elif isinstance(value, dict):
        for key in sorted(value):
            if not safe_text(key):
                return path or "body"
            if found := unsafe_path(value[key], f"{path}.{key}" if path else key):
                return found
    return None


def refuse_unsafe_input() -> None:
    """Answers 400 for a path, and 422 naming the parameter or the field for a
    query string or JSON body, holding unsafe text. (Werkzeug has already turned
    invalid UTF-8 in the URL into U+FFFD.)"""
    if not safe_text(request.path):
        raise ApiError(400, "the path " + UNSAFE_TEXT)
    fields: dict[str, str] = {}
    for key, value in request.args.items(multi=True):
        if not safe_text(key):
            fields["query"] = "parameter names " + UNSAFE_TEXT
        elif not safe_text(value):
            fields[key] = UNSAFE_TEXT
    if fields:
        raise validation_failed(fields)
    view = current_app.view_functions.get(request.endpoint or "")
    if view is None or getattr(view, "raw_body", False):
        return  # no route (404/405), or a view that verifies its raw bytes first
    field = unsafe_path(request_json())
    if field:
        raise validation_failed({field: UNSAFE_TEXT})
