from datetime import UTC, datetime

import pytest

from ecommerce_api.db import Database, UniqueViolation
from ecommerce_api.migrate import migrate

NOW = datetime.now(UTC).isoformat()
INSERT_PRODUCT = (
    "INSERT INTO products (name, price, currency, stock, created_at)"
    " VALUES ('P', 1, 'EUR', ?, ?) RETURNING id"
)


def test_migrations_apply_once(database: Database) -> None:
    assert migrate(database) == []  # the fixture migrated it already
    with database.connect() as conn:
        rows = conn.all("SELECT version FROM schema_migrations ORDER BY version")
    assert [r["version"] for r in rows] == ["0001_init.sql", "0002_idempotency_request_hash.sql"]


def test_a_failed_transaction_rolls_back_whole(database: Database) -> None:
    with database.connect() as conn:
        with pytest.raises(RuntimeError, match="boom"), conn.transaction():
            conn.run("INSERT INTO categories (slug, name) VALUES ('tmp', 'Tmp')")
            raise RuntimeError("boom")
        assert conn.one("SELECT id FROM categories WHERE slug = 'tmp'") is None


def test_unique_violations_have_one_error_type(database: Database) -> None:
    with database.connect() as conn:
        conn.run("INSERT INTO categories (slug, name) VALUES ('dup', 'Dup')")
        with pytest.raises(UniqueViolation):
            conn.run("INSERT INTO categories (slug, name) VALUES ('dup', 'Dup')")


def test_the_stock_can_never_go_below_zero(database: Database) -> None:
    with database.connect() as conn:
        product = conn.insert(INSERT_PRODUCT, [1, NOW])
        with pytest.raises(Exception, match="(?i)check"):
            conn.run("UPDATE products SET stock = stock - 2 WHERE id = ?", [product])


def test_a_transaction_is_invisible_to_others_until_it_commits(database: Database) -> None:
    with database.connect() as writer, database.connect() as reader:
        with writer.transaction():
            writer.insert(INSERT_PRODUCT, [1, NOW])
            assert reader.one("SELECT COUNT(*) AS n FROM products")["n"] == 0
        assert reader.one("SELECT COUNT(*) AS n FROM products")["n"] == 1
