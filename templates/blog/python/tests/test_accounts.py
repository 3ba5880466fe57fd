import time
from collections.abc import Callable

import jwt
import pytest

from blog_api.auth.passwords import Passwords
from blog_api.ratelimit import (
    LOGIN_FAILURES_PER_ACCOUNT,
    LOGIN_FAILURES_PER_ADDRESS,
    REGISTRATIONS_PER_ADDRESS,
)
from blog_api.routes.users import http_url
from conftest import PASSWORD, TEST_SECRET, Api, fields, unique_name

FORGED = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIiwiZXhwIjo0MTAyNDQ0ODAwfQ"
    ".c2lnbmF0dXJlLW9mLWFub3RoZXIta2V5"
)


def register(api: Api, username: str, email: str, password: str = PASSWORD, **headers: str):
    return api.client.post(
        "/api/users",
        json={"user": {"username": username, "email": email, "password": password}},
        headers=headers,
    )


def login(api: Api, email: str, password: str, **headers: str):
    return api.client.post(
        "/api/users/login", json={"user": {"email": email, "password": password}}, headers=headers
    )


def test_passwords_are_hashed_with_bcrypt_and_verified() -> None:
    p = Passwords(4)
    hashed = p.hash(PASSWORD)
    assert hashed.startswith("$2b$04$")
    assert p.verify(hashed, PASSWORD)
    assert not p.verify(hashed, "wrong")
    assert not p.verify(None, "anything")
    assert not p.verify(hashed, "x" * 100)  # bcrypt refuses > 72 bytes: wrong, not a crash


def test_register_answers_an_author_with_a_token_and_never_the_hash(api: Api) -> None:
    name = unique_name("ann")
    res = register(api, name, f"{name.upper()}@Example.com")
    assert res.status_code == 201
    user = res.json["user"]
    assert user == {
        "email": f"{name.lower()}@example.com",
        "token": user["token"],
        "username": name,
        "bio": "",
        "image": "",
        "role": "author",
    }
    claims = jwt.decode(user["token"], TEST_SECRET, algorithms=["HS256"])
    assert claims["exp"] - claims["iat"] == 24 * 3600
    assert claims["ver"] == 0
    assert "role" not in claims
    assert "$2" not in res.text


def test_a_taken_email_or_username_is_422_under_that_field(api: Api) -> None:
    ann = api.sign_up("ann")
    res = register(api, ann.username, ann.email.upper())
    assert res.status_code == 422
    assert res.json == {
        "errors": {"body": ["email has already been taken", "username has already been taken"]}
    }


def test_every_invalid_field_is_named_at_once(api: Api) -> None:
    res = api.client.post("/api/users", json={"user": {"username": "x"}})
    assert res.status_code == 422
    assert sorted(fields(res.json)) == ["email", "password"]
    assert "email can't be blank" in res.json["errors"]["body"]
    res = register(api, "no spaces allowed", "not-an-email", "short")
    assert sorted(fields(res.json)) == ["email", "password", "username"]
    res = api.client.post("/api/users", json={})
    assert sorted(fields(res.json)) == ["email", "password", "username"]
    res = api.client.post("/api/users", json={"user": "ann"})
    assert res.json == {"errors": {"body": ["user must be an object"]}}


def test_passwords_have_8_characters_to_72_bytes(api: Api) -> None:
    for password in ["seven-7", "é" * 37]:
        res = register(api, unique_name(), f"{unique_name()}@example.com", password)
        assert res.status_code == 422
        assert fields(res.json) == ["password"]
    assert register(api, unique_name(), f"{unique_name()}@example.com", "é" * 36).status_code == 201


def test_login_says_the_same_for_a_wrong_password_and_an_unknown_email(api: Api) -> None:
    ann = api.sign_up("ann")
    assert login(api, ann.email.upper(), PASSWORD).status_code == 200
    wrong = login(api, ann.email, "not-the-password")
    unknown = login(api, "nobody@example.com", "not-the-password")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json == unknown.json
    assert "user" not in wrong.json
    blank = login(api, "", "")
    assert blank.status_code == 422
    assert sorted(fields(blank.json)) == ["email", "password"]


def test_the_token_identifies_the_user_with_either_scheme(api: Api) -> None:
    ann = api.sign_up("ann")
    for scheme in ["Token", "Bearer", "token"]:
        res = api.client.get("/api/user", headers={"Authorization": f"{scheme} {ann.token}"})
        assert res.status_code == 200, scheme
        assert res.json["user"]["username"] == ann.username
        assert res.json["user"]["token"] == ann.token


def test_missing_malformed_forged_and_alg_none_tokens_are_401(api: Api) -> None:
    ann = api.sign_up("ann")
    claims = jwt.decode(ann.token, TEST_SECRET, algorithms=["HS256"])
    for headers in [
        {},
        {"Authorization": "Token"},
        {"Authorization": "Token not.a.jwt"},
        {"Authorization": f"Token {FORGED}"},
        {"Authorization": f"Basic {ann.token}"},
        {"Authorization": f"Token {jwt.encode(claims, None, algorithm='none')}"},
        {"Authorization": f"Token {jwt.encode(claims, 'another-key-long-enough-for-hs256')}"},
    ]:
        res = api.client.get("/api/user", headers=headers)
        assert res.status_code == 401, headers
        assert res.headers["WWW-Authenticate"].startswith("Token")
        assert isinstance(res.json["errors"]["body"], list)


@pytest.mark.parametrize("drop", ["exp", "ver"])
def test_a_correctly_signed_token_without_exp_or_ver_is_401(api: Api, drop: str) -> None:
    # Without exp a stolen token would never stop working; without ver a
    # password change could not end it.
    ann = api.sign_up("ann")
    claims = jwt.decode(ann.token, TEST_SECRET, algorithms=["HS256"])
    resigned = jwt.encode(claims, TEST_SECRET, algorithm="HS256")
    assert api.client.get("/api/user", headers={"Authorization": f"Token {resigned}"}).json
    del claims[drop]
    token = jwt.encode(claims, TEST_SECRET, algorithm="HS256")
    assert (
        api.client.get("/api/user", headers={"Authorization": f"Token {token}"}).status_code == 401
    )


def test_an_expired_token_is_401(api: Api) -> None:
    ann = api.sign_up("ann")
    claims = jwt.decode(ann.token, TEST_SECRET, algorithms=["HS256"])
    claims["exp"] = int(time.time()) - 60
    token = jwt.encode(claims, TEST_SECRET, algorithm="HS256")
    assert (
        api.client.get("/api/user", headers={"Authorization": f"Token {token}"}).status_code == 401
    )


def test_a_deleted_users_token_is_401(api: Api) -> None:
    ann = api.sign_up("ann")
    api.sql("DELETE FROM users WHERE username = ?", [ann.username])
    assert api.client.get("/api/user", headers=ann.auth).status_code == 401
    res = api.client.put("/api/user", json={"user": {"bio": "x"}}, headers=ann.auth)
    assert res.status_code == 401


def test_update_changes_only_the_fields_given(api: Api) -> None:
    ann = api.sign_up("ann")
    res = api.client.put("/api/user", json={"user": {"bio": "I write"}}, headers=ann.auth)
    assert res.status_code == 200
    assert res.json["user"]["bio"] == "I write"
    assert res.json["user"]["token"] == ann.token
    name = unique_name("anna")
    res = api.client.put(
        "/api/user",
        json={"user": {"username": name, "email": f"{name}@Example.com", "image": None}},
        headers=ann.auth,
    )
    assert res.status_code == 200, res.text
    me = api.client.get("/api/user", headers=ann.auth).json["user"]
    assert (me["username"], me["email"], me["bio"]) == (name, f"{name}@example.com", "I write")


def test_update_refuses_a_name_someone_else_has(api: Api) -> None:
    ann, bob = api.sign_up("ann"), api.sign_up("bob")
    res = api.client.put(
        "/api/user", json={"user": {"username": bob.username, "email": bob.email}}, headers=ann.auth
    )
    assert res.status_code == 422
    assert sorted(fields(res.json)) == ["email", "username"]
    # Your own name is not taken.
    res = api.client.put("/api/user", json={"user": {"username": ann.username}}, headers=ann.auth)
    assert res.status_code == 200


def test_changing_the_password_needs_the_current_one_and_ends_every_earlier_token(
    api: Api,
) -> None:
    ann = api.sign_up("ann")
    other = api.log_in(ann.email)
    new = "a-brand-new-password"

    def change(body: dict[str, str]):
        return api.client.put("/api/user", json={"user": body}, headers=ann.auth)

    for body in [{"password": new}, {"password": new, "currentPassword": "not-the-password"}]:
        res = change(body)
        assert res.status_code == 422
        assert fields(res.json) == ["currentPassword"]
    res = change({"password": "short"})
    assert sorted(fields(res.json)) == ["currentPassword", "password"]
    assert login(api, ann.email, new).status_code == 401

    res = change({"password": new, "currentPassword": PASSWORD})
    assert res.status_code == 200
    fresh = res.json["user"]["token"]
    assert fresh != ann.token
    assert api.client.get("/api/user", headers=ann.auth).status_code == 401
    assert api.client.get("/api/user", headers=other.auth).status_code == 401
    assert api.client.get("/api/user", headers={"Authorization": f"Token {fresh}"}).json
    assert login(api, ann.email, new).status_code == 200
    assert login(api, ann.email, PASSWORD).status_code == 401


@pytest.mark.parametrize(
    "bad",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:image/png;base64,iVBORw0KGgo=",
        "http://",
        "https:///a.png",
        "https:\\\\example.com/a.png",
        "ftp://example.com/a.png",
        "//example.com/a.png",
        "/a.png",
        "https://exa mple.com/a.png",
        "https://example.com/a.png\n",
        "https://example.com:99999/a.png",
        f"https://{'x' * 2048}.com",
    ],
)
def test_a_profile_image_that_is_no_http_url_is_422(api: Api, bad: str) -> None:
    assert not http_url(bad)
    ann = api.sign_up("ann")
    res = api.client.put("/api/user", json={"user": {"image": bad}}, headers=ann.auth)
    assert res.status_code == 422
    assert fields(res.json) == ["image"]


def test_http_urls_and_nothing_are_profile_images(api: Api) -> None:
    ann = api.sign_up("ann")
    for good in [
        "https://example.com/a.png",
        "http://127.0.0.1:8080/me.jpg?size=2",
        "HTTPS://EXAMPLE.COM/A.PNG",
        "",
    ]:
        res = api.client.put("/api/user", json={"user": {"image": good}}, headers=ann.auth)
        assert res.status_code == 200, good
        assert res.json["user"]["image"] == good


def test_nul_bytes_are_422_under_their_field(api: Api) -> None:
    ann = api.sign_up("ann")
    for path, body, field in [
        ("/api/users/login", {"user": {"email": "ann\x00@example.com", "password": "x"}}, "email"),
        ("/api/users", {"user": {"username": "nul", "password": "a\x00b"}}, "password"),
        ("/api/users", {"user": {"username": "\ud800"}}, "username"),
        ("/api/users", {"user\x00": {}}, "body"),
    ]:
        res = api.client.post(path, json=body)
        assert res.status_code == 422, (path, body)
        assert res.json == {"errors": {"body": [f"{field} must be UTF-8 text without NUL bytes"]}}
    res = api.client.put("/api/user", json={"user": {"bio": "a\x00b"}}, headers=ann.auth)
    assert res.json == {"errors": {"body": ["bio must be UTF-8 text without NUL bytes"]}}


def test_a_body_that_is_no_json_object_is_422(api: Api) -> None:
    for body in ['{"user": ', "[1, 2]", "", '{"a": NaN}', "[" * 100_000]:
        res = api.client.post("/api/users/login", data=body, content_type="application/json")
        assert res.status_code == 422, body[:20]
        assert list(res.json["errors"]) == ["body"]


def test_a_json_body_over_1_mib_is_413(api: Api) -> None:
    res = api.client.post("/api/users/login", json={"user": {"email": "x" * (1024 * 1024)}})
    assert res.status_code == 413
    assert list(res.json["errors"]) == ["body"]


# Each test gets its own app, and so its own limits. Behind a trusted proxy
# (TRUST_PROXY=1) the client's address is the X-Forwarded-For one.


def assert_retry_after(res) -> None:
    assert res.status_code == 429
    assert 1 <= int(res.headers["Retry-After"]) <= 60
    assert "errors" in res.json


def test_failures_are_limited_per_account_and_address_and_nobody_locks_a_user_out(
    make_api: Callable[..., Api],
) -> None:
    api = make_api(trust_proxy=True)
    ann, bob = api.sign_up("ann"), api.sign_up("bob")
    via = {"X-Forwarded-For": "198.51.100.7"}
    for i in range(LOGIN_FAILURES_PER_ACCOUNT):
        assert login(api, ann.email, f"guess-{i}-x", **via).status_code == 401
    assert_retry_after(login(api, ann.email, "another-guess", **via))
    assert_retry_after(login(api, ann.email, PASSWORD, **via))  # even the right password
    assert login(api, ann.email, PASSWORD, **{"X-Forwarded-For": "203.0.113.9"}).status_code == 200
    assert login(api, bob.email, PASSWORD, **via).status_code == 200
    api.clock.advance(61)
    assert login(api, ann.email, PASSWORD, **via).status_code == 200


def test_failures_are_limited_per_address_across_accounts(api: Api) -> None:
    for i in range(LOGIN_FAILURES_PER_ADDRESS):
        assert login(api, f"user{i}@example.com", "guess-guess").status_code == 401
    assert_retry_after(login(api, "user99@example.com", "guess-guess"))


def test_a_user_who_logs_in_often_is_never_slowed_down(api: Api) -> None:
    ann = api.sign_up("ann")
    for i in range(3 * LOGIN_FAILURES_PER_ACCOUNT):
        assert login(api, ann.email, PASSWORD).status_code == 200, f"login {i + 1}"


def test_registrations_are_limited_per_address_every_attempt_counted(
    make_api: Callable[..., Api],
) -> None:
    api = make_api(trust_proxy=True)
    for _ in range(REGISTRATIONS_PER_ADDRESS):  # invalid ones cost no bcrypt, and count
        res = register(api, "x", "bad", "short", **{"X-Forwarded-For": "198.51.100.10"})
        assert res.status_code == 422
    name = unique_name()
    assert_retry_after(
        register(api, name, f"{name}@example.com", **{"X-Forwarded-For": "198.51.100.10"})
    )
    res = register(api, name, f"{name}@example.com", **{"X-Forwarded-For": "203.0.113.11"})
    assert res.status_code == 201


@pytest.mark.parametrize("trust_proxy", [False, True])
def test_x_forwarded_for_decides_the_address_only_with_trust_proxy(
    make_api: Callable[..., Api], trust_proxy: bool
) -> None:
    api = make_api(trust_proxy=trust_proxy)
    for i in range(LOGIN_FAILURES_PER_ACCOUNT):
        via = {"X-Forwarded-For": f"192.0.2.200, 198.51.100.{i}"}
        assert login(api, "ann@example.com", "guess-guess", **via).status_code == 401
    # Only the last hop counts, the one the trusted proxy saw; without a
    # trusted proxy every guess came from the same peer.
    res = login(api, "ann@example.com", "guess-guess", **{"X-Forwarded-For": "198.51.100.99"})
    assert res.status_code == (401 if trust_proxy else 429)


def test_wrong_current_passwords_count_as_failed_logins(api: Api) -> None:
    # Checking the current password is a login in disguise: a stolen token
    # must not turn into unlimited guesses.
    ann = api.sign_up("ann")

    def change(current: str):
        return api.client.put(
            "/api/user",
            json={"user": {"password": "a-new-password", "currentPassword": current}},
            headers=ann.auth,
        )

    for _ in range(LOGIN_FAILURES_PER_ACCOUNT):
        assert change("a-guess-at-it").status_code == 422
    assert_retry_after(change(PASSWORD))
    assert_retry_after(login(api, ann.email, PASSWORD))
