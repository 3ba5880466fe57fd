from collections.abc import Callable

import pytest
from werkzeug.test import TestResponse

from chat_api.ratelimit import (
    LOGIN_FAILURES_PER_ACCOUNT,
    LOGIN_FAILURES_PER_ADDRESS,
    REGISTRATIONS_PER_ADDRESS,
)
from conftest import PASSWORD, Api, unique_name


def login(api: Api, username: str, password: str = PASSWORD, addr: str = "") -> TestResponse:
    headers = {"X-Forwarded-For": addr} if addr else {}
    return api.client.post(
        "/api/auth/login", json={"username": username, "password": password}, headers=headers
    )


def test_register_login_me_logout(api: Api) -> None:
    name = unique_name("Ann")
    res = api.client.post(
        "/api/auth/register", json={"username": f"  {name} ", "password": PASSWORD}
    )
    assert res.status_code == 201
    user = res.json["user"]
    assert user["username"] == name.lower()
    assert set(user) == {"id", "username", "created_at"}
    assert res.json["token"]

    res = login(api, name.upper())
    assert res.status_code == 200
    token = res.json["token"]
    assert res.json["user"] == user
    auth = {"Authorization": f"Bearer {token}"}
    assert api.client.get("/api/auth/me", headers=auth).json == user

    assert api.client.post("/api/auth/logout", headers=auth).status_code == 204
    assert api.client.get("/api/auth/me", headers=auth).status_code == 401
    other = {"Authorization": f"Bearer {api.sign_up().token}"}
    assert api.client.get("/api/auth/me", headers=other).status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"username": "ab", "password": PASSWORD}, "username"),
        ({"username": "a" * 33, "password": PASSWORD}, "username"),
        ({"username": "ann smith", "password": PASSWORD}, "username"),
        ({"username": "ann\u0000", "password": PASSWORD}, "username"),
        ({"username": "annie", "password": "short"}, "password"),
        ({"username": "annie", "password": "é" * 37}, "password"),  # 74 bytes
        ({"username": "annie"}, "password"),
        ({"username": 7, "password": PASSWORD}, "username"),
    ],
)
def test_register_refuses_bad_fields_naming_them(api: Api, body: dict, field: str) -> None:
    res = api.client.post("/api/auth/register", json=body)
    assert res.status_code == 422
    assert field in res.json["fields"]


def test_a_body_that_is_not_a_json_object_is_400(api: Api) -> None:
    for data in [b"not json", b"[1]", b""]:
        assert api.client.post("/api/auth/register", data=data).status_code == 400


def test_a_taken_username_is_409_whatever_its_case(api: Api) -> None:
    name = unique_name("bob")
    api.sign_up(name)
    res = api.client.post(
        "/api/auth/register", json={"username": name.upper(), "password": PASSWORD}
    )
    assert res.status_code == 409
    assert res.json["error"]


def test_a_wrong_password_and_an_unknown_user_answer_alike(api: Api) -> None:
    name = api.sign_up().user["username"]
    wrong, unknown = login(api, name, "wrong-password"), login(api, unique_name("nobody"))
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json == unknown.json


@pytest.mark.parametrize("header", ["", "Bearer", "Bearer not-a-real-token", "Basic abc"])
def test_invalid_tokens_are_401(api: Api, header: str) -> None:
    res = api.client.get("/api/auth/me", headers={"Authorization": header} if header else {})
    assert res.status_code == 401
    assert res.headers["WWW-Authenticate"].startswith("Bearer")


def test_an_expired_session_is_401(api: Api) -> None:
    ann = api.sign_up()
    with api.db.connect() as conn:
        conn.run("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000000Z'")
    assert api.client.get("/api/auth/me", headers=ann.auth).status_code == 401


def test_a_deleted_users_token_is_401(api: Api) -> None:
    ann = api.sign_up()
    with api.db.connect() as conn:
        conn.run("DELETE FROM users WHERE id = ?", [ann.user["id"]])
    assert api.client.get("/api/auth/me", headers=ann.auth).status_code == 401


def test_only_the_hash_of_a_token_is_stored(api: Api) -> None:
    ann = api.sign_up()
    with api.db.connect() as conn:
        stored = [r["token_hash"] for r in conn.all("SELECT token_hash FROM sessions")]
    assert ann.token not in stored
    assert all(len(h) == 64 for h in stored)


@pytest.fixture
def proxied(make_api: Callable[..., Api]) -> Api:
    """An app behind a proxy it trusts: X-Forwarded-For names the client."""
    return make_api(trust_proxy=True)


def test_failed_logins_are_limited_per_username_and_address(proxied: Api) -> None:
    name = proxied.sign_up().user["username"]
    for _ in range(LOGIN_FAILURES_PER_ACCOUNT):
        assert login(proxied, name, "wrong-password", "203.0.113.7").status_code == 401
    refused = login(proxied, name, addr="203.0.113.7")  # even the right password waits
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert login(proxied, name, addr="198.51.100.2").status_code == 200, "locked out by a guesser"


def test_failed_logins_are_limited_per_address_across_usernames(proxied: Api) -> None:
    for i in range(LOGIN_FAILURES_PER_ADDRESS):
        assert login(proxied, f"nobody-{i}", addr="203.0.113.9").status_code == 401
    assert login(proxied, "nobody-else", addr="203.0.113.9").status_code == 429
    assert login(proxied, "nobody-else", addr="203.0.113.10").status_code == 401


def test_successful_logins_are_not_limited(proxied: Api) -> None:
    name = proxied.sign_up().user["username"]
    for _ in range(3 * LOGIN_FAILURES_PER_ACCOUNT):
        assert login(proxied, name, addr="203.0.113.11").status_code == 200


def test_forwarded_for_is_ignored_unless_trusted(api: Api) -> None:
    name = api.sign_up().user["username"]
    for i in range(LOGIN_FAILURES_PER_ACCOUNT):
        assert login(api, name, "wrong-password", f"203.0.113.{i}").status_code == 401
    assert login(api, name, addr="198.51.100.99").status_code == 429


def test_registration_attempts_are_limited_per_address(proxied: Api) -> None:
    def register(addr: str) -> int:
        body = {"username": "x", "password": "short"}
        headers = {"X-Forwarded-For": addr}
        return proxied.client.post("/api/auth/register", json=body, headers=headers).status_code

    assert [register("203.0.113.8") for _ in range(REGISTRATIONS_PER_ADDRESS)] == [422] * 30
    assert register("203.0.113.8") == 429
    assert register("203.0.113.12") == 422
