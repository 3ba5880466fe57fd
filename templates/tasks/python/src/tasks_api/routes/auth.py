"""/api/auth: register, login, me (read and delete), password, refresh and logout."""

from datetime import datetime
from typing import Annotated

from flask import Blueprint, Response, jsonify
from pydantic import AfterValidator, BaseModel

from ..auth import auth_services
from ..auth.middleware import current_user, require_auth
# waymark:begin solution hardening
from ..auth.passwords import MAX_PASSWORD_BYTES, MIN_PASSWORD_CHARS
# waymark:stub
# waymark:end
from ..auth.tokens import hash_refresh_token, new_refresh_token, new_token_family
from ..db import UniqueViolation
from ..errors import ApiError, validation_failed
# waymark:begin solution hardening
from ..hardening import client_address, rate_limits, too_many_requests
# waymark:stub
# waymark:end
from ..log import get_logger
from ..services import get_db, services
from ..store.models import User
from ..store.refresh_tokens import (
    RefreshTokenError,
    create_refresh_token,
    revoke_refresh_family,
    rotate_refresh_token,
)
from ..store.users import change_password, create_user, delete_user, password_hash_of, user_by_email
from ..validation import Required, invalid, parse_body

bp = Blueprint("auth", __name__, url_prefix="/api/auth")


def _email(value: str) -> str:
    value = value.strip().lower()
    if "@" not in value or len(value) > 254:
        raise invalid("must be an email address")
    return value


# waymark:begin solution hardening
def _new_password(value: str) -> str:
    if len(value) < MIN_PASSWORD_CHARS:
        raise invalid(f"must be at least {MIN_PASSWORD_CHARS} characters")
    if len(value.encode()) > MAX_PASSWORD_BYTES:
        raise invalid(f"must be at most {MAX_PASSWORD_BYTES} bytes")
    return value
# waymark:stub
# # TODO(hardening): at least 8 characters and at most 72 bytes.
# def _new_password(value: str) -> str:
#     if not value:
#         raise invalid("is required")
#     return value
# waymark:end


Email = Annotated[str, AfterValidator(_email)]
NewPassword = Annotated[str, AfterValidator(_new_password)]


class Registration(BaseModel):
    email: Email
    password: NewPassword


class Login(BaseModel):
    email: Annotated[str, AfterValidator(lambda e: e.strip().lower())]
    password: str


class RefreshBody(BaseModel):
    refresh_token: Required


class PasswordChange(BaseModel):
    current_password: Required
    new_password: NewPassword


class AccountDeletion(BaseModel):
    current_password: Required


def _check_current_password(password: str) -> None:
    """Checks the signed-in user's current password: when it is wrong, a 422
    naming current_password (or a 429). The attempts count against the login
    limit: otherwise a stolen access token would be a way to guess the password
    without one."""
    user = current_user()
    # waymark:begin solution hardening
    attempt = rate_limits().logins.attempt(user.email, client_address())
    if not attempt.ok:
        raise too_many_requests(attempt.retry_after, "too many password attempts; try again later")
    # waymark:stub
    # # TODO(hardening): count wrong current passwords like failed logins.
    # waymark:end
    if not auth_services().passwords.verify(password_hash_of(get_db(), user.id), password):
        raise validation_failed({"current_password": "is not the current password"})
    # waymark:begin solution hardening
    attempt.succeeded()
    # waymark:stub
    # waymark:end


def _session(status: int, user_id: int, refresh_token: str, user: User | None = None) -> Response:
    """A new access token for user_id with refresh_token and, if given, the user."""
    token, expires_in = auth_services().tokens.issue(user_id)
    body: dict[str, object] = {} if user is None else {"user": user.to_json()}
    body |= {
        "access_token": token,
        "refresh_token": refresh_token,
        "token_type": "Bearer",
        "expires_in": expires_in,
    }
    response = jsonify(body)
    response.status_code = status
    return response


def _start_session(status: int, user: User) -> Response:
    """Starts a new refresh token family for user and answers the session."""
    token, token_hash = new_refresh_token()
    now = services().clock()
    create_refresh_token(
        get_db(),
        user_id=user.id,
        family_id=new_token_family(),
        token_hash=token_hash,
        expires_at=_refresh_expiry(now),
        now=now,
    )
    return _session(status, user.id, token, user)


def _refresh_expiry(now: datetime) -> datetime:
    return now + auth_services().refresh_ttl


@bp.post("/register")
def register() -> Response:
    # waymark:begin solution hardening
    # Every attempt counts, valid or not.
    signup = rate_limits().signups.take(client_address())
    if not signup.ok:
        raise too_many_requests(
            signup.retry_after, "too many sign-ups from this address; try again later"
        )
    # waymark:stub
    # # TODO(hardening): limit sign-ups per client address (429 with Retry-After).
    # waymark:end
    data = parse_body(Registration)
    password_hash = auth_services().passwords.hash(data.password)
    try:
        user = create_user(get_db(), data.email, password_hash, services().clock())
    except UniqueViolation:
        raise ApiError(409, "this email is already registered") from None
    return _start_session(201, user)


@bp.post("/login")
def login() -> Response:
    data = parse_body(Login)
    # waymark:begin solution hardening
    attempt = rate_limits().logins.attempt(data.email, client_address())
    if not attempt.ok:
        raise too_many_requests(attempt.retry_after, "too many login attempts; try again later")
    # waymark:stub
    # # TODO(hardening): refuse with 429 once this email and address failed too often.
    # waymark:end
    user, password_hash = user_by_email(get_db(), data.email) or (None, None)
    # For an unknown email, verify still spends the time of a real check.
    if not auth_services().passwords.verify(password_hash, data.password) or user is None:
        raise ApiError(401, "invalid email or password")
    # waymark:begin solution hardening
    attempt.succeeded()
    # waymark:stub
    # waymark:end
    return _start_session(200, user)


@bp.get("/me")
@require_auth
def me() -> Response:
    return jsonify(user=current_user().to_json())


@bp.delete("/me")
@require_auth
def delete_me() -> Response:
    """Deletes the account, with its tasks and sessions, once the password confirms it."""
    data = parse_body(AccountDeletion)
    _check_current_password(data.current_password)
    delete_user(get_db(), current_user().id)
    return Response(status=204)


@bp.post("/password")
@require_auth
def password() -> Response:
    """A new password needs the current one, so that a stolen access token
    cannot take the account over, and ends every session of the user; the
    caller gets a new one."""
    data = parse_body(PasswordChange)
    _check_current_password(data.current_password)
    password_hash = auth_services().passwords.hash(data.new_password)
    if not change_password(get_db(), current_user().id, password_hash, services().clock()):
        raise ApiError(401, "this account no longer exists")  # deleted meanwhile
    return _start_session(200, current_user())


@bp.post("/refresh")
def refresh() -> Response:
    data = parse_body(RefreshBody)
    token, token_hash = new_refresh_token()
    now = services().clock()
    try:
        user_id = rotate_refresh_token(
            get_db(), hash_refresh_token(data.refresh_token), token_hash, _refresh_expiry(now), now
        )
    except RefreshTokenError as err:
        if err.reason == "reused":
            get_logger().warning("a rotated refresh token was reused; its family is revoked")
        raise ApiError(401, "invalid refresh token") from None
    return _session(200, user_id, token)


@bp.post("/logout")
def logout() -> Response:
    data = parse_body(RefreshBody)
    revoke_refresh_family(get_db(), hash_refresh_token(data.refresh_token), services().clock())
    return Response(status=204)
