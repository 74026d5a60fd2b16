"""Request schemas. Unknown fields are refused (422), so a typo such as `offset` fails loudly."""
from marshmallow import RAISE, Schema, fields, validate

from service.nlp.annotator import LAYERS
from service.nlp.article.language import SUPPORTED as LANGUAGES
from service.nlp.offsets import UNITS


class AnnotateOptionsSchema(Schema):
    """Options shared by the JSON body and the query string of a text/plain request."""

    class Meta:
        unknown = RAISE

    id = fields.String(allow_none=True, validate=validate.Length(max=256),
                       metadata={"description": "Client identifier, echoed back."})
    published = fields.Date(allow_none=True, metadata={
        "description": "Publication date (ISO 8601); anchors relative dates in the text."})
    offsets = fields.String(load_default="codepoint", validate=validate.OneOf(UNITS), metadata={
        "description": "Unit of every span offset: code points (Python), utf16 (JavaScript) "
                       "or utf8 (bytes)."})
    layers = fields.List(
        fields.String(validate=validate.OneOf(LAYERS)), load_default=list(LAYERS),
        validate=validate.Length(min=1),
        metadata={"description": "Annotation layers to compute; the others are omitted."})
    language = fields.String(allow_none=True, validate=validate.OneOf(LANGUAGES), metadata={
        "description": "Annotate the text as this language whatever its detected language. "
                       "Without it, a text whose prose is detected as another language than "
                       "the supported ones is refused (422, problem naming the language); a "
                       "text too short to tell is annotated as English."})


FORMATS = ("text", "html")


class AnnotateRequestSchema(AnnotateOptionsSchema):
    text = fields.String(required=True, validate=validate.Length(min=1), metadata={
        "description": "The article text, or its HTML when `format` is html. Over the "
                       "configured limits (MAX_TEXT_CHARS code points, MAX_TEXT_TOKENS "
                       "tokens; for HTML, of the extracted text) the answer is 413."})
    format = fields.String(load_default="text", validate=validate.OneOf(FORMATS), metadata={
        "description": "html: `text` is an HTML page or fragment; the article text is extracted "
                       "from it (scripts, styles, navigation and comments left out), returned "
                       "as the response's `text`, and every offset refers to that text. A "
                       "page that yields no text is a 422. A text/html request body means the "
                       "same."})


# Items in one batch request: enough for a backfill, small enough for one worker's deadline.
BATCH_MAX_ITEMS = 25


class BatchRequestSchema(Schema):
    class Meta:
        unknown = RAISE

    items = fields.List(
        fields.Raw(allow_none=True), required=True,
        validate=validate.Length(min=1, max=BATCH_MAX_ITEMS),
        metadata={"description": "Annotate requests, each shaped like AnnotateRequest and "
                                 "validated on its own: an invalid item gets a problem object "
                                 "in its place of the results."})
