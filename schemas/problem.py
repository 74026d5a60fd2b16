"""RFC 9457 problem details, the body of every error response."""
from marshmallow import EXCLUDE, Schema, fields


class ProblemSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    type = fields.String(required=True, metadata={"description": "A URI naming the problem."})
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    instance = fields.String(metadata={"description": "The request id."})
    errors = fields.Dict(keys=fields.String(), values=fields.Raw(), metadata={
        "description": "Validation errors: field name -> messages."})
    language = fields.String(metadata={
        "description": "Unsupported language: the language detected in the text (ISO 639-1)."})
    supported = fields.List(fields.String(), metadata={
        "description": "Unsupported language: the languages the service annotates."})
