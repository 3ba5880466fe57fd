"""Payments, by card or reported by the provider's webhook, and the webhook
events already seen."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from ..clock import from_db, rfc3339, to_db
from ..db import Connection, Row
from .orders import IllegalTransition, Order, load_order, transition

Outcome = Literal["applied", "ignored", "duplicate"]

_COLUMNS = "id, order_id, source, reference, amount, status, created_at"


@dataclass(frozen=True)
class Payment:
    id: int
    order_id: int
    source: str  # "card" or "webhook"
    reference: str  # the provider's id for the charge ("" when declined)
    amount: int
    status: str  # "succeeded" or "declined"
    created_at: datetime

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "order_id": self.order_id,
            "source": self.source,
            "reference": self.reference,
            "amount": self.amount,
            "status": self.status,
            "created_at": rfc3339(self.created_at),
        }


@dataclass(frozen=True)
class PaymentEvent:
    """A provider's notification, as signed. data is whatever it sent."""

    id: str
    type: str
    data: dict[str, Any]


def _payment(row: Row) -> Payment:
    return Payment(
        id=row["id"],
        order_id=row["order_id"],
        source=row["source"],
        reference=row["reference"],
        amount=row["amount"],
        status=row["status"],
        created_at=from_db(row["created_at"]),
    )


def _insert_payment(
    conn: Connection,
    order_id: int,
    *,
    source: str,
    reference: str,
    amount: int,
    status: str,
    now: datetime,
) -> Payment:
    row = conn.one(
        "INSERT INTO payments (order_id, source, reference, amount, status, created_at)"  # noqa: S608
        f" VALUES (?, ?, ?, ?, ?, ?) RETURNING {_COLUMNS}",
        [order_id, source, reference, amount, status, to_db(now)],
    )
    if row is None:
        raise LookupError("the payment INSERT returned no row")
    return _payment(row)


def record_declined(conn: Connection, order_id: int, amount: int, now: datetime) -> Payment:
    """Keeps a refused attempt in the order's payment history."""
    return _insert_payment(
        conn, order_id, source="card", reference="", amount=amount, status="declined", now=now
    )


def mark_paid(
    conn: Connection, order_id: int, *, source: str, reference: str, amount: int, now: datetime
) -> tuple[Order, Payment] | None:
    """Records a succeeded payment and moves the order from pending to paid, in
    one transaction. None when the order is not pending any more (paid
    meanwhile: nothing is recorded)."""
    with conn.transaction():
        payment = _mark_paid(conn, order_id, source, reference, amount, now)
    if payment is None:
        return None
    order = load_order(conn, order_id)
    return None if order is None else (order, payment)


def _mark_paid(
    conn: Connection, order_id: int, source: str, reference: str, amount: int, now: datetime
) -> Payment | None:
    try:
        if not transition(conn, order_id, "paid", now):
            return None
    except IllegalTransition:
        return None
    return _insert_payment(
        conn,
        order_id,
        source=source,
        reference=reference,
        amount=amount,
        status="succeeded",
        now=now,
    )


def list_payments(conn: Connection, order_id: int) -> list[Payment]:
    """An order's payments, oldest first, declined ones included."""
    rows = conn.all(
        f"SELECT {_COLUMNS} FROM payments WHERE order_id = ? ORDER BY id",  # noqa: S608
        [order_id],
    )
    return [_payment(row) for row in rows]


def apply_payment_event(conn: Connection, event: PaymentEvent, now: datetime) -> Outcome:
    """Records the event id and applies the event in the same transaction, so a
    replay, even a concurrent one, changes nothing: the id is a primary key.
    A payment.succeeded event pays a pending order when its amount and
    currency are exactly the order's."""
    with conn.transaction():
        if (
            conn.run(
                "INSERT INTO webhook_events (id, type, received_at) VALUES (?, ?, ?)"
                " ON CONFLICT (id) DO NOTHING",
                [event.id, event.type, to_db(now)],
            )
            == 0
        ):
            return "duplicate"
        if event.type != "payment.succeeded":
            return "ignored"
        order_id, amount = event.data.get("order_id"), event.data.get("amount")
        currency, reference = event.data.get("currency"), event.data.get("reference")
        if not _whole(order_id) or not _whole(amount):
            return "ignored"
        order = conn.one("SELECT status, total, currency FROM orders WHERE id = ?", [order_id])
        if (
            order is None
            or order["status"] != "pending"
            or order["total"] != amount
            or order["currency"] != currency
        ):
            return "ignored"
        ref = reference if isinstance(reference, str) and reference else event.id
        paid = _mark_paid(conn, order_id, "webhook", ref[:255], amount, now)
        return "applied" if paid else "ignored"


def _whole(v: object) -> bool:
    """Whether v is a whole number a BIGINT holds (bool is an int in Python: not here)."""
    return isinstance(v, int) and not isinstance(v, bool) and 0 < v < 2**63
