"""What lets a client trust and cache an answer: the text's hash and an ETag per request.

Annotation is a pure function of the text, the options and the code and model that run it, so
the ETag is computed from exactly those, before any work: a request whose `If-None-Match` holds
it is answered 304 without annotating. (POST /v1/annotate is a safe query, as the HTTP QUERY
method draft describes: a 304 there means "your copy is current", as it would for GET.)
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from flask import Response, request

_CORE = Path(__file__).resolve().parents[1] / "nlp"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the annotation core's source: a deploy that changes a rule changes every ETag,
    even when the model version stays the same."""
    digest = hashlib.sha256()
    for path in sorted(_CORE.rglob("*.py")):
        digest.update(path.relative_to(_CORE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def etag_for(fields: dict, model: dict) -> str:
    """Strong ETag of the answer to `fields` (text and options, before any HTML extraction)."""
    key = {
        # surrogatepass: a text with a lone surrogate gets its 400 after this, not a crash here.
        "text": hashlib.sha256(fields["text"].encode("utf-8", "surrogatepass")).hexdigest(),
        "id": fields.get("id"),
        "published": str(fields["published"]) if fields.get("published") else None,
        "offsets": fields["offsets"],
        "layers": sorted(set(fields["layers"])),
        "format": fields.get("format", "text"),
        "model": [model["name"], model["version"]],
        "code": code_fingerprint(),
    }
    canonical = json.dumps(key, sort_keys=True, separators=(",", ":"))
    return '"' + hashlib.sha256(canonical.encode()).hexdigest()[:32] + '"'


def _opaque(tag: str) -> str:
    # If-None-Match uses the weak comparison (RFC 9110, 13.1.2): W/"x" matches "x".
    return tag.strip().removeprefix("W/")


def matches_if_none_match(etag: str) -> bool:
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    tags = [_opaque(tag) for tag in header.split(",")]
    return "*" in tags or _opaque(etag) in tags


def not_modified(etag: str) -> Response:
    return Response(status=304, headers={"ETag": etag})
