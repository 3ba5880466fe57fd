"""Reading and validating request bodies with pydantic models.

parse_body(Model) returns the validated body, or raises an ApiError: 400
when the body is not a JSON object, 422 naming every invalid field at once.
"""

import json
from collections.abc import Mapping
from typing import Annotated, Any, TypeVar

from flask import request
from pydantic import AfterValidator, BaseModel, ValidationError
from pydantic_core import ErrorDetails, PydanticCustomError

from .errors import ApiError, validation_failed
# waymark:begin solution hardening
from .hardening import unsafe_fields
# waymark:stub
# waymark:end

M = TypeVar("M", bound=BaseModel)


def parse_body(model: type[M]) -> M:
    """The request's JSON body validated by model."""
    body = json_object()
    # waymark:begin solution hardening
    # Every field at once, whatever the model: no NUL byte reaches the database.
    unsafe = unsafe_fields(body)
    if unsafe:
        raise validation_failed(unsafe)
    # waymark:stub
    # waymark:end
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
    inside = f"item {detail['loc'][1]} " if len(detail["loc"]) > 1 else ""
    ctx = detail.get("ctx", {})
    match detail["type"]:
        case "missing":
            return "is required"
        case "string_type":
            return inside + "must be a string"
        case "list_type":
            return "must be an array"
        case "literal_error":
            return "must be " + str(ctx.get("expected", "")).replace("'", "")
        case "too_long":
            return f"must have at most {ctx.get('max_length')} items"
        case _:
            return inside + detail["msg"]


def invalid(text: str) -> PydanticCustomError:
    """A validation error whose message is text, as it is: raise invalid("...")."""
    return PydanticCustomError("invalid", text)


def _required(value: str) -> str:
    if not value:
        raise invalid("is required")
    return value


Required = Annotated[str, AfterValidator(_required)]
"""A string that must be given and not empty."""
