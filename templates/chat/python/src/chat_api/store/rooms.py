"""Rooms: a name, unique, and who made it."""

from datetime import datetime

from ..clock import from_db, to_db
from ..db import Connection, Row
from .models import Room


def create_room(conn: Connection, name: str, created_by: int, now: datetime) -> Room:
    """Stores a room; a taken name raises UniqueViolation."""
    room_id = conn.insert(
        "INSERT INTO rooms (name, created_by, created_at) VALUES (?, ?, ?) RETURNING id",
        [name, created_by, to_db(now)],
    )
    return Room(id=room_id, name=name, created_by=created_by, created_at=now)


def list_rooms(conn: Connection) -> list[Room]:
    """Every room, by name."""
    rows = conn.all("SELECT id, name, created_by, created_at FROM rooms ORDER BY name, id")
    return [_room(r) for r in rows]


def room_by_id(conn: Connection, room_id: int) -> Room | None:
    row = conn.one("SELECT id, name, created_by, created_at FROM rooms WHERE id = ?", [room_id])
    return None if row is None else _room(row)


def _room(row: Row) -> Room:
    return Room(row["id"], row["name"], row["created_by"], from_db(row["created_at"]))
