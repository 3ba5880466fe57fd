from collections.abc import Callable

from conftest import Api, SlowBroker, of_type


def users_of(frame: dict) -> list[str]:
    return [u["username"] for u in frame["users"]]


def test_join_typing_leave_and_the_presence_list(api: Api) -> None:
    ann, bob = api.sign_up(), api.sign_up()
    room = api.make_room(ann)
    assert api.client.get(f"/api/rooms/{room}/presence", headers=ann.auth).json == {
        "type": "presence",
        "room": room,
        "users": [],
    }
    a, b = api.ws(f"token={ann.token}"), api.ws(f"token={bob.token}")
    a.send({"type": "join", "room": room})
    a.next("joined")
    assert users_of(a.next("presence")) == [ann.user["username"]]
    b.send({"type": "join", "room": room})
    assert sorted(users_of(b.next("presence"))) == sorted(
        [ann.user["username"], bob.user["username"]]
    )
    joined = a.next(of_type("join", user=bob.user["username"]))
    assert joined["user"] == {"id": bob.user["id"], "username": bob.user["username"]}
    assert joined["room"] == room
    listed = api.client.get(f"/api/rooms/{room}/presence", headers=ann.auth).json["users"]
    assert len(listed) == 2

    b.send({"type": "typing", "room": room})
    assert a.next("typing")["user"]["username"] == bob.user["username"]
    b.send({"type": "leave", "room": room})
    assert b.next("left")["room"] == room
    assert a.next("leave")["user"]["username"] == bob.user["username"]
    a.send({"type": "presence", "room": room})
    assert users_of(a.next("presence")) == [ann.user["username"]]


def test_typing_outside_the_room_is_refused(api: Api) -> None:
    ann = api.sign_up()
    room = api.make_room(ann)
    a = api.ws(f"token={ann.token}")
    a.send({"type": "typing", "room": room})
    assert a.next("error")["code"] == "not_in_room"


def test_a_disconnect_is_a_leave(api: Api) -> None:
    ann, bob = api.sign_up(), api.sign_up()
    room = api.make_room(ann)
    a = api.ws(f"token={ann.token}&room={room}")
    a.next("joined")
    b = api.ws(f"token={bob.token}&room={room}")
    a.next(of_type("join", user=bob.user["username"]))
    b.close()
    a.next(of_type("leave", user=bob.user["username"]))


def test_a_second_connection_of_a_user_is_no_join_and_its_end_no_leave(api: Api) -> None:
    ann, bob = api.sign_up(), api.sign_up()
    room = api.make_room(ann)
    a = api.ws(f"token={ann.token}&room={room}")
    a.next("joined")
    laptop = api.ws(f"token={bob.token}&room={room}")
    a.next(of_type("join", user=bob.user["username"]))
    phone = api.ws(f"token={bob.token}&room={room}")
    assert users_of(phone.next("presence")).count(bob.user["username"]) == 1
    assert a.none(of_type("join", user=bob.user["username"]))
    phone.close()
    assert a.none(of_type("leave", user=bob.user["username"]))
    laptop.close()
    a.next(of_type("leave", user=bob.user["username"]))


def test_join_events_keep_the_order_of_joining(make_api: Callable[..., Api]) -> None:
    # Redis is slow to take ann's join: bob, who joins after ann, must still
    # be announced after her, as the presence list bob gets says.
    api = make_api(
        broker=SlowBroker(0.3, lambda f: '"type": "join"' in f and '"username": "ann' in f)
    )
    zed, ann, bob = api.sign_up("zed-1"), api.sign_up("ann-1"), api.sign_up("bob-1")
    room = api.make_room(zed)
    z = api.ws(f"token={zed.token}&room={room}")
    z.next("joined")
    api.ws(f"token={ann.token}&room={room}").next("joined")
    b = api.ws(f"token={bob.token}&room={room}")
    assert users_of(b.next("presence")) == ["ann-1", "bob-1", "zed-1"]
    heard = [z.next("join")["user"]["username"] for _ in range(3)]
    assert heard == ["zed-1", "ann-1", "bob-1"]  # zed hears its own join first
