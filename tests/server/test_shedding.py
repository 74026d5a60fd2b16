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


# --- Under gunicorn, with the project's worker ----------------------------------------------

@pytest.fixture(scope="module")
def live(tmp_path_factory):
    from evaluation.bench import Server
    server = Server(tmp_path_factory.mktemp("shedding") / "gunicorn.log")
    server.start(1, settings={**Server.SETTINGS, "QUEUE_BUDGET_SECONDS": "1"})
    yield server
    server.stop()


def _raw_post(port: int, body: bytes, pause: float = 0.0, stamp: str | None = None):
    """POST whose headers arrive `pause` seconds after the request line (a slow client: the
    app runs once the headers are in, so that is the wait the accept time can show)."""
    import socket
    head = (f"POST /v1/annotate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n" + (f"X-Request-Start: {stamp}\r\n" if stamp else "")
            + "Connection: close\r\n\r\n").encode()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        line_end = head.index(b"\r\n") + 2
        sock.sendall(head[:line_end])
        time.sleep(pause)
        sock.sendall(head[line_end:] + body)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    status_line, _, rest = answer.partition(b"\r\n")
    return int(status_line.split()[1]), rest.decode("utf-8", "replace")


BODY = b'{"text": "Officials said 15 were killed."}'


def test_live_slow_request_is_shed_from_the_accept_time_and_the_next_is_served(live):
    status, rest = _raw_post(live.port, BODY, pause=1.5)
    assert status == 503 and "Retry-After: 1" in rest and "queue budget" in rest
    # The worker goes on serving: the next request, sent at once, is annotated.
    status, rest = _raw_post(live.port, BODY)
    assert status == 200 and "Server-Timing: queue;dur=" in rest


def test_live_stale_proxy_stamp_is_shed(live):
    status, rest = _raw_post(live.port, BODY, stamp=f"t={time.time() - 5:.3f}")
    assert status == 503 and "application/problem+json" in rest
    fresh = _raw_post(live.port, BODY, stamp=f"{int(time.time() * 1000)}")
    assert fresh[0] == 200
