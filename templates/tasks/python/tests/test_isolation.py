from conftest import Api


def test_another_users_task_is_404_on_get_patch_and_delete(api: Api) -> None:
    alice, bob = api.sign_up(), api.sign_up()
    task = api.client.post("/api/tasks", json={"title": "secret"}, headers=alice.auth).json
    path = f"/api/tasks/{task['id']}"
    assert api.client.get(path, headers=bob.auth).status_code == 404
    assert api.client.patch(path, json={"title": "mine"}, headers=bob.auth).status_code == 404
    assert api.client.delete(path, headers=bob.auth).status_code == 404
    still = api.client.get(path, headers=alice.auth)
    assert still.status_code == 200
    assert still.json["title"] == "secret"


def test_listings_show_only_your_own_tasks(api: Api) -> None:
    alice, bob = api.sign_up(), api.sign_up()
    api.client.post("/api/tasks", json={"title": "secret"}, headers=alice.auth)
    res = api.client.get("/api/tasks", headers=bob.auth)
    assert res.status_code == 200
    assert res.json["total"] == 0
    assert res.json["data"] == []
