"""The query string of GET /api/tasks."""

import re
from typing import Annotated

from flask import request
from pydantic import AfterValidator, BaseModel, BeforeValidator

from ..store.models import TaskFilter
from ..store.task_query import SORT_COLUMNS
from ..validation import invalid, validate
from .task import Priority, Status, is_date

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 100_000
"""Pages are bounded, so that (page - 1) * limit stays a small number for OFFSET."""


def _whole_number(low: int, high: int) -> BeforeValidator:
    message = f"must be a whole number from {low} to {high}"

    def check(value: object) -> int:
        # ASCII digits only: int() would also read " 7", "1_000" and "٣".
        if not isinstance(value, str) or not re.fullmatch(r"[0-9]{1,7}", value):
            raise invalid(message)
        n = int(value)
        if not low <= n <= high:
            raise invalid(message)
        return n

    return BeforeValidator(check)


def _date(value: str) -> str:
    if not is_date(value):
        raise invalid("must be a date YYYY-MM-DD")
    return value


def _sort(value: str) -> str:
    if value.removeprefix("-") not in SORT_COLUMNS:
        raise invalid(f"must be one of {', '.join(SORT_COLUMNS)}, optionally prefixed with -")
    return value


Stripped = Annotated[str, AfterValidator(str.strip)]
DateParam = Annotated[str, AfterValidator(_date)]


class TaskQuery(BaseModel):
    """Every parameter is optional."""

    status: Status | None = None
    priority: Priority | None = None
    label: Stripped | None = None
    due_before: DateParam | None = None
    due_after: DateParam | None = None
    q: Stripped | None = None
    sort: Annotated[str, AfterValidator(_sort)] = "-created_at"
    page: Annotated[int, _whole_number(1, MAX_PAGE)] = 1
    limit: Annotated[int, _whole_number(1, MAX_PAGE_SIZE)] = DEFAULT_PAGE_SIZE


def parse_task_query() -> TaskFilter:
    """The request's query string read into a TaskFilter, or a 422 naming every
    invalid parameter. Empty values count as not given; of a repeated parameter
    the first counts."""
    args = request.args
    given = {key: args[key] for key in TaskQuery.model_fields if args.get(key)}
    return TaskFilter(**validate(TaskQuery, given).model_dump())
