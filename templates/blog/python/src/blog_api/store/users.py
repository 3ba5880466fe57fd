"""Users. Emails are stored lower-cased; the password hash leaves this file
only inside a User, for the login check."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ..clock import from_db, to_db
from ..db import Connection, Row
from .models import Role, User

COLUMNS = "id, username, email, password_hash, bio, image, role, token_version, created_at"


def user_from_row(row: Row) -> User:
    return User(
        id=int(row["id"]),
        username=row["username"],
        email=row["email"],
        password_hash=row["password_hash"],
        bio=row["bio"],
        image=row["image"],
        role=row["role"],
        token_version=int(row["token_version"]),
        created_at=from_db(row["created_at"]),
    )


def _one(conn: Connection, where: str, value: object) -> User | None:
    row = conn.one(f"SELECT {COLUMNS} FROM users WHERE {where} = ?", [value])  # noqa: S608 (constant SQL)
    return None if row is None else user_from_row(row)


def user_by_id(conn: Connection, user_id: int) -> User | None:
    return _one(conn, "id", user_id)


def user_by_email(conn: Connection, email: str) -> User | None:
    """The user with the (lower-cased) email, or None."""
    return _one(conn, "email", email.lower())


def user_by_username(conn: Connection, username: str) -> User | None:
    return _one(conn, "username", username)


def taken_fields(
    conn: Connection, *, username: str | None, email: str | None, except_id: int = 0
) -> list[str]:
    """Which of "username" and "email" another user than except_id already has."""
    taken = []
    for column, value in (("username", username), ("email", email)):
        # column is one of two constants above, never input.
        if value is not None and conn.one(
            f"SELECT 1 AS taken FROM users WHERE {column} = ? AND id <> ?",  # noqa: S608
            [value, except_id],
        ):
            taken.append(column)
    return taken


def create_user(
    conn: Connection,
    *,
    username: str,
    email: str,
    password_hash: str,
    now: datetime,
    role: Role = "author",
) -> User:
    """Stores a user; a taken username or email raises UniqueViolation."""
    user_id = conn.insert(
        "INSERT INTO users (username, email, password_hash, role, created_at)"
        " VALUES (?, ?, ?, ?, ?) RETURNING id",
        [username, email.lower(), password_hash, role, to_db(now)],
    )
    return User(
        id=user_id,
        username=username,
        email=email.lower(),
        password_hash=password_hash,
        bio="",
        image="",
        role=role,
        token_version=0,
        created_at=now,
    )


_UPDATABLE = {
    "username": "username",
    "email": "email",
    "password_hash": "password_hash",
    "bio": "bio",
    "image": "image",
}


def update_user(conn: Connection, user_id: int, changes: Mapping[str, Any]) -> User | None:
    """Changes the given fields (username, email, password_hash, bio, image)
    and returns the user; a taken username or email raises UniqueViolation. A
    new password_hash also ends every session of the user, in the same
    transaction: it raises the token version, so that no earlier token
    verifies, and deletes their dashboard sessions."""
    sets = [f"{_UPDATABLE[key]} = ?" for key in changes]
    params = list(changes.values())
    new_password = "password_hash" in changes
    if new_password:
        sets.append("token_version = token_version + 1")
    with conn.transaction():
        if sets:
            conn.run(
                f"UPDATE users SET {', '.join(sets)} WHERE id = ?",  # noqa: S608 (constant columns)
                [*params, user_id],
            )
        if new_password:
            conn.run("DELETE FROM admin_sessions WHERE user_id = ?", [user_id])
        return user_by_id(conn, user_id)
