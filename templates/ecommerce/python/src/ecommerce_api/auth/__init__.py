"""Accounts: passwords, access tokens, the login and registration limits,
and the signed_in and admin_only guards (middleware.py)."""

from dataclasses import dataclass

from flask import Flask, current_app

from ..clock import Clock
from ..config import Settings
from ..ratelimit import PERIOD_SECONDS, REGISTRATIONS_PER_ADDRESS, LoginGuard, TokenBucket
from .passwords import Passwords
from .tokens import AccessTokens

_KEY = "ecommerce_api.auth"


@dataclass(frozen=True)
class AuthServices:
    tokens: AccessTokens
    passwords: Passwords
    # Failed logins per (email, address) pair and per address; sign-ups per
    # address. In memory: each gunicorn worker process counts on its own.
    logins: LoginGuard
    signups: TokenBucket


def init_auth(app: Flask, settings: Settings, clock: Clock) -> None:
    app.extensions[_KEY] = AuthServices(
        tokens=AccessTokens(settings.jwt_secret, settings.token_ttl, clock),
        passwords=Passwords(settings.bcrypt_cost),
        logins=LoginGuard(clock),
        signups=TokenBucket(REGISTRATIONS_PER_ADDRESS, PERIOD_SECONDS, clock),
    )


def auth_services() -> AuthServices:
    """The running app's AuthServices."""
    return current_app.extensions[_KEY]
