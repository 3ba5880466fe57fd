from conftest import Api
from ecommerce_api.hardening import UNSAFE_TEXT, unsafe_path


def test_unsafe_path_names_the_string_that_holds_a_nul_byte() -> None:
    assert unsafe_path({"name": "Lamp"}) is None
    assert unsafe_path({"name": "La\x00mp"}) == "name"
    assert unsafe_path({"items": [{"sku": "a"}, {"sku": "\x00"}]}) == "items[1].sku"
    assert unsafe_path("\x00") == "body"
    assert unsafe_path({"a\x00": 1}) == "body"
    assert unsafe_path({"x": {"y\x00": 1}}) == "x"
    assert unsafe_path({"n": 1, "ok": True, "none": None, "f": 1.5}) is None
    assert unsafe_path({"lone": "\ud800"}) == "lone"


# The guard runs before every route, so it holds in the starter too.
def test_a_nul_byte_in_the_path_is_400(api: Api) -> None:
    for path in ["/healthz%00", "/api/products/%00", "/api/orders/1%00"]:
        res = api.client.get(path)
        assert res.status_code == 400, path
        assert isinstance(res.json["error"], str)


def test_a_nul_byte_in_a_query_parameter_or_its_name_is_422_naming_it(api: Api) -> None:
    res = api.client.get("/healthz?q=%00")
    assert res.status_code == 422
    assert res.json["fields"] == {"q": UNSAFE_TEXT}
    res = api.client.get("/healthz?a%00b=1")
    assert res.status_code == 422
    assert isinstance(res.json["fields"]["query"], str)
    assert api.client.get("/healthz?tags=a&tags=b%00").status_code == 422


def test_a_nul_byte_in_a_json_body_is_422_naming_the_field(api: Api) -> None:
    res = api.client.post(
        "/api/auth/login",
        data='{"email": "a@example.com", "password": "x\\u0000"}',
        content_type="application/json",
    )
    assert res.status_code == 422
    assert res.json["fields"] == {"password": UNSAFE_TEXT}
    res = api.client.post("/api/orders", json={"items": [{"product_id": 1, "note": "\x00"}]})
    assert res.status_code == 422
    assert res.json["fields"] == {"items[0].note": UNSAFE_TEXT}


def test_an_escaped_backslash_is_no_nul_byte(api: Api) -> None:
    # The text \u0000 (a backslash, then u0000) is allowed: only the character is not.
    res = api.client.post(
        "/api/auth/login",
        data='{"email": "a@example.com", "password": "x\\\\u0000"}',
        content_type="application/json",
    )
    assert res.status_code in (401, 501), res.text  # a wrong password, or not built yet
