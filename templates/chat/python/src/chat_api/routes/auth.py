"""/api/auth: register, login, logout and me."""

import re
from typing import Annotated

from flask import Blueprint, Response, jsonify
from pydantic import AfterValidator, BaseModel

from ..auth import auth_services, client_address, too_many_requests
from ..auth.passwords import MAX_PASSWORD_BYTES, MIN_PASSWORD_CHARS
from ..auth.sessions import current_session, current_user, new_token, require_user
from ..db import UniqueViolation
from ..errors import ApiError
# waymark:begin solution realtime
from ..log import get_logger
from ..realtime import realtime_hub
# waymark:stub
# waymark:end
from ..services import get_db, services
from ..store.models import User
from ..store.users import create_session, create_user, delete_session, user_by_username
from ..validation import invalid, parse_body

bp = Blueprint("auth", __name__, url_prefix="/api/auth")

_USERNAME = re.compile(r"[a-z0-9_-]{3,32}")


def _username(value: str) -> str:
    value = value.strip().lower()
    if not _USERNAME.fullmatch(value):
        raise invalid("3 to 32 characters among a-z, 0-9, _ and -")
    return value


def _new_password(value: str) -> str:
    if len(value) < MIN_PASSWORD_CHARS or len(value.encode()) > MAX_PASSWORD_BYTES:
        raise invalid(f"{MIN_PASSWORD_CHARS} characters to {MAX_PASSWORD_BYTES} bytes")
    return value


class Registration(BaseModel):
    username: Annotated[str, AfterValidator(_username)]
    password: Annotated[str, AfterValidator(_new_password)]


class Login(BaseModel):
    username: Annotated[str, AfterValidator(lambda u: u.strip().lower())]
    password: str


def _start_session(status: int, user: User) -> Response:
    """Makes a random token, stores its hash and answers {token, user}."""
    token, token_hash = new_token()
    now = services().clock()
    create_session(get_db(), user.id, token_hash, now + auth_services().session_ttl, now)
    response = jsonify(token=token, user=user.to_json())
    response.status_code = status
    return response


@bp.post("/register")
def register() -> Response:
    # Every attempt counts, valid or not: a flood of sign-ups from one
    # address is slowed down before it costs a bcrypt hash each.
    signup = auth_services().signups.take(client_address())
    if not signup.ok:
        raise too_many_requests(
            signup.retry_after, "too many sign-ups from this address; try again later"
        )
    data = parse_body(Registration)
    password_hash = auth_services().passwords.hash(data.password)
    try:
        user = create_user(get_db(), data.username, password_hash, services().clock())
    except UniqueViolation:
        raise ApiError(409, "username is taken") from None
    return _start_session(201, user)


@bp.post("/login")
def login() -> Response:
    data = parse_body(Login)
    # Failures count per username and client address, and per address: a
    # guesser is slowed down, but cannot lock the user out of their own machine.
    attempt = auth_services().logins.attempt(data.username, client_address())
    if not attempt.ok:
        raise too_many_requests(attempt.retry_after, "too many failed logins; try again later")
    user, password_hash = user_by_username(get_db(), data.username) or (None, None)
    # For an unknown username, verify still spends the time of a real check.
    if not auth_services().passwords.verify(password_hash, data.password) or user is None:
        raise ApiError(401, "invalid username or password")
    attempt.succeeded()
    return _start_session(200, user)


@bp.post("/logout")
@require_user
def logout() -> Response:
    session = current_session()
    delete_session(get_db(), session)
    # waymark:begin solution realtime
    # The session's open WebSockets end too (1008), on every instance: a
    # logged-out socket must not keep posting. Deleted first, so that no new
    # upgrade can start after this.
    try:
        realtime_hub().end_session(session)
    except Exception as err:  # the other instances notice at their next session check
        get_logger().warning("logout: tell the other instances", extra={"err": str(err)})
    # waymark:stub
    # waymark:end
    return Response(status=204)


@bp.get("/me")
@require_user
def me() -> Response:
    return jsonify(current_user().to_json())
