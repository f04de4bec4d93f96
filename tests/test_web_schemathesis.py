"""The JSON API against its own OpenAPI schema (schemathesis): no 5xx, responses match the schema.

Bounded: a fixed number of generated requests per operation, derandomized so CI runs are
repeatable. The database holds the seeds and the hostile article; the app is in-process (ASGI).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from newstrace.web import create_app
from test_web_fixtures import build_db

schemathesis = pytest.importorskip("schemathesis")
from schemathesis.checks import (  # noqa: E402
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

MAX_EXAMPLES = 40


#: the API's database, removed when the test process exits
_SCRATCH = tempfile.TemporaryDirectory(prefix="newstrace-schemathesis-")


def _app() -> object:
    folder = Path(_SCRATCH.name)
    build_db(folder / "api.db", hostile=True, data=False)
    return create_app(folder / "api.db", allowed_hosts=["127.0.0.1", "localhost", "testserver"])


APP = _app()
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large])
def test_api_conforms_and_never_fails(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance, status_code_conformance])
