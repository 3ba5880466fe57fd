"""POST /api/users, POST /api/users/login, GET and PUT /api/user."""

import re
from typing import Annotated
from urllib.parse import urlsplit

from flask import Blueprint, Response, jsonify
from pydantic import AfterValidator, BaseModel, Field

from ..auth import auth_services, client_address, too_many_requests
from ..auth.login import BadLogin, LoginLimited, authenticate, check_password
from ..auth.middleware import current_user, presented_token, require_user
from ..auth.passwords import MAX_PASSWORD_BYTES, MIN_PASSWORD_CHARS
from ..db import UniqueViolation
from ..errors import ApiError, invalid
from ..log import get_logger
from ..services import get_db, services
from ..store.models import USERNAME, USERNAME_RULE, User
from ..store.users import create_user, taken_fields, update_user
from ..validation import BLANK, Required, check, member, read_json, text_error, validate

bp = Blueprint("users", __name__, url_prefix="/api")

MAX_BIO_CHARS = 10_000
MAX_URL_CHARS = 2048
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")
_HTTP_START = re.compile(r"https?://[^/?#@]", re.IGNORECASE)


def _username(value: str) -> str:
    if not USERNAME.fullmatch(value):
        raise text_error(USERNAME_RULE)
    return value


def _email(value: str) -> str:
    value = value.lower()
    if len(value) > 254 or "@" not in value or _SPACE_OR_CONTROL.search(value):
        raise text_error("is invalid")
    return value


def _password(value: str) -> str:
    if not value.strip():
        raise text_error(BLANK)
    if len(value) < MIN_PASSWORD_CHARS:
        raise text_error(f"is too short (minimum is {MIN_PASSWORD_CHARS} characters)")
    if len(value.encode()) > MAX_PASSWORD_BYTES:
        raise text_error(f"is too long (maximum is {MAX_PASSWORD_BYTES} bytes)")
    return value


def http_url(value: str) -> bool:
    """Whether value is an absolute http or https URL with a host, at most
    2048 characters, without spaces, control characters or backslashes: what
    a profile image may be. javascript: and data: URLs are refused, because
    clients put the image into an <img src> or a link."""
    if len(value) > MAX_URL_CHARS or _SPACE_OR_CONTROL.search(value) or "\\" in value:
        return False
    if not _HTTP_START.match(value):  # "https:///x" is read as the host x by browsers
        return False
    try:
        url = urlsplit(value)
        url.port  # noqa: B018 (reading it checks it)
    except ValueError:  # a malformed port or IPv6 address
        return False
    return bool(url.hostname)


def _image(value: str | None) -> str:
    if value and not http_url(value):
        raise text_error("must be an http(s) URL")
    return value or ""


def _bio(value: str | None) -> str:
    if value and len(value) > MAX_BIO_CHARS:
        raise text_error(f"is too long (at most {MAX_BIO_CHARS} characters)")
    return value or ""


Username = Annotated[Required, AfterValidator(_username)]
Email = Annotated[Required, AfterValidator(_email)]
Password = Annotated[str, AfterValidator(_password)]


class Registration(BaseModel):
    username: Username
    email: Email
    password: Password


def _given(value: str) -> str:
    if not value:
        raise text_error(BLANK)
    return value


class Login(BaseModel):
    email: Required
    password: Annotated[str, AfterValidator(_given)]


class UserUpdate(BaseModel):
    """PUT /api/user: every field is optional; a field left out, or null,
    stays as it is (null empties bio and image)."""

    username: Username | None = None
    email: Email | None = None
    password: Password | None = None
    # This API's addition to the RealWorld body: needed with a new password.
    current_password: str | None = Field(default=None, alias="currentPassword")
    bio: Annotated[str | None, AfterValidator(_bio)] = None
    image: Annotated[str | None, AfterValidator(_image)] = None


def _user_answer(status: int, user: User, token: str | None = None) -> tuple[Response, int]:
    """{"user": ...} with token, or a new token for user."""
    if token is None:
        token = auth_services().tokens.issue(user.id, user.token_version)
    return jsonify(user=user.to_json(token)), status


def _refuse_taken(username: str | None, email: str | None, except_id: int = 0) -> None:
    taken = taken_fields(get_db(), username=username, email=email, except_id=except_id)
    if taken:
        raise invalid({field: ["has already been taken"] for field in taken})


def _raced() -> ApiError:
    # Two requests raced for the same name: the UNIQUE constraint decided.
    return invalid({"username": ["or email has already been taken"]})


@bp.post("/users")
def register() -> tuple[Response, int]:
    # Every attempt, valid or not, takes one of the address's sign-up tokens.
    signup = auth_services().signups.take(client_address())
    if not signup.ok:
        raise too_many_requests(
            signup.retry_after, "too many sign-ups from your address, try again later"
        )
    data = validate(Registration, member(read_json(), "user"))
    _refuse_taken(data.username, data.email)
    password_hash = auth_services().passwords.hash(data.password)
    try:
        user = create_user(
            get_db(),
            username=data.username,
            email=data.email,
            password_hash=password_hash,
            now=services().clock(),
        )
    except UniqueViolation:
        raise _raced() from None
    get_logger().info("user registered", extra={"user_id": user.id})
    return _user_answer(201, user)


@bp.post("/users/login")
def login() -> tuple[Response, int]:
    data = validate(Login, member(read_json(), "user"))
    try:
        user = authenticate(data.email, data.password)
    except LoginLimited as err:
        raise too_many_requests(
            err.retry_after, "too many failed logins, try again later"
        ) from None
    except BadLogin:
        # The same answer for a wrong password and an unknown email.
        raise ApiError(401, {"email or password": ["is invalid"]}) from None
    return _user_answer(200, user)


@bp.get("/user")
@require_user
def me() -> tuple[Response, int]:
    return _user_answer(200, current_user(), presented_token())


@bp.put("/user")
@require_user
def update() -> tuple[Response, int]:
    """A new password needs the current one, and ends every other session:
    the token version goes up (earlier tokens answer 401) and dashboard
    sessions end. The answer carries a fresh token, which RealWorld clients
    store."""
    raw = member(read_json(), "user")
    data, errors = check(UserUpdate, raw)
    if raw.get("password") is not None and not raw.get("currentPassword"):
        errors.setdefault("currentPassword", [f"{BLANK} when you change the password"])
    if data is None or errors:
        raise invalid(errors)
    user = current_user()
    if data.password is not None:
        _check_current_password(user, data.current_password or "")
    changes = {
        key: value
        for key, value in data.model_dump(include={"username", "email"}).items()
        if value is not None
    }
    changes |= {key: getattr(data, key) for key in ("bio", "image") if key in data.model_fields_set}
    _refuse_taken(changes.get("username"), changes.get("email"), user.id)
    if data.password is not None:
        changes["password_hash"] = auth_services().passwords.hash(data.password)
    try:
        saved = update_user(get_db(), user.id, changes)
    except UniqueViolation:
        raise _raced() from None
    if saved is None:
        raise ApiError(401, {"": ["this account no longer exists"]})
    if data.password is None:
        return _user_answer(200, saved, presented_token())
    get_logger().info("password changed, other sessions ended", extra={"user_id": saved.id})
    return _user_answer(200, saved)


def _check_current_password(user: User, password: str) -> None:
    """A 422 under currentPassword unless password is user's, or a 429. A wrong
    guess counts as a failed login: whoever holds a stolen token gets no more
    guesses here than at the login."""
    try:
        check_password(user.email, password, user)
    except LoginLimited as err:
        raise too_many_requests(
            err.retry_after, "too many failed password checks, try again later"
        ) from None
    except BadLogin:
        raise invalid({"currentPassword": ["is invalid"]}) from None
