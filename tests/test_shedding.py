"""Queue-budget shedding: requests that waited past the budget get a 503 before any work."""
from __future__ import annotations

import time

import pytest
from prometheus_client import REGISTRY

from service import create_app, shedding

NOW = 1_760_000_000.0


@pytest.mark.parametrize("header, expected", [
    ("t=1760000000.250", NOW + 0.25),        # nginx: t=${msec}
    ("1760000000250", NOW + 0.25),           # Heroku: milliseconds
    ("t=1760000000250000", NOW + 0.25),      # Apache: t=%t, microseconds
    (" 1760000000 ", NOW),
])
def test_request_start_formats(header, expected):
    assert shedding.parse_request_start(header) == pytest.approx(expected)


@pytest.mark.parametrize("header", [None, "", "t=", "soon", "t=nan", "inf", "-5", "0"])
def test_malformed_request_start_is_ignored(header):
    assert shedding.parse_request_start(header) is None


def test_wait_from_the_proxy_stamp_first_then_the_accept_time():
    assert shedding.queue_wait("t=1760000000", NOW - 100, now=NOW + 3) == (3.0, "proxy")
    assert shedding.queue_wait("junk", NOW + 1, now=NOW + 3) == (2.0, "accept")
    assert shedding.queue_wait(None, None, now=NOW) is None
    # A proxy clock ahead of ours: no wait, not a negative one.
    assert shedding.queue_wait("t=1760000009", None, now=NOW) == (0.0, "proxy")


def _shed_count(source: str) -> float:
    return REGISTRY.get_sample_value("annotation_shed_total", {"source": source}) or 0.0


@pytest.fixture()
def budget_app():
    """An app with a 2 s budget; the model is not needed, shedding comes before it."""
    return create_app({"TESTING": True, "LOAD_MODEL": False, "QUEUE_BUDGET_SECONDS": 2})


def test_request_over_budget_is_503_before_its_body_is_read(budget_app):
    before = _shed_count("proxy")
    stale = f"t={time.time() - 5:.3f}"
    # Malformed JSON would be a 400 if the body were parsed.
    response = budget_app.test_client().post(
        "/v1/annotate", data=b"{not json", content_type="application/json",
        headers={"X-Request-Start": stale})
    assert response.status_code == 503 and response.mimetype == "application/problem+json"
    assert response.headers["Retry-After"] == "2"
    assert "queue budget of 2 s" in response.get_json()["detail"]
    assert _shed_count("proxy") == before + 1


def test_accept_time_is_the_fallback(budget_app, monkeypatch):
    monkeypatch.setattr(shedding, "_accepted_at", time.time() - 3)
    before = _shed_count("accept")
    response = budget_app.test_client().post("/v1/annotate/batch", json={"items": []})
    assert response.status_code == 503 and _shed_count("accept") == before + 1


def test_health_readiness_and_metrics_are_never_shed(budget_app):
    stale = {"X-Request-Start": f"t={time.time() - 60:.3f}"}
    client = budget_app.test_client()
    assert client.get("/healthz", headers=stale).status_code == 200
    assert client.get("/metrics", headers=stale).status_code == 200
    # 503 here means "model not loaded", not shed: the detail says which.
    assert "queue" not in client.get("/readyz", headers=stale).get_data(as_text=True)


def test_request_within_budget_is_served_and_reports_its_wait(client):
    response = client.post("/v1/annotate", json={"text": "Officials said 15 were killed."},
                           headers={"X-Request-Start": f"t={time.time() - 1:.3f}"})
    assert response.status_code == 200
    timing = response.headers["Server-Timing"]
    assert timing.startswith("queue;dur=") and 900 <= float(timing.split("=")[1]) < 5000


def test_zero_budget_turns_shedding_off():
    app = create_app({"TESTING": True, "LOAD_MODEL": False, "QUEUE_BUDGET_SECONDS": 0})
    response = app.test_client().post("/v1/annotate", data=b"{not json",
                                      content_type="application/json",
                                      headers={"X-Request-Start": "t=1"})
    assert response.status_code == 400 and "Server-Timing" not in response.headers
