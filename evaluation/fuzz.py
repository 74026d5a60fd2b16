"""Fuzz the live server: schemathesis over HTTP against gunicorn with the real gunicorn.conf.py.

    python -m evaluation.fuzz [--cases 5000] [--seed 1] [--max-seconds 1200] [--json]
    make fuzz

gunicorn (2 workers, `gunicorn.conf.py`, worker recycling off so that any new worker pid is a
crash) listens on a free 127.0.0.1 port. The schema is the committed openapi.yaml, which the
server serves at /openapi.yaml; every operation in it (annotate, batch, health, readiness, metrics, the spec, and
any added later, such as stories) gets schemathesis-generated requests, valid (positive) and
invalid (negative), in rounds with fresh seeds until `--cases` cases have run or the time is up.
Each response is checked with every schemathesis check (status codes, content types, headers and
bodies as documented, invalid data refused, valid data accepted), less the two checks the spec
cannot support (`cannot_apply`). Stateful sequences do not apply: the API keeps no state and its
spec has no links between operations.

Fails (exit 1) on any 5xx, any non-conforming response, any connection error, any worker
restart (the worker pids are sampled every 0.2 s) or fewer cases than asked for. Everything is
bounded by count and time, and only 127.0.0.1 is contacted.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from evaluation.bench import ROOT, Server, log

# Share of each round's examples per operation: the annotate endpoints have the inputs.
WEIGHTS = {"POST /v1/annotate": 0.45, "POST /v1/annotate/batch": 0.3}
DEFAULT_WEIGHT = 0.05
ROUND_EXAMPLES = 1000
REQUEST_TIMEOUT_S = 60
# gunicorn.conf.py's own settings, less recycling (a new pid must mean a crash).
SETTINGS = {"MAX_REQUESTS": "0"}


def _is_html(case) -> bool:
    body = case.body if isinstance(case.body, dict) else {}
    return (case.media_type or "").split(";")[0] == "text/html" or body.get("format") == "html"


def _is_text_body(case) -> bool:
    return (case.media_type or "").split(";")[0] in ("text/plain", "text/html")


def cannot_apply(case, response) -> list:
    """Checks whose verdict the spec cannot support for this case and response.

    - Schemathesis sends a text/plain or text/html body generated with the wrong type as its
      str(), which is a valid text body, so a case whose body is "negative" that way is not
      invalid (even when it is negative in the query too, as `[]` sent as text/plain was).
    - A schema-valid string may hold no article text (HTML without text) or be prose in another
      language than English: a 422 no schema can express.
    """
    meta = case.meta
    excluded = []
    if _is_text_body(case) and meta is not None and meta.is_negative_at(ParameterLocation.BODY):
        excluded.append(negative_data_rejection)
    if response.status_code == 422 and (
            (_is_html(case) and b"from the HTML" in response.content)
            or b'"Unsupported Language"' in response.content):
        excluded.append(positive_data_acceptance)
    if _repeats_an_article_id(case) and response.status_code == 422:
        excluded.append(positive_data_acceptance)  # no schema can say "ids unique across items"
    return excluded


def _repeats_an_article_id(case) -> bool:
    articles = case.body.get("articles") if isinstance(case.body, dict) else None
    ids = [a.get("id") for a in articles if isinstance(a, dict)] if isinstance(articles, list) else []
    return len(ids) != len(set(map(repr, ids)))


class WorkerWatch:
    """Samples the master's worker pids; any pid beyond the first ones is a restart."""

    def __init__(self, server: Server):
        self.server, self.stop = server, threading.Event()
        self.initial = set(server.workers())
        self.seen = set(self.initial)
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        while not self.stop.is_set():
            self.seen.update(self.server.workers())
            self.stop.wait(0.2)

    def restarts(self) -> list[int]:
        return sorted(self.seen - self.initial)


class Fuzz:
    def __init__(self, base_url: str):
        self.base_url = base_url
        self.session = requests.Session()
        self.cases: Counter = Counter()
        self.statuses: Counter = Counter()
        self.failures: list[dict] = []
        self.server_errors = 0

    def check(self, label: str, case) -> None:
        self.cases[label] += 1
        try:
            response = case.call(base_url=self.base_url, session=self.session,
                                 timeout=REQUEST_TIMEOUT_S)
        except requests.RequestException as error:
            self.fail(label, case, f"connection error: {type(error).__name__}: {error}")
            return
        self.statuses[response.status_code] += 1
        if response.status_code >= 500:
            self.server_errors += 1
        try:
            case.validate_response(response, excluded_checks=cannot_apply(case, response))
        except (Exception, BaseExceptionGroup) as error:  # schemathesis failures: record, go on
            self.fail(label, case, f"{response.status_code}: {error}")

    def fail(self, label: str, case, message: str) -> None:
        if len(self.failures) < 50:
            self.failures.append({"operation": label, "message": message[:2000],
                                  "curl": case.as_curl_command()[:2000]})
        else:
            self.failures.append({"operation": label})

    def run_operation(self, operation, mode, examples: int, round_seed: int) -> None:
        label = f"{operation.method.upper()} {operation.path}"

        @seed(round_seed)
        @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck))
        @given(operation.as_strategy(generation_mode=mode))
        def test(case):
            self.check(label, case)

        try:
            test()
        except Unsatisfiable:
            pass  # no invalid request exists (an operation without parameters or body)


def operations() -> list:
    # The committed document, which is what the server serves at /openapi.yaml (a test checks
    # that it equals the one generated from the code).
    schema = schemathesis.openapi.from_path(ROOT / "openapi.yaml")
    return [result.ok() for result in schema.get_all_operations()]


def fuzz(server: Server, target: int, base_seed: int, until: float) -> tuple[Fuzz, int]:
    """Rounds over every operation and both modes until `target` cases or `until`."""
    base_url = f"http://127.0.0.1:{server.port}"
    fuzzer, ops, rounds = Fuzz(base_url), operations(), 0
    while sum(fuzzer.cases.values()) < target and time.monotonic() < until:
        for operation in ops:
            label = f"{operation.method.upper()} {operation.path}"
            examples = max(5, round(min(ROUND_EXAMPLES, target) * WEIGHTS.get(label, DEFAULT_WEIGHT)))
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                if time.monotonic() >= until:
                    break
                fuzzer.run_operation(operation, mode, examples // 2 + 1,
                                     base_seed * 1000 + rounds)
        rounds += 1
        log(f"round {rounds}: {sum(fuzzer.cases.values())} cases, "
            f"{len(fuzzer.failures)} failures")
    return fuzzer, rounds


def run(cases: int = 5000, base_seed: int = 1, max_seconds: float = 1200,
        log_dir: Path | None = None) -> dict:
    """Start gunicorn, fuzz it, stop it; the report (see `targets`)."""
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        server = Server(Path(log_dir or tmp) / "gunicorn.log")
        began = time.monotonic()
        try:
            server.start(2, settings=SETTINGS)
            deadline = time.monotonic() + 60
            while len(server.workers()) < 2 and time.monotonic() < deadline:
                time.sleep(0.05)
            watch = WorkerWatch(server)
            watch.thread.start()
            fuzzer, rounds = fuzz(server, cases, base_seed, began + max_seconds)
            watch.stop.set()
            watch.thread.join(5)
            restarts = watch.restarts()
            master_alive = server.process.poll() is None
        finally:
            server.stop()
    total = sum(fuzzer.cases.values())
    report = {"cases": total, "by_operation": dict(fuzzer.cases), "rounds": rounds,
              "statuses": {str(k): v for k, v in sorted(fuzzer.statuses.items())},
              "server_errors": fuzzer.server_errors, "failures": len(fuzzer.failures),
              "failure_examples": fuzzer.failures[:10], "worker_restarts": restarts,
              "seconds": round(time.monotonic() - began, 1)}
    report["targets"] = {"cases_at_least_target": total >= cases,
                         "no_server_error": fuzzer.server_errors == 0,
                         "all_responses_conform": not fuzzer.failures,
                         "no_worker_restart": not restarts and master_alive}
    return report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-seconds", type=float, default=1200)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    report = run(args.cases, args.seed, args.max_seconds)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"cases: {report['cases']} in {report['seconds']} s ({report['rounds']} rounds)")
        print(f"by operation: {report['by_operation']}")
        print(f"statuses: {report['statuses']}")
        print(f"server errors: {report['server_errors']}, non-conforming: "
              f"{report['failures']}, worker restarts: {report['worker_restarts']}")
        for failure in report["failure_examples"]:
            print(f"  {failure['operation']}: {failure.get('message', '')[:300]}\n"
                  f"    {failure.get('curl', '')[:300]}")
        for name, ok in report["targets"].items():
            print(f"  {'PASS' if ok else 'FAIL'} {name}")
    return 0 if all(report["targets"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
