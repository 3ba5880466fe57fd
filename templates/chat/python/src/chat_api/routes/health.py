"""GET /healthz, and the browser client at /."""

from pathlib import Path

from flask import Blueprint, Response, current_app, jsonify, send_from_directory

from ..log import get_logger
from ..services import get_db

bp = Blueprint("health", __name__)

WEB = Path(__file__).resolve().parent.parent / "web"
"""The browser client: plain HTML, CSS and JavaScript, no build step."""

# The client talks only to this origin: a strict policy costs nothing.
WEB_POLICY = "default-src 'self'; connect-src 'self' ws: wss:; frame-ancestors 'none'"


@bp.get("/healthz")
def health() -> tuple[Response, int] | Response:
    """200 {"status": "ok", "pubsub": ...} while the database answers, 503
    otherwise. pubsub says how rooms are shared: "local" (this instance only)
    or "redis". Load balancers and `waymark check` poll it."""
    try:
        get_db().one("SELECT 1 AS ok")
    except Exception as err:  # any failure means "not healthy", never a 500
        get_logger().warning("health check: database unreachable", extra={"err": str(err)})
        return jsonify(status="unavailable"), 503
    return jsonify(status="ok", pubsub=current_app.config["PUBSUB"])


@bp.get("/")
def index() -> Response:
    return web_file("index.html")


def web_file(name: str) -> Response:
    response = send_from_directory(WEB, name, max_age=0)
    response.headers["Content-Security-Policy"] = WEB_POLICY
    return response


# Every other file of the client at its own path (/app.js, /style.css): a
# rule that names them, so that any other path stays an ordinary 404.
_ASSETS = sorted(p.name for p in WEB.iterdir() if p.is_file() and p.name != "index.html")
if _ASSETS:
    bp.add_url_rule("/<any(" + ", ".join(repr(a) for a in _ASSETS) + "):name>", view_func=web_file)
