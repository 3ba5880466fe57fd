"""The hardening a service on the internet needs: security headers, a body
size limit, rate limits (ratelimit.py) and no text the database cannot store."""

from dataclasses import dataclass
from typing import Any

from flask import Flask, Response, current_app, request

from .clock import Clock
from .errors import ApiError, validation_failed
from .ratelimit import (
    PERIOD_SECONDS,
    REGISTRATIONS_PER_ADDRESS,
    LoginGuard,
    TokenBucket,
    retry_after_seconds,
)

MAX_BODY_BYTES = 1024 * 1024
"""Request bodies over 1 MiB answer 413."""

SECURITY_HEADERS = {
    # An API that serves JSON only: no MIME sniffing, never framed, no
    # referrer, nothing cached, no scripts.
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

UNSAFE_TEXT = "must be UTF-8 text without NUL bytes"

_KEY = "tasks_api.rate_limits"


@dataclass(frozen=True)
class RateLimits:
    """Failed logins per (email, address) pair and per address; sign-ups per address."""

    logins: LoginGuard
    signups: TokenBucket


def init_hardening(app: Flask, clock: Clock) -> None:
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.before_request(refuse_unsafe_urls)
    app.after_request(set_security_headers)
    app.extensions[_KEY] = RateLimits(
        logins=LoginGuard(clock),
        signups=TokenBucket(REGISTRATIONS_PER_ADDRESS, PERIOD_SECONDS, clock),
    )


def rate_limits() -> RateLimits:
    """The running app's rate limits."""
    return current_app.extensions[_KEY]


def client_address() -> str:
    """The address a request's rate limits count against: the connection's peer,
    or with TRUST_PROXY=1 the last X-Forwarded-For hop (create_app's ProxyFix)."""
    return request.remote_addr or ""


def too_many_requests(retry_after: float, message: str) -> ApiError:
    """429 telling the client how long to wait: raise too_many_requests(...)."""
    return ApiError(429, message, headers={"Retry-After": str(retry_after_seconds(retry_after))})


def set_security_headers(response: Response) -> Response:
    response.headers.update(SECURITY_HEADERS)
    return response


def safe_text(s: str) -> bool:
    """Whether s can be stored as text. PostgreSQL refuses a NUL byte with an
    error (SQLSTATE 22021), SQLite stores it, which is no better; and a lone
    surrogate ("\\ud800" in JSON) is not UTF-8 at all."""
    if "\x00" in s:
        return False
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _safe_value(value: Any) -> bool:
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, list):
        return all(_safe_value(v) for v in value)
    if isinstance(value, dict):
        return all(safe_text(k) and _safe_value(v) for k, v in value.items())
    return True


def unsafe_fields(body: dict[str, Any]) -> dict[str, str]:
    """{field: message} for each top-level field of a JSON body whose value
    holds unsafe text anywhere ("body" for one in a key)."""
    fields: dict[str, str] = {}
    for key, value in body.items():
        if not safe_text(key):
            fields["body"] = "field names " + UNSAFE_TEXT
        elif not _safe_value(value):
            fields[key] = UNSAFE_TEXT
    return fields


def refuse_unsafe_urls() -> None:
    """Answers 400 for a path, and 422 naming the parameter for a query string,
    holding a NUL byte, before any view can pass it to the database. (Werkzeug
    has already turned invalid UTF-8 into U+FFFD.)"""
    if not safe_text(request.path):
        raise ApiError(400, "the path " + UNSAFE_TEXT)
    fields: dict[str, str] = {}
    for key, value in request.args.items(multi=True):
        if not safe_text(key):
            fields["query"] = "parameter names " + UNSAFE_TEXT
        elif not safe_text(value):
            fields[key] = UNSAFE_TEXT
    if fields:
        raise validation_failed(fields)
