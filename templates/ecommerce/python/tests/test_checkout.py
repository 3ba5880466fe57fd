from collections import Counter
from typing import Any

from conftest import unique_email
from shop import Shop, at_once


def order(shop: Shop, auth: dict[str, str], body: Any = None, key: str | None = None, **kw: Any):
    """POST /api/orders, with a client of its own: at_once calls it from many threads."""
    client = shop.api.app.test_client()
    headers = auth | ({"Idempotency-Key": key} if key else {})
    if isinstance(body, str):
        return client.post(
            "/api/orders", data=body, content_type="application/json", headers=headers
        )
    return client.post("/api/orders", json=body, headers=headers, **kw)


def items(*lines: tuple[int, int]) -> dict[str, list[dict[str, int]]]:
    return {"items": [{"product_id": pid, "quantity": qty} for pid, qty in lines]}


def test_the_cart_becomes_an_order_and_a_repeated_key_places_nothing_new(shop: Shop) -> None:
    widget = shop.new_product(price=1250, stock=10)
    auth = shop.sign_up().auth
    client = shop.api.client
    res = order(shop, auth)
    assert res.status_code == 422
    assert isinstance(res.json["fields"]["cart"], str)
    res = client.post(
        "/api/cart/items", json={"product_id": widget["id"], "quantity": 2}, headers=auth
    )
    assert res.status_code == 200

    key = f"key-{unique_email()}"
    first = order(shop, auth, {"total": 1}, key)
    assert first.status_code == 201
    assert (first.json["status"], first.json["total"], first.json["currency"]) == (
        "pending",
        2500,
        "EUR",
    )
    assert first.json["items"] == [
        {
            "product_id": widget["id"],
            "name": widget["name"],
            "unit_price": 1250,
            "quantity": 2,
            "line_total": 2500,
        }
    ]
    assert first.headers["Location"] == f"/api/orders/{first.json['id']}"

    again = order(shop, auth, {"total": 1}, key)
    assert again.status_code == 200
    assert again.json == first.json
    assert again.headers["Idempotent-Replayed"] == "true"

    assert client.get("/api/orders", headers=auth).json["total"] == 1
    assert client.get("/api/cart", headers=auth).json["items"] == []
    assert shop.stock_of(widget["id"]) == 8


def test_a_key_with_another_body_is_422_and_the_same_body_however_written_replays(
    shop: Shop,
) -> None:
    widget = shop.new_product(price=700, stock=10)
    auth = shop.sign_up().auth
    key = f"key-{unique_email()}"
    first = order(shop, auth, items((widget["id"], 1)), key)
    assert first.status_code == 201
    written = f'{{ "items" : [ {{ "quantity": 1, "product_id": {widget["id"]} }} ] }}'
    again = order(shop, auth, written, key)
    assert again.status_code == 200
    assert again.json["id"] == first.json["id"]

    for other in [items((widget["id"], 2)), None]:
        res = order(shop, auth, other, key)
        assert res.status_code == 422, res.text
        assert isinstance(res.json["fields"]["Idempotency-Key"], str)
    assert shop.stock_of(widget["id"]) == 9
    assert shop.api.client.get("/api/orders", headers=auth).json["total"] == 1
    # Keys are per customer: another customer's same key is a new order.
    assert order(shop, shop.sign_up().auth, items((widget["id"], 2)), key).status_code == 201


def test_a_key_raced_by_two_different_bodies_places_one_order(shop: Shop) -> None:
    widget = shop.new_product(price=100, stock=100)
    auth = shop.sign_up().auth
    key = f"race-{unique_email()}"
    results = at_once(10, lambda i: order(shop, auth, items((widget["id"], 1 + i % 2)), key))
    statuses = [r.status_code for r in results]
    assert set(statuses) <= {200, 201, 422}, statuses
    assert statuses.count(201) == 1, statuses
    placed = {r.json["id"] for r in results if r.status_code < 300}
    assert len(placed) == 1, statuses
    won = next(r for r in results if r.status_code == 201).json["items"][0]["quantity"]
    assert shop.stock_of(widget["id"]) == 100 - won


def test_20_parallel_checkouts_of_a_stock_of_5_sell_exactly_5(shop: Shop) -> None:
    limited = shop.new_product(stock=5)
    auth = shop.sign_up().auth
    results = at_once(20, lambda _: order(shop, auth, items((limited["id"], 1))))
    assert Counter(r.status_code for r in results) == {201: 5, 409: 15}
    assert shop.stock_of(limited["id"]) == 0
    assert shop.api.client.get("/api/orders", headers=auth).json["total"] == 5


def test_buy_now_ignores_client_prices_and_too_much_is_409_changing_nothing(shop: Shop) -> None:
    widget = shop.new_product(price=1250, stock=3)
    auth = shop.sign_up().auth
    body = {"items": [{"product_id": widget["id"], "quantity": 1, "unit_price": 1}], "total": 1}
    res = order(shop, auth, body)
    assert (res.status_code, res.json["total"], res.json["items"][0]["unit_price"]) == (
        201,
        1250,
        1250,
    )
    other = shop.new_product(stock=5)
    # The second line fails, so the first line's stock comes back too.
    res = order(shop, auth, items((other["id"], 1), (widget["id"], 3)))
    assert res.status_code == 409
    assert isinstance(res.json["error"], str)
    assert (shop.stock_of(widget["id"]), shop.stock_of(other["id"])) == (2, 5)
    # The same product twice counts once, with both quantities.
    assert order(shop, auth, items((widget["id"], 1), (widget["id"], 2))).status_code == 409
    res = order(shop, auth, items((widget["id"], 1), (widget["id"], 1)))
    assert (res.status_code, res.json["items"][0]["quantity"]) == (201, 2)
    assert shop.stock_of(widget["id"]) == 0
    assert order(shop, auth, items((999999, 1))).status_code == 422
    for bad in [{"items": []}, {"items": "all"}, items((widget["id"], 0)), [1]]:
        assert order(shop, auth, bad).status_code in (400, 422), bad


def test_nul_bytes_huge_pages_and_long_keys_are_refused_never_a_500(shop: Shop) -> None:
    auth = shop.sign_up().auth
    client = shop.api.client
    widget = shop.new_product()
    for path in [
        "/api/orders?status=pending%00",
        "/api/orders?page=9223372036854775807",
        "/api/orders?page=1000001",
        "/api/orders?status=lost",
    ]:
        assert client.get(path, headers=auth).status_code == 422, path
    res = client.get("/api/admin/orders?page=9223372036854775807", headers=shop.admin)
    assert res.status_code == 422
    res = client.get("/api/admin/orders?page=1000000&limit=100", headers=shop.admin)
    assert res.status_code == 200
    assert client.get("/api/orders/1%00", headers=auth).status_code == 400
    body = {**items((widget["id"], 1)), "note": "\x00"}
    assert order(shop, auth, body).status_code == 422
    assert order(shop, auth, items((widget["id"], 1)), "k" * 256).status_code == 422
    res = client.patch("/api/admin/orders/1", json={"status": "paid\x00"}, headers=shop.admin)
    assert res.status_code == 422
    assert shop.stock_of(widget["id"]) == 10


def test_orders_are_private_and_admins_move_them_along_the_legal_transitions(
    shop: Shop,
) -> None:
    client = shop.api.client
    widget = shop.new_product(stock=10)
    ann, bob = shop.sign_up(), shop.sign_up()
    placed = order(shop, ann.auth, items((widget["id"], 2))).json
    assert client.get(f"/api/orders/{placed['id']}", headers=bob.auth).status_code == 404
    assert client.get(f"/api/orders/{placed['id']}", headers=shop.admin).status_code == 200
    assert client.get("/api/orders/999999", headers=ann.auth).status_code == 404

    def patch(status: str, auth: dict[str, str] = shop.admin, oid: int = placed["id"]) -> int:
        res = client.patch(f"/api/admin/orders/{oid}", json={"status": status}, headers=auth)
        return res.status_code

    assert patch("paid", ann.auth) == 403
    assert patch("shipped") == 409
    assert patch("lost") == 422
    assert patch("paid") == 200
    assert patch("shipped") == 200
    assert patch("cancelled") == 409
    assert patch("delivered") == 200
    assert patch("paid", oid=999999) == 404

    second = order(shop, ann.auth, items((widget["id"], 3))).json
    assert shop.stock_of(widget["id"]) == 5
    assert patch("cancelled", oid=second["id"]) == 200
    assert shop.stock_of(widget["id"]) == 8
    assert patch("paid", oid=second["id"]) == 409

    mine = client.get("/api/orders?status=cancelled", headers=ann.auth).json
    assert [o["id"] for o in mine["data"]] == [second["id"]]
    everything = client.get("/api/orders", headers=ann.auth).json
    assert [o["id"] for o in everything["data"]] == [second["id"], placed["id"]]
    assert everything["data"][1]["items"][0]["quantity"] == 2
    assert client.get("/api/admin/orders", headers=shop.admin).json["total"] >= 2
    assert client.get("/api/admin/orders", headers=ann.auth).status_code == 403


def test_a_deleted_customers_token_places_and_sees_no_order(shop: Shop) -> None:
    ann = shop.sign_up()
    widget = shop.new_product()
    with shop.api.db.connect() as conn:
        conn.run("DELETE FROM users WHERE id = ?", [ann.user["id"]])
    assert order(shop, ann.auth, items((widget["id"], 1))).status_code == 401
    assert shop.api.client.get("/api/orders", headers=ann.auth).status_code == 401
    assert shop.stock_of(widget["id"]) == 10


def test_a_product_that_was_ordered_cannot_be_deleted(shop: Shop) -> None:
    widget = shop.new_product()
    assert order(shop, shop.sign_up().auth, items((widget["id"], 1))).status_code == 201
    res = shop.api.client.delete(f"/api/products/{widget['id']}", headers=shop.admin)
    assert res.status_code == 409
    assert shop.stock_of(widget["id"]) == 9
