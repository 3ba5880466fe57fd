"""Session tokens: random, opaque, stored only as their SHA-256, looked up
with their user on every request and every WebSocket upgrade."""

import hashlib
import secrets
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import g, request

from ..db import Connection
from ..errors import ApiError
from ..services import get_db, services
from ..store.models import User
from ..store.users import user_by_session

P = ParamSpec("P")
R = TypeVar("R")


def new_token() -> tuple[str, str]:
    """A new session token for the client, and the hash the server keeps in its
    place. 32 random bytes cannot be guessed, so a fast hash is enough here
    (unlike passwords, which people choose)."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    """The stored form of a token: hex SHA-256."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def bearer_token() -> str:
    """The token of "Authorization: Bearer <token>", or ""."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def user_for_token(conn: Connection, token: str, now: datetime) -> User | None:
    """The user of an unexpired session, or None for a missing, unknown or expired token."""
    return user_by_session(conn, hash_token(token), now) if token else None


def unauthorized() -> ApiError:
    return ApiError(
        401, "missing or invalid token", headers={"WWW-Authenticate": 'Bearer realm="chat"'}
    )


def authenticate() -> None:
    """Lets a request through only with a live session's token in
    "Authorization: Bearer <token>", and sets g.user and g.session (the
    token's hash); otherwise it answers 401."""
    token = bearer_token()
    user = user_for_token(get_db(), token, services().clock())
    if user is None:
        raise unauthorized()
    g.user, g.session = user, hash_token(token)


def require_user(view: Callable[P, R]) -> Callable[P, R]:
    """A view decorator: authenticate() first."""

    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        authenticate()
        return view(*args, **kwargs)

    return wrapper


def current_user() -> User:
    """The signed-in user of this request (after authenticate)."""
    return g.user


def current_session() -> str:
    """The hash of this request's session token (after authenticate)."""
    return g.session
