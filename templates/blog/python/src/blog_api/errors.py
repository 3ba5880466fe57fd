"""JSON errors in the specification's GenericErrorModel:
{"errors": {"body": ["message", ...]}}. Messages are collected per field
("": about no field in particular) and flattened by messages(). Never a
stack trace."""

from collections.abc import Mapping, Sequence

from flask import Blueprint, Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from .log import get_logger

FieldErrors = Mapping[str, Sequence[str]]


class ApiError(Exception):
    """Raise it anywhere in a request to answer status with {"errors": errors}."""

    def __init__(self, status: int, errors: FieldErrors, headers: Mapping[str, str] | None = None):
        super().__init__(f"{status}: {dict(errors)}")
        self.status = status
        self.errors = {field: list(messages) for field, messages in errors.items()}
        self.headers = dict(headers or {})


def fail(status: int, message: str, headers: Mapping[str, str] | None = None) -> ApiError:
    """status with one message about no field: raise fail(403, "...")."""
    return ApiError(status, {"": [message]}, headers)


def invalid(errors: FieldErrors) -> ApiError:
    """422 with the messages of every invalid field: raise invalid({"email": [...]})."""
    return ApiError(422, errors)


def not_found(what: str) -> ApiError:
    """404 with the message "<what> not found"."""
    return ApiError(404, {what: ["not found"]})


def messages(errors: FieldErrors) -> list[str]:
    """The GenericErrorModel's one list: a field's message is prefixed with
    the field's name ("email can't be blank"), the fields in alphabetical
    order; "" is about no field in particular and keeps its message."""
    return [
        message if field == "" else f"{field} {message}"
        for field in sorted(errors)
        for message in errors[field]
    ]


def error_response(status: int, errors: FieldErrors) -> Response:
    response = jsonify(errors={"body": messages(errors)})
    response.status_code = status
    return response


# What the client is told for the errors Flask and Werkzeug raise themselves.
_MESSAGES = {
    400: "bad request",
    404: "not found",
    405: "method not allowed",
    413: "request body is too large",
}


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def api_error(err: ApiError) -> Response:
        response = error_response(err.status, err.errors)
        response.headers.update(err.headers)
        return response

    @app.errorhandler(HTTPException)
    def http_error(err: HTTPException) -> Response:
        status = err.code or 500
        response = error_response(status, {"": [_MESSAGES.get(status, err.name.lower())]})
        allow = dict(err.get_headers()).get("Allow")
        if allow:  # a 405 says which methods there are
            response.headers["Allow"] = allow
        return response

    @app.errorhandler(Exception)
    def unexpected(err: Exception) -> Response:
        get_logger().error(
            "request failed", exc_info=err, extra={"method": request.method, "path": request.path}
        )
        return error_response(500, {"": ["internal server error"]})


def not_implemented_routes(
    milestone: str, url_prefix: str, endpoints: list[tuple[str, str]]
) -> Blueprint:
    """A blueprint whose endpoints ([("POST", "/login"), ...]; "" is the prefix
    itself) all answer 501 {"error": "not implemented", "milestone": milestone}.
    Replace it with the real blueprint."""
    bp = Blueprint(f"{milestone}_not_implemented", __name__, url_prefix=url_prefix)

    def not_implemented(**_: str) -> tuple[Response, int]:
        return jsonify(error="not implemented", milestone=milestone), 501

    for method, path in endpoints:
        endpoint = f"{method.lower()}{path}".replace(".", "_")  # no dots in an endpoint's name
        bp.add_url_rule(path, endpoint, not_implemented, methods=[method])
    return bp
