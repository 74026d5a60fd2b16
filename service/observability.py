"""Request ids, structured JSON logs with timing, and Prometheus metrics."""
from __future__ import annotations

import json
import logging
import os
import re
import time
import uuid

from flask import Flask, Response, g, request
from prometheus_client import (CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram,
                               generate_latest, multiprocess)

_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
_access_log = logging.getLogger("service.access")

REQUESTS = Counter("annotation_requests_total", "HTTP requests", ["method", "path", "status"])
LATENCY = Histogram("annotation_request_seconds", "Request latency", ["path"],
                    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))
TEXT_SIZE = Histogram("annotation_text_chars", "Size of annotated texts (code points)",
                      buckets=(100, 1_000, 5_000, 10_000, 50_000, 100_000, 200_000, 1_000_000))


class JsonFormatter(logging.Formatter):
    """One JSON object per line; extra fields passed as `extra={"fields": {...}}`."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": self.formatTime(record), "level": record.levelname,
                 "logger": record.name, "message": record.getMessage()}
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=True)


def request_id() -> str | None:
    return getattr(g, "request_id", None)


def _start():
    incoming = request.headers.get("X-Request-ID", "")
    g.request_id = incoming if _REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
    g.started = time.perf_counter()


def _finish(response: Response) -> Response:
    elapsed = time.perf_counter() - getattr(g, "started", time.perf_counter())
    response.headers["X-Request-ID"] = request_id() or ""
    # Label by route template, not raw path, so unknown URLs cannot blow up the metric's cardinality.
    path = request.url_rule.rule if request.url_rule else "unmatched"
    REQUESTS.labels(request.method, path, str(response.status_code)).inc()
    LATENCY.labels(path).observe(elapsed)
    _access_log.info("request", extra={"fields": {
        "request_id": request_id(), "method": request.method, "path": request.path,
        "status": response.status_code, "duration_ms": round(elapsed * 1000, 2),
        "bytes_in": request.content_length, "bytes_out": response.content_length}})
    return response


def metrics() -> Response:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Under gunicorn every worker writes its own files; aggregate them for the scrape.
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return Response(generate_latest(registry), mimetype=CONTENT_TYPE_LATEST)
    return Response(generate_latest(), mimetype=CONTENT_TYPE_LATEST)


def init_observability(app: Flask) -> None:
    app.before_request(_start)
    app.after_request(_finish)


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
