"""Two instances sharing one database and one Redis. Runs when TEST_REDIS_URL
is set (make test-services), is skipped otherwise, and fails under CI=true
without it."""

import os
import time
from collections.abc import Callable, Iterator

import pytest
import redis

from chat_api.realtime import HUB_KEY, Limits
from chat_api.realtime.hub import CLOSE_LOGGED_OUT
from conftest import Api, of_type

REDIS_URL = os.environ.get("TEST_REDIS_URL", "")

if not REDIS_URL and os.environ.get("CI") == "true":
    raise RuntimeError("CI=true needs TEST_REDIS_URL for the scale tests")
pytestmark = pytest.mark.skipif(not REDIS_URL, reason="set TEST_REDIS_URL to run the Redis tests")


@pytest.fixture
def pair(make_api: Callable[..., Api]) -> Iterator[tuple[Api, Api]]:
    """Two instances on one database and one Redis. Sessions are rarely looked
    at: only the news from the other instance may close a socket."""
    limits = Limits(session_check_every=3600)
    yield make_api(redis_url=REDIS_URL, limits=limits), make_api(redis_url=REDIS_URL, limits=limits)


def test_both_instances_say_redis(pair: tuple[Api, Api]) -> None:
    for api in pair:
        assert api.client.get("/healthz").json == {"status": "ok", "pubsub": "redis"}


def test_frames_cross_instances_exactly_once_to_the_room_only(pair: tuple[Api, Api]) -> None:
    a_api, b_api = pair
    ann, bob = a_api.sign_up(), b_api.sign_up()
    room, other = a_api.make_room(ann), a_api.make_room(ann)
    eve = b_api.ws(f"token={ann.token}&room={other}")
    eve.next("joined")
    a = a_api.ws(f"token={ann.token}&room={room}")
    a.next("joined")
    b = b_api.ws(f"token={bob.token}&room={room}")
    b.next("joined")
    a.next(of_type("join", user=bob.user["username"]))

    a.send({"type": "message", "room": room, "text": "from A"})
    assert b.next("message")["text"] == "from A"
    b.send({"type": "message", "room": room, "text": "from B"})
    assert a.next("message")["text"] == "from A"
    assert a.next("message")["text"] == "from B"
    assert a.none("message")  # exactly once
    assert b.none(of_type("message", text="from A"), wait=0.05)
    assert eve.none("message")


def test_a_logout_on_one_instance_closes_the_sockets_on_the_other(pair: tuple[Api, Api]) -> None:
    a_api, b_api = pair
    ann, bob = a_api.sign_up(), a_api.sign_up()
    room = a_api.make_room(ann)
    a = b_api.ws(f"token={ann.token}&room={room}")
    a.next("joined")
    b = b_api.ws(f"token={bob.token}&room={room}")
    b.next("joined")
    assert a_api.client.post("/api/auth/logout", headers=ann.auth).status_code == 204
    assert a.wait_closed() == (1008, CLOSE_LOGGED_OUT)
    b.next(of_type("leave", user=ann.user["username"]))


def test_the_subscription_comes_back_after_redis_drops_it(pair: tuple[Api, Api]) -> None:
    a_api, b_api = pair
    ann, bob = a_api.sign_up(), b_api.sign_up()
    room = a_api.make_room(ann)
    a, b = a_api.ws(f"token={ann.token}&room={room}"), b_api.ws(f"token={bob.token}&room={room}")
    a.next("joined")
    b.next("joined")
    name = b_api.app.extensions[HUB_KEY].broker.subscriber_name
    admin = redis.Redis.from_url(REDIS_URL)
    try:
        killed = 0
        for c in admin.client_list():
            if c["name"] == name and int(c.get("psub", 0)) > 0:
                killed += admin.client_kill_filter(_id=c["id"])
        assert killed >= 1
    finally:
        admin.close()
    deadline = time.monotonic() + 10
    while True:  # frames published before the subscription is back are lost, as in pub/sub
        a.send({"type": "message", "room": room, "text": "are you there?"})
        if not b.none(of_type("message", text="are you there?"), wait=0.5):
            break
        assert time.monotonic() < deadline, "instance B never heard Redis again"
