"""openapi.yaml is generated from the code, valid, and real responses conform to it."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate

from evaluation.fuzz import cannot_apply
from service.openapi import generate

ROOT = Path(__file__).resolve().parents[2]
SPEC_FILE = ROOT / "openapi.yaml"

schema = schemathesis.pytest.from_fixture("api_schema")
# Generated cases per operation in this run, for the total checked at the end of the module.
GENERATED: Counter = Counter()
MIN_GENERATED_CASES = 1_000


@pytest.fixture(scope="session")
def api_schema(app):
    return schemathesis.openapi.from_wsgi("/openapi.yaml", app)


def test_committed_spec_equals_the_generated_one():
    assert SPEC_FILE.read_text(encoding="utf-8") == generate(), (
        "openapi.yaml is stale: run `make openapi` and commit the result")


def test_spec_is_valid_openapi():
    validate(yaml.safe_load(SPEC_FILE.read_text(encoding="utf-8")))


@schema.parametrize()
# 450 per operation gives about 1,100 cases in all (schemathesis adds its coverage phase), in
# about 30 s on 2 cores; test_generated_case_count checks the total.
@settings(max_examples=450, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_api_conforms_to_its_spec(case):
    """Generated requests (valid and invalid): never a 5xx, every response as documented."""
    GENERATED[f"{case.operation.method.upper()} {case.operation.path}"] += 1
    response = case.call()
    case.validate_response(response, excluded_checks=cannot_apply(case, response))


def test_generated_case_count():
    """Runs after the generated cases (pytest keeps the module's order): report and bound them."""
    if not GENERATED:
        pytest.skip("the generated cases did not run (deselected)")
    print("schemathesis cases:", dict(GENERATED), "total", sum(GENERATED.values()))
    assert sum(GENERATED.values()) >= MIN_GENERATED_CASES
