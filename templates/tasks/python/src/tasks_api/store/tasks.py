"""Tasks and their labels. Every query goes through owned_by, so that no
query can forget the owner: another user's task looks exactly like one that
does not exist."""

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from ..clock import date_text, from_db, to_db
from ..db import Connection, Row
from .models import Condition, Task, TaskFilter
# waymark:begin solution query
from .task_query import narrow, order_by
# waymark:stub
# waymark:end

_COLUMNS = (
    "t.id, t.owner_id, t.title, t.description, t.status, t.priority, t.due_date,"
    " t.created_at, t.updated_at"
)
NEWEST_FIRST = "t.created_at DESC, t.id DESC"


def owned_by(owner_id: int) -> Condition:
    """The condition that keeps only owner_id's tasks."""
    # waymark:begin solution isolation
    return Condition("t.owner_id = ?", [owner_id])
    # waymark:stub
    # # TODO(isolation): keep only the owner's tasks; for now every task matches.
    # return Condition("1 = 1")
    # waymark:end


def create_task(conn: Connection, owner_id: int, fields: Mapping[str, Any], now: datetime) -> Task:
    """Stores fields (title, description, status, priority, due_date, labels) as a
    new task of owner_id and returns it as stored."""
    at = to_db(now)
    with conn.transaction():
        task_id = conn.insert(
            "INSERT INTO tasks"
            " (owner_id, title, description, status, priority, due_date, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [
                owner_id,
                fields["title"],
                fields["description"],
                fields["status"],
                fields["priority"],
                fields["due_date"],
                at,
                at,
            ],
        )
        _write_labels(conn, task_id, fields["labels"])
    return Task(
        id=task_id,
        owner_id=owner_id,
        title=fields["title"],
        description=fields["description"],
        status=fields["status"],
        priority=fields["priority"],
        due_date=fields["due_date"],
        labels=list(fields["labels"]),
        created_at=now,
        updated_at=now,
    )


def task_by_id(conn: Connection, owner_id: int, task_id: int) -> Task | None:
    """One of owner_id's tasks, or None."""
    owned = owned_by(owner_id)
    rows = conn.all(
        f"SELECT {_COLUMNS} FROM tasks t WHERE t.id = ? AND {owned.sql}",  # noqa: S608 (constant SQL)
        [task_id, *owned.params],
    )
    tasks = _with_labels(conn, rows)
    return tasks[0] if tasks else None


def update_task(
    conn: Connection, owner_id: int, task_id: int, changes: Mapping[str, Any], now: datetime
) -> Task | None:
    """Reads one of owner_id's tasks, merges changes into it and writes it back,
    in one transaction so that two concurrent updates cannot undo each other's
    changes. Returns the task, or None."""
    owned = owned_by(owner_id)
    lock = " FOR UPDATE" if conn.dialect == "postgres" else ""  # SQLite locks the whole database
    with conn.transaction():
        rows = conn.all(
            f"SELECT {_COLUMNS} FROM tasks t WHERE t.id = ? AND {owned.sql}{lock}",  # noqa: S608
            [task_id, *owned.params],
        )
        if not rows:
            return None
        [current] = _with_labels(conn, rows)
        task = dataclasses.replace(current, **changes, updated_at=now)
        conn.run(
            "UPDATE tasks SET title = ?, description = ?, status = ?, priority = ?, due_date = ?,"
            " updated_at = ? WHERE id = ?",
            [
                task.title,
                task.description,
                task.status,
                task.priority,
                task.due_date,
                to_db(now),
                task.id,
            ],
        )
        if "labels" in changes:
            conn.run("DELETE FROM task_labels WHERE task_id = ?", [task.id])
            _write_labels(conn, task.id, task.labels)
    return task


def delete_task(conn: Connection, owner_id: int, task_id: int) -> bool:
    """Deletes one of owner_id's tasks (labels cascade); reports whether it existed."""
    owned = owned_by(owner_id)
    # "AS t" because owned_by's condition names the table t.
    return (
        conn.run(
            f"DELETE FROM tasks AS t WHERE t.id = ? AND {owned.sql}",  # noqa: S608
            [task_id, *owned.params],
        )
        > 0
    )


def list_tasks(conn: Connection, owner_id: int, query: TaskFilter) -> tuple[list[Task], int]:
    """One page of owner_id's tasks matching query, and how many match in all."""
    where = owned_by(owner_id)
    order = NEWEST_FIRST
    # waymark:begin solution query
    where = narrow(where, query)
    order = order_by(query.sort)
    # waymark:stub
    # waymark:end
    count = conn.one(
        f"SELECT COUNT(*) AS total FROM tasks t WHERE {where.sql}",  # noqa: S608
        where.params,
    )
    rows = conn.all(
        f"SELECT {_COLUMNS} FROM tasks t WHERE {where.sql} ORDER BY {order}"  # noqa: S608
        " LIMIT ? OFFSET ?",
        [*where.params, query.limit, (query.page - 1) * query.limit],
    )
    return _with_labels(conn, rows), int(count["total"]) if count else 0


def _with_labels(conn: Connection, rows: list[Row]) -> list[Task]:
    """Tasks from rows, each with its labels in the order they were given, with one query."""
    if not rows:
        return []
    placeholders = ", ".join("?" for _ in rows)
    labels: dict[int, list[str]] = {row["id"]: [] for row in rows}
    for row in conn.all(
        f"SELECT task_id, label FROM task_labels WHERE task_id IN ({placeholders})"  # noqa: S608
        " ORDER BY task_id, position",
        [row["id"] for row in rows],
    ):
        labels[row["task_id"]].append(row["label"])
    return [
        Task(
            id=row["id"],
            owner_id=row["owner_id"],
            title=row["title"],
            description=row["description"],
            status=row["status"],
            priority=row["priority"],
            due_date=date_text(row["due_date"]),
            labels=labels[row["id"]],
            created_at=from_db(row["created_at"]),
            updated_at=from_db(row["updated_at"]),
        )
        for row in rows
    ]


def _write_labels(conn: Connection, task_id: int, labels: Sequence[str]) -> None:
    for position, label in enumerate(labels):
        conn.run(
            "INSERT INTO task_labels (task_id, label, position) VALUES (?, ?, ?)",
            [task_id, label, position],
        )
