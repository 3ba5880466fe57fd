"""Odd input aimed at every endpoint: NUL bytes and lone surrogates
(PostgreSQL refuses NUL in text with SQLSTATE 22021), broken
percent-encoding, and a bounded, seeded fuzz loop. Whatever comes in, the
answer is the client's problem (4xx), never a 500, on SQLite and PostgreSQL
alike."""

import random
from collections.abc import Callable
from urllib.parse import quote

import pytest

from conftest import Api, SignedUp

NUL = "\x00"


@pytest.fixture
def hostile(make_api: Callable[..., Api]) -> Api:
    return make_api(trust_proxy=True)  # each request may come from an address of its own


@pytest.fixture
def target(hostile: Api) -> tuple[SignedUp, SignedUp, str, int]:
    """An admin, an author, the author's article and a comment on it."""
    hostile.add_user("admin", "admin@blog.test", "admin-password-1", role="admin")
    admin = hostile.log_in("admin@blog.test", "admin-password-1")
    ann = hostile.sign_up("ann")
    article = {"article": {"title": "Target", "description": "d", "body": "b", "tagList": ["go"]}}
    res = hostile.client.post("/api/articles", json=article, headers=ann.auth)
    slug = res.json["article"]["slug"]
    res = hostile.client.post(
        f"/api/articles/{slug}/comments", json={"comment": {"body": "hi"}}, headers=ann.auth
    )
    return admin, ann, slug, res.json["comment"]["id"]


def test_text_the_database_cannot_store_is_422_everywhere(
    hostile: Api, target: tuple[SignedUp, SignedUp, str, int]
) -> None:
    admin, ann, slug, comment = target
    article = f"/api/articles/{slug}"
    cases = [
        ("POST", "/api/users", {"user": {"username": "nul", "email": f"n{NUL}@example.com"}}, None),
        ("POST", "/api/users/login", {"user": {"email": "x@example.com", "password": NUL}}, None),
        ("PUT", "/api/user", {"user": {"email": f"ann{NUL}@example.com"}}, ann),
        ("PUT", "/api/user", {"user": {"image": f"https://example.com/{NUL}"}}, ann),
        ("PUT", "/api/user", {"user": {"bio": "\ud800"}}, ann),
        ("POST", "/api/articles", {"article": {"title": f"t{NUL}"}}, ann),
        ("POST", "/api/articles", {"article": {"title": "t", "tagList": [f"a{NUL}"]}}, ann),
        ("PUT", article, {"article": {"body": NUL}}, ann),
        ("POST", f"{article}/comments", {"comment": {"body": NUL}}, ann),
        ("PUT", "/api/admin/users/ann/role", {"role": f"admin{NUL}"}, admin),
        ("GET", "/api/articles?tag=go%00", None, None),
        ("GET", "/api/articles?author=ann%00", None, None),
        ("GET", "/api/articles?favorited=%00", None, None),
        ("GET", "/api/articles?limit=1%00", None, None),
        ("GET", "/api/articles/a%00b", None, None),
        ("PUT", "/api/articles/a%00b", {"article": {"body": "b"}}, ann),
        ("POST", "/api/articles/a%00b/favorite", None, ann),
        ("GET", "/api/articles/a%00b/comments", None, None),
        ("DELETE", f"{article}/comments/{comment}%00", None, ann),
        ("GET", f"/api/profiles/{ann.username}%00", None, None),
        ("PUT", "/api/admin/users/ann%00/role", {"role": "editor"}, admin),
    ]
    for method, path, body, who in cases:
        res = hostile.client.open(path, method=method, json=body, headers=who.auth if who else {})
        assert res.status_code == 422, (method, path, body, res.text)
        assert "errors" in res.json, (method, path)
    for path, form in [
        ("/admin/login", {"email": f"admin{NUL}@blog.test", "password": "x", "csrf_token": "x"}),
        ("/admin/users/ann%00/role", {"role": "admin"}),
    ]:
        res = hostile.client.post(path, data=form)
        assert res.status_code == 422, path
        assert "errors" in res.json
    me = hostile.client.get("/api/user", headers=ann.auth).json["user"]
    assert (me["bio"], me["email"]) == ("", ann.email)


def test_broken_percent_encoding_in_the_path_is_4xx(hostile: Api) -> None:
    for path in [
        "/api/articles/%ff%fe",
        "/api/profiles/%c3%28",
        "/api/articles/%",
        "/api/articles/%zz/comments",
    ]:
        res = hostile.client.get(path)
        assert 400 <= res.status_code < 500, (path, res.status_code)


def test_no_text_makes_a_500_seeded_fuzz(
    hostile: Api, target: tuple[SignedUp, SignedUp, str, int]
) -> None:
    admin, ann, slug, _ = target
    rng = random.Random(20261201)  # noqa: S311 (a replayable fuzz, not a secret)
    alphabet = [
        "a",
        "Z",
        "0",
        " ",
        "-",
        "%",
        "/",
        "?",
        "&",
        "=",
        '"',
        "'",
        "\\",
        NUL,
        "\x01",
        "\x7f",
        "é",
        "😀",
        "\ud800",
        "\uffff",
        "<",
        ">",
    ]
    seeds = [
        "",
        NUL,
        f"a{NUL}b",
        "%00",
        "%ff",
        "\\u0000",
        "' OR 1=1 --",
        "../../etc/passwd",
        "javascript:alert(1)",
        "x" * 600,
        "9223372036854775807",
    ]
    seeds += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(12))) for _ in range(40)]
    for n, s in enumerate(seeds):
        via = {"X-Forwarded-For": f"10.0.{n >> 8}.{n & 255}"}  # no limit turns an answer into 429
        q = quote(s, safe="", errors="surrogatepass")
        calls = [
            (
                "POST",
                "/api/users",
                {"user": {"username": s, "email": f"{s}@example.com", "password": s}},
                None,
            ),
            ("POST", "/api/users/login", {"user": {"email": s, "password": s}}, None),
            ("PUT", "/api/user", {"user": {"bio": s}}, ann),
            ("PUT", "/api/user", {"user": {"image": s}}, ann),
            (
                "POST",
                "/api/articles",
                {"article": {"title": s, "description": s, "body": s, "tagList": [s]}},
                ann,
            ),
            ("POST", f"/api/articles/{slug}/comments", {"comment": {"body": s}}, ann),
            ("PUT", "/api/admin/users/ann/role", {"role": s}, admin),
            ("GET", f"/api/articles?tag={q}&author={q}&favorited={q}", None, None),
            ("GET", f"/api/articles?limit={q}&offset={q}", None, None),
            ("GET", f"/api/articles/{q}", None, None),
            ("GET", f"/api/articles/{q}/comments", None, None),
            ("GET", f"/api/profiles/{q}", None, None),
            ("DELETE", f"/api/articles/{slug}/comments/{q}", None, ann),
        ]
        for method, path, body, who in calls:
            headers = via | (who.auth if who else {})
            res = hostile.client.open(path, method=method, json=body, headers=headers)
            assert res.status_code < 500, (s, method, path, res.status_code, res.text)
