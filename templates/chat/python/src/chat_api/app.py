"""The application factory: create_app builds the Flask app (middleware,
blueprints, the realtime hub, JSON errors). It does not serve; gunicorn does
(wsgi.py), and the tests use Flask's test client or a server on a free port."""

import time

from flask import Flask, Response, g, request
from werkzeug.middleware.proxy_fix import ProxyFix

from . import errors, realtime
# waymark:begin solution accounts
from .auth import init_auth
# waymark:stub
# waymark:end
from .clock import Clock, utc_now
from .config import Settings, load_settings
from .db import Database, open_database
from .log import get_logger
from .migrate import migrate
# waymark:begin solution scale
from .realtime.broker import RedisBroker
# waymark:stub
# waymark:end
# waymark:begin solution realtime
from .realtime.hub import Hub
from .realtime.socket import bp as realtime_bp
# waymark:stub
# waymark:end
# waymark:begin solution accounts
from .routes.auth import bp as auth_bp
# waymark:stub
# waymark:end
from .routes.health import bp as health_bp
# waymark:begin solution rooms
from .routes.rooms import bp as rooms_bp
# waymark:stub
# waymark:end
from .services import Services, init_services
# waymark:begin solution scale
from .store.settings import namespace
# waymark:stub
# waymark:end
from .validation import refuse_unsafe_urls

MAX_BODY_BYTES = 64 * 1024
"""Request bodies are small JSON objects: over 64 KiB answers 413."""

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


def create_app(
    settings: Settings | None = None,
    *,
    db: Database | None = None,
    clock: Clock = utc_now,
    limits: realtime.Limits | None = None,
    broker: realtime.Broker | None = None,
) -> Flask:
    """The app for settings (from the environment when not given) on db (opened
    from settings.database_url and migrated when not given). clock is the time
    the app reads; tests pass one they can move, WebSocket limits they can
    reach, and a broker of their own instead of Redis."""
    settings = settings or load_settings()
    if db is None:
        db = open_database(settings.database_url)
        migrate(db)

    app = Flask(__name__, static_folder=None)  # routes/health.py serves the web client
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keep fields in their order
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.config["PUBSUB"] = "local"  # how rooms are shared, for /healthz
    init_services(app, Services(settings=settings, db=db, clock=clock))
    # Behind a reverse proxy the operator runs (TRUST_PROXY=1, as in
    # docker-compose.yml), request.remote_addr is the last X-Forwarded-For
    # hop, the address the proxy saw. Otherwise it is the connection's peer,
    # whatever the headers say.
    if settings.trust_proxy:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1)  # type: ignore[method-assign]
    _log_requests(app)
    app.before_request(refuse_unsafe_urls)
    app.after_request(_security_headers)

    app.register_blueprint(health_bp)

    # waymark:begin solution accounts
    init_auth(app, settings, clock)
    app.register_blueprint(auth_bp)
    # waymark:stub
    # app.register_blueprint(
    #     errors.not_implemented_routes(
    #         "accounts",
    #         "/api/auth",
    #         [("POST", "/register"), ("POST", "/login"), ("POST", "/logout"), ("GET", "/me")],
    #     )
    # )
    # waymark:end
    # waymark:begin solution rooms
    app.register_blueprint(rooms_bp)
    # waymark:stub
    # app.register_blueprint(
    #     errors.not_implemented_routes(
    #         "rooms",
    #         "/api/rooms",
    #         [
    #             ("GET", ""),
    #             ("POST", ""),
    #             ("GET", "/<id>"),
    #             ("GET", "/<id>/messages"),
    #             ("GET", "/<id>/presence"),
    #         ],
    #     )
    # )
    # waymark:end
    # waymark:begin solution realtime
    hub = Hub(broker, max_connections=settings.ws_max_connections)
    realtime.init_realtime(app, hub, limits or realtime.Limits())
    app.register_blueprint(realtime_bp)
    # waymark:stub
    # app.register_blueprint(errors.not_implemented_routes("realtime", "", [("GET", "/ws")]))
    # waymark:end
    # waymark:begin solution scale
    if settings.redis_url and broker is None:
        with db.connect() as conn:
            ns = namespace(conn)
        hub.use_broker(RedisBroker.connect(settings.redis_url, ns))
        app.config["PUBSUB"] = "redis"
    # waymark:stub
    # if settings.redis_url:
    #     get_logger().warning(
    #         "REDIS_URL is set, but sharing rooms through Redis is the scale milestone:"
    #         " rooms stay on this instance"
    #     )
    # waymark:end
    # waymark:begin solution realtime
    hub.start()
    # waymark:stub
    # waymark:end

    errors.register_error_handlers(app)
    return app


def _security_headers(response: Response) -> Response:
    """Headers that cost nothing and close old holes."""
    response.headers.update(SECURITY_HEADERS)
    return response


def _log_requests(app: Flask) -> None:
    """One log line per request once it is answered."""

    @app.before_request
    def start_timer() -> None:
        g.started = time.perf_counter()

    @app.after_request
    def log_request(response: Response) -> Response:
        ms = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        # 501 is a stub waiting for its milestone, not a fault.
        status = response.status_code
        level = "error" if status >= 500 and status != 501 else "info"
        getattr(get_logger(), level)(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "status": status,
                "duration_ms": round(ms, 1),
            },
        )
        return response
