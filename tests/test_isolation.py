"""The test suite never touches the server a user names in NEO4J_URI (its fixtures reset the store they use).

A test session reaches Neo4j only through a server it started, or through the test-only
POLICYKG_TEST_NEO4J_URI. Checked by running a store test in a nested pytest session with
NEO4J_URI pointing at this session's server, which holds a node the nested session must
leave alone; POLICYKG_TEST_NEO4J_URI names a port nothing listens on, so that the nested
session starts no server of its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from policykg.graph.store import GraphStore
from policykg.settings import Settings

REPO = Path(__file__).resolve().parents[1]
UNREACHABLE = "bolt://127.0.0.1:9"


def test_a_test_session_leaves_the_server_named_by_neo4j_uri_untouched(
        store: GraphStore, engine_name: str, engine_settings: Settings) -> None:
    if engine_name != "neo4j":
        pytest.skip("NEO4J_URI names a Neo4j server")
    store.run("CREATE (:Province {name: '用户的省'})")
    env = {key: value for key, value in os.environ.items() if not key.startswith("POLICYKG_TEST_")}
    env |= {"NEO4J_URI": str(engine_settings.neo4j_uri), "NEO4J_USER": engine_settings.neo4j_user,
            "NEO4J_PASSWORD": engine_settings.neo4j_password, "POLICYKG_ENGINE": "neo4j",
            "POLICYKG_TEST_ENGINES": "neo4j", "POLICYKG_TEST_NEO4J_URI": UNREACHABLE}
    nested = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/test_graph_store.py::test_keys_are_unique"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    kept = store.run_read("MATCH (p:Province {name: '用户的省'}) RETURN count(p) AS n")
    assert kept == [{"n": 1}], f"the nested test session emptied the user's server:\n{nested.stdout[-2000:]}"
    assert "127.0.0.1:9" in nested.stdout, nested.stdout[-2000:]  # it went to the test-only server instead
