import time

import jwt
import pytest

from conftest import PASSWORD, TEST_SECRET, Api, unique_email
from ecommerce_api.hardening import UNSAFE_TEXT
from ecommerce_api.store.users import NotAnAdmin, ensure_admin
from shop import ADMIN_EMAIL, Shop

LAMP = {"name": "Lamp", "price": 1999, "stock": 3}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_register_ignores_a_role_and_never_returns_the_hash(api: Api) -> None:
    body = {"email": unique_email(), "password": PASSWORD, "role": "admin"}
    res = api.client.post("/api/auth/register", json=body)
    assert res.status_code == 201
    assert set(res.json["user"]) == {"id", "email", "role", "created_at"}
    assert res.json["user"]["role"] == "customer"
    assert isinstance(res.json["access_token"], str)


def test_a_taken_email_is_409_and_bad_input_422_naming_both_fields(api: Api) -> None:
    email = unique_email()
    api.sign_up(email)
    res = api.client.post(
        "/api/auth/register", json={"email": email.upper(), "password": "another-pass-1"}
    )
    assert res.status_code == 409
    res = api.client.post("/api/auth/register", json={"email": "nope", "password": "short"})
    assert res.status_code == 422
    assert sorted(res.json["fields"]) == ["email", "password"]
    for password in ["short", "é" * 37]:  # under 8 characters; over 72 bytes
        res = api.client.post(
            "/api/auth/register", json={"email": unique_email(), "password": password}
        )
        assert res.status_code == 422
        assert isinstance(res.json["fields"]["password"], str)


def test_login_and_me(api: Api) -> None:
    email = unique_email()
    api.sign_up(email)
    for body in [
        {"email": email, "password": "wrong-password"},
        {"email": unique_email(), "password": PASSWORD},
    ]:
        assert api.client.post("/api/auth/login", json=body).status_code == 401
    res = api.client.post("/api/auth/login", json={"email": email.upper(), "password": PASSWORD})
    assert res.status_code == 200
    me = api.client.get("/api/auth/me", headers=bearer(res.json["access_token"]))
    assert me.status_code == 200
    assert me.json["user"]["email"] == email
    assert api.client.post("/api/auth/login", json={"email": email}).status_code == 422


def test_unsigned_forged_expired_and_exp_less_tokens_are_401(api: Api) -> None:
    user = api.sign_up().user
    sub = str(user["id"])
    now = int(time.time())
    _, payload, _ = jwt.encode({"sub": sub, "exp": now + 60}, TEST_SECRET).split(".")
    unsigned = jwt.utils.base64url_encode(b'{"alg":"none","typ":"JWT"}').decode()
    tokens = [
        f"{unsigned}.{payload}.",
        jwt.encode({"sub": sub, "exp": now + 60}, "another-secret-that-is-long-enough-too"),
        jwt.encode({"sub": sub, "exp": now - 60}, TEST_SECRET),
        jwt.encode({"sub": sub}, TEST_SECRET),  # correctly signed, but valid forever
        jwt.encode({"sub": "0", "exp": now + 60}, TEST_SECRET),
        "garbage",
    ]
    for token in tokens:
        res = api.client.get("/api/auth/me", headers=bearer(token))
        assert res.status_code == 401, token
    assert api.client.get("/api/auth/me").status_code == 401


def test_an_access_token_lives_token_ttl(api: Api) -> None:
    claims = jwt.decode(api.sign_up().token, options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] == 900
    assert set(claims) == {"sub", "iat", "exp"}  # no role: the database has it


def test_products_are_for_admins_401_without_a_token_403_for_a_customer(shop: Shop) -> None:
    client, customer = shop.api.client, shop.sign_up().auth
    assert client.post("/api/products", json=LAMP).status_code == 401
    assert client.post("/api/products", json=LAMP, headers=customer).status_code == 403
    assert client.put("/api/products/1", json=LAMP, headers=customer).status_code == 403
    assert client.delete("/api/products/1", headers=customer).status_code == 403


def test_the_admin_creates_replaces_and_deletes_a_product(shop: Shop) -> None:
    client = shop.api.client
    lamp = shop.new_product(category="gear", images=["https://example.com/l.jpg"])
    assert (lamp["currency"], lamp["category"], lamp["images"]) == (
        "EUR",
        "gear",
        ["https://example.com/l.jpg"],
    )
    res = client.put(
        f"/api/products/{lamp['id']}",
        json={"name": "Lamp", "price": 2499, "stock": 5},
        headers=shop.admin,
    )
    assert res.status_code == 200
    assert (res.json["price"], res.json["category"], res.json["images"]) == (2499, None, [])
    assert client.delete(f"/api/products/{lamp['id']}", headers=shop.admin).status_code == 204
    assert client.get(f"/api/products/{lamp['id']}").status_code == 404
    assert client.delete(f"/api/products/{lamp['id']}", headers=shop.admin).status_code == 404
    res = client.put("/api/products/999999", json=LAMP, headers=shop.admin)
    assert res.status_code == 404


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"name": "L", "price": 19.99, "stock": 1}, ["price"]),
        ({"name": "L", "price": "1999", "stock": 1}, ["price"]),
        ({"name": "L", "price": True, "stock": 1}, ["price"]),
        ({"name": "", "price": -5, "stock": -1}, ["name", "price", "stock"]),
        ({}, ["name", "price", "stock"]),
        ({"name": "L", "price": 1, "stock": 1, "category": "nope"}, ["category"]),
        ({"name": "L", "price": 1, "stock": 1, "currency": "USD"}, ["currency"]),
        ({"name": "L", "price": 1, "stock": 1, "images": ["ftp://x/y"]}, ["images"]),
        ({"name": "L", "price": 1, "stock": 1, "images": "https://x/y"}, ["images"]),
    ],
)
def test_product_validation_names_every_field(
    shop: Shop, body: dict[str, object], fields: list[str]
) -> None:
    res = shop.api.client.post("/api/products", json=body, headers=shop.admin)
    assert res.status_code == 422, res.text
    assert sorted(res.json["fields"]) == fields


def test_the_role_comes_from_the_database_a_demoted_admins_token_is_refused(shop: Shop) -> None:
    client = shop.api.client
    email = unique_email()
    user = shop.sign_up(email).user
    with shop.api.db.connect() as conn:
        conn.run("UPDATE users SET role = 'admin' WHERE id = ?", [user["id"]])
    token = client.post("/api/auth/login", json={"email": email, "password": PASSWORD}).json
    auth = bearer(token["access_token"])
    assert client.post("/api/products", json=LAMP, headers=auth).status_code == 201

    with shop.api.db.connect() as conn:
        conn.run("UPDATE users SET role = 'customer' WHERE id = ?", [user["id"]])
    assert client.post("/api/products", json=LAMP, headers=auth).status_code == 403
    path = f"/api/admin/users/{user['id']}/role"
    assert client.put(path, json={"role": "admin"}, headers=auth).status_code == 403
    assert client.get("/api/auth/me", headers=auth).json["user"]["role"] == "customer"


def test_a_deleted_users_token_is_refused_even_an_admins(shop: Shop) -> None:
    client = shop.api.client
    ann = shop.sign_up()
    with shop.api.db.connect() as conn:
        conn.run("UPDATE users SET role = 'admin' WHERE id = ?", [ann.user["id"]])
    assert client.post("/api/products", json=LAMP, headers=ann.auth).status_code == 201
    with shop.api.db.connect() as conn:
        conn.run("DELETE FROM users WHERE id = ?", [ann.user["id"]])
    assert client.get("/api/auth/me", headers=ann.auth).status_code == 401
    assert client.post("/api/products", json=LAMP, headers=ann.auth).status_code == 401


def test_admins_change_roles_and_the_change_applies_to_earlier_tokens(shop: Shop) -> None:
    client = shop.api.client
    ann = shop.sign_up()
    path = f"/api/admin/users/{ann.user['id']}/role"
    assert client.put(path, json={"role": "admin"}).status_code == 401
    assert client.put(path, json={"role": "admin"}, headers=ann.auth).status_code == 403
    res = client.put(path, json={"role": "owner"}, headers=shop.admin)
    assert res.status_code == 422
    assert isinstance(res.json["fields"]["role"], str)
    res = client.put("/api/admin/users/999999/role", json={"role": "admin"}, headers=shop.admin)
    assert res.status_code == 404

    res = client.put(path, json={"role": "admin"}, headers=shop.admin)
    assert res.status_code == 200
    assert res.json["user"]["role"] == "admin"
    # ann's token from before the promotion works as an admin's now ...
    assert client.post("/api/products", json=LAMP, headers=ann.auth).status_code == 201
    # ... and after the demotion no token of hers does.
    assert client.put(path, json={"role": "customer"}, headers=shop.admin).status_code == 200
    assert client.post("/api/products", json=LAMP, headers=ann.auth).status_code == 403

    me = client.get("/api/auth/me", headers=shop.admin).json["user"]
    res = client.put(
        f"/api/admin/users/{me['id']}/role", json={"role": "customer"}, headers=shop.admin
    )
    assert res.status_code == 422
    assert client.get("/api/auth/me", headers=shop.admin).json["user"]["role"] == "admin"


def test_nul_bytes_in_any_string_are_a_422_naming_the_field(shop: Shop) -> None:
    ann = shop.sign_up()
    cases = [
        (
            "POST",
            "/api/auth/register",
            None,
            {"email": "n\x00@example.com", "password": PASSWORD},
            "email",
        ),
        (
            "POST",
            "/api/auth/register",
            None,
            {"email": unique_email(), "password": "correct\x00horse"},
            "password",
        ),
        (
            "POST",
            "/api/auth/login",
            None,
            {"email": ann.user["email"] + "\x00", "password": "x"},
            "email",
        ),
        ("POST", "/api/products", shop.admin, {**LAMP, "name": "Lamp\x00"}, "name"),
        ("POST", "/api/products", shop.admin, {**LAMP, "description": "\x00"}, "description"),
        ("POST", "/api/products", shop.admin, {**LAMP, "category": "gear\x00"}, "category"),
        (
            "POST",
            "/api/products",
            shop.admin,
            {**LAMP, "images": ["https://e.com/\x00"]},
            "images[0]",
        ),
        ("POST", "/api/products", shop.admin, {**LAMP, "name": "\ud800"}, "name"),
        ("PUT", "/api/products/1", shop.admin, {**LAMP, "name": "\x00"}, "name"),
        (
            "PUT",
            f"/api/admin/users/{ann.user['id']}/role",
            shop.admin,
            {"role": "admin\x00"},
            "role",
        ),
    ]
    for method, path, auth, body, field in cases:
        res = shop.api.client.open(path, method=method, json=body, headers=auth or {})
        assert res.status_code == 422, (method, path, body, res.text)
        assert res.json["fields"] == {field: UNSAFE_TEXT}, (body, res.text)


def test_the_configured_admin_is_kept_and_a_customer_email_never_promoted(shop: Shop) -> None:
    now = shop.api.clock()
    with shop.api.db.connect() as conn:
        assert not ensure_admin(conn, ADMIN_EMAIL, "x", now)
    email = unique_email()
    shop.sign_up(email)
    with shop.api.db.connect() as conn, pytest.raises(NotAnAdmin):
        ensure_admin(conn, email, "x", now)
    res = shop.api.client.post("/api/auth/login", json={"email": email, "password": PASSWORD})
    assert res.json["user"]["role"] == "customer"
