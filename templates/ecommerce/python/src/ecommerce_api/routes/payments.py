"""POST /api/orders/<id>/pay and GET /api/orders/<id>/payments (with a test
card of the mock provider), and the provider's signed webhook."""

import json

from flask import Blueprint, Response, jsonify, request

from ..auth.middleware import authenticate
from ..errors import ApiError, validation_failed
from ..hardening import raw_body, unsafe_path
from ..log import get_logger
from ..payments.provider import Declined, UnknownCard, charge
from ..payments.signatures import SIGNATURE_HEADER, verify
from ..schemas.payments import CardPayment, WebhookEvent
from ..services import get_db, services
from ..store.payments import (
    PaymentEvent,
    apply_payment_event,
    list_payments,
    mark_paid,
    record_declined,
)
from ..validation import parse_body
from .orders import visible_order

MAX_WEBHOOK_BYTES = 64 * 1024
"""What the webhook reads at most before it has verified anything."""

bp = Blueprint("payments", __name__, url_prefix="/api")


@bp.post("/orders/<order_id>/pay")
def pay(order_id: str) -> Response:
    """Charges the order's own total, never an amount from the client, to a
    test card. Only the order's owner pays it (anybody else: 404)."""
    authenticate()
    order = visible_order(order_id, owner_only=True)
    data = parse_body(CardPayment)
    if order.status != "pending":
        raise ApiError(409, f"the order is {order.status}, only a pending order can be paid")
    now = services().clock()
    try:
        reference = charge(data.card_number, order.total)
    except UnknownCard as err:
        raise validation_failed({"card_number": str(err)}) from None
    except Declined as err:
        record_declined(get_db(), order.id, order.total, now)
        raise ApiError(402, str(err)) from None
    paid = mark_paid(
        get_db(), order.id, source="card", reference=reference, amount=order.total, now=now
    )
    if paid is None:  # paid meanwhile (a webhook, a double click): nothing was recorded
        raise ApiError(409, "the order is not pending any more")
    paid_order, payment = paid
    return jsonify(order=paid_order.to_json(), payment=payment.to_json())


@bp.get("/orders/<order_id>/payments")
def payments(order_id: str) -> Response:
    """An order's payment attempts, declined ones included: its owner or an admin."""
    authenticate()
    order = visible_order(order_id)
    return jsonify(data=[p.to_json() for p in list_payments(get_db(), order.id)])


@bp.post("/payments/webhook")
@raw_body
def webhook() -> Response:
    """Verifies the signature over the raw bytes first, before parsing
    anything, so nothing unauthenticated is even decoded; then applies the
    event once per event id."""
    if (request.content_length or 0) > MAX_WEBHOOK_BYTES:
        raise ApiError(413, "request body is too large")
    raw = request.get_data(cache=True)
    if len(raw) > MAX_WEBHOOK_BYTES:
        raise ApiError(413, "request body is too large")
    if not verify(services().settings.webhook_secret, raw, request.headers.get(SIGNATURE_HEADER)):
        get_logger().warning("webhook refused: missing or invalid signature")
        raise ApiError(401, "missing or invalid signature")
    try:
        event = WebhookEvent.model_validate(json.loads(raw))
    except (ValueError, RecursionError):  # pydantic's ValidationError is a ValueError
        raise ApiError(400, "not a payment event: it needs an id and a type") from None
    if unsafe_path(event.model_dump()):
        raise ApiError(400, "not a payment event: text without NUL bytes, please")
    outcome = apply_payment_event(
        get_db(), PaymentEvent(event.id, event.type, event.data), services().clock()
    )
    get_logger().info(
        "payment webhook", extra={"event": event.id, "type": event.type, "outcome": outcome}
    )
    return jsonify(received=True, event=event.id, outcome=outcome)
