"""/api/orders: checkout and the customer's orders; /api/admin/orders: every
order, and status changes."""

import hashlib
import json
from typing import Any

from flask import Blueprint, Response, jsonify, request

from ..auth.middleware import authenticate, current_user, require_admin
from ..errors import ApiError, validation_failed
from ..params import page_of, paging, path_id
from ..schemas.orders import Checkout, StatusChange
from ..services import get_db, services
from ..store.orders import (
    STATUSES,
    CheckoutError,
    CheckoutInput,
    EmptyCart,
    IllegalTransition,
    KeyReused,
    Line,
    Order,
    OutOfStock,
    change_status,
    list_orders,
    load_order,
    place_order,
)
from ..validation import json_object, parse_body, validate

IDEMPOTENCY_HEADER = "Idempotency-Key"
MAX_KEY_CHARS = 255

bp = Blueprint("orders", __name__, url_prefix="/api/orders")
bp.before_request(authenticate)

admin_bp = Blueprint("admin_orders", __name__, url_prefix="/api/admin/orders")
admin_bp.before_request(require_admin)


def canonical_json(value: Any) -> str:
    """One text for one JSON value, however a client ordered or spaced it:
    object keys sorted, no insignificant space."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def request_hash(method: str, path: str, body: Any) -> str:
    """The fingerprint of the request an Idempotency-Key arrives with: sha256
    of the method, the path and the body as canonical JSON (no body counts as
    {}). The key sent again with another fingerprint is refused."""
    text = f"{method} {path}\n{canonical_json({} if body is None else body)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _idempotency_key() -> str | None:
    key = request.headers.get(IDEMPOTENCY_HEADER)
    if key is None or key == "":
        return None
    if len(key) > MAX_KEY_CHARS or "\x00" in key:
        raise validation_failed(
            {IDEMPOTENCY_HEADER: f"must be at most {MAX_KEY_CHARS} characters, without NUL bytes"}
        )
    return key


@bp.post("")
def checkout() -> tuple[Response, int, dict[str, str]]:
    """Places an order from the cart, or from the body's items ("buy now")."""
    body = json_object(optional=True)
    data = validate(Checkout, body)
    key = _idempotency_key()
    lines = None if data.items is None else [Line(i.product_id, i.quantity) for i in data.items]
    order_input = CheckoutInput(
        user_id=current_user().id,
        currency=services().settings.currency,
        lines=lines,
        key=key,
        request_hash=None if key is None else request_hash(request.method, request.path, body),
    )
    try:
        order, placed = place_order(get_db(), order_input, services().clock())
    except KeyReused as err:
        raise ApiError(
            422,
            str(err),
            fields={
                IDEMPOTENCY_HEADER: "already placed an order with another body;"
                " send a new key for a new order"
            },
        ) from None
    except EmptyCart:
        raise validation_failed({"cart": "is empty"}) from None
    except OutOfStock as err:
        raise ApiError(409, str(err)) from None
    except CheckoutError as err:  # an unknown product, a product in another currency
        raise validation_failed({"items": str(err)}) from None
    headers = {"Location": f"/api/orders/{order.id}"}
    if not placed:
        return jsonify(order.to_json()), 200, headers | {"Idempotent-Replayed": "true"}
    return jsonify(order.to_json()), 201, headers


def _list(user_id: int | None) -> Response:
    fields: dict[str, str] = {}
    page, limit = paging(fields)
    status = request.args.get("status") or None
    if status is not None and status not in STATUSES:
        fields["status"] = f"must be one of {', '.join(STATUSES)}"
    if fields:
        raise validation_failed(fields)
    orders, total = list_orders(get_db(), user_id=user_id, status=status, page=page, limit=limit)
    return jsonify(page_of([o.to_json() for o in orders], page, limit, total))


@bp.get("")
def mine() -> Response:
    """The customer's orders, newest first; ?status= filters."""
    return _list(current_user().id)


def visible_order(raw_id: str, *, owner_only: bool = False) -> Order:
    """The order of the path if the signed-in user may see it: its owner or
    (unless owner_only) an admin. Anybody else gets the same 404 as for a
    missing order: a 403 would confirm that the id exists."""
    order = load_order(get_db(), path_id(raw_id, "order not found"))
    user = current_user()
    if order is None or (order.user_id != user.id and (owner_only or not user.admin)):
        raise ApiError(404, "order not found")
    return order


@bp.get("/<order_id>")
def show(order_id: str) -> Response:
    return jsonify(visible_order(order_id).to_json())


@admin_bp.get("")
def every() -> Response:
    """Every customer's orders, newest first."""
    return _list(None)


@admin_bp.patch("/<order_id>")
def set_status(order_id: str) -> Response:
    """Moves an order along the legal transitions (409 otherwise); cancelling
    puts its items back in stock."""
    oid = path_id(order_id, "order not found")
    data = parse_body(StatusChange)
    try:
        order = change_status(get_db(), oid, data.status, services().clock())
    except IllegalTransition as err:
        raise ApiError(409, str(err)) from None
    if order is None:
        raise ApiError(404, "order not found")
    return jsonify(order.to_json())
