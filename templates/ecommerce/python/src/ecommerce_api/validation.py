"""Reading and validating request bodies with pydantic models.

parse_body(Model) returns the validated body, or raises an ApiError: 400
when the body is not a JSON object, 422 naming every invalid field at once.
(hardening.py has already refused a body holding a NUL byte.)
"""

import json
from collections.abc import Mapping
from typing import Any, TypeVar

from flask import g, request
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails, PydanticCustomError

from .errors import ApiError, validation_failed

M = TypeVar("M", bound=BaseModel)

_NO_BODY = object()


def request_json() -> Any:
    """The request body parsed as JSON, whatever the Content-Type says (None
    when there is no body), parsed once per request."""
    body = g.get("json_body", _NO_BODY)
    if body is _NO_BODY:
        raw = request.get_data(cache=True)  # over MAX_CONTENT_LENGTH: 413
        try:
            body = json.loads(raw, parse_constant=_refuse_constant) if raw.strip() else None
        except (ValueError, RecursionError) as err:  # RecursionError: absurdly deep nesting
            raise ApiError(400, "request body is not valid JSON") from err
        g.json_body = body
    return body


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")  # json.loads would accept NaN and Infinity


def json_object(*, optional: bool = False) -> dict[str, Any]:
    """The body as a JSON object; with optional, no body at all counts as {}."""
    body = request_json()
    if body is None and optional:
        return {}
    if not isinstance(body, dict):
        raise ApiError(400, "request body must be a JSON object")
    return body


def parse_body(model: type[M], *, optional: bool = False) -> M:
    """The request's JSON body validated by model. Fields the model does not
    name (a "role", a "total") are ignored."""
    return validate(model, json_object(optional=optional))


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
    inside = f"item {detail['loc'][1]} " if len(detail["loc"]) > 1 else ""
    ctx = detail.get("ctx", {})
    match detail["type"]:
        case "missing":
            return inside + "is required"
        case "string_type":
            return inside + "must be a string"
        case "int_type" | "int_from_float" | "int_parsing":
            return inside + "must be a whole number"
        case "list_type":
            return "must be an array"
        case "model_type" | "dict_type":
            return inside + "must be an object"
        case "literal_error":
            return "must be " + str(ctx.get("expected", "")).replace("'", "")
        case "too_long":
            return f"must have at most {ctx.get('max_length')} items"
        case "too_short":
            return f"must have at least {ctx.get('min_length')} item"
        case _:
            return inside + detail["msg"]


def invalid(text: str) -> PydanticCustomError:
    """A validation error whose message is text, as it is: raise invalid("...")."""
    return PydanticCustomError("invalid", text)
