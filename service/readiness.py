"""Whether this process can annotate: the model is loaded and the server is not draining."""
from __future__ import annotations

from flask import current_app

from .problems import Problem

_NOT_READY = Problem(503, "Service Unavailable", "The model is not loaded yet; retry shortly.",
                     headers={"Retry-After": "5"})


def annotator_or_503():
    annotator = current_app.extensions.get("annotator")
    if annotator is None:
        raise _NOT_READY
    return annotator
