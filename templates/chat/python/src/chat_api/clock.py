"""Time: the clock the app reads, and how times go to and come from the database."""

from collections.abc import Callable
from datetime import UTC, date, datetime

Clock = Callable[[], datetime]
"""Returns the current time, timezone-aware. Tests pass one they can move."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_db(t: datetime) -> str:
    """A time as the database stores it: fixed-width UTC text, so that SQLite
    compares the text as it would the times (PostgreSQL reads the same text
    into a TIMESTAMPTZ)."""
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_db(value: datetime | str) -> datetime:
    """A time as the database gives it back: PostgreSQL a datetime, SQLite the text to_db wrote."""
    t = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return t.astimezone(UTC)


def rfc3339(value: datetime | str) -> str:
    """A time as clients see it: RFC 3339 in UTC, whole seconds."""
    return from_db(value).strftime("%Y-%m-%dT%H:%M:%SZ")


def date_text(value: date | str | None) -> str | None:
    """A due date as clients see it: "YYYY-MM-DD" (PostgreSQL gives a date, SQLite the text)."""
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else value
