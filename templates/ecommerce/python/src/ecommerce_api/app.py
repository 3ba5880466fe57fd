"""The application factory: create_app builds the Flask app (middleware,
blueprints, JSON errors). It does not serve; gunicorn does (wsgi.py), and
the tests use Flask's test client."""

import time

from flask import Flask, Response, g, request
from werkzeug.middleware.proxy_fix import ProxyFix

from . import errors
# waymark:begin solution accounts
from .auth import init_auth
# waymark:stub
# waymark:end
from .clock import Clock, utc_now
from .config import Settings, load_settings
from .db import Database, open_database
from .hardening import init_hardening
from .log import get_logger
from .migrate import migrate
from .prepare import prepare
# waymark:begin solution accounts
from .routes.admin_products import bp as admin_products_bp
from .routes.admin_users import bp as admin_users_bp
from .routes.auth import bp as auth_bp
# waymark:stub
# waymark:end
# waymark:begin solution cart
from .routes.cart import bp as cart_bp
# waymark:stub
# waymark:end
# waymark:begin solution catalog
from .routes.catalog import bp as catalog_bp
# waymark:stub
# waymark:end
from .routes.health import bp as health_bp
# waymark:begin solution checkout
from .routes.orders import admin_bp as admin_orders_bp
from .routes.orders import bp as orders_bp
# waymark:stub
# waymark:end
# waymark:begin solution payments
from .routes.payments import bp as payments_bp
# waymark:stub
# waymark:end
from .services import Services, init_services


def create_app(
    settings: Settings | None = None, *, db: Database | None = None, clock: Clock = utc_now
) -> Flask:
    """The app for settings (from the environment when not given) on db. When
    db is not given, it is opened from settings.database_url, migrated and
    prepared (the admin account, the development catalog: prepare.py). clock
    is the time the app reads; tests pass one they can move."""
    settings = settings or load_settings()
    if db is None:
        db = open_database(settings.database_url)
        migrate(db)
        prepare(settings, db, clock())

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
    # A 1 MiB body limit, security headers, and no NUL byte past this point.
    init_hardening(app)

    app.register_blueprint(health_bp)

    # waymark:begin solution catalog
    app.register_blueprint(catalog_bp)
    # waymark:stub
    # app.register_blueprint(
    #     errors.not_implemented_routes(
    #         "catalog",
    #         "/api",
    #         [("GET", "/categories"), ("GET", "/products"), ("GET", "/products/<id>")],
    #     )
    # )
    # waymark:end

    # waymark:begin solution accounts
    init_auth(app, settings, clock)
    app.register_blueprint(auth_bp)
    app.register_blueprint(admin_products_bp)
    app.register_blueprint(admin_users_bp)
    # waymark:stub
    # app.register_blueprint(
    #     errors.not_implemented_routes(
    #         "accounts",
    #         "/api",
    #         [
    #             ("POST", "/auth/register"),
    #             ("POST", "/auth/login"),
    #             ("GET", "/auth/me"),
    #             ("POST", "/products"),
    #             ("PUT", "/products/<id>"),
    #             ("DELETE", "/products/<id>"),
    #             ("PUT", "/admin/users/<id>/role"),
    #         ],
    #     )
    # )
    # waymark:end

    # waymark:begin solution cart
    app.register_blueprint(cart_bp)
    # waymark:stub
    # app.register_blueprint(
    #     errors.not_implemented_routes(
    #         "cart",
    #         "/api/cart",
    #         [
    #             ("GET", ""),
    #             ("POST", "/items"),
    #             ("PUT", "/items/<id>"),
    #             ("DELETE", "/items/<id>"),
    #         ],
    #     )
    # )
    # waymark:end

    # waymark:begin solution checkout
    app.register_blueprint(orders_bp)
    app.register_blueprint(admin_orders_bp)
    # waymark:stub
    # app.register_blueprint(
    #     errors.not_implemented_routes(
    #         "checkout",
    #         "/api",
    #         [
    #             ("POST", "/orders"),
    #             ("GET", "/orders"),
    #             ("GET", "/orders/<id>"),
    #             ("GET", "/admin/orders"),
    #             ("PATCH", "/admin/orders/<id>"),
    #         ],
    #     )
    # )
    # waymark:end

    # waymark:begin solution payments
    app.register_blueprint(payments_bp)
    # waymark:stub
    # app.register_blueprint(
    #     errors.not_implemented_routes(
    #         "payments",
    #         "/api",
    #         [
    #             ("POST", "/orders/<id>/pay"),
    #             ("GET", "/orders/<id>/payments"),
    #             ("POST", "/payments/webhook"),
    #         ],
    #     )
    # )
    # waymark:end

    errors.register_error_handlers(app)
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
