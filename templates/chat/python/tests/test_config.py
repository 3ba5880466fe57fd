from datetime import timedelta
from pathlib import Path

import pytest

from chat_api.config import ConfigError, load_settings, parse_duration
from chat_api.db import sqlite_path


def test_defaults(tmp_path: Path) -> None:
    s = load_settings({}, tmp_path / ".env")
    assert s.port == 8080
    assert s.database_url == "sqlite://./data/chat.db"
    assert s.redis_url == ""
    assert s.allowed_origins == ()
    assert s.session_ttl == timedelta(days=7)
    assert s.bcrypt_cost == 10
    assert s.ws_max_connections == 200
    assert not s.trust_proxy


def test_values_from_the_environment(tmp_path: Path) -> None:
    s = load_settings(
        {
            "REDIS_URL": "redis://127.0.0.1:6379/0",
            "ALLOWED_ORIGINS": "chat.example.com, *.Example.org",
            "SESSION_TTL": "1h",
            "WS_MAX_CONNECTIONS": "50",
        },
        tmp_path / ".env",
    )
    assert s.redis_url == "redis://127.0.0.1:6379/0"
    assert s.allowed_origins == ("chat.example.com", "*.example.org")
    assert s.session_ttl == timedelta(hours=1)
    assert s.ws_max_connections == 50


def test_sessions_always_expire_within_30_days(tmp_path: Path) -> None:
    assert load_settings({"SESSION_TTL": "720h"}, tmp_path / ".env").session_ttl.days == 30
    for bad in ["721h", "0s", "forever"]:
        with pytest.raises(ConfigError, match="SESSION_TTL"):
            load_settings({"SESSION_TTL": bad}, tmp_path / ".env")


def test_redis_url_needs_the_redis_scheme(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="REDIS_URL"):
        load_settings({"REDIS_URL": "localhost:6379"}, tmp_path / ".env")


@pytest.mark.parametrize(("value", "want"), [("1", True), ("true", True), ("0", False)])
def test_trust_proxy_is_1_or_0(tmp_path: Path, value: str, want: bool) -> None:
    assert load_settings({"TRUST_PROXY": value}, tmp_path / ".env").trust_proxy is want


def test_trust_proxy_refuses_other_words(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="TRUST_PROXY"):
        load_settings({"TRUST_PROXY": "yes"}, tmp_path / ".env")


def test_the_environment_wins_over_dotenv(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text('# comment\nPORT=9000\nexport LOG_LEVEL="debug"\nBCRYPT_COST=12\n')
    s = load_settings({"PORT": "9100"}, dotenv)
    assert s.port == 9100
    assert s.log_level == "debug"
    assert s.bcrypt_cost == 12


def test_bad_settings_are_all_reported(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as err:
        load_settings({"PORT": "eighty", "WS_MAX_CONNECTIONS": "0"}, tmp_path / ".env")
    assert "PORT" in str(err.value)
    assert "WS_MAX_CONNECTIONS" in str(err.value)


def test_durations_use_go_notation() -> None:
    assert parse_duration("15m") == timedelta(minutes=15)
    assert parse_duration("1h30m") == timedelta(minutes=90)
    for bad in ["15", "0s", "1d", "m15"]:
        with pytest.raises(ValueError):
            parse_duration(bad)


def test_sqlite_urls() -> None:
    assert sqlite_path("sqlite://./data/chat.db") == "./data/chat.db"
    assert sqlite_path("sqlite:///srv/chat/x.db") == "/srv/chat/x.db"
    with pytest.raises(ValueError, match="file"):
        sqlite_path("sqlite::memory:")
