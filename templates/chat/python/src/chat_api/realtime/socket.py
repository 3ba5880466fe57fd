"""The WebSocket endpoint /ws and its JSON protocol (the README has the table
of frames).

The token (?token=, since browsers cannot set headers on a WebSocket, or
"Authorization: Bearer") and the Origin are checked before the handshake:
without a valid token the answer is 401 and the protocol never switches; a
page from another origin gets 403.

Each connection is three threads: the gunicorn thread that runs serve() reads
and handles the client's frames one at a time, simple-websocket reads the
socket, and a writer thread is the only one that writes frames, from the
client's bounded outbox (hub.Client). Whatever delivers to a room only
enqueues, so a client that reads slowly is disconnected instead of slowing
anyone down.
"""

import contextlib
import json
import re
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Response, current_app, g, jsonify, request
from flask_sock import Sock
from simple_websocket import ConnectionClosed, Server
from wsproto.utilities import LocalProtocolError

from ..auth.sessions import bearer_token, hash_token, unauthorized, user_for_token
from ..clock import Clock
from ..db import Database
from ..errors import ApiError
from ..log import get_logger
from ..ratelimit import TokenBucket
from ..services import services
from ..store.messages import add_message
from ..store.rooms import room_by_id
from ..store.users import user_by_session
from ..validation import safe_text
from . import LIMITS_KEY, Limits, realtime_hub
from .hub import CLOSE_LOGGED_OUT, CLOSE_SESSION_GONE, CLOSE_WRITE_FAILED, Client, Hub

bp = Blueprint("realtime", __name__)
sock = Sock()

MAX_ID = 2**63 - 1
ROOM_FRAMES = ("join", "leave", "message", "typing", "presence")
_ROOM_ID = re.compile(r"[1-9][0-9]{0,18}")


@bp.before_request
def check_upgrade() -> None:
    """Runs before the handshake: a live session's token, an allowed Origin and
    a free place, or an HTTP error and no upgrade."""
    token = request.args.get("token") or bearer_token()
    svc = services()
    with svc.db.connect() as conn:  # not get_db(): a socket must not hold a connection
        user = user_for_token(conn, token, svc.clock())
    if user is None:
        raise unauthorized()
    if not origin_allowed(
        request.headers.get("Origin"), request.host, svc.settings.allowed_origins
    ):
        raise ApiError(403, "origin not allowed")
    if request.url_rule is None or not request.url_rule.websocket:
        return  # upgrade_required answers
    if not realtime_hub().admit():
        raise ApiError(503, "too many connections; try again later", headers={"Retry-After": "5"})
    g.ws_admitted = True
    g.ws_user, g.ws_session = user, hash_token(token)


@bp.teardown_request
def release_place(_exc: BaseException | None) -> None:
    if g.pop("ws_admitted", False):
        realtime_hub().release()


@bp.get("/ws")
def upgrade_required() -> tuple[Response, int]:
    """A plain GET of /ws: it is a WebSocket endpoint."""
    return jsonify(error="upgrade required: /ws is a WebSocket endpoint"), 426


@sock.route("/ws", bp=bp)
def serve(ws: Server) -> None:
    """Runs one client until it leaves or is disconnected."""
    svc = services()
    limits: Limits = current_app.extensions[LIMITS_KEY]
    hub: Hub = realtime_hub()
    client = Client(g.ws_user.author, g.ws_session, limits.queue)
    Connection(ws, client, hub, svc.db, svc.clock, limits).serve(request.args.get("room"))


def origin_allowed(origin: str | None, host: str, patterns: tuple[str, ...]) -> bool:
    """Clients that send no Origin (not a browser) pass, a page from the
    server's own host passes, and so does one whose host matches an
    ALLOWED_ORIGINS pattern (chat.example.com, *.example.com)."""
    if not origin:
        return True
    origin_host = urlsplit(origin).netloc.lower()
    if not origin_host:
        return False  # "null", or not a URL
    if origin_host == host.lower():
        return True
    return any(_glob(p).fullmatch(origin_host) for p in patterns)


def _glob(pattern: str) -> re.Pattern[str]:
    return re.compile(re.escape(pattern.lower()).replace(r"\*", "[^/]*"))


@dataclass(frozen=True)
class Frame:
    """A client frame: type, and the fields its type needs."""

    type: str
    room: int | None = None
    text: str | None = None


def parse_frame(data: str | bytes) -> Frame | None:
    """The frame in data, or None when it is not a JSON text frame of the
    protocol's shape ({"type": "...", "room": id, "text": "..."})."""
    if not isinstance(data, str):
        return None
    try:
        value = json.loads(data)
    except (ValueError, RecursionError):
        return None
    if not isinstance(value, dict) or not isinstance(value.get("type"), str):
        return None
    room, text = value.get("room"), value.get("text")
    if isinstance(room, str) and _ROOM_ID.fullmatch(room):
        room = int(room)
    if room is not None and (type(room) is not int or not 1 <= room <= MAX_ID):
        return None
    if text is not None and not isinstance(text, str):
        return None
    return Frame(value["type"], room, text)


class Connection:
    """One client's WebSocket, from the handshake to the close."""

    def __init__(
        self, ws: Server, client: Client, hub: Hub, db: Database, clock: Clock, limits: Limits
    ):
        self.ws = ws
        self.client = client
        self.hub = hub
        self.db = db
        self.clock = clock
        self.limits = limits
        self._log = get_logger()

    def serve(self, first_room: str | None) -> None:
        writer = threading.Thread(target=self._write, name="ws-writer", daemon=True)
        self.hub.connect(self.client)
        writer.start()
        try:
            # A logout between the token check of the upgrade and connect()
            # could not find this connection: look at the session again now.
            if not self._session_lives():
                self.client.kick(CLOSE_LOGGED_OUT)
            elif first_room is not None:
                if _ROOM_ID.fullmatch(first_room) and int(first_room) <= MAX_ID:
                    self._join(int(first_room))
                else:
                    self._error("room_not_found", "no such room")
            self._read()
        finally:
            for room in self.hub.rooms_of(self.client):
                self._leave(room)
            self.hub.disconnect(self.client)
            self.client.kick("connection ended", 1000)  # stops the writer
            writer.join(self.limits.kick_grace)
            # Ends the TCP connection: a writer stuck on a client that does not
            # read returns, and so does simple-websocket's reading thread, which
            # would otherwise wait for the next ping time to notice.
            self._cut()
            writer.join(1.0)

    # Reading: the client's frames, one at a time, in order.

    def _read(self) -> None:
        bucket = TokenBucket(
            self.limits.burst, self.limits.burst / self.limits.rate_per_sec, self.clock
        )
        while True:
            try:
                data = self.ws.receive(timeout=1.0)
            except ConnectionClosed:
                return  # the client left, a frame was too big (1009), or it was kicked
            if data is None:
                if self.client.kicked_for() > self.limits.kick_grace:
                    self._cut()  # the writer could not send the close frame in time
                continue
            if not bucket.take("").ok:
                self._error("rate_limited", "slow down: too many frames")
                continue
            frame = parse_frame(data)
            if frame is None:
                self._error("bad_frame", 'send JSON text frames: {"type": ..., ...}')
                continue
            try:
                self._handle(frame)
            except Exception:
                self._log.exception("websocket frame", extra={"type": frame.type})
                self._error("unavailable", "the server could not do that; try again")

    def _handle(self, frame: Frame) -> None:
        if frame.type not in ROOM_FRAMES:
            self._error("unknown_type", "type must be join, leave, message, typing or presence")
            return
        room = frame.room
        if room is None:
            self._error("bad_frame", f"a {frame.type} frame needs a room")
            return
        match frame.type:
            case "join":
                self._join(room)
            case "leave":
                if self._leave(room):
                    self._send({"type": "left", "room": room})
                else:
                    self._error("not_in_room", "you are not in this room")
            case "message":
                self._post(room, frame.text)
            case "typing":
                # waymark:begin solution presence
                if not self.hub.in_room(self.client, room):
                    self._error("not_in_room", "join the room first")
                    return
                with self.hub.ordered(room):
                    self._publish(room, self._room_frame("typing", room))
                # waymark:stub
                # self._error(
                #     "not_implemented", "typing indicators are not implemented yet", "presence"
                # )
                # waymark:end
            case _:  # presence
                # waymark:begin solution presence
                self._send(self._presence(room))
                # waymark:stub
                # self._error(
                #     "not_implemented", "the presence list is not implemented yet", "presence"
                # )
                # waymark:end

    def _join(self, room: int) -> None:
        """Puts the client in a room that exists and confirms with "joined". The
        membership change, the presence list and the join event happen in one
        turn of the room, so the list and the events agree for everyone."""
        with self.db.connect() as conn:
            found = room_by_id(conn, room)
        if found is None:
            self._error("room_not_found", "no such room")
            return
        with self.hub.ordered(room):
            first = self.hub.join(self.client, room)
            self._send({"type": "joined", "room": room})
            # waymark:begin solution presence
            self._send(self._presence(room))
            if first:
                self._publish(room, self._room_frame("join", room))
            # waymark:stub
            # _ = first  # the presence milestone announces the join to the room
            # waymark:end

    def _leave(self, room: int) -> bool:
        """Takes the client out of a room and, if it was its user's last
        connection there, tells the room, in one turn of the room. Reports
        whether the client was in the room."""
        with self.hub.ordered(room):
            was, last = self.hub.leave(self.client, room)
            if was and last:
                self._announce_leave(room)
        return was

    def _announce_leave(self, room: int) -> None:
        # waymark:begin solution presence
        self._publish(room, self._room_frame("leave", room))
        # waymark:stub
        # pass  # the presence milestone tells the room
        # waymark:end

    def _post(self, room: int, raw: str | None) -> None:
        """Validates, persists and publishes a message."""
        text = (raw or "").strip()
        if not self.hub.in_room(self.client, room):
            self._error("not_in_room", "join the room first")
        elif not text:
            self._error("empty_message", "text must not be empty")
        elif len(text) > self.limits.max_text:
            self._error(
                "message_too_large", f"text is limited to {self.limits.max_text} characters"
            )
        elif not safe_text(text):
            self._error("bad_frame", "text must be UTF-8 without NUL bytes")
        else:
            # Stored and published in one turn of the room: members receive
            # the room's messages in the order of their ids, as the history
            # lists them.
            with self.hub.ordered(room):
                try:
                    with self.db.connect() as conn:
                        message = add_message(conn, room, self.client.member, text, self.clock())
                except Exception:
                    self._log.exception("store message")
                    self._error("unavailable", "the message could not be saved; try again")
                    return
                self._publish(room, {"type": "message", **message.to_json()})

    def _room_frame(self, kind: str, room: int) -> dict[str, Any]:
        return {"type": kind, "room": room, "user": self.client.member.to_json()}

    def _presence(self, room: int) -> dict[str, Any]:
        users = [m.to_json() for m in self.hub.members(room)]
        return {"type": "presence", "room": room, "users": users}

    def _publish(self, room: int, frame: dict[str, Any]) -> None:
        """Sends a frame to the room; a broker failure is this client's error frame."""
        try:
            self.hub.publish(room, frame)
        except Exception as err:
            self._log.error("publish", extra={"room": room, "err": str(err)})
            self._error("unavailable", "the message could not be delivered; try again")

    def _send(self, frame: dict[str, Any]) -> None:
        """Queues a frame for this client alone."""
        self.client.enqueue(json.dumps(frame))

    def _error(self, code: str, message: str, milestone: str = "") -> None:
        frame = {"type": "error", "code": code, "message": message}
        if milestone:
            frame["milestone"] = milestone
        self._send(frame)

    # Writing: the only thread that sends frames.

    def _write(self) -> None:
        """Drains the client's outbox until it is kicked, then closes the socket
        with the kick's code and reason. Between frames it looks at the session
        again, so a socket ends (1008) soon after its session expires or is
        deleted, even if the news of a logout on another instance never came."""
        check_at = time.monotonic() + self.limits.session_check_every
        try:
            while True:
                data = self.client.take(max(0.0, check_at - time.monotonic()))
                if self.client.kicked:
                    self.ws.close(self.client.close_code, self.client.close_reason)
                    return
                if data:
                    self._send_all(data)
                elif time.monotonic() >= check_at:
                    if not self._session_lives():
                        self.client.kick(CLOSE_SESSION_GONE)
                    check_at = time.monotonic() + self.limits.session_check_every
        except (ConnectionClosed, LocalProtocolError):
            pass  # the client is gone, or the connection is closing already (1009)
        except OSError:
            self.client.kick(CLOSE_WRITE_FAILED)
            self._cut()
        finally:
            self.ws.event.set()  # wakes the reader, which sees the socket closed

    def _send_all(self, data: bytes) -> None:
        """Writes the outbox's frames, already framed (hub.text_frame), in one
        write: under a burst (a room's join events) it holds many, and a
        system call per frame would cost more than the frames themselves."""
        if not self.ws.connected:
            raise ConnectionClosed(self.ws.close_reason, self.ws.close_message)
        self.ws.sock.sendall(data)

    def _cut(self) -> None:
        """Ends the TCP connection at once: the writer's blocked send and the
        reader's receive both return."""
        with contextlib.suppress(OSError):  # closed already
            self.ws.sock.shutdown(socket.SHUT_RDWR)

    def _session_lives(self) -> bool:
        """Whether the session still exists and has not expired (and so its user
        still exists). When the database cannot tell, the connection gets the
        benefit of the doubt until the next look."""
        try:
            with self.db.connect() as conn:
                return user_by_session(conn, self.client.session, self.clock()) is not None
        except Exception as err:
            self._log.warning("websocket: look up session", extra={"err": str(err)})
            return True
