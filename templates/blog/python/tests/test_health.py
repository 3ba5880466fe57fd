from conftest import Api


def test_healthz_answers_ok(api: Api) -> None:
    res = api.client.get("/healthz")
    assert res.status_code == 200
    assert res.mimetype == "application/json"
    assert res.json == {"status": "ok"}


def test_an_unknown_route_answers_a_json_404(api: Api) -> None:
    res = api.client.get("/no-such-page")
    assert res.status_code == 404
    assert res.mimetype == "application/json"
    assert res.json == {"errors": {"body": ["not found"]}}


def test_a_wrong_method_answers_a_json_405(api: Api) -> None:
    res = api.client.post("/healthz")
    assert res.status_code == 405
    assert res.json == {"errors": {"body": ["method not allowed"]}}
    assert "GET" in res.headers["Allow"]


def test_the_openapi_document_is_served(api: Api) -> None:
    res = api.client.get("/openapi.yaml")
    assert res.status_code == 200
    assert "openapi: 3" in res.text


def test_an_unexpected_error_is_a_500_without_internals(api: Api) -> None:
    @api.app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    res = api.client.get("/boom")
    assert res.status_code == 500
    assert res.json == {"errors": {"body": ["internal server error"]}}
    assert "secret" not in res.text


def test_every_answer_has_security_headers(api: Api) -> None:
    # The dashboard sets a policy of its own; any other /admin answer (a 404,
    # a route not built yet) still gets the API's.
    for path in ["/healthz", "/nope", "/admin/no-such-page"]:
        assert "default-src 'none'" in api.client.get(path).headers["Content-Security-Policy"], path
    for res in [api.client.get("/healthz"), api.client.get("/nope"), api.client.post("/healthz")]:
        assert res.headers["X-Content-Type-Options"] == "nosniff"
        assert res.headers["X-Frame-Options"] == "DENY"
        assert "default-src 'none'" in res.headers["Content-Security-Policy"]


def test_a_body_over_1_mib_is_413(api: Api) -> None:
    # The form is read before any route (for its NUL bytes), whichever the route.
    res = api.client.post("/api/users", data={"x": "y" * (1024 * 1024)})
    assert res.status_code == 413
    assert res.json == {"errors": {"body": ["request body is too large"]}}


def test_a_nul_byte_in_the_path_a_query_value_or_a_form_is_422(api: Api) -> None:
    # PostgreSQL refuses text holding NUL (SQLSTATE 22021): whatever route a
    # request is for, one never gets as far as a query.
    for res, field in [
        (api.client.get("/api/profiles/ann%00"), "path"),
        (api.client.get("/api/articles/%ff"), "path"),
        (api.client.get("/api/articles?tag=a%00b"), "tag"),
        (api.client.get("/api/articles?a%00=b"), "query"),
        (api.client.post("/admin/login", data={"email": "a\x00@example.com"}), "email"),
    ]:
        assert res.status_code == 422, res.request.path
        assert res.json == {"errors": {"body": [f"{field} must be UTF-8 text without NUL bytes"]}}
