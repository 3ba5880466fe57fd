"""The public catalog: GET /api/categories and GET /api/products[/<id>]."""

from flask import Blueprint, Response, jsonify, request

from ..errors import ApiError, validation_failed
from ..params import page_of, paging, path_id, whole_number
from ..services import get_db
from ..store.products import SORTS, ProductQuery, list_categories, list_products, product_by_id

bp = Blueprint("catalog", __name__, url_prefix="/api")

MAX_SEARCH_CHARS = 100


@bp.get("/categories")
def categories() -> Response:
    return jsonify(data=[c.to_json() for c in list_categories(get_db())])


@bp.get("/products")
def products() -> Response:
    query = parse_product_query()
    items, total = list_products(get_db(), query)
    return jsonify(page_of([p.to_json() for p in items], query.page, query.limit, total))


@bp.get("/products/<product_id>")
def product(product_id: str) -> Response:
    found = product_by_id(get_db(), path_id(product_id, "product not found"))
    if found is None:
        raise ApiError(404, "product not found")
    return jsonify(found.to_json())


def parse_product_query() -> ProductQuery:
    """page, limit, category, min_price, max_price, q and sort from the query
    string, or a 422 naming every bad parameter. Empty values count as not
    given; of a repeated parameter the first counts."""
    fields: dict[str, str] = {}
    page, limit = paging(fields)
    min_price = whole_number("min_price", 0, None, fields)
    max_price = whole_number("max_price", 0, None, fields)
    q = request.args.get("q", "").strip()
    if len(q) > MAX_SEARCH_CHARS:
        fields["q"] = f"must be at most {MAX_SEARCH_CHARS} characters"
    sort = request.args.get("sort") or "id"
    if sort not in SORTS:
        fields["sort"] = "must be one of newest, price_asc, price_desc, name"
    if fields:
        raise validation_failed(fields)
    return ProductQuery(
        page=page,
        limit=limit,
        category=request.args.get("category") or None,
        min_price=min_price,
        max_price=max_price,
        q=q or None,
        sort=sort,
    )
