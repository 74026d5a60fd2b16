"""POST /v1/annotate: parse and validate, call the annotation core, serialize."""
from __future__ import annotations

import time

from flask import current_app, request
from flask_smorest import Blueprint
from marshmallow import ValidationError

from schemas import (AnnotateOptionsSchema, AnnotateRequestSchema, AnnotateResponseSchema,
                     BatchRequestSchema, BatchResponseSchema)
from service.body import decode_utf8, media_type, parse_json, read_raw_body, require_encodable
from service.deadline import deadline
from service.nlp.annotator import LAYERS, TooManyTokens
from service.nlp.article.html import HtmlError, extract_page_within, with_page_metadata
from service.nlp.article.language import SUPPORTED as LANGUAGES
from service.nlp.article.language import check as check_language, language_name
from service.nlp.offsets import UNITS, convert_offsets, text_length
from service.nlp.ordering import sort_spans
from service.observability import TEXT_SIZE
from service.problems import Problem
from service.readiness import annotator_or_503

from .caching import etag_for, matches_if_none_match, not_modified, text_sha256

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


def _load(schema, data: dict) -> dict:
    try:
        return schema.load(data)
    except ValidationError as error:
        raise Problem(422, "Unprocessable Content",
                      "The request does not match the schema; see errors.",
                      errors=error.normalized_messages()) from None


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


def _check_text(text: str) -> None:
    require_encodable(text)
    limit = current_app.config["MAX_TEXT_CHARS"]
    if len(text) > limit:
        raise Problem(413, "Content Too Large",
                      f"The text has {len(text)} characters; the limit is {limit}.")


def checked_language(text: str, forced: str | None = None) -> str:
    """The language to annotate `text` as (`forced`: the request's "language"); a 422 Problem
    when its prose is in a language the service does not annotate. Call it per article."""
    detection = check_language(text, forced)
    if detection.supported:
        return detection.language
    name = language_name(detection.language)
    raise Problem(422, "Unsupported Language",
                  f"The text is in {name} ({detection.language}); the service annotates "
                  f"{', '.join(LANGUAGES)} only. Send \"language\": \"en\" to annotate it "
                  f"as English anyway.",
                  errors={"text": [f"Detected language: {detection.language}."]},
                  extensions={"language": detection.language, "supported": list(LANGUAGES)})


def _too_many_tokens(error: TooManyTokens) -> Problem:
    # The annotator counts tokens (MAX_TEXT_TOKENS) before its costly components run.
    return Problem(413, "Content Too Large", str(error))


def _html_until() -> float:
    """When the HTML extraction of this request (all items of a batch) must have finished."""
    return time.monotonic() + current_app.config["HTML_EXTRACTION_SECONDS"]


def _text_to_annotate(fields: dict, until: float) -> dict:
    """The fields with a checked text; for HTML, the text extracted from it, and its `page`."""
    if fields["format"] == "html":
        require_encodable(fields["text"])
        try:
            page = extract_page_within(fields["text"], until)
        except HtmlError as error:
            raise Problem(422, "Unprocessable Content", str(error),
                          errors={"text": [str(error)]}) from None
        # The request's date anchors relative dates; else the page's own.
        fields = {**fields, "text": page.text, "page": page,
                  "published": fields.get("published") or page.published}
    _check_text(fields["text"])
    return {**fields, "language": checked_language(fields["text"], fields.get("language"))}


def _response(fields: dict, result: dict, model: dict) -> dict:
    """The response body for one annotated text, offsets converted to the unit asked for."""
    text, unit, page = fields["text"], fields["offsets"], fields.get("page")
    TEXT_SIZE.observe(len(text))
    if page is not None:
        result = {**with_page_metadata(result, page), "text": text}
    return {
        "id": fields.get("id"),
        "language": fields["language"],
        "offsets": unit,
        "text_length": text_length(text, unit),
        "model": model,
        "text_sha256": text_sha256(text),
        **sort_spans(convert_offsets(result, text, unit)),
    }


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
    fields = _text_to_annotate(fields, _html_until())
    annotator = annotator_or_503()
    with deadline(current_app.config["REQUEST_DEADLINE_SECONDS"], request.environ):
        try:
            result = annotator.annotate(fields["text"], layers=fields["layers"],
                                        published=fields.get("published"))
        except TooManyTokens as error:
            raise _too_many_tokens(error) from None
    return _response(fields, result, annotator.model), 200, {"ETag": etag}


def _batch_item(item, html_until: float) -> dict:
    """One batch item validated like a single JSON request; a Problem when it is not."""
    if not isinstance(item, dict):
        raise Problem(422, "Unprocessable Content", "A batch item must be an object.",
                      errors={"_schema": ["Invalid input type."]})
    return _text_to_annotate(_load(AnnotateRequestSchema(), item), html_until)


def _problem_item(problem: Problem) -> dict:
    return {"status": problem.status, "problem": problem.body()}


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
    html_until = _html_until()
    for item in body["items"]:
        try:
            validated.append(_batch_item(item, html_until))
        except Problem as problem:
            validated.append(problem)
    valid = [fields for fields in validated if isinstance(fields, dict)]
    with deadline(current_app.config["REQUEST_DEADLINE_SECONDS"], request.environ):
        results = iter(annotator.annotate_batch(
            [(f["text"], f["layers"], f.get("published")) for f in valid]))
    return {"results": [_batch_result(fields, results, annotator) for fields in validated]}


def _batch_result(fields: dict | Problem, results, annotator) -> dict:
    """The batch entry of one item: its problem, or the next annotation result (or problem)."""
    if isinstance(fields, Problem):
        return _problem_item(fields)
    result = next(results)
    if isinstance(result, TooManyTokens):
        return _problem_item(_too_many_tokens(result))
    return {"status": 200, "result": _response(fields, result, annotator.model)}
