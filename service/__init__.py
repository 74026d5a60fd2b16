"""The annotation service: `create_app()` builds the Flask application (gunicorn calls it)."""
from __future__ import annotations

import http
import logging

from flask import Flask
from flask_smorest import Api

from schemas import AnnotateRequestSchema, BatchRequestSchema, ProblemSchema, StoryRequestSchema

from .config import Config
from .observability import init_observability
from .problems import register_problem_handlers
from .security import init_security
from .shedding import init_shedding

API_VERSION = "1.0.0"
API_INFO = {
    "description": (
        "Annotates the raw text of a news article: actors, locations resolved offline, casualty "
        "figures and quotes with their speakers, every span with offsets in the unit asked for. "
        "Errors are RFC 9457 problem+json."),
}


class ProblemApi(Api):
    """flask-smorest's Api with RFC 9457 errors instead of its own error payload."""

    ERROR_SCHEMA = ProblemSchema

    def _register_error_handlers(self):
        register_problem_handlers(self._app)

    def _register_responses(self):
        """Document every error status as application/problem+json with the Problem schema."""
        problem = {"application/problem+json": {"schema": ProblemSchema}}
        for status in http.HTTPStatus:
            if status >= 400:
                self.spec.components.response(
                    status.name, {"description": status.phrase, "content": problem}, lazy=True)
        self.spec.components.response(
            "DEFAULT_ERROR", {"description": "Default error response", "content": problem},
            lazy=True)


def create_app(overrides: dict | None = None) -> Flask:
    # No implicit /static route: service/api/pages.py serves the pages and their assets.
    app = Flask(__name__, static_folder=None)
    app.config.from_object(Config)
    app.config.update(
        API_TITLE="Article annotation API",
        API_VERSION=API_VERSION,
        OPENAPI_VERSION="3.0.3",
        API_SPEC_OPTIONS={"info": API_INFO},
    )
    app.config.update(overrides or {})
    # One byte over the limit, so that a truncated chunked body is seen to be too long.
    app.config["MAX_CONTENT_LENGTH"] = app.config["MAX_BODY_BYTES"] + 1

    api = ProblemApi(app)
    # Referenced by name: the annotate views parse their bodies themselves (strict JSON, text).
    api.spec.components.schema("AnnotateRequest", schema=AnnotateRequestSchema)
    api.spec.components.schema("BatchRequest", schema=BatchRequestSchema)
    api.spec.components.schema("StoryRequest", schema=StoryRequestSchema)
    from .api import annotate, health, pages, stories
    api.register_blueprint(annotate.blp)
    api.register_blueprint(stories.blp)
    api.register_blueprint(health.blp)
    app.register_blueprint(pages.blp)

    init_observability(app)
    init_shedding(app)
    init_security(app)
    if app.config["LOAD_MODEL"]:
        load_annotator(app)
    return app


def load_annotator(app: Flask) -> None:
    from .nlp.annotator import Annotator
    from .nlp.article.html import warm_up as warm_up_html
    from .nlp.article.language import warm_up as warm_up_language
    from .nlp.model import load_pipeline

    nlp = load_pipeline(app.config["SPACY_MODEL"], app.config["MAX_TEXT_CHARS"])
    app.extensions["annotator"] = Annotator(nlp, max_tokens=app.config["MAX_TEXT_TOKENS"])
    warm_up_html()
    warm_up_language()
    logging.getLogger(__name__).info("model %s loaded", app.extensions["annotator"].model)
