"""Who is calling: the token of "Authorization: Token <jwt>" ("Bearer <jwt>"
works too), checked, and its user read from the database on every request."""

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import g, request

from ..errors import fail
from ..services import get_db
from ..store.models import User
from ..store.users import user_by_id
from . import auth_services
from .tokens import InvalidToken

P = ParamSpec("P")
R = TypeVar("R")


class _NoToken(Exception):
    pass


def _caller() -> User:
    """The user whose token the request carries. The user is read on every
    request, so that a deleted account, a changed role or a changed password
    (a new token version) applies to earlier tokens at once. The role is the
    database's; tokens carry none."""
    header = request.headers.get("Authorization", "")
    if not header:
        raise _NoToken
    scheme, _, token = header.partition(" ")
    if scheme.lower() not in ("token", "bearer") or not token.strip():
        raise _unauthorized()
    try:
        user_id, version = auth_services().tokens.verify(token.strip())
    except InvalidToken:
        raise _unauthorized() from None
    user = user_by_id(get_db(), user_id)
    if user is None or user.token_version != version:
        raise _unauthorized()
    return user


def _unauthorized() -> Exception:
    return fail(
        401,
        "a valid token is required: Authorization: Token <jwt>",
        headers={"WWW-Authenticate": 'Token realm="api"'},
    )


def require_user(view: Callable[P, R]) -> Callable[P, R]:
    """A view decorator: 401 unless the request carries a valid token."""

    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            g.user = _caller()
        except _NoToken:
            raise _unauthorized() from None
        return view(*args, **kwargs)

    return wrapper


def optional_user(view: Callable[P, R]) -> Callable[P, R]:
    """A view decorator: anonymous callers are let through (current_user() is
    None), but a token that is present must be valid."""

    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            g.user = _caller()
        except _NoToken:
            g.user = None
        return view(*args, **kwargs)

    return wrapper


def current_user() -> User:
    """The signed-in user of a require_user view."""
    return g.user


def viewer() -> User | None:
    """The signed-in user of an optional_user view, or None."""
    return g.get("user")


def viewer_id() -> int:
    """The viewer's id, 0 for nobody (no user has it)."""
    user = g.get("user")
    return user.id if user is not None else 0


def presented_token() -> str:
    """The token the request was authenticated with."""
    return request.headers.get("Authorization", "").partition(" ")[2].strip()
