"""The application factory: create_app builds the Flask app (middleware,
blueprints, JSON errors). It does not serve; gunicorn does (wsgi.py), and
the tests use Flask's test client."""

import time

from flask import Flask, Response, g, request
from werkzeug.middleware.proxy_fix import ProxyFix

from . import errors
# waymark:begin solution auth
from .auth import init_auth
# waymark:stub
# waymark:end
from .clock import Clock, utc_now
from .config import Settings, load_settings
from .db import Database, open_database
# waymark:begin solution hardening
from .hardening import init_hardening
# waymark:stub
# waymark:end
from .log import get_logger
from .migrate import migrate
# waymark:begin solution auth
from .routes.auth import bp as auth_bp
# waymark:stub
# waymark:end
from .routes.health import bp as health_bp
# waymark:begin solution tasks
from .routes.tasks import bp as tasks_bp
# waymark:stub
# waymark:end
from .services import Services, init_services


def create_app(
    settings: Settings | None = None, *, db: Database | None = None, clock: Clock = utc_now
) -> Flask:
    """The app for settings (from the environment when not given) on db (opened
    from settings.database_url and migrated when not given). clock is the time
    the app reads; tests pass one they can move."""
    settings = settings or load_settings()
    if db is None:
        db = open_database(settings.database_url)
        migrate(db)

    app = Flask(__name__)
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keep fields in their order
    init_services(app, Services(settings=settings, db=db, clock=clock))
    # Behind a reverse proxy the operator runs (TRUST_PROXY=1, as in
    # docker-compose.yml), request.remote_addr is the last X-Forwarded-For
    # hop, the address the proxy saw. Otherwise it is the connection's peer,
    # whatever the headers say.
    if settings.trust_proxy:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1)  # type: ignore[method-assign]
    _log_requests(app)

    # waymark:begin solution hardening
    init_hardening(app, clock)
    # waymark:stub
    # # TODO(hardening): security headers on every response, and a 1 MiB body limit (413).
    # app.config["MAX_CONTENT_LENGTH"] = 100 * 1024 * 1024
    # waymark:end

    app.register_blueprint(health_bp)

    # waymark:begin solution auth
    init_auth(app, settings, clock)
    app.register_blueprint(auth_bp)
    # waymark:stub
    # app.register_blueprint(
    #     errors.not_implemented_routes(
    #         "auth",
    #         "/api/auth",
    #         [
    #             ("POST", "/register"),
    #             ("POST", "/login"),
    #             ("GET", "/me"),
    #             ("DELETE", "/me"),
    #             ("POST", "/password"),
    #             ("POST", "/refresh"),
    #             ("POST", "/logout"),
    #         ],
    #     )
    # )
    # waymark:end

    # waymark:begin solution tasks
    app.register_blueprint(tasks_bp)
    # waymark:stub
    # app.register_blueprint(
    #     errors.not_implemented_routes(
    #         "tasks",
    #         "/api/tasks",
    #         [
    #             ("POST", ""),
    #             ("GET", ""),
    #             ("GET", "/<id>"),
    #             ("PATCH", "/<id>"),
    #             ("DELETE", "/<id>"),
    #         ],
    #     )
    # )
    # waymark:end

    errors.register_error_handlers(app)
    if settings.generated_secret:
        get_logger().warning(
            "JWT_SECRET was not set: generated a development secret into .env (never commit .env)"
        )
    return app


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
