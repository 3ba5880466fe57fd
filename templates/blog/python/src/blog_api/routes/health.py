"""GET /healthz and GET /openapi.yaml."""

from importlib import resources

from flask import Blueprint, Response, jsonify

from ..log import get_logger
from ..services import get_db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def health() -> tuple[Response, int] | Response:
    """200 {"status": "ok"} when the server and its database answer, 503
    otherwise. Load balancers and `waymark check` poll it."""
    try:
        get_db().one("SELECT 1 AS ok")
    except Exception as err:  # any failure means "not healthy", never a 500
        get_logger().warning("health check: database unreachable", extra={"err": str(err)})
        return jsonify(status="unavailable", error="database unavailable"), 503
    return jsonify(status="ok")


@bp.get("/openapi.yaml")
def openapi() -> Response:
    """The API description."""
    text = (resources.files("blog_api") / "openapi.yaml").read_text(encoding="utf-8")
    return Response(text, mimetype="application/yaml")
