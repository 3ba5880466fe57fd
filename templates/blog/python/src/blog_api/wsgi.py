"""The WSGI entry point gunicorn serves (gunicorn.conf.py names it):
settings from the environment, the log on stdout, the database migrated,
and the first admin."""

from .app import create_app
from .config import load_settings
# waymark:begin solution roles
from .first_admin import ensure_first_admin
# waymark:stub
# waymark:end
from .log import configure_logging

settings = load_settings()
configure_logging(settings)
app = create_app(settings)
# waymark:begin solution roles
with app.app_context():
    ensure_first_admin()
# waymark:stub
# # TODO(roles): create the admin ADMIN_EMAIL with ADMIN_PASSWORD here (first_admin.py),
# # unless an account has that email. Never promote an existing account.
# waymark:end
