"""Token buckets that slow down password guessing and sign-up floods.

The rule is the same in every waymark project:

- a login is refused with 429 when its (account, client address) pair has
  used its burst of failures (5, refilled over a minute), or when the client
  address has failed too often across all accounts (20 a minute);
- a successful login gives its token back, so a user who logs in often is
  never slowed down;
- registration takes one token per attempt from a per-address budget (30,
  refilled over a minute).

Keying the account's budget by address as well means nobody can lock a user
out from another machine by guessing their password on purpose; a guesser
spread over many addresses is still held to the per-address budget and to
bcrypt's cost. The state is per process: several gunicorn workers (or
servers) each count on their own.
"""

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from .clock import Clock, utc_now

LOGIN_FAILURES_PER_ACCOUNT = 5
LOGIN_FAILURES_PER_ADDRESS = 20
REGISTRATIONS_PER_ADDRESS = 30
PERIOD_SECONDS = 60.0


def _nothing() -> None:
    pass


@dataclass(frozen=True)
class Decision:
    """ok, or not ok with retry_after: the seconds until a token is back.
    A login's decision has succeeded(), which gives its reservation back."""

    ok: bool
    retry_after: float = 0.0
    succeeded: Callable[[], None] = field(default=_nothing, compare=False, repr=False)


@dataclass
class _Bucket:
    tokens: float
    at: float  # when tokens was last brought up to date, in seconds


class TokenBucket:
    """One bucket per key: each holds up to burst tokens and regains burst
    tokens every period seconds, continuously. Safe to share between threads."""

    def __init__(self, burst: int, period: float, clock: Clock = utc_now):
        if burst < 1 or period <= 0:
            raise ValueError("ratelimit: burst and period must be positive")
        self.burst = burst
        self.period = period
        self._clock = clock
        self._keys: dict[str, _Bucket] = {}
        self._lock = threading.Lock()
        self._last_sweep = clock().timestamp()

    def take(self, key: str) -> Decision:
        """Takes one token for key, or says how long until there is one."""
        with self._lock:
            now = self._clock().timestamp()
            self._sweep(now)
            b = self._refilled(key, now)
            if b.tokens < 1:
                return Decision(ok=False, retry_after=(1 - b.tokens) * self.period / self.burst)
            b.tokens -= 1
            return Decision(ok=True)

    def give(self, key: str) -> None:
        """Returns one token to key, never beyond the burst."""
        with self._lock:
            b = self._refilled(key, self._clock().timestamp())
            b.tokens = min(self.burst, b.tokens + 1)

    def __len__(self) -> int:
        return len(self._keys)

    def _refilled(self, key: str, now: float) -> _Bucket:
        b = self._keys.get(key)
        if b is None:
            b = self._keys[key] = _Bucket(tokens=self.burst, at=now)
            return b
        if now > b.at:
            b.tokens = min(self.burst, b.tokens + (now - b.at) * self.burst / self.period)
        b.at = now
        return b

    def _sweep(self, now: float) -> None:
        """Forgets refilled buckets, at most once per period, so memory stays bounded."""
        if now - self._last_sweep < self.period:
            return
        self._keys = {k: b for k, b in self._keys.items() if now - b.at < self.period}
        self._last_sweep = now


class LoginGuard:
    """Applies the login rule above."""

    def __init__(self, clock: Clock = utc_now):
        self.pair = TokenBucket(LOGIN_FAILURES_PER_ACCOUNT, PERIOD_SECONDS, clock)
        self.address = TokenBucket(LOGIN_FAILURES_PER_ADDRESS, PERIOD_SECONDS, clock)

    def attempt(self, account: str, addr: str) -> Decision:
        """Reserves one failure for a login to account from addr. Not ok: answer
        429 with Retry-After. Ok: call succeeded() once the password proved right."""
        pair_key = f"{account}\x00{addr}"
        by_address = self.address.take(addr)
        if not by_address.ok:
            return by_address
        by_pair = self.pair.take(pair_key)
        if not by_pair.ok:
            self.address.give(addr)
            return by_pair

        def succeeded() -> None:
            self.pair.give(pair_key)
            self.address.give(addr)

        return Decision(ok=True, succeeded=succeeded)


def retry_after_seconds(seconds: float) -> int:
    """A wait as a Retry-After value: whole seconds, at least one."""
    return max(1, math.ceil(seconds))
