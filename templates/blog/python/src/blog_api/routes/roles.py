"""PUT /api/admin/users/<username>/role, for admins only."""

from flask import Blueprint, Response, jsonify

from ..auth.middleware import current_user, require_user
from ..errors import fail, invalid, not_found
from ..log import get_logger
from ..policy import may_manage_users
from ..services import get_db
from ..store.models import ROLES
from ..store.roles import set_role
from ..validation import read_json

bp = Blueprint("roles", __name__, url_prefix="/api/admin")


@bp.put("/users/<username>/role")
@require_user
def change_role(username: str) -> Response:
    """{"role": "editor"}. An admin may not demote themselves: the last admin
    would lock everybody out of the dashboard and of role changes."""
    caller = current_user()
    if not may_manage_users(caller):
        raise fail(403, "only admins may change roles")
    role = read_json().get("role")
    if role not in ROLES:
        raise invalid({"role": [f"must be one of {', '.join(ROLES)}"]})
    if username == caller.username and role != "admin":
        raise invalid({"role": ["you cannot demote yourself"]})
    user = set_role(get_db(), username, role)
    if user is None:
        raise not_found("profile")
    get_logger().info(
        "role changed", extra={"by": caller.username, "user": user.username, "role": user.role}
    )
    return jsonify(
        profile={"username": user.username, "bio": user.bio, "image": user.image, "role": user.role}
    )
