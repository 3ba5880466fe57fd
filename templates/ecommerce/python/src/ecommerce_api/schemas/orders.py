"""The bodies of POST /api/orders and PATCH /api/admin/orders/<id>."""

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel

from ..validation import invalid
from .common import ProductId, Quantity

MAX_LINES = 100

Status = Literal["pending", "paid", "shipped", "delivered", "cancelled"]


class OrderLine(BaseModel):
    product_id: ProductId
    quantity: Quantity


def _lines(value: list[OrderLine]) -> list[OrderLine]:
    if not 1 <= len(value) <= MAX_LINES:
        raise invalid(f"must hold 1 to {MAX_LINES} lines")
    return value


class Checkout(BaseModel):
    """Without items, the cart is checked out. Only items is read: a total or a
    unit_price in the body is ignored, prices come from the catalog."""

    items: Annotated[list[OrderLine], AfterValidator(_lines)] | None = None


class StatusChange(BaseModel):
    status: Status
