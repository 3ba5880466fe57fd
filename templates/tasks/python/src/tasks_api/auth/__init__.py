"""Authentication: passwords, access and refresh tokens, and require_auth."""

from dataclasses import dataclass
from datetime import timedelta

from flask import Flask, current_app

from ..clock import Clock
from ..config import Settings
from .passwords import Passwords
from .tokens import AccessTokens

_KEY = "tasks_api.auth"


@dataclass(frozen=True)
class AuthServices:
    tokens: AccessTokens
    passwords: Passwords
    refresh_ttl: timedelta


def init_auth(app: Flask, settings: Settings, clock: Clock) -> None:
    app.extensions[_KEY] = AuthServices(
        tokens=AccessTokens(settings.jwt_secret, settings.access_token_ttl, clock),
        passwords=Passwords(settings.bcrypt_cost),
        refresh_ttl=settings.refresh_token_ttl,
    )


def auth_services() -> AuthServices:
    """The running app's AuthServices."""
    return current_app.extensions[_KEY]
