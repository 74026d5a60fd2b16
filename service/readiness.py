"""Whether this process can annotate: the model is loaded and the server is not draining."""
from __future__ import annotations

from flask import current_app

from .problems import Problem

_NOT_READY = Problem(503, "Service Unavailable", "The model is not loaded yet; retry shortly.",
                     headers={"Retry-After": "5"})
_DRAINING = Problem(503, "Service Unavailable",
                    "The server is shutting down; send new requests to another instance.",
                    headers={"Retry-After": "5"})

# Set once, in a worker process, when gunicorn asks it to stop (see service/worker.py).
_state = {"draining": False}


def start_draining() -> None:
    """Called from the SIGTERM handler: from now on /readyz answers 503."""
    _state["draining"] = True


def is_draining() -> bool:
    return _state["draining"]


def annotator_or_503():
    annotator = current_app.extensions.get("annotator")
    if annotator is None:
        raise _NOT_READY
    return annotator


def ready_annotator_or_503():
    """The annotator for /readyz: 503 while loading and while draining."""
    if is_draining():
        raise _DRAINING
    return annotator_or_503()
