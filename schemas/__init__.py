"""Marshmallow schemas: the single source of the request, response and error shapes."""
from .problem import ProblemSchema
from .request import AnnotateOptionsSchema, AnnotateRequestSchema
from .response import AnnotateResponseSchema, HealthSchema, ReadySchema

__all__ = ["AnnotateOptionsSchema", "AnnotateRequestSchema", "AnnotateResponseSchema",
           "HealthSchema", "ProblemSchema", "ReadySchema"]
