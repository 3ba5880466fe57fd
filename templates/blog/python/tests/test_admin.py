from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from blog_api.ratelimit import LOGIN_FAILURES_PER_ACCOUNT
from conftest import ADMIN_EMAIL, ADMIN_PASSWORD, PASSWORD, Api, SignedUp

# No scripts at all, styles only from the dashboard's stylesheet, forms only to itself.
DASHBOARD_CSP = (
    "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none';"
    " base-uri 'none'"
)


@dataclass
class Browser:
    """A browser on the dashboard, whose cookies each test sends back by hand,
    as the checks do, so that it says which."""

    api: Api
    via: str = "127.0.0.1"
    client: FlaskClient = field(init=False)

    def __post_init__(self) -> None:
        self.client = self.api.app.test_client(use_cookies=False)

    def get(self, path: str, cookie: str = "") -> TestResponse:
        return self.client.get(path, headers=self._headers(cookie))

    def post(self, path: str, form: dict[str, str], cookie: str = "") -> TestResponse:
        return self.client.post(path, data=form, headers=self._headers(cookie))

    def _headers(self, cookie: str) -> dict[str, str]:
        headers = {"X-Forwarded-For": self.via}
        if cookie:
            headers["Cookie"] = cookie
        return headers

    def login_form(self) -> tuple[str, str]:
        """The cookie and CSRF token of a fresh sign-in form."""
        res = self.get("/admin/login")
        assert res.status_code == 200
        assert res.mimetype == "text/html"
        assert 'name="csrf_token"' in res.text
        return cookie_of(res), res.headers["X-CSRF-Token"]

    def log_in(self, email: str, password: str) -> TestResponse:
        cookie, csrf = self.login_form()
        form = {"csrf_token": csrf, "email": email, "password": password}
        return self.post("/admin/login", form, cookie)

    def sign_in(self, email: str, password: str) -> tuple[str, str]:
        """The session cookie and its CSRF token."""
        res = self.log_in(email, password)
        assert res.status_code == 303, res.text
        [header] = res.headers.getlist("Set-Cookie")
        assert "HttpOnly" in header and "SameSite=Lax" in header and "Path=/admin" in header
        assert "Secure" not in header  # no TLS here
        page = self.get("/admin", cookie_of(res))
        assert page.status_code == 200
        return cookie_of(res), page.headers["X-CSRF-Token"]


def cookie_of(res: TestResponse) -> str:
    return res.headers["Set-Cookie"].split(";")[0]


@pytest.fixture
def browser(api: Api, admin: SignedUp) -> Browser:
    return Browser(api)


@pytest.fixture
def ann(api: Api) -> SignedUp:
    return api.sign_up("ann")


def test_strangers_are_sent_to_the_sign_in_page(browser: Browser) -> None:
    res = browser.get("/admin")
    assert res.status_code == 303
    assert res.headers["Location"] == "/admin/login"
    assert browser.get("/admin/users", "blog_admin=forged").status_code == 303


def test_the_sign_in_form_sets_its_csrf_cookie(browser: Browser) -> None:
    res = browser.get("/admin/login")
    header = res.headers["Set-Cookie"]
    assert header.startswith("blog_login=" + res.headers["X-CSRF-Token"])
    assert "HttpOnly" in header and "SameSite=Lax" in header
    assert "script-src" not in res.headers["Content-Security-Policy"]
    assert "default-src 'none'" in res.headers["Content-Security-Policy"]


def test_signing_in_needs_the_csrf_token_the_password_and_the_admin_role(
    browser: Browser, ann: SignedUp
) -> None:
    cookie, csrf = browser.login_form()
    creds = {"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}
    for form, sent in [
        (creds, cookie),
        ({**creds, "csrf_token": "wrong"}, cookie),
        ({**creds, "csrf_token": csrf}, ""),
        ({**creds, "csrf_token": ""}, "blog_login="),
    ]:
        res = browser.post("/admin/login", form, sent)
        assert res.status_code == 403, (form, sent)
        assert "Set-Cookie" not in res.headers
    wrong = browser.post("/admin/login", {**creds, "password": "wrong", "csrf_token": csrf}, cookie)
    assert wrong.status_code == 401
    assert "Set-Cookie" not in wrong.headers
    assert 'name="csrf_token"' in wrong.text  # the form again
    author = browser.post(
        "/admin/login", {"email": ann.email, "password": PASSWORD, "csrf_token": csrf}, cookie
    )
    assert author.status_code == 403
    assert "Set-Cookie" not in author.headers


def test_the_session_cookie_is_secure_over_tls(api: Api, admin: SignedUp) -> None:
    res = api.client.get("/admin/login", headers={"X-Forwarded-Proto": "https"})
    assert "Secure" in res.headers["Set-Cookie"]
    res = api.client.get("/admin/login", base_url="https://localhost")
    assert "Secure" in res.headers["Set-Cookie"]


def test_pages_escape_what_they_show(api: Api, browser: Browser, ann: SignedUp) -> None:
    api.client.post(
        "/api/articles",
        json={"article": {"title": "<script>alert(1)</script> x", "description": "d", "body": "b"}},
        headers=ann.auth,
    )
    cookie, csrf = browser.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)
    for path in ["/admin", "/admin/users", "/admin/articles", "/admin/comments"]:
        res = browser.get(path, cookie)
        assert res.status_code == 200, path
        assert res.mimetype == "text/html"
        assert res.headers["X-CSRF-Token"] == csrf
        assert f'name="csrf_token" value="{csrf}"' in res.text  # the sign-out form
        assert res.headers["Cache-Control"] == "no-store"
        assert res.headers["Content-Security-Policy"] == DASHBOARD_CSP
    page = browser.get("/admin/articles", cookie).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; x" in page
    assert "<script>alert" not in page
    assert "Overview" in browser.get("/admin", cookie).text
    css = browser.get("/admin/admin.css")
    assert css.status_code == 200 and css.mimetype == "text/css"


def test_the_overview_counts_users_by_role_and_unpublished_articles(
    api: Api, browser: Browser, ann: SignedUp
) -> None:
    for title in ["One", "Two"]:
        article = {"article": {"title": title, "description": "d", "body": "b"}}
        api.client.post("/api/articles", json=article, headers=ann.auth)
    cookie, csrf = browser.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)
    browser.post("/admin/articles/one/unpublish", {"csrf_token": csrf}, cookie)
    page = browser.get("/admin", cookie).text
    for count in ["<b>2</b> users", "<b>2</b> articles", "<b>1</b> unpublished"]:
        assert count in page, count
    for role, users in [("reader", 0), ("author", 1), ("editor", 0), ("admin", 1)]:
        row = f'<span class="role role-{role}">{role}</span></td><td class="num">{users}</td>'
        assert row in page, role


def test_moderation_needs_the_csrf_token(api: Api, browser: Browser, ann: SignedUp) -> None:
    article = {"article": {"title": "Moderated", "description": "d", "body": "b"}}
    slug = api.client.post("/api/articles", json=article, headers=ann.auth).json["article"]["slug"]
    comment = api.client.post(
        f"/api/articles/{slug}/comments", json={"comment": {"body": "first!"}}, headers=ann.auth
    ).json["comment"]["id"]
    cookie, csrf = browser.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)

    for form in [{}, {"csrf_token": "wrong"}]:
        res = browser.post(f"/admin/articles/{slug}/unpublish", form, cookie)
        assert res.status_code == 403
        assert res.headers["X-CSRF-Token"] == csrf
    assert api.client.get(f"/api/articles/{slug}").status_code == 200

    res = browser.post(f"/admin/articles/{slug}/unpublish", {"csrf_token": csrf}, cookie)
    assert (res.status_code, res.headers["Location"]) == (303, "/admin/articles")
    assert api.client.get(f"/api/articles/{slug}").status_code == 404
    assert api.client.get(f"/api/articles?author={ann.username}").json["articlesCount"] == 0
    assert "hidden" in browser.get("/admin/articles", cookie).text
    assert (
        browser.post(f"/admin/articles/{slug}/publish", {"csrf_token": csrf}, cookie).status_code
        == 303
    )
    assert api.client.get(f"/api/articles/{slug}").status_code == 200

    assert "first!" in browser.get("/admin/comments", cookie).text
    res = browser.post(f"/admin/comments/{comment}/delete", {"csrf_token": csrf}, cookie)
    assert res.status_code == 303
    assert api.client.get(f"/api/articles/{slug}/comments").json["comments"] == []
    for path in [f"/admin/comments/{comment}/delete", "/admin/comments/x/delete"]:
        assert browser.post(path, {"csrf_token": csrf}, cookie).status_code == 404

    res = browser.post(f"/admin/articles/{slug}/delete", {"csrf_token": csrf}, cookie)
    assert res.status_code == 303
    assert (
        browser.post(f"/admin/articles/{slug}/delete", {"csrf_token": csrf}, cookie).status_code
        == 404
    )


def test_roles_change_the_role_is_checked_on_every_request_and_signing_out_ends_it(
    api: Api, browser: Browser, ann: SignedUp
) -> None:
    cookie, csrf = browser.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)

    def role(username: str, value: str) -> TestResponse:
        return browser.post(
            f"/admin/users/{username}/role", {"csrf_token": csrf, "role": value}, cookie
        )

    assert role(ann.username, "overlord").status_code == 422
    assert role("nobody-here", "editor").status_code == 404
    assert role("admin", "reader").status_code == 422  # nobody demotes themselves
    assert role(ann.username, "admin").status_code == 303
    ann_cookie, _ = browser.sign_in(ann.email, PASSWORD)
    assert role(ann.username, "reader").status_code == 303
    res = browser.get("/admin", ann_cookie)
    assert res.status_code == 403
    assert "X-CSRF-Token" not in res.headers
    assert api.client.get("/api/user", headers=ann.auth).json["user"]["role"] == "reader"

    assert browser.post("/admin/logout", {"csrf_token": csrf}, cookie).status_code == 303
    assert (
        browser.get("/admin", cookie).status_code == 303
    )  # a copy of the old cookie opens nothing


def test_a_password_change_or_a_deletion_ends_dashboard_sessions(
    api: Api, browser: Browser, admin: SignedUp
) -> None:
    cookie, _ = browser.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)
    res = api.client.put(
        "/api/user",
        json={"user": {"password": "a-new-admin-password", "currentPassword": ADMIN_PASSWORD}},
        headers=admin.auth,
    )
    assert res.status_code == 200
    assert browser.get("/admin", cookie).status_code == 303

    api.add_user("second", "second@blog.test", PASSWORD, role="admin")
    cookie, _ = browser.sign_in("second@blog.test", PASSWORD)
    api.sql("DELETE FROM users WHERE username = 'second'")
    assert browser.get("/admin", cookie).status_code == 303


def test_sessions_expire(api: Api, browser: Browser) -> None:
    cookie, _ = browser.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)
    api.clock.advance(8 * 3600 + 1)  # SESSION_TTL
    assert browser.get("/admin", cookie).status_code == 303


def test_dashboard_sign_ins_share_the_apis_login_limit(
    make_api: Callable[..., Api],
) -> None:
    api = make_api(trust_proxy=True)
    api.add_user("admin", ADMIN_EMAIL, ADMIN_PASSWORD, role="admin")
    guesser = Browser(api, via="198.51.100.7")
    for _ in range(LOGIN_FAILURES_PER_ACCOUNT):
        assert guesser.log_in(ADMIN_EMAIL, "a-wrong-guess").status_code == 401
    limited = guesser.log_in(ADMIN_EMAIL, ADMIN_PASSWORD)
    assert limited.status_code == 429
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    assert "Set-Cookie" not in limited.headers
    res = api.client.post(
        "/api/users/login",
        json={"user": {"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}},
        headers={"X-Forwarded-For": "198.51.100.7"},
    )
    assert res.status_code == 429
    assert Browser(api, via="203.0.113.9").log_in(ADMIN_EMAIL, ADMIN_PASSWORD).status_code == 303
