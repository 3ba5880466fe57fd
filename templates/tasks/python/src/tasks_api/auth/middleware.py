"""require_auth: who is calling, from the Bearer token, checked on every request."""

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import g, request

from ..errors import ApiError
from ..services import get_db
from ..store.models import User
from ..store.users import user_by_id
from . import auth_services
from .tokens import InvalidToken

P = ParamSpec("P")
R = TypeVar("R")


def authenticate() -> None:
    """Lets a request through only with a valid access token in
    "Authorization: Bearer <token>" whose user still exists, and sets g.user;
    otherwise it answers 401. The user is read on every request: a token
    proves who it was issued to, not that they still have an account."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthorized("missing bearer token", 'Bearer realm="tasks"')
    try:
        user_id = auth_services().tokens.verify(token.strip())
    except InvalidToken:
        raise _unauthorized("invalid or expired access token") from None
    user = user_by_id(get_db(), user_id)
    if user is None:
        raise _unauthorized("this account no longer exists")
    g.user = user


def require_auth(view: Callable[P, R]) -> Callable[P, R]:
    """A view decorator: authenticate() first."""

    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        authenticate()
        return view(*args, **kwargs)

    return wrapper


def current_user() -> User:
    """The signed-in user of this request (after authenticate)."""
    return g.user


def _unauthorized(
    message: str, challenge: str = 'Bearer realm="tasks", error="invalid_token"'
) -> ApiError:
    return ApiError(401, message, headers={"WWW-Authenticate": challenge})
