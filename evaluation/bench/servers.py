"""Processes to measure: bare spaCy in its own process, and gunicorn on a free 127.0.0.1 port."""
from __future__ import annotations

import http.client
import json
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def memory_kb(pid: int) -> dict:
    """Rss, Pss and private (clean + dirty) memory of a process, in kB."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0])
    return {"rss": fields["Rss"], "pss": fields["Pss"],
            "private": fields["Private_Clean"] + fields["Private_Dirty"]}


def children(pid: int) -> list[int]:
    """Live child processes of `pid`, from /proc/*/stat."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry.name))
    return sorted(found)


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


# --- Bare spaCy in its own process -------------------------------------------------------------

def _bare_main(conn, model: str) -> None:
    """Child process: load the model, then time nlp(text) for each batch of texts it is sent."""
    import spacy

    from service.nlp.model.loading import model_location
    nlp = spacy.load(model_location(model))  # a package that ships its model as data, too
    conn.send("ready")
    while True:
        texts = conn.recv()
        if texts is None:
            return
        start, times = time.monotonic(), []
        for text in texts:
            began = time.perf_counter()
            nlp(text)
            times.append(time.perf_counter() - began)
        conn.send((start, time.monotonic(), times))


class BareSpacy:
    """A spawned process holding only spaCy and the model; `start()` returns its start-up time."""

    def __init__(self, model: str):
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_bare_main, args=(child, model), daemon=True)

    def start(self) -> float:
        began = time.perf_counter()
        self.process.start()
        if self.conn.recv() != "ready":
            raise RuntimeError("bare spaCy process failed to start")
        return time.perf_counter() - began

    def send(self, texts: list[str]) -> None:
        self.conn.send(texts)

    def receive(self) -> tuple[float, float, list[float]]:
        return self.conn.recv()

    def parse(self, texts: list[str]) -> list[float]:
        self.send(texts)
        return self.receive()[2]

    def stop(self) -> None:
        if self.process.is_alive():
            self.conn.send(None)
            self.process.join(10)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)


# --- The service under gunicorn ----------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with the project's config, on 127.0.0.1 only, started and stopped by us."""

    def __init__(self, log_path: Path):
        self.port = free_port()
        self.log_path = log_path
        self.process: subprocess.Popen | None = None
        self.seen: set[int] = set()  # every worker pid we saw, to check none is left behind

    # The benchmark's settings: no recycling, so the followed worker stays the same process.
    SETTINGS = {"MAX_REQUESTS": "0", "WORKER_TIMEOUT": "300", "GRACEFUL_TIMEOUT": "10"}

    def start(self, workers: int, settings: dict | None = None, args: tuple = ()) -> float:
        """Launch gunicorn; return the seconds until /readyz answers 200.

        `settings` (environment read by gunicorn.conf.py) replace SETTINGS; `args` are extra
        gunicorn command-line options."""
        env = {**os.environ, **(self.SETTINGS if settings is None else settings),
               "WORKERS": str(workers), "HOST": "127.0.0.1", "PORT": str(self.port)}
        command = [str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py",
                   "-b", f"127.0.0.1:{self.port}", *args, "service:create_app()"]
        began = time.perf_counter()
        with open(self.log_path, "ab") as out:
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        self.wait_ready(timeout=180)
        return time.perf_counter() - began

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log_path}")
            try:
                if request(self.port, "GET", "/readyz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"gunicorn not ready after {timeout} s; see {self.log_path}")

    def workers(self) -> list[int]:
        pids = children(self.process.pid)
        self.seen.update(pids)
        return pids

    def set_workers(self, count: int, timeout: float = 60) -> None:
        """Add or remove workers with SIGTTIN / SIGTTOU, then wait until there are `count`."""
        change = count - len(self.workers())
        for _ in range(abs(change)):
            os.kill(self.process.pid, signal.SIGTTIN if change > 0 else signal.SIGTTOU)
            time.sleep(0.2)
        deadline = time.monotonic() + timeout
        while len(self.workers()) != count:
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn has {len(self.workers())} workers, wanted {count}")
            time.sleep(0.2)

    def memory(self) -> dict:
        """Memory of the master and of each worker, in kB."""
        return {"master": memory_kb(self.process.pid),
                "workers": [memory_kb(pid) for pid in self.workers()]}

    def stop(self) -> None:
        """SIGTERM the master, SIGKILL whatever of ours is left after the grace period."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.workers()
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        deadline = time.monotonic() + 15
        while any(alive(pid) for pid in self.seen) and time.monotonic() < deadline:
            time.sleep(0.2)
        for pid in self.seen:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        left = [pid for pid in self.seen if alive(pid)]
        log(f"gunicorn stopped (exit {self.process.returncode}); left behind: {left or 'none'}")


def request(port: int, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        conn.request(method, path, body, headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def annotate(port: int, text: str) -> float:
    """POST one article; return the client-side latency in seconds."""
    body = json.dumps({"text": text}).encode()
    began = time.perf_counter()
    status, payload = request(port, "POST", "/v1/annotate", body)
    elapsed = time.perf_counter() - began
    if status != 200:
        raise RuntimeError(f"annotate returned {status}: {payload[:300]!r}")
    return elapsed
