"""The listing's filters and sort order, as SQL. User input only ever reaches
the database as a parameter: the SQL text below is constant."""

from .models import Condition, TaskFilter

# Priorities are words, whose alphabetical order would be wrong.
_PRIORITY_RANK = "CASE t.priority WHEN 'low' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END"

SORT_COLUMNS = {
    "created_at": "t.created_at",
    "due_date": "t.due_date",
    "priority": _PRIORITY_RANK,
    "title": "LOWER(t.title)",
}
"""The sort keys and the SQL each orders by. Only these strings reach ORDER BY."""


def narrow(where: Condition, query: TaskFilter) -> Condition:
    """where with the query's filters added. All filters combine with AND."""
    conditions = [where.sql]
    params = list(where.params)

    def add(sql: str, *values: object) -> None:
        conditions.append(sql)
        params.extend(values)

    if query.status:
        add("t.status = ?", query.status)
    if query.priority:
        add("t.priority = ?", query.priority)
    if query.label:
        add(
            "EXISTS (SELECT 1 FROM task_labels l WHERE l.task_id = t.id AND l.label = ?)",
            query.label,
        )
    # A NULL due date compares as unknown, so tasks without one never match.
    if query.due_before:
        add("t.due_date < ?", query.due_before)
    if query.due_after:
        add("t.due_date > ?", query.due_after)
    if query.q:
        pattern = f"%{_escape_like(query.q.lower())}%"
        add(
            "(LOWER(t.title) LIKE ? ESCAPE '\\' OR LOWER(t.description) LIKE ? ESCAPE '\\')",
            pattern,
            pattern,
        )
    return Condition(" AND ".join(conditions), params)


def order_by(sort: str) -> str:
    """The ORDER BY list for sort ("title", "-due_date", ...). The id breaks ties
    so that pages never overlap or skip a task."""
    key = sort.removeprefix("-")
    column = SORT_COLUMNS.get(key)
    if column is None:
        return "t.created_at DESC, t.id DESC"
    direction = " DESC" if sort.startswith("-") else " ASC"
    order = f"{column}{direction}, t.id{direction}"
    # Tasks without a due date come last in both directions.
    return f"(t.due_date IS NULL) ASC, {order}" if key == "due_date" else order


def _escape_like(s: str) -> str:
    """s made to match itself literally inside a LIKE pattern."""
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
