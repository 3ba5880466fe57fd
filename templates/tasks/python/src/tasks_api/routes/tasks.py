"""/api/tasks: the signed-in user's tasks."""

import re

from flask import Blueprint, Response, jsonify

from ..auth.middleware import authenticate, current_user
from ..errors import ApiError
from ..schemas.task import NewTask, TaskPatch
# waymark:begin solution query
from ..schemas.task_query import parse_task_query
# waymark:stub
# waymark:end
from ..services import get_db, services
from ..store.models import TaskFilter
from ..store.tasks import create_task, delete_task, list_tasks, task_by_id, update_task
from ..validation import parse_body

bp = Blueprint("tasks", __name__, url_prefix="/api/tasks")
bp.before_request(authenticate)  # every endpoint here needs a valid access token

_ID = re.compile(r"[1-9][0-9]{0,14}")


def _task_id(raw: str) -> int:
    """The <task_id> of a path. One that is not a positive whole number cannot
    exist, so it is answered 404 like an unknown id."""
    if not _ID.fullmatch(raw):
        raise _not_found()
    return int(raw)


def _not_found() -> ApiError:
    return ApiError(404, "task not found")


@bp.post("")
def create() -> tuple[Response, int, dict[str, str]]:
    fields = parse_body(NewTask).model_dump()
    task = create_task(get_db(), current_user().id, fields, services().clock())
    return jsonify(task.to_json()), 201, {"Location": f"/api/tasks/{task.id}"}


@bp.get("")
def index() -> Response:
    query = TaskFilter()  # page 1 of 20, newest first
    # waymark:begin solution query
    query = parse_task_query()
    # waymark:stub
    # # TODO(query): read status, priority, label, due_before, due_after, q, sort, page and limit.
    # waymark:end
    tasks, total = list_tasks(get_db(), current_user().id, query)
    return jsonify(
        data=[t.to_json() for t in tasks], page=query.page, limit=query.limit, total=total
    )


@bp.get("/<task_id>")
def show(task_id: str) -> Response:
    task = task_by_id(get_db(), current_user().id, _task_id(task_id))
    if task is None:
        raise _not_found()
    return jsonify(task.to_json())


@bp.patch("/<task_id>")
def update(task_id: str) -> Response:
    tid = _task_id(task_id)
    changes = parse_body(TaskPatch).model_dump(exclude_unset=True)
    task = update_task(get_db(), current_user().id, tid, changes, services().clock())
    if task is None:
        raise _not_found()
    return jsonify(task.to_json())


@bp.delete("/<task_id>")
def destroy(task_id: str) -> Response:
    if not delete_task(get_db(), current_user().id, _task_id(task_id)):
        raise _not_found()
    return Response(status=204)
