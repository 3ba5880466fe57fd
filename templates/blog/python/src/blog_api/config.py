"""Settings from the environment and the .env file (the environment wins)."""

import os
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

from .store.models import USERNAME, USERNAME_RULE

LOG_FORMATS = ("text", "json")
LOG_LEVELS = ("debug", "info", "warn", "error")
APP_ENVS = ("development", "production")
MIN_PRODUCTION_SECRET = 32
MIN_ADMIN_PASSWORD = 8
MAX_ADMIN_PASSWORD_BYTES = 72  # what bcrypt reads

T = TypeVar("T")


class ConfigError(Exception):
    """A setting is missing or wrong; the message names every problem."""


@dataclass(frozen=True)
class Settings:
    """Everything the server reads from its environment."""

    env: str = "development"
    port: int = 8080
    database_url: str = "sqlite://./data/blog.db"
    jwt_secret: str = field(default="", repr=False)
    token_ttl: timedelta = timedelta(hours=24)
    session_ttl: timedelta = timedelta(hours=8)
    bcrypt_cost: int = 10
    # The first admin, created at start when no account has admin_email
    # (first_admin.py). Both or neither; admin_email is stored lower-cased.
    admin_email: str = ""
    admin_password: str = field(default="", repr=False)
    admin_username: str = "admin"
    log_format: str = "text"
    log_level: str = "info"
    shutdown_timeout: timedelta = timedelta(seconds=10)
    # TRUST_PROXY=1: a reverse proxy the operator runs is in front, so the
    # client's address is the last X-Forwarded-For hop. Never set it without
    # such a proxy, or anyone can choose their own address.
    trust_proxy: bool = False
    # True when this load wrote a new development JWT_SECRET into .env.
    generated_secret: bool = False


def load_settings(
    env: Mapping[str, str] | None = None, dotenv_path: str | Path = ".env"
) -> Settings:
    """Reads the settings from env (os.environ by default), then from the .env
    file at dotenv_path. Without JWT_SECRET, outside production, it generates a
    random development secret and appends it to .env (created with mode 0600),
    so that tokens survive restarts. Raises ConfigError listing every bad
    setting at once."""
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
        jwt_secret=get("JWT_SECRET") or "",
        token_ttl=parse("TOKEN_TTL", Settings.token_ttl, parse_duration),
        session_ttl=parse("SESSION_TTL", Settings.session_ttl, parse_duration),
        bcrypt_cost=parse("BCRYPT_COST", 10, lambda v: integer(v, 4, 31)),
        admin_email=(get("ADMIN_EMAIL") or "").strip().lower(),
        admin_password=get("ADMIN_PASSWORD") or "",
        admin_username=(get("ADMIN_USERNAME") or "").strip() or Settings.admin_username,
        log_format=choice("LOG_FORMAT", "text", LOG_FORMATS),
        log_level=choice("LOG_LEVEL", "info", LOG_LEVELS),
        shutdown_timeout=parse("SHUTDOWN_TIMEOUT", Settings.shutdown_timeout, parse_duration),
        trust_proxy=parse("TRUST_PROXY", False, on_off),
    )
    if not USERNAME.fullmatch(settings.admin_username):
        errors.append(f"ADMIN_USERNAME={settings.admin_username!r}: {USERNAME_RULE}")
    if bool(settings.admin_email) != bool(settings.admin_password):
        errors.append("set ADMIN_EMAIL and ADMIN_PASSWORD together, or neither")
    elif settings.admin_password and (
        len(settings.admin_password) < MIN_ADMIN_PASSWORD
        or len(settings.admin_password.encode()) > MAX_ADMIN_PASSWORD_BYTES
    ):
        errors.append(
            f"ADMIN_PASSWORD: want {MIN_ADMIN_PASSWORD} characters"
            f" to {MAX_ADMIN_PASSWORD_BYTES} bytes"
        )
    if errors:
        raise ConfigError("configuration: " + "; ".join(errors))

    if settings.env == "production":
        if len(settings.jwt_secret.encode()) < MIN_PRODUCTION_SECRET:
            raise ConfigError(
                f"APP_ENV=production needs JWT_SECRET of at least {MIN_PRODUCTION_SECRET} bytes "
                "(try: openssl rand -hex 32)"
            )
    elif not settings.jwt_secret:
        secret = _append_dev_secret(Path(dotenv_path))
        settings = Settings(**{**vars(settings), "jwt_secret": secret, "generated_secret": True})
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


def _append_dev_secret(path: Path) -> str:
    secret = secrets.token_hex(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as f:
            f.write(
                "\n# Generated on first run for development; never commit this file.\n"
                f"JWT_SECRET={secret}\n"
            )
    except OSError as err:
        raise ConfigError(
            f"save a development JWT_SECRET to {path}: {err} (or set JWT_SECRET yourself)"
        ) from err
    return secret


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
