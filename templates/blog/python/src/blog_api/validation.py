"""Reading request bodies and validating them with pydantic models.

read_json() returns the body as a JSON object, or raises an ApiError: 400
when it is not one, 413 over the body limit, 422 for text the database
cannot store. validate(Model, data) returns the model, or raises one 422
naming every invalid field, in the RealWorld shape
{"errors": {"<field>": ["message"]}}.
"""

import json
from collections.abc import Mapping
from typing import Annotated, Any, TypeVar

from flask import request
from pydantic import AfterValidator, BaseModel, ValidationError
from pydantic_core import ErrorDetails, PydanticCustomError

from .errors import ApiError, fail, invalid
from .text import BAD_TEXT, bad_json_field

M = TypeVar("M", bound=BaseModel)
BLANK = "can't be blank"


def read_json() -> dict[str, Any]:
    """The request body parsed as a JSON object, whatever the Content-Type says."""
    raw = request.get_data(cache=True)  # over MAX_CONTENT_LENGTH: 413
    try:
        body = json.loads(raw, parse_constant=_refuse_constant) if raw.strip() else None
    except (ValueError, RecursionError) as err:  # RecursionError: absurdly deep nesting
        raise fail(422, "request body is not valid JSON") from err
    if not isinstance(body, dict):
        raise fail(422, "request body must be a JSON object")
    field = bad_json_field(body)
    if field is not None:
        raise invalid({field: [BAD_TEXT]})
    return body


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")  # json.loads would accept NaN and Infinity


def member(body: Mapping[str, Any], key: str) -> dict[str, Any]:
    """body[key], the object a RealWorld body wraps its fields in
    ({"user": {...}}): a missing one is empty, so that each required field
    inside is named; anything but an object is a 422 under key."""
    value = body.get(key, {})
    if not isinstance(value, dict):
        raise invalid({key: ["must be an object"]})
    return value


def check(model: type[M], data: Mapping[str, Any]) -> tuple[M | None, dict[str, list[str]]]:
    """data validated by model, or None with the messages of every invalid field."""
    try:
        return model.model_validate(data), {}
    except ValidationError as err:
        return None, field_errors(err)


def validate(model: type[M], data: Mapping[str, Any]) -> M:
    """data validated by model, or a 422 naming every invalid field."""
    value, errors = check(model, data)
    if value is None:
        raise ApiError(422, errors)
    return value


def field_errors(err: ValidationError) -> dict[str, list[str]]:
    """{field: [message]}, one message for each top-level field."""
    fields: dict[str, list[str]] = {}
    for detail in err.errors():
        loc = detail["loc"]
        fields.setdefault(str(loc[0]) if loc else "", [message(detail)])
    return fields


def message(detail: ErrorDetails) -> str:
    """An error in plain words, whichever validator found it."""
    match detail["type"]:
        case "missing":
            return BLANK
        case "string_type":
            return "must be a string"
        case "list_type":
            return "must be a list"
        case "too_long":
            return f"must have at most {detail.get('ctx', {}).get('max_length')} items"
        case _:
            return detail["msg"]


def text_error(text: str) -> PydanticCustomError:
    """A validation error whose message is text, as it is: raise text_error("...")."""
    return PydanticCustomError("invalid", text)


def _not_blank(value: str) -> str:
    value = value.strip()
    if not value:
        raise text_error(BLANK)
    return value


Required = Annotated[str, AfterValidator(_not_blank)]
"""A string that must be given and hold more than spaces; it is stripped."""
