"""Shared by the tests: an app on a fresh database, on SQLite and, when
TEST_DATABASE_URL is set, on PostgreSQL too (each test in a schema of its own)."""

import itertools
import os
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import bcrypt
import psycopg
import pytest
from flask import Flask
from flask.testing import FlaskClient
from psycopg import sql

from blog_api import create_app
from blog_api.clock import to_db
from blog_api.config import Settings
from blog_api.db import Database, PostgresDatabase, SqliteDatabase
from blog_api.migrate import migrate

TEST_SECRET = "test-secret-that-is-long-enough-for-hs256"
PASSWORD = "correct-horse-42"
ADMIN_EMAIL = "admin@blog.test"
ADMIN_PASSWORD = "admin-password-1"


def dialects() -> list[str]:
    """Always SQLite; PostgreSQL too when TEST_DATABASE_URL is set."""
    return ["sqlite", "postgres"] if os.environ.get("TEST_DATABASE_URL") else ["sqlite"]


@pytest.fixture(params=dialects())
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A fresh, migrated database, removed afterwards."""
    if request.param == "sqlite":
        db = SqliteDatabase(str(tmp_path / "test.db"))
        migrate(db)
        yield db
        return
    url = os.environ["TEST_DATABASE_URL"]
    schema = f"test_{secrets.token_hex(6)}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
        try:
            db = PostgresDatabase(url, search_path=schema, max_size=4)
            try:
                migrate(db)
                yield db
            finally:
                db.close()
        finally:
            admin.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


class MovableClock:
    """A clock the tests can move."""

    def __init__(self, start: datetime | None = None):
        self.now = start or datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


_counter = itertools.count(1)


def unique_name(name: str = "user") -> str:
    """A username no other test uses."""
    return f"{name}{os.getpid()}x{next(_counter)}"


@dataclass(frozen=True)
class SignedUp:
    user: dict[str, Any]
    token: str

    @property
    def auth(self) -> dict[str, str]:
        """The Authorization header, for headers=..."""
        return {"Authorization": f"Token {self.token}"}

    @property
    def username(self) -> str:
        return self.user["username"]

    @property
    def email(self) -> str:
        return self.user["email"]


@dataclass(frozen=True)
class Api:
    app: Flask
    client: FlaskClient
    clock: MovableClock
    db: Database

    def sign_up(self, name: str = "user", **headers: str) -> SignedUp:
        """Registers a new user with PASSWORD."""
        username = unique_name(name)
        res = self.client.post(
            "/api/users",
            json={
                "user": {
                    "username": username,
                    "email": f"{username}@example.com",
                    "password": PASSWORD,
                }
            },
            headers=headers,
        )
        assert res.status_code == 201, res.text
        return SignedUp(user=res.json["user"], token=res.json["user"]["token"])

    def log_in(self, email: str, password: str = PASSWORD) -> SignedUp:
        res = self.client.post(
            "/api/users/login", json={"user": {"email": email, "password": password}}
        )
        assert res.status_code == 200, res.text
        return SignedUp(user=res.json["user"], token=res.json["user"]["token"])

    def sql(self, statement: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Runs SQL on the test database (a SELECT answers its rows)."""
        with self.db.connect() as conn:
            if statement.lstrip().upper().startswith("SELECT"):
                return conn.all(statement, params or [])
            conn.run(statement, params or [])
            return []

    def add_user(self, username: str, email: str, password: str, role: str = "author") -> None:
        """Stores a user straight in the database (the first admin, say)."""
        password_hash = bcrypt.hashpw(password.encode(), bcrypt.gensalt(4)).decode()
        self.sql(
            "INSERT INTO users (username, email, password_hash, role, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [username, email, password_hash, role, to_db(self.clock())],
        )


@pytest.fixture
def make_api(database: Database) -> Callable[..., Api]:
    """make_api(**settings) builds an app on the test database, with its own
    clock and rate limits; settings override the test defaults."""

    def make(**overrides: Any) -> Api:
        settings = Settings(
            jwt_secret=TEST_SECRET,
            bcrypt_cost=4,  # fast tests; the server uses BCRYPT_COST (10)
            **overrides,
        )
        clock = MovableClock()
        app = create_app(settings, db=database, clock=clock)
        return Api(app=app, client=app.test_client(), clock=clock, db=database)

    return make


@pytest.fixture
def api(make_api: Callable[..., Api]) -> Api:
    return make_api()


@pytest.fixture
def admin(api: Api) -> SignedUp:
    """The API's admin, signed in."""
    api.add_user("admin", ADMIN_EMAIL, ADMIN_PASSWORD, role="admin")
    return api.log_in(ADMIN_EMAIL, ADMIN_PASSWORD)


def fields(body: dict[str, Any]) -> list[str]:
    """The fields an error body names: each message of the GenericErrorModel's
    one list starts with its field's name ("email can't be blank"). In the
    order of the messages, each field once."""
    assert list(body["errors"]) == ["body"], body
    return list(dict.fromkeys(m.split(" ", 1)[0] for m in body["errors"]["body"]))
