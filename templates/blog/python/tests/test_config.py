import stat
from datetime import timedelta
from pathlib import Path

import pytest

from blog_api.config import ConfigError, load_settings, parse_duration
from blog_api.db import sqlite_path


def test_defaults(tmp_path: Path) -> None:
    s = load_settings({"JWT_SECRET": "s"}, tmp_path / ".env")
    assert s.port == 8080
    assert s.database_url == "sqlite://./data/blog.db"
    assert s.token_ttl == timedelta(hours=24)
    assert s.session_ttl == timedelta(hours=8)
    assert s.bcrypt_cost == 10
    assert (s.admin_email, s.admin_password, s.admin_username) == ("", "", "admin")
    assert not s.generated_secret
    assert not s.trust_proxy


def test_the_admin_settings(tmp_path: Path) -> None:
    s = load_settings(
        {
            "JWT_SECRET": "s",
            "ADMIN_EMAIL": " Admin@Blog.Test ",
            "ADMIN_PASSWORD": "long enough",
            "ADMIN_USERNAME": "chief",
        },
        tmp_path / ".env",
    )
    assert (s.admin_email, s.admin_password, s.admin_username) == (
        "admin@blog.test",
        "long enough",
        "chief",
    )
    assert "long enough" not in repr(s) and "JWT_SECRET" not in repr(s)


@pytest.mark.parametrize(
    ("env", "problem"),
    [
        ({"ADMIN_EMAIL": "a@b.test"}, "together"),
        ({"ADMIN_PASSWORD": "long enough"}, "together"),
        ({"ADMIN_EMAIL": "a@b.test", "ADMIN_PASSWORD": "short"}, "ADMIN_PASSWORD"),
        ({"ADMIN_EMAIL": "a@b.test", "ADMIN_PASSWORD": "x" * 73}, "ADMIN_PASSWORD"),
        ({"ADMIN_USERNAME": "the boss"}, "ADMIN_USERNAME"),
    ],
)
def test_bad_admin_settings_are_refused(tmp_path: Path, env: dict[str, str], problem: str) -> None:
    with pytest.raises(ConfigError, match=problem):
        load_settings({"JWT_SECRET": "s", **env}, tmp_path / ".env")


@pytest.mark.parametrize(("value", "want"), [("1", True), ("true", True), ("0", False)])
def test_trust_proxy_is_1_or_0(tmp_path: Path, value: str, want: bool) -> None:
    assert (
        load_settings({"JWT_SECRET": "s", "TRUST_PROXY": value}, tmp_path / ".env").trust_proxy
        is want
    )


def test_trust_proxy_refuses_other_words(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="TRUST_PROXY"):
        load_settings({"JWT_SECRET": "s", "TRUST_PROXY": "yes"}, tmp_path / ".env")


def test_a_development_secret_is_generated_into_dotenv_and_reused(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    first = load_settings({}, dotenv)
    assert first.generated_secret
    assert len(first.jwt_secret) == 64
    assert stat.S_IMODE(dotenv.stat().st_mode) == 0o600
    second = load_settings({}, dotenv)
    assert second.jwt_secret == first.jwt_secret
    assert not second.generated_secret


def test_the_environment_wins_over_dotenv(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text('# comment\nPORT=9000\nexport LOG_LEVEL="debug"\nJWT_SECRET=from-file\n')
    s = load_settings({"PORT": "9100"}, dotenv)
    assert s.port == 9100
    assert s.log_level == "debug"
    assert s.jwt_secret == "from-file"


def test_bad_settings_are_all_reported(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as err:
        load_settings({"PORT": "eighty", "TOKEN_TTL": "soon", "JWT_SECRET": "s"}, tmp_path / ".env")
    assert "PORT" in str(err.value)
    assert "TOKEN_TTL" in str(err.value)


@pytest.mark.parametrize(
    "env", [{"APP_ENV": "production", "JWT_SECRET": "short"}, {"APP_ENV": "production"}]
)
def test_production_refuses_a_short_or_missing_secret(tmp_path: Path, env: dict[str, str]) -> None:
    with pytest.raises(ConfigError, match="JWT_SECRET"):
        load_settings(env, tmp_path / ".env")
    assert not (tmp_path / ".env").exists()


def test_durations_use_go_notation() -> None:
    assert parse_duration("24h") == timedelta(hours=24)
    assert parse_duration("1h30m") == timedelta(minutes=90)
    assert parse_duration("500ms") == timedelta(milliseconds=500)
    for bad in ["15", "0s", "1d", "m15"]:
        with pytest.raises(ValueError):
            parse_duration(bad)


def test_sqlite_urls() -> None:
    assert sqlite_path("sqlite://./data/blog.db") == "./data/blog.db"
    assert sqlite_path("sqlite:///srv/blog/x.db") == "/srv/blog/x.db"
    with pytest.raises(ValueError, match="file"):
        sqlite_path("sqlite::memory:")
