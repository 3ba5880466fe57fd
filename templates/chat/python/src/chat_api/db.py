"""The database: one small interface over SQLite (the standard library's
sqlite3) and PostgreSQL (psycopg 3), so that the rest of the code writes
each query once.

Queries use `?` placeholders; the PostgreSQL side rewrites them to psycopg's
`%s`. Values are always passed as parameters, never pasted into SQL.

    with db.connect() as conn:
        conn.all(sql, params)      every row, as dicts
        conn.one(sql, params)      the first row, or None
        conn.run(sql, params)      how many rows were written
        conn.insert(sql, params)   the id an INSERT ... RETURNING id made
        conn.script(sql)           several statements, no parameters (migrations)
        with conn.transaction():   BEGIN ... COMMIT, or ROLLBACK on an exception
            ...

A unique constraint violation is raised as UniqueViolation, whatever the database.
"""

import sqlite3
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, Literal

import psycopg
import psycopg.errors
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

Dialect = Literal["sqlite", "postgres"]
Row = dict[str, Any]
Params = Sequence[Any]


class UniqueViolation(Exception):
    """An INSERT or UPDATE broke a UNIQUE constraint."""


class Connection:
    """One database connection, for one request (or one migration run)."""

    def __init__(self, dialect: Dialect, raw: sqlite3.Connection | psycopg.Connection[Row]):
        self.dialect: Dialect = dialect
        self._raw = raw

    def all(self, sql: str, params: Params = ()) -> list[Row]:
        return [dict(row) for row in self._execute(sql, params).fetchall()]

    def one(self, sql: str, params: Params = ()) -> Row | None:
        row = self._execute(sql, params).fetchone()
        return None if row is None else dict(row)

    def run(self, sql: str, params: Params = ()) -> int:
        return self._execute(sql, params).rowcount

    def insert(self, sql: str, params: Params = ()) -> int:
        """Runs an INSERT ... RETURNING id and returns the new row's id."""
        row = self._execute(sql, params).fetchone()
        if row is None:
            raise ValueError("the INSERT returned no row: does it end with RETURNING id?")
        return row["id"]

    def script(self, sql: str) -> None:
        if isinstance(self._raw, sqlite3.Connection):
            # executescript() would COMMIT a running transaction first, so the
            # statements go one by one.
            for statement in _statements(sql):
                self._raw.execute(statement)
        else:
            self._raw.execute(sql.encode())  # no parameters: several statements may run at once

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if isinstance(self._raw, sqlite3.Connection):
            # IMMEDIATE takes the write lock now: two transactions that read
            # and then write cannot deadlock each other.
            self._raw.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._raw.execute("ROLLBACK")
                raise
            self._raw.execute("COMMIT")
        else:
            with self._raw.transaction():
                yield

    def _execute(self, sql: str, params: Params) -> Any:
        try:
            if isinstance(self._raw, sqlite3.Connection):
                return self._raw.execute(sql, tuple(params))
            return self._raw.execute(sql.replace("%", "%%").replace("?", "%s"), tuple(params))
        except sqlite3.IntegrityError as err:
            if str(err).startswith("UNIQUE constraint failed"):
                raise UniqueViolation(str(err)) from err
            raise
        except psycopg.errors.UniqueViolation as err:
            raise UniqueViolation(str(err)) from err


def _statements(sql: str) -> Iterator[str]:
    """Splits SQL text into whole statements (comments and strings may hold ';')."""
    statement = ""
    for line in sql.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            yield statement
            statement = ""
    code = [line for line in statement.splitlines() if not line.strip().startswith("--")]
    if "".join(code).strip():
        yield statement  # the last statement may go without its ';'


class Database(ABC):
    """Where connections come from: a SQLite file or a PostgreSQL pool."""

    dialect: Dialect

    @abstractmethod
    def connect(self) -> AbstractContextManager[Connection]:
        """A connection for one unit of work, given back when the block ends."""

    def close(self) -> None:  # noqa: B027 (nothing to close for SQLite)
        """Closes what the database keeps open."""


class SqliteDatabase(Database):
    """A SQLite file. Each connect() lends a connection of its own to one
    unit of work, so that every request thread has one."""

    dialect: Dialect = "sqlite"

    IDLE = 8
    """Connections kept open between units of work. Opening one costs far
    more than a query (the file, its WAL index, the schema), and closing the
    last one checkpoints the WAL: a server that opened one per request or
    per chat message spent milliseconds on each."""

    def __init__(self, path: str):
        self.path = path
        self._idle: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        with self.connect() as conn:
            conn.one("PRAGMA journal_mode = WAL")  # persistent: readers never wait for a writer

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        with self._lock:
            raw = self._idle.pop() if self._idle else None
        if raw is None:
            raw = self._open()
        try:
            yield Connection("sqlite", raw)
        finally:
            if raw.in_transaction:
                raw.close()  # left mid-transaction: never lend it again
            else:
                with self._lock:
                    keep = len(self._idle) < self.IDLE
                    if keep:
                        self._idle.append(raw)
                if not keep:
                    raw.close()

    def _open(self) -> sqlite3.Connection:
        # isolation_level=None: no implicit transactions; Connection.transaction
        # says BEGIN itself. timeout: wait up to 5 s for another writer.
        # check_same_thread=False: one thread at a time uses it, not always
        # the thread that opened it.
        raw = sqlite3.connect(self.path, timeout=5.0, isolation_level=None, check_same_thread=False)
        raw.row_factory = sqlite3.Row
        raw.execute("PRAGMA foreign_keys = ON")
        return raw

    def close(self) -> None:
        """Closes the idle connections."""
        with self._lock:
            idle, self._idle = self._idle, []
        for raw in idle:
            raw.close()


class PostgresDatabase(Database):
    """A pool of PostgreSQL connections, in autocommit mode outside transactions."""

    dialect: Dialect = "postgres"

    def __init__(self, url: str, *, search_path: str | None = None, max_size: int = 10):
        kwargs: dict[str, Any] = {"autocommit": True, "row_factory": dict_row}
        if search_path:
            kwargs["options"] = f"-c search_path={search_path}"  # tests: a schema per run
        self._pool = ConnectionPool(
            url, kwargs=kwargs, min_size=1, max_size=max_size, timeout=10, open=False
        )
        self._pool.open(wait=True, timeout=10)  # fail now, clearly, if it is unreachable

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        with self._pool.connection() as raw:
            yield Connection("postgres", raw)

    def close(self) -> None:
        self._pool.close()


def open_database(url: str, *, search_path: str | None = None) -> Database:
    """Opens the database that url names: sqlite://<file> or postgres://user:pass@host:port/db."""
    if url.startswith("sqlite:"):
        return SqliteDatabase(sqlite_path(url))
    if url.startswith(("postgres://", "postgresql://")):
        return PostgresDatabase(url, search_path=search_path)
    scheme = url.partition(":")[0]
    raise ValueError(f"DATABASE_URL must start with sqlite:// or postgres:// (got {scheme!r})")


def sqlite_path(url: str) -> str:
    """sqlite://./data/app.db → ./data/app.db; sqlite:///srv/app.db → /srv/app.db."""
    path = url.removeprefix("sqlite:").removeprefix("//")
    if path in ("", ":memory:"):
        raise ValueError(
            "DATABASE_URL: SQLite needs a file (every connection would get "
            "an empty database of its own in memory)"
        )
    return path
