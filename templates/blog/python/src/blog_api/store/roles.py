"""Roles: changing one, and the first admin."""

import secrets
from collections.abc import Callable
from datetime import datetime
from typing import Literal

from ..db import Connection, UniqueViolation
from .models import Role, User
from .users import create_user, user_by_email, user_by_username

AdminResult = Literal["created", "exists", "refused"]
"""What ensure_admin did: created the account; found it an admin already; or
found an account with the email that is no admin, and left it alone."""


def set_role(conn: Connection, username: str, role: Role) -> User | None:
    """Gives the user called username role and returns them, or None."""
    if conn.run("UPDATE users SET role = ? WHERE username = ?", [role, username]) == 0:
        return None
    return user_by_username(conn, username)


def ensure_admin(
    conn: Connection,
    *,
    email: str,
    username: str,
    password_hash: Callable[[], str],
    now: datetime,
) -> tuple[AdminResult, User]:
    """Makes sure the first admin exists: it creates the account with email
    (named username, or username-xxxxxx when that name is taken) when no
    account has the email. An existing account is never changed: "exists"
    when it is an admin already, "refused" when it is not, because whoever
    registered it chose its password: promoting it would hand the dashboard
    to a stranger who signed up with the operator's address first.
    password_hash is called only to create the account (bcrypt is slow)."""
    name = username
    for _ in range(3):
        existing = user_by_email(conn, email)
        if existing is not None:
            return ("exists" if existing.role == "admin" else "refused"), existing
        try:
            user = create_user(
                conn,
                username=name,
                email=email,
                password_hash=password_hash(),
                now=now,
                role="admin",
            )
        except UniqueViolation:
            # Someone has the name, or another server process created the
            # admin at the same moment: look again, with a fresh name.
            name = f"{username}-{secrets.token_hex(3)}"
            continue
        return "created", user
    raise RuntimeError(f"could not create the admin {email}: its username stays taken")
