"""The hub routes chat frames to the WebSocket clients of each room.

A frame is published to a room; the hub hands it to every local client in
that room through the client's bounded send queue. A client whose queue is
full is kicked rather than waited for, so one slow reader never delays the
others. With a broker (Redis pub/sub), a published frame travels through the
broker and every instance delivers it to its own clients.

Order: every member of a room receives the room's frames in one order, the
order they were published on this instance (with a broker, the order the
broker relays them, which Redis keeps). Publishing inside ordered(room) makes
that order the order in which things happened to the room: a membership
change and its join or leave event, or a message's insert (its id) and its
delivery, happen in one turn, so no other change to the room comes between.
"""

import json
import struct
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..store.models import Author
from . import Broker

# Close reasons; each goes with code 1008 (policy violation) unless it says otherwise.
CLOSE_SLOW = "too slow: send queue full"
CLOSE_LOGGED_OUT = "session ended: logged out"
CLOSE_SESSION_GONE = "session ended: expired or revoked"
CLOSE_GOING_AWAY = "server closing"  # 1001
CLOSE_WRITE_FAILED = "write failed"

POLICY_VIOLATION = 1008
GOING_AWAY = 1001


def text_frame(text: str) -> bytes:
    """One WebSocket text frame as a server sends it (RFC 6455, section 5.2:
    final, unmasked, the length in 7, 16 or 64 bits). A room's frame is the
    same bytes for every member, so the hub builds it once per broadcast."""
    data = text.encode()
    n = len(data)
    if n < 126:
        return bytes((0x81, n)) + data
    if n < 1 << 16:
        return struct.pack("!BBH", 0x81, 126, n) + data
    return struct.pack("!BBQ", 0x81, 127, n) + data


class Client:
    """One WebSocket connection as the hub sees it: its user, its session and
    a bounded outbox. The connection's writer takes the waiting frames with
    take; everything else only enqueues, and never waits.

    The outbox is bounded by the bytes it holds, not by a count of frames:
    a burst of small frames (a thousand users joining a room is a thousand
    join events for everyone already there) fits, while a client that stops
    reading still fills it and is kicked."""

    def __init__(self, member: Author, session: str, queue: int):
        self.member = member
        self.session = session  # the SHA-256 of its token, which end_session names
        self._max = queue  # bytes the outbox may hold
        self._size = 0
        self._frames: deque[bytes] = deque()  # wire frames, oldest first
        self._cond = threading.Condition()
        self.close_code = 0
        self.close_reason = ""
        self._kicked_at: float | None = None

    def enqueue(self, frame: str, wire: bytes | None = None) -> None:
        """Adds a frame (wire: its text_frame, if the caller has it) to the
        outbox, or kicks the client when the outbox is full."""
        if wire is None:
            wire = text_frame(frame)
        with self._cond:
            if self._kicked_at is not None:
                return
            if self._size + len(wire) > self._max:
                self._kick(CLOSE_SLOW, POLICY_VIOLATION)
                self._frames.clear()
                self._size = 0
                return
            self._frames.append(wire)
            self._size += len(wire)
            if len(self._frames) == 1:
                self._cond.notify()  # the writer waits only for an empty outbox

    def kick(self, reason: str, code: int = POLICY_VIOLATION) -> None:
        """Asks the connection to close with code and reason; the first kick wins."""
        with self._cond:
            self._kick(reason, code)

    def _kick(self, reason: str, code: int) -> None:
        if self._kicked_at is None:
            self.close_code, self.close_reason = code, reason
            self._kicked_at = time.monotonic()
            self._cond.notify_all()

    @property
    def kicked(self) -> bool:
        return self._kicked_at is not None

    def kicked_for(self) -> float:
        """Seconds since the kick, 0 when there was none."""
        at = self._kicked_at
        return 0.0 if at is None else time.monotonic() - at

    def take(self, timeout: float) -> bytes:
        """Every waiting frame's bytes, oldest first, waiting up to timeout
        seconds for one; b"" when there is none yet or the client is kicked
        (a kick wins over queued frames: the close must not wait behind
        them). Taking them all at once lets the writer send a burst in one
        write."""
        with self._cond:
            self._cond.wait_for(lambda: self._frames or self._kicked_at is not None, timeout)
            if self._kicked_at is not None or not self._frames:
                return b""
            data = b"".join(self._frames)
            self._frames.clear()
            self._size = 0
            return data


class _Turn:
    """One room's lock for ordered(), kept while anyone holds or awaits it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.users = 0


class Hub:
    """The rooms and the clients in each, on this instance."""

    def __init__(self, broker: Broker | None = None, max_connections: int = 200):
        self.broker = broker
        self._lock = threading.Lock()
        self._rooms: dict[int, set[Client]] = {}
        self._sessions: dict[str, set[Client]] = {}
        self._max_connections = max_connections
        self._connections = 0
        self._turns_lock = threading.Lock()
        self._turns: dict[int, _Turn] = {}
        self._closing = False

    def use_broker(self, broker: Broker) -> None:
        """Routes every publication through broker. Call it before start()."""
        self.broker = broker

    def start(self) -> None:
        """Starts relaying the broker's frames to local clients (nothing to do without one)."""
        if self.broker is not None:
            self.broker.start(self.deliver, lambda s: self.kick_session(s, CLOSE_LOGGED_OUT))

    def close(self) -> None:
        """Stops relaying and closes the broker."""
        if self.broker is not None:
            self.broker.close()

    def admit(self) -> bool:
        """Takes a place for a new connection; False when every place is taken.
        Give it back with release() when the connection ends."""
        with self._lock:
            if self._connections >= self._max_connections:
                return False
            self._connections += 1
            return True

    def release(self) -> None:
        with self._lock:
            self._connections = max(0, self._connections - 1)

    @contextmanager
    def ordered(self, room: int) -> Iterator[None]:
        """While no other ordered block of the same room runs: what the block
        changes and publishes reaches every member in the order of the blocks.
        A block must not open another."""
        with self._turns_lock:
            turn = self._turns.get(room)
            if turn is None:
                turn = self._turns[room] = _Turn()
            turn.users += 1
        try:
            with turn.lock:
                yield
        finally:
            with self._turns_lock:
                turn.users -= 1
                if turn.users == 0:
                    del self._turns[room]

    def publish(self, room: int, frame: dict[str, Any]) -> None:
        """Sends a frame to every member of a room, on every instance. A broker
        failure raises (redis.RedisError): the caller tells its client."""
        text = json.dumps(frame)
        if self.broker is None:
            self.deliver(room, text)
        else:
            self.broker.publish(room, text)

    def deliver(self, room: int, frame: str) -> None:
        """Queues a frame for this instance's members of a room, never waiting:
        a full queue gets its client disconnected."""
        with self._lock:
            members = list(self._rooms.get(room, ()))
        wire = text_frame(frame)  # once, the same bytes for every member
        for c in members:
            c.enqueue(frame, wire)

    def connect(self, c: Client) -> None:
        """Makes c findable by its session, for end_session. Call disconnect when
        it ends. Once close_all has run, c is told to go away at once: a socket
        whose handshake raced the server's stop must not keep it waiting."""
        with self._lock:
            self._sessions.setdefault(c.session, set()).add(c)
            closing = self._closing
        if closing:
            c.kick(CLOSE_GOING_AWAY, GOING_AWAY)

    def disconnect(self, c: Client) -> None:
        """Forgets c's session; take it out of its rooms first."""
        with self._lock:
            conns = self._sessions.get(c.session)
            if conns is not None:
                conns.discard(c)
                if not conns:
                    del self._sessions[c.session]

    def end_session(self, session: str) -> None:
        """Closes every connection of a session, on every instance, with
        CLOSE_LOGGED_OUT. This instance's close at once, even if the broker
        fails (which raises: the caller logs it)."""
        self.kick_session(session, CLOSE_LOGGED_OUT)
        if self.broker is not None:
            self.broker.end_session(session)

    def kick_session(self, session: str, reason: str) -> None:
        with self._lock:
            conns = list(self._sessions.get(session, ()))
        for c in conns:
            c.kick(reason)

    def close_all(self) -> None:
        """Tells every client, and every one that connects from now on, that the
        server is going away (1001)."""
        with self._lock:
            self._closing = True
            conns = [c for cs in self._sessions.values() for c in cs]
        for c in conns:
            c.kick(CLOSE_GOING_AWAY, GOING_AWAY)

    def join(self, c: Client, room: int) -> bool:
        """Puts c in a room. True when no other connection of the same user was
        there on this instance (so a join event is news)."""
        with self._lock:
            members = self._rooms.setdefault(room, set())
            if c in members:
                return False
            first = not self._user_in(room, c.member.id)
            members.add(c)
            return first

    def leave(self, c: Client, room: int) -> tuple[bool, bool]:
        """Takes c out of a room: (was, last). was: c was in it; last: no other
        connection of the same user stays in it on this instance."""
        with self._lock:
            members = self._rooms.get(room)
            if members is None or c not in members:
                return False, False
            members.discard(c)
            if not members:
                del self._rooms[room]
            return True, not self._user_in(room, c.member.id)

    def rooms_of(self, c: Client) -> list[int]:
        """The rooms c is in, in order."""
        with self._lock:
            return sorted(room for room, members in self._rooms.items() if c in members)

    def in_room(self, c: Client, room: int) -> bool:
        with self._lock:
            return c in self._rooms.get(room, ())

    def members(self, room: int) -> list[Author]:
        """The users connected to a room on this instance, once each, by username."""
        with self._lock:
            users = {c.member.id: c.member for c in self._rooms.get(room, ())}
        return sorted(users.values(), key=lambda m: (m.username, m.id))

    def _user_in(self, room: int, user_id: int) -> bool:
        return any(c.member.id == user_id for c in self._rooms.get(room, ()))
