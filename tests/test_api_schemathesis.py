"""schemathesis against the native API's own OpenAPI schema, in-process through the WSGI app on the corpus
database: every operation, positive and negative data, every built-in check (not_a_server_error,
status_code_conformance, content_type_conformance, response_schema_conformance, response_headers_conformance,
positive_data_acceptance, negative_data_rejection, unsupported_method, …); any failure fails the test."""
from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

pytestmark = pytest.mark.django_db
# Bounded and derandomised in `make test` (the same cases every run, well under a minute); for a deeper,
# random search run with PARAGRAF_SCHEMATHESIS_EXAMPLES=300.
DEEP = os.environ.get("PARAGRAF_SCHEMATHESIS_EXAMPLES")
MAX_EXAMPLES = int(DEEP or 25)


# The schema as the app serves it, bound to the app (GET /api/v1/openapi.json reads no database).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Like Django's test client: a request must not close the database connection that holds the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=not DEEP)
def test_the_native_api_keeps_its_schema(case):
    # schemathesis asks for gzip as an HTTP client does, but its WSGI transport does not unpack it
    case.call_and_validate(headers={"Accept-Encoding": "identity"})
