from datetime import UTC, datetime

import pytest

import conftest
from chat_api.ratelimit import (
    LOGIN_FAILURES_PER_ACCOUNT,
    LOGIN_FAILURES_PER_ADDRESS,
    Decision,
    LoginGuard,
    TokenBucket,
    retry_after_seconds,
)

START = datetime(2026, 1, 1, tzinfo=UTC)


def test_a_bucket_allows_the_burst_then_refills_one_token_every_period_over_burst() -> None:
    clock = conftest.MovableClock(START)
    b = TokenBucket(5, 60, clock)
    for i in range(5):
        assert b.take("k").ok, f"take {i + 1}"
    assert b.take("k") == Decision(ok=False, retry_after=12)
    assert b.take("other").ok, "keys are independent"
    clock.advance(11)
    assert not b.take("k").ok
    clock.advance(1)
    assert b.take("k").ok


def test_give_never_fills_beyond_the_burst() -> None:
    b = TokenBucket(2, 60, conftest.MovableClock(START))
    for _ in range(5):
        b.give("k")
    assert sum(b.take("k").ok for _ in range(10)) == 2


def test_refilled_buckets_are_forgotten() -> None:
    clock = conftest.MovableClock(START)
    b = TokenBucket(1, 60, clock)
    for k in "abc":
        b.take(k)
    clock.advance(120)
    b.take("d")
    assert len(b) == 1


def test_a_bucket_needs_a_positive_burst_and_period() -> None:
    for burst, period in [(0, 60), (1, 0)]:
        with pytest.raises(ValueError):
            TokenBucket(burst, period)


def test_failures_limit_the_account_address_pair_not_the_account() -> None:
    g = LoginGuard(conftest.MovableClock(START))
    for _ in range(LOGIN_FAILURES_PER_ACCOUNT):
        assert g.attempt("ann", "10.0.0.1").ok
    refused = g.attempt("ann", "10.0.0.1")
    assert not refused.ok
    assert refused.retry_after > 0
    assert g.attempt("ann", "10.0.0.2").ok, "ann is locked out by someone else"


def test_a_successful_login_gives_its_token_back() -> None:
    g = LoginGuard(conftest.MovableClock(START))
    for i in range(3 * LOGIN_FAILURES_PER_ACCOUNT):
        a = g.attempt("ann", "10.0.0.1")
        assert a.ok, f"login {i + 1}"
        a.succeeded()


def test_an_address_has_a_budget_of_failures_across_accounts() -> None:
    g = LoginGuard(conftest.MovableClock(START))
    for i in range(LOGIN_FAILURES_PER_ADDRESS):
        assert g.attempt(f"user{i}", "10.0.0.9").ok
    assert not g.attempt("zed", "10.0.0.9").ok
    assert g.attempt("zed", "10.0.0.10").ok


@pytest.mark.parametrize(("seconds", "want"), [(0, 1), (0.3, 1), (12, 12), (12.1, 13)])
def test_retry_after_rounds_up_to_whole_seconds_at_least_one(seconds: float, want: int) -> None:
    assert retry_after_seconds(seconds) == want
