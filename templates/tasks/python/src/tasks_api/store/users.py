"""Users. Emails are stored lower-cased, so the UNIQUE constraint makes them
unique case-insensitively."""

from datetime import datetime

from ..clock import to_db
from ..db import Connection
from .models import User


def create_user(conn: Connection, email: str, password_hash: str, now: datetime) -> User:
    """Stores a user; a taken email raises UniqueViolation."""
    user_id = conn.insert(
        "INSERT INTO users (email, password_hash, created_at) VALUES (?, ?, ?) RETURNING id",
        [email, password_hash, to_db(now)],
    )
    return User(id=user_id, email=email)


def user_by_email(conn: Connection, email: str) -> tuple[User, str] | None:
    """The user with email and their password hash, or None."""
    row = conn.one("SELECT id, email, password_hash FROM users WHERE email = ?", [email])
    return None if row is None else (User(row["id"], row["email"]), row["password_hash"])


def user_by_id(conn: Connection, user_id: int) -> User | None:
    row = conn.one("SELECT id, email FROM users WHERE id = ?", [user_id])
    return None if row is None else User(row["id"], row["email"])


def password_hash_of(conn: Connection, user_id: int) -> str | None:
    row = conn.one("SELECT password_hash FROM users WHERE id = ?", [user_id])
    return None if row is None else row["password_hash"]


def delete_user(conn: Connection, user_id: int) -> bool:
    """Deletes a user; their tasks and refresh tokens go with them (ON DELETE CASCADE)."""
    return conn.run("DELETE FROM users WHERE id = ?", [user_id]) > 0


def change_password(conn: Connection, user_id: int, password_hash: str, now: datetime) -> bool:
    """Stores a user's new password hash and revokes every one of their refresh
    tokens, in one transaction: whoever knew the old password cannot stay signed
    in with a session it started. Reports whether the user exists."""
    with conn.transaction():
        if (
            conn.run("UPDATE users SET password_hash = ? WHERE id = ?", [password_hash, user_id])
            == 0
        ):
            return False
        conn.run(
            "UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
            [to_db(now), user_id],
        )
        return True
