"""signed_in and admin_only: who is calling, from the Bearer token, and what
the database says they may do, checked on every request."""

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import g, request

from ..errors import ApiError
from ..services import get_db
from ..store.users import User, user_by_id
from . import auth_services
from .tokens import InvalidToken

P = ParamSpec("P")
R = TypeVar("R")


def authenticate() -> None:
    """Lets a request through only with a valid "Authorization: Bearer <token>"
    whose user still exists, and sets g.user to that user as the database has
    it now; otherwise it answers 401. The user is read on every request, so a
    role change or a deleted account takes effect at once, whatever tokens are
    still around. (It returns nothing, so that a blueprint can run it as its
    before_request hook.)"""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
    try:
        user_id = auth_services().tokens.verify(token.strip())
    except InvalidToken:
        raise _invalid_token() from None
    user = user_by_id(get_db(), user_id)
    if user is None:
        raise _invalid_token()
    g.user = user


def require_admin() -> None:
    """authenticate(), then 403 for anybody who is not an admin now."""
    authenticate()
    if not current_user().admin:
        raise ApiError(403, "admins only")


def signed_in(view: Callable[P, R]) -> Callable[P, R]:
    """A view decorator: authenticate() first."""

    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        authenticate()
        return view(*args, **kwargs)

    return wrapper


def admin_only(view: Callable[P, R]) -> Callable[P, R]:
    """A view decorator: 401 without a valid token, 403 for a customer."""

    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        require_admin()
        return view(*args, **kwargs)

    return wrapper


def current_user() -> User:
    """The signed-in user of this request (after authenticate)."""
    return g.user


def _invalid_token() -> ApiError:
    return ApiError(
        401,
        "invalid or expired access token",
        headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
    )
