"""config-env reads its configuration from the environment, refuses to
start when a required variable is missing or a value is wrong, and prints a
summary of what it will use with its secrets redacted."""

import os
import sys
from urllib.parse import urlsplit, urlunsplit


def load(env):
    """Reads the configuration from env and returns it with every problem
    found, not only the first."""
    # waymark:begin solution solve
    cfg = {"port": 8080, "log_level": "info",
           "database_url": env.get("DATABASE_URL", ""), "api_token": env.get("API_TOKEN", "")}
    problems = []
    if not cfg["database_url"]:
        problems.append("DATABASE_URL is required (for example postgres://user:password@host:5432/db)")
    if not cfg["api_token"]:
        problems.append("API_TOKEN is required")
    port = env.get("PORT", "")
    if port:
        if not (port.isdigit() and 1 <= int(port) <= 65535):
            problems.append(f"PORT must be a number from 1 to 65535, not {port!r}")
        else:
            cfg["port"] = int(port)
    level = env.get("LOG_LEVEL", "")
    if level:
        if level in ("debug", "info", "warn", "error"):
            cfg["log_level"] = level
        else:
            problems.append(f"LOG_LEVEL must be debug, info, warn or error, not {level!r}")
    return cfg, problems
    # waymark:stub
    # raise NotImplementedError("TODO(solve): not implemented yet")
    # waymark:end


def summary(cfg):
    """What the program prints once its configuration is good: one setting
    a line, no secret in it."""
    # waymark:begin solution solve
    try:
        u = urlsplit(cfg["database_url"])
        netloc = u.netloc
        if u.password is not None:
            user_host = netloc.rsplit("@", 1)
            netloc = f"{u.username}:xxxxx@{user_host[1]}"
        db_url = urlunsplit((u.scheme, netloc, u.path, u.query, u.fragment))
    except ValueError:
        db_url = "[unreadable]"  # even a URL that does not parse may hold a password
    return (f"port={cfg['port']}\nlog_level={cfg['log_level']}\n"
            f"database_url={db_url}\napi_token=[redacted]\n")
    # waymark:stub
    # raise NotImplementedError("TODO(solve): not implemented yet")
    # waymark:end


def main():
    cfg, problems = load(os.environ)
    if problems:
        for p in problems:
            print(f"config: {p}", file=sys.stderr)
        sys.exit(1)
    sys.stdout.write(summary(cfg))


if __name__ == "__main__":
    main()
