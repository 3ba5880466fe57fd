import re
from importlib import resources

from conftest import Api

SAMPLE = {"{slug}": "a-slug", "{username}": "someone", "{id}": "1"}


def documented() -> list[tuple[str, str]]:
    """Every (METHOD, /path) of openapi.yaml's paths section."""
    text = (resources.files("blog_api") / "openapi.yaml").read_text(encoding="utf-8")
    paths = text[text.index("\npaths:\n") : text.index("\ncomponents:\n")]
    endpoints: list[tuple[str, str]] = []
    path = None
    for line in paths.splitlines():
        if m := re.fullmatch(r"  (/\S*):\s*", line):
            path = m.group(1)
        if (m := re.fullmatch(r"    (get|post|put|patch|delete):\s*", line)) and path:
            endpoints.append((m.group(1).upper(), path))
    return endpoints


def test_documents_the_api() -> None:
    assert len(documented()) >= 20, documented()


def test_every_documented_endpoint_is_routed(api: Api) -> None:
    # It may answer 401, 404 (no such article), 422 or 501 (not built yet),
    # never the router's own 404 or 405.
    for method, path in documented():
        url = path
        for name, value in SAMPLE.items():
            url = url.replace(name, value)
        res = api.client.open(url, method=method, json={})
        assert res.status_code != 405, f"{method} {path}"
        assert res.json != {"errors": {"body": ["not found"]}}, f"{method} {path}"


def test_every_api_route_is_documented(api: Api) -> None:
    routed = {
        (method, re.sub(r"<(\w+)>", r"{\1}", rule.rule))
        for rule in api.app.url_map.iter_rules()
        for method in rule.methods or ()
        if method not in ("HEAD", "OPTIONS") and not rule.rule.startswith(("/admin", "/static"))
    }
    assert routed == set(documented())
