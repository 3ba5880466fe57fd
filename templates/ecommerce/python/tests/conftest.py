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

import psycopg
import pytest
from flask import Flask
from flask.testing import FlaskClient
from psycopg import sql

from ecommerce_api import create_app
from ecommerce_api.config import Settings
from ecommerce_api.db import Database, PostgresDatabase, SqliteDatabase
from ecommerce_api.migrate import migrate
# waymark:begin solution accounts
from shop import Shop, open_shop
# waymark:stub
# waymark:end

TEST_SECRET = "test-secret-that-is-long-enough-for-hs256"
WEBHOOK_SECRET = "test-webhook-secret"
PASSWORD = "correct-horse-42"


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


def unique_email(name: str = "user") -> str:
    """An email no other test uses."""
    return f"{name}-{os.getpid()}-{next(_counter)}@example.com"


@dataclass(frozen=True)
class SignedUp:
    user: dict[str, Any]
    token: str

    @property
    def auth(self) -> dict[str, str]:
        """The Authorization header, for headers=..."""
        return {"Authorization": f"Bearer {self.token}"}


@dataclass(frozen=True)
class Api:
    app: Flask
    client: FlaskClient
    clock: MovableClock
    db: Database

    def sign_up(self, email: str | None = None) -> SignedUp:
        """Registers a new customer."""
        res = self.client.post(
            "/api/auth/register", json={"email": email or unique_email(), "password": PASSWORD}
        )
        assert res.status_code == 201, res.text
        return SignedUp(user=res.json["user"], token=res.json["access_token"])


@pytest.fixture
def make_api(database: Database) -> Callable[..., Api]:
    """make_api(**settings) builds an app on the test database, with its own
    clock and rate limits; settings override the test defaults."""

    def make(**overrides: Any) -> Api:
        settings = Settings(
            jwt_secret=TEST_SECRET,
            webhook_secret=WEBHOOK_SECRET,
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
# waymark:begin solution accounts


@pytest.fixture
def shop(api: Api) -> Shop:
    """The api on the shop as the server prepares it: the sample catalog and
    the admin, logged in."""
    return open_shop(api)
# waymark:stub
# waymark:end
