"""gunicorn's settings for the Python baseline: the Python solutions'
(templates/tasks/python/gunicorn.conf.py) without their logging setup,
bound to loopback. PORT says where."""

import os

wsgi_app = "minimal:app"
bind = [f"127.0.0.1:{os.environ.get('PORT', '8000')}"]
worker_class = "gthread"
threads = 8
keepalive = 65
timeout = 30
accesslog = None
errorlog = "-"
loglevel = "warning"
control_socket_disable = True
