from datetime import UTC, datetime
from importlib import resources

import pytest

from tasks_api.db import Database, UniqueViolation
from tasks_api.migrate import migrate

INSERT_USER = "INSERT INTO users (email, password_hash, created_at) VALUES (?, ?, ?)"
NOW = datetime.now(UTC).isoformat()


def test_migrations_apply_once(database: Database) -> None:
    assert migrate(database) == []  # the fixture migrated it already
    with database.connect() as conn:
        rows = conn.all("SELECT version FROM schema_migrations ORDER BY version")
    # Every file of the dialect's folder, in name order, once.
    folder = resources.files("tasks_api") / "migrations" / database.dialect
    files = sorted(f.name for f in folder.iterdir() if f.name.endswith(".sql"))
    assert "0001_init.sql" in files
    assert [r["version"] for r in rows] == files


def test_a_unique_violation_is_unique_violation(database: Database) -> None:
    with database.connect() as conn:
        conn.run(INSERT_USER, ["a@example.com", "x", NOW])
        with pytest.raises(UniqueViolation):
            conn.run(INSERT_USER, ["a@example.com", "x", NOW])


def test_a_failed_transaction_rolls_back(database: Database) -> None:
    with database.connect() as conn:
        with pytest.raises(RuntimeError, match="boom"), conn.transaction():
            conn.run(INSERT_USER, ["b@example.com", "x", NOW])
            raise RuntimeError("boom")
        with conn.transaction():
            conn.run(INSERT_USER, ["c@example.com", "x", NOW])
        rows = conn.all("SELECT email FROM users")
    assert [r["email"] for r in rows] == ["c@example.com"]


def test_a_transaction_is_invisible_to_others_until_it_commits(database: Database) -> None:
    with database.connect() as writer, database.connect() as reader:
        with writer.transaction():
            writer.run(INSERT_USER, ["d@example.com", "x", NOW])
            assert reader.one("SELECT COUNT(*) AS n FROM users")["n"] == 0
        assert reader.one("SELECT COUNT(*) AS n FROM users")["n"] == 1


def test_insert_returns_the_new_id(database: Database) -> None:
    with database.connect() as conn:
        first = conn.insert(INSERT_USER + " RETURNING id", ["e@example.com", "x", NOW])
        second = conn.insert(INSERT_USER + " RETURNING id", ["f@example.com", "x", NOW])
    assert second > first > 0


def test_deleting_a_user_deletes_their_tasks(database: Database) -> None:
    with database.connect() as conn:
        user = conn.insert(INSERT_USER + " RETURNING id", ["g@example.com", "x", NOW])
        conn.run(
            "INSERT INTO tasks (owner_id, title, status, priority, created_at, updated_at)"
            " VALUES (?, 'x', 'todo', 'low', ?, ?)",
            [user, NOW, NOW],
        )
        conn.run("DELETE FROM users WHERE id = ?", [user])
        assert conn.one("SELECT COUNT(*) AS n FROM tasks")["n"] == 0
