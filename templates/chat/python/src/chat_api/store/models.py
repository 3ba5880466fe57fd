"""The records the store reads and writes, and how clients see them."""

from dataclasses import dataclass
from datetime import datetime

from ..clock import from_db


def rfc3339(value: datetime | str) -> str:
    """A time as clients see it: RFC 3339 in UTC with milliseconds, as every
    chat stack writes it (messages of one second keep their order)."""
    return from_db(value).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class User:
    """An account. Its password hash never leaves the store."""

    id: int
    username: str
    created_at: datetime

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "username": self.username, "created_at": rfc3339(self.created_at)}

    @property
    def author(self) -> "Author":
        return Author(self.id, self.username)


@dataclass(frozen=True)
class Author:
    """A user as the others in a room see them: who wrote a message, who is online."""

    id: int
    username: str

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "username": self.username}


@dataclass(frozen=True)
class Room:
    id: int
    name: str
    created_by: int
    created_at: datetime

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "created_by": self.created_by,
            "created_at": rfc3339(self.created_at),
        }


@dataclass(frozen=True)
class Message:
    """A persisted chat message: its id and time are the server's."""

    id: int
    room: int
    user: Author
    text: str
    created_at: datetime

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "room": self.room,
            "user": self.user.to_json(),
            "text": self.text,
            "created_at": rfc3339(self.created_at),
        }
