"""Follows, favorites, comments and tags."""

from datetime import datetime

from ..clock import from_db, to_db
from ..db import Connection, Row
from .models import Comment, Profile


def follows(conn: Connection, follower_id: int, followee_id: int) -> bool:
    row = conn.one(
        "SELECT 1 AS yes FROM follows WHERE follower_id = ? AND followee_id = ?",
        [follower_id, followee_id],
    )
    return row is not None


def follow(conn: Connection, follower_id: int, followee_id: int) -> None:
    """Following twice is not an error: the primary key keeps one row."""
    conn.run(
        "INSERT INTO follows (follower_id, followee_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [follower_id, followee_id],
    )


def unfollow(conn: Connection, follower_id: int, followee_id: int) -> None:
    conn.run(
        "DELETE FROM follows WHERE follower_id = ? AND followee_id = ?", [follower_id, followee_id]
    )


def favorite(conn: Connection, user_id: int, article_id: int) -> None:
    """A user's favorite counts once: the primary key (user_id, article_id)."""
    conn.run(
        "INSERT INTO favorites (user_id, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [user_id, article_id],
    )


def unfavorite(conn: Connection, user_id: int, article_id: int) -> None:
    conn.run("DELETE FROM favorites WHERE user_id = ? AND article_id = ?", [user_id, article_id])


# The "?" takes the viewer's id (0: nobody).
_COMMENT = """SELECT c.id, c.article_id, c.author_id, c.body, c.created_at, c.updated_at,
    u.username, u.bio, u.image,
    CASE WHEN EXISTS (SELECT 1 FROM follows fo
        WHERE fo.followee_id = c.author_id AND fo.follower_id = ?) THEN 1 ELSE 0 END AS following
FROM comments c JOIN users u ON u.id = c.author_id"""


def _comment(row: Row) -> Comment:
    return Comment(
        id=int(row["id"]),
        article_id=int(row["article_id"]),
        author_id=int(row["author_id"]),
        author=Profile(
            username=row["username"],
            bio=row["bio"],
            image=row["image"],
            following=bool(row["following"]),
        ),
        body=row["body"],
        created_at=from_db(row["created_at"]),
        updated_at=from_db(row["updated_at"]),
    )


def comments(conn: Connection, article_id: int, viewer_id: int) -> list[Comment]:
    """An article's comments, oldest first, as the viewer sees them."""
    rows = conn.all(
        f"{_COMMENT} WHERE c.article_id = ? ORDER BY c.id",  # noqa: S608 (constant SQL)
        [viewer_id, article_id],
    )
    return [_comment(row) for row in rows]


def comment_by_id(conn: Connection, comment_id: int, viewer_id: int) -> Comment | None:
    row = conn.one(f"{_COMMENT} WHERE c.id = ?", [viewer_id, comment_id])  # noqa: S608
    return None if row is None else _comment(row)


def add_comment(conn: Connection, article_id: int, author_id: int, body: str, now: datetime) -> int:
    """Stores a comment and returns its id."""
    at = to_db(now)
    return conn.insert(
        "INSERT INTO comments (article_id, author_id, body, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?) RETURNING id",
        [article_id, author_id, body, at, at],
    )


def delete_comment(conn: Connection, comment_id: int) -> bool:
    """Reports whether the comment existed."""
    return conn.run("DELETE FROM comments WHERE id = ?", [comment_id]) > 0


def tags(conn: Connection) -> list[str]:
    """Every tag of a published article, most used first."""
    rows = conn.all(
        "SELECT t.tag FROM article_tags t JOIN articles a ON a.id = t.article_id"
        " WHERE a.published = ? GROUP BY t.tag ORDER BY t.tag",
        [True],
    )
    return [row["tag"] for row in rows]
