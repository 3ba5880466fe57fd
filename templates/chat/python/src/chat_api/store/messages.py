"""Messages: persisted before they are delivered, read back page by page."""

from datetime import datetime

from ..clock import from_db, to_db
from ..db import Connection
from .models import Author, Message

NEWEST = 2**63 - 1
"""A before cursor older than no message: the first page."""


def add_message(conn: Connection, room: int, user: Author, text: str, now: datetime) -> Message:
    """Stores a message and returns it with its server id and time."""
    message_id = conn.insert(
        "INSERT INTO messages (room_id, user_id, body, created_at) VALUES (?, ?, ?, ?)"
        " RETURNING id",
        [room, user.id, text, to_db(now)],
    )
    return Message(id=message_id, room=room, user=user, text=text, created_at=now)


def history(
    conn: Connection, room: int, before: int = NEWEST, limit: int = 50
) -> tuple[list[Message], bool]:
    """Up to limit messages of a room older than the message id before, oldest
    first, and whether older ones remain. Paging by id (a keyset) stays fast
    and stable while messages arrive."""
    rows = conn.all(
        "SELECT m.id, m.room_id, m.user_id, u.username, m.body, m.created_at"
        " FROM messages m JOIN users u ON u.id = m.user_id"
        " WHERE m.room_id = ? AND m.id < ? ORDER BY m.id DESC LIMIT ?",
        [room, before, limit + 1],
    )
    more = len(rows) > limit
    page = [
        Message(
            id=r["id"],
            room=r["room_id"],
            user=Author(r["user_id"], r["username"]),
            text=r["body"],
            created_at=from_db(r["created_at"]),
        )
        for r in rows[:limit]
    ]
    page.reverse()
    return page, more
