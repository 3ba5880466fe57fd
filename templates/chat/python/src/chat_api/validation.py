"""Reading and validating request bodies with pydantic models, and refusing
text the database cannot store.

parse_body(Model) returns the validated body, or raises an ApiError: 400
when the body is not a JSON object, 422 naming every invalid field at once.
"""

import json
from collections.abc import Mapping
from typing import Any, TypeVar

from flask import request
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails, PydanticCustomError

from .errors import ApiError, validation_failed

M = TypeVar("M", bound=BaseModel)

UNSAFE_TEXT = "must be UTF-8 text without NUL bytes"


def parse_body(model: type[M]) -> M:
    """The request's JSON body validated by model."""
    body = json_object()
    # Every field at once, whatever the model: no NUL byte reaches the database.
    unsafe = unsafe_fields(body)
    if unsafe:
        raise validation_failed(unsafe)
    return validate(model, body)


def json_object() -> dict[str, Any]:
    """The request body parsed as a JSON object, whatever the Content-Type says."""
    raw = request.get_data(cache=True)  # over MAX_CONTENT_LENGTH: 413
    try:
        body = json.loads(raw, parse_constant=_refuse_constant) if raw.strip() else None
    except (ValueError, RecursionError) as err:  # RecursionError: absurdly deep nesting
        raise ApiError(400, "request body is not valid JSON") from err
    if not isinstance(body, dict):
        raise ApiError(400, "request body must be a JSON object")
    return body


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")  # json.loads would accept NaN and Infinity


def validate(model: type[M], data: Mapping[str, Any]) -> M:
    """data validated by model, or a 422 naming every invalid field."""
    try:
        return model.model_validate(data)
    except ValidationError as err:
        raise validation_failed(field_errors(err)) from err


def field_errors(err: ValidationError) -> dict[str, str]:
    """{field: message}, the first message of each top-level field."""
    fields: dict[str, str] = {}
    for detail in err.errors():
        loc = detail["loc"]
        fields.setdefault(str(loc[0]) if loc else "body", message(detail))
    return fields


def message(detail: ErrorDetails) -> str:
    """An error in plain words, whichever validator found it."""
    match detail["type"]:
        case "missing":
            return "is required"
        case "string_type":
            return "must be a string"
        case _:
            return detail["msg"]


def invalid(text: str) -> PydanticCustomError:
    """A validation error whose message is text, as it is: raise invalid("...")."""
    return PydanticCustomError("invalid", text)


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
