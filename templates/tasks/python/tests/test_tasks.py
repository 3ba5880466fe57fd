import re

import pytest

from conftest import PASSWORD, Api, SignedUp


@pytest.fixture
def user(api: Api) -> SignedUp:
    return api.sign_up()


def test_create_with_defaults(api: Api, user: SignedUp) -> None:
    res = api.client.post("/api/tasks", json={"title": "  Write report "}, headers=user.auth)
    assert res.status_code == 201
    task = res.json
    assert res.headers["Location"] == f"/api/tasks/{task['id']}"
    assert task["title"] == "Write report"
    assert task["description"] == ""
    assert task["status"] == "todo"
    assert task["priority"] == "medium"
    assert task["due_date"] is None
    assert task["labels"] == []
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", task["created_at"])


def test_create_with_every_field_then_get_it(api: Api, user: SignedUp) -> None:
    body = {
        "title": "Ship",
        "description": "v1",
        "status": "doing",
        "priority": "high",
        "due_date": "2026-12-01",
        "labels": ["work", "urgent", "work"],
    }
    created = api.client.post("/api/tasks", json=body, headers=user.auth)
    assert created.status_code == 201
    got = api.client.get(f"/api/tasks/{created.json['id']}", headers=user.auth)
    assert got.status_code == 200
    assert got.json == created.json
    assert got.json["labels"] == ["work", "urgent"]
    assert got.json["due_date"] == "2026-12-01"


def test_validation_names_every_invalid_field(api: Api, user: SignedUp) -> None:
    res = api.client.post(
        "/api/tasks",
        json={
            "status": "later",
            "priority": "urgent",
            "due_date": "2026-02-30",
            "labels": "work",
            "description": 7,
        },
        headers=user.auth,
    )
    assert res.status_code == 422
    assert res.json["error"] == "validation failed"
    assert sorted(res.json["fields"]) == [
        "description",
        "due_date",
        "labels",
        "priority",
        "status",
        "title",
    ]
    assert all(isinstance(m, str) for m in res.json["fields"].values())
    for body in [
        {"title": "   "},
        {"title": "x" * 201},
        {"title": "ok", "labels": [1]},
        {"title": "ok", "labels": ["x"] * 21},
        {"title": "ok", "due_date": 20261201},
    ]:
        assert api.client.post("/api/tasks", json=body, headers=user.auth).status_code == 422, body
    assert (
        api.client.post("/api/tasks", json=[{"title": "x"}], headers=user.auth).status_code == 400
    )


def test_patch_changes_only_the_given_fields_and_null_clears_the_due_date(
    api: Api, user: SignedUp
) -> None:
    created = api.client.post(
        "/api/tasks",
        json={"title": "Patch me", "due_date": "2026-12-01", "labels": ["a"]},
        headers=user.auth,
    ).json
    path = f"/api/tasks/{created['id']}"
    api.clock.advance(5)
    res = api.client.patch(path, json={"status": "done", "due_date": None}, headers=user.auth)
    assert res.status_code == 200
    assert res.json["status"] == "done"
    assert res.json["due_date"] is None
    assert res.json["title"] == "Patch me"
    assert res.json["labels"] == ["a"]
    assert res.json["created_at"] == created["created_at"]
    assert res.json["updated_at"] > created["updated_at"]
    for body in [{"title": ""}, {"title": None}, {"labels": None}, {"status": None}]:
        bad = api.client.patch(path, json=body, headers=user.auth)
        assert bad.status_code == 422, body
        assert isinstance(bad.json["fields"][next(iter(body))], str)
    labels = api.client.patch(path, json={"labels": ["b", "c"]}, headers=user.auth)
    assert labels.json["labels"] == ["b", "c"]
    assert api.client.get(path, headers=user.auth).json == labels.json


def test_delete_answers_204_then_the_task_is_gone(api: Api, user: SignedUp) -> None:
    created = api.client.post("/api/tasks", json={"title": "Bye"}, headers=user.auth).json
    path = f"/api/tasks/{created['id']}"
    res = api.client.delete(path, headers=user.auth)
    assert res.status_code == 204
    assert res.data == b""
    assert api.client.get(path, headers=user.auth).status_code == 404
    assert api.client.delete(path, headers=user.auth).status_code == 404


@pytest.mark.parametrize("task_id", ["999999", "abc", "0", "-1", "1.5", "99999999999999999999"])
def test_unknown_and_impossible_ids_are_404(api: Api, user: SignedUp, task_id: str) -> None:
    for method in ["GET", "PATCH", "DELETE"]:
        res = api.client.open(
            f"/api/tasks/{task_id}", method=method, json={"title": "x"}, headers=user.auth
        )
        assert res.status_code == 404, method
        assert isinstance(res.json["error"], str)


def test_listing_answers_a_page(api: Api, user: SignedUp) -> None:
    api.client.post("/api/tasks", json={"title": "one"}, headers=user.auth)
    res = api.client.get("/api/tasks", headers=user.auth)
    assert res.status_code == 200
    assert res.json["page"] == 1
    assert res.json["limit"] == 20
    assert res.json["total"] == len(res.json["data"]) == 1


def test_a_deleted_users_token_is_refused(api: Api) -> None:
    # A token outlives its user by up to its lifetime: every request must find
    # the user, or answer 401 (a deleted user's list is not "empty", and
    # creating a task for them is not a database error).
    gone = api.sign_up()
    task = api.client.post("/api/tasks", json={"title": "left behind"}, headers=gone.auth).json
    res = api.client.delete("/api/auth/me", json={"current_password": PASSWORD}, headers=gone.auth)
    assert res.status_code == 204
    path = f"/api/tasks/{task['id']}"
    for method, url in [
        ("GET", "/api/tasks"),
        ("POST", "/api/tasks"),
        ("GET", path),
        ("PATCH", path),
        ("DELETE", path),
    ]:
        res = api.client.open(url, method=method, json={"title": "orphan"}, headers=gone.auth)
        assert res.status_code == 401, (method, url)


def test_tasks_need_a_token(api: Api) -> None:
    assert api.client.get("/api/tasks").status_code == 401
    assert api.client.post("/api/tasks", json={"title": "x"}).status_code == 401
