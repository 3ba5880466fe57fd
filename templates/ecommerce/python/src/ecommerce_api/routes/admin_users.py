"""PUT /api/admin/users/<id>/role: for admins. The change applies to the
user's next request, whatever tokens they hold (authenticate reads the role
every time). An admin cannot demote themselves, so the shop always keeps at
least one admin."""

from flask import Blueprint, Response, jsonify

from ..auth.middleware import admin_only, current_user
from ..errors import ApiError, validation_failed
from ..log import get_logger
from ..params import path_id
from ..schemas.accounts import RoleChange
from ..services import get_db
from ..store.users import set_role
from ..validation import parse_body

bp = Blueprint("admin_users", __name__, url_prefix="/api/admin/users")


@bp.put("/<user_id>/role")
@admin_only
def change_role(user_id: str) -> Response:
    uid = path_id(user_id, "user not found")
    data = parse_body(RoleChange)
    caller = current_user()
    if uid == caller.id and data.role != "admin":
        raise validation_failed({"role": "you cannot demote yourself; another admin can"})
    user = set_role(get_db(), uid, data.role)
    if user is None:
        raise ApiError(404, "user not found")
    get_logger().info("role changed", extra={"by": caller.id, "user": user.id, "role": user.role})
    return jsonify(user=user.to_json())
