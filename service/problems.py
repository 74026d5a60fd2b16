"""RFC 9457 problem+json responses for every error, including the framework's own."""
from __future__ import annotations

import logging

from flask import Flask, Response, current_app, json, request
from werkzeug.exceptions import HTTPException, InternalServerError, RequestEntityTooLarge

from .observability import request_id
from .problem import PROBLEM_TYPE, Problem, problem_body, problem_type  # noqa: F401 (re-exported)

_log = logging.getLogger(__name__)


def problem_response(status: int, title: str, detail: str, errors: dict | None = None,
                     headers=None, extensions: dict | None = None) -> Response:
    body = problem_body(status, title, detail, errors, extensions)
    if request_id():
        body["instance"] = f"urn:request:{request_id()}"
    response = Response(json.dumps(body), status=status, mimetype="application/problem+json")
    for name, value in (headers or {}).items():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def body_too_large(limit: int | None = None) -> Problem:
    limit = limit if limit is not None else current_app.config["MAX_BODY_BYTES"]
    return Problem(413, "Content Too Large", f"The request body is over the limit of {limit} bytes.")


def _from_http_exception(error: HTTPException) -> Response:
    if isinstance(error, InternalServerError):
        return _from_unexpected(error.original_exception or error)
    if isinstance(error, RequestEntityTooLarge):
        too_large = body_too_large()
        return problem_response(too_large.status, too_large.title, too_large.detail)
    # Keep the exception's own headers (Allow on 405, WWW-Authenticate, Retry-After).
    headers = dict(error.get_headers())
    return problem_response(error.code or 500, error.name, error.description or error.name,
                            headers=headers)


def _from_unexpected(error: BaseException) -> Response:
    _log.exception("unhandled error on %s %s", request.method, request.path, exc_info=error)
    return problem_response(500, "Internal Server Error",
                            "The server failed to process the request; it has been logged.")


def register_problem_handlers(app: Flask) -> None:
    app.register_error_handler(Problem, lambda p: problem_response(
        p.status, p.title, p.detail, p.errors, p.headers, p.extensions))
    app.register_error_handler(HTTPException, _from_http_exception)
    app.register_error_handler(Exception, _from_unexpected)
