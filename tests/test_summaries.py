"""Summary edges: the agency and topic queries read per-province counts kept up to date by ingest.

The expected figures are counted in Python from the extracted seed records, not from the
graph; a changed or interrupted ingest must leave no stale count behind. Both engines.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from record_files import write_record_files
from typer.testing import CliRunner

from policykg.cli import app
from policykg.graph import schema
from policykg.graph.ingest import ingest_paths
from policykg.graph.record_writer import load_reference_data, write_document
from policykg.graph.store import GraphStore
from policykg.graph.summaries import pending_provinces, refresh_summaries
from policykg.loaders.records import PolicyDoc
from policykg.queries.catalogue import MAX_LIMIT, run_query


def _measures_by(records: list[PolicyDoc], role: str, topic: str, province: str | None = None) -> Counter:
    """Per agency, the measures of ``topic`` it holds ``role`` in (the records' own canonical names)."""
    counts: Counter = Counter()
    for doc in records:
        if province and doc.province != province:
            continue
        for measure in doc.measures:
            if topic in measure.topics:
                counts.update(set(getattr(measure, role)))
    return counts


def _leading(store: GraphStore, topic: str, role: str = "lead", province: str | None = None) -> dict[str, int]:
    """agencies_leading_topic's answer as {agency: measure count}."""
    rows = run_query(store, "agencies_leading_topic",
                     {"topic": topic, "role": role, "province": province, "limit": MAX_LIMIT})
    return {row["agency"]: row["measure_count"] for row in rows}


@pytest.mark.parametrize("role", ["lead", "co", "responsible"])
def test_agencies_of_a_topic_count_the_records_measures(seed_store: GraphStore, seed_records: list[PolicyDoc],
                                                        role: str) -> None:
    for topic in ("green_dyeing", "digital_smart", "talent"):
        expected = _measures_by(seed_records, role, topic)
        assert _leading(seed_store, topic, role) == dict(expected), (topic, role)
    assert _leading(seed_store, "green_dyeing", role, "湖南省") == dict(_measures_by(seed_records, role, "green_dyeing",
                                                                                  "湖南省"))


def test_topic_and_province_counts_match_the_records(seed_store: GraphStore, seed_records: list[PolicyDoc]) -> None:
    per_topic = Counter(topic for doc in seed_records for m in doc.measures for topic in set(m.topics))
    topics = {row["code"]: row["measures"] for row in run_query(seed_store, "topics")}
    assert {code: n for code, n in topics.items() if n} == dict(per_topic)
    matrix = {(row["province"], row["topic"]): row["measures"] for row in run_query(seed_store, "province_topic_matrix")}
    expected = Counter((doc.province, topic) for doc in seed_records for m in doc.measures for topic in set(m.topics))
    assert matrix == dict(expected)


def test_agency_counts_and_partners_match_the_records(seed_store: GraphStore, seed_records: list[PolicyDoc]) -> None:
    agencies = {row["agency"]: row for row in run_query(seed_store, "agencies", {"limit": MAX_LIMIT})}
    involved: dict[str, set[str]] = {}
    leads: Counter = Counter()
    for doc in seed_records:
        for m in doc.measures:
            for name in set(m.lead) | set(m.co) | set(m.responsible):
                involved.setdefault(name, set()).add(f"{doc.doc_id}#{m.label}")
            leads.update(set(m.lead))
    for name, measures in involved.items():
        assert agencies[name]["measures"] == len(measures), name
        assert agencies[name]["lead_count"] == leads[name], name
    busiest = max(involved, key=lambda name: (len(involved[name]), name))
    profile = run_query(seed_store, "agency_profile", {"agency": busiest})[0]
    shared = {other: len(involved[busiest] & measures) for other, measures in involved.items() if other != busiest}
    assert {p["agency"]: p["shared_measures"] for p in profile["partners"]} == {k: v for k, v in shared.items() if v}


def test_a_rewritten_document_updates_the_counts(store: GraphStore, seed_records: list[PolicyDoc],
                                                tmp_path: Path) -> None:
    hunan = next(doc for doc in seed_records if doc.province == "湖南省")
    load_reference_data(store)
    ingest_paths(store, write_record_files(tmp_path / "full", [hunan]))
    before = _leading(store, "green_dyeing")
    assert before and not pending_provinces(store)
    green = [m for m in hunan.measures if "green_dyeing" in m.topics]
    shorter = hunan.model_copy(update={"measures": [m for m in hunan.measures if m not in green[: len(green) // 2 + 1]]})
    summary = ingest_paths(store, write_record_files(tmp_path / "short", [shorter]))
    assert summary.summarised == ["湖南省"] and not pending_provinces(store)
    assert _leading(store, "green_dyeing") == dict(_measures_by([shorter], "lead", "green_dyeing"))
    assert _leading(store, "green_dyeing") != before


def test_an_interrupted_ingest_leaves_the_province_pending_until_refreshed(
        store: GraphStore, seed_records: list[PolicyDoc], cli_env: None) -> None:
    load_reference_data(store)
    guangdong = [doc for doc in seed_records if doc.province == "广东省"]
    for doc in guangdong:
        write_document(store, doc)  # as if the ingest died before its refresh
    assert set(pending_provinces(store)) == {"广东省"}
    assert _leading(store, "green_dyeing") == {}  # the queries read the (not yet built) summaries
    runner = CliRunner()
    status = runner.invoke(app, ["status"])
    assert status.exit_code == 0 and "广东省" in status.output and "policykg refresh" in status.output
    refreshed = runner.invoke(app, ["refresh"])
    assert refreshed.exit_code == 0, refreshed.output
    assert "广东省" in refreshed.output
    assert not pending_provinces(store)
    assert _leading(store, "green_dyeing") == dict(_measures_by(guangdong, "lead", "green_dyeing"))
    assert "summaries up to date" in runner.invoke(app, ["status"]).output
    # --all rebuilds provinces that are not pending too, to the same counts
    everything = runner.invoke(app, ["refresh", "--all"])
    assert everything.exit_code == 0 and "1 provinces" in everything.output and "广东省" in everything.output
    assert _leading(store, "green_dyeing") == dict(_measures_by(guangdong, "lead", "green_dyeing"))


def test_a_document_written_during_a_refresh_keeps_its_province_pending(
        store: GraphStore, seed_records: list[PolicyDoc]) -> None:
    load_reference_data(store)
    for doc in seed_records:
        write_document(store, doc)
    provinces = sorted(pending_provinces(store))
    first, last = provinces[0], provinces[-1]
    late = next(doc for doc in seed_records if doc.province == last)

    def write_during_refresh(province: str) -> None:
        if province == first:  # the refresh has read every mark; this one changes under it
            write_document(store, late)

    refresh_summaries(store, on_province=write_during_refresh)
    assert list(pending_provinces(store)) == [last]
    refresh_summaries(store)
    assert not pending_provinces(store)


# What a store written before TOPIC_ROLE edges had a key looks like: no key, no key index.
_UNKEYED = "MATCH ()-[s:TOPIC_ROLE]->() REMOVE s.key"
_DROP_KEY_INDEX = {"neo4j": "DROP INDEX topic_role_key",
                   "falkordb": "DROP INDEX FOR ()-[r:TOPIC_ROLE]-() ON (r.key)"}


def test_a_store_written_before_topic_role_keys_answers_again_once_opened(
        store: GraphStore, seed_records: list[PolicyDoc], engine_name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema, "BACKFILL_BATCH", 25)  # a few statements, as a large store takes
    load_reference_data(store)
    for doc in seed_records:
        write_document(store, doc)
    refresh_summaries(store)
    asked = [("green_dyeing", role, province) for role in ("lead", "co", "responsible")
             for province in (None, "湖南省", "广东省")]
    before = {ask: _leading(store, *ask) for ask in asked}
    assert before[("green_dyeing", "lead", None)] == dict(_measures_by(seed_records, "lead", "green_dyeing"))
    try:
        store.run(_UNKEYED)
        store.run(_DROP_KEY_INDEX[engine_name])
        assert _leading(store, "green_dyeing") == {}  # the query seeks the key: unkeyed edges are not found
        store.ensure_schema()  # what opening the store does
        assert store.run_read("MATCH ()-[s:TOPIC_ROLE]->() RETURN count(s) AS n")[0]["n"] > 25
        assert {ask: _leading(store, *ask) for ask in asked} == before
        unkeyed = store.run_read("MATCH ()-[s:TOPIC_ROLE]->() WHERE s.key IS NULL RETURN count(s) AS n")
        assert unkeyed == [{"n": 0}]
    finally:
        store.ensure_schema()


# Enough TOPIC_ROLE edges that rebuilding their index after a DROP INDEX takes a while
# (~0.4 s on FalkorDB), so that the store is opened while the change is under way.
_PADDING = ("MERGE (a:Agency {name: '填充机构'}) MERGE (t:Topic {code: 'padding'}) WITH a, t "
            "UNWIND range(1, $n) AS i "
            "CREATE (a)-[:TOPIC_ROLE {province: '填充省', role: 'lead', key: 'padding|lead|' + toString(i)}]->(t)")
_UNPAD = ("MATCH (a:Agency {name: '填充机构'}) DETACH DELETE a WITH count(*) AS gone "
          "MATCH (t:Topic {code: 'padding'}) DELETE t")
_KEY_INDEXED = {
    "neo4j": "SHOW INDEXES YIELD labelsOrTypes, properties WHERE 'TOPIC_ROLE' IN labelsOrTypes AND 'key' IN properties "
             "RETURN count(*) AS n",
    "falkordb": "CALL db.indexes() YIELD label, properties WHERE label = 'TOPIC_ROLE' AND 'key' IN properties "
                "RETURN count(*) AS n",
}


def test_a_store_opened_while_an_index_is_being_rebuilt_keeps_its_topic_role_key_index(
        store: GraphStore, seed_records: list[PolicyDoc], engine_name: str) -> None:
    load_reference_data(store)
    for doc in seed_records:
        write_document(store, doc)
    refresh_summaries(store)
    before = _leading(store, "green_dyeing")
    assert before
    store.run(_PADDING, {"n": 100_000})
    try:
        store.run(_DROP_KEY_INDEX[engine_name])
        store.ensure_schema()  # at once: the engine is still rebuilding the TOPIC_ROLE index
        assert store.run_read(_KEY_INDEXED[engine_name]) == [{"n": 1}]
        assert _leading(store, "green_dyeing") == before
    finally:
        store.run(_UNPAD)
        store.ensure_schema()
