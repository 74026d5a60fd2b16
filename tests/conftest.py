"""Shared fixtures: one real pipeline and one app for the whole session."""
from __future__ import annotations

import pytest

from service import create_app


@pytest.fixture(scope="session")
def app():
    """The app with the configured spaCy model loaded (pytest-flask builds `client` from it)."""
    return create_app({"TESTING": True})


@pytest.fixture(scope="session")
def annotator(app):
    return app.extensions["annotator"]


@pytest.fixture(scope="session")
def nlp(annotator):
    return annotator.nlp


@pytest.fixture()
def unready_app():
    """An app whose model is not loaded (the state before start-up finishes)."""
    return create_app({"TESTING": True, "LOAD_MODEL": False})
