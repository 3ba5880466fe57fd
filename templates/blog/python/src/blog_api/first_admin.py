"""The first admin, from ADMIN_EMAIL and ADMIN_PASSWORD, at every start."""

from .auth.passwords import Passwords
from .log import get_logger
from .services import services
from .store.roles import AdminResult, ensure_admin

REFUSED = (
    "ADMIN_EMAIL belongs to an account that is not an admin, so it was not promoted: whoever"
    " registered it chose its password. If the account is yours, set ADMIN_EMAIL to an address"
    " no account has, restart, sign in to /admin as that new admin and give this account the"
    " admin role on the Users page; if it is not yours, delete it or choose another ADMIN_EMAIL"
)


def ensure_first_admin() -> AdminResult | None:
    """Creates the admin (inside an app context) when the settings name one and
    no account has its email, and logs what it did; None when no admin is set.
    An existing non-admin account with that email is left alone ("refused")
    and the log says what the operator can do; the server starts anyway, so
    that a stranger's sign-up cannot keep it down."""
    s = services()
    settings = s.settings
    if not settings.admin_email:
        return None
    passwords = Passwords(settings.bcrypt_cost)
    with s.db.connect() as conn:
        result, user = ensure_admin(
            conn,
            email=settings.admin_email,
            username=settings.admin_username,
            password_hash=lambda: passwords.hash(settings.admin_password),
            now=s.clock(),
        )
    fields = {"email": user.email, "username": user.username, "role": user.role}
    if result == "refused":
        get_logger().error(REFUSED, extra=fields)
    else:
        get_logger().info(f"first admin: {result}", extra=fields)
    return result
