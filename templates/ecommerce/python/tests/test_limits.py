"""The login and registration limits, through the API. Each test gets its own
app, and so its own limiter; behind a trusted proxy (TRUST_PROXY=1) the
client's address is the last X-Forwarded-For hop."""

import itertools
from collections.abc import Callable

import pytest

from conftest import PASSWORD, Api, unique_email
from ecommerce_api.ratelimit import (
    LOGIN_FAILURES_PER_ACCOUNT,
    LOGIN_FAILURES_PER_ADDRESS,
    REGISTRATIONS_PER_ADDRESS,
)

_hosts = itertools.count(1)


def new_address() -> str:
    return f"198.51.100.{next(_hosts) % 250 + 1}"


@pytest.fixture
def proxied(make_api: Callable[..., Api]) -> Api:
    return make_api(trust_proxy=True)


def login(api: Api, email: str, password: str, addr: str) -> int:
    res = api.client.post(
        "/api/auth/login",
        json={"email": email, "password": password},
        headers={"X-Forwarded-For": f"6.6.6.6, {addr}"},
    )
    if res.status_code == 429:
        wait = int(res.headers["Retry-After"])
        assert 1 <= wait <= 60, wait
        assert isinstance(res.json["error"], str)
    return res.status_code


def test_the_6th_login_after_5_failures_is_429_even_with_the_right_password(proxied: Api) -> None:
    email = unique_email()
    proxied.sign_up(email)
    addr = new_address()
    for _ in range(LOGIN_FAILURES_PER_ACCOUNT):
        assert login(proxied, email, "wrong-password", addr) == 401
    assert login(proxied, email.upper(), PASSWORD, addr) == 429
    # Nobody locks the account out from elsewhere; other accounts keep their budget.
    assert login(proxied, email, PASSWORD, new_address()) == 200
    assert login(proxied, unique_email(), "wrong-password", addr) == 401
    # A token comes back after 60 s / 5.
    proxied.clock.advance(12)
    assert login(proxied, email, PASSWORD, addr) == 200


def test_successful_logins_are_never_limited(proxied: Api) -> None:
    email = unique_email()
    proxied.sign_up(email)
    addr = new_address()
    for _ in range(3 * LOGIN_FAILURES_PER_ACCOUNT):
        assert login(proxied, email, PASSWORD, addr) == 200


def test_an_address_fails_at_most_20_times_a_minute_across_emails(proxied: Api) -> None:
    addr = new_address()
    for _ in range(LOGIN_FAILURES_PER_ADDRESS):
        assert login(proxied, unique_email(), "wrong-password", addr) == 401
    assert login(proxied, unique_email(), "wrong-password", addr) == 429


def test_without_trust_proxy_a_forged_x_forwarded_for_gets_no_new_budget(api: Api) -> None:
    email = unique_email()
    for _ in range(LOGIN_FAILURES_PER_ACCOUNT):
        login(api, email, "wrong-password", new_address())
    assert login(api, email, "wrong-password", new_address()) == 429


def test_registration_allows_30_attempts_a_minute_per_address(proxied: Api) -> None:
    addr = new_address()

    def register(body: dict[str, str], via: str = addr) -> int:
        res = proxied.client.post("/api/auth/register", json=body, headers={"X-Forwarded-For": via})
        return res.status_code

    for _ in range(REGISTRATIONS_PER_ADDRESS):
        assert register({"email": "nope", "password": "short"}) == 422
    assert register({"email": unique_email(), "password": PASSWORD}) == 429
    assert register({"email": unique_email(), "password": PASSWORD}, new_address()) == 201
