import time
from collections.abc import Callable
from urllib.parse import urlencode

import jwt
import pytest

from conftest import PASSWORD, TEST_SECRET, Api, unique_email
from tasks_api.ratelimit import (
    LOGIN_FAILURES_PER_ACCOUNT,
    LOGIN_FAILURES_PER_ADDRESS,
    REGISTRATIONS_PER_ADDRESS,
)


def test_password_rules_at_least_8_characters_at_most_72_bytes(api: Api) -> None:
    for password in ["short", "é" * 37]:
        res = api.client.post(
            "/api/auth/register", json={"email": unique_email(), "password": password}
        )
        assert res.status_code == 422
        assert isinstance(res.json["fields"]["password"], str)
    res = api.client.post(
        "/api/auth/register", json={"email": unique_email(), "password": "ééééé-ok"}
    )
    assert res.status_code == 201


def test_security_headers_on_every_answer_errors_included(api: Api) -> None:
    for res in [
        api.client.get("/healthz"),
        api.client.get("/api/tasks"),
        api.client.get("/nope"),
        api.client.post("/healthz"),
    ]:
        assert res.headers["X-Content-Type-Options"] == "nosniff"
        assert res.headers["X-Frame-Options"] == "DENY"
        assert "default-src 'none'" in res.headers["Content-Security-Policy"]


def test_an_expired_token_is_401(api: Api) -> None:
    user = api.sign_up().user
    iat = int(time.time()) - 7200
    expired = jwt.encode(
        {"sub": str(user["id"]), "iat": iat, "exp": iat + 3600}, TEST_SECRET, algorithm="HS256"
    )
    res = api.client.get("/api/auth/me", headers={"Authorization": f"Bearer {expired}"})
    assert res.status_code == 401


def test_a_body_over_1_mib_is_413_and_malformed_json_400_without_internals(api: Api) -> None:
    auth = api.sign_up().auth
    res = api.client.post("/api/tasks", json={"title": "x" * 1_100_000}, headers=auth)
    assert res.status_code == 413
    assert isinstance(res.json["error"], str)
    res = api.client.post(
        "/api/tasks", data='{"title": ', content_type="application/json", headers=auth
    )
    assert res.status_code == 400
    assert list(res.json) == ["error"]
    assert "Traceback" not in res.text and ".py" not in res.text


def test_deeply_nested_json_is_a_400(api: Api) -> None:
    auth = api.sign_up().auth
    res = api.client.post(
        "/api/tasks", data="[" * 200_000, content_type="application/json", headers=auth
    )
    assert res.status_code == 400


def test_the_6th_login_for_one_email_within_a_minute_is_429_with_retry_after(api: Api) -> None:
    email = unique_email("target")
    api.sign_up(email)
    for i in range(LOGIN_FAILURES_PER_ACCOUNT):
        res = api.client.post("/api/auth/login", json={"email": email, "password": f"guess-{i}"})
        assert res.status_code == 401
    res = api.client.post("/api/auth/login", json={"email": email.upper(), "password": PASSWORD})
    assert res.status_code == 429
    assert 1 <= int(res.headers["Retry-After"]) <= 60
    # Another email is not affected.
    other = {"email": unique_email(), "password": "whatever-1"}
    assert api.client.post("/api/auth/login", json=other).status_code == 401
    api.clock.advance(61)
    res = api.client.post("/api/auth/login", json={"email": email, "password": PASSWORD})
    assert res.status_code == 200


# PostgreSQL refuses text with a NUL byte (SQLSTATE 22021), SQLite stores it:
# on neither may one reach the database. Every string a client sends is
# refused before, with 422 (400 for a path), never 500.
def test_unsafe_text_in_a_body_a_query_parameter_or_the_path_is_refused(api: Api) -> None:
    email = unique_email("nul")
    auth = api.sign_up(email).auth
    task = api.client.post("/api/tasks", json={"title": "clean"}, headers=auth).json
    cases = [
        (
            "POST",
            "/api/auth/register",
            {"email": "nul\x00@example.com", "password": "long enough"},
            422,
            "email",
        ),
        (
            "POST",
            "/api/auth/register",
            {"email": unique_email(), "password": "long\x00enough"},
            422,
            "password",
        ),
        ("POST", "/api/auth/login", {"email": f"{email}\x00", "password": PASSWORD}, 422, "email"),
        ("POST", "/api/auth/refresh", {"refresh_token": "x\x00"}, 422, "refresh_token"),
        ("POST", "/api/tasks", {"title": "a\x00b"}, 422, "title"),
        ("POST", "/api/tasks", {"title": "\ud800 lone surrogate"}, 422, "title"),
        ("POST", "/api/tasks", {"title": "ok", "description": "\x00"}, 422, "description"),
        ("POST", "/api/tasks", {"title": "ok", "labels": ["fine", "bad\x00"]}, 422, "labels"),
        ("POST", "/api/tasks", {"title": "ok", "x\x00": "y"}, 422, "body"),
        ("PATCH", f"/api/tasks/{task['id']}", {"title": "\x00"}, 422, "title"),
        ("GET", "/api/tasks?q=%00", None, 422, "q"),
        ("GET", "/api/tasks?label=work%00", None, 422, "label"),
        ("GET", "/api/tasks?status=todo%00", None, 422, "status"),
        ("GET", "/api/tasks/1%00", None, 400, None),
    ]
    for method, path, body, status, field in cases:
        res = api.client.open(path, method=method, json=body, headers=auth)
        assert res.status_code == status, (path, body, res.text)
        if field:
            assert isinstance(res.json["fields"][field], str), (path, body, res.text)
    assert api.client.get("/api/tasks", headers=auth).json["total"] == 1, "nothing was stored"


def test_hostile_titles_searches_and_pages_are_never_a_500(api: Api) -> None:
    auth = api.sign_up().auth
    strings = ["plain", "a\x00b", "\ud800", "%_\\", "' OR 1=1 --", "\u2028", "x" * 300, "٣"]
    pages = ["1", "9223372036854775807", "9007199254740991", "-1", "1e3", "0x10", "100000", "٣"]
    for i, s in enumerate(strings):
        created = api.client.post("/api/tasks", json={"title": s}, headers=auth)
        assert created.status_code < 500, (s, created.text)
        qs = urlencode(
            {"q": s, "label": s, "page": pages[i % len(pages)]},
            encoding="utf-8",
            errors="surrogatepass",
        )
        listed = api.client.get(f"/api/tasks?{qs}", headers=auth)
        assert listed.status_code < 500, (qs, listed.text)


# Each test gets its own app, and so its own limiter. Behind a trusted proxy
# (TRUST_PROXY=1) the client's address is the X-Forwarded-For one.
def login(api: Api, email: str, password: str, via: str | None = None) -> int:
    headers = {"X-Forwarded-For": via} if via else {}
    return api.client.post(
        "/api/auth/login", json={"email": email, "password": password}, headers=headers
    ).status_code


def test_guessing_a_users_password_from_one_address_does_not_lock_them_out_elsewhere(
    make_api: Callable[..., Api],
) -> None:
    api = make_api(trust_proxy=True)
    email = unique_email("victim")
    api.sign_up(email)
    for i in range(LOGIN_FAILURES_PER_ACCOUNT):
        assert login(api, email, f"guess-{i}", "198.51.100.1") == 401
    assert login(api, email, PASSWORD, "198.51.100.1") == 429
    assert login(api, email, PASSWORD, "198.51.100.2") == 200


def test_successful_logins_are_never_limited(api: Api) -> None:
    email = unique_email("frequent")
    api.sign_up(email)
    for i in range(3 * LOGIN_FAILURES_PER_ACCOUNT):
        assert login(api, email, PASSWORD) == 200, f"login {i + 1}"


def test_an_address_may_fail_only_so_often_across_accounts(api: Api) -> None:
    for _ in range(LOGIN_FAILURES_PER_ADDRESS):
        assert login(api, unique_email("spray"), "wrong-password") == 401
    res = api.client.post(
        "/api/auth/login", json={"email": unique_email("spray"), "password": "wrong-password"}
    )
    assert res.status_code == 429
    assert int(res.headers["Retry-After"]) >= 1


def test_registration_is_limited_per_address_every_attempt_counted(
    make_api: Callable[..., Api],
) -> None:
    api = make_api(trust_proxy=True)

    # A refused password costs no bcrypt, and counts all the same.
    def register(via: str):
        return api.client.post(
            "/api/auth/register",
            json={"email": unique_email("flood"), "password": "short"},
            headers={"X-Forwarded-For": via},
        )

    for _ in range(REGISTRATIONS_PER_ADDRESS):
        assert register("203.0.113.5").status_code == 422
    res = register("203.0.113.5")
    assert res.status_code == 429
    assert int(res.headers["Retry-After"]) >= 1
    assert register("203.0.113.6").status_code == 422


@pytest.mark.parametrize("trust_proxy", [False, True])
def test_x_forwarded_for_decides_the_address_only_with_trust_proxy(
    make_api: Callable[..., Api], trust_proxy: bool
) -> None:
    api = make_api(trust_proxy=trust_proxy)
    email = unique_email("proxied")
    api.sign_up(email)
    for i in range(LOGIN_FAILURES_PER_ACCOUNT):
        login(api, email, "wrong-password", f"192.0.2.200, 203.0.113.{i + 1}")
    # Only the last hop counts, the one the trusted proxy saw; without a
    # trusted proxy every guess came from the same peer.
    status = login(api, email, "wrong-password", "192.0.2.200, 203.0.113.99")
    assert status == (401 if trust_proxy else 429)


@pytest.mark.parametrize(
    ("method", "path"), [("POST", "/api/auth/password"), ("DELETE", "/api/auth/me")]
)
def test_wrong_current_passwords_are_limited_like_logins(api: Api, method: str, path: str) -> None:
    # Checking the current password is a login in disguise: a stolen access
    # token must not turn into unlimited guesses.
    auth = api.sign_up().auth

    def attempt(password: str):
        return api.client.open(
            path,
            method=method,
            headers=auth,
            json={"current_password": password, "new_password": "another passphrase"},
        )

    for _ in range(LOGIN_FAILURES_PER_ACCOUNT):
        assert attempt("wrong-password").status_code == 422
    res = attempt(PASSWORD)
    assert res.status_code == 429
    assert int(res.headers["Retry-After"]) >= 1
