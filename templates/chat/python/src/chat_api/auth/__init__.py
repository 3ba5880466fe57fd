"""Accounts: passwords, session tokens, require_user and the login and
registration limits."""

from dataclasses import dataclass
from datetime import timedelta

from flask import Flask, current_app, request

from ..clock import Clock
from ..config import Settings
from ..errors import ApiError
from ..ratelimit import (
    PERIOD_SECONDS,
    REGISTRATIONS_PER_ADDRESS,
    LoginGuard,
    TokenBucket,
    retry_after_seconds,
)
from .passwords import Passwords

_KEY = "chat_api.auth"


@dataclass(frozen=True)
class AuthServices:
    passwords: Passwords
    session_ttl: timedelta
    logins: LoginGuard  # failed logins per (username, address) pair and per address
    signups: TokenBucket  # registration attempts per address


def init_auth(app: Flask, settings: Settings, clock: Clock) -> None:
    app.extensions[_KEY] = AuthServices(
        passwords=Passwords(settings.bcrypt_cost),
        session_ttl=settings.session_ttl,
        logins=LoginGuard(clock),
        signups=TokenBucket(REGISTRATIONS_PER_ADDRESS, PERIOD_SECONDS, clock),
    )


def auth_services() -> AuthServices:
    """The running app's AuthServices."""
    return current_app.extensions[_KEY]


def client_address() -> str:
    """The address a request's limits count against: the connection's peer, or
    with TRUST_PROXY=1 the last X-Forwarded-For entry (create_app's ProxyFix)."""
    return request.remote_addr or ""


def too_many_requests(retry_after: float, message: str) -> ApiError:
    """429 telling the client how long to wait: raise too_many_requests(...)."""
    return ApiError(429, message, headers={"Retry-After": str(retry_after_seconds(retry_after))})
