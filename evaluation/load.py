"""Past capacity: the saturation curve of 2 workers, then twice the saturation rate with shedding.

    python -m evaluation.load [--steps 1,2,4,8,16] [--step-seconds 6] [--overload-seconds 12]
                              [--budget 2] [--seed 1] [--json]
    make load

gunicorn with the real gunicorn.conf.py, 2 workers, recycling off, QUEUE_BUDGET_SECONDS=--budget,
on a free 127.0.0.1 port. Requests are generated ~300-word articles (evaluation.bench's
ArticleMaker), each stamped `X-Request-Start: t=<send time>` as nginx would stamp it.
1. Steps: N closed-loop clients for --step-seconds each: throughput, p50/p99 latency, errors.
   Saturation is the highest throughput of the steps.
2. Overload: an open-loop sender at twice that rate for --overload-seconds (every request on
   its own connection, at most MAX_IN_FLIGHT in flight). Each answer's queue wait is read from
   its `Server-Timing: queue;dur=` header.
Targets (exit 1 when missed): no request answered 200 after waiting longer than the budget,
every shed request a 503 problem+json with Retry-After, no other error, no worker restart.
Everything is bounded in time and count.
"""
from __future__ import annotations

import argparse
import http.client
import json
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from evaluation.bench import ArticleMaker, Server, log, percentile
from evaluation.fuzz import WorkerWatch

MAX_IN_FLIGHT = 256
CLIENT_TIMEOUT_S = 30


def make_bodies(count: int, seed: int) -> list[bytes]:
    maker = ArticleMaker(seed)
    return [json.dumps({"text": maker.article(300)}).encode() for _ in range(count)]


def post(port: int, body: bytes) -> dict:
    """One stamped annotate request: status, latency, queue wait (s), shed-answer checks."""
    began = time.time()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=CLIENT_TIMEOUT_S)
    try:
        conn.request("POST", "/v1/annotate", body, {"Content-Type": "application/json",
                                                    "X-Request-Start": f"t={began:.6f}"})
        response = conn.getresponse()
        response.read()
        timing = response.getheader("Server-Timing") or ""
        queue = float(timing.split("dur=")[1]) / 1000 if "dur=" in timing else None
        return {"status": response.status, "latency": time.time() - began, "queue": queue,
                "retry_after": response.getheader("Retry-After"),
                "problem": response.getheader("Content-Type") == "application/problem+json"}
    except (OSError, http.client.HTTPException) as error:
        return {"status": type(error).__name__, "latency": time.time() - began, "queue": None}
    finally:
        conn.close()


def summarise(records: list[dict], seconds: float) -> dict:
    ok = [r["latency"] for r in records if r["status"] == 200]
    statuses = Counter(str(r["status"]) for r in records)
    return {"requests": len(records), "throughput_per_s": round(len(ok) / seconds, 2),
            "p50_ms": round(1000 * percentile(ok, 50)) if ok else None,
            "p99_ms": round(1000 * percentile(ok, 99)) if ok else None,
            "errors": {k: v for k, v in statuses.items() if k != "200"}}


def closed_loop(port: int, bodies: list[bytes], clients: int, seconds: float) -> dict:
    records, lock, stop = [], threading.Lock(), time.monotonic() + seconds

    def client(index: int):
        rng = random.Random(index)
        while time.monotonic() < stop:
            record = post(port, rng.choice(bodies))
            with lock:
                records.append(record)
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + CLIENT_TIMEOUT_S + 5)
    return {"clients": clients, **summarise(records, time.monotonic() - began)}


def open_loop(port: int, bodies: list[bytes], rate: float, seconds: float) -> list[dict]:
    """Requests sent at `rate` per second whatever the answers; the records of all of them."""
    futures, skipped = [], 0
    in_flight = threading.Semaphore(MAX_IN_FLIGHT)

    def one(body):
        try:
            return post(port, body)
        finally:
            in_flight.release()
    with ThreadPoolExecutor(MAX_IN_FLIGHT) as pool:
        began, sent = time.monotonic(), 0
        while time.monotonic() - began < seconds:
            due = began + sent / rate
            time.sleep(max(0.0, due - time.monotonic()))
            if in_flight.acquire(blocking=False):
                futures.append(pool.submit(one, bodies[sent % len(bodies)]))
            else:
                skipped += 1
            sent += 1
    records = [future.result() for future in futures]
    if skipped:
        log(f"{skipped} sends skipped: {MAX_IN_FLIGHT} requests already in flight")
    return records


def overload_report(records: list[dict], budget: float, seconds: float) -> dict:
    served = [r for r in records if r["status"] == 200]
    shed = [r for r in records if r["status"] == 503]
    late = [r for r in served if r["queue"] is None or r["queue"] > budget]
    bad_shed = [r for r in shed if not (r["problem"] and r["retry_after"])]
    others = Counter(str(r["status"]) for r in records if r["status"] not in (200, 503))
    waits = [r["queue"] for r in served if r["queue"] is not None]
    return {**summarise(records, seconds), "served": len(served), "shed": len(shed),
            "served_after_budget": len(late), "shed_without_problem_or_retry_after": len(bad_shed),
            "other_outcomes": dict(others),
            "served_queue_wait_max_s": round(max(waits), 3) if waits else None,
            "shed_latency_p50_ms": round(1000 * percentile([r["latency"] for r in shed], 50))
            if shed else None}


def run(args) -> dict:
    bodies = make_bodies(20, args.seed)
    with tempfile.TemporaryDirectory(prefix="load-") as tmp:
        server = Server(Path(tmp) / "gunicorn.log")
        try:
            server.start(2, settings={"MAX_REQUESTS": "0",
                                      "QUEUE_BUDGET_SECONDS": str(args.budget)})
            while len(server.workers()) < 2:
                time.sleep(0.05)
            watch = WorkerWatch(server)
            watch.thread.start()
            for body in bodies[:4]:
                post(server.port, body)  # warm-up
            steps = []
            for clients in args.steps:
                steps.append(closed_loop(server.port, bodies, clients, args.step_seconds))
                log(f"step {steps[-1]}")
            saturation = max(step["throughput_per_s"] for step in steps)
            rate = 2 * saturation
            log(f"overload: {rate:.1f} requests/s for {args.overload_seconds} s")
            records = open_loop(server.port, bodies, rate, args.overload_seconds)
            overload = {"rate_per_s": round(rate, 2),
                        **overload_report(records, args.budget, args.overload_seconds)}
            watch.stop.set()
            restarts = watch.restarts()
        finally:
            server.stop()
    result = {"workers": 2, "budget_s": args.budget, "steps": steps,
              "saturation_per_s": saturation, "overload": overload, "worker_restarts": restarts}
    result["targets"] = {
        "none_served_after_budget": overload["served_after_budget"] == 0,
        "every_shed_is_problem_with_retry_after":
            overload["shed_without_problem_or_retry_after"] == 0,
        "no_other_errors": not overload["other_outcomes"],
        "no_worker_restart": not restarts,
    }
    return result


def print_report(r: dict) -> None:
    print(f"2 workers, queue budget {r['budget_s']} s")
    print(f"{'clients':>7} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7}  errors")
    for s in r["steps"]:
        print(f"{s['clients']:>7} {s['throughput_per_s']:>7} {s['p50_ms']:>7} {s['p99_ms']:>7}  "
              f"{s['errors'] or 0}")
    o = r["overload"]
    print(f"saturation {r['saturation_per_s']} req/s; overload at {o['rate_per_s']} req/s: "
          f"{o['requests']} sent, {o['served']} served (p50 {o['p50_ms']} ms, p99 "
          f"{o['p99_ms']} ms, max queue wait {o['served_queue_wait_max_s']} s), {o['shed']} shed "
          f"(p50 {o['shed_latency_p50_ms']} ms), other {o['other_outcomes']}")
    print(f"worker restarts: {r['worker_restarts']}")
    for name, ok in r["targets"].items():
        print(f"  {'PASS' if ok else 'FAIL'} {name}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=lambda v: [int(x) for x in v.split(",")],
                        default=[1, 2, 4, 8, 16])
    parser.add_argument("--step-seconds", type=float, default=6)
    parser.add_argument("--overload-seconds", type=float, default=12)
    parser.add_argument("--budget", type=float, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = run(args)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_report(result)
    return 0 if all(result["targets"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
