"""Users and their roles. Emails are stored lower-cased, so the UNIQUE
constraint makes them unique case-insensitively. The role lives here and
only here: every request reads it, so a token carries no rights."""

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from ..clock import from_db, rfc3339, to_db
from ..db import Connection, Row, UniqueViolation

Role = Literal["customer", "admin"]
ROLES: tuple[Role, ...] = ("customer", "admin")


@dataclass(frozen=True)
class User:
    id: int
    email: str
    role: str
    created_at: datetime

    @property
    def admin(self) -> bool:
        return self.role == "admin"

    def to_json(self) -> dict[str, object]:
        """What clients see of a user: never the password hash."""
        return {
            "id": self.id,
            "email": self.email,
            "role": self.role,
            "created_at": rfc3339(self.created_at),
        }


class NotAnAdmin(Exception):
    """ADMIN_EMAIL belongs to an account that is not an admin."""


def _user(row: Row) -> User:
    return User(row["id"], row["email"], row["role"], from_db(row["created_at"]))


def create_user(
    conn: Connection, email: str, password_hash: str, now: datetime, role: Role = "customer"
) -> User | None:
    """Stores a user; None when the email is taken."""
    try:
        user_id = conn.insert(
            "INSERT INTO users (email, password_hash, role, created_at)"
            " VALUES (?, ?, ?, ?) RETURNING id",
            [email, password_hash, role, to_db(now)],
        )
    except UniqueViolation:
        return None
    return User(user_id, email, role, now)


def user_by_email(conn: Connection, email: str) -> tuple[User, str] | None:
    """The user with email and their password hash, or None."""
    row = conn.one(
        "SELECT id, email, role, created_at, password_hash FROM users WHERE email = ?", [email]
    )
    return None if row is None else (_user(row), row["password_hash"])


def user_by_id(conn: Connection, user_id: int) -> User | None:
    row = conn.one("SELECT id, email, role, created_at FROM users WHERE id = ?", [user_id])
    return None if row is None else _user(row)


def ensure_admin(conn: Connection, email: str, password_hash: str, now: datetime) -> bool:
    """Creates the configured admin unless it exists, and reports whether it
    did. An existing account of that email that is not an admin raises
    NotAnAdmin: promoting it would hand the shop to whoever registered the
    email first, with their own password."""
    if create_user(conn, email, password_hash, now, role="admin") is not None:
        return True
    found = user_by_email(conn, email)
    if found is None or not found[0].admin:
        raise NotAnAdmin(f"ADMIN_EMAIL {email} belongs to a customer account")
    return False


def set_role(conn: Connection, user_id: int, role: Role) -> User | None:
    """Gives the user role; None when there is no such user."""
    if conn.run("UPDATE users SET role = ? WHERE id = ?", [role, user_id]) == 0:
        return None
    return user_by_id(conn, user_id)
