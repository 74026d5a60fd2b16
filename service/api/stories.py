"""POST /v1/stories: several reports of one event, annotated in one pass and merged into a story
(story actors and locations, the claims ledger, duplicates) by `service.nlp.stories`."""
from __future__ import annotations

from flask import current_app, request
from flask_smorest import Blueprint
from werkzeug.exceptions import RequestEntityTooLarge

from schemas import StoryResponseSchema, StoryRequestSchema
from service.body import media_type, parse_json, read_raw_body
from service.deadline import deadline
from service import responses
from service.nlp.annotator import LAYERS, TooManyTokens
from service.nlp.stories import build_story
from service.problems import Problem, body_too_large
from service.readiness import annotator_or_503

from .annotate import _json_object, documents_errors, limits

blp = Blueprint("stories", __name__, url_prefix="/v1",
                description="Merge several reports of one event into a story with a claims ledger.")

# What the story is built from, whatever layers the request lists for the articles' results.
STORY_LAYERS = ("actors", "locations", "casualties")


def _story_request() -> dict:
    """The validated request; the body limit is this endpoint's own (MAX_STORY_BODY_BYTES)."""
    if media_type(request)[0] != "application/json":
        raise Problem(415, "Unsupported Media Type", "A story is sent as application/json.")
    limit = current_app.config["MAX_STORY_BODY_BYTES"]
    # Replaces the app-wide MAX_CONTENT_LENGTH for this request, one byte over as there.
    request.max_content_length = limit + 1
    try:
        raw = read_raw_body(request, limit)
    except RequestEntityTooLarge:
        raise body_too_large(limit) from None
    return responses.load_request(StoryRequestSchema(), _json_object(parse_json(raw)))


def _article_fields(article: dict, unit: str, html_until: float) -> dict | Problem:
    """An article checked like an annotate request (text size, HTML extracted), or its problem."""
    try:
        return {**responses.text_to_annotate(article, limits(), html_until), "offsets": unit}
    except Problem as problem:
        return problem


def _html_until_for(articles: list[dict]) -> float:
    """When the HTML extraction of the story must have finished: HTML_EXTRACTION_SECONDS for
    each HTML article (a batch shares one budget; a story may hold 50 pages)."""
    pages = sum(1 for article in articles if article["format"] == "html")
    return limits().html_until() + current_app.config["HTML_EXTRACTION_SECONDS"] * max(0, pages - 1)


def _deadline_seconds(articles: list[dict]) -> float:
    """One annotation's budget for each MAX_TEXT_CHARS of text in the story, at least one."""
    config = current_app.config
    chars = sum(len(article["text"]) for article in articles)
    return config["REQUEST_DEADLINE_SECONDS"] * max(1.0, chars / config["MAX_TEXT_CHARS"])


def _annotated(validated: list, results) -> list[tuple[dict | Problem, dict | None]]:
    """(fields, result) per article: a problem instead of the fields when it failed."""
    pairs = []
    for fields in validated:
        result = None if isinstance(fields, Problem) else next(results)
        if isinstance(result, TooManyTokens):
            fields, result = responses.too_many_tokens(result), None
        pairs.append((fields, result))
    return pairs


def _story_input(fields: dict, result: dict) -> dict:
    return {"id": fields["id"], "text": fields["text"], "result": result,
            "outlet": fields.get("outlet"), "published": fields.get("published"),
            "url": fields.get("url")}


def _article_entry(article_id: str, fields, result, layers, model) -> dict:
    if isinstance(fields, Problem):
        return {"id": article_id, "status": fields.status, "problem": fields.body()}
    shown = {key: value for key, value in result.items() if key not in LAYERS or key in layers}
    return {"id": article_id, "status": 200, "result": responses.response(fields, shown, model)}


@blp.route("/stories", methods=["POST"])
@blp.doc(requestBody={"required": True,
                      "content": {"application/json": {"schema": "StoryRequest"}}})
@blp.response(200, StoryResponseSchema)
@documents_errors(blp)
def stories():
    """Merge several reports of one event.

    Each article is annotated as by /v1/annotate (all in one pass) and gets its result, or its own problem object with the status it would have had alone; the story is built from the others: actors and locations merged across the reports, the claims ledger (the figures each source gives, grouped, with their agreement) and groups of copied articles. The deadline grows with the total text size.
    """
    body = _story_request()
    annotator = annotator_or_503()
    html_until = _html_until_for(body["articles"])
    validated = [_article_fields(a, body["offsets"], html_until) for a in body["articles"]]
    valid = [fields for fields in validated if isinstance(fields, dict)]
    layers = tuple(dict.fromkeys([*STORY_LAYERS, *body["layers"]]))
    with deadline(_deadline_seconds(valid), request.environ):
        results = iter(annotator.annotate_batch(
            [(f["text"], layers, f.get("published")) for f in valid]))
        pairs = _annotated(validated, results)
        story = build_story([_story_input(fields, result) for fields, result in pairs
                             if result is not None])
    articles = [_article_entry(article["id"], fields, result, body["layers"], annotator.model)
                for article, (fields, result) in zip(body["articles"], pairs)]
    return {"id": body.get("id"), "offsets": body["offsets"], "model": annotator.model,
            "articles": articles, **story}
