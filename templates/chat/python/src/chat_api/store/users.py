"""Users and their sessions. Usernames are stored lower-cased, so the UNIQUE
constraint makes them unique case-insensitively. A session is stored as the
SHA-256 of its token, never the token itself."""

from datetime import datetime

from ..clock import from_db, to_db
from ..db import Connection
from .models import User


def create_user(conn: Connection, username: str, password_hash: str, now: datetime) -> User:
    """Stores a user; a taken username raises UniqueViolation."""
    user_id = conn.insert(
        "INSERT INTO users (username, password_hash, created_at) VALUES (?, ?, ?) RETURNING id",
        [username, password_hash, to_db(now)],
    )
    return User(id=user_id, username=username, created_at=now)


def user_by_username(conn: Connection, username: str) -> tuple[User, str] | None:
    """The user with username and their password hash, or None."""
    row = conn.one(
        "SELECT id, username, password_hash, created_at FROM users WHERE username = ?",
        [username],
    )
    if row is None:
        return None
    return User(row["id"], row["username"], from_db(row["created_at"])), row["password_hash"]


def create_session(
    conn: Connection, user_id: int, token_hash: str, expires_at: datetime, now: datetime
) -> None:
    conn.run(
        "INSERT INTO sessions (token_hash, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)",
        [token_hash, user_id, to_db(expires_at), to_db(now)],
    )


def user_by_session(conn: Connection, token_hash: str, now: datetime) -> User | None:
    """The owner of an unexpired session, or None for an unknown or expired one
    (or one whose user is gone: ON DELETE CASCADE took the session with it)."""
    row = conn.one(
        "SELECT u.id, u.username, u.created_at FROM sessions s JOIN users u ON u.id = s.user_id"
        " WHERE s.token_hash = ? AND s.expires_at > ?",
        [token_hash, to_db(now)],
    )
    return None if row is None else User(row["id"], row["username"], from_db(row["created_at"]))


def delete_session(conn: Connection, token_hash: str) -> None:
    """Ends a session (logout). Deleting nothing is no error."""
    conn.run("DELETE FROM sessions WHERE token_hash = ?", [token_hash])
