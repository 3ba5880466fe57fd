from shop import Shop, at_once


def test_the_cart_needs_a_token_and_a_new_cart_is_empty(shop: Shop) -> None:
    client = shop.api.client
    assert client.get("/api/cart").status_code == 401
    res = client.get("/api/cart", headers=shop.sign_up().auth)
    assert res.status_code == 200
    assert res.json == {"items": [], "item_count": 0, "total": 0, "currency": "EUR"}


def test_a_deleted_customers_token_reaches_no_cart(shop: Shop) -> None:
    ann = shop.sign_up()
    with shop.api.db.connect() as conn:
        conn.run("DELETE FROM users WHERE id = ?", [ann.user["id"]])
    client = shop.api.client
    assert client.get("/api/cart", headers=ann.auth).status_code == 401
    body = {"product_id": 1, "quantity": 1}
    assert client.post("/api/cart/items", json=body, headers=ann.auth).status_code == 401


def test_add_set_and_remove_priced_from_the_catalog_and_held_to_the_stock(shop: Shop) -> None:
    mug = shop.new_product(price=1250, stock=3)
    spoon = shop.new_product(price=499, stock=10)
    auth = shop.sign_up().auth
    client = shop.api.client

    def cart(method: str, path: str, body: object = None) -> tuple[int, dict]:
        res = client.open(f"/api/cart{path}", method=method, json=body, headers=auth)
        return res.status_code, res.json

    status, body = cart("POST", "/items", {"product_id": mug["id"], "quantity": 2, "unit_price": 1})
    assert status == 200
    assert body["items"][0] == {
        "product_id": mug["id"],
        "name": mug["name"],
        "unit_price": 1250,
        "quantity": 2,
        "line_total": 2500,
        "stock": 3,
    }
    status, body = cart("POST", "/items", {"product_id": str(spoon["id"]), "quantity": 1})
    assert (status, body["item_count"], body["total"]) == (200, 3, 2999)

    status, body = cart("POST", "/items", {"product_id": mug["id"], "quantity": 2})
    assert status == 422
    assert isinstance(body["fields"]["quantity"], str)
    for quantity in [4, 0, -1, 1.5, "2", True, 1001, None]:
        status, body = cart("PUT", f"/items/{mug['id']}", {"quantity": quantity})
        assert status == 422, quantity
        assert isinstance(body["fields"]["quantity"], str)
    status, body = cart("PUT", f"/items/{mug['id']}", {"quantity": 3})
    assert (status, body["total"]) == (200, 4249)

    for product_id in [999999, 0, "abc", None, True]:
        status, body = cart("POST", "/items", {"product_id": product_id, "quantity": 1})
        assert status == 422, product_id
        assert isinstance(body["fields"]["product_id"], str)

    status, body = cart("DELETE", f"/items/{spoon['id']}")
    assert (status, len(body["items"]), body["total"]) == (200, 1, 3750)
    assert cart("DELETE", f"/items/{spoon['id']}")[0] == 404

    # A price change shows in the cart at once: the cart stores no price.
    res = client.put(
        f"/api/products/{mug['id']}",
        json={"name": "Mug", "price": 1000, "stock": 3},
        headers=shop.admin,
    )
    assert res.status_code == 200
    assert cart("GET", "")[1]["total"] == 3000


def test_carts_are_per_customer(shop: Shop) -> None:
    mug = shop.new_product()
    ann, bob = shop.sign_up(), shop.sign_up()
    client = shop.api.client
    res = client.post(
        "/api/cart/items", json={"product_id": mug["id"], "quantity": 1}, headers=ann.auth
    )
    assert res.status_code == 200
    assert client.get("/api/cart", headers=bob.auth).json["total"] == 0
    assert client.delete(f"/api/cart/items/{mug['id']}", headers=bob.auth).status_code == 404
    assert client.get("/api/cart", headers=ann.auth).json["total"] == 1250


def test_nul_bytes_are_refused_never_stored(shop: Shop) -> None:
    mug = shop.new_product()
    auth = shop.sign_up().auth
    client = shop.api.client
    body = {"product_id": mug["id"], "quantity": 1, "note": "\x00"}
    assert client.post("/api/cart/items", json=body, headers=auth).status_code == 422
    assert client.put("/api/cart/items/%00", json={"quantity": 1}, headers=auth).status_code == 400
    assert client.delete(f"/api/cart/items/{mug['id']}%00", headers=auth).status_code == 400
    assert client.get("/api/cart", headers=auth).json["items"] == []


def test_adds_racing_for_the_last_items_never_exceed_the_stock(shop: Shop) -> None:
    mug = shop.new_product(stock=5)
    auth = shop.sign_up().auth
    body = {"product_id": mug["id"], "quantity": 1}

    def add(_: int) -> int:
        return (
            shop.api.app.test_client().post("/api/cart/items", json=body, headers=auth).status_code
        )

    assert sorted(at_once(10, add)) == [200] * 5 + [422] * 5
    assert shop.api.client.get("/api/cart", headers=auth).json["items"][0]["quantity"] == 5
