from conftest import Api


def test_healthz_answers_ok(api: Api) -> None:
    res = api.client.get("/healthz")
    assert res.status_code == 200
    assert res.mimetype == "application/json"
    assert res.json == {"status": "ok"}


def test_an_unknown_route_answers_a_json_404(api: Api) -> None:
    res = api.client.get("/no-such-route")
    assert res.status_code == 404
    assert res.mimetype == "application/json"
    assert res.json == {"error": "not found"}


def test_a_wrong_method_answers_a_json_405(api: Api) -> None:
    res = api.client.post("/healthz")
    assert res.status_code == 405
    assert res.json == {"error": "method not allowed"}
    assert "GET" in res.headers["Allow"]


def test_malformed_json_is_a_400_without_internals(api: Api) -> None:
    for body in ['{"email":', "[" * 200_000, '{"price": NaN}']:
        res = api.client.post("/api/auth/login", data=body, content_type="application/json")
        assert res.status_code == 400, body[:20]
        assert list(res.json) == ["error"]
        assert "Traceback" not in res.text and ".py" not in res.text


def test_a_body_over_1_mib_is_413(api: Api) -> None:
    res = api.client.post("/api/auth/login", json={"email": "x" * 1_100_000, "password": "x"})
    assert res.status_code == 413
    assert isinstance(res.json["error"], str)


def test_security_headers_on_every_answer_errors_included(api: Api) -> None:
    for res in [
        api.client.get("/healthz"),
        api.client.get("/nope"),
        api.client.post("/healthz"),
        api.client.get("/healthz?q=%00"),
    ]:
        assert res.headers["X-Content-Type-Options"] == "nosniff"
        assert res.headers["X-Frame-Options"] == "DENY"
        assert res.headers["Cache-Control"] == "no-store"


def test_an_unexpected_error_is_a_500_without_internals(api: Api) -> None:
    @api.app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    res = api.client.get("/boom")
    assert res.status_code == 500
    assert res.json == {"error": "internal server error"}
    assert "secret" not in res.text
