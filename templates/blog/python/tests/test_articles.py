import re

import pytest

from blog_api.routes.articles import slugify
from conftest import Api, SignedUp, fields

ISO_MILLIS = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")


def post(api: Api, who: SignedUp, **article: object):
    return api.client.post("/api/articles", json={"article": article}, headers=who.auth)


def test_slugify_joins_the_lower_case_words_of_the_title() -> None:
    assert slugify("How to Train Your Dragon!") == "how-to-train-your-dragon"
    assert slugify("<script>alert(1)</script> x") == "script-alert-1-script-x"
    assert slugify("Ça va, Ωmega_2") == "ça-va-ωmega-2"
    assert slugify("???") == "article"
    assert len(slugify("word " * 100)) <= 80


def test_create_an_article_with_a_slug_tags_and_times(api: Api) -> None:
    ann = api.sign_up("ann")
    res = post(api, ann, title=" Hello World ", description="d", body="b", tagList=["y", " x", "y"])
    assert res.status_code == 201
    a = res.json["article"]
    assert (a["slug"], a["title"], a["description"], a["body"]) == (
        "hello-world",
        "Hello World",
        "d",
        "b",
    )
    assert a["tagList"] == ["x", "y"]
    assert ISO_MILLIS.fullmatch(a["createdAt"]) and ISO_MILLIS.fullmatch(a["updatedAt"])
    assert (a["favorited"], a["favoritesCount"]) == (False, 0)
    assert a["author"] == {
        "username": ann.username,
        "bio": "",
        "image": "",
        "following": False,
    }
    again = post(api, ann, title="Hello, world", description="d", body="b")
    assert re.fullmatch(r"hello-world-[0-9a-f]{6}", again.json["article"]["slug"])


def test_an_article_needs_a_token_and_valid_fields(api: Api) -> None:
    ann = api.sign_up("ann")
    anonymous = api.client.post("/api/articles", json={"article": {"title": "t"}})
    assert anonymous.status_code == 401
    res = post(api, ann, description=" ", body="b", tagList="x")
    assert res.status_code == 422
    assert sorted(fields(res.json)) == ["description", "tagList", "title"]
    assert "title can't be blank" in res.json["errors"]["body"]
    res = post(api, ann, title="x" * 501, description="d", body="b", tagList=["a"] * 21)
    assert sorted(fields(res.json)) == ["tagList", "title"]
    res = post(api, ann, title="t", description="d", body="b", tagList=["ok", " "])
    assert fields(res.json) == ["tagList"]


def test_anyone_reads_an_article_and_an_unknown_one_is_404(api: Api) -> None:
    ann = api.sign_up("ann")
    slug = post(api, ann, title="Read me", description="d", body="the body").json["article"]["slug"]
    res = api.client.get(f"/api/articles/{slug}")
    assert res.status_code == 200
    assert res.json["article"]["body"] == "the body"
    res = api.client.get("/api/articles/no-such-article")
    assert res.status_code == 404
    assert res.json == {"errors": {"body": ["article not found"]}}


def test_lists_are_newest_first_with_a_count_filters_and_pages(api: Api) -> None:
    ann, bob = api.sign_up("ann"), api.sign_up("bob")
    first = post(api, ann, title="First", description="d", body="b", tagList=["go"]).json
    api.clock.advance(1)
    second = post(api, ann, title="Second", description="d", body="b").json
    post(api, bob, title="Bob's", description="d", body="b", tagList=["go"])
    res = api.client.get(f"/api/articles?author={ann.username}")
    assert res.json["articlesCount"] == 2
    assert [a["slug"] for a in res.json["articles"]] == [
        second["article"]["slug"],
        first["article"]["slug"],
    ]
    assert "body" not in res.json["articles"][0]
    page = api.client.get(f"/api/articles?author={ann.username}&limit=1&offset=1").json
    assert page["articlesCount"] == 2
    assert [a["slug"] for a in page["articles"]] == [first["article"]["slug"]]
    assert api.client.get("/api/articles?tag=go").json["articlesCount"] == 2
    both = api.client.get(f"/api/articles?tag=go&author={bob.username}").json
    assert both["articlesCount"] == 1
    assert api.client.get("/api/articles?limit=&offset=").json["articlesCount"] == 3


@pytest.mark.parametrize(
    "query",
    [
        "limit=0",
        "limit=101",
        "limit=-1",
        "limit=abc",
        "limit=1e3",
        "limit=1&limit=2",
        "limit=%D9%A3",
        "offset=-1",
        "offset=1000001",
        "offset=9223372036854775807",
    ],
)
def test_paging_out_of_range_is_422(api: Api, query: str) -> None:
    res = api.client.get(f"/api/articles?{query}")
    assert res.status_code == 422
    assert fields(res.json) == [query.split("=")[0]]


def test_only_the_author_changes_an_article(api: Api) -> None:
    ann, bob = api.sign_up("ann"), api.sign_up("bob")
    slug = post(api, ann, title="Mine", description="d", body="b").json["article"]["slug"]
    res = api.client.put(f"/api/articles/{slug}", json={"article": {"body": "x"}}, headers=bob.auth)
    assert res.status_code == 403
    assert "errors" in res.json
    assert api.client.delete(f"/api/articles/{slug}", headers=bob.auth).status_code == 403
    assert api.client.get(f"/api/articles/{slug}").json["article"]["body"] == "b"


def test_update_changes_the_fields_given_and_a_new_title_makes_a_new_slug(api: Api) -> None:
    ann = api.sign_up("ann")
    slug = post(api, ann, title="Old", description="d", body="b", tagList=["a"]).json["article"][
        "slug"
    ]
    res = api.client.put(
        f"/api/articles/{slug}",
        json={"article": {"body": "new", "tagList": ["b", "c"]}},
        headers=ann.auth,
    )
    assert res.status_code == 200
    assert (res.json["article"]["slug"], res.json["article"]["tagList"]) == ("old", ["b", "c"])
    res = api.client.put(
        f"/api/articles/{slug}", json={"article": {"title": "OLD!"}}, headers=ann.auth
    )
    assert res.json["article"]["slug"] == "old"  # its own slug is not taken
    res = api.client.put(
        f"/api/articles/{slug}", json={"article": {"title": "Renamed"}}, headers=ann.auth
    )
    assert res.status_code == 200
    a = res.json["article"]
    assert (a["slug"], a["title"], a["description"], a["body"]) == (
        "renamed",
        "Renamed",
        "d",
        "new",
    )
    assert api.client.get(f"/api/articles/{slug}").status_code == 404
    res = api.client.put(
        "/api/articles/renamed", json={"article": {"title": " "}}, headers=ann.auth
    )
    assert res.status_code == 422


def test_the_author_deletes_an_article(api: Api) -> None:
    ann = api.sign_up("ann")
    slug = post(api, ann, title="Gone", description="d", body="b").json["article"]["slug"]
    res = api.client.delete(f"/api/articles/{slug}", headers=ann.auth)
    assert res.status_code == 204
    assert res.data == b""
    assert api.client.get(f"/api/articles/{slug}").status_code == 404
    assert api.client.delete(f"/api/articles/{slug}", headers=ann.auth).status_code == 404


def test_tag_lists_are_sorted_and_an_update_replaces_them(api: Api) -> None:
    ann = api.sign_up("ann")
    slug = post(api, ann, title="T", description="d", body="b", tagList=["web", "go", "api"])
    slug = slug.json["article"]["slug"]
    read = api.client.get(f"/api/articles/{slug}").json["article"]
    assert read["tagList"] == ["api", "go", "web"]
    listed = api.client.get("/api/articles").json["articles"][0]
    assert listed["tagList"] == ["api", "go", "web"]
    res = api.client.put(
        f"/api/articles/{slug}", json={"article": {"tagList": ["zig", "c"]}}, headers=ann.auth
    )
    assert res.json["article"]["tagList"] == ["c", "zig"]
    res = api.client.put(
        f"/api/articles/{slug}", json={"article": {"description": "new"}}, headers=ann.auth
    )
    assert res.json["article"]["tagList"] == ["c", "zig"]
