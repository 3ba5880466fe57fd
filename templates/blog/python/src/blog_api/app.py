"""The application factory: create_app builds the Flask app (hooks, the
RealWorld API under /api, the dashboard under /admin, JSON errors). It does
not serve; gunicorn does (wsgi.py), and the tests use Flask's test client."""

import time

from flask import Flask, Response, g, request
from werkzeug.middleware.proxy_fix import ProxyFix

from . import errors
# waymark:begin solution admin
from .admin import bp as admin_bp
# waymark:stub
# from .admin_pages import not_built_pages
# waymark:end
# waymark:begin solution accounts
from .auth import init_auth
# waymark:stub
# waymark:end
from .clock import Clock, utc_now
from .config import Settings, load_settings
from .db import Database, open_database
from .log import get_logger
from .migrate import migrate
# waymark:begin solution articles
from .routes.articles import bp as articles_bp
# waymark:stub
# waymark:end
from .routes.health import bp as health_bp
# waymark:begin solution roles
from .routes.roles import bp as roles_bp
# waymark:stub
# waymark:end
# waymark:begin solution social
from .routes.social import bp as social_bp
# waymark:stub
# waymark:end
# waymark:begin solution accounts
from .routes.users import bp as users_bp
# waymark:stub
# waymark:end
from .services import Services, init_services
from .text import refuse_bad_text

MAX_BODY_BYTES = 1024 * 1024
"""Request bodies over 1 MiB answer 413."""

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
# The JSON API serves no scripts or styles; the dashboard sets its own policy.
API_CSP = "default-src 'none'; frame-ancestors 'none'"


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

    app = Flask(__name__, static_folder=None)  # the dashboard serves its one stylesheet
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keep fields in their order
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    # Escape everything the dashboard's templates print, whatever their names.
    app.jinja_options = {**app.jinja_options, "autoescape": True}
    init_services(app, Services(settings=settings, db=db, clock=clock))
    # Behind a reverse proxy the operator runs (TRUST_PROXY=1, as in
    # docker-compose.yml), request.remote_addr is the last X-Forwarded-For
    # hop, the address the proxy saw. Otherwise it is the connection's peer,
    # whatever the headers say.
    if settings.trust_proxy:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1)  # type: ignore[method-assign]
    _log_requests(app)
    app.after_request(_security_headers)
    # No text the database cannot store gets past this: paths, query strings
    # and forms here, JSON bodies where they are read (validation.read_json).
    app.before_request(refuse_bad_text)

    app.register_blueprint(health_bp)

    # waymark:begin solution accounts
    init_auth(app, settings, clock)
    app.register_blueprint(users_bp)
    # waymark:stub
    # app.register_blueprint(
    #     errors.not_implemented_routes(
    #         "accounts",
    #         "/api",
    #         [("POST", "/users"), ("POST", "/users/login"), ("GET", "/user"), ("PUT", "/user")],
    #     )
    # )
    # waymark:end

    # waymark:begin solution articles
    app.register_blueprint(articles_bp)
    # waymark:stub
    # app.register_blueprint(
    #     errors.not_implemented_routes(
    #         "articles",
    #         "/api/articles",
    #         [
    #             ("GET", ""),
    #             ("POST", ""),
    #             ("GET", "/<slug>"),
    #             ("PUT", "/<slug>"),
    #             ("DELETE", "/<slug>"),
    #         ],
    #     )
    # )
    # waymark:end

    # waymark:begin solution social
    app.register_blueprint(social_bp)
    # waymark:stub
    # app.register_blueprint(
    #     errors.not_implemented_routes(
    #         "social",
    #         "/api",
    #         [
    #             ("GET", "/profiles/<username>"),
    #             ("POST", "/profiles/<username>/follow"),
    #             ("DELETE", "/profiles/<username>/follow"),
    #             ("GET", "/articles/feed"),
    #             ("POST", "/articles/<slug>/favorite"),
    #             ("DELETE", "/articles/<slug>/favorite"),
    #             ("GET", "/articles/<slug>/comments"),
    #             ("POST", "/articles/<slug>/comments"),
    #             ("DELETE", "/articles/<slug>/comments/<id>"),
    #             ("GET", "/tags"),
    #         ],
    #     )
    # )
    # waymark:end

    # waymark:begin solution roles
    app.register_blueprint(roles_bp)
    # waymark:stub
    # app.register_blueprint(
    #     errors.not_implemented_routes("roles", "/api/admin", [("PUT", "/users/<username>/role")])
    # )
    # waymark:end

    # waymark:begin solution admin
    app.register_blueprint(admin_bp)
    # waymark:stub
    # # The pages say, in the page, that the dashboard is still to build; the
    # # forms answer 501 like every other stub.
    # app.register_blueprint(not_built_pages("admin"))
    # app.register_blueprint(
    #     errors.not_implemented_routes(
    #         "admin",
    #         "/admin",
    #         [
    #             ("POST", "/login"),
    #             ("POST", "/logout"),
    #             ("POST", "/users/<username>/role"),
    #             ("POST", "/articles/<slug>/publish"),
    #             ("POST", "/articles/<slug>/unpublish"),
    #             ("POST", "/articles/<slug>/delete"),
    #             ("POST", "/comments/<id>/delete"),
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


def _security_headers(response: Response) -> Response:
    response.headers.update(SECURITY_HEADERS)
    # The dashboard's pages have set their own policy by now (its blueprint's
    # hooks run first); every other answer, under /admin too, gets the API's.
    response.headers.setdefault("Content-Security-Policy", API_CSP)
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
