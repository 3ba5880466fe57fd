"""Cart lines: (user, product, quantity). No price is stored here: a cart is
always priced from the catalog as it is now."""

from dataclasses import dataclass

from ..db import Connection


@dataclass(frozen=True)
class CartLine:
    product_id: int
    name: str
    unit_price: int
    quantity: int
    stock: int

    def to_json(self) -> dict[str, object]:
        return {
            "product_id": self.product_id,
            "name": self.name,
            "unit_price": self.unit_price,
            "quantity": self.quantity,
            "line_total": self.unit_price * self.quantity,
            "stock": self.stock,
        }


@dataclass(frozen=True)
class Cart:
    items: list[CartLine]
    currency: str

    def to_json(self) -> dict[str, object]:
        """The cart with its totals, computed here, never taken from a client."""
        return {
            "items": [line.to_json() for line in self.items],
            "item_count": sum(line.quantity for line in self.items),
            "total": sum(line.unit_price * line.quantity for line in self.items),
            "currency": self.currency,
        }


class UnknownProduct(Exception):
    """The product does not exist."""


class OverStock(Exception):
    """The cart would hold more of a product than its stock."""

    def __init__(self, stock: int, wanted: int):
        super().__init__(f"only {stock} in stock (the cart would hold {wanted})")
        self.stock = stock
        self.wanted = wanted


def get_cart(conn: Connection, user_id: int, currency: str) -> Cart:
    """user_id's cart; currency is the store's."""
    rows = conn.all(
        "SELECT ci.product_id, p.name, p.price, ci.quantity, p.stock"
        " FROM cart_items ci JOIN products p ON p.id = ci.product_id"
        " WHERE ci.user_id = ? ORDER BY ci.product_id",
        [user_id],
    )
    lines = [
        CartLine(r["product_id"], r["name"], r["price"], r["quantity"], r["stock"]) for r in rows
    ]
    return Cart(lines, currency)


def set_quantity(
    conn: Connection, user_id: int, product_id: int, quantity: int, *, add: bool
) -> None:
    """Sets (add=False) or adds to (add=True) the quantity of a line, held to
    the product's stock, in one transaction. Raises UnknownProduct or OverStock.
    The upsert computes the new quantity itself, so two adds at once cannot
    lose one another."""
    result = "cart_items.quantity + excluded.quantity" if add else "excluded.quantity"
    with conn.transaction():
        product = conn.one("SELECT stock FROM products WHERE id = ?", [product_id])
        if product is None:
            raise UnknownProduct(product_id)
        line = conn.one(
            "INSERT INTO cart_items (user_id, product_id, quantity) VALUES (?, ?, ?)"  # noqa: S608
            f" ON CONFLICT (user_id, product_id) DO UPDATE SET quantity = {result}"
            " RETURNING quantity",
            [user_id, product_id, quantity],
        )
        wanted = line["quantity"] if line else quantity
        if wanted > product["stock"]:
            raise OverStock(product["stock"], wanted)  # rolls the upsert back


def remove_line(conn: Connection, user_id: int, product_id: int) -> bool:
    """Takes a product out of the cart; False when it was not in it."""
    return (
        conn.run(
            "DELETE FROM cart_items WHERE user_id = ? AND product_id = ?", [user_id, product_id]
        )
        > 0
    )
