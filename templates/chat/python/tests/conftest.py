"""Shared by the tests: an app on a fresh database, on SQLite and, when
TEST_DATABASE_URL is set, on PostgreSQL too (each test in a schema of its
own); the app served on a free loopback port for WebSocket clients; and a
WebSocket client that keeps the frames it receives."""

import contextlib
import http.client
import itertools
import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.request import urlopen

import psycopg
import pytest
from flask import Flask
from flask.testing import FlaskClient
from psycopg import sql
from simple_websocket import Client, ConnectionClosed
from werkzeug.serving import BaseWSGIServer, make_server

from chat_api import create_app
from chat_api.config import Settings
from chat_api.db import Database, PostgresDatabase, SqliteDatabase
from chat_api.migrate import migrate
from chat_api.realtime import HUB_KEY, close_sockets

PASSWORD = "correct-horse-42"
ROOT = Path(__file__).resolve().parents[1]
CONF = ROOT / "gunicorn.conf.py"
GRACE = 60
"""The gunicorn fixture's graceful timeout (SHUTDOWN_TIMEOUT), in seconds."""


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
            db = PostgresDatabase(url, search_path=schema, max_size=8)
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
    """A username (or room name) no other test uses."""
    return f"{name}-{os.getpid()}-{next(_counter)}"


@dataclass(frozen=True)
class SignedUp:
    user: dict[str, Any]
    token: str

    @property
    def auth(self) -> dict[str, str]:
        """The Authorization header, for headers=..."""
        return {"Authorization": f"Bearer {self.token}"}


@dataclass
class Api:
    app: Flask
    client: FlaskClient
    db: Database
    url: str = ""  # http://127.0.0.1:<port> once served
    _servers: list[BaseWSGIServer] = field(default_factory=list)
    _sockets: list["WS"] = field(default_factory=list)

    def sign_up(self, username: str | None = None) -> SignedUp:
        """Registers a new user."""
        res = self.client.post(
            "/api/auth/register",
            json={"username": username or unique_name(), "password": PASSWORD},
        )
        assert res.status_code == 201, res.text
        return SignedUp(user=res.json["user"], token=res.json["token"])

    def make_room(self, who: SignedUp, name: str | None = None) -> int:
        body = {"name": name or unique_name("room")}
        res = self.client.post("/api/rooms", json=body, headers=who.auth)
        assert res.status_code == 201, res.text
        return res.json["id"]

    def serve(self) -> str:
        """Serves the app on a free loopback port, from a thread, until the test
        ends (WebSocket clients need a real server); returns its URL."""
        if not self.url:
            server = make_server("127.0.0.1", 0, self.app, threaded=True)
            # shutdown() waits for the loop's next poll: 0.5 s by default,
            # which half the tests would spend in their teardown.
            serve = threading.Thread(
                target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
            )
            serve.start()
            self._servers.append(server)
            self.url = f"http://127.0.0.1:{server.server_port}"
        return self.url

    def ws(self, query: str = "", headers: dict[str, str] | None = None) -> "WS":
        """A WebSocket client connected to /ws?<query>, closed when the test ends."""
        ws = WS.connect(self.serve().replace("http", "ws", 1) + "/ws?" + query, headers)
        self._sockets.append(ws)
        return ws

    def refused(self, query: str = "", headers: dict[str, str] | None = None) -> int:
        """The HTTP status that answers a WebSocket handshake for /ws?<query>,
        which must not be 101 (Switching Protocols)."""
        status = handshake(self.serve(), query, headers)
        assert status != 101, "the upgrade was accepted"
        return status

    def close(self) -> None:
        for ws in self._sockets:
            ws.close()
        close_sockets(self.app)
        for server in self._servers:
            server.shutdown()
            server.server_close()
        hub = self.app.extensions.get(HUB_KEY)
        if hub is not None:
            hub.close()


def test_settings(**overrides: Any) -> Settings:
    return Settings(bcrypt_cost=4, **overrides)  # fast tests; the server uses BCRYPT_COST (10)


@pytest.fixture
def make_api(database: Database) -> Iterator[Callable[..., Api]]:
    """make_api(limits=..., broker=..., **settings) builds an app on the test
    database, with its own hub and rate limits; settings override the test
    defaults. Everything it built is stopped when the test ends."""
    made: list[Api] = []

    def make(*, limits: Any = None, broker: Any = None, **overrides: Any) -> Api:
        app = create_app(test_settings(**overrides), db=database, limits=limits, broker=broker)
        api = Api(app=app, client=app.test_client(), db=database)
        made.append(api)
        return api

    yield make
    for api in made:
        api.close()


@pytest.fixture
def api(make_api: Callable[..., Api]) -> Api:
    return make_api()


Closed = tuple[int, str]

HANDSHAKE = {
    "Upgrade": "websocket",
    "Connection": "Upgrade",
    "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    "Sec-WebSocket-Version": "13",
}
"""The headers of a WebSocket handshake (RFC 6455, section 4.1)."""


def handshake(url: str, query: str = "", headers: dict[str, str] | None = None) -> int:
    """The HTTP status that answers a WebSocket handshake for <url>/ws?<query>
    (101 when the server upgrades); the connection is closed at once."""
    conn = http.client.HTTPConnection(url.removeprefix("http://"), timeout=5)
    try:
        conn.request("GET", "/ws?" + query, headers={**HANDSHAKE, **(headers or {})})
        res = conn.getresponse()
        if res.status != 101:
            res.read()
        return res.status
    finally:
        conn.close()


class _Client(Client):
    """simple-websocket's client, which keeps the frames that arrive with the
    handshake's answer: its handshake reads the 101 and whatever the server
    wrote right after it in one recv, and would leave those frames unseen
    until more bytes came (a server that writes "joined" at once did)."""

    def handshake(self) -> None:
        super().handshake()
        self._handle_events()  # the reader thread starts after this


class WS:
    """A WebSocket client that keeps every frame it receives, for next() and none()."""

    def __init__(self, conn: Client):
        self.conn = conn
        self.frames: list[dict[str, Any]] = []
        self.closed: Closed | None = None

    @classmethod
    def connect(cls, url: str, headers: dict[str, str] | None = None) -> "WS":
        return cls(_Client.connect(url, headers=headers))

    def send(self, frame: dict[str, Any]) -> None:
        self.conn.send(json.dumps(frame))

    def _pump(self, timeout: float) -> bool:
        """Reads one frame into self.frames; False on timeout or once closed."""
        if self.closed is not None:
            return False
        try:
            data = self.conn.receive(timeout=timeout)
        except ConnectionClosed as closed:
            self.closed = (int(closed.reason), closed.message or "")
            return False
        if data is None:
            return False
        self.frames.append(json.loads(data))
        return True

    def next(self, want: str | Callable[[dict[str, Any]], bool], timeout: float = 10.0) -> dict:
        """The first unread frame of type want (or that want accepts), waiting
        up to timeout seconds for it."""
        pred = want if callable(want) else (lambda f: f.get("type") == want)
        deadline = time.monotonic() + timeout
        while True:
            for i, frame in enumerate(self.frames):
                if pred(frame):
                    return self.frames.pop(i)
            left = deadline - time.monotonic()
            if left <= 0 or (not self._pump(left) and self.closed is not None):
                raise AssertionError(
                    f"no {want if isinstance(want, str) else 'matching'} frame within "
                    f"{timeout} s; unread: {self.frames}; closed: {self.closed}"
                )

    def none(self, want: str | Callable[[dict[str, Any]], bool], wait: float = 0.3) -> bool:
        """True when no frame of type want (or that want accepts) arrives within wait seconds."""
        pred = want if callable(want) else (lambda f: f.get("type") == want)
        deadline = time.monotonic() + wait
        while (left := deadline - time.monotonic()) > 0 and self._pump(left):
            pass
        return not any(pred(f) for f in self.frames)

    def wait_closed(self, timeout: float = 10.0) -> Closed:
        """The close code and reason the server sent, waiting up to timeout seconds."""
        deadline = time.monotonic() + timeout
        while self.closed is None and (left := deadline - time.monotonic()) > 0:
            self._pump(left)
        if self.closed is None:
            raise AssertionError(f"still open after {timeout} s; unread: {self.frames}")
        return self.closed

    def close(self) -> None:
        with contextlib.suppress(ConnectionClosed):
            self.conn.close()  # closing an already closed connection raises
        # Wake the reader thread and let it finish before the socket goes: a
        # socket closed under a thread that has not yet registered it with
        # its selector makes that thread raise EBADF, which pytest reports
        # as an error of whichever test runs next.
        with contextlib.suppress(OSError):
            self.conn.sock.shutdown(socket.SHUT_RDWR)
        self.conn.thread.join(timeout=5)
        self.conn.sock.close()


def of_type(kind: str, **fields: Any) -> Callable[[dict[str, Any]], bool]:
    """A frame predicate: this type, and these fields (user=<username> looks at user.username)."""

    def pred(f: dict[str, Any]) -> bool:
        if f.get("type") != kind:
            return False
        for key, value in fields.items():
            got = f.get("user", {}).get("username") if key == "user" else f.get(key)
            if got != value:
                return False
        return True

    return pred


@dataclass(frozen=True)
class Gunicorn:
    url: str
    proc: subprocess.Popen[bytes]


@pytest.fixture
def gunicorn(tmp_path: Path) -> Iterator[Gunicorn]:
    """The real server, `gunicorn --config gunicorn.conf.py`, on a free loopback
    port and a fresh SQLite database, killed after the test if still running."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "PORT": str(port),
        "DATABASE_URL": f"sqlite://{tmp_path}/chat.db",
        "BCRYPT_COST": "4",
        # Logs as in production (pytest shows them for a failing test only):
        # the request log's timing is part of what a stop must survive.
        "LOG_LEVEL": "info",
        # Far longer than a stop takes, so that a server that waits it out is
        # told from one that stops at once however slow the machine is.
        "SHUTDOWN_TIMEOUT": f"{GRACE}s",
        "WS_MAX_CONNECTIONS": "4",
    }
    env.pop("REDIS_URL", None)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    proc = subprocess.Popen([str(gunicorn), "--config", str(CONF)], cwd=ROOT, env=env)  # noqa: S603
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"gunicorn exited with {proc.returncode}")
            try:
                with urlopen(url + "/healthz", timeout=1) as res:  # noqa: S310 (loopback)
                    if res.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError("gunicorn did not answer /healthz within 20 s") from None
                time.sleep(0.1)
        yield Gunicorn(url, proc)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


class SlowBroker:
    """Stands for a Redis that is slow to take some publications: like Redis
    it relays frames in the order publish is called, but the publish of a
    frame that slow(frame) picks returns only after delay seconds."""

    def __init__(self, delay: float, slow: Callable[[str], bool]):
        self.delay = delay
        self.slow = slow
        self._deliver: Callable[[int, str], None] = lambda room, frame: None
        self._ended: Callable[[str], None] = lambda session: None

    def start(self, deliver: Callable[[int, str], None], ended: Callable[[str], None]) -> None:
        self._deliver, self._ended = deliver, ended

    def publish(self, room: int, frame: str) -> None:
        self._deliver(room, frame)
        if self.slow(frame):
            time.sleep(self.delay)

    def end_session(self, session: str) -> None:
        self._ended(session)

    def close(self) -> None:
        pass
