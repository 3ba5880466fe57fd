import logging
from collections.abc import Callable

import jwt
import pytest

from blog_api.first_admin import ensure_first_admin
from blog_api.store.roles import ensure_admin
from conftest import ADMIN_EMAIL, ADMIN_PASSWORD, PASSWORD, TEST_SECRET, Api, SignedUp, fields


def set_role(api: Api, who: SignedUp, username: str, role: object):
    return api.client.put(
        f"/api/admin/users/{username}/role", json={"role": role}, headers=who.auth
    )


def me(api: Api, who: SignedUp) -> dict:
    res = api.client.get("/api/user", headers=who.auth)
    assert res.status_code == 200, res.text
    return res.json["user"]


def test_only_admins_change_roles_to_a_known_role(api: Api, admin: SignedUp) -> None:
    ann, ed = api.sign_up("ann"), api.sign_up("ed")
    refused = set_role(api, ann, ed.username, "editor")
    assert refused.status_code == 403
    assert "errors" in refused.json
    for bad in ["overlord", None, ["admin"], 1]:
        res = set_role(api, admin, ed.username, bad)
        assert res.status_code == 422, bad
        assert fields(res.json) == ["role"]
    assert set_role(api, admin, "nobody-at-all", "editor").status_code == 404
    res = set_role(api, admin, ed.username, "editor")
    assert res.status_code == 200
    assert res.json == {
        "profile": {"username": ed.username, "bio": "", "image": "", "role": "editor"}
    }
    assert me(api, ed)["role"] == "editor"  # a token issued before carries the role at once


def test_nobody_demotes_themselves(api: Api, admin: SignedUp) -> None:
    res = set_role(api, admin, "admin", "reader")
    assert res.status_code == 422
    assert fields(res.json) == ["role"]
    assert me(api, admin)["role"] == "admin"
    assert set_role(api, admin, "admin", "admin").status_code == 200


def test_the_role_comes_from_the_database_never_from_the_token(api: Api, admin: SignedUp) -> None:
    eve, bob = api.sign_up("eve"), api.sign_up("bob")  # eve's token is an author's
    assert set_role(api, admin, eve.username, "admin").status_code == 200
    assert set_role(api, eve, bob.username, "editor").status_code == 200
    assert set_role(api, admin, eve.username, "author").status_code == 200
    assert set_role(api, eve, bob.username, "reader").status_code == 403
    claims = jwt.decode(eve.token, TEST_SECRET, algorithms=["HS256"]) | {"role": "admin"}
    claimed = SignedUp(user=eve.user, token=jwt.encode(claims, TEST_SECRET, algorithm="HS256"))
    assert set_role(api, claimed, bob.username, "reader").status_code == 403


def test_readers_comment_but_never_publish_and_editors_change_anything(
    api: Api, admin: SignedUp
) -> None:
    ann, ed, rea = api.sign_up("ann"), api.sign_up("ed"), api.sign_up("rea")
    set_role(api, admin, ed.username, "editor")
    set_role(api, admin, rea.username, "reader")
    article = {"article": {"title": "Roles", "description": "d", "body": "original"}}
    slug = api.client.post("/api/articles", json=article, headers=ann.auth).json["article"]["slug"]
    res = api.client.post("/api/articles", json=article, headers=rea.auth)
    assert res.status_code == 403
    assert "errors" in res.json

    res = api.client.put(
        f"/api/articles/{slug}", json={"article": {"body": "edited"}}, headers=ed.auth
    )
    assert res.status_code == 200
    assert res.json["article"]["author"]["username"] == ann.username
    comment = api.client.post(
        f"/api/articles/{slug}/comments", json={"comment": {"body": "hm"}}, headers=rea.auth
    )
    assert comment.status_code == 200
    one = f"/api/articles/{slug}/comments/{comment.json['comment']['id']}"
    assert api.client.delete(one, headers=ann.auth).status_code == 403  # authors: their own only
    assert api.client.delete(one, headers=ed.auth).status_code == 204
    assert api.client.delete(f"/api/articles/{slug}", headers=admin.auth).status_code == 204


ADMIN_SETTINGS = {"admin_email": ADMIN_EMAIL, "admin_password": ADMIN_PASSWORD}


def test_the_first_admin_is_created_once(make_api: Callable[..., Api]) -> None:
    api = make_api(**ADMIN_SETTINGS)
    with api.app.app_context():
        assert ensure_first_admin() == "created"
        assert ensure_first_admin() == "exists"
    user = api.log_in(ADMIN_EMAIL, ADMIN_PASSWORD).user
    assert (user["username"], user["role"]) == ("admin", "admin")


def test_no_admin_is_made_without_the_settings(api: Api) -> None:
    with api.app.app_context():
        assert ensure_first_admin() is None
    assert api.sql("SELECT COUNT(*) AS n FROM users")[0]["n"] == 0


def test_an_account_someone_registered_with_admin_email_is_never_promoted(
    make_api: Callable[..., Api], caplog: pytest.LogCaptureFixture
) -> None:
    # Someone registers the operator's address before the operator sets
    # ADMIN_EMAIL: the next start must not hand them the admin role.
    api = make_api(**ADMIN_SETTINGS)
    res = api.client.post(
        "/api/users",
        json={"user": {"username": "squatter", "email": ADMIN_EMAIL, "password": PASSWORD}},
    )
    assert res.status_code == 201
    with api.app.app_context(), caplog.at_level(logging.INFO, logger="blog_api"):
        assert ensure_first_admin() == "refused"
        assert ensure_first_admin() == "refused"
    assert api.log_in(ADMIN_EMAIL, PASSWORD).user["role"] == "author"
    res = api.client.post(
        "/api/users/login", json={"user": {"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}}
    )
    assert res.status_code == 401
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert errors, caplog.text
    assert "ADMIN_EMAIL" in errors[0].getMessage()
    assert "not promoted" in errors[0].getMessage()


def test_the_first_admin_gets_a_suffix_when_someone_has_the_username(
    make_api: Callable[..., Api],
) -> None:
    api = make_api(**ADMIN_SETTINGS)
    res = api.client.post(
        "/api/users",
        json={"user": {"username": "admin", "email": "someone@example.com", "password": PASSWORD}},
    )
    assert res.status_code == 201
    with api.app.app_context():
        assert ensure_first_admin() == "created"
    user = api.log_in(ADMIN_EMAIL, ADMIN_PASSWORD).user
    assert user["role"] == "admin"
    assert user["username"].startswith("admin-")


def test_ensure_admin_never_hashes_for_an_existing_account(api: Api) -> None:
    ann = api.sign_up("ann")

    def must_not_hash() -> str:
        raise AssertionError("an existing account keeps its password")

    with api.db.connect() as conn:
        result, user = ensure_admin(
            conn, email=ann.email, username="x", password_hash=must_not_hash, now=api.clock()
        )
    assert (result, user.username, user.role) == ("refused", ann.username, "author")
