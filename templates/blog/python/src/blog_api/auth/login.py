"""Checking a password within the login limit: the API's login, the
dashboard's and the current-password check of PUT /api/user all come here."""

from ..services import get_db
from ..store.models import User
from ..store.users import user_by_email
from . import auth_services, client_address


class LoginLimited(Exception):
    """Too many failures for this account from this address, or from this
    address: answer 429 with Retry-After."""

    def __init__(self, retry_after: float):
        super().__init__("too many failed logins")
        self.retry_after = retry_after


class BadLogin(Exception):
    """The email is unknown or the password wrong; the answer does not say which."""


def check_password(email: str, password: str, user: User | None) -> None:
    """Checks password against user (None: an unknown email, which takes as
    long) within the failed-login budget of email from the client address.
    Raises LoginLimited or BadLogin; a success gives its attempt back."""
    services = auth_services()
    attempt = services.logins.attempt(email.strip().lower(), client_address())
    if not attempt.ok:
        raise LoginLimited(attempt.retry_after)
    hashed = user.password_hash if user is not None else None
    if not services.passwords.verify(hashed, password) or user is None:
        raise BadLogin
    attempt.succeeded()


def authenticate(email: str, password: str) -> User:
    """The user whose email and password these are (see check_password)."""
    user = user_by_email(get_db(), email.strip().lower())
    check_password(email, password, user)
    if user is None:  # check_password has refused it already
        raise BadLogin
    return user
