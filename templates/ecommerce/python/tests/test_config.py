import stat
from datetime import timedelta
from pathlib import Path

import pytest

from ecommerce_api.config import ConfigError, load_settings, parse_duration
from ecommerce_api.db import sqlite_path

SECRETS = {"JWT_SECRET": "a", "WEBHOOK_SECRET": "b"}


def test_defaults(tmp_path: Path) -> None:
    s = load_settings(SECRETS, tmp_path / ".env")
    assert s.port == 8080
    assert s.database_url == "sqlite://./data/shop.db"
    assert s.token_ttl == timedelta(minutes=15)
    assert s.currency == "EUR"
    assert s.bcrypt_cost == 10
    assert s.generated == ()
    assert not s.trust_proxy
    assert not s.production


def test_development_generates_both_secrets_into_dotenv_once(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    first = load_settings({}, dotenv)
    assert first.generated == ("JWT_SECRET", "WEBHOOK_SECRET")
    assert len(first.jwt_secret) == 64
    assert first.webhook_secret != first.jwt_secret
    assert stat.S_IMODE(dotenv.stat().st_mode) == 0o600
    second = load_settings({}, dotenv)
    assert second.generated == ()
    assert (second.jwt_secret, second.webhook_secret) == (first.jwt_secret, first.webhook_secret)


def test_the_environment_wins_over_dotenv(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text('# comment\nPORT=9000\nexport STORE_CURRENCY="usd"\nJWT_SECRET=file\n')
    s = load_settings({"PORT": "9100", "WEBHOOK_SECRET": "b"}, dotenv)
    assert s.port == 9100
    assert s.currency == "USD"
    assert s.jwt_secret == "file"


@pytest.mark.parametrize(
    "env",
    [
        {"APP_ENV": "production", "JWT_SECRET": "short", "WEBHOOK_SECRET": "x" * 32},
        {"APP_ENV": "production", "JWT_SECRET": "x" * 32},
    ],
)
def test_production_needs_long_secrets(tmp_path: Path, env: dict[str, str]) -> None:
    with pytest.raises(ConfigError, match="SECRET"):
        load_settings(env, tmp_path / ".env")
    assert not (tmp_path / ".env").exists()


def test_bad_settings_are_all_reported(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as err:
        load_settings(
            {**SECRETS, "PORT": "x", "LOG_FORMAT": "xml", "ADMIN_EMAIL": "a@b.c"},
            tmp_path / ".env",
        )
    for key in ("PORT", "LOG_FORMAT", "ADMIN_PASSWORD"):
        assert key in str(err.value)


def test_access_tokens_are_short_lived(tmp_path: Path) -> None:
    assert load_settings({**SECRETS, "TOKEN_TTL": "1h"}, tmp_path / ".env").token_ttl == timedelta(
        hours=1
    )
    with pytest.raises(ConfigError, match="TOKEN_TTL"):
        load_settings({**SECRETS, "TOKEN_TTL": "24h"}, tmp_path / ".env")


@pytest.mark.parametrize(("value", "want"), [("1", True), ("true", True), ("0", False)])
def test_trust_proxy_is_1_or_0(tmp_path: Path, value: str, want: bool) -> None:
    s = load_settings({**SECRETS, "TRUST_PROXY": value}, tmp_path / ".env")
    assert s.trust_proxy is want
    with pytest.raises(ConfigError, match="TRUST_PROXY"):
        load_settings({**SECRETS, "TRUST_PROXY": "maybe"}, tmp_path / ".env")


def test_the_admin_email_is_lower_cased_and_the_currency_checked(tmp_path: Path) -> None:
    env = {**SECRETS, "ADMIN_EMAIL": " Boss@Example.com ", "ADMIN_PASSWORD": "long-enough"}
    assert load_settings(env, tmp_path / ".env").admin_email == "boss@example.com"
    with pytest.raises(ConfigError, match="STORE_CURRENCY"):
        load_settings({**SECRETS, "STORE_CURRENCY": "euro"}, tmp_path / ".env")


def test_durations_use_go_notation() -> None:
    assert parse_duration("15m") == timedelta(minutes=15)
    assert parse_duration("1h30m") == timedelta(minutes=90)
    for bad in ["15", "0s", "1d", "m15"]:
        with pytest.raises(ValueError):
            parse_duration(bad)


def test_sqlite_urls() -> None:
    assert sqlite_path("sqlite://./data/shop.db") == "./data/shop.db"
    assert sqlite_path("sqlite:///srv/shop/x.db") == "/srv/shop/x.db"
    with pytest.raises(ValueError, match="file"):
        sqlite_path("sqlite::memory:")
