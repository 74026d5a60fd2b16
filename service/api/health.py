"""Liveness, readiness, metrics and the OpenAPI document."""
from __future__ import annotations

from pathlib import Path

from flask import Response
from flask_smorest import Blueprint

from schemas import HealthSchema, ReadySchema
from service.observability import metrics as prometheus_metrics
from service.readiness import ready_annotator_or_503

blp = Blueprint("health", __name__, description="Health and the API description.")
OPENAPI_FILE = Path(__file__).resolve().parents[2] / "openapi.yaml"


@blp.route("/healthz", methods=["GET"])
@blp.response(200, HealthSchema)
def healthz():
    """The process answers (no model call)."""
    return {"status": "ok"}


@blp.route("/readyz", methods=["GET"])
@blp.response(200, ReadySchema)
@blp.alt_response(503, response="SERVICE_UNAVAILABLE")
def readyz():
    """The model is loaded and requests can be annotated; 503 before, and while shutting down."""
    return {"status": "ready", "model": ready_annotator_or_503().model}


@blp.route("/openapi.yaml", methods=["GET"])
@blp.doc(responses={200: {"description": "This document.",
                          "content": {"application/yaml": {"schema": {"type": "object"}}}}})
def openapi_document():
    """The committed OpenAPI document, as served to clients."""
    return Response(OPENAPI_FILE.read_text(encoding="utf-8"), mimetype="application/yaml")


@blp.route("/metrics", methods=["GET"])
@blp.doc(responses={200: {"description": "Prometheus text exposition format.",
                          "content": {"text/plain": {"schema": {"type": "string"}}}}})
def metrics():
    """Prometheus metrics: requests, latency, text sizes, shed requests, rate-limit store errors
    (all workers' when PROMETHEUS_MULTIPROC_DIR is set)."""
    return prometheus_metrics()
