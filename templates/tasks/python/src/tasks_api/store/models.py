"""The records the store reads and writes."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..clock import rfc3339


@dataclass(frozen=True)
class User:
    id: int
    email: str

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "email": self.email}


@dataclass(frozen=True)
class Task:
    id: int
    owner_id: int
    title: str
    description: str
    status: str
    priority: str
    due_date: str | None
    labels: list[str]
    created_at: datetime
    updated_at: datetime

    def to_json(self) -> dict[str, object]:
        """The task as clients see it: no owner, times in RFC 3339 (UTC, whole seconds)."""
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "status": self.status,
            "priority": self.priority,
            "due_date": self.due_date,
            "labels": self.labels,
            "created_at": rfc3339(self.created_at),
            "updated_at": rfc3339(self.updated_at),
        }


@dataclass(frozen=True)
class TaskFilter:
    """Which tasks a listing wants, in which order, and which page of them."""

    status: str | None = None
    priority: str | None = None
    label: str | None = None
    due_before: str | None = None
    due_after: str | None = None
    q: str | None = None
    sort: str = "-created_at"
    page: int = 1
    limit: int = 20


@dataclass(frozen=True)
class Condition:
    """A piece of WHERE clause and its parameters."""

    sql: str
    params: Sequence[Any] = ()
