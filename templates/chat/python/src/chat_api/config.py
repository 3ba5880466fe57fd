"""Settings from the environment and the .env file (the environment wins)."""

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

LOG_FORMATS = ("text", "json")
LOG_LEVELS = ("debug", "info", "warn", "error")
APP_ENVS = ("development", "production")
MAX_SESSION_TTL = timedelta(days=30)
"""A session always ends: a token that leaks is useless after at most this long."""

T = TypeVar("T")


class ConfigError(Exception):
    """A setting is missing or wrong; the message names every problem."""


@dataclass(frozen=True)
class Settings:
    """Everything the server reads from its environment."""

    env: str = "development"
    port: int = 8080
    database_url: str = "sqlite://./data/chat.db"
    # REDIS_URL: several instances share rooms through Redis pub/sub.
    redis_url: str = ""
    # ALLOWED_ORIGINS: host patterns (chat.example.com, *.example.com) whose
    # pages may open /ws besides the server's own host.
    allowed_origins: tuple[str, ...] = ()
    session_ttl: timedelta = timedelta(days=7)
    bcrypt_cost: int = 10
    log_format: str = "text"
    log_level: str = "info"
    shutdown_timeout: timedelta = timedelta(seconds=10)
    # TRUST_PROXY=1: a reverse proxy the operator runs is in front, so the
    # client's address is the last X-Forwarded-For hop. Never set it without
    # such a proxy, or anyone can choose their own address.
    trust_proxy: bool = False
    # WS_MAX_CONNECTIONS: WebSockets one server process holds at once. Each
    # holds a gunicorn thread for its whole life (gunicorn.conf.py).
    ws_max_connections: int = 200


def load_settings(
    env: Mapping[str, str] | None = None, dotenv_path: str | Path = ".env"
) -> Settings:
    """Reads the settings from env (os.environ by default), then from the .env
    file at dotenv_path. Raises ConfigError listing every bad setting at once."""
    env = os.environ if env is None else env
    dotenv = read_dotenv(dotenv_path)

    def get(key: str) -> str | None:
        return env.get(key) or dotenv.get(key) or None

    errors: list[str] = []

    def parse(key: str, default: T, convert: Callable[[str], T]) -> T:
        raw = get(key)
        if raw is None:
            return default
        try:
            return convert(raw.strip())
        except ValueError as err:
            errors.append(f"{key}={raw!r}: {err}")
            return default

    def choice(key: str, default: str, allowed: tuple[str, ...]) -> str:
        def convert(v: str) -> str:
            if v not in allowed:
                raise ValueError(f"want {', '.join(allowed)}")
            return v

        return parse(key, default, convert)

    settings = Settings(
        env=choice("APP_ENV", "development", APP_ENVS),
        port=parse("PORT", 8080, lambda v: integer(v, 1, 65535)),
        database_url=get("DATABASE_URL") or Settings.database_url,
        redis_url=parse("REDIS_URL", "", redis_url),
        allowed_origins=tuple(
            o.strip().lower() for o in (get("ALLOWED_ORIGINS") or "").split(",") if o.strip()
        ),
        session_ttl=parse("SESSION_TTL", Settings.session_ttl, session_ttl),
        bcrypt_cost=parse("BCRYPT_COST", 10, lambda v: integer(v, 4, 31)),
        log_format=choice("LOG_FORMAT", "text", LOG_FORMATS),
        log_level=choice("LOG_LEVEL", "info", LOG_LEVELS),
        shutdown_timeout=parse("SHUTDOWN_TIMEOUT", Settings.shutdown_timeout, parse_duration),
        trust_proxy=parse("TRUST_PROXY", False, on_off),
        ws_max_connections=parse("WS_MAX_CONNECTIONS", 200, lambda v: integer(v, 1, 10000)),
    )
    if errors:
        raise ConfigError("configuration: " + "; ".join(errors))
    return settings


def read_dotenv(path: str | Path) -> dict[str, str]:
    """Reads KEY=VALUE lines; # starts a comment line. A missing file is empty."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    values: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, eq, value = line.partition("=")
        if not eq:
            raise ConfigError(f"{path}:{number}: want KEY=VALUE")
        key = key.removeprefix("export ").strip()
        value = value.strip()
        if len(value) >= 2 and value[0] in "\"'" and value[-1] == value[0]:
            value = value[1:-1]
        values[key] = value
    return values


def redis_url(v: str) -> str:
    if not v.startswith(("redis://", "rediss://")):
        raise ValueError("want redis://host:port/db or rediss://host:port/db")
    return v


def session_ttl(v: str) -> timedelta:
    ttl = parse_duration(v)
    if ttl > MAX_SESSION_TTL:
        raise ValueError("at most 720h (30 days)")
    return ttl


def on_off(v: str) -> bool:
    if v.lower() in ("1", "true"):
        return True
    if v.lower() in ("0", "false"):
        return False
    raise ValueError("want 1 or 0")


def integer(v: str, low: int, high: int) -> int:
    if not re.fullmatch(r"[0-9]+", v):
        raise ValueError("want a whole number")
    n = int(v)
    if not low <= n <= high:
        raise ValueError(f"want {low} to {high}")
    return n


_UNITS = {
    "ms": timedelta(milliseconds=1),
    "s": timedelta(seconds=1),
    "m": timedelta(minutes=1),
    "h": timedelta(hours=1),
}
_DURATION_PART = re.compile(r"([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)")


def parse_duration(v: str) -> timedelta:
    """Reads "15m", "168h", "1h30m" or "90s" (Go's notation)."""
    parts = list(_DURATION_PART.finditer(v))
    if not parts or "".join(p.group(0) for p in parts) != v:
        raise ValueError("want a duration such as 15m, 168h or 1h30m")
    total = sum((float(p.group(1)) * _UNITS[p.group(2)] for p in parts), timedelta())
    if total <= timedelta():
        raise ValueError("must be positive")
    return total
