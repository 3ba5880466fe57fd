"""Realtime: the WebSocket endpoint /ws (socket.py), the hub that routes each
room's frames to its members (hub.py) and the Redis broker that shares rooms
between instances (broker.py).

Every WebSocket is served by threads: gunicorn's gthread worker gives each
connection one of its threads for the connection's whole life (it reads and
handles the client's frames), simple-websocket reads the socket in a thread of
its own, and one more thread writes the connection's queued frames. A process
therefore holds as many sockets as gunicorn has threads to spare
(WS_MAX_CONNECTIONS, gunicorn.conf.py); more sockets need more processes or
instances, which Redis connects (the scale milestone).
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from flask import Flask, current_app

HUB_KEY = "chat_api.hub"
LIMITS_KEY = "chat_api.limits"


class Broker(Protocol):
    """Carries frames, and the news that a session ended, between instances."""

    def publish(self, room: int, frame: str) -> None:
        """Sends a frame to every instance, this one included, and returns once
        the broker has it: frames published one after the other are relayed
        in that order."""

    def end_session(self, session: str) -> None:
        """Tells every instance, this one included, that a session ended."""

    def start(self, deliver: Callable[[int, str], None], ended: Callable[[str], None]) -> None:
        """Hands every published frame to deliver and every ended session to
        ended, from a thread of its own, until close()."""

    def close(self) -> None:
        """Stops relaying and releases the broker's connections."""


@dataclass(frozen=True)
class Limits:
    """What one WebSocket may cost the server."""

    max_frame: int = 16 * 1024
    """Bytes in one incoming frame; more closes the connection (1009)."""
    max_text: int = 2000
    """Characters in a message's text; more answers an error frame."""
    queue: int = 1024 * 1024
    """Characters of frames waiting to be written; a full queue disconnects the
    client (1008). 1 MiB holds the join events of a thousand users joining a
    room at once, and a client that stops reading still fills it soon."""
    rate_per_sec: float = 5
    """Frames a client may send per second, on average ..."""
    burst: int = 20
    """... and at once."""
    ping_every: float = 30.0
    """Seconds between keep-alive pings; a peer that misses a pong is gone."""
    session_check_every: float = 30.0
    """Seconds between looks at a socket's session (expired, revoked, user gone)."""
    kick_grace: float = 2.0
    """Seconds a kicked client has to take its close frame before the socket is cut."""


def init_realtime(app: Flask, hub: Any, limits: Limits) -> None:
    """Gives app its hub and the WebSocket limits (flask-sock reads
    SOCK_SERVER_OPTIONS for each connection's simple-websocket Server)."""
    app.extensions[HUB_KEY] = hub
    app.extensions[LIMITS_KEY] = limits
    app.config["SOCK_SERVER_OPTIONS"] = {
        "ping_interval": limits.ping_every,
        "max_message_size": limits.max_frame,
        "thread_class": _DaemonThread,
    }


class _DaemonThread(threading.Thread):
    """simple-websocket's reading thread, as a daemon: a stopping server
    process does not wait for it."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, daemon=True, **kwargs)


def realtime_hub() -> Any:
    """The running app's hub (realtime/hub.py)."""
    return current_app.extensions[HUB_KEY]


def close_sockets(app: Flask) -> None:
    """Tells every WebSocket of app that the server is going away (1001), so that
    a stopping server does not wait for its clients to leave. gunicorn's worker
    (worker.py) calls it when it is told to stop."""
    hub = app.extensions.get(HUB_KEY)
    if hub is not None:
        hub.close_all()
