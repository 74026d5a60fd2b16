"""Marshmallow schemas: the single source of the request, response and error shapes."""
from .problem import ProblemSchema
from .request import AnnotateOptionsSchema, AnnotateRequestSchema, BatchRequestSchema
from .response import AnnotateResponseSchema, BatchResponseSchema, HealthSchema, ReadySchema
from .stories import StoryRequestSchema, StoryResponseSchema

__all__ = ["AnnotateOptionsSchema", "AnnotateRequestSchema", "AnnotateResponseSchema",
           "BatchRequestSchema", "BatchResponseSchema", "HealthSchema", "ProblemSchema",
           "ReadySchema", "StoryRequestSchema", "StoryResponseSchema"]
