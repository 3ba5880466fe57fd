"""Logging: one line per event on stdout, as text (time level message
key=value ...) or JSON (LOG_FORMAT=json). Pass fields with `extra`:

    log.info("request", extra={"method": "GET", "status": 200})
"""

import json
import logging
import sys
from datetime import UTC, datetime

from .config import Settings

LOGGER_NAME = "chat_api"

_LEVELS = {
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warn": logging.WARNING,
    "error": logging.ERROR,
}
# Attributes every LogRecord has; anything else came in through `extra`.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


def get_logger() -> logging.Logger:
    return logging.getLogger(LOGGER_NAME)


def configure_logging(settings: Settings) -> None:
    """Sends the app's log to stdout in the configured format and level.
    The server entry point calls it once; tests leave logging to pytest."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JSONFormatter() if settings.log_format == "json" else TextFormatter())
    log = get_logger()
    log.handlers[:] = [handler]
    log.setLevel(_LEVELS[settings.log_level])
    log.propagate = False


def _fields(record: logging.LogRecord) -> dict[str, object]:
    return {k: v for k, v in vars(record).items() if k not in _STANDARD}


def _time(record: logging.LogRecord) -> str:
    t = datetime.fromtimestamp(record.created, UTC)
    return t.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _level(record: logging.LogRecord) -> str:
    return "warn" if record.levelno == logging.WARNING else record.levelname.lower()


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        parts = [_time(record), _level(record).upper(), record.getMessage()]
        for key, value in _fields(record).items():
            text = (
                value
                if isinstance(value, str) and value and not any(c.isspace() for c in value)
                else json.dumps(value, default=str)
            )
            parts.append(f"{key}={text}")
        line = " ".join(parts)
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


class JSONFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": _time(record),
            "level": _level(record),
            "msg": record.getMessage(),
            **_fields(record),
        }
        if record.exc_info:
            entry["err"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)
