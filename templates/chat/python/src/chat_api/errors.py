"""JSON errors: every failure is answered {"error": "..."}, never a stack trace."""

from collections.abc import Mapping

from flask import Blueprint, Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from .log import get_logger


class ApiError(Exception):
    """Raise it anywhere in a request to answer status with {"error": message, **extra}."""

    def __init__(
        self,
        status: int,
        message: str,
        headers: Mapping[str, str] | None = None,
        **extra: object,
    ):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})
        self.extra = extra


def validation_failed(fields: Mapping[str, str]) -> ApiError:
    """422 with one message per invalid field: raise validation_failed({...})."""
    return ApiError(422, "validation failed", fields=dict(fields))


def error_response(status: int, message: str, **extra: object) -> Response:
    response = jsonify({"error": message, **extra})
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
        response = error_response(err.status, err.message, **err.extra)
        response.headers.update(err.headers)
        return response

    @app.errorhandler(HTTPException)
    def http_error(err: HTTPException) -> Response:
        status = err.code or 500
        response = error_response(status, _MESSAGES.get(status, err.name.lower()))
        allow = dict(err.get_headers()).get("Allow")
        if allow:  # a 405 says which methods there are
            response.headers["Allow"] = allow
        return response

    @app.errorhandler(Exception)
    def unexpected(err: Exception) -> Response:
        get_logger().error(
            "request failed", exc_info=err, extra={"method": request.method, "path": request.path}
        )
        return error_response(500, "internal server error")


def not_implemented_routes(
    milestone: str, url_prefix: str, endpoints: list[tuple[str, str]]
) -> Blueprint:
    """A blueprint whose endpoints ([("POST", "/login"), ...]; "" is the prefix
    itself) all answer 501 naming milestone. Replace it with the real blueprint."""
    bp = Blueprint(f"{milestone}_not_implemented", __name__, url_prefix=url_prefix)

    def not_implemented(**_: str) -> Response:
        raise ApiError(501, "not implemented", milestone=milestone)

    for method, path in endpoints:
        bp.add_url_rule(path, f"{method.lower()}{path}", not_implemented, methods=[method])
    return bp
