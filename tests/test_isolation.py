"""The test suite never touches the server a user names in NEO4J_URI, or the embedded store POLICYKG_HOME names
(its fixtures reset the store they use).

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

from policykg.graph.store import GraphStore
from policykg.settings import Settings

REPO = Path(__file__).resolve().parents[1]
UNREACHABLE = "bolt://127.0.0.1:9"


def test_a_test_session_leaves_the_store_the_user_names_untouched(
        store: GraphStore, engine_name: str, engine_settings: Settings) -> None:
    """Neo4j: NEO4J_URI names this session's server; FalkorDB: POLICYKG_HOME names this session's store."""
    store.run("CREATE (:Province {name: '用户的省'})")
    env = {key: value for key, value in os.environ.items() if not key.startswith("POLICYKG_TEST_")}
    if engine_name == "neo4j":
        env |= {"NEO4J_URI": str(engine_settings.neo4j_uri), "NEO4J_USER": engine_settings.neo4j_user,
                "NEO4J_PASSWORD": engine_settings.neo4j_password, "POLICYKG_ENGINE": "neo4j",
                "POLICYKG_TEST_ENGINES": "neo4j", "POLICYKG_TEST_NEO4J_URI": UNREACHABLE}
    else:
        env |= {"POLICYKG_HOME": str(engine_settings.home), "POLICYKG_ENGINE": "falkordb",
                "POLICYKG_TEST_ENGINES": "falkordb"}
    nested = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/test_graph_store.py::test_keys_are_unique"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    kept = store.run_read("MATCH (p:Province {name: '用户的省'}) RETURN count(p) AS n")
    assert kept == [{"n": 1}], f"the nested test session emptied the user's store:\n{nested.stdout[-2000:]}"
    if engine_name == "neo4j":
        assert "127.0.0.1:9" in nested.stdout, nested.stdout[-2000:]  # it went to the test-only server instead
    else:
        assert nested.returncode == 0, nested.stdout[-2000:]  # it ran, on a store of its own
