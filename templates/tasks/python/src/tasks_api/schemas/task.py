"""The bodies of POST /api/tasks and PATCH /api/tasks/<id>."""

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field, field_validator

from ..validation import invalid

MAX_TITLE_CHARS = 200
MAX_DESCRIPTION_CHARS = 10_000
MAX_LABELS = 20
MAX_LABEL_CHARS = 50

Status = Literal["todo", "doing", "done"]
Priority = Literal["low", "medium", "high"]

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def is_date(s: str) -> bool:
    """Whether s is a real calendar date written YYYY-MM-DD."""
    if not _DATE.fullmatch(s):
        return False
    try:
        date.fromisoformat(s)
    except ValueError:
        return False
    return True


def _title(value: str) -> str:
    value = value.strip()
    if not value:
        raise invalid("must not be blank")
    if len(value) > MAX_TITLE_CHARS:
        raise invalid(f"must be at most {MAX_TITLE_CHARS} characters")
    return value


def _description(value: str) -> str:
    if len(value) > MAX_DESCRIPTION_CHARS:
        raise invalid(f"must be at most {MAX_DESCRIPTION_CHARS} characters")
    return value


def _due_date(value: object) -> object:
    if value is None or (isinstance(value, str) and is_date(value)):
        return value
    raise invalid("must be a date YYYY-MM-DD or null")


def _label(value: str) -> str:
    value = value.strip()
    if not value:
        raise invalid("must not contain blank labels")
    if len(value) > MAX_LABEL_CHARS:
        raise invalid(f"labels must be at most {MAX_LABEL_CHARS} characters")
    return value


def _unique(labels: list[str]) -> list[str]:
    return list(dict.fromkeys(labels))  # duplicates dropped, order kept


Title = Annotated[str, AfterValidator(_title)]
Description = Annotated[str, AfterValidator(_description)]
DueDate = Annotated[str | None, BeforeValidator(_due_date)]
Labels = Annotated[
    list[Annotated[str, AfterValidator(_label)]],
    Field(max_length=MAX_LABELS),
    AfterValidator(_unique),
]


class NewTask(BaseModel):
    """POST /api/tasks: title is required, the rest have defaults."""

    title: Title
    description: Description = ""
    status: Status = "todo"
    priority: Priority = "medium"
    due_date: DueDate = None
    labels: Labels = []


class TaskPatch(BaseModel):
    """PATCH /api/tasks/<id>: any subset of the fields, validated like NewTask's.
    A field left out stays as it is (model_dump(exclude_unset=True) leaves it
    out); "due_date": null clears the due date."""

    title: Title | None = None
    description: Description | None = None
    status: Status | None = None
    priority: Priority | None = None
    due_date: DueDate = None
    labels: Labels | None = None

    @field_validator("title", "description", "status", "priority", "labels", mode="before")
    @classmethod
    def _not_null(cls, value: object) -> object:
        if value is None:
            raise invalid("must not be null")
        return value
