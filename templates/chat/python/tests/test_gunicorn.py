"""gunicorn: its settings, and the real server starting and stopping."""

import logging
import runpy
import signal
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from chat_api.log import LOGGER_NAME
from conftest import CONF, GRACE, Gunicorn


@pytest.fixture
def conf(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[dict[str, object]]:
    """gunicorn.conf.py's settings, read as gunicorn reads them, with PORT=9123."""
    log = logging.getLogger(LOGGER_NAME)
    saved = (log.handlers[:], log.level, log.propagate)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PORT", "9123")
    monkeypatch.setenv("WS_MAX_CONNECTIONS", "40")
    try:
        yield runpy.run_path(str(CONF))
    finally:
        log.handlers[:], log.level, log.propagate = saved  # the file configures logging


def test_gunicorn_listens_on_port(conf: dict[str, object]) -> None:
    assert conf["bind"] == ["0.0.0.0:9123"]
    assert conf["wsgi_app"] == "chat_api.wsgi:app"


def test_gunicorn_keeps_threads_for_requests_beside_the_sockets(conf: dict[str, object]) -> None:
    assert conf["worker_class"] == "chat_api.worker.Worker"
    assert conf["threads"] == 40 + conf["HTTP_THREADS"]
    assert conf["worker_connections"] > conf["threads"]
    assert "workers" not in conf  # WEB_CONCURRENCY decides, one process by default
    assert conf["keepalive"] > 60  # longer than nginx's upstream keepalive
    assert conf["graceful_timeout"] == 10  # SHUTDOWN_TIMEOUT's default
    assert conf["control_socket_disable"] is True


def test_a_bad_setting_stops_gunicorn_with_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PORT", "eighty")
    with pytest.raises(SystemExit, match="PORT"):
        runpy.run_path(str(CONF))


def test_several_worker_processes_need_redis(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setenv("WEB_CONCURRENCY", "2")
    with pytest.raises(SystemExit, match="REDIS_URL"):
        runpy.run_path(str(CONF))


def test_several_worker_processes_share_rooms_through_redis(
    conf: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEB_CONCURRENCY", "2")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    assert runpy.run_path(str(CONF))["wsgi_app"] == "chat_api.wsgi:app"


def test_gunicorn_serves_and_stops_at_once_on_sigterm(gunicorn: Gunicorn) -> None:
    with urllib.request.urlopen(gunicorn.url + "/healthz", timeout=10) as res:  # noqa: S310
        assert res.status == 200
    started = time.monotonic()
    gunicorn.proc.send_signal(signal.SIGTERM)
    assert gunicorn.proc.wait(timeout=GRACE + 10) == 0
    waited = time.monotonic() - started
    assert waited < GRACE / 2, f"{waited:.1f} s: the stop waited out the graceful timeout"
