"""Schemas of POST /v1/stories: several reports of one event, merged, with a claims ledger."""
from marshmallow import RAISE, ValidationError, fields, validate, validates_schema

from .problem import ProblemSchema
from .request import AnnotateOptionsSchema, AnnotateRequestSchema
from .response import (ACTOR_KINDS, CATEGORIES, LOCATION_KINDS, QUALIFIERS,
                       AnnotateResponseSchema, GeoSchema, ModelSchema, _Open)

# Articles in one story: the reports a newsroom gathers on one event, within one worker's time.
STORY_MAX_ARTICLES = 50
SCOPES = ("event", "other", "cumulative")
AGREEMENTS = ("single", "consistent", "conflicting")


class StoryArticleSchema(AnnotateRequestSchema):
    """One report: an annotate request's text, format, date and id, plus its publisher."""

    class Meta:
        unknown = RAISE
        exclude = ("offsets", "layers")

    id = fields.String(required=True, validate=validate.Length(min=1, max=256), metadata={
        "description": "Unique within the story; figures and mentions refer to it."})
    outlet = fields.String(allow_none=True, validate=validate.Length(max=256), metadata={
        "description": "The publisher's name, e.g. \"The New York Times\"."})
    url = fields.String(allow_none=True, validate=validate.Length(max=2048))


class StoryRequestSchema(AnnotateOptionsSchema):
    class Meta:
        unknown = RAISE
        exclude = ("published",)

    articles = fields.List(
        fields.Nested(StoryArticleSchema), required=True,
        validate=validate.Length(min=1, max=STORY_MAX_ARTICLES),
        metadata={"description": "The reports, 1 to 50. `offsets` and `layers` apply to all; "
                                 "`layers` selects the layers of each article's result (the "
                                 "story itself is always built from actors, locations and "
                                 "casualties)."})

    @validates_schema
    def _unique_ids(self, data, **kwargs):
        seen, repeated = set(), []
        for article in data.get("articles", []):
            if article["id"] in seen and article["id"] not in repeated:
                repeated.append(article["id"])
            seen.add(article["id"])
        if repeated:
            raise ValidationError(f"Article ids must be unique; repeated: {repeated}.",
                                  field_name="articles")


class StoryArticleResultSchema(_Open):
    id = fields.String(required=True)
    status = fields.Integer(required=True, metadata={
        "description": "200, or the error status this article would have had on its own."})
    result = fields.Nested(AnnotateResponseSchema, metadata={"description": "When status is 200."})
    problem = fields.Nested(ProblemSchema, metadata={
        "description": "When status is not 200; the story is built from the other articles."})


class StoryMentionSchema(_Open):
    article = fields.String(required=True, metadata={"description": "The article's id."})
    id = fields.String(required=True, metadata={
        "description": "The actor or location id in that article's result."})


class StoryActorSchema(_Open):
    id = fields.String(required=True, metadata={"description": "SA1, SA2, ..."})
    name = fields.String(required=True, metadata={"description": "Fullest form, no titles."})
    kind = fields.String(required=True, validate=validate.OneOf(ACTOR_KINDS))
    mentions = fields.List(fields.Nested(StoryMentionSchema), required=True, metadata={
        "description": "One per article-level actor merged (at most one per article)."})


class StoryLocationSchema(_Open):
    id = fields.String(required=True, metadata={"description": "SL1, SL2, ..."})
    name = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(LOCATION_KINDS))
    geo = fields.Nested(GeoSchema, required=True, allow_none=True)
    mentions = fields.List(fields.Nested(StoryMentionSchema), required=True)


class StoryReferenceSchema(_Open):
    text = fields.String(required=True)
    actor_id = fields.String(required=True, allow_none=True, metadata={
        "description": "Story actor id, or null."})


class StoryDerivedSchema(_Open):
    article = fields.String(required=True)
    casualty_id = fields.String(required=True)
    factor = fields.Float(required=True)


class FigureSchema(_Open):
    article = fields.String(required=True)
    casualty_id = fields.String(required=True, metadata={
        "description": "The casualty record in that article's result."})
    value = fields.Integer(required=True, allow_none=True)
    low = fields.Integer(required=True, allow_none=True)
    high = fields.Integer(required=True, allow_none=True)
    qualifier = fields.String(required=True, validate=validate.OneOf(QUALIFIERS))
    source = fields.Nested(StoryReferenceSchema, required=True, allow_none=True, metadata={
        "description": "Who states the figure, as the article attributes it; null when the "
                       "article states it itself."})
    outlet = fields.String(required=True, allow_none=True)
    date = fields.String(required=True, allow_none=True, metadata={
        "format": "date", "description": "The sentence's date, else the article's."})
    derived_from = fields.Nested(StoryDerivedSchema, required=True, allow_none=True, metadata={
        "description": "For a count stated relative to another (\"half that number\")."})


class ClaimSchema(_Open):
    id = fields.String(required=True, metadata={"description": "K1, K2, ..."})
    category = fields.String(required=True, validate=validate.OneOf(CATEGORIES))
    scope = fields.String(required=True, validate=validate.OneOf(SCOPES), metadata={
        "description": "event, or background (other) and running totals (cumulative), which "
                       "never join the event's group."})
    victims = fields.Nested(StoryReferenceSchema, required=True, allow_none=True)
    figures = fields.List(fields.Nested(FigureSchema), required=True, metadata={
        "description": "One per distinct statement; the same figure from a second outlet is a "
                       "second figure."})
    agreement = fields.String(required=True, validate=validate.OneOf(AGREEMENTS), metadata={
        "description": "single: one figure; consistent: every figure states the same number; "
                       "conflicting: two figures state different numbers."})
    low = fields.Integer(required=True, allow_none=True, metadata={
        "description": "The smallest lower bound stated."})
    high = fields.Integer(required=True, allow_none=True, metadata={
        "description": "The largest upper bound stated."})
    conservative = fields.Integer(required=True, allow_none=True, metadata={
        "description": "The lowest count any source states (ACLED's rule for disputed tolls)."})


class StoryResponseSchema(_Open):
    id = fields.String(required=True, allow_none=True)
    offsets = fields.String(required=True)
    model = fields.Nested(ModelSchema, required=True)
    articles = fields.List(fields.Nested(StoryArticleResultSchema), required=True, metadata={
        "description": "Each article's annotate result (or problem), in request order."})
    actors = fields.List(fields.Nested(StoryActorSchema), required=True)
    locations = fields.List(fields.Nested(StoryLocationSchema), required=True)
    claims = fields.List(fields.Nested(ClaimSchema), required=True, metadata={
        "description": "The claims ledger: one entry per claim group."})
    duplicates = fields.List(fields.List(fields.String()), required=True, metadata={
        "description": "Groups of article ids whose texts are copies of one another."})
