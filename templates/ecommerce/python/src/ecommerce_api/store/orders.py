"""Orders: checkout in one transaction that never oversells, Idempotency-Key
retries, and the status changes an order may go through."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from ..clock import from_db, rfc3339, to_db
from ..db import Connection, Row, UniqueViolation

STATUSES = ("pending", "paid", "shipped", "delivered", "cancelled")

TRANSITIONS = {
    "pending": ("paid", "cancelled"),
    "paid": ("shipped", "cancelled"),
    "shipped": ("delivered",),
    "delivered": (),
    "cancelled": (),
}
"""The legal status changes; anything else is IllegalTransition (409)."""

_ORDER_COLUMNS = "id, user_id, status, total, currency, created_at, updated_at"


@dataclass(frozen=True)
class OrderItem:
    product_id: int
    name: str
    unit_price: int  # copied from the catalog when the order was placed
    quantity: int

    def to_json(self) -> dict[str, object]:
        return {
            "product_id": self.product_id,
            "name": self.name,
            "unit_price": self.unit_price,
            "quantity": self.quantity,
            "line_total": self.unit_price * self.quantity,
        }


@dataclass(frozen=True)
class Order:
    id: int
    user_id: int
    status: str
    total: int
    currency: str
    items: list[OrderItem]
    created_at: datetime
    updated_at: datetime

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "user_id": self.user_id,
            "status": self.status,
            "total": self.total,
            "currency": self.currency,
            "items": [item.to_json() for item in self.items],
            "created_at": rfc3339(self.created_at),
            "updated_at": rfc3339(self.updated_at),
        }


@dataclass(frozen=True)
class Line:
    """quantity of a product, asked for."""

    product_id: int
    quantity: int


@dataclass(frozen=True)
class CheckoutInput:
    """One checkout: the user's cart, or lines when given ("buy now"). key is
    the client's Idempotency-Key (or None) and request_hash the fingerprint
    of the request that carried it."""

    user_id: int
    currency: str
    lines: Sequence[Line] | None = None
    key: str | None = None
    request_hash: str | None = None


class CheckoutError(Exception):
    """A checkout that places nothing; its transaction rolls back whole."""


class EmptyCart(CheckoutError):
    pass


class UnknownProduct(CheckoutError):
    def __init__(self, product_id: int):
        super().__init__(f"product {product_id} does not exist")


class OutOfStock(CheckoutError):
    def __init__(self, name: str):
        super().__init__(f"not enough stock for {name}")


class MixedCurrencies(CheckoutError):
    pass


class KeyReused(CheckoutError):
    """The Idempotency-Key placed an order for another request."""


class IllegalTransition(Exception):
    def __init__(self, current: str, wanted: str):
        super().__init__(f"an order that is {current} cannot become {wanted}")


def place_order(conn: Connection, order: CheckoutInput, now: datetime) -> tuple[Order, bool]:
    """Checks out in one transaction and answers the order and whether it was
    placed now (False: the key's earlier order, replayed).

    Each product's stock is taken with one conditional statement,
        UPDATE products SET stock = stock - ? WHERE id = ? AND stock >= ?
    and a line it changes no row for raises OutOfStock, which rolls the whole
    order back: two checkouts can never sell the same item. On PostgreSQL the
    UPDATE locks the row, and the second of two racing checkouts re-reads the
    stock once the first commits; on SQLite the transaction holds the write
    lock (BEGIN IMMEDIATE) from its start. Prices come from the catalog, in
    the same statement: RETURNING reads the row the UPDATE locked."""
    try:
        with conn.transaction():
            if order.key is not None:
                first = _order_of_key(conn, order)
                if first is not None:
                    return first, False
            from_cart = order.lines is None
            lines = _cart_lines(conn, order.user_id) if order.lines is None else order.lines
            items = _take_stock(conn, _merged(lines), order.currency)
            total = sum(item.unit_price * item.quantity for item in items)
            at = to_db(now)
            order_id = conn.insert(
                "INSERT INTO orders (user_id, status, total, currency, idempotency_key,"
                " request_hash, created_at, updated_at)"
                " VALUES (?, 'pending', ?, ?, ?, ?, ?, ?) RETURNING id",
                [order.user_id, total, order.currency, order.key, order.request_hash, at, at],
            )
            for item in items:
                conn.run(
                    "INSERT INTO order_items (order_id, product_id, name, unit_price, quantity)"
                    " VALUES (?, ?, ?, ?, ?)",
                    [order_id, item.product_id, item.name, item.unit_price, item.quantity],
                )
            if from_cart:
                conn.run("DELETE FROM cart_items WHERE user_id = ?", [order.user_id])
    except UniqueViolation:
        # On PostgreSQL two requests with one key can both pass the first
        # look-up; the unique (user_id, idempotency_key) index lets one
        # INSERT commit, and this one rolled back: the winner's order is
        # the answer, if the winner sent the same request.
        first = _order_of_key(conn, order) if order.key is not None else None
        if first is None:
            raise
        return first, False
    placed = load_order(conn, order_id)
    if placed is None:
        raise LookupError(f"order {order_id} vanished right after its INSERT")
    return placed, True


def _merged(lines: Sequence[Line]) -> list[Line]:
    """One line per product, in id order: every transaction then takes its row
    locks in the same order, so two checkouts cannot deadlock on PostgreSQL."""
    quantities: dict[int, int] = {}
    for line in lines:
        quantities[line.product_id] = quantities.get(line.product_id, 0) + line.quantity
    if not quantities:
        raise EmptyCart("the cart is empty")
    return [Line(pid, quantities[pid]) for pid in sorted(quantities)]


def _take_stock(conn: Connection, lines: list[Line], currency: str) -> list[OrderItem]:
    items: list[OrderItem] = []
    for line in lines:
        taken = conn.one(
            "UPDATE products SET stock = stock - ? WHERE id = ? AND stock >= ?"
            " RETURNING name, price, currency",
            [line.quantity, line.product_id, line.quantity],
        )
        if taken is None:
            product = conn.one("SELECT name FROM products WHERE id = ?", [line.product_id])
            if product is None:
                raise UnknownProduct(line.product_id)
            raise OutOfStock(product["name"])
        if taken["currency"] != currency:
            raise MixedCurrencies(f"{taken['name']} is sold in {taken['currency']}")
        items.append(OrderItem(line.product_id, taken["name"], taken["price"], line.quantity))
    return items


def _cart_lines(conn: Connection, user_id: int) -> list[Line]:
    rows = conn.all("SELECT product_id, quantity FROM cart_items WHERE user_id = ?", [user_id])
    return [Line(row["product_id"], row["quantity"]) for row in rows]


def _order_of_key(conn: Connection, order: CheckoutInput) -> Order | None:
    """The order order.key placed for the user, or None. Raises KeyReused when
    another request placed it; an order without a recorded hash (placed before
    hashes were kept) counts as a match."""
    row = conn.one(
        "SELECT id, request_hash FROM orders WHERE user_id = ? AND idempotency_key = ?",
        [order.user_id, order.key],
    )
    if row is None:
        return None
    if row["request_hash"] is not None and row["request_hash"] != order.request_hash:
        raise KeyReused("this Idempotency-Key was used with another request")
    return load_order(conn, row["id"])


def load_order(conn: Connection, order_id: int) -> Order | None:
    """An order with its items, or None."""
    rows = conn.all(f"SELECT {_ORDER_COLUMNS} FROM orders WHERE id = ?", [order_id])  # noqa: S608
    orders = _with_items(conn, rows)
    return orders[0] if orders else None


def list_orders(
    conn: Connection, *, user_id: int | None, status: str | None, page: int, limit: int
) -> tuple[list[Order], int]:
    """A page of orders, newest first, and how many match in all: user_id's,
    or everybody's when it is None; status filters when given."""
    where: list[str] = []
    params: list[object] = []
    if user_id is not None:
        where.append("user_id = ?")
        params.append(user_id)
    if status is not None:
        where.append("status = ?")
        params.append(status)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    count = conn.one(f"SELECT COUNT(*) AS n FROM orders{clause}", params)  # noqa: S608
    rows = conn.all(
        f"SELECT {_ORDER_COLUMNS} FROM orders{clause} ORDER BY id DESC LIMIT ? OFFSET ?",  # noqa: S608
        [*params, limit, (page - 1) * limit],
    )
    return _with_items(conn, rows), int(count["n"]) if count else 0


def _with_items(conn: Connection, rows: list[Row]) -> list[Order]:
    """Orders from rows, each with its items, in one more query."""
    if not rows:
        return []
    placeholders = ", ".join("?" for _ in rows)
    items: dict[int, list[OrderItem]] = {row["id"]: [] for row in rows}
    for r in conn.all(
        "SELECT order_id, product_id, name, unit_price, quantity FROM order_items"  # noqa: S608
        f" WHERE order_id IN ({placeholders}) ORDER BY order_id, product_id",
        [row["id"] for row in rows],
    ):
        items[r["order_id"]].append(
            OrderItem(r["product_id"], r["name"], r["unit_price"], r["quantity"])
        )
    return [
        Order(
            id=row["id"],
            user_id=row["user_id"],
            status=row["status"],
            total=row["total"],
            currency=row["currency"],
            items=items[row["id"]],
            created_at=from_db(row["created_at"]),
            updated_at=from_db(row["updated_at"]),
        )
        for row in rows
    ]


def change_status(conn: Connection, order_id: int, status: str, now: datetime) -> Order | None:
    """Moves an order to status, in one transaction, if TRANSITIONS allows it
    (IllegalTransition otherwise); cancelling puts the items back in stock.
    None when there is no such order."""
    with conn.transaction():
        if not transition(conn, order_id, status, now):
            return None
    return load_order(conn, order_id)


def transition(conn: Connection, order_id: int, status: str, now: datetime) -> bool:
    """change_status inside the caller's transaction; False when the order does
    not exist. The UPDATE repeats the status it read, so of two changes racing
    on one order only one moves it."""
    row = conn.one("SELECT status FROM orders WHERE id = ?", [order_id])
    if row is None:
        return False
    current = row["status"]
    if status not in TRANSITIONS.get(current, ()):
        raise IllegalTransition(current, status)
    changed = conn.run(
        "UPDATE orders SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
        [status, to_db(now), order_id, current],
    )
    if changed == 0:
        raise IllegalTransition(current + " (changed meanwhile)", status)
    if status == "cancelled":
        for item in conn.all(
            "SELECT product_id, quantity FROM order_items WHERE order_id = ?", [order_id]
        ):
            conn.run(
                "UPDATE products SET stock = stock + ? WHERE id = ?",
                [item["quantity"], item["product_id"]],
            )
    return True
