"""A bounded run of `make fuzz`: schemathesis over HTTP against gunicorn with gunicorn.conf.py."""
from __future__ import annotations

from evaluation import fuzz

SMOKE_CASES = 300


def test_live_server_conforms_to_its_spec_under_generated_requests(tmp_path):
    report = fuzz.run(cases=SMOKE_CASES, base_seed=7, max_seconds=50, log_dir=tmp_path)
    print("live fuzz:", {key: report[key] for key in ("cases", "statuses", "seconds")})
    assert report["failures"] == 0, report["failure_examples"]
    assert report["server_errors"] == 0 and report["worker_restarts"] == []
    assert report["cases"] >= SMOKE_CASES
    # Every operation in the spec was exercised, the health ones included.
    assert len(report["by_operation"]) == len(fuzz.operations())
