from pathlib import Path

from flask import request

from chat_api.routes.health import _ASSETS
from conftest import Api

WEB = Path(__file__).resolve().parents[1] / "src" / "chat_api" / "web"


def test_healthz_answers_ok_and_how_rooms_are_shared(api: Api) -> None:
    res = api.client.get("/healthz")
    assert res.status_code == 200
    assert res.mimetype == "application/json"
    assert res.json == {"status": "ok", "pubsub": "local"}


def test_the_web_client_is_served_with_a_strict_policy(api: Api) -> None:
    for path, want in {"/": "<script", "/app.js": "WebSocket"}.items():
        with api.client.get(path) as res:
            assert res.status_code == 200, path
            assert want in res.text, path
            assert "default-src 'self'" in res.headers["Content-Security-Policy"], path
    with api.client.get("/") as res:
        assert res.mimetype == "text/html"
        assert "<script" in res.text


def test_every_file_of_the_client_is_served() -> None:
    assert sorted(p.name for p in WEB.iterdir() if p.name != "index.html") == _ASSETS


def test_the_web_client_never_puts_text_into_the_page_as_html() -> None:
    script = (WEB / "app.js").read_text(encoding="utf-8")
    for bad in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"]:
        assert bad not in script


def test_responses_carry_the_security_headers(api: Api) -> None:
    res = api.client.get("/healthz")
    assert res.headers["X-Content-Type-Options"] == "nosniff"
    assert res.headers["X-Frame-Options"] == "DENY"
    assert res.headers["Referrer-Policy"] == "no-referrer"


def test_an_unknown_route_answers_a_json_404(api: Api) -> None:
    for method in ["GET", "POST"]:
        res = api.client.open("/no-such-route", method=method)
        assert res.status_code == 404, method
        assert res.json == {"error": "not found"}


def test_a_wrong_method_answers_a_json_405(api: Api) -> None:
    res = api.client.post("/healthz")
    assert res.status_code == 405
    assert res.json == {"error": "method not allowed"}
    assert "GET" in res.headers["Allow"]


def test_a_nul_byte_in_the_path_is_400(api: Api) -> None:
    res = api.client.get("/api/rooms/%00")
    assert res.status_code == 400
    assert "NUL" in res.json["error"]


def test_a_body_over_64_kib_is_413(api: Api) -> None:
    @api.app.post("/echo")
    def echo() -> bytes:
        return request.get_data()

    assert api.client.post("/echo", data=b"x" * 65_536).status_code == 200
    res = api.client.post("/echo", data=b"x" * 65_537)
    assert res.status_code == 413
    assert res.json == {"error": "request body is too large"}


def test_an_unexpected_error_is_a_500_without_internals(api: Api) -> None:
    @api.app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    res = api.client.get("/boom")
    assert res.status_code == 500
    assert res.json == {"error": "internal server error"}
    assert "secret" not in res.text
