"""The rate limit shared by gunicorn's workers through a real Redis, and failing open without it.

A Debian `redis-server` (installed by `make system-deps`) is started on a free 127.0.0.1 port;
gunicorn runs the real gunicorn.conf.py with 2 workers and RATE_LIMIT_STORAGE_URI pointing at it.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest
import redis
from prometheus_client import REGISTRY

from evaluation.bench import Server, free_port
from evaluation.soak import send
from service import create_app

LIMIT = 12
ARTICLE = json.dumps({"text": "Officials said 15 fighters were killed."}).encode()
JSON = {"Content-Type": "application/json"}


class RedisServer:
    """redis-server on a free loopback port, no persistence, stopped by its PID."""

    def __init__(self):
        executable = shutil.which("redis-server")
        if executable is None:
            pytest.fail("redis-server is missing: run `make system-deps`")
        self.port = free_port()
        self.process = subprocess.Popen(
            [executable, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--protected-mode", "yes"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=1)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        self.stop()
        pytest.fail("redis-server did not start")

    @property
    def uri(self) -> str:
        return f"redis://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


@pytest.fixture(scope="module")
def redis_server():
    server = RedisServer()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def gunicorn(redis_server, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("redis-limit")
    metrics = tmp / "metrics"
    metrics.mkdir()
    server = Server(tmp / "gunicorn.log")
    server.start(2, settings={**Server.SETTINGS, "RATE_LIMIT": f"{LIMIT}/minute",
                              "RATE_LIMIT_STORAGE_URI": redis_server.uri,
                              "PROMETHEUS_MULTIPROC_DIR": str(metrics)})
    deadline = time.monotonic() + 60
    while len(server.workers()) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    server.metrics_dir = metrics
    yield server
    server.stop()


def _burst(port: int, count: int, clients: int = 4) -> list:
    """`count` annotate requests from `clients` threads at once; their statuses."""
    statuses, lock = [], threading.Lock()

    def client(share: int):
        for _ in range(share):
            status = send(port, "POST", "/v1/annotate", ARTICLE, JSON)
            with lock:
                statuses.append(status)
    threads = [threading.Thread(target=client, args=(count // clients,)) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return statuses


def _workers_that_served(metrics_dir: Path, pids: list[int]) -> set[int]:
    """Worker pids whose own multiprocess metric files exist (written when they count requests)."""
    return {pid for pid in pids if list(metrics_dir.glob(f"counter_{pid}.db"))}


def _metric(port: int, name: str) -> float:
    status, body = _get(port, "/metrics")
    assert status == 200
    values = [float(line.split()[-1]) for line in body.decode().splitlines()
              if line.startswith(name + " ") or line.startswith(name + "{")]
    return sum(values)


def _get(port: int, path: str):
    import http.client
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def test_limit_holds_across_both_workers(gunicorn):
    statuses = _burst(gunicorn.port, 3 * LIMIT)
    assert statuses.count(200) == LIMIT, statuses
    assert statuses.count(429) == 2 * LIMIT, statuses
    # Both workers took requests, so a per-worker store would have let up to 2 x LIMIT through.
    assert _workers_that_served(gunicorn.metrics_dir, gunicorn.workers()) == set(gunicorn.workers())


def test_without_redis_the_service_keeps_answering_and_counts_it(gunicorn, redis_server):
    redis_server.stop()
    before = _metric(gunicorn.port, "annotation_rate_limit_store_errors_total")
    statuses = _burst(gunicorn.port, 8)
    assert statuses == [200] * 8
    assert _metric(gunicorn.port, "annotation_rate_limit_store_errors_total") >= before + 8
    log = Path(gunicorn.log_path).read_text(errors="replace")
    assert "Swallowing error" in log


def test_unreachable_store_fails_open_in_process(app):
    """Nothing listens on the port: each request is let through and counted."""
    configured = create_app({"TESTING": True, "LOAD_MODEL": False, "RATE_LIMIT": "1/minute",
                             "RATE_LIMIT_STORAGE_URI": f"redis://127.0.0.1:{free_port()}"})
    configured.extensions["annotator"] = app.extensions["annotator"]
    client = configured.test_client()
    before = REGISTRY.get_sample_value("annotation_rate_limit_store_errors_total") or 0
    statuses = [client.post("/v1/annotate", json={"text": "Hello there."}).status_code
                for _ in range(3)]
    assert statuses == [200, 200, 200]
    assert REGISTRY.get_sample_value("annotation_rate_limit_store_errors_total") >= before + 3
