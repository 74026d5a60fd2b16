"""API keys, CORS, rate limiting, security headers, request ids, metrics and the deadline."""
from __future__ import annotations

import flask
import pytest

from service import create_app

ARTICLE = {"text": "Jonathan Whitfield spoke in Kabul."}


@pytest.fixture()
def make_client(app):
    """A client for an app with config overrides, sharing the session's loaded annotator."""
    def build(**overrides):
        configured = create_app({"TESTING": True, "LOAD_MODEL": False, **overrides})
        configured.extensions["annotator"] = app.extensions["annotator"]
        return configured.test_client()
    return build


def test_api_keys_are_off_by_default(client):
    assert client.post("/v1/annotate", json=ARTICLE).status_code == 200


def test_api_key_missing_or_wrong_is_401_and_right_is_200(make_client):
    client = make_client(API_KEYS=["k-one", "k-two"])
    missing = client.post("/v1/annotate", json=ARTICLE)
    assert missing.status_code == 401 and missing.mimetype == "application/problem+json"
    assert missing.headers["WWW-Authenticate"]
    assert client.post("/v1/annotate", json=ARTICLE, headers={"X-API-Key": "k-on"}).status_code == 401
    assert client.post("/v1/annotate", json=ARTICLE, headers={"X-API-Key": "k-two"}).status_code == 200
    bearer = {"Authorization": "Bearer k-one"}
    assert client.post("/v1/annotate", json=ARTICLE, headers=bearer).status_code == 200


def test_health_needs_no_key(make_client):
    client = make_client(API_KEYS=["secret"])
    assert client.get("/healthz").status_code == 200 and client.get("/readyz").status_code == 200


def test_cors_allows_configured_origins_only(make_client):
    client = make_client(CORS_ORIGINS=["https://cms.example"])
    allowed = client.post("/v1/annotate", json=ARTICLE, headers={"Origin": "https://cms.example"})
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://cms.example"
    other = client.post("/v1/annotate", json=ARTICLE, headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers


def test_cors_preflight_and_errors_carry_the_headers(make_client):
    client = make_client(CORS_ORIGINS=["https://cms.example"], API_KEYS=["secret"])
    preflight = client.options("/v1/annotate", headers={
        "Origin": "https://cms.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "Content-Type, X-API-Key"})
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "https://cms.example"
    refused = client.post("/v1/annotate", json=ARTICLE, headers={"Origin": "https://cms.example"})
    assert refused.status_code == 401
    assert refused.headers["Access-Control-Allow-Origin"] == "https://cms.example"


def test_rate_limit_answers_429_with_retry_after(make_client):
    client = make_client(RATE_LIMIT="3/minute")
    statuses = [client.post("/v1/annotate", json=ARTICLE).status_code for _ in range(5)]
    assert statuses[:3] == [200, 200, 200] and statuses[3:] == [429, 429]
    refused = client.post("/v1/annotate", json=ARTICLE)
    assert refused.mimetype == "application/problem+json" and int(refused.headers["Retry-After"]) >= 1
    assert client.get("/healthz").status_code == 200


def test_rate_limit_counts_per_api_key(make_client):
    client = make_client(RATE_LIMIT="1/minute", API_KEYS=["a", "b"])
    assert client.post("/v1/annotate", json=ARTICLE, headers={"X-API-Key": "a"}).status_code == 200
    assert client.post("/v1/annotate", json=ARTICLE, headers={"X-API-Key": "a"}).status_code == 429
    assert client.post("/v1/annotate", json=ARTICLE, headers={"X-API-Key": "b"}).status_code == 200


@pytest.mark.parametrize("path, method", [("/v1/annotate", "post"), ("/nope", "get"), ("/healthz", "get")])
def test_security_headers_on_every_response(client, path, method):
    response = getattr(client, method)(path, json=ARTICLE)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cache-Control"] == "no-store"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_request_id_is_echoed_or_generated(client):
    given = client.post("/v1/annotate", json=ARTICLE, headers={"X-Request-ID": "abc-123"})
    assert given.headers["X-Request-ID"] == "abc-123"
    generated = client.post("/v1/annotate", json={})
    assert len(generated.headers["X-Request-ID"]) == 32
    assert generated.get_json()["instance"].endswith(generated.headers["X-Request-ID"])
    hostile = client.get("/healthz", headers={"X-Request-ID": "x" * 500})
    assert hostile.headers["X-Request-ID"] != "x" * 500


def test_metrics_count_requests(client):
    client.post("/v1/annotate", json=ARTICLE)
    body = client.get("/metrics").get_data(as_text=True)
    assert "annotation_requests_total" in body and "annotation_request_seconds" in body
    assert "annotation_text_chars" in body


def test_deadline_answers_503_and_flags_the_worker(make_client):
    client = make_client(REQUEST_DEADLINE_SECONDS=0.001)
    with client:  # keeps the request context, so the WSGI environ gunicorn's hook reads is visible
        response = client.post("/v1/annotate", json={"text": "Jonathan Whitfield spoke. " * 3000})
        assert flask.request.environ.get("annotation.restart_worker") is True
    assert response.status_code == 503 and response.mimetype == "application/problem+json"
    assert response.headers["Retry-After"] == "1"
