"""gunicorn's settings: `gunicorn --config gunicorn.conf.py` (make run, the
Dockerfile and waymark check all start the server this way).

The settings are read here once, before any worker starts, so that a bad
setting stops the server with one clear message.
"""

import os
import sys

from chat_api.config import ConfigError, load_settings
from chat_api.log import configure_logging

try:
    _settings = load_settings()
except ConfigError as err:
    sys.exit(f"chat: {err}")
# Worker processes share nothing but the database: without Redis, two users
# whose sockets landed on different workers would never hear each other.
if os.environ.get("WEB_CONCURRENCY", "1").strip() not in ("", "1") and not _settings.redis_url:
    sys.exit("chat: WEB_CONCURRENCY above 1 needs REDIS_URL: each process keeps its own rooms")
configure_logging(_settings)

wsgi_app = "chat_api.wsgi:app"
bind = [f"0.0.0.0:{_settings.port}"]

# One process with threads, unless WEB_CONCURRENCY says how many. A WebSocket
# holds one of the threads for its whole life (chat_api/realtime/), so there
# are WS_MAX_CONNECTIONS of them for sockets and HTTP_THREADS more that
# ordinary requests always find: a socket over the limit is refused (503)
# before it can take the last of them. Each process keeps its own sockets,
# rooms and rate limits; Redis (REDIS_URL) connects the processes' rooms.
HTTP_THREADS = 8
worker_class = "chat_api.worker.Worker"  # gthread, closing the sockets on SIGTERM
threads = _settings.ws_max_connections + HTTP_THREADS
# Connections a process accepts at once: every thread busy, and as many
# kept-alive idle ones again.
worker_connections = 2 * threads
# Longer than nginx's 60-second upstream keepalive (deploy/nginx.conf), so
# that nginx always closes an idle connection first.
keepalive = 65
# The worker must answer gunicorn's heartbeat within this; with gthread that
# is the worker's own loop, not any request or socket, which may run longer.
timeout = 30
# On SIGTERM (docker stop, waymark check) the sockets are told to go away and
# requests in flight get this long.
graceful_timeout = max(1, round(_settings.shutdown_timeout.total_seconds()))
# The app logs one line per request itself (chat_api/app.py).
accesslog = None
errorlog = "-"
loglevel = "warning" if _settings.log_level == "error" else "info"
# No control socket in $HOME: nothing here uses `gunicornc`.
control_socket_disable = True
