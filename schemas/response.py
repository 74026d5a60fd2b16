"""Response schemas. Unknown keys are excluded on dump and the spec stays open to additions."""
from marshmallow import EXCLUDE, Schema, fields, validate

from service.nlp.offsets import UNITS

from .problem import ProblemSchema

ACTOR_KINDS = ("person", "organization", "group")
LOCATION_KINDS = ("country", "admin1", "admin2", "city", "natural", "facility", "region", "other")
CATEGORIES = ("killed", "injured", "captured", "missing", "arrested", "displaced")
QUALIFIERS = ("exact", "at_least", "at_most", "approximately", "range", "vague")
SCOPES = ("event", "other", "cumulative")


class _Open(Schema):
    class Meta:
        unknown = EXCLUDE


class SpanSchema(_Open):
    start = fields.Integer(required=True, validate=validate.Range(min=0))
    end = fields.Integer(required=True, validate=validate.Range(min=0),
                         metadata={"description": "Exclusive."})
    text = fields.String(required=True, metadata={
        "description": "Exactly the slice of the input at [start, end) in the offsets unit."})


class ReferenceSchema(SpanSchema):
    actor_id = fields.String(required=True, allow_none=True)


class ModelSchema(_Open):
    name = fields.String(required=True)
    version = fields.String(required=True)


_SALIENCE = (
    "How central the entity is to the article, in [0, 1]: each mention weighs 3 in the "
    "headline, 2 in the lead (the first paragraph of 12 or more words after the headline, "
    "outside boilerplate) and elsewhere from 1 at the start of the text down to 0.5 at its end; "
    "the entity's weight divided by that of all actors and locations of the article (so they "
    "add up to 1, whichever layers were asked for). Pick a story's main tags from it.")


def _salience():
    return fields.Float(required=True, validate=validate.Range(min=0, max=1),
                        metadata={"description": _SALIENCE})


class ActorSchema(_Open):
    id = fields.String(required=True)
    name = fields.String(required=True, metadata={"description": "Fullest form, no titles."})
    kind = fields.String(required=True, validate=validate.OneOf(ACTOR_KINDS))
    mentions = fields.List(fields.Nested(SpanSchema), required=True, metadata={
        "description": "Sorted by start."})
    salience = _salience()


class GeoSchema(_Open):
    geonames_id = fields.Integer(required=True, allow_none=True)
    lat = fields.Float(required=True)
    lon = fields.Float(required=True)
    country_code = fields.String(required=True, allow_none=True)
    admin1 = fields.String(required=True, allow_none=True)


class LocationSchema(_Open):
    id = fields.String(required=True)
    name = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(LOCATION_KINDS))
    mentions = fields.List(fields.Nested(SpanSchema), required=True, metadata={
        "description": "Sorted by start."})
    geo = fields.Nested(GeoSchema, required=True, allow_none=True)
    salience = _salience()


class CountSchema(_Open):
    value = fields.Integer(required=True, allow_none=True)
    low = fields.Integer(required=True, allow_none=True)
    high = fields.Integer(required=True, allow_none=True)
    qualifier = fields.String(required=True, validate=validate.OneOf(QUALIFIERS))
    span = fields.Nested(SpanSchema, required=True, allow_none=True)


class DerivedSchema(_Open):
    id = fields.String(required=True, metadata={"description": "The casualty record used."})
    factor = fields.Float(required=True)
    span = fields.Nested(SpanSchema, required=True)


class CasualtySchema(_Open):
    id = fields.String(required=True)
    category = fields.String(required=True, validate=validate.OneOf(CATEGORIES))
    count = fields.Nested(CountSchema, required=True)
    victims = fields.Nested(ReferenceSchema, required=True, allow_none=True)
    perpetrator = fields.Nested(ReferenceSchema, required=True, allow_none=True)
    source = fields.Nested(ReferenceSchema, required=True, allow_none=True, metadata={
        "description": "Who states the figure; null when the article states it itself."})
    location_id = fields.String(required=True, allow_none=True)
    evidence = fields.Nested(SpanSchema, required=True)
    date = fields.String(required=True, allow_none=True, metadata={
        "format": "date",
        "description": "When, per the sentence (\"on Friday\"), anchored on `published`."})
    derived_from = fields.Nested(DerivedSchema, required=True, allow_none=True, metadata={
        "description": "For a count stated relative to another (\"half that number\"): the "
                       "record it was computed from, the factor and the phrase; else null."})
    scope = fields.String(required=True, validate=validate.OneOf(SCOPES), metadata={
        "description": "`event`: the toll of the event the article reports; `other`: of another, "
                       "named or dated event (\"the 2003 quake killed 26,000\"); `cumulative`: a "
                       "running total (\"40,000 have been killed since the war began\")."})
    part_of = fields.String(required=True, allow_none=True, metadata={
        "description": "The id of the total this count is a part of (\"12 people, 11 soldiers "
                       "and a police officer\": 11 and 1 are parts of 12); else null."})
    mentions = fields.List(fields.Nested(SpanSchema), required=True, metadata={
        "description": "The other statements of the same claim (headline, standfirst, repeated "
                       "lead), as sentence spans; `evidence` is the fullest one. Empty when the "
                       "claim is stated once."})


class SpeakerSchema(_Open):
    actor_id = fields.String(required=True, allow_none=True)
    name = fields.String(required=True)
    mention = fields.Nested(SpanSchema, required=True, allow_none=True)


class QuoteSchema(_Open):
    id = fields.String(required=True)
    text = fields.String(required=True, metadata={"description": "Inner text, without marks."})
    kind = fields.String(required=True, validate=validate.OneOf(("direct", "partial")))
    span = fields.Nested(SpanSchema, required=True)
    speaker = fields.Nested(SpeakerSchema, required=True, allow_none=True)
    cue = fields.Nested(SpanSchema, required=True, allow_none=True)
    date = fields.String(required=True, allow_none=True, metadata={
        "format": "date", "description": "When the words were said, if the sentence says so."})


class IgnoredSchema(_Open):
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    reason = fields.String(required=True)


class MetadataSchema(_Open):
    headline = fields.Nested(SpanSchema, required=True, allow_none=True)
    authors = fields.List(fields.Nested(SpanSchema), required=True, metadata={
        "description": "Byline names; never actors."})
    dateline = fields.Nested(SpanSchema, required=True, allow_none=True, metadata={
        "description": "The place of a dateline (\"KABUL —\"); also a location mention."})
    published = fields.String(required=True, allow_none=True, metadata={
        "format": "date", "description": "Publication date found in the text (for HTML input, "
                                         "the one in the page's markup first)."})


class AnnotateResponseSchema(_Open):
    id = fields.String(required=True, allow_none=True)
    language = fields.String(required=True)
    offsets = fields.String(required=True, validate=validate.OneOf(UNITS))
    text_length = fields.Integer(required=True, metadata={"description": "In the offsets unit."})
    model = fields.Nested(ModelSchema, required=True)
    text_sha256 = fields.String(required=True, validate=validate.Regexp(r"^[0-9a-f]{64}$"),
                                metadata={"description": (
        "Hex SHA-256 of the UTF-8 bytes of exactly the text annotated (for HTML input, of the "
        "extracted `text`): a client drops the answer when its text has changed since.")})
    actors = fields.List(fields.Nested(ActorSchema), metadata={
        "description": "In order of first mention (as their ids)."})
    locations = fields.List(fields.Nested(LocationSchema), metadata={
        "description": "In order of first mention (as their ids)."})
    casualties = fields.List(fields.Nested(CasualtySchema), metadata={
        "description": "Sorted by the start of their evidence."})
    quotes = fields.List(fields.Nested(QuoteSchema), metadata={
        "description": "Sorted by the start of their span."})
    ignored = fields.List(fields.Nested(IgnoredSchema), required=True, metadata={
        "description": "Regions excluded from annotation (boilerplate), with the reason."})
    metadata = fields.Nested(MetadataSchema, required=True, metadata={
        "description": "Headline, byline authors, dateline place and date found in the text."})
    text = fields.String(metadata={
        "description": "Only for HTML input: the article text extracted from it, which every "
                       "offset refers to (the page's title first when the body does not "
                       "start with it)."})


class HealthSchema(_Open):
    status = fields.String(required=True)


class ReadySchema(HealthSchema):
    model = fields.Nested(ModelSchema, required=True)


class BatchItemSchema(_Open):
    status = fields.Integer(required=True, metadata={
        "description": "200, or the error status this item would have had on its own."})
    result = fields.Nested(AnnotateResponseSchema, metadata={"description": "When status is 200."})
    problem = fields.Nested(ProblemSchema, metadata={"description": "When status is not 200."})


class BatchResponseSchema(_Open):
    results = fields.List(fields.Nested(BatchItemSchema), required=True, metadata={
        "description": "One entry per item, in the order of the request."})
