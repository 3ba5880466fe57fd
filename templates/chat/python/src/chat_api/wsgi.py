"""The WSGI entry point gunicorn serves (gunicorn.conf.py names it):
settings from the environment, the log on stdout, the database migrated."""

from .app import create_app
from .config import load_settings
from .log import configure_logging

settings = load_settings()
configure_logging(settings)
app = create_app(settings)
