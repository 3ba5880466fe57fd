"""The dashboard's sessions and CSRF tokens.

Signing in uses a double-submit token: GET /admin/login puts a random token
in the blog_login cookie and in the form, and POST /admin/login must send
both (before signing in there is no session to keep it in). After it, the
session's row holds its own CSRF token (a synchronizer token), which every
page answers in X-CSRF-Token and in each form's hidden csrf_token input.

The session cookie holds a random token; the database keeps only its
SHA-256, so a leaked table opens no session.
"""

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import wraps
from typing import ParamSpec

from flask import Response, g, make_response, redirect, render_template, request

from ..policy import may_manage_users
from ..services import get_db, services
from ..store.admin import session_by_hash
from ..store.models import User

P = ParamSpec("P")

SESSION_COOKIE = "blog_admin"
LOGIN_COOKIE = "blog_login"
CSRF_FIELD = "csrf_token"  # noqa: S105 (a form field's name, not a secret)
LOGIN_FORM_TTL = timedelta(hours=1)


@dataclass(frozen=True)
class AdminSession:
    """A signed-in admin and their session's CSRF token."""

    user: User
    csrf: str


def random_token() -> str:
    return secrets.token_hex(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def same_token(given: str | None, expected: str | None) -> bool:
    """Compares in constant time; an empty or missing token never matches."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())


def over_tls() -> bool:
    """Whether the request came over TLS, directly or through the proxy.
    Believing X-Forwarded-Proto without TRUST_PROXY is harmless here: it can
    only make the client's own cookie stricter."""
    return request.is_secure or request.headers.get("X-Forwarded-Proto") == "https"


def set_cookie(response: Response, name: str, value: str, max_age: timedelta) -> None:
    """An HttpOnly, SameSite=Lax cookie for the dashboard, Secure over TLS."""
    response.set_cookie(
        name,
        value,
        max_age=int(max_age.total_seconds()),
        path="/admin",
        httponly=True,
        samesite="Lax",
        secure=over_tls(),
    )


def delete_cookie(response: Response, name: str) -> None:
    response.delete_cookie(name, path="/admin", httponly=True, samesite="Lax", secure=over_tls())


def page(status: int, template: str, **context: object) -> Response:
    """The dashboard page template (in templates/admin/) answered with status."""
    response = make_response(render_template(f"admin/{template}", **context), status)
    response.mimetype = "text/html"
    return response


def message_page(
    status: int, title: str, message: str, signed_in: AdminSession | None = None
) -> Response:
    return page(status, "message.html", title=title, message=message, signed_in=signed_in)


def current_session() -> AdminSession | None:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    found = session_by_hash(get_db(), hash_token(token), services().clock())
    return None if found is None else AdminSession(*found)


def require_admin(view: Callable[P, Response]) -> Callable[P, Response]:
    """Lets through a request with a live session of an admin (g.admin).
    Without a session it redirects to the sign-in page; a non-admin gets 403
    (the role is read on every request: a demoted admin is out at once); a
    POST without the session's CSRF token gets 403 and changes nothing."""

    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Response:
        signed_in = current_session()
        if signed_in is None:
            return redirect("/admin/login", 303)
        if not may_manage_users(signed_in.user):
            return message_page(403, "Forbidden", "The dashboard is for admins only.")
        if request.method == "POST" and not same_token(
            request.form.get(CSRF_FIELD), signed_in.csrf
        ):
            response = message_page(
                403,
                "Forbidden",
                "This form has expired or was not sent by the dashboard (missing or wrong"
                " CSRF token). Go back, reload the page and try again.",
                signed_in,
            )
        else:
            g.admin = signed_in
            response = make_response(view(*args, **kwargs))
        response.headers["X-CSRF-Token"] = signed_in.csrf
        return response

    return wrapper


def admin() -> AdminSession:
    """The signed-in admin of a require_admin view."""
    return g.admin
