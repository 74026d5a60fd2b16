"""Soak test: gunicorn under steady load, one worker SIGKILLed mid-run, SIGTERM at the end.

    python -m evaluation.soak [--clients 8] [--seconds 60] [--kill-at 0.5] [--no-kill]
                              [--stock-worker] [--seed 1] [--json]

What runs (everything on 127.0.0.1, bounded in time; the server is stopped by its PID):
1. gunicorn with the project's gunicorn.conf.py and 2 workers (its own defaults for timeouts and
   recycling), on a free port; start-up until /readyz answers 200;
2. N client threads, each sending POST /v1/annotate in a closed loop for T seconds: generated
   news-like articles (evaluation.bench's ArticleMaker; ~100 to ~3,000 words), JSON or text/plain,
   random offsets units and layers, each with its own X-Request-ID;
3. at `--kill-at` × T one worker gets SIGKILL. Errors from then until the pool has recovered are
   counted apart; recovery is the time until the master has two live workers again and the new
   one has served requests (its CPU time has grown by 50 ms);
4. at T the clients stop starting requests, the master gets SIGTERM while requests are in flight
   (running in a worker or queued in the listen backlog) and /readyz is probed once. A request
   sent before SIGTERM that gets no HTTP response is an accepted request lost.

Reported: requests sent, answers and errors by status, connection errors by kind, per phase
(steady, kill window, shutdown); p50/p99 latency of the steady phase; workers' RSS/PSS (start,
peak, end); recovery time; the shutdown outcome; the load average. The exit status is 1 when a
target is missed: no error in the steady phase, at most one failed request (the one the killed
sync worker was serving) in the kill window, recovery within 5 s, no request lost on SIGTERM.
`--stock-worker` runs gunicorn's plain sync worker instead, to compare the shutdown.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from evaluation.bench.measures import percentile
from evaluation.bench.servers import Server, alive, log, memory_kb
from evaluation.bench.texts import ArticleMaker

RECOVERY_TARGET_S = 5.0
SERVING_CPU_S = 0.05  # CPU a replacement worker has used once it serves annotate requests
REQUEST_TIMEOUT_S = 60
LAYERS = ("actors", "locations", "casualties", "quotes")
SIZES = ((100, 0.15), (300, 0.45), (1000, 0.3), (3000, 0.1))  # words, share of the corpus


def make_requests(count: int, seed: int) -> list[tuple[str, bytes, dict]]:
    """(path, body, headers) for `count` varied annotate requests."""
    rng, maker = random.Random(seed), ArticleMaker(seed)
    sizes, weights = zip(*SIZES)
    out = []
    for _ in range(count):
        text = maker.article(rng.choices(sizes, weights)[0])
        unit = rng.choice(("codepoint", "utf16", "utf8"))
        layers = rng.sample(LAYERS, rng.randint(1, len(LAYERS)))
        if rng.random() < 0.3:
            out.append((f"/v1/annotate?offsets={unit}&layers={','.join(layers)}",
                        text.encode(), {"Content-Type": "text/plain; charset=utf-8"}))
        else:
            body = {"text": text, "offsets": unit, "layers": layers}
            out.append(("/v1/annotate", json.dumps(body).encode(),
                        {"Content-Type": "application/json"}))
    return out


def send(port: int, method: str, path: str, body: bytes | None, headers: dict) -> int | str:
    """The HTTP status, or the name of the connection error."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_S)
    try:
        conn.request(method, path, body, headers)
        response = conn.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException) as error:
        return type(error).__name__
    finally:
        conn.close()


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Soak:
    def __init__(self, args, log_path: Path):
        self.args = args
        self.server = Server(log_path)
        self.requests = make_requests(200, args.seed)
        self.records: list[dict] = []  # one per request: started, ended, outcome
        self.lock = threading.Lock()
        self.stop_sending = threading.Event()
        self.memory: list[dict] = []
        self.kill: dict | None = None
        self.t0 = self.sigterm_at = 0.0

    # --- load -----------------------------------------------------------------------------

    def client(self, index: int) -> None:
        rng = random.Random(self.args.seed * 1000 + index)
        number = 0
        while not self.stop_sending.is_set():
            path, body, headers = rng.choice(self.requests)
            number += 1
            record = {"started": time.monotonic(), "ended": None, "outcome": None}
            with self.lock:
                self.records.append(record)
            outcome = send(self.server.port, "POST", path, body,
                           {**headers, "X-Request-ID": f"soak-{index}-{number}"})
            record["ended"], record["outcome"] = time.monotonic(), outcome

    def sample_memory(self) -> None:
        while not self.stop_sending.is_set():
            try:
                workers = [memory_kb(pid) for pid in self.server.workers()]
                self.memory.append({"t": time.monotonic() - self.t0, "workers": workers,
                                    "master": memory_kb(self.server.process.pid)})
            except OSError:
                pass  # a worker exited between listing and reading
            self.stop_sending.wait(2)

    def kill_one_worker(self) -> None:
        workers = self.server.workers()
        victim = workers[0]
        killed_at = time.monotonic()
        os.kill(victim, signal.SIGKILL)
        log(f"SIGKILL worker {victim} at {killed_at - self.t0:.1f} s")
        respawned = serving = None
        replacement, base_cpu = None, 0.0
        while time.monotonic() - killed_at < 30:
            live = [pid for pid in self.server.workers() if alive(pid)]
            if replacement is None:
                new = [pid for pid in live if pid not in workers]
                if new and len(live) == len(workers):
                    replacement, respawned = new[0], time.monotonic() - killed_at
                    base_cpu = cpu_seconds(replacement)
            elif cpu_seconds(replacement) - base_cpu >= SERVING_CPU_S:
                serving = time.monotonic() - killed_at
                break
            time.sleep(0.02)
        self.kill = {"pid": victim, "at": killed_at, "respawn_s": respawned,
                     "recovered_s": serving, "replacement": replacement}

    # --- shutdown ---------------------------------------------------------------------------

    def shutdown(self, threads: list[threading.Thread]) -> dict:
        """Stop new requests, SIGTERM the master with requests in flight, probe /readyz."""
        self.stop_sending.set()
        with self.lock:
            in_flight = [r for r in self.records if r["ended"] is None]
        self.sigterm_at = sigterm_at = time.monotonic()
        self.server.process.send_signal(signal.SIGTERM)
        readyz = send(self.server.port, "GET", "/readyz", None, {})
        for thread in threads:
            thread.join(REQUEST_TIMEOUT_S + 5)
        try:
            exit_code = self.server.process.wait(60)
        except Exception:
            exit_code = None
        return {"in_flight": len(in_flight),
                "answered": Counter(str(r["outcome"]) for r in in_flight),
                "lost": sum(1 for r in in_flight if not isinstance(r["outcome"], int)),
                "readyz_after_sigterm": readyz, "master_exit": exit_code,
                "exit_s": time.monotonic() - sigterm_at}

    def run(self) -> dict:
        args = self.args
        settings = {}  # gunicorn.conf.py's own defaults
        extra = ("-k", "sync") if args.stock_worker else ()
        startup = self.server.start(2, settings=settings, args=extra)
        log(f"gunicorn ready in {startup:.1f} s on port {self.server.port}")
        deadline = time.monotonic() + 60
        while len(self.server.workers()) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)  # the second worker may still be forking
        load_before = os.getloadavg()
        threads = [threading.Thread(target=self.client, args=(i,), daemon=True)
                   for i in range(args.clients)]
        sampler = threading.Thread(target=self.sample_memory, daemon=True)
        self.t0 = time.monotonic()
        for thread in [*threads, sampler]:
            thread.start()
        killer = None
        if not args.no_kill:
            killer = threading.Timer(args.kill_at * args.seconds, self.kill_one_worker)
            killer.start()
        time.sleep(args.seconds)
        if killer is not None:
            killer.join(35)
        memory_end = self.memory[-1] if self.memory else None
        load_during = os.getloadavg()
        shutdown = self.shutdown(threads)
        sampler.join(5)
        return self.report(startup, shutdown, memory_end, load_before, load_during)

    # --- report -----------------------------------------------------------------------------

    def phase(self, record: dict, sigterm_at: float) -> str:
        if record["started"] >= sigterm_at or record["ended"] is None or \
                record["ended"] >= sigterm_at:
            return "shutdown"
        if self.kill is not None:
            window_end = self.kill["at"] + (self.kill["recovered_s"] or 30) + 1
            if record["ended"] >= self.kill["at"] and record["started"] <= window_end:
                return "kill"
        return "steady"

    def report(self, startup, shutdown, memory_end, load_before, load_during) -> dict:
        sigterm_at = self.sigterm_at
        phases: dict[str, list] = {"steady": [], "kill": [], "shutdown": []}
        for record in self.records:
            phases[self.phase(record, sigterm_at)].append(record)
        latencies = [r["ended"] - r["started"] for r in phases["steady"] if r["outcome"] == 200]

        def memory_mb(sample):
            if not sample:
                return None
            workers = sample["workers"]
            return {"workers_rss_mb": [round(w["rss"] / 1024) for w in workers],
                    "workers_pss_mb": [round(w["pss"] / 1024) for w in workers],
                    "total_pss_mb": round((sample["master"]["pss"] +
                                           sum(w["pss"] for w in workers)) / 1024)}

        peak = max(self.memory, key=lambda s: sum(w["rss"] for w in s["workers"]), default=None)
        kill = None
        if self.kill is not None:
            kill = {key: self.kill[key] for key in ("pid", "replacement")}
            for key in ("respawn_s", "recovered_s"):
                kill[key] = None if self.kill[key] is None else round(self.kill[key], 2)
            kill["failed"] = sum(1 for r in phases["kill"] if r["outcome"] != 200)
        steady_errors = Counter(str(r["outcome"]) for r in phases["steady"] if r["outcome"] != 200)
        result = {
            "settings": {"clients": self.args.clients, "seconds": self.args.seconds,
                         "workers": 2, "worker": "sync" if self.args.stock_worker
                         else "service.worker.DrainingSyncWorker"},
            "startup_s": round(startup, 2),
            "requests_sent": len(self.records),
            "outcomes": {name: dict(Counter(str(r["outcome"]) for r in records))
                         for name, records in phases.items()},
            "steady_errors": dict(steady_errors),
            "latency_steady_ms": {"n": len(latencies),
                                  "p50": round(1000 * percentile(latencies, 50)) if latencies else None,
                                  "p99": round(1000 * percentile(latencies, 99)) if latencies else None},
            "memory": {"start": memory_mb(self.memory[0] if self.memory else None),
                       "peak": memory_mb(peak), "end": memory_mb(memory_end)},
            "kill": kill,
            "shutdown": {**shutdown, "answered": dict(shutdown["answered"])},
            "load_average": {"before": [round(x, 2) for x in load_before],
                             "at_end": [round(x, 2) for x in load_during]},
        }
        result["targets"] = {
            "no_steady_errors": not steady_errors,
            "kill_at_most_one_failure": kill is None or kill["failed"] <= 1,
            "recovered_within_5s": kill is None or (kill["recovered_s"] is not None and
                                                    kill["recovered_s"] <= RECOVERY_TARGET_S),
            "no_request_lost_on_sigterm": shutdown["lost"] == 0,
        }
        return result


def print_report(r: dict) -> None:
    s = r["settings"]
    print(f"Soak: {s['clients']} clients, {s['seconds']} s, {s['workers']} workers "
          f"({s['worker']}); gunicorn ready in {r['startup_s']} s")
    print(f"requests sent: {r['requests_sent']}")
    for phase, outcomes in r["outcomes"].items():
        print(f"  {phase:9s} {outcomes}")
    lat = r["latency_steady_ms"]
    print(f"steady latency over {lat['n']} answers: p50 {lat['p50']} ms, p99 {lat['p99']} ms")
    for when, figures in r["memory"].items():
        print(f"memory {when:5s}: {figures}")
    if r["kill"]:
        k = r["kill"]
        print(f"SIGKILL worker {k['pid']}: {k['failed']} failed request(s); replacement "
              f"{k['replacement']} forked after {k['respawn_s']} s, serving after "
              f"{k['recovered_s']} s")
    sd = r["shutdown"]
    print(f"SIGTERM with {sd['in_flight']} request(s) in flight: {sd['answered']}, lost "
          f"{sd['lost']}; /readyz right after SIGTERM: {sd['readyz_after_sigterm']}; master exit "
          f"{sd['master_exit']} after {sd['exit_s']:.2f} s")
    print(f"load average before {r['load_average']['before']}, at end {r['load_average']['at_end']}")
    for name, ok in r["targets"].items():
        print(f"  {'PASS' if ok else 'FAIL'} {name}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--kill-at", type=float, default=0.5,
                        help="when to SIGKILL a worker, as a fraction of --seconds")
    parser.add_argument("--no-kill", action="store_true")
    parser.add_argument("--stock-worker", action="store_true",
                        help="gunicorn's plain sync worker (compare the SIGTERM outcome)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="soak-") as tmp:
        soak = Soak(args, Path(tmp) / "gunicorn.log")
        try:
            result = soak.run()
        except Exception:
            log_file = Path(tmp) / "gunicorn.log"
            if log_file.exists():
                sys.stderr.writelines(log_file.read_text().splitlines(True)[-30:])
            raise
        finally:
            soak.stop_sending.set()
            soak.server.stop()
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        print()
    else:
        print_report(result)
    return 0 if all(result["targets"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
