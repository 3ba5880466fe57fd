from datetime import UTC, datetime

import pytest

from chat_api.store.messages import add_message
from chat_api.store.models import Author
from conftest import Api, SignedUp, unique_name


def test_rooms_are_created_listed_and_read(api: Api) -> None:
    ann = api.sign_up()
    name = unique_name("lobby")
    res = api.client.post("/api/rooms", json={"name": f" {name} "}, headers=ann.auth)
    assert res.status_code == 201
    room = res.json
    assert room["name"] == name
    assert room["created_by"] == ann.user["id"]
    assert set(room) == {"id", "name", "created_by", "created_at"}
    assert api.client.get(f"/api/rooms/{room['id']}", headers=ann.auth).json == room
    listed = api.client.get("/api/rooms", headers=ann.auth).json["data"]
    assert room in listed


def test_room_names_are_unique(api: Api) -> None:
    ann = api.sign_up()
    name = unique_name("lobby")
    api.make_room(ann, name)
    res = api.client.post("/api/rooms", json={"name": name}, headers=ann.auth)
    assert res.status_code == 409


@pytest.mark.parametrize("name", ["", "   ", "x" * 65, "nul\u0000", 42])
def test_a_bad_room_name_is_422(api: Api, name: object) -> None:
    res = api.client.post("/api/rooms", json={"name": name}, headers=api.sign_up().auth)
    assert res.status_code == 422
    assert "name" in res.json["fields"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/rooms/987654321",
        "/api/rooms/987654321/messages",
        "/api/rooms/abc",
        "/api/rooms/-1",
        "/api/rooms/99999999999999999999999",
    ],
)
def test_an_unknown_room_is_404(api: Api, path: str) -> None:
    assert api.client.get(path, headers=api.sign_up().auth).status_code == 404


def test_rooms_need_a_token(api: Api) -> None:
    room = api.make_room(api.sign_up())
    for path in ["/api/rooms", f"/api/rooms/{room}", f"/api/rooms/{room}/messages"]:
        assert api.client.get(path).status_code == 401
    assert api.client.post("/api/rooms", json={"name": "x"}).status_code == 401


def _messages(api: Api, who: SignedUp, room: int, texts: list[str]) -> None:
    author = Author(who.user["id"], who.user["username"])
    with api.db.connect() as conn:
        for text in texts:
            add_message(conn, room, author, text, datetime.now(UTC))


def test_history_pages_walk_back_oldest_first(api: Api) -> None:
    ann = api.sign_up()
    room, other = api.make_room(ann), api.make_room(ann)
    _messages(api, ann, room, [f"m{i}" for i in range(5)])
    _messages(api, ann, other, ["elsewhere"])

    res = api.client.get(f"/api/rooms/{room}/messages", headers=ann.auth)
    assert res.json["has_more"] is False
    assert res.json["next_before"] is None
    first = res.json["data"][0]
    assert set(first) == {"id", "room", "user", "text", "created_at"}
    assert first["user"] == {"id": ann.user["id"], "username": ann.user["username"]}

    got: list[str] = []
    path = f"/api/rooms/{room}/messages?limit=2"
    for _ in range(4):
        body = api.client.get(path, headers=ann.auth).json
        got = [m["text"] for m in body["data"]] + got
        if not body["has_more"]:
            break
        assert body["next_before"] == body["data"][0]["id"]
        path = f"/api/rooms/{room}/messages?limit=2&before={body['next_before']}"
    assert got == ["m0", "m1", "m2", "m3", "m4"]


def test_a_new_room_has_an_empty_history(api: Api) -> None:
    ann = api.sign_up()
    room = api.make_room(ann)
    body = api.client.get(f"/api/rooms/{room}/messages", headers=ann.auth).json
    assert body == {"data": [], "has_more": False, "next_before": None}


@pytest.mark.parametrize(
    "query",
    ["limit=0", "limit=101", "limit=ten", "limit=-1", "before=0", "before=x", "before=" + "9" * 20],
)
def test_bad_paging_is_400(api: Api, query: str) -> None:
    ann = api.sign_up()
    room = api.make_room(ann)
    res = api.client.get(f"/api/rooms/{room}/messages?{query}", headers=ann.auth)
    assert res.status_code == 400
    assert res.json["error"]
