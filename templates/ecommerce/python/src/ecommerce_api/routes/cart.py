"""/api/cart: the signed-in customer's cart, priced from the catalog on every read."""

from flask import Blueprint, Response, jsonify

from ..auth.middleware import authenticate, current_user
from ..errors import ApiError, validation_failed
from ..params import path_id
from ..schemas.cart import ItemQuantity, NewItem
from ..services import get_db, services
from ..store.cart import OverStock, UnknownProduct, get_cart, remove_line, set_quantity
from ..validation import parse_body

bp = Blueprint("cart", __name__, url_prefix="/api/cart")
bp.before_request(authenticate)  # every endpoint here needs a valid access token


def _cart() -> Response:
    cart = get_cart(get_db(), current_user().id, services().settings.currency)
    return jsonify(cart.to_json())


def _put(product_id: int, quantity: int, *, add: bool) -> Response:
    try:
        set_quantity(get_db(), current_user().id, product_id, quantity, add=add)
    except UnknownProduct:
        raise validation_failed({"product_id": "no such product"}) from None
    except OverStock as err:
        raise validation_failed({"quantity": str(err)}) from None
    return _cart()


@bp.get("")
def show() -> Response:
    return _cart()


@bp.post("/items")
def add() -> Response:
    """Adds quantity of a product to what the cart holds."""
    data = parse_body(NewItem)
    return _put(data.product_id, data.quantity, add=True)


@bp.put("/items/<product_id>")
def set_item(product_id: str) -> Response:
    """Replaces the quantity of the product in the path."""
    pid = path_id(product_id, "product not found")
    data = parse_body(ItemQuantity)
    return _put(pid, data.quantity, add=False)


@bp.delete("/items/<product_id>")
def remove(product_id: str) -> Response:
    pid = path_id(product_id, "product is not in the cart")
    if not remove_line(get_db(), current_user().id, pid):
        raise ApiError(404, "product is not in the cart")
    return _cart()
