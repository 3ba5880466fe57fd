"""Ids in paths, and the query parameters every list shares (page, limit)."""

import re

from flask import request

from .errors import ApiError

MAX_PAGE = 1_000_000
"""page is bounded, so that (page - 1) * limit stays a small OFFSET:
page=9223372036854775807 would overflow PostgreSQL's BIGINT."""
DEFAULT_LIMIT = 20
MAX_LIMIT = 100

_ID = re.compile(r"[1-9][0-9]{0,15}")
_WHOLE = re.compile(r"[0-9]{1,16}")


def path_id(raw: str, what: str = "not found") -> int:
    """The positive whole number of a path parameter. Anything else cannot be
    an id, so it answers 404 like an unknown one (what is the message)."""
    if not _ID.fullmatch(raw):
        raise ApiError(404, what)
    return int(raw)


def whole_number(key: str, low: int, high: int | None, fields: dict[str, str]) -> int | None:
    """The query parameter key as a whole number from low to high (no more than
    16 digits without high), or None when it is absent or empty; a bad value is
    recorded in fields. ASCII digits only: int() would also read " 7", "1_000"
    and "٣"."""
    raw = request.args.get(key, "")
    if raw == "":
        return None
    n = int(raw) if _WHOLE.fullmatch(raw) else None
    if n is None or n < low or (high is not None and n > high):
        upto = "" if high is None else f" to {high}"
        fields[key] = f"must be a whole number from {low}{upto}"
        return None
    return n


def paging(fields: dict[str, str]) -> tuple[int, int]:
    """page (1 to MAX_PAGE, default 1) and limit (1 to MAX_LIMIT, default 20)."""
    page = whole_number("page", 1, MAX_PAGE, fields)
    limit = whole_number("limit", 1, MAX_LIMIT, fields)
    return page or 1, limit or DEFAULT_LIMIT


def page_of(data: list[dict[str, object]], page: int, limit: int, total: int) -> dict[str, object]:
    """The envelope of every list."""
    return {"data": data, "page": page, "limit": limit, "total": total}
