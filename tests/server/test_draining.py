"""Graceful shutdown: /readyz fails while a worker drains, and queued connections are served."""
from __future__ import annotations

import os
import signal
import socket
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from gunicorn.config import Config as GunicornConfig
from gunicorn.glogging import Logger

from service import readiness
from service.worker import DrainingSyncWorker


@pytest.fixture()
def draining(monkeypatch):
    """Restores the process-wide flag after the test (the SIGTERM handler sets it for good)."""
    monkeypatch.setitem(readiness._state, "draining", False)
    return readiness._state


def test_readyz_answers_503_while_draining(client, draining):
    assert client.get("/readyz").status_code == 200
    readiness.start_draining()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    assert response.headers["Retry-After"]
    assert "shutting down" in response.get_json()["detail"]
    # Liveness is unaffected, and requests already routed here are still served.
    assert client.get("/healthz").status_code == 200
    assert client.post("/v1/annotate", json={"text": "Officials said it rained."}).status_code == 200


def _queue_request(port: int, path: str) -> socket.socket:
    """A connection that waits in the listener's accept queue with a complete request."""
    conn = socket.create_connection(("127.0.0.1", port), timeout=30)
    conn.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
    return conn


def _read_status(conn: socket.socket) -> int:
    data = b""
    while chunk := conn.recv(65536):
        data += chunk
    conn.close()
    return int(data.split(b" ", 2)[1])


def test_sigterm_marks_draining_and_serves_the_queued_connections(app, draining):
    listener = socket.create_server(("127.0.0.1", 0), backlog=16)
    listener.setblocking(False)
    cfg = GunicornConfig()
    cfg.set("accesslog", None)
    worker = DrainingSyncWorker(1, os.getppid(), [listener], None, 30, cfg, Logger(cfg))
    worker.wsgi = app
    try:
        port = listener.getsockname()[1]
        queued = [_queue_request(port, "/readyz"), _queue_request(port, "/healthz")]
        with ThreadPoolExecutor(2) as readers:  # clients read and close as answers come
            statuses = [readers.submit(_read_status, conn) for conn in queued]
            worker.handle_exit(signal.SIGTERM, None)  # what gunicorn's master sends
            assert not worker.alive and readiness.is_draining()
            assert worker.drain_backlog() == 2
            assert [status.result(timeout=30) for status in statuses] == [503, 200]
        assert worker.drain_backlog() == 0  # an empty queue ends the drain at once
    finally:
        listener.close()
        worker.tmp.close()


def test_worker_class_is_configured():
    cfg = GunicornConfig()
    cfg.set("worker_class", "service.worker.DrainingSyncWorker")
    assert cfg.worker_class is DrainingSyncWorker
    conf = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"
    namespace: dict = {}
    exec(compile(conf.read_text(), str(conf), "exec"), namespace)
    assert namespace["worker_class"] == "service.worker.DrainingSyncWorker"
