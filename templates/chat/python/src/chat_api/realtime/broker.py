"""RedisBroker shares rooms between chat instances through Redis pub/sub.

Each room has a channel chat:<namespace>:room:<id>; every instance (every
gunicorn worker process) subscribes to chat:<namespace>:room:* and delivers
what it hears to its own clients, its own publications included. Logouts go
on chat:<namespace>:session-ended, so that every instance closes that
session's sockets. Redis forgets a frame once published: persistence is the
database's job.
"""

import itertools
import os
import threading
import time
from collections.abc import Callable

import redis

from ..log import get_logger

POLL_SECONDS = 1.0
"""How long the subscriber waits for a message before it looks whether to stop."""
RETRY_SECONDS = (0.1, 0.5, 1.0, 2.0, 5.0)
"""Waits between attempts to get the subscription back after Redis went away."""

_brokers = itertools.count(1)


class RedisBroker:
    def __init__(self, url: str, namespace: str):
        self._prefix = f"chat:{namespace}:room:"
        self._ended = f"chat:{namespace}:session-ended"
        # The connections carry a name, so that `CLIENT LIST` tells whose they
        # are: the namespace, the process and which broker of the process.
        name = f"chat:{namespace}:{os.getpid()}-{next(_brokers)}"
        self._redis = redis.Redis.from_url(url, client_name=name)
        self._pubsub = self._redis.pubsub()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @classmethod
    def connect(cls, url: str, namespace: str) -> "RedisBroker":
        """Connects to url (redis://host:port/db) and subscribes before it
        returns, so that nothing published afterwards is missed. Pub/sub
        ignores the database number in the URL, hence the namespace. A
        subscribed connection can do nothing else: publishing takes another
        one from the client's pool."""
        broker = cls(url, namespace)
        try:
            broker._redis.ping()
            broker._pubsub.psubscribe(broker._prefix + "*")
            broker._pubsub.subscribe(broker._ended)
            confirmed = 0
            deadline = time.monotonic() + 5
            while confirmed < 2 and time.monotonic() < deadline:
                msg = broker._pubsub.get_message(timeout=1.0)
                if msg is not None and msg["type"] in ("subscribe", "psubscribe"):
                    confirmed += 1
            if confirmed < 2:
                raise redis.ConnectionError("Redis did not confirm the subscriptions")
        except BaseException:
            broker.close()
            raise
        return broker

    @property
    def subscriber_name(self) -> str:
        """The client name of the broker's connections (as CLIENT LIST shows it)."""
        return self._redis.get_connection_kwargs()["client_name"]

    def publish(self, room: int, frame: str) -> None:
        """Sends a frame to the room's channel. It returns once Redis has it,
        and Redis relays a channel's frames in the order it got them."""
        self._redis.publish(f"{self._prefix}{room}", frame)

    def end_session(self, session: str) -> None:
        """Tells every instance that a session ended."""
        self._redis.publish(self._ended, session)

    def start(self, deliver: Callable[[int, str], None], ended: Callable[[str], None]) -> None:
        """Hands every frame of every room to deliver, and every ended session
        to ended, from one thread (so in the order Redis relays them) until
        close(). After a network error the subscription comes back by itself;
        what was published meanwhile is lost, as pub/sub always is."""
        self._thread = threading.Thread(
            target=self._run, args=(deliver, ended), name="redis-subscriber", daemon=True
        )
        self._thread.start()

    def _run(self, deliver: Callable[[int, str], None], ended: Callable[[str], None]) -> None:
        log = get_logger()
        failures = 0
        while not self._stop.is_set():
            try:
                msg = self._pubsub.get_message(ignore_subscribe_messages=True, timeout=POLL_SECONDS)
            except redis.RedisError as err:
                if self._stop.is_set():
                    return
                wait = RETRY_SECONDS[min(failures, len(RETRY_SECONDS) - 1)]
                failures += 1
                log.warning(
                    "redis subscriber: connection lost",
                    extra={"err": str(err), "retry_in_s": wait},
                )
                self._stop.wait(wait)
                continue
            if failures:
                log.info("redis subscriber: subscribed again")
                failures = 0
            if msg is None:
                continue
            try:
                self._dispatch(msg, deliver, ended)
            except Exception:  # a bad frame must not end the subscription
                log.exception("redis subscriber: delivering a frame")

    def _dispatch(
        self, msg: dict, deliver: Callable[[int, str], None], ended: Callable[[str], None]
    ) -> None:
        channel = msg["channel"].decode()
        payload = msg["data"].decode()
        if channel == self._ended:
            ended(payload)
            return
        room = channel.removeprefix(self._prefix)
        if room.isdigit():
            deliver(int(room), payload)

    def close(self) -> None:
        """Stops the subscriber and closes the connections."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=POLL_SECONDS + 1)
        self._pubsub.close()
        self._redis.close()
