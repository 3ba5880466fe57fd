from datetime import UTC, datetime
from importlib import resources

import pytest

from blog_api.db import Database, UniqueViolation
from blog_api.migrate import migrate

INSERT_USER = "INSERT INTO users (username, email, password_hash, created_at) VALUES (?, ?, ?, ?)"
NOW = datetime.now(UTC).isoformat()


def test_migrations_apply_once(database: Database) -> None:
    assert migrate(database) == []  # the fixture migrated it already
    with database.connect() as conn:
        rows = conn.all("SELECT version FROM schema_migrations ORDER BY version")
    # Every file of the dialect's folder, in name order, once.
    folder = resources.files("blog_api") / "migrations" / database.dialect
    files = sorted(f.name for f in folder.iterdir() if f.name.endswith(".sql"))
    assert files[:2] == ["0001_init.sql", "0002_token_version.sql"]
    assert [r["version"] for r in rows] == files


def test_usernames_and_emails_are_unique(database: Database) -> None:
    with database.connect() as conn:
        conn.run(INSERT_USER, ["ann", "a@example.com", "x", NOW])
        for name, email in [("ann", "other@example.com"), ("other", "a@example.com")]:
            with pytest.raises(UniqueViolation):
                conn.run(INSERT_USER, [name, email, "x", NOW])


def test_a_failed_transaction_rolls_back(database: Database) -> None:
    with database.connect() as conn:
        with pytest.raises(RuntimeError, match="boom"), conn.transaction():
            conn.run(INSERT_USER, ["b", "b@example.com", "x", NOW])
            raise RuntimeError("boom")
        with conn.transaction():
            conn.run(INSERT_USER, ["c", "c@example.com", "x", NOW])
        rows = conn.all("SELECT username, role, token_version, bio FROM users")
    assert rows == [{"username": "c", "role": "author", "token_version": 0, "bio": ""}]


def test_roles_are_the_four(database: Database) -> None:
    with database.connect() as conn, pytest.raises(Exception, match="(?i)check"):
        conn.run(
            "INSERT INTO users (username, email, password_hash, role, created_at)"
            " VALUES ('d', 'd@example.com', 'x', 'overlord', ?)",
            [NOW],
        )


def test_deleting_a_user_deletes_what_they_wrote(database: Database) -> None:
    with database.connect() as conn:
        user = conn.insert(INSERT_USER + " RETURNING id", ["e", "e@example.com", "x", NOW])
        article = conn.insert(
            "INSERT INTO articles (slug, author_id, title, description, body, created_at,"
            " updated_at) VALUES ('s', ?, 't', 'd', 'b', ?, ?) RETURNING id",
            [user, NOW, NOW],
        )
        conn.run(
            "INSERT INTO comments (article_id, author_id, body, created_at, updated_at)"
            " VALUES (?, ?, 'c', ?, ?)",
            [article, user, NOW, NOW],
        )
        conn.run("DELETE FROM users WHERE id = ?", [user])
        assert conn.one("SELECT COUNT(*) AS n FROM articles")["n"] == 0
        assert conn.one("SELECT COUNT(*) AS n FROM comments")["n"] == 0
