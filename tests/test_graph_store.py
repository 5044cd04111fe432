"""The store interface on both engines, and the embedded FalkorDB server's life cycle."""

from __future__ import annotations

import pytest

from policykg.errors import StoreError
from policykg.graph.falkordb_server import FalkorDBServer
from policykg.graph.record_writer import write_document
from policykg.graph.store import GraphStore, open_store
from policykg.loaders.records import PolicyDoc
from policykg.settings import Settings


def test_rows_are_plain_dicts_of_properties(seed_store: GraphStore) -> None:
    rows = seed_store.run_read(
        "MATCH path = (a:Agency {name: $name})-[r:LEADS]->(m:Measure) "
        "RETURN a, r, m.id AS id, path, {agency: a, edges: [r]} AS nested ORDER BY id LIMIT 1",
        {"name": "湖南省工业和信息化厅"},
    )
    assert len(rows) == 1
    agency, edge = rows[0]["a"], rows[0]["r"]
    assert type(agency) is dict and agency["name"] == "湖南省工业和信息化厅"
    assert type(edge) is dict and edge["written"] in edge["evidence"]
    assert isinstance(agency["aliases"], list)
    first, last = rows[0]["path"]  # a path: its nodes' properties
    assert first == agency and type(last) is dict and last["id"] == rows[0]["id"]
    assert rows[0]["nested"] == {"agency": agency, "edges": [edge]}


def test_read_queries_cannot_write(store: GraphStore) -> None:
    with pytest.raises(StoreError):
        store.run_read("CREATE (:Province {name: $name})", {"name": "广东省"})
    assert store.counts()["nodes"] == {}


def test_row_cap_limits_the_rows_returned(seed_store: GraphStore) -> None:
    assert len(seed_store.run_read("MATCH (m:Measure) RETURN m.id AS id", row_cap=7)) == 7


def test_keys_are_unique(store: GraphStore) -> None:
    store.run("CREATE (:Agency {name: $name})", {"name": "广东省商务厅"})
    with pytest.raises(StoreError):
        store.run("CREATE (:Agency {name: $name})", {"name": "广东省商务厅"})
    assert store.run_read("MATCH (a:Agency) RETURN count(a) AS n")[0]["n"] == 1


def test_schema_can_be_ensured_again(store: GraphStore, seed_records: list[PolicyDoc]) -> None:
    store.ensure_schema()
    store.ensure_schema()
    write_document(store, seed_records[0])
    assert store.counts()["nodes"]["Measure"] == len(seed_records[0].measures)


def test_embedded_store_persists_across_restarts(tmp_path, seed_records: list[PolicyDoc]) -> None:
    settings = Settings(POLICYKG_HOME=str(tmp_path), POLICYKG_ENGINE="falkordb")
    with open_store(settings) as first:
        assert first.engine == "falkordb" and first.owns_server
        write_document(first, seed_records[0])
        counts = first.counts()
        with open_store(settings) as second:  # a second user reuses the running server
            assert not second.owns_server
            assert second.counts() == counts
        assert first.server.is_running()
    server = FalkorDBServer(settings.falkordb_dir)
    assert not server.is_running()  # the owner stopped it (SHUTDOWN SAVE)
    with open_store(settings) as again:
        assert again.counts() == counts


def test_neo4j_engine_needs_a_uri(tmp_path) -> None:
    settings = Settings(POLICYKG_HOME=str(tmp_path), POLICYKG_ENGINE="neo4j", NEO4J_URI="")
    with pytest.raises(StoreError, match="NEO4J_URI"):
        open_store(settings)
