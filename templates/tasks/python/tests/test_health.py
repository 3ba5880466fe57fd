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


def test_the_openapi_document_is_served(api: Api) -> None:
    res = api.client.get("/openapi.yaml")
    assert res.status_code == 200
    assert res.text.startswith("openapi: 3")


def test_an_unexpected_error_is_a_500_without_internals(api: Api) -> None:
    @api.app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    res = api.client.get("/boom")
    assert res.status_code == 500
    assert res.json == {"error": "internal server error"}
    assert "secret" not in res.text
