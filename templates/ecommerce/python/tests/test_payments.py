import json
from typing import Any

from conftest import WEBHOOK_SECRET
from ecommerce_api.payments.provider import Declined, UnknownCard, charge
from ecommerce_api.payments.signatures import sign, verify
from shop import Shop, at_once


def place(shop: Shop, price: int = 800, quantity: int = 2) -> tuple[dict[str, Any], dict[str, str]]:
    product = shop.new_product(price=price, stock=5)
    customer = shop.sign_up().auth
    body = {"items": [{"product_id": product["id"], "quantity": quantity}]}
    res = shop.api.client.post("/api/orders", json=body, headers=customer)
    assert res.status_code == 201, res.text
    return res.json, customer


def send(shop: Shop, body: bytes, signature: str | None) -> Any:
    headers = {"Content-Type": "application/json"}
    if signature is not None:
        headers["X-Signature"] = signature
    return shop.api.client.post("/api/payments/webhook", data=body, headers=headers)


def status_of(shop: Shop, order_id: int) -> str:
    return shop.api.client.get(f"/api/orders/{order_id}", headers=shop.admin).json["status"]


def test_test_cards_declined_402_unknown_422_success_pays_the_total_once(shop: Shop) -> None:
    order, customer = place(shop)
    client = shop.api.client

    def pay(card: str, auth: dict[str, str] = customer) -> Any:
        body = {"card_number": card, "amount": 1}
        return client.post(f"/api/orders/{order['id']}/pay", json=body, headers=auth)

    assert pay("4000000000000002").status_code == 402
    assert pay("4000000000009995").status_code == 402
    res = pay("4111111111111111")
    assert res.status_code == 422
    assert isinstance(res.json["fields"]["card_number"], str)
    assert pay("4242424242424242", shop.sign_up().auth).status_code == 404
    assert pay("4242424242424242", shop.admin).status_code == 404  # only the owner pays
    assert status_of(shop, order["id"]) == "pending"

    res = pay("4242 4242 4242 4242")
    assert res.status_code == 200
    assert res.json["order"]["status"] == "paid"
    payment = res.json["payment"]
    assert (payment["amount"], payment["status"], payment["source"]) == (1600, "succeeded", "card")
    assert payment["reference"].startswith("ch_")
    assert pay("4242424242424242").status_code == 409

    path = f"/api/orders/{order['id']}/payments"
    res = client.get(path, headers=customer)
    assert [p["status"] for p in res.json["data"]] == ["declined", "declined", "succeeded"]
    assert client.get(path, headers=shop.admin).status_code == 200
    assert client.get(path, headers=shop.sign_up().auth).status_code == 404
    assert client.post(f"/api/orders/{order['id']}/pay", json={}).status_code == 401


def test_the_webhook_checks_the_signature_first_and_applies_an_event_once(shop: Shop) -> None:
    order, _ = place(shop, 1250, 2)
    event = {
        "id": f"evt_{order['id']}",
        "type": "payment.succeeded",
        "data": {"order_id": order["id"], "amount": 2500, "currency": "EUR", "reference": "r1"},
    }
    body = json.dumps(event).encode()
    for signature in [
        None,
        sign("wrong-secret", body),
        "sha256=zz",
        sign(WEBHOOK_SECRET, body).upper(),
        sign(WEBHOOK_SECRET, body + b" "),
    ]:
        res = send(shop, body, signature)
        assert res.status_code == 401, signature
    assert status_of(shop, order["id"]) == "pending"

    res = send(shop, body, sign(WEBHOOK_SECRET, body))
    assert res.status_code == 200
    assert res.json == {"received": True, "event": event["id"], "outcome": "applied"}
    assert status_of(shop, order["id"]) == "paid"
    res = send(shop, body, sign(WEBHOOK_SECRET, body))
    assert (res.status_code, res.json["outcome"]) == (200, "duplicate")
    payments = shop.api.client.get(f"/api/orders/{order['id']}/payments", headers=shop.admin)
    assert [(p["source"], p["amount"]) for p in payments.json["data"]] == [("webhook", 2500)]


def test_the_webhook_body_is_verified_as_sent_not_as_parsed(shop: Shop) -> None:
    # The same event spaced differently is other bytes: its signature must be its own.
    order, _ = place(shop, 1000, 1)
    compact = json.dumps(
        {"id": "evt_spaced", "type": "payment.succeeded", "data": {"order_id": order["id"]}},
        separators=(",", ":"),
    ).encode()
    spaced = compact.replace(b",", b", ")
    assert send(shop, spaced, sign(WEBHOOK_SECRET, compact)).status_code == 401
    assert send(shop, spaced, sign(WEBHOOK_SECRET, spaced)).status_code == 200


def test_a_replay_racing_itself_is_applied_once(shop: Shop) -> None:
    order, _ = place(shop, 1000, 1)
    event = {
        "id": f"evt_race_{order['id']}",
        "type": "payment.succeeded",
        "data": {"order_id": order["id"], "amount": 1000, "currency": "EUR"},
    }
    body = json.dumps(event).encode()

    def deliver(_: int) -> str:
        client = shop.api.app.test_client()
        headers = {"X-Signature": sign(WEBHOOK_SECRET, body)}
        return client.post("/api/payments/webhook", data=body, headers=headers).json["outcome"]

    outcomes = at_once(8, deliver)
    assert sorted(outcomes) == ["applied"] + ["duplicate"] * 7
    payments = shop.api.client.get(f"/api/orders/{order['id']}/payments", headers=shop.admin)
    assert len(payments.json["data"]) == 1


def test_events_that_do_not_fit_are_acknowledged_and_ignored(shop: Shop) -> None:
    order, _ = place(shop, 1000, 1)
    base = {"order_id": order["id"], "amount": 1000, "currency": "EUR"}
    for i, (kind, data) in enumerate(
        [
            ("payment.succeeded", {**base, "amount": 1}),
            ("payment.succeeded", {**base, "currency": "USD"}),
            ("payment.succeeded", {**base, "order_id": 999999}),
            ("payment.succeeded", {**base, "order_id": str(order["id"])}),
            ("payment.succeeded", {**base, "amount": True}),
            ("payment.refunded", base),
        ]
    ):
        body = json.dumps({"id": f"evt_odd_{order['id']}_{i}", "type": kind, "data": data}).encode()
        res = send(shop, body, sign(WEBHOOK_SECRET, body))
        assert (res.status_code, res.json["outcome"]) == (200, "ignored"), data
    assert status_of(shop, order["id"]) == "pending"


def test_signed_events_that_are_no_events_are_400(shop: Shop) -> None:
    order, customer = place(shop)
    res = shop.api.client.post(
        f"/api/orders/{order['id']}/pay",
        json={"card_number": "4242424242424242\x00"},
        headers=customer,
    )
    assert res.status_code == 422
    for body in [
        b"not json",
        b"[]",
        b'{"type": "payment.succeeded"}',
        json.dumps({"id": "evt_\x00", "type": "payment.succeeded"}).encode(),
        json.dumps({"id": "evt_x", "type": "t", "data": {"reference": "\x00"}}).encode(),
    ]:
        assert send(shop, body, sign(WEBHOOK_SECRET, body)).status_code == 400, body
    assert status_of(shop, order["id"]) == "pending"


def test_a_webhook_body_over_64_kib_is_413_before_anything_else(shop: Shop) -> None:
    body = b'{"id": "evt_big", "type": "t", "pad": "' + b"x" * 70_000 + b'"}'
    assert send(shop, body, sign(WEBHOOK_SECRET, body)).status_code == 413


def test_signatures_and_the_mock_provider() -> None:
    body = b'{"id":"evt_1"}'
    assert verify("s", body, sign("s", body))
    assert verify("s", body, " " + sign("s", body) + " ")
    assert not verify("s", b'{"id":"evt_2"}', sign("s", body))
    assert not verify("s", body, None)
    assert not verify("", body, sign("", body)), "no secret, no webhook"
    assert charge("4242-4242-4242-4242", 100).startswith("ch_")
    for card, error in [("4000000000000002", Declined), ("1234", UnknownCard)]:
        try:
            charge(card, 100)
        except error:
            continue
        raise AssertionError(f"{card} was charged")
