"""Reading the request body strictly: size limits, media types, UTF-8 and JSON.

Flask's conveniences are avoided on purpose: `get_json` raises a 500 on deeply nested JSON and
accepts NaN; `get_data(as_text=True)` silently replaces invalid UTF-8; a chunked body over
MAX_CONTENT_LENGTH is silently truncated. Each of those is a clear 4xx here.
"""
from __future__ import annotations

import json

from flask import Request

from .problems import Problem, body_too_large

JSON_TYPES = {"application/json"}
TEXT_TYPES = {"text/plain", "text/html"}
UTF8_CHARSETS = {None, "utf-8", "utf8", "us-ascii", "ascii"}


def read_raw_body(request: Request, limit: int) -> bytes:
    """The whole body, or 413 when it exceeds `limit` bytes (chunked bodies included)."""
    # MAX_CONTENT_LENGTH is limit + 1, so a truncated over-limit stream is one byte too long.
    raw = request.get_data(cache=False)
    if len(raw) > limit:
        raise body_too_large(limit)
    return raw


def media_type(request: Request) -> tuple[str, str | None]:
    mimetype = request.mimetype
    if mimetype not in JSON_TYPES | TEXT_TYPES:
        raise Problem(415, "Unsupported Media Type",
                      "Send application/json, or text/plain or text/html; charset=utf-8.")
    charset = request.mimetype_params.get("charset")
    if (charset.lower() if charset else None) not in UTF8_CHARSETS:
        raise Problem(415, "Unsupported Media Type",
                      f"Charset {charset!r} is not supported; send UTF-8.")
    return mimetype, charset


def decode_utf8(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Problem(400, "Bad Request",
                      f"The body is not valid UTF-8 (byte offset {error.start}).") from None


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")


def _no_duplicate_keys(pairs):
    result = dict(pairs)
    if len(result) != len(pairs):
        seen = set()
        duplicate = next(key for key, _ in pairs if key in seen or seen.add(key))
        raise ValueError(f"duplicate key {duplicate!r}")
    return result


def parse_json(raw: bytes):
    text = decode_utf8(raw)
    try:
        return json.loads(text, parse_constant=_refuse_constant,
                          object_pairs_hook=_no_duplicate_keys)
    except RecursionError:
        raise Problem(400, "Bad Request", "The JSON body is nested too deeply.") from None
    except ValueError as error:
        raise Problem(400, "Bad Request", f"The body is not valid JSON: {error}.") from None
