"""Authentication: passwords, tokens, the login and sign-up limits, and who
is calling (middleware.py)."""

from dataclasses import dataclass

from flask import Flask, current_app, request

from ..clock import Clock
from ..config import Settings
from ..errors import ApiError, fail
from ..ratelimit import (
    PERIOD_SECONDS,
    REGISTRATIONS_PER_ADDRESS,
    LoginGuard,
    TokenBucket,
    retry_after_seconds,
)
from .passwords import Passwords
from .tokens import Tokens

_KEY = "blog_api.auth"


@dataclass(frozen=True)
class AuthServices:
    tokens: Tokens
    passwords: Passwords
    # One budget of failed logins for the API's login, the dashboard's and
    # the current-password checks, so that none of them is a way around it.
    logins: LoginGuard
    signups: TokenBucket  # registrations per client address


def init_auth(app: Flask, settings: Settings, clock: Clock) -> None:
    app.extensions[_KEY] = AuthServices(
        tokens=Tokens(settings.jwt_secret, settings.token_ttl, clock),
        passwords=Passwords(settings.bcrypt_cost),
        logins=LoginGuard(clock),
        signups=TokenBucket(REGISTRATIONS_PER_ADDRESS, PERIOD_SECONDS, clock),
    )


def auth_services() -> AuthServices:
    """The running app's AuthServices."""
    return current_app.extensions[_KEY]


def client_address() -> str:
    """The address a request's limits count against: the connection's peer,
    or with TRUST_PROXY=1 the last X-Forwarded-For hop (create_app's ProxyFix)."""
    return request.remote_addr or ""


def too_many_requests(retry_after: float, message: str) -> ApiError:
    """429 telling the client how long to wait: raise too_many_requests(...)."""
    return fail(429, message, headers={"Retry-After": str(retry_after_seconds(retry_after))})
