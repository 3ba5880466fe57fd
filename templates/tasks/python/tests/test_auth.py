import time

import bcrypt
import jwt

from conftest import PASSWORD, TEST_SECRET, Api, unique_email
from tasks_api.auth.passwords import Passwords


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_passwords_are_hashed_with_bcrypt_and_verified() -> None:
    p = Passwords(4)
    hashed = p.hash(PASSWORD)
    assert hashed.startswith("$2b$04$")
    assert p.verify(hashed, PASSWORD)
    assert not p.verify(hashed, "wrong")
    assert not p.verify(None, "anything")
    # bcrypt refuses more than 72 bytes: that is a wrong password, not a crash.
    assert not p.verify(hashed, "x" * 100)
    assert bcrypt.checkpw(PASSWORD.encode(), hashed.encode())


def test_register_answers_the_user_and_a_token_pair(api: Api) -> None:
    email = unique_email("Reg").upper()
    res = api.client.post("/api/auth/register", json={"email": email, "password": PASSWORD})
    assert res.status_code == 201
    body = res.json
    assert body["user"]["email"] == email.lower()
    assert isinstance(body["user"]["id"], int)
    assert isinstance(body["refresh_token"], str)
    claims = jwt.decode(body["access_token"], TEST_SECRET, algorithms=["HS256"])
    assert claims["sub"] == str(body["user"]["id"])
    assert claims["exp"] - claims["iat"] == 900


def test_an_email_is_registered_once_case_insensitively(api: Api) -> None:
    email = unique_email("dup")
    api.sign_up(email)
    res = api.client.post("/api/auth/register", json={"email": email.upper(), "password": PASSWORD})
    assert res.status_code == 409
    assert isinstance(res.json["error"], str)


def test_register_validates_every_field_at_once(api: Api) -> None:
    res = api.client.post("/api/auth/register", json={"email": "nope"})
    assert res.status_code == 422
    assert res.json["error"] == "validation failed"
    assert sorted(res.json["fields"]) == ["email", "password"]


def test_login_and_me_with_the_access_token(api: Api) -> None:
    email = unique_email("login")
    api.sign_up(email)
    res = api.client.post("/api/auth/login", json={"email": email, "password": PASSWORD})
    assert res.status_code == 200
    me = api.client.get("/api/auth/me", headers=bearer(res.json["access_token"]))
    assert me.status_code == 200
    assert me.json == {"user": res.json["user"]}


def test_a_wrong_password_or_unknown_email_is_401(api: Api) -> None:
    email = unique_email("wrong")
    api.sign_up(email)
    for body in [
        {"email": email, "password": "not-the-password"},
        {"email": unique_email("nobody"), "password": PASSWORD},
    ]:
        res = api.client.post("/api/auth/login", json=body)
        assert res.status_code == 401
        assert res.json["error"] == "invalid email or password"


def test_me_refuses_missing_forged_and_alg_none_tokens(api: Api) -> None:
    user = api.sign_up().user
    now = int(time.time())
    claims = {"sub": str(user["id"]), "iat": now, "exp": now + 600}
    for headers in [
        {},
        bearer("not-a-jwt"),
        bearer(jwt.encode(claims, "another-secret-that-is-long-enough", algorithm="HS256")),
        bearer(jwt.encode(claims, None, algorithm="none")),
        {"Authorization": "Basic " + "x" * 20},
    ]:
        res = api.client.get("/api/auth/me", headers=headers)
        assert res.status_code == 401, headers
        assert "WWW-Authenticate" in res.headers


def test_a_correctly_signed_token_without_exp_is_401(api: Api) -> None:
    # Valid forever if accepted: a stolen token must stop working by itself.
    user = api.sign_up().user
    forever = jwt.encode(
        {"sub": str(user["id"]), "iat": int(time.time())}, TEST_SECRET, algorithm="HS256"
    )
    assert api.client.get("/api/auth/me", headers=bearer(forever)).status_code == 401


def test_refresh_rotates_and_reusing_a_rotated_token_revokes_the_family(api: Api) -> None:
    first = api.sign_up().refresh
    r1 = api.client.post("/api/auth/refresh", json={"refresh_token": first})
    assert r1.status_code == 200
    assert r1.json["refresh_token"] != first
    assert isinstance(r1.json["access_token"], str)
    r2 = api.client.post("/api/auth/refresh", json={"refresh_token": r1.json["refresh_token"]})
    assert r2.status_code == 200
    # The first token was rotated: presenting it again is theft ...
    assert api.client.post("/api/auth/refresh", json={"refresh_token": first}).status_code == 401
    # ... so the newest token of the family is revoked too.
    newest = r2.json["refresh_token"]
    assert api.client.post("/api/auth/refresh", json={"refresh_token": newest}).status_code == 401


def test_an_unknown_or_expired_refresh_token_is_401(api: Api) -> None:
    assert api.client.post("/api/auth/refresh", json={"refresh_token": "nope"}).status_code == 401
    refresh = api.sign_up().refresh
    api.clock.advance(8 * 24 * 3600)
    assert api.client.post("/api/auth/refresh", json={"refresh_token": refresh}).status_code == 401


def test_logout_revokes_the_refresh_token_and_twice_is_fine(api: Api) -> None:
    refresh = api.sign_up().refresh
    assert api.client.post("/api/auth/logout", json={"refresh_token": refresh}).status_code == 204
    assert api.client.post("/api/auth/logout", json={"refresh_token": refresh}).status_code == 204
    assert api.client.post("/api/auth/refresh", json={"refresh_token": refresh}).status_code == 401
    res = api.client.post("/api/auth/logout", json={})
    assert res.status_code == 422
    assert isinstance(res.json["fields"]["refresh_token"], str)


def test_a_password_change_needs_the_current_password_and_ends_every_other_session(
    api: Api,
) -> None:
    email = unique_email("changer")
    first = api.sign_up(email)
    other = api.client.post("/api/auth/login", json={"email": email, "password": PASSWORD}).json
    new = "a brand new passphrase"

    def change(body: dict[str, str], status: int, headers: dict[str, str] = first.auth):
        res = api.client.post("/api/auth/password", json=body, headers=headers)
        assert res.status_code == status, res.text
        return res.json

    change({"current_password": PASSWORD, "new_password": new}, 401, headers={})
    for body, field in [
        ({"new_password": new}, "current_password"),
        ({"current_password": "not-the-password", "new_password": new}, "current_password"),
        ({"current_password": PASSWORD}, "new_password"),
    ]:
        assert isinstance(change(body, 422)["fields"][field], str)

    session = change({"current_password": PASSWORD, "new_password": new}, 200)
    assert session["user"]["email"] == email
    assert isinstance(session["access_token"], str)

    def refresh(token: str) -> int:
        return api.client.post("/api/auth/refresh", json={"refresh_token": token}).status_code

    assert refresh(first.refresh) == 401  # this device's old session
    assert refresh(other["refresh_token"]) == 401  # and the other device's
    assert refresh(session["refresh_token"]) == 200  # the session the change started

    def login(password: str) -> int:
        return api.client.post(
            "/api/auth/login", json={"email": email, "password": password}
        ).status_code

    assert login(PASSWORD) == 401
    assert login(new) == 200


def test_deleting_the_account_needs_the_password_and_ends_everything(api: Api) -> None:
    email = unique_email("leaver")
    s = api.sign_up(email)

    def delete(body: dict[str, str], headers: dict[str, str] = s.auth) -> int:
        return api.client.delete("/api/auth/me", json=body, headers=headers).status_code

    assert delete({"current_password": PASSWORD}, headers={}) == 401
    for body in [{}, {"current_password": "not-the-password"}]:
        res = api.client.delete("/api/auth/me", json=body, headers=s.auth)
        assert res.status_code == 422
        assert isinstance(res.json["fields"]["current_password"], str)
    assert api.client.get("/api/auth/me", headers=s.auth).status_code == 200

    res = api.client.delete("/api/auth/me", json={"current_password": PASSWORD}, headers=s.auth)
    assert res.status_code == 204
    assert res.data == b""

    # The token is still correctly signed and unexpired; its user is gone.
    assert api.client.get("/api/auth/me", headers=s.auth).status_code == 401
    assert delete({"current_password": PASSWORD}) == 401
    assert (
        api.client.post("/api/auth/refresh", json={"refresh_token": s.refresh}).status_code == 401
    )
    res = api.client.post("/api/auth/login", json={"email": email, "password": PASSWORD})
    assert res.status_code == 401
    api.sign_up(email)  # the email is free again


def test_malformed_json_is_a_400(api: Api) -> None:
    for body in ['{"email": ', "[1, 2]", "", '{"a": NaN}']:
        res = api.client.post("/api/auth/login", data=body, content_type="application/json")
        assert res.status_code == 400, body
        assert isinstance(res.json["error"], str)
