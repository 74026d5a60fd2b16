"""Queue-budget shedding: a request that waited too long is answered 503 before any work.

Past capacity, requests queue (in the proxy, in the listen backlog) and a sync worker would
annotate each one after its client has given up, so the queue never drains. Each request's wait
is measured from, in this order:
- the proxy's `X-Request-Start` header: nginx's `t=<seconds.milliseconds>` (`proxy_set_header
  X-Request-Start "t=${msec}"`), Heroku's integer milliseconds, Apache's `t=<microseconds>`;
- the time the worker accepted the connection (`service.worker.DrainingSyncWorker` records
  it): this covers slow reading of the request line and headers only (gunicorn calls the app
  once the headers are in), since time spent in the kernel's listen queue is invisible to the
  worker; hence the proxy header.
Over `QUEUE_BUDGET_SECONDS` (0 turns shedding off) the answer is a 503 problem with
`Retry-After`, counted in `annotation_shed_total`; the body is not even read. Health, readiness,
metrics and the spec are never shed. Every examined response carries the measured wait as
`Server-Timing: queue;dur=<ms>`, so a client or a load test can check what was processed when.
"""
from __future__ import annotations

import math
import time

from flask import Flask, g, request
from prometheus_client import Counter

from .problems import Problem
from .security import PUBLIC_PATHS

SHED = Counter("annotation_shed_total",
               "Requests answered 503 because they waited longer than QUEUE_BUDGET_SECONDS",
               ["source"])
# X-Request-Start values by magnitude: seconds, milliseconds or microseconds since the epoch.
_MS_FROM, _US_FROM = 1e11, 1e14

_accepted_at: float | None = None


def mark_accepted(when: float | None) -> None:
    """Record when this worker accepted the connection it is about to serve, None once it is
    served (sync workers serve one connection at a time, so one value per process is enough)."""
    global _accepted_at
    _accepted_at = when


def parse_request_start(value: str | None) -> float | None:
    """Epoch seconds from an X-Request-Start header, or None when absent or malformed."""
    if not value:
        return None
    value = value.strip()
    if value.startswith("t="):
        value = value[2:]
    try:
        stamp = float(value)
    except ValueError:
        return None
    if not math.isfinite(stamp) or stamp <= 0:
        return None
    if stamp >= _US_FROM:
        return stamp / 1e6
    if stamp >= _MS_FROM:
        return stamp / 1e3
    return stamp


def queue_wait(header: str | None, accepted_at: float | None,
               now: float | None = None) -> tuple[float, str] | None:
    """(seconds waited, source) from the proxy's stamp, else from the accept time."""
    now = time.time() if now is None else now
    started = parse_request_start(header)
    source = "proxy"
    if started is None:
        started, source = accepted_at, "accept"
    if started is None:
        return None
    # A proxy clock slightly ahead of ours gives a negative wait: count it as none.
    return max(0.0, now - started), source


def _shed_if_over_budget(budget: float):
    if request.path in PUBLIC_PATHS:
        return None
    measured = queue_wait(request.headers.get("X-Request-Start"), _accepted_at)
    if measured is None:
        return None
    waited, source = measured
    g.queue_wait = waited
    if waited <= budget:
        return None
    SHED.labels(source).inc()
    raise Problem(503, "Service Unavailable",
                  f"The request waited {waited:.1f} s before it could be served, over the "
                  f"queue budget of {budget:g} s; retry later.",
                  headers={"Retry-After": str(max(1, math.ceil(budget)))})


def _server_timing(response):
    waited = g.get("queue_wait")
    if waited is not None:
        response.headers["Server-Timing"] = f"queue;dur={waited * 1000:.1f}"
    return response


def init_shedding(app: Flask) -> None:
    """Register the check before every other hook that does work (keys, rate limit, parsing)."""
    budget = app.config["QUEUE_BUDGET_SECONDS"]
    if budget > 0:
        app.before_request(lambda: _shed_if_over_budget(budget))
        app.after_request(_server_timing)
