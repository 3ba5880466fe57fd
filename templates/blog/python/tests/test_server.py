import logging
import runpy
from collections.abc import Iterator
from pathlib import Path

import pytest

from blog_api.log import LOGGER_NAME

CONF = Path(__file__).resolve().parents[1] / "gunicorn.conf.py"


@pytest.fixture
def conf(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[dict[str, object]]:
    """gunicorn.conf.py's settings, read as gunicorn reads them, with PORT=9123."""
    log = logging.getLogger(LOGGER_NAME)
    saved = (log.handlers[:], log.level, log.propagate)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PORT", "9123")
    monkeypatch.setenv("JWT_SECRET", "a-secret-for-this-test-only")
    try:
        yield runpy.run_path(str(CONF))
    finally:
        log.handlers[:], log.level, log.propagate = saved  # the file configures logging


def test_gunicorn_listens_on_port(conf: dict[str, object]) -> None:
    assert conf["bind"] == ["0.0.0.0:9123"]
    assert conf["wsgi_app"] == "blog_api.wsgi:app"


def test_gunicorn_serves_with_threads_and_deliberate_timeouts(conf: dict[str, object]) -> None:
    assert conf["worker_class"] == "gthread"
    assert conf["threads"] >= 2
    assert "workers" not in conf  # WEB_CONCURRENCY decides, one process by default
    assert conf["keepalive"] > 60  # longer than nginx's upstream keepalive
    assert conf["timeout"] <= 60
    assert conf["graceful_timeout"] == 10  # SHUTDOWN_TIMEOUT's default
    assert conf["control_socket_disable"] is True


def test_a_bad_setting_stops_gunicorn_with_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PORT", "eighty")
    with pytest.raises(SystemExit, match="PORT"):
        runpy.run_path(str(CONF))
