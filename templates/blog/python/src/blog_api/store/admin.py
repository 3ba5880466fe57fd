"""What the dashboard reads and changes: sessions, counts, and the lists of
users, articles (unpublished ones too) and comments."""

from dataclasses import dataclass
from datetime import datetime

from ..clock import from_db, to_db
from ..db import Connection
from .models import ROLES, User
from .users import COLUMNS, user_by_id, user_from_row


def create_session(
    conn: Connection,
    *,
    token_hash: str,
    user_id: int,
    csrf_token: str,
    expires_at: datetime,
    now: datetime,
) -> None:
    """Records a dashboard session by the SHA-256 of its cookie value, with
    the CSRF token every form of the session must send back."""
    conn.run(
        "INSERT INTO admin_sessions (token_hash, user_id, csrf_token, expires_at, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        [token_hash, user_id, csrf_token, to_db(expires_at), to_db(now)],
    )


def session_by_hash(conn: Connection, token_hash: str, now: datetime) -> tuple[User, str] | None:
    """The user and CSRF token of the unexpired session whose cookie hashes to
    token_hash, or None."""
    row = conn.one(
        "SELECT user_id, csrf_token FROM admin_sessions WHERE token_hash = ? AND expires_at > ?",
        [token_hash, to_db(now)],
    )
    if row is None:
        return None
    user = user_by_id(conn, int(row["user_id"]))
    return None if user is None else (user, row["csrf_token"])


def delete_session(conn: Connection, token_hash: str, now: datetime) -> None:
    """Ends a session (and, while at it, every expired one)."""
    conn.run(
        "DELETE FROM admin_sessions WHERE token_hash = ? OR expires_at < ?",
        [token_hash, to_db(now)],
    )


@dataclass(frozen=True)
class Stats:
    """What the overview counts."""

    users: int
    articles: int
    hidden: int
    comments: int
    roles: dict[str, int]


def stats(conn: Connection) -> Stats:
    row = conn.one(
        "SELECT (SELECT COUNT(*) FROM users) AS users, (SELECT COUNT(*) FROM articles) AS articles,"
        " (SELECT COUNT(*) FROM articles WHERE published = ?) AS hidden,"
        " (SELECT COUNT(*) FROM comments) AS comments",
        [False],
    )
    if row is None:  # a SELECT without FROM always has its row
        raise RuntimeError("the dashboard's counts returned nothing")
    roles = dict.fromkeys(ROLES, 0)
    for r in conn.all("SELECT role, COUNT(*) AS n FROM users GROUP BY role"):
        roles[r["role"]] = int(r["n"])
    return Stats(
        users=int(row["users"]),
        articles=int(row["articles"]),
        hidden=int(row["hidden"]),
        comments=int(row["comments"]),
        roles=roles,
    )


def users(conn: Connection, limit: int = 500) -> list[User]:
    """The users, oldest first."""
    rows = conn.all(f"SELECT {COLUMNS} FROM users ORDER BY id LIMIT ?", [limit])  # noqa: S608
    return [user_from_row(row) for row in rows]


def set_published(conn: Connection, slug: str, published: bool) -> bool:
    """Shows (True) or hides (False) the article with slug; reports whether it exists."""
    return conn.run("UPDATE articles SET published = ? WHERE slug = ?", [published, slug]) > 0


def delete_article_by_slug(conn: Connection, slug: str) -> bool:
    return conn.run("DELETE FROM articles WHERE slug = ?", [slug]) > 0


@dataclass(frozen=True)
class RecentComment:
    id: int
    body: str
    author: str
    article_slug: str
    article_title: str
    created_at: datetime


def recent_comments(conn: Connection, limit: int = 500) -> list[RecentComment]:
    """The newest comments on any article."""
    rows = conn.all(
        "SELECT c.id, c.body, c.created_at, u.username, a.slug, a.title"
        " FROM comments c JOIN users u ON u.id = c.author_id"
        " JOIN articles a ON a.id = c.article_id ORDER BY c.id DESC LIMIT ?",
        [limit],
    )
    return [
        RecentComment(
            id=int(r["id"]),
            body=r["body"],
            author=r["username"],
            article_slug=r["slug"],
            article_title=r["title"],
            created_at=from_db(r["created_at"]),
        )
        for r in rows
    ]


def delete_comment_by_id(conn: Connection, comment_id: int) -> bool:
    return conn.run("DELETE FROM comments WHERE id = ?", [comment_id]) > 0
