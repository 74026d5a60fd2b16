"""openapi.yaml is generated from the code, valid, and real responses conform to it."""
from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate

from service.openapi import generate

ROOT = Path(__file__).resolve().parents[1]
SPEC_FILE = ROOT / "openapi.yaml"

schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture(scope="session")
def api_schema(app):
    return schemathesis.openapi.from_wsgi("/openapi.yaml", app)


def test_committed_spec_equals_the_generated_one():
    assert SPEC_FILE.read_text(encoding="utf-8") == generate(), (
        "openapi.yaml is stale: run `make openapi` and commit the result")


def test_spec_is_valid_openapi():
    validate(yaml.safe_load(SPEC_FILE.read_text(encoding="utf-8")))


@schema.parametrize()
@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_api_conforms_to_its_spec(case):
    """Generated requests (valid and invalid): never a 5xx, every response as documented."""
    case.call_and_validate()
