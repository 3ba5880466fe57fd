"""The sample catalog a fresh development database starts with. The checks
of the catalog milestone rely on exactly these (checks/README.md)."""

from datetime import datetime

from ..clock import to_db
from ..db import Connection

CATEGORIES = [("books", "Books"), ("coffee", "Coffee"), ("gear", "Gear")]

# (category, name, description, price in minor units, stock)
PRODUCTS = [
    (
        "books",
        "The Go Programming Language",
        "The classic tour of Go, from the basics to concurrency.",
        3999,
        25,
    ),
    (
        "books",
        "Designing Data-Intensive Applications",
        "Storage, replication, transactions and streams, and the trade-offs behind them.",
        4550,
        12,
    ),
    ("books", "HTTP Pocket Reference", "Methods, status codes and headers at a glance.", 1299, 40),
    ("coffee", "Espresso Beans 1kg", "Dark roast, chocolate and hazelnut notes.", 2490, 30),
    ("coffee", "Filter Coffee 250g", "Light roast from Ethiopia, floral and bright.", 990, 50),
    ("gear", "Mechanical Keyboard", "Tenkeyless, hot-swappable switches.", 12900, 8),
    ("gear", "Desk Mat", "Felt desk mat, 90 by 40 centimetres.", 2900, 20),
    ("gear", "Rubber Duck", "For debugging out loud.", 499, 100),
]

# An arbitrary constant: two workers starting at once on one PostgreSQL
# database take turns, so the catalog is seeded once.
SEED_LOCK_ID = 72616762


def seed_catalog(conn: Connection, currency: str, now: datetime) -> bool:
    """Fills an empty catalog with the sample data priced in currency, in one
    transaction, and reports whether it did: a catalog with any category or
    product is left alone."""
    with conn.transaction():
        if conn.dialect == "postgres":
            conn.one("SELECT pg_advisory_xact_lock(?)", [SEED_LOCK_ID])
        row = conn.one(
            "SELECT (SELECT COUNT(*) FROM categories) + (SELECT COUNT(*) FROM products) AS n"
        )
        if row and int(row["n"]) > 0:
            return False
        ids = {
            slug: conn.insert(
                "INSERT INTO categories (slug, name) VALUES (?, ?) RETURNING id", [slug, name]
            )
            for slug, name in CATEGORIES
        }
        for slug, name, description, price, stock in PRODUCTS:
            conn.run(
                "INSERT INTO products"
                " (name, description, price, currency, stock, category_id, images, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, '[]', ?)",
                [name, description, price, currency, stock, ids[slug], to_db(now)],
            )
    return True
