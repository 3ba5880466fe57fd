"""The Python baseline of bench/solutions.sh: the smallest WSGI application
that answers the two list requests the benchmark loads, with the same SQL
and the same drivers (sqlite3, psycopg with psycopg-pool) as the Python
solutions (templates/tasks/python, templates/ecommerce/python), served by
gunicorn with their settings (gunicorn.conf.py here), and the same JSON
shape. What a solution adds on top (Flask, middleware, authentication,
validation) is what the benchmark compares.

    GET /api/tasks?owner=1&status=todo&limit=20&page=1  (ORDER BY due date, as ?sort=due_date)
    GET /api/products?limit=20&page=1                   (ORDER BY id, the default)

No authentication (the owner is a query parameter): a baseline for
measuring, never a server to expose. Run it with a solution's .venv, which
has the drivers. Environment: DATABASE_URL.
"""

import json
import os
import sqlite3
import threading
from datetime import date, datetime, timezone
from urllib.parse import parse_qs

URL = os.environ.get("DATABASE_URL", "")

# The solutions' list queries for these two requests, written out.
COUNT_TASKS = "SELECT COUNT(*) FROM tasks t WHERE t.owner_id = ? AND t.status = ?"
PAGE_TASKS = (
    "SELECT t.id, t.title, t.description, t.status, t.priority, t.due_date, t.created_at,"
    " t.updated_at FROM tasks t WHERE t.owner_id = ? AND t.status = ?"
    " ORDER BY (t.due_date IS NULL) ASC, t.due_date ASC, t.id ASC LIMIT ? OFFSET ?"
)
LABELS = "SELECT task_id, label FROM task_labels WHERE task_id IN ({}) ORDER BY task_id, position"
COUNT_PRODUCTS = "SELECT COUNT(*) FROM products p LEFT JOIN categories c ON c.id = p.category_id"
PAGE_PRODUCTS = (
    "SELECT p.id, p.name, p.description, p.price, p.currency, p.stock, c.slug, p.images,"
    " p.created_at FROM products p LEFT JOIN categories c ON c.id = p.category_id"
    " ORDER BY p.id ASC LIMIT ? OFFSET ?"
)

if URL.startswith("postgres"):
    from psycopg_pool import ConnectionPool

    # The solutions' pool: up to 10 connections in autocommit mode.
    _pool = ConnectionPool(URL, kwargs={"autocommit": True}, min_size=1, max_size=10, open=True)

    def query(sql, params):
        with _pool.connection() as conn:
            return conn.execute(sql.replace("?", "%s"), params).fetchall()

else:
    _local = threading.local()  # one connection per gunicorn thread, kept

    def query(sql, params):
        conn = getattr(_local, "conn", None)
        if conn is None:
            path = URL.removeprefix("sqlite:").removeprefix("//")
            conn = _local.conn = sqlite3.connect(path, timeout=5.0, isolation_level=None)
            conn.execute("PRAGMA foreign_keys = ON")
        return conn.execute(sql, params).fetchall()


def text(v):
    """A time or date column as JSON text: PostgreSQL gives objects, SQLite text."""
    if isinstance(v, datetime):
        return v.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(v, date):
        return v.isoformat()
    return v


def list_tasks(q, page, limit):
    owner, status = int(q["owner"][0]), q["status"][0]
    (total,) = query(COUNT_TASKS, (owner, status))[0]
    rows = query(PAGE_TASKS, (owner, status, limit, (page - 1) * limit))
    labels = {row[0]: [] for row in rows}
    if rows:
        for task_id, label in query(LABELS.format(", ".join("?" * len(rows))), list(labels)):
            labels[task_id].append(label)
    data = [
        {
            "id": r[0],
            "title": r[1],
            "description": r[2],
            "status": r[3],
            "priority": r[4],
            "due_date": text(r[5]),
            "labels": labels[r[0]],
            "created_at": text(r[6]),
            "updated_at": text(r[7]),
        }
        for r in rows
    ]
    return {"data": data, "page": page, "limit": limit, "total": total}


def list_products(page, limit):
    (total,) = query(COUNT_PRODUCTS, ())[0]
    data = [
        {
            "id": r[0],
            "name": r[1],
            "description": r[2],
            "price": r[3],
            "currency": r[4],
            "stock": r[5],
            "category": r[6],
            "images": json.loads(r[7]),
            "created_at": text(r[8]),
        }
        for r in query(PAGE_PRODUCTS, (limit, (page - 1) * limit))
    ]
    return {"data": data, "page": page, "limit": limit, "total": total}


def app(environ, start_response):
    q = parse_qs(environ.get("QUERY_STRING", ""))
    page = max(1, int(q.get("page", ["1"])[0]))
    limit = int(q.get("limit", ["20"])[0])
    path = environ["PATH_INFO"]
    if environ["REQUEST_METHOD"] == "GET" and path == "/api/tasks":
        status, body = "200 OK", list_tasks(q, page, limit)
    elif environ["REQUEST_METHOD"] == "GET" and path == "/api/products":
        status, body = "200 OK", list_products(page, limit)
    else:
        status, body = "404 Not Found", {"error": "not found"}
    out = json.dumps(body).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(out)))])
    return [out]
