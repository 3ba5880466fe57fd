"""What every request can reach: the settings, the database and the clock.

create_app keeps one Services in app.extensions; a request gets its own
database connection from get_db(), given back when the request ends.
"""

from contextlib import ExitStack
from dataclasses import dataclass

from flask import Flask, current_app, g

from .clock import Clock
from .config import Settings
from .db import Connection, Database

_KEY = "chat_api"


@dataclass(frozen=True)
class Services:
    settings: Settings
    db: Database
    clock: Clock


def init_services(app: Flask, services: Services) -> None:
    app.extensions[_KEY] = services
    app.teardown_appcontext(_close_db)


def services() -> Services:
    """The running app's Services."""
    return current_app.extensions[_KEY]


def get_db() -> Connection:
    """This request's database connection, opened on first use."""
    if "db" not in g:
        g.db_stack = ExitStack()
        g.db = g.db_stack.enter_context(services().db.connect())
    return g.db


def _close_db(_exc: BaseException | None) -> None:
    stack: ExitStack | None = g.pop("db_stack", None)
    g.pop("db", None)
    if stack is not None:
        stack.close()
