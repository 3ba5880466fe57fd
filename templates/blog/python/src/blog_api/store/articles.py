"""Articles and their tags. The public API sees only published articles;
each row says, for the viewer (0: nobody), whether they favorited the
article and follow its author."""

from collections.abc import Sequence
from datetime import datetime

from ..clock import from_db, to_db
from ..db import Connection, Row
from .models import Article, ArticleFilter, Profile

# The two "?" take the viewer's id. CASE makes both databases answer 1 or 0.
_SELECT = """SELECT a.id, a.slug, a.title, a.description, a.body, a.published, a.author_id,
    a.created_at, a.updated_at, u.username, u.bio, u.image,
    (SELECT COUNT(*) FROM favorites f WHERE f.article_id = a.id) AS favorites_count,
    CASE WHEN EXISTS (SELECT 1 FROM favorites f WHERE f.article_id = a.id AND f.user_id = ?)
        THEN 1 ELSE 0 END AS favorited,
    CASE WHEN EXISTS (SELECT 1 FROM follows fo
        WHERE fo.followee_id = a.author_id AND fo.follower_id = ?) THEN 1 ELSE 0 END AS following
FROM articles a JOIN users u ON u.id = a.author_id"""

NEWEST_FIRST = "a.created_at DESC, a.id DESC"


def article_by_slug(
    conn: Connection, slug: str, viewer_id: int, *, hidden: bool = False
) -> Article | None:
    """The article with slug as the viewer sees it. Unpublished articles are
    None unless hidden is true (the dashboard)."""
    published = "" if hidden else " AND a.published = ?"
    params: list[object] = [viewer_id, viewer_id, slug] + ([] if hidden else [True])
    row = conn.one(f"{_SELECT} WHERE a.slug = ?{published}", params)  # noqa: S608 (constant SQL)
    return None if row is None else _with_tags(conn, [row])[0]


def list_articles(
    conn: Connection, viewer_id: int, query: ArticleFilter
) -> tuple[list[Article], int]:
    """One page of the articles query selects, newest first, and how many there are in all."""
    where: list[str] = []
    params: list[object] = []
    if not query.hidden:
        where.append("a.published = ?")
        params.append(True)
    if query.tag:
        where.append(
            "EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.tag = ?)"
        )
        params.append(query.tag)
    if query.author:
        where.append("u.username = ?")
        params.append(query.author)
    if query.favorited:
        where.append(
            "EXISTS (SELECT 1 FROM favorites f2 JOIN users fu ON fu.id = f2.user_id"
            " WHERE f2.article_id = a.id AND fu.username = ?)"
        )
        params.append(query.favorited)
    if query.feed_of:
        # From the caller's follows to their authors' articles: SQLite reads
        # only those (articles_author_idx), where an EXISTS per article would
        # walk every article newest first until the page is full.
        where.append("a.author_id IN (SELECT followee_id FROM follows WHERE follower_id = ?)")
        params.append(query.feed_of)
    cond = f" WHERE {' AND '.join(where)}" if where else ""
    count = conn.one(
        f"SELECT COUNT(*) AS n FROM articles a JOIN users u ON u.id = a.author_id{cond}",  # noqa: S608
        params,
    )
    rows = conn.all(
        f"{_SELECT}{cond} ORDER BY {NEWEST_FIRST} LIMIT ? OFFSET ?",  # noqa: S608 (constant SQL)
        [viewer_id, viewer_id, *params, query.limit, query.offset],
    )
    return _with_tags(conn, rows), int(count["n"]) if count else 0


def slug_taken(conn: Connection, slug: str, except_id: int = 0) -> bool:
    """Whether an article other than except_id has slug."""
    row = conn.one("SELECT 1 AS taken FROM articles WHERE slug = ? AND id <> ?", [slug, except_id])
    return row is not None


def create_article(
    conn: Connection,
    *,
    slug: str,
    author_id: int,
    title: str,
    description: str,
    body: str,
    tags: Sequence[str],
    now: datetime,
) -> int:
    """Stores a published article with its tags and returns its id; a taken
    slug raises UniqueViolation."""
    at = to_db(now)
    with conn.transaction():
        article_id = conn.insert(
            "INSERT INTO articles"
            " (slug, author_id, title, description, body, published, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [slug, author_id, title, description, body, True, at, at],
        )
        _write_tags(conn, article_id, tags)
    return article_id


def update_article(
    conn: Connection, article: Article, tags: Sequence[str] | None, now: datetime
) -> None:
    """Saves article's slug, title, description and body, and its tags when
    given; a taken slug raises UniqueViolation."""
    with conn.transaction():
        conn.run(
            "UPDATE articles SET slug = ?, title = ?, description = ?, body = ?, updated_at = ?"
            " WHERE id = ?",
            [
                article.slug,
                article.title,
                article.description,
                article.body,
                to_db(now),
                article.id,
            ],
        )
        if tags is not None:
            conn.run("DELETE FROM article_tags WHERE article_id = ?", [article.id])
            _write_tags(conn, article.id, tags)


def delete_article(conn: Connection, article_id: int) -> bool:
    """Deletes an article with its tags, favorites and comments (ON DELETE
    CASCADE); reports whether it existed."""
    return conn.run("DELETE FROM articles WHERE id = ?", [article_id]) > 0


def _write_tags(conn: Connection, article_id: int, tags: Sequence[str]) -> None:
    for position, tag in enumerate(tags):
        conn.run(
            "INSERT INTO article_tags (article_id, tag, position) VALUES (?, ?, ?)",
            [article_id, tag, position],
        )


def _with_tags(conn: Connection, rows: list[Row]) -> list[Article]:
    """Articles from rows, each with its tags in the order they were given, with one query."""
    if not rows:
        return []
    tags: dict[int, list[str]] = {int(row["id"]): [] for row in rows}
    placeholders = ", ".join("?" for _ in rows)
    for row in conn.all(
        f"SELECT article_id, tag FROM article_tags WHERE article_id IN ({placeholders})"  # noqa: S608
        " ORDER BY article_id, tag",
        list(tags),
    ):
        tags[int(row["article_id"])].append(row["tag"])
    return [
        Article(
            id=int(row["id"]),
            slug=row["slug"],
            title=row["title"],
            description=row["description"],
            body=row["body"],
            tags=tags[int(row["id"])],
            published=bool(row["published"]),
            author_id=int(row["author_id"]),
            author=Profile(
                username=row["username"],
                bio=row["bio"],
                image=row["image"],
                following=bool(row["following"]),
            ),
            favorited=bool(row["favorited"]),
            favorites_count=int(row["favorites_count"]),
            created_at=from_db(row["created_at"]),
            updated_at=from_db(row["updated_at"]),
        )
        for row in rows
    ]
