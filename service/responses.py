"""From a validated annotate request to its `/v1/annotate` response, without HTTP.

The API (`service/api/annotate.py`) and the archive command (`service/cli/`) both go through
here, so an article gets the same response, and the same problems, whichever way it came in:
- `load_request`: a request mapping validated by a marshmallow schema (422 problem otherwise);
- `text_to_annotate`: for HTML, the article text extracted from it; the text checked against
  the limits (400 lone surrogate, 413 too long, 422 HTML without text or a language the
  service does not annotate);
- `annotate_fields` / `annotate_batch`: the core's result for one or several requests (413 when
  over the token limit);
- `response`: the response body, offsets converted to the unit asked for. The only place where
  that body is built.
Errors are `service.problem.Problem` exceptions (status, title, detail, errors). No Flask here.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from marshmallow import Schema, ValidationError

from service.nlp.annotator import TooManyTokens
from service.nlp.article.html import HtmlError, extract_page_within, with_page_metadata
from service.nlp.article.language import SUPPORTED as LANGUAGES
from service.nlp.article.language import check as check_language, language_name
from service.nlp.offsets import convert_offsets, text_length
from service.nlp.ordering import sort_spans
from service.problem import Problem


@dataclass(frozen=True)
class Limits:
    """What a request may cost: text size in code points, seconds for the HTML extraction."""

    max_chars: int
    html_seconds: float

    def html_until(self) -> float:
        """When an HTML extraction starting now (a request's, or a whole batch's) must end."""
        return time.monotonic() + self.html_seconds


def load_request(schema: Schema, data: dict) -> dict:
    """`data` validated by `schema`; a 422 problem listing the fields' errors otherwise."""
    try:
        return schema.load(data)
    except ValidationError as error:
        raise Problem(422, "Unprocessable Content",
                      "The request does not match the schema; see errors.",
                      errors=error.normalized_messages()) from None


def require_encodable(text: str) -> None:
    """Refuse lone surrogates (valid in JSON escapes, but not text): spaCy cannot hash them."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise Problem(400, "Bad Request",
                      f"The text contains an unpaired surrogate at index {error.start}.") from None


def check_text(text: str, limits: Limits) -> None:
    require_encodable(text)
    if len(text) > limits.max_chars:
        raise Problem(413, "Content Too Large",
                      f"The text has {len(text)} characters; the limit is {limits.max_chars}.")


def text_to_annotate(fields: dict, limits: Limits, until: float) -> dict:
    """The fields with a checked text; for HTML, the text extracted from it, and its `page`.

    `until` (a `time.monotonic()` value) bounds the HTML extraction."""
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
    check_text(fields["text"], limits)
    return {**fields, "language": checked_language(fields["text"], fields.get("language"))}


def checked_language(text: str, forced: str | None = None) -> str:
    """The language to annotate `text` as (`forced`: the request's "language"); a 422 Problem
    when its prose is in a language the service does not annotate. Called per article."""
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


def too_many_tokens(error: TooManyTokens) -> Problem:
    # The annotator counts tokens (MAX_TEXT_TOKENS) before its costly components run.
    return Problem(413, "Content Too Large", str(error))


def annotate_fields(annotator, fields: dict) -> dict:
    """The core's result for checked fields (from `text_to_annotate`); 413 over the tokens."""
    try:
        return annotator.annotate(fields["text"], layers=fields["layers"],
                                  published=fields.get("published"))
    except TooManyTokens as error:
        raise too_many_tokens(error) from None


def annotate_batch(annotator, validated: list) -> list:
    """One `nlp.pipe` pass over the checked fields in `validated`: per item, its response, or
    its Problem (an item that already is a Problem stays one)."""
    valid = [fields for fields in validated if not isinstance(fields, Problem)]
    results = iter(annotator.annotate_batch(
        [(f["text"], f["layers"], f.get("published")) for f in valid]))
    return [fields if isinstance(fields, Problem) else _outcome(fields, next(results), annotator)
            for fields in validated]


def _outcome(fields: dict, result, annotator):
    if isinstance(result, TooManyTokens):
        return too_many_tokens(result)
    return response(fields, result, annotator.model)


def response(fields: dict, result: dict, model: dict) -> dict:
    """The response body for one annotated text, offsets converted to the unit asked for."""
    text, unit, page = fields["text"], fields["offsets"], fields.get("page")
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


def text_sha256(text: str) -> str:
    """Hex SHA-256 of the UTF-8 text annotated: a client drops an answer for text changed since."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
