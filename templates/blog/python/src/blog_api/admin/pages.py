"""The dashboard's pages and forms."""

import re
from datetime import datetime
from importlib import resources

from flask import Blueprint, Response, redirect, request

from ..auth.login import BadLogin, LoginLimited, authenticate
from ..log import get_logger
from ..policy import may_manage_users
from ..ratelimit import retry_after_seconds
from ..services import get_db, services
from ..store import admin as store
from ..store.articles import article_by_slug, delete_article, list_articles
from ..store.models import ROLES, ArticleFilter
from ..store.roles import set_role
from .session import (
    CSRF_FIELD,
    LOGIN_COOKIE,
    LOGIN_FORM_TTL,
    SESSION_COOKIE,
    admin,
    delete_cookie,
    hash_token,
    message_page,
    page,
    random_token,
    require_admin,
    same_token,
    set_cookie,
)

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")

_ID = re.compile(r"[1-9][0-9]{0,15}")


@bp.app_template_filter("admin_date")
def admin_date(t: datetime) -> str:
    """2 Jan 2026 15:04 (UTC)."""
    return f"{t.day} {t:%b %Y %H:%M}"


@bp.after_request
def dashboard_headers(response: Response) -> Response:
    # No scripts at all, styles only from our stylesheet, forms only to us.
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none';"
        " base-uri 'none'"
    )
    response.headers.setdefault("Cache-Control", "no-store")
    return response


@bp.get("/admin.css")
def stylesheet() -> Response:
    css = (resources.files(__package__) / "static" / "admin.css").read_text(encoding="utf-8")
    response = Response(css, mimetype="text/css")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


@bp.get("/login")
def login_page() -> Response:
    token = random_token()
    response = page(200, "login.html", title="Sign in", login_csrf=token, email="")
    set_cookie(response, LOGIN_COOKIE, token, LOGIN_FORM_TTL)
    response.headers["X-CSRF-Token"] = token
    return response


@bp.post("/login")
def login_form() -> Response:
    """On success a session cookie, the only cookie this answer sets, and a
    redirect to the overview. The sign-in counts against the same failed-login
    budget as POST /api/users/login."""
    token = request.cookies.get(LOGIN_COOKIE)
    if not same_token(request.form.get(CSRF_FIELD), token):
        return message_page(
            403,
            "Forbidden",
            "The sign-in form has expired (missing or wrong CSRF token). Reload it and try again.",
        )
    email = request.form.get("email", "")

    def again(status: int, message: str) -> Response:
        response = page(
            status, "login.html", title="Sign in", login_csrf=token, message=message, email=email
        )
        response.headers["X-CSRF-Token"] = token or ""
        return response

    try:
        user = authenticate(email, request.form.get("password", ""))
    except LoginLimited as err:
        response = again(429, "Too many failed attempts. Wait a minute and try again.")
        response.headers["Retry-After"] = str(retry_after_seconds(err.retry_after))
        return response
    except BadLogin:
        return again(401, "Wrong email or password.")
    if not may_manage_users(user):
        return again(403, "The dashboard is for admins only.")

    session_token = random_token()
    now = services().clock()
    ttl = services().settings.session_ttl
    store.create_session(
        get_db(),
        token_hash=hash_token(session_token),
        user_id=user.id,
        csrf_token=random_token(),
        expires_at=now + ttl,
        now=now,
    )
    response = redirect("/admin", 303)
    set_cookie(response, SESSION_COOKIE, session_token, ttl)
    get_logger().info("admin signed in", extra={"user": user.username})
    return response


@bp.post("/logout")
@require_admin
def logout() -> Response:
    token = request.cookies.get(SESSION_COOKIE, "")  # require_admin found it
    store.delete_session(get_db(), hash_token(token), services().clock())
    response = redirect("/admin/login", 303)
    delete_cookie(response, SESSION_COOKIE)
    return response


@bp.get("")
@require_admin
def overview() -> Response:
    return page(
        200,
        "overview.html",
        title="Overview",
        signed_in=admin(),
        stats=store.stats(get_db()),
        roles=ROLES,
    )


@bp.get("/users")
@require_admin
def users() -> Response:
    return page(
        200,
        "users.html",
        title="Users",
        signed_in=admin(),
        users=store.users(get_db()),
        roles=ROLES,
    )


@bp.post("/users/<username>/role")
@require_admin
def role_form(username: str) -> Response:
    role = request.form.get("role", "")
    if role not in ROLES:
        return message_page(422, "Not changed", "Pick one of the four roles.", admin())
    if username == admin().user.username and role != "admin":
        return message_page(
            422, "Not changed", "You cannot demote yourself; ask another admin.", admin()
        )
    if set_role(get_db(), username, role) is None:
        return _not_found()
    get_logger().info(
        "role changed", extra={"by": admin().user.username, "user": username, "role": role}
    )
    return redirect("/admin/users", 303)


@bp.get("/articles")
@require_admin
def articles() -> Response:
    """Every article, hidden ones too."""
    listed, _ = list_articles(get_db(), 0, ArticleFilter(hidden=True, limit=500))
    return page(200, "articles.html", title="Articles", signed_in=admin(), articles=listed)


def _set_published(slug: str, published: bool) -> Response:
    if not store.set_published(get_db(), slug, published):
        return _not_found()
    return redirect("/admin/articles", 303)


@bp.post("/articles/<slug>/publish")
@require_admin
def publish(slug: str) -> Response:
    return _set_published(slug, True)


@bp.post("/articles/<slug>/unpublish")
@require_admin
def unpublish(slug: str) -> Response:
    """An unpublished article is 404 in the public API and absent from its lists."""
    return _set_published(slug, False)


@bp.post("/articles/<slug>/delete")
@require_admin
def delete_article_form(slug: str) -> Response:
    article = article_by_slug(get_db(), slug, 0, hidden=True)
    if article is None or not delete_article(get_db(), article.id):
        return _not_found()
    return redirect("/admin/articles", 303)


@bp.get("/comments")
@require_admin
def comments() -> Response:
    """The newest comments, on any article."""
    listed = store.recent_comments(get_db())
    return page(200, "comments.html", title="Comments", signed_in=admin(), comments=listed)


@bp.post("/comments/<id>/delete")
@require_admin
def delete_comment_form(id: str) -> Response:  # the path's {id}
    if not _ID.fullmatch(id) or not store.delete_comment_by_id(get_db(), int(id)):
        return _not_found()
    return redirect("/admin/comments", 303)


def _not_found() -> Response:
    return message_page(404, "Not found", "There is no such thing (any more).", admin())
