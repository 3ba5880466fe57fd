"""Refresh tokens, stored as SHA-256 hashes. Every login starts a family; each
refresh rotates the presented token (rotated_at) and adds the next one to the
same family. A rotated token presented again means somebody holds a copy:
the whole family is revoked."""

from datetime import datetime
from typing import Literal

from ..clock import from_db, to_db
from ..db import Connection


class RefreshTokenError(Exception):
    """reason: "invalid" (unknown, expired, revoked) or "reused" (already rotated)."""

    def __init__(self, reason: Literal["invalid", "reused"]):
        super().__init__(f"refresh token is {reason}")
        self.reason = reason


def create_refresh_token(
    conn: Connection,
    *,
    user_id: int,
    family_id: str,
    token_hash: str,
    expires_at: datetime,
    now: datetime,
) -> None:
    conn.run(
        "INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        [user_id, family_id, token_hash, to_db(expires_at), to_db(now)],
    )


def rotate_refresh_token(
    conn: Connection, presented_hash: str, next_hash: str, expires_at: datetime, now: datetime
) -> int:
    """Exchanges the token whose hash is presented_hash for next_hash (user and
    family are copied) and returns the user id. Raises RefreshTokenError("reused")
    after revoking the family when the token was already rotated, and
    RefreshTokenError("invalid") for unknown, expired and revoked tokens."""
    with conn.transaction():
        row = conn.one(
            "SELECT id, user_id, family_id, expires_at, rotated_at, revoked_at"
            " FROM refresh_tokens WHERE token_hash = ?",
            [presented_hash],
        )
        if row is None or row["revoked_at"] is not None:
            outcome = "invalid"
        elif row["rotated_at"] is not None:
            _revoke_family(conn, row["family_id"], now)
            outcome = "reused"  # commit the revocation, then refuse
        elif from_db(row["expires_at"]) <= now:
            outcome = "invalid"
        # The condition on rotated_at makes the rotation atomic: of two
        # concurrent refreshes with the same token only one updates the row.
        elif (
            conn.run(
                "UPDATE refresh_tokens SET rotated_at = ?"
                " WHERE id = ? AND rotated_at IS NULL AND revoked_at IS NULL",
                [to_db(now), row["id"]],
            )
            != 1
        ):
            _revoke_family(conn, row["family_id"], now)
            outcome = "reused"
        else:
            create_refresh_token(
                conn,
                user_id=row["user_id"],
                family_id=row["family_id"],
                token_hash=next_hash,
                expires_at=expires_at,
                now=now,
            )
            return row["user_id"]
    raise RefreshTokenError(outcome)


def revoke_refresh_family(conn: Connection, presented_hash: str, now: datetime) -> None:
    """Revokes the token whose hash is presented_hash and every token of its
    family: logging out ends the whole session. An unknown or already revoked
    token is not an error; logging out twice is harmless."""
    with conn.transaction():
        row = conn.one(
            "SELECT family_id FROM refresh_tokens WHERE token_hash = ?", [presented_hash]
        )
        if row is not None:
            _revoke_family(conn, row["family_id"], now)


def _revoke_family(conn: Connection, family_id: str, now: datetime) -> None:
    conn.run(
        "UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL",
        [to_db(now), family_id],
    )
