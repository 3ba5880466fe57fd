"""Text the database cannot store: a NUL byte (PostgreSQL refuses it with
SQLSTATE 22021, SQLite stores it, which is no better) or a lone surrogate
("\\ud800" in JSON), which is not UTF-8 at all. Whatever part of a request
holds it, the answer is 422 naming the part, before any query sees it."""

from typing import Any
from urllib.parse import unquote_to_bytes

from flask import request

from .errors import invalid

BAD_TEXT = "must be UTF-8 text without NUL bytes"
FORM = "application/x-www-form-urlencoded"


def clean(s: str) -> bool:
    """Whether s is text both databases store as given."""
    if "\x00" in s:
        return False
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def bad_json_field(value: Any, name: str = "body") -> str | None:
    """The name of the field of a parsed JSON value holding the first string
    that is not clean: the innermost object key around it (name, for a value
    outside any object or a bad key), or None."""
    if isinstance(value, str):
        return None if clean(value) else name
    if isinstance(value, list):
        for item in value:
            if (found := bad_json_field(item, name)) is not None:
                return found
    if isinstance(value, dict):
        for key, item in value.items():
            if not clean(key):
                return name
            if (found := bad_json_field(item, key)) is not None:
                return found
    return None


def _bad_values(items: Any, part: str) -> str | None:
    for key, value in items:
        if not clean(key):
            return part
        if not clean(value):
            return key
    return None


def _utf8_path() -> bool:
    """Whether the request's path, percent-decoded, is UTF-8. Werkzeug turns
    bytes that are not into U+FFFD in request.path, so the path as sent
    (RAW_URI, which gunicorn and Werkzeug set) is decoded here."""
    raw = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI")
    if not raw:
        return True
    try:
        unquote_to_bytes(raw.split("?", 1)[0]).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def refuse_bad_text() -> None:
    """A before_request hook: 422 for a path, query parameter or form field
    that is not clean text (a path like /api/articles/%ff too, as every
    stack answers). Werkzeug has turned query and form bytes that are not
    UTF-8 into U+FFFD; JSON bodies are checked where they are read."""
    field = None
    if not clean(request.path) or not _utf8_path():
        field = "path"
    else:
        field = _bad_values(request.args.items(multi=True), "query")
    if field is None and request.mimetype == FORM:
        field = _bad_values(request.form.items(multi=True), "form")
    if field is not None:
        raise invalid({field: [BAD_TEXT]})
