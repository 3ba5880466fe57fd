"""POST /api/products, PUT and DELETE /api/products/<id>: for admins."""

from flask import Blueprint, Response, jsonify

from ..auth.middleware import admin_only
from ..errors import ApiError, validation_failed
from ..params import path_id
from ..schemas.products import ProductBody
from ..services import get_db, services
from ..store.products import (
    ProductInput,
    category_id,
    create_product,
    delete_product,
    update_product,
)
from ..validation import parse_body

bp = Blueprint("admin_products", __name__, url_prefix="/api/products")


def _read_product() -> ProductInput:
    """The body validated, its category slug resolved, or a 422 naming every
    invalid field."""
    body = parse_body(ProductBody)
    store_currency = services().settings.currency
    fields: dict[str, str] = {}
    if body.currency and body.currency != store_currency:
        fields["currency"] = f"the store sells in {store_currency}"
    cat = None
    if body.category is not None:
        cat = category_id(get_db(), body.category)
        if cat is None:
            fields["category"] = "is not a known category slug"
    if fields:
        raise validation_failed(fields)
    return ProductInput(
        name=body.name,
        description=body.description,
        price=body.price,
        currency=store_currency,
        stock=body.stock,
        category_id=cat,
        images=body.images,
    )


@bp.post("")
@admin_only
def create() -> tuple[Response, int, dict[str, str]]:
    product = create_product(get_db(), _read_product(), services().clock())
    return jsonify(product.to_json()), 201, {"Location": f"/api/products/{product.id}"}


@bp.put("/<product_id>")
@admin_only
def replace(product_id: str) -> Response:
    pid = path_id(product_id, "product not found")
    product = update_product(get_db(), pid, _read_product())
    if product is None:
        raise ApiError(404, "product not found")
    return jsonify(product.to_json())


@bp.delete("/<product_id>")
@admin_only
def delete(product_id: str) -> Response:
    outcome = delete_product(get_db(), path_id(product_id, "product not found"))
    if outcome == "missing":
        raise ApiError(404, "product not found")
    if outcome == "ordered":
        raise ApiError(409, "orders reference this product: set its stock to 0 instead")
    return Response(status=204)
