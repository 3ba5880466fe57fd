"""gunicorn's settings: `gunicorn --config gunicorn.conf.py` (make run, the
Dockerfile and waymark check all start the server this way).

The settings are read here once, before any worker starts, so that a bad
setting stops the server with one clear message and the development
secrets are written to .env once, not by every worker at the same time.
"""

import sys

from ecommerce_api.config import ConfigError, load_settings
from ecommerce_api.log import configure_logging, get_logger

try:
    _settings = load_settings()
except ConfigError as err:
    sys.exit(f"shop: {err}")
configure_logging(_settings)
for _name in _settings.generated:
    get_logger().warning(
        f"{_name} was not set: generated a development value into .env (never commit .env)"
    )

wsgi_app = "ecommerce_api.wsgi:app"
bind = [f"0.0.0.0:{_settings.port}"]

# One process with threads, unless WEB_CONCURRENCY says how many: the rate
# limits live in memory, so each process counts on its own.
worker_class = "gthread"
threads = 8
# Longer than nginx's 60-second upstream keepalive (deploy/nginx.conf), so
# that nginx always closes an idle connection first.
keepalive = 65
# A request still running after this long is cut off and its worker restarted.
timeout = 30
# On SIGTERM (docker stop, waymark check) requests in flight get this long.
graceful_timeout = max(1, round(_settings.shutdown_timeout.total_seconds()))
# The app logs one line per request itself (ecommerce_api/app.py).
accesslog = None
errorlog = "-"
loglevel = "warning" if _settings.log_level == "error" else "info"
# No control socket in $HOME: nothing here uses `gunicornc`.
control_socket_disable = True
