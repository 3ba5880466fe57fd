import re
from importlib import resources

from conftest import Api


def documented() -> list[tuple[str, str]]:
    """Every (METHOD, /path) of openapi.yaml's paths section."""
    text = (resources.files("tasks_api") / "openapi.yaml").read_text(encoding="utf-8")
    paths = text[text.index("\npaths:\n") : text.index("\ncomponents:\n")]
    endpoints: list[tuple[str, str]] = []
    path = None
    for line in paths.splitlines():
        if m := re.fullmatch(r"  (/\S*):\s*", line):
            path = m.group(1)
        if (m := re.fullmatch(r"    (get|post|put|patch|delete):\s*", line)) and path:
            endpoints.append((m.group(1).upper(), path))
    return endpoints


def test_documents_endpoints() -> None:
    assert len(documented()) >= 12, documented()


def test_every_documented_endpoint_is_routed(api: Api) -> None:
    # It may answer 401, 422 or 501 (not built yet), never the router's 404 or 405.
    for method, path in documented():
        res = api.client.open(path.replace("{id}", "1"), method=method, json={})
        assert res.status_code != 405, f"{method} {path}"
        assert not (res.status_code == 404 and res.json == {"error": "not found"}), (
            f"{method} {path}"
        )
