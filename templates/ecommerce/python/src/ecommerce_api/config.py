"""Settings from the environment and the .env file (the environment wins)."""

import os
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

LOG_FORMATS = ("text", "json")
LOG_LEVELS = ("debug", "info", "warn", "error")
APP_ENVS = ("development", "production")
MIN_PRODUCTION_SECRET = 32
MAX_TOKEN_TTL = timedelta(hours=1)
"""An access token cannot be revoked, so it lives briefly."""

# The secrets a development server may invent for itself (and keep in .env).
GENERATED_SECRETS = {"JWT_SECRET": "jwt_secret", "WEBHOOK_SECRET": "webhook_secret"}

T = TypeVar("T")


class ConfigError(Exception):
    """A setting is missing or wrong; the message names every problem."""


@dataclass(frozen=True)
class Settings:
    """Everything the server reads from its environment."""

    env: str = "development"
    port: int = 8080
    database_url: str = "sqlite://./data/shop.db"
    jwt_secret: str = ""
    # The payment provider signs its webhooks with this key.
    webhook_secret: str = ""
    token_ttl: timedelta = timedelta(minutes=15)
    # TRUST_PROXY=1: a reverse proxy the operator runs is in front, so the
    # client's address is the last X-Forwarded-For hop. Never set it without
    # such a proxy, or anyone can choose their own address.
    trust_proxy: bool = False
    # The first admin, created at start (both or neither).
    admin_email: str = ""
    admin_password: str = ""
    # The one currency the store sells in (ISO 4217).
    currency: str = "EUR"
    bcrypt_cost: int = 10
    log_format: str = "text"
    log_level: str = "info"
    shutdown_timeout: timedelta = timedelta(seconds=10)
    # The secrets this load generated and wrote into .env.
    generated: tuple[str, ...] = ()

    @property
    def production(self) -> bool:
        """In production nothing is generated or seeded for convenience."""
        return self.env == "production"


def load_settings(
    env: Mapping[str, str] | None = None, dotenv_path: str | Path = ".env"
) -> Settings:
    """Reads the settings from env (os.environ by default), then from the .env
    file at dotenv_path. Outside production, a missing JWT_SECRET or
    WEBHOOK_SECRET is generated and appended to .env (created with mode 0600),
    so that tokens and signatures survive restarts. Raises ConfigError
    listing every bad setting at once."""
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
        webhook_secret=get("WEBHOOK_SECRET") or "",
        token_ttl=parse("TOKEN_TTL", Settings.token_ttl, token_ttl),
        trust_proxy=parse("TRUST_PROXY", False, on_off),
        admin_email=(get("ADMIN_EMAIL") or "").strip().lower(),
        admin_password=get("ADMIN_PASSWORD") or "",
        currency=parse("STORE_CURRENCY", "EUR", currency),
        bcrypt_cost=parse("BCRYPT_COST", 10, lambda v: integer(v, 4, 31)),
        log_format=choice("LOG_FORMAT", "text", LOG_FORMATS),
        log_level=choice("LOG_LEVEL", "info", LOG_LEVELS),
        shutdown_timeout=parse("SHUTDOWN_TIMEOUT", Settings.shutdown_timeout, parse_duration),
    )
    if bool(settings.admin_email) != bool(settings.admin_password):
        errors.append("set both ADMIN_EMAIL and ADMIN_PASSWORD, or neither")
    if errors:
        raise ConfigError("configuration: " + "; ".join(errors))

    generated: list[str] = []
    for key, field in GENERATED_SECRETS.items():
        value: str = getattr(settings, field)
        if settings.production:
            if len(value.encode()) < MIN_PRODUCTION_SECRET:
                raise ConfigError(
                    f"APP_ENV=production needs {key} of at least {MIN_PRODUCTION_SECRET} bytes "
                    "(try: openssl rand -hex 32)"
                )
        elif not value:
            settings = replace(settings, **{field: _append_dev_secret(Path(dotenv_path), key)})
            generated.append(key)
    return replace(settings, generated=tuple(generated))


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


def _append_dev_secret(path: Path, key: str) -> str:
    secret = secrets.token_hex(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as f:
            f.write(
                "\n# Generated on first run for development; never commit this file.\n"
                f"{key}={secret}\n"
            )
    except OSError as err:
        raise ConfigError(
            f"save a development {key} to {path}: {err} (or set {key} yourself)"
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


def currency(v: str) -> str:
    code = v.upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise ValueError("want a three-letter ISO 4217 code such as EUR")
    return code


def token_ttl(v: str) -> timedelta:
    ttl = parse_duration(v)
    if ttl > MAX_TOKEN_TTL:
        raise ValueError("at most 1h (an access token cannot be revoked, so it lives briefly)")
    return ttl


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
        raise ValueError("want a duration such as 15m, 1h or 1h30m")
    total = sum((float(p.group(1)) * _UNITS[p.group(2)] for p in parts), timedelta())
    if total <= timedelta():
        raise ValueError("must be positive")
    return total
