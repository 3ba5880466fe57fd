from conftest import Api, SignedUp, fields


def publish(api: Api, who: SignedUp, title: str, tags: list[str] | None = None) -> str:
    res = api.client.post(
        "/api/articles",
        json={"article": {"title": title, "description": "d", "body": "b", "tagList": tags or []}},
        headers=who.auth,
    )
    assert res.status_code == 201, res.text
    return res.json["article"]["slug"]


def test_profiles_follows_and_the_feed(api: Api) -> None:
    writer, other, fan = api.sign_up("w"), api.sign_up("o"), api.sign_up("f")
    slug = publish(api, writer, "Followed")
    publish(api, other, "Not followed")
    res = api.client.get(f"/api/profiles/{writer.username}", headers=fan.auth)
    assert res.json == {
        "profile": {"username": writer.username, "bio": "", "image": "", "following": False}
    }
    assert api.client.get("/api/profiles/nobody-here").status_code == 404
    follow = f"/api/profiles/{writer.username}/follow"
    for _ in range(2):  # following twice is following once
        res = api.client.post(follow, headers=fan.auth)
        assert res.status_code == 200
        assert res.json["profile"]["following"] is True
    assert api.client.get(f"/api/profiles/{writer.username}").json["profile"]["following"] is False
    feed = api.client.get("/api/articles/feed", headers=fan.auth).json
    assert feed["articlesCount"] == 1
    assert [a["slug"] for a in feed["articles"]] == [slug]
    assert feed["articles"][0]["author"]["following"] is True
    assert api.client.get("/api/articles/feed").status_code == 401
    assert api.client.get("/api/articles/feed?limit=0", headers=fan.auth).status_code == 422
    res = api.client.delete(follow, headers=fan.auth)
    assert res.json["profile"]["following"] is False
    assert api.client.get("/api/articles/feed", headers=fan.auth).json == {
        "articles": [],
        "articlesCount": 0,
    }


def test_nobody_follows_themselves(api: Api) -> None:
    ann = api.sign_up("ann")
    res = api.client.post(f"/api/profiles/{ann.username}/follow", headers=ann.auth)
    assert res.status_code == 422
    assert fields(res.json) == ["profile"]


def test_a_favorite_counts_once_per_user(api: Api) -> None:
    writer, fan, other = api.sign_up("w"), api.sign_up("f"), api.sign_up("o")
    slug = publish(api, writer, "Loved")
    fav = f"/api/articles/{slug}/favorite"
    for _ in range(2):
        res = api.client.post(fav, headers=fan.auth)
        assert res.status_code == 200
        assert (res.json["article"]["favorited"], res.json["article"]["favoritesCount"]) == (
            True,
            1,
        )
    res = api.client.post(fav, headers=other.auth)
    assert res.json["article"]["favoritesCount"] == 2
    assert api.client.get(f"/api/articles/{slug}").json["article"]["favorited"] is False
    listed = api.client.get(f"/api/articles?favorited={fan.username}").json
    assert listed["articlesCount"] == 1
    assert listed["articles"][0]["favoritesCount"] == 2
    res = api.client.delete(fav, headers=fan.auth)
    assert (res.json["article"]["favorited"], res.json["article"]["favoritesCount"]) == (False, 1)
    assert (
        api.client.post("/api/articles/nothing-here/favorite", headers=fan.auth).status_code == 404
    )


def test_comments_are_added_listed_and_deleted_by_their_author(api: Api) -> None:
    writer, fan, other = api.sign_up("w"), api.sign_up("f"), api.sign_up("o")
    slug = publish(api, writer, "Discussed")
    comments = f"/api/articles/{slug}/comments"
    res = api.client.post(comments, json={"comment": {"body": " Great "}}, headers=fan.auth)
    assert res.status_code == 200
    comment = res.json["comment"]
    assert isinstance(comment["id"], int)
    assert comment["body"] == "Great"
    assert comment["author"]["username"] == fan.username
    second = api.client.post(comments, json={"comment": {"body": "2"}}, headers=other.auth).json
    listed = api.client.get(comments).json["comments"]
    assert [c["id"] for c in listed] == [comment["id"], second["comment"]["id"]]

    blank = api.client.post(comments, json={"comment": {"body": " "}}, headers=fan.auth)
    assert blank.status_code == 422
    assert list(blank.json["errors"]) == ["body"]
    assert api.client.post(comments, json={"comment": {"body": "x"}}).status_code == 401

    one = f"{comments}/{comment['id']}"
    assert api.client.delete(one, headers=other.auth).status_code == 403
    for missing in [f"{comments}/999999", f"{comments}/abc", f"{comments}/-1"]:
        assert api.client.delete(missing, headers=fan.auth).status_code == 404
    # A comment is deleted through its own article only.
    elsewhere = publish(api, fan, "Elsewhere")
    res = api.client.delete(f"/api/articles/{elsewhere}/comments/{comment['id']}", headers=fan.auth)
    assert res.status_code == 404
    assert api.client.delete(one, headers=fan.auth).status_code == 204
    assert [c["id"] for c in api.client.get(comments).json["comments"]] == [second["comment"]["id"]]


def test_tags_in_use_in_alphabetical_order(api: Api) -> None:
    ann = api.sign_up("ann")
    publish(api, ann, "One", ["python", "flask"])
    publish(api, ann, "Two", ["python"])
    assert api.client.get("/api/tags").json == {"tags": ["flask", "python"]}
