"""Property-based run of the whole OpenAPI schema against the ASGI app (issue 4): no request gets a 5xx.

Runs every operation on both engines over the seed graph, with the ad-hoc Cypher endpoint
switched on, a bounded number of examples per operation and no deadline. (The operations
are driven through schemathesis's strategies directly: its ``from_fixture`` loader does not
run under pytest 9.)
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from policykg.api.app import create_app
from policykg.graph.store import GraphStore
from policykg.settings import Settings

EXAMPLES_PER_OPERATION = 30


def _labels() -> list[str]:
    """The operations of the schema (the schema does not depend on the store's content)."""
    offline = schemathesis.openapi.from_asgi("/openapi.json", create_app(store=object(), settings=Settings()))
    return [result.ok().label for result in offline.get_all_operations()]


@pytest.mark.parametrize("label", _labels())
def test_no_request_gets_a_server_error(label: str, seed_store: GraphStore, engine_settings: Settings) -> None:
    enabled = engine_settings.model_copy(update={"cypher_endpoint": True, "cypher_timeout_ms": 2000})
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(store=seed_store, settings=enabled))
    operation = schema.find_operation_by_label(label)
    assert operation is not None

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def no_server_error(case: schemathesis.Case) -> None:
        case.call_and_validate(checks=[not_a_server_error])

    no_server_error()
