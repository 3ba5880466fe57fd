import json
import re
from importlib import resources

from conftest import Api

METHODS = ("get", "post", "put", "patch", "delete")


def document() -> dict:
    return json.loads((resources.files("ecommerce_api") / "openapi.json").read_text("utf-8"))


def documented() -> list[tuple[str, str]]:
    """Every (METHOD, /path) of openapi.json's paths."""
    return [
        (method.upper(), path)
        for path, item in document()["paths"].items()
        for method in METHODS
        if method in item
    ]


def test_is_served_as_an_openapi_3_document(api: Api) -> None:
    res = api.client.get("/openapi.json")
    assert res.status_code == 200
    assert res.mimetype == "application/json"
    assert re.match(r"3\.", res.json["openapi"])
    assert res.json["paths"] == document()["paths"]


def test_documents_the_endpoints() -> None:
    assert len(documented()) >= 20, documented()


def test_every_documented_endpoint_is_routed(api: Api) -> None:
    # It may answer 401, 404 for a missing record, 422 or 501 (not built
    # yet), but never the router's own 404 or 405.
    for method, path in documented():
        res = api.client.open(re.sub(r"\{[a-z_]+\}", "1", path), method=method, json={})
        assert res.status_code != 405, f"{method} {path}"
        assert not (res.status_code == 404 and res.json == {"error": "not found"}), (
            f"{method} {path}: {res.status_code} {res.text}"
        )


def test_every_route_is_documented(api: Api) -> None:
    routed = {
        (method, re.sub(r"<([a-z_]+)>", "{\\1}", rule.rule))
        for rule in api.app.url_map.iter_rules()
        for method in rule.methods or ()
        if method.lower() in METHODS and rule.endpoint != "static"
    }
    shapes = {(m, re.sub(r"\{[a-z_]+\}", "{}", p)) for m, p in documented()}
    for method, path in sorted(routed):
        assert (method, re.sub(r"\{[a-z_]+\}", "{}", path)) in shapes, f"{method} {path}"
