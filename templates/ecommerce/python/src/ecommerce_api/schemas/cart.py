"""The bodies of POST /api/cart/items and PUT /api/cart/items/<product_id>.
Only product_id and quantity are read: a price in the body is ignored."""

from pydantic import BaseModel

from .common import ProductId, Quantity


class NewItem(BaseModel):
    product_id: ProductId
    quantity: Quantity


class ItemQuantity(BaseModel):
    quantity: Quantity
