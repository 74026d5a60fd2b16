"""POST /v1/annotate: parse and validate, call the annotation core, serialize."""
from __future__ import annotations

from flask import current_app, request
from flask_smorest import Blueprint

from schemas import (AnnotateOptionsSchema, AnnotateRequestSchema, AnnotateResponseSchema,
                     BatchRequestSchema, BatchResponseSchema)
from service import responses
from service.body import decode_utf8, media_type, parse_json, read_raw_body
from service.deadline import deadline
from service.nlp.annotator import LAYERS
from service.nlp.article.language import SUPPORTED as LANGUAGES
from service.nlp.offsets import UNITS
from service.observability import TEXT_SIZE
from service.problems import Problem
from service.readiness import annotator_or_503

from .caching import etag_for, matches_if_none_match, not_modified

blp = Blueprint("annotate", __name__, url_prefix="/v1", description="Annotate an article.")

_OVERRIDE = "In a JSON request the body's field of the same name takes precedence."
_QUERY_DOC = [
    {"in": "query", "name": "id", "description": _OVERRIDE,
     "schema": {"type": "string", "maxLength": 256}},
    {"in": "query", "name": "published", "description": _OVERRIDE,
     "schema": {"type": "string", "format": "date"}},
    {"in": "query", "name": "offsets", "description": _OVERRIDE,
     "schema": {"type": "string", "enum": list(UNITS)}},
    {"in": "query", "name": "language", "description": _OVERRIDE,
     "schema": {"type": "string", "enum": list(LANGUAGES)}},
    {"in": "query", "name": "layers", "style": "form", "explode": True, "schema": {
        "type": "array", "minItems": 1, "items": {"type": "string", "enum": list(LAYERS)}},
     "description": "Repeat the parameter or separate layers with commas. " + _OVERRIDE},
    {"in": "header", "name": "If-None-Match", "schema": {"type": "string"},
     "description": "The `ETag` of an earlier answer: when the text, options and model are "
                    "the same, the answer is 304 with no body and nothing is annotated."},
]


def _query_options() -> dict:
    """Options from the query string; `layers` may repeat or hold a comma-separated list."""
    options = {}
    for key in request.args:
        values = request.args.getlist(key)
        if key == "layers":
            options[key] = [layer for value in values for layer in value.split(",") if layer]
        else:
            options[key] = values[0] if len(values) == 1 else values
    return options


_load = responses.load_request


def _json_object(body):
    if not isinstance(body, dict):
        raise Problem(422, "Unprocessable Content", "The JSON body must be an object.",
                      errors={"_schema": ["Invalid input type."]})
    return body


def _request_fields() -> dict:
    """The validated request, from a JSON body or a text/plain or text/html body plus query
    options."""
    raw = read_raw_body(request, current_app.config["MAX_BODY_BYTES"])
    mimetype, _ = media_type(request)
    query = _query_options()
    if mimetype != "application/json":
        fields = _load(AnnotateOptionsSchema(), query)
        fields["text"] = decode_utf8(raw)
        fields["format"] = "html" if mimetype == "text/html" else "text"
        if not fields["text"]:
            raise Problem(422, "Unprocessable Content", "The text is empty.",
                          errors={"text": ["Shorter than minimum length 1."]})
        return fields
    body = _json_object(parse_json(raw))
    # Query options are defaults for a JSON request; a field in the body overrides them.
    _load(AnnotateOptionsSchema(), query)
    return _load(AnnotateRequestSchema(), {**query, **body})


_ERROR_RESPONSES = {400: "BAD_REQUEST", 401: "UNAUTHORIZED", 413: "REQUEST_ENTITY_TOO_LARGE",
                    415: "UNSUPPORTED_MEDIA_TYPE", 422: "UNPROCESSABLE_ENTITY",
                    429: "TOO_MANY_REQUESTS", 503: "SERVICE_UNAVAILABLE"}


def documents_errors(blueprint: Blueprint):
    """A decorator declaring in the spec every problem status an annotate endpoint can answer."""
    def declare(view):
        for status, response in _ERROR_RESPONSES.items():
            view = blueprint.alt_response(status, response=response)(view)
        return view
    return declare


_documents_errors = documents_errors(blp)


def limits() -> responses.Limits:
    config = current_app.config
    return responses.Limits(config["MAX_TEXT_CHARS"], config["HTML_EXTRACTION_SECONDS"])




@blp.route("/annotate", methods=["POST"])
@blp.doc(parameters=_QUERY_DOC, requestBody={
    "required": True,
    "content": {
        "application/json": {"schema": "AnnotateRequest"},
        "text/plain": {"schema": {"type": "string", "minLength": 1},
                       "example": "Officials said at least 15 fighters were killed."},
        "text/html": {"schema": {"type": "string", "minLength": 1},
                      "example": "<article><h1>Ambush</h1><p>Officials said at least 15 "
                                 "fighters were killed.</p></article>"},
    },
})
@blp.response(200, AnnotateResponseSchema, headers={
    "ETag": {"description": "Of the text, the options, the model and the annotation code; "
                            "send it back in If-None-Match.", "schema": {"type": "string"}}})
@blp.alt_response(304, description="Not Modified: the If-None-Match ETag is current; no body.")
@_documents_errors
def annotate():
    """Annotate one article.

    Send JSON (`{"text": ..., "offsets": "utf16"}`) or a text/plain UTF-8 body with the options in the query string. For HTML, send `"format": "html"` in JSON or a text/html UTF-8 body: the response's `text` is the extracted article text that the offsets refer to.
    """
    fields = _request_fields()
    loaded = current_app.extensions.get("annotator")
    etag = etag_for(fields, loaded.model) if loaded else None
    if etag and matches_if_none_match(etag):
        return not_modified(etag)
    bounds = limits()
    fields = responses.text_to_annotate(fields, bounds, bounds.html_until())
    annotator = annotator_or_503()
    with deadline(current_app.config["REQUEST_DEADLINE_SECONDS"], request.environ):
        result = responses.annotate_fields(annotator, fields)
    TEXT_SIZE.observe(len(fields["text"]))
    return responses.response(fields, result, annotator.model), 200, {"ETag": etag}


def _batch_item(item, limits: responses.Limits, html_until: float) -> dict:
    """One batch item validated like a single JSON request; a Problem when it is not."""
    if not isinstance(item, dict):
        raise Problem(422, "Unprocessable Content", "A batch item must be an object.",
                      errors={"_schema": ["Invalid input type."]})
    return responses.text_to_annotate(_load(AnnotateRequestSchema(), item), limits, html_until)


@blp.route("/annotate/batch", methods=["POST"])
@blp.doc(requestBody={"required": True,
                      "content": {"application/json": {"schema": "BatchRequest"}}})
@blp.response(200, BatchResponseSchema)
@_documents_errors
def annotate_batch():
    """Annotate several articles in one pass.

    Each item has the shape of a JSON annotate request and gets its own result, or its own problem object with the status it would have had alone. The deadline covers the whole batch.
    """
    raw = read_raw_body(request, current_app.config["MAX_BODY_BYTES"])
    if media_type(request)[0] != "application/json":
        raise Problem(415, "Unsupported Media Type", "A batch is sent as application/json.")
    body = _load(BatchRequestSchema(), _json_object(parse_json(raw)))
    annotator = annotator_or_503()
    validated: list[dict | Problem] = []
    bounds = limits()
    html_until = bounds.html_until()
    for item in body["items"]:
        try:
            validated.append(_batch_item(item, bounds, html_until))
        except Problem as problem:
            validated.append(problem)
    with deadline(current_app.config["REQUEST_DEADLINE_SECONDS"], request.environ):
        outcomes = responses.annotate_batch(annotator, validated)
    return {"results": [_batch_result(fields, outcome)
                        for fields, outcome in zip(validated, outcomes)]}


def _batch_result(fields: dict | Problem, outcome: dict | Problem) -> dict:
    """The batch entry of one item: its problem, or its response."""
    if isinstance(outcome, Problem):
        return {"status": outcome.status, "problem": outcome.body()}
    TEXT_SIZE.observe(len(fields["text"]))
    return {"status": 200, "result": outcome}
