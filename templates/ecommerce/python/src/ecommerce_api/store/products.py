"""Products and categories. Money is an integer of minor units (1999 = 19.99)."""

import json
from dataclasses import dataclass
from datetime import datetime

from ..clock import from_db, rfc3339, to_db
from ..db import Connection, Row

_COLUMNS = (
    "p.id, p.name, p.description, p.price, p.currency, p.stock, c.slug AS category,"
    " p.images, p.created_at FROM products p LEFT JOIN categories c ON c.id = p.category_id"
)

SORTS = {
    "id": "p.id ASC",
    "newest": "p.created_at DESC, p.id DESC",
    "price_asc": "p.price ASC, p.id ASC",
    "price_desc": "p.price DESC, p.id ASC",
    "name": "p.name ASC, p.id ASC",
}
"""The sort keys and the ORDER BY each stands for; the id breaks ties so that
pages never overlap. Only these strings reach ORDER BY."""


@dataclass(frozen=True)
class Category:
    id: int
    slug: str
    name: str

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "slug": self.slug, "name": self.name}


@dataclass(frozen=True)
class Product:
    id: int
    name: str
    description: str
    price: int
    currency: str
    stock: int
    category: str | None  # the category's slug
    images: list[str]
    created_at: datetime

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "price": self.price,
            "currency": self.currency,
            "stock": self.stock,
            "category": self.category,
            "images": self.images,
            "created_at": rfc3339(self.created_at),
        }


@dataclass(frozen=True)
class ProductInput:
    """What an admin sets on a product; category_id is the resolved slug."""

    name: str
    description: str
    price: int
    currency: str
    stock: int
    category_id: int | None
    images: list[str]


@dataclass(frozen=True)
class ProductQuery:
    """Which page of which products, in which order; None does not filter."""

    page: int = 1
    limit: int = 20
    category: str | None = None
    min_price: int | None = None
    max_price: int | None = None
    q: str | None = None
    sort: str = "id"


def _product(row: Row) -> Product:
    try:
        images = json.loads(row["images"])
    except ValueError:
        images = []
    return Product(
        id=row["id"],
        name=row["name"],
        description=row["description"],
        price=row["price"],
        currency=row["currency"],
        stock=row["stock"],
        category=row["category"],
        images=images if isinstance(images, list) else [],
        created_at=from_db(row["created_at"]),
    )


def list_categories(conn: Connection) -> list[Category]:
    rows = conn.all("SELECT id, slug, name FROM categories ORDER BY name, id")
    return [Category(row["id"], row["slug"], row["name"]) for row in rows]


def category_id(conn: Connection, slug: str) -> int | None:
    """The id of the category named slug, or None."""
    row = conn.one("SELECT id FROM categories WHERE slug = ?", [slug])
    return None if row is None else row["id"]


def list_products(conn: Connection, query: ProductQuery) -> tuple[list[Product], int]:
    """One page of the products query selects, and how many it selects in all.
    The WHERE clause is built from fixed conditions with placeholders."""
    where: list[str] = []
    params: list[object] = []
    if query.category is not None:
        where.append("c.slug = ?")
        params.append(query.category)
    if query.min_price is not None:
        where.append("p.price >= ?")
        params.append(query.min_price)
    if query.max_price is not None:
        where.append("p.price <= ?")
        params.append(query.max_price)
    if query.q:
        pattern = f"%{_escape_like(query.q.lower())}%"
        where.append(
            "(LOWER(p.name) LIKE ? ESCAPE '\\' OR LOWER(p.description) LIKE ? ESCAPE '\\')"
        )
        params += [pattern, pattern]
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    count = conn.one(
        "SELECT COUNT(*) AS n FROM products p"  # noqa: S608 (constant SQL)
        f" LEFT JOIN categories c ON c.id = p.category_id{clause}",
        params,
    )
    rows = conn.all(
        f"SELECT {_COLUMNS}{clause} ORDER BY {SORTS[query.sort]} LIMIT ? OFFSET ?",  # noqa: S608
        [*params, query.limit, (query.page - 1) * query.limit],
    )
    return [_product(row) for row in rows], int(count["n"]) if count else 0


def _escape_like(s: str) -> str:
    """s made to match itself literally inside a LIKE pattern."""
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def product_by_id(conn: Connection, product_id: int) -> Product | None:
    row = conn.one(f"SELECT {_COLUMNS} WHERE p.id = ?", [product_id])  # noqa: S608
    return None if row is None else _product(row)


def create_product(conn: Connection, p: ProductInput, now: datetime) -> Product:
    product_id = conn.insert(
        "INSERT INTO products"
        " (name, description, price, currency, stock, category_id, images, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [
            p.name,
            p.description,
            p.price,
            p.currency,
            p.stock,
            p.category_id,
            json.dumps(p.images),
            to_db(now),
        ],
    )
    created = product_by_id(conn, product_id)
    if created is None:
        raise LookupError(f"product {product_id} vanished right after its INSERT")
    return created


def update_product(conn: Connection, product_id: int, p: ProductInput) -> Product | None:
    """Replaces every field of a product; None when there is no such product."""
    changed = conn.run(
        "UPDATE products SET name = ?, description = ?, price = ?, currency = ?, stock = ?,"
        " category_id = ?, images = ? WHERE id = ?",
        [
            p.name,
            p.description,
            p.price,
            p.currency,
            p.stock,
            p.category_id,
            json.dumps(p.images),
            product_id,
        ],
    )
    return product_by_id(conn, product_id) if changed else None


def delete_product(conn: Connection, product_id: int) -> str:
    """Deletes a product that no order mentions. Answers "deleted", "missing" or
    "ordered" (orders keep their history, so the product stays: set its stock
    to 0 instead). The product's row is locked first on PostgreSQL, so that a
    checkout cannot order it between the check and the DELETE."""
    lock = " FOR UPDATE" if conn.dialect == "postgres" else ""  # SQLite locks the whole database
    with conn.transaction():
        if conn.one(f"SELECT id FROM products WHERE id = ?{lock}", [product_id]) is None:  # noqa: S608
            return "missing"
        if conn.one("SELECT 1 AS x FROM order_items WHERE product_id = ? LIMIT 1", [product_id]):
            return "ordered"
        conn.run("DELETE FROM products WHERE id = ?", [product_id])
        return "deleted"
