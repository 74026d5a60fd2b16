"""API keys, CORS, rate limiting and security headers: all off or permissive-free by default."""
from __future__ import annotations

import hmac
import logging
import time

from flask import Flask, request
from flask_cors import CORS
from flask_limiter import Limiter, RequestLimit
from flask_limiter.util import get_remote_address
from prometheus_client import Counter

from .problems import Problem, problem_response

# Paths that answer without a key and without counting against the rate limit.
PUBLIC_PATHS = frozenset({"/healthz", "/readyz", "/openapi.yaml", "/metrics", "/", "/docs"})
# The pages' assets (service/api/pages.py): a browser loads them without a key.
PUBLIC_PREFIXES = ("/static/", "/client/", "/docs/assets/")
# A shared store that cannot be reached must not take the API down: the limiter lets the request
# through (fails open), logs the error and this counter counts it.
RATE_LIMIT_STORE_ERRORS = Counter(
    "annotation_rate_limit_store_errors_total",
    "Requests let through because the rate-limit store could not be reached")
# Seconds a redis:// store may take to connect or answer before the request is let through.
STORE_TIMEOUT_SECONDS = 0.5
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
}


def _presented_key() -> str | None:
    key = request.headers.get("X-API-Key")
    if key is None:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        key = token if scheme.lower() == "bearer" and token else None
    return key


def _is_public() -> bool:
    return request.path in PUBLIC_PATHS or request.path.startswith(PUBLIC_PREFIXES)


def _check_api_key(keys: list[bytes]):
    if request.method == "OPTIONS" or _is_public():
        return None
    presented = (_presented_key() or "").encode()
    # Compare against every key in constant time, so timing tells nothing about near misses.
    if not any([hmac.compare_digest(presented, key) for key in keys]):
        raise Problem(401, "Unauthorized", "A valid API key is required in the X-API-Key header.",
                      headers={"WWW-Authenticate": 'ApiKey header="X-API-Key"'})
    return None


def _rate_limit_key() -> str:
    return _presented_key() or get_remote_address()


def _on_breach(limit: RequestLimit):
    retry_after = max(1, limit.reset_at - int(time.time()))
    return problem_response(429, "Too Many Requests",
                            f"The rate limit of {limit.limit} is reached; retry later.",
                            headers={"Retry-After": str(retry_after)})


class _CountStoreErrors(logging.Handler):
    """Counts the errors flask-limiter swallows (it logs each one with its traceback)."""

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            RATE_LIMIT_STORE_ERRORS.inc()


def _storage_options(uri: str) -> dict:
    if uri.startswith(("redis://", "rediss://", "redis+unix://")):
        return {"socket_connect_timeout": STORE_TIMEOUT_SECONDS,
                "socket_timeout": STORE_TIMEOUT_SECONDS}
    return {}


def _init_rate_limit(app: Flask) -> None:
    uri = app.config["RATE_LIMIT_STORAGE_URI"]
    limiter = Limiter(_rate_limit_key, app=app, default_limits=[app.config["RATE_LIMIT"]],
                      storage_uri=uri, storage_options=_storage_options(uri),
                      headers_enabled=True, swallow_errors=True,
                      default_limits_exempt_when=lambda: _is_public()
                      or request.method == "OPTIONS",
                      on_breach=_on_breach)
    if not any(isinstance(h, _CountStoreErrors) for h in limiter.logger.handlers):
        limiter.logger.addHandler(_CountStoreErrors(logging.ERROR))


def _add_security_headers(response):
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def init_security(app: Flask) -> None:
    keys = [key.encode() for key in app.config["API_KEYS"]]
    if keys:
        app.before_request(lambda: _check_api_key(keys))
    if app.config["CORS_ORIGINS"]:
        CORS(app, origins=app.config["CORS_ORIGINS"], supports_credentials=False,
             allow_headers=["Content-Type", "X-API-Key", "Authorization", "X-Request-ID",
                            "If-None-Match"],
             expose_headers=["Retry-After", "X-Request-ID", "ETag"], max_age=600)
    if app.config["RATE_LIMIT"]:
        _init_rate_limit(app)
    app.after_request(_add_security_headers)
