from urllib.parse import quote, urlencode

import pytest

from conftest import Api
from ecommerce_api.store.seed import seed_catalog


@pytest.fixture
def catalog(api: Api) -> Api:
    """The api on the seeded sample catalog."""
    with api.db.connect() as conn:
        assert seed_catalog(conn, "EUR", api.clock())
    return api


def get(api: Api, path: str) -> dict:
    res = api.client.get(path)
    assert res.status_code == 200, (path, res.text)
    return res.json


def test_seeding_twice_leaves_the_catalog_alone(catalog: Api) -> None:
    with catalog.db.connect() as conn:
        assert not seed_catalog(conn, "EUR", catalog.clock())
    assert get(catalog, "/api/products")["total"] == 8


def test_categories(catalog: Api) -> None:
    data = get(catalog, "/api/categories")["data"]
    assert [c["slug"] for c in data] == ["books", "coffee", "gear"]
    assert set(data[0]) == {"id", "slug", "name"}


def test_the_list_is_a_page_with_a_total(catalog: Api) -> None:
    body = get(catalog, "/api/products")
    assert (body["page"], body["limit"], body["total"], len(body["data"])) == (1, 20, 8, 8)
    first = body["data"][0]
    assert set(first) == {
        "id",
        "name",
        "description",
        "price",
        "currency",
        "stock",
        "category",
        "images",
        "created_at",
    }
    assert first["currency"] == "EUR"
    assert isinstance(first["price"], int)
    assert first["images"] == []


def test_page_and_limit(catalog: Api) -> None:
    body = get(catalog, "/api/products?limit=3&page=3")
    assert (len(body["data"]), body["page"], body["limit"], body["total"]) == (2, 3, 3, 8)
    assert get(catalog, "/api/products?page=1000000&limit=100")["data"] == []


def test_category_price_range_and_sorts(catalog: Api) -> None:
    body = get(catalog, "/api/products?category=coffee")
    assert body["total"] == 2
    assert {p["category"] for p in body["data"]} == {"coffee"}
    body = get(catalog, "/api/products?min_price=2000&max_price=3000&sort=price_asc")
    assert [p["price"] for p in body["data"]] == [2490, 2900]
    assert get(catalog, "/api/products?sort=price_desc&limit=1")["data"][0]["price"] == 12900
    first = get(catalog, "/api/products?sort=name&limit=1")["data"][0]
    assert first["name"] == "Designing Data-Intensive Applications"
    ids = [p["id"] for p in get(catalog, "/api/products")["data"]]
    assert ids == sorted(ids)
    assert [p["id"] for p in get(catalog, "/api/products?sort=newest")["data"]] == ids[::-1]


def test_search_ignores_case_and_treats_wildcards_and_quotes_as_text(catalog: Api) -> None:
    assert [p["name"] for p in get(catalog, "/api/products?q=DEBUGGING")["data"]] == ["Rubber Duck"]
    for q in ["'%", "_", "%", "\\", "' OR 1=1 --"]:
        assert get(catalog, "/api/products?" + urlencode({"q": q}))["total"] == 0, q


def test_detail_and_404(catalog: Api) -> None:
    duck = get(catalog, "/api/products?q=duck")["data"][0]
    body = get(catalog, f"/api/products/{duck['id']}")
    assert (body["name"], body["price"], body["category"]) == ("Rubber Duck", 499, "gear")
    for path in ["/api/products/999999", "/api/products/abc", "/api/products/0"]:
        res = catalog.client.get(path)
        assert res.status_code == 404, path
        assert isinstance(res.json["error"], str)


def test_a_bad_query_names_every_bad_parameter(catalog: Api) -> None:
    res = catalog.client.get("/api/products?limit=1000&sort=cheapest&page=0&min_price=x")
    assert res.status_code == 422
    assert res.json["error"] == "validation failed"
    assert sorted(res.json["fields"]) == ["limit", "min_price", "page", "sort"]


def test_nul_bytes_and_huge_pages_are_refused_before_any_sql(catalog: Api) -> None:
    cases = {
        "/api/products?q=%00": 422,
        "/api/products?q=duck%00": 422,
        "/api/products?category=gear%00": 422,
        "/api/products?sort=name%00": 422,
        "/api/products?page=9223372036854775807": 422,
        "/api/products?page=1000001": 422,
        "/api/products?min_price=99999999999999999999": 422,
        "/api/products/%00": 400,
        "/api/products/1%00": 400,
    }
    for path, status in cases.items():
        res = catalog.client.get(path)
        assert res.status_code == status, (path, res.text)
    assert "page" in catalog.client.get("/api/products?page=9223372036854775807").json["fields"]


def test_no_query_value_makes_the_list_fail(catalog: Api) -> None:
    values = ["", "duck", "\x00", "a\x00b", "9223372036854775807", "-1", "1e3", "%", "_"]
    values += ["\\", "'", "é", "٣", "x" * 200, "\ud800"]
    for value in values:
        for key in ["q", "category", "sort", "page", "limit", "min_price", "max_price"]:
            qs = urlencode({key: value}, encoding="utf-8", errors="surrogatepass")
            res = catalog.client.get(f"/api/products?{qs}")
            assert res.status_code < 500, (key, value, res.text)
        res = catalog.client.get("/api/products/" + quote(value, safe="", errors="surrogatepass"))
        assert res.status_code < 500, (value, res.text)
