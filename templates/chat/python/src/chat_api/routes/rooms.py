"""/api/rooms: rooms, their history page by page, and who is online."""

import re
from typing import Annotated

from flask import Blueprint, Response, jsonify, request
from pydantic import AfterValidator, BaseModel

from ..auth.sessions import current_user, require_user
from ..db import UniqueViolation
from ..errors import ApiError
# waymark:begin solution presence
from ..realtime import realtime_hub
# waymark:stub
# waymark:end
from ..services import get_db, services
from ..store.messages import NEWEST, history
from ..store.models import Room
from ..store.rooms import create_room, list_rooms, room_by_id
from ..validation import invalid, parse_body

bp = Blueprint("rooms", __name__, url_prefix="/api/rooms")

DEFAULT_PAGE = 50
MAX_PAGE = 100
MAX_NAME = 64
MAX_ID = 2**63 - 1
"""The largest id either database stores (a 64-bit integer)."""

_NUMBER = re.compile(r"[0-9]{1,19}")


def _name(value: str) -> str:
    value = value.strip()
    if not 1 <= len(value) <= MAX_NAME:
        raise invalid(f"1 to {MAX_NAME} characters")
    return value


class NewRoom(BaseModel):
    name: Annotated[str, AfterValidator(_name)]


@bp.get("")
@require_user
def rooms() -> Response:
    return jsonify(data=[r.to_json() for r in list_rooms(get_db())])


@bp.post("")
@require_user
def new_room() -> tuple[Response, int]:
    data = parse_body(NewRoom)
    try:
        room = create_room(get_db(), data.name, current_user().id, services().clock())
    except UniqueViolation:
        raise ApiError(409, "a room with this name exists") from None
    return jsonify(room.to_json()), 201


@bp.get("/<int:room_id>")
@require_user
def room(room_id: int) -> Response:
    return jsonify(room_or_404(room_id).to_json())


@bp.get("/<int:room_id>/messages")
@require_user
def messages(room_id: int) -> Response:
    """A page of the room's messages, oldest first: ?limit=1..100 (default 50)
    and ?before=<message id> for older pages. next_before is the cursor of the
    next older page, null at the start of the room."""
    found = room_or_404(room_id)
    limit = _number("limit", DEFAULT_PAGE, MAX_PAGE, "limit: a number from 1 to 100")
    before = _number("before", NEWEST, MAX_ID, "before: a message id")
    page, more = history(get_db(), found.id, before, limit)
    return jsonify(
        data=[m.to_json() for m in page],
        has_more=more,
        next_before=page[0].id if more else None,
    )


def _number(param: str, default: int, high: int, message: str) -> int:
    raw = request.args.get(param)
    if raw is None or raw == "":
        return default
    if not _NUMBER.fullmatch(raw) or not 1 <= int(raw) <= high:
        raise ApiError(400, message)
    return int(raw)


def room_or_404(room_id: int) -> Room:
    """The room with room_id; a 404 when there is none."""
    found = room_by_id(get_db(), room_id) if room_id <= MAX_ID else None
    if found is None:
        raise ApiError(404, "room not found")
    return found


# waymark:begin solution presence
@bp.get("/<int:room_id>/presence")
@require_user
def presence(room_id: int) -> Response:
    """Who is online in the room on this instance: the list a presence frame gives."""
    found = room_or_404(room_id)
    users = [m.to_json() for m in realtime_hub().members(found.id)]
    return jsonify(type="presence", room=found.id, users=users)
# waymark:stub
# @bp.get("/<int:room_id>/presence")
# def presence(room_id: int) -> Response:
#     raise ApiError(501, "not implemented", milestone="presence")
# waymark:end
