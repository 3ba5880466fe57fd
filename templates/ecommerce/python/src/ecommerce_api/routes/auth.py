"""/api/auth: register, login and me. Logins and registrations are limited per
client address, and logins per (email, address) too: see ratelimit.py."""

from flask import Blueprint, Response, jsonify, request

from ..auth import auth_services
from ..auth.middleware import current_user, signed_in
from ..errors import ApiError
from ..log import get_logger
from ..ratelimit import retry_after_seconds
from ..schemas.accounts import Login, Registration
from ..services import get_db, services
from ..store.users import User, create_user, user_by_email
from ..validation import parse_body

bp = Blueprint("auth", __name__, url_prefix="/api/auth")


def client_address() -> str:
    """The address the login and registration budgets count against: the
    connection's peer, or with TRUST_PROXY=1 the last X-Forwarded-For hop
    (create_app's ProxyFix), the address the proxy saw."""
    return request.remote_addr or ""


def too_many(retry_after: float, what: str) -> ApiError:
    """429 telling the client how long to wait, in whole seconds."""
    return ApiError(
        429,
        f"too many {what} attempts: try again in a minute",
        headers={"Retry-After": str(retry_after_seconds(retry_after))},
    )


def session(status: int, user: User) -> tuple[Response, int]:
    token, expires_in = auth_services().tokens.issue(user.id)
    body = {
        "user": user.to_json(),
        "access_token": token,
        "token_type": "Bearer",
        "expires_in": expires_in,
    }
    return jsonify(body), status


@bp.post("/register")
def register() -> tuple[Response, int]:
    """Creates a customer: nobody can make themselves an admin. Every attempt,
    valid or not, takes one token of the client address's budget."""
    addr = client_address()
    allowed = auth_services().signups.take(addr)
    if not allowed.ok:
        get_logger().warning("registration refused: too many attempts", extra={"addr": addr})
        raise too_many(allowed.retry_after, "registration")
    data = parse_body(Registration)
    password_hash = auth_services().passwords.hash(data.password)
    user = create_user(get_db(), data.email, password_hash, services().clock())
    if user is None:
        raise ApiError(409, "email is already registered")
    return session(201, user)


@bp.post("/login")
def login() -> tuple[Response, int]:
    """Checks a password. Each attempt reserves one failure of the (email,
    address) pair and of the address; a right password gives it back. While
    limited, even the right password waits, or the 429 would tell a guesser
    which guess was right."""
    data = parse_body(Login)
    addr = client_address()
    attempt = auth_services().logins.attempt(data.email, addr)
    if not attempt.ok:
        get_logger().warning("login refused: too many failures", extra={"addr": addr})
        raise too_many(attempt.retry_after, "login")
    user, password_hash = user_by_email(get_db(), data.email) or (None, None)
    # For an unknown email, verify still spends the time of a real check.
    if not auth_services().passwords.verify(password_hash, data.password) or user is None:
        raise ApiError(401, "invalid email or password")
    attempt.succeeded()
    return session(200, user)


@bp.get("/me")
@signed_in
def me() -> Response:
    return jsonify(user=current_user().to_json())
