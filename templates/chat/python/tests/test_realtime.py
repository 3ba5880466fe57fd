import json
import signal
import socket
import threading
import time
import urllib.request
from collections.abc import Callable

import pytest
from simple_websocket import Client, ConnectionClosed

from chat_api.realtime import HUB_KEY, Limits, close_sockets
from chat_api.realtime.hub import (
    CLOSE_GOING_AWAY,
    CLOSE_LOGGED_OUT,
    CLOSE_SESSION_GONE,
    CLOSE_SLOW,
    Hub,
)
from chat_api.realtime.hub import Client as HubClient
from chat_api.realtime.socket import origin_allowed, parse_frame
from chat_api.store.models import Author
from conftest import GRACE, WS, Api, Gunicorn, SignedUp, SlowBroker, handshake, of_type


def refused(api: Api, query: str, headers: dict[str, str] | None = None) -> int:
    """The HTTP status that refuses an upgrade of /ws?<query>."""
    return api.refused(query, headers)


def chat_room(api: Api, *names: str) -> tuple[list[SignedUp], int]:
    users = [api.sign_up() for _ in names]
    return users, api.make_room(users[0])


LEAVE_NOWHERE = {"type": "leave", "room": 987654321}


def answers(ws: WS) -> None:
    """Fails unless the server still handles ws's frames (a frame that only
    the realtime milestone needs, answered with an error)."""
    ws.send(LEAVE_NOWHERE)
    ws.next(of_type("error", code="not_in_room"))


def in_room(api: Api, room: int, users: int, timeout: float = 10.0) -> None:
    """Waits until the hub has this many users in the room."""
    deadline = time.monotonic() + timeout
    while len(api.app.extensions[HUB_KEY].members(room)) != users:
        assert time.monotonic() < deadline, f"the room never had {users} users"
        time.sleep(0.01)


def joined(api: Api, who: SignedUp, room: int) -> WS:
    ws = api.ws(f"token={who.token}&room={room}")
    assert ws.next("joined")["room"] == room
    return ws


def test_an_upgrade_needs_a_live_sessions_token(api: Api) -> None:
    ann = api.sign_up()
    assert refused(api, "") == 401
    assert refused(api, "token=forged-token") == 401
    api.client.post("/api/auth/logout", headers=ann.auth)
    assert refused(api, f"token={ann.token}") == 401


def test_the_token_may_come_in_the_authorization_header(api: Api) -> None:
    ann = api.sign_up()
    room = api.make_room(ann)
    ws = api.ws(f"room={room}", headers=ann.auth)
    assert ws.next("joined")["room"] == room


def test_a_plain_get_of_ws_is_426(api: Api) -> None:
    assert api.client.get("/ws", headers=api.sign_up().auth).status_code == 426


def test_a_page_from_another_origin_is_refused(make_api: Callable[..., Api]) -> None:
    api = make_api(allowed_origins=("*.example.org",))
    ann = api.sign_up()
    assert refused(api, f"token={ann.token}", {"Origin": "https://evil.example.com"}) == 403
    assert refused(api, f"token={ann.token}", {"Origin": "null"}) == 403
    assert refused(api, f"token={ann.token}", {"Origin": "http://127.0.0.1:1"}) == 403
    # A page of the server itself (its Origin names the Host the client sent:
    # simple-websocket's client sends the host without the port), and one of
    # an allowed host.
    for origin in ["http://127.0.0.1", "https://chat.example.org"]:
        ws = api.ws(f"token={ann.token}", {"Origin": origin})
        answers(ws)


def test_origins() -> None:
    assert origin_allowed(None, "chat.local:8080", ())
    assert origin_allowed("http://chat.local:8080", "CHAT.local:8080", ())
    assert not origin_allowed("http://chat.local:9090", "chat.local:8080", ())
    assert origin_allowed("https://a.example.com", "x", ("*.example.com",))
    assert not origin_allowed("https://example.com.evil.net", "x", ("*.example.com",))
    assert not origin_allowed("https://aexample.com", "x", ("a.example.com",))


def test_a_message_reaches_the_room_and_only_the_room(api: Api) -> None:
    (ann, bob, cat), room = chat_room(api, "ann", "bob", "cat")
    other = api.make_room(cat)
    a, b, c = joined(api, ann, room), joined(api, bob, room), joined(api, cat, other)
    a.send({"type": "message", "room": room, "text": "  hello  "})
    got = b.next("message")
    assert got["text"] == "hello"
    assert got["room"] == room
    assert got["user"] == {"id": ann.user["id"], "username": ann.user["username"]}
    assert isinstance(got["created_at"], str)
    assert a.next("message")["id"] == got["id"]  # the sender too
    assert c.none("message")
    history = api.client.get(f"/api/rooms/{room}/messages", headers=bob.auth).json["data"]
    assert [(m["id"], m["text"]) for m in history] == [(got["id"], "hello")]


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("not json", "bad_frame"),
        (b"\x00binary", "bad_frame"),
        ("[1, 2]", "bad_frame"),
        ('{"room": 1}', "bad_frame"),
        ('{"type": "join"}', "bad_frame"),
        ('{"type": "join", "room": "abc"}', "bad_frame"),
        ('{"type": "join", "room": true}', "bad_frame"),
        ('{"type": "message", "room": 1, "text": 5}', "bad_frame"),
        ('{"type": "dance", "room": 1}', "unknown_type"),
        ('{"type": "join", "room": 987654321}', "room_not_found"),
        ('{"type": "leave", "room": 987654321}', "not_in_room"),
        ('{"type": "message", "room": 987654321, "text": "hi"}', "not_in_room"),
    ],
)
def test_protocol_errors_answer_an_error_frame(api: Api, frame: str | bytes, code: str) -> None:
    ws = api.ws(f"token={api.sign_up().token}")
    ws.conn.send(frame)
    err = ws.next("error")
    assert err["code"] == code
    assert err["message"]
    answers(ws)  # the connection stays open


def test_message_text_is_checked(api: Api) -> None:
    (ann,), room = chat_room(api, "ann")
    a = joined(api, ann, room)
    for text, code in [
        ("   ", "empty_message"),
        ("x" * 2001, "message_too_large"),
        ("nul\u0000byte", "bad_frame"),
        ("lone \ud800", "bad_frame"),
    ]:
        a.conn.send(json.dumps({"type": "message", "room": room, "text": text}))
        assert a.next("error")["code"] == code, text
    a.send({"type": "message", "room": room, "text": "é" * 2000})
    assert a.next("message")["text"] == "é" * 2000
    history = api.client.get(f"/api/rooms/{room}/messages", headers=ann.auth).json["data"]
    assert len(history) == 1


def test_a_room_in_the_query_that_does_not_exist_is_an_error(api: Api) -> None:
    for room in ["987654321", "lobby"]:
        ws = api.ws(f"token={api.sign_up().token}&room={room}")
        assert ws.next("error")["code"] == "room_not_found"


def test_an_oversized_frame_closes_the_connection_with_1009(api: Api) -> None:
    ws = api.ws(f"token={api.sign_up().token}")
    ws.conn.send("x" * (16 * 1024 + 1))
    assert ws.wait_closed()[0] == 1009


def test_frames_beyond_the_rate_are_dropped(make_api: Callable[..., Api]) -> None:
    api = make_api(limits=Limits(burst=3, rate_per_sec=0.01))
    ws = api.ws(f"token={api.sign_up().token}")
    for _ in range(4):
        ws.send(LEAVE_NOWHERE)
    for _ in range(3):
        ws.next(of_type("error", code="not_in_room"))
    assert ws.next("error")["code"] == "rate_limited"
    assert ws.none("error")


def _silent_client(url: str, token: str, room: int) -> socket.socket:
    """A WebSocket client that never reads: its receive buffer, set small
    before it connects, fills at once."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect(("127.0.0.1", int(url.rsplit(":", 1)[1])))
    sock.sendall(
        (
            f"GET /ws?token={token}&room={room} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        ).encode()
    )
    return sock


def test_a_slow_client_is_dropped_without_delaying_the_others(make_api: Callable[..., Api]) -> None:
    text = 60 * 1024
    limits = Limits(
        queue=16 * text, max_text=text, max_frame=2 * text, burst=10**6, rate_per_sec=10**6
    )
    api = make_api(limits=limits)
    (ann, bob, cat), room = chat_room(api, "ann", "bob", "cat")
    a, b = joined(api, ann, room), joined(api, bob, room)
    silent = _silent_client(api.serve(), cat.token, room)
    try:
        in_room(api, room, 3)
        # 200 frames of 60 KiB, 12 MiB: more than the silent client's socket
        # buffers (a few MiB on Linux) and queue. ann sends in step with bob's
        # reading, so bob's queue stays short while cat's only grows.
        n = 200
        for i in range(n):
            a.send({"type": "message", "room": room, "text": f"{i:03} " + "y" * (text - 4)})
            assert b.next("message")["text"].startswith(f"{i:03} ")
        in_room(api, room, 2, timeout=15)  # cat was disconnected
        with api.db.connect() as conn:
            assert conn.one("SELECT COUNT(*) AS n FROM messages")["n"] == n
    finally:
        silent.close()


def test_logout_closes_that_sessions_sockets_only(api: Api) -> None:
    (ann, bob), room = chat_room(api, "ann", "bob")
    res = api.client.post(
        "/api/auth/login", json={"username": ann.user["username"], "password": "correct-horse-42"}
    )
    phone = SignedUp(ann.user, res.json["token"])
    laptop_ws, phone_ws, bob_ws = (joined(api, who, room) for who in (ann, phone, bob))
    assert api.client.post("/api/auth/logout", headers=ann.auth).status_code == 204
    assert laptop_ws.wait_closed() == (1008, CLOSE_LOGGED_OUT)
    phone_ws.send({"type": "message", "room": room, "text": "still here"})
    assert bob_ws.next("message")["text"] == "still here"


@pytest.mark.parametrize(
    "kill",
    [
        "UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000000Z'",
        "DELETE FROM sessions",
        "DELETE FROM users",
    ],
    ids=["expired", "revoked", "user deleted"],
)
def test_a_socket_ends_with_its_session(make_api: Callable[..., Api], kill: str) -> None:
    api = make_api(limits=Limits(session_check_every=0.05))
    ann = api.sign_up()
    ws = api.ws(f"token={ann.token}")
    assert ws.none("error", wait=0.2)  # a few looks go by while the session lives
    with api.db.connect() as conn:
        conn.run(kill)
    assert ws.wait_closed() == (1008, CLOSE_SESSION_GONE)
    assert refused(api, f"token={ann.token}") == 401


def test_messages_arrive_in_history_order(make_api: Callable[..., Api]) -> None:
    api = make_api(broker=SlowBroker(0.3, lambda frame: '"text": "slow"' in frame))
    (ann, bob, cat), room = chat_room(api, "ann", "bob", "cat")
    a, b, c = joined(api, ann, room), joined(api, bob, room), joined(api, cat, room)
    a.send({"type": "message", "room": room, "text": "slow"})
    deadline = time.monotonic() + 2
    while not api.client.get(f"/api/rooms/{room}/messages", headers=ann.auth).json["data"]:
        assert time.monotonic() < deadline, "the slow message was never stored"
        time.sleep(0.005)
    b.send({"type": "message", "room": room, "text": "fast"})
    first, second = c.next("message"), c.next("message")
    assert (first["text"], second["text"]) == ("slow", "fast")
    assert first["id"] < second["id"]


def test_sockets_beyond_the_limit_are_refused_before_the_upgrade(
    make_api: Callable[..., Api],
) -> None:
    api = make_api(ws_max_connections=1)
    ann = api.sign_up()
    first = api.ws(f"token={ann.token}")
    assert refused(api, f"token={ann.token}") == 503
    first.close()
    deadline = time.monotonic() + 3
    # The place is given back once the first socket's handler ends.
    while handshake(api.serve(), f"token={ann.token}") != 101:
        assert time.monotonic() < deadline, "the closed socket's place was never given back"
        time.sleep(0.05)


def test_a_stopping_server_closes_its_sockets_with_going_away(api: Api) -> None:
    token = api.sign_up().token
    ws = api.ws(f"token={token}")
    answers(ws)  # served: the hub knows it
    close_sockets(api.app)
    assert ws.wait_closed() == (1001, CLOSE_GOING_AWAY)
    # One that connects while the server stops is told at once too.
    assert api.ws(f"token={token}").wait_closed() == (1001, CLOSE_GOING_AWAY)


def test_under_gunicorn_sockets_work_and_sigterm_closes_them_at_once(gunicorn: Gunicorn) -> None:
    body = json.dumps({"username": "gunicorn-ann", "password": "correct-horse-42"}).encode()
    url = gunicorn.url + "/api/auth/register"
    req = urllib.request.Request(url, data=body, method="POST")  # noqa: S310 (loopback)
    with urllib.request.urlopen(req, timeout=5) as res:  # noqa: S310 (loopback)
        token = json.loads(res.read())["token"]
    ws_url = gunicorn.url.replace("http", "ws", 1) + f"/ws?token={token}"
    sockets = [Client.connect(ws_url) for _ in range(4)]  # WS_MAX_CONNECTIONS
    sockets[0].send(json.dumps(LEAVE_NOWHERE))
    assert json.loads(sockets[0].receive(timeout=10))["code"] == "not_in_room"
    assert handshake(gunicorn.url, f"token={token}") == 503
    # Every socket holds a gunicorn thread, yet requests are still answered.
    with urllib.request.urlopen(gunicorn.url + "/healthz", timeout=10) as res:  # noqa: S310
        assert res.status == 200

    started = time.monotonic()
    gunicorn.proc.send_signal(signal.SIGTERM)
    for ws in sockets:
        with pytest.raises(ConnectionClosed) as closed:
            while time.monotonic() - started < GRACE / 2:
                ws.receive(timeout=1)
        assert closed.value.reason == 1001
    assert gunicorn.proc.wait(timeout=GRACE + 10) == 0
    waited = time.monotonic() - started
    assert waited < GRACE / 2, f"{waited:.1f} s: the graceful timeout was spent on the sockets"


# The hub alone.


def _client(hub: Hub, user: int, session: str = "", queue: int = 1024) -> HubClient:
    c = HubClient(Author(user, f"user{user}"), session or f"s{user}", queue)
    hub.connect(c)
    return c


def _frames(c: HubClient) -> list[str]:
    data, frames = c.take(0), []
    while data:  # unframe: the hub's frames are short text frames (hub.text_frame)
        assert data[0] == 0x81 and data[1] < 126
        frames.append(data[2 : 2 + data[1]].decode())
        data = data[2 + data[1] :]
    return frames


def test_a_publication_reaches_only_its_room() -> None:
    hub = Hub()
    a, b = _client(hub, 1), _client(hub, 2)
    hub.join(a, 1)
    hub.join(b, 2)
    hub.publish(1, {"type": "typing"})
    assert _frames(a) == ['{"type": "typing"}']
    assert _frames(b) == []


def test_a_full_queue_kicks_only_that_client() -> None:
    hub = Hub()
    slow, fine = _client(hub, 1, queue=20), _client(hub, 2, queue=1024)  # a frame is 10 bytes
    for c in (slow, fine):
        hub.join(c, 1)
    for i in range(3):
        hub.publish(1, {"n": i})
    assert slow.kicked and slow.close_reason == CLOSE_SLOW and slow.close_code == 1008
    assert slow.take(0) == b""  # a kick wins over queued frames
    assert not fine.kicked
    assert len(_frames(fine)) == 3


def test_join_and_leave_count_users_not_connections() -> None:
    hub = Hub()
    laptop, phone = _client(hub, 1, "laptop"), _client(hub, 1, "phone")
    assert hub.join(laptop, 1) is True
    assert hub.join(phone, 1) is False
    assert hub.join(phone, 1) is False  # twice is once
    assert hub.members(1) == [Author(1, "user1")]
    assert hub.leave(laptop, 1) == (True, False)
    assert hub.leave(laptop, 1) == (False, False)
    assert hub.leave(phone, 1) == (True, True)
    assert hub.members(1) == []


def test_ordered_takes_turns_per_room() -> None:
    hub = Hub()
    inside: list[str] = []
    release = threading.Event()

    def first() -> None:
        with hub.ordered(1):
            inside.append("first")
            release.wait(2)
            inside.append("first done")

    t = threading.Thread(target=first)
    t.start()
    while not inside:
        time.sleep(0.001)
    with hub.ordered(2):  # another room does not wait
        inside.append("other room")
    done = threading.Event()

    def second() -> None:
        with hub.ordered(1):
            inside.append("second")
        done.set()

    threading.Thread(target=second).start()
    assert not done.wait(0.1)  # the same room waits for its turn
    release.set()
    assert done.wait(2)
    t.join()
    assert inside == ["first", "other room", "first done", "second"]


def test_end_session_kicks_that_session_only() -> None:
    hub = Hub()
    laptop, phone = _client(hub, 1, "laptop"), _client(hub, 1, "phone")
    hub.end_session("laptop")
    assert laptop.kicked and laptop.close_reason == CLOSE_LOGGED_OUT
    assert not phone.kicked


def test_connections_are_admitted_up_to_the_limit() -> None:
    hub = Hub(max_connections=2)
    assert hub.admit() and hub.admit()
    assert not hub.admit()
    hub.release()
    assert hub.admit()


def test_parse_frame_accepts_room_ids_as_numbers_or_digits() -> None:
    assert parse_frame('{"type": "join", "room": 5}').room == 5
    assert parse_frame('{"type": "join", "room": "5"}').room == 5
    for bad in ['{"type": "join", "room": 0}', '{"type": "join", "room": 1.5}', "NaN"]:
        assert parse_frame(bad) is None
