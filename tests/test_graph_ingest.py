"""Loading records: idempotent, replacing a changed document, refusing bad records; on both engines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from record_files import write_record_files
from typer.testing import CliRunner

from policykg.cli import app
from policykg.errors import StoreError
from policykg.graph.ingest import ingest_paths
from policykg.graph.record_writer import batch_params, document_params, documents_statement
from policykg.graph.store import GraphStore
from policykg.loaders.records import PolicyDoc
from policykg.queries.catalogue import run_query

DOC_FOOTPRINT = (
    "MATCH (d:Document {doc_id: $doc_id}) "
    "OPTIONAL MATCH (d)-[h:HAS_MEASURE]->(m:Measure) "
    "OPTIONAL MATCH (a:Agency)-[r]->(m) "
    "RETURN d.title AS title, count(DISTINCT m) AS measures, "
    "collect(DISTINCT m.id + '|' + a.name + '|' + type(r)) AS roles"
)


def _orphans(store: GraphStore) -> dict[str, int]:
    measures = store.run_read("MATCH (m:Measure) WHERE NOT (m)<-[:HAS_MEASURE]-(:Document) RETURN count(m) AS n")
    targets = store.run_read("MATCH (t:Target) WHERE NOT (t)<-[:HAS_TARGET]-() RETURN count(t) AS n")
    return {"measures": measures[0]["n"], "targets": targets[0]["n"]}


def test_ingesting_the_corpus_twice_gives_identical_counts(store: GraphStore, seed_records: list[PolicyDoc],
                                                          tmp_path: Path) -> None:
    write_record_files(tmp_path, seed_records)
    first = ingest_paths(store, [tmp_path])
    counts = store.counts()
    second = ingest_paths(store, [tmp_path])
    assert not first.failures and not second.failures
    assert first.documents == second.documents == len(seed_records)
    assert store.counts() == counts
    assert counts["nodes"]["Measure"] == sum(len(doc.measures) for doc in seed_records)


def test_reingesting_a_changed_document_replaces_it_and_leaves_the_others(
        store: GraphStore, seed_records: list[PolicyDoc], tmp_path: Path) -> None:
    write_record_files(tmp_path / "v1", seed_records)
    ingest_paths(store, [tmp_path / "v1"])
    changed = next(doc for doc in seed_records if len(doc.measures) > 5 and any(m.targets for m in doc.measures))
    others = [doc.doc_id for doc in seed_records if doc.doc_id != changed.doc_id]
    before = {doc_id: store.run_read(DOC_FOOTPRINT, {"doc_id": doc_id}) for doc_id in others}
    agencies_before = store.counts()["nodes"]["Agency"]

    kept = [m for m in changed.measures if not m.targets][:3]
    new_version = changed.model_copy(update={"title": changed.title + "（修订）", "measures": kept, "targets": []})
    new_version.text = changed.text
    ingest_paths(store, write_record_files(tmp_path / "v2", [new_version]))

    rows = store.run_read(DOC_FOOTPRINT, {"doc_id": changed.doc_id})
    assert rows[0]["title"].endswith("（修订）")
    assert rows[0]["measures"] == len(kept)
    targets = store.run_read("MATCH (t:Target {doc_id: $doc_id}) RETURN count(t) AS n", {"doc_id": changed.doc_id})
    assert targets[0]["n"] == 0
    assert _orphans(store) == {"measures": 0, "targets": 0}
    assert {doc_id: store.run_read(DOC_FOOTPRINT, {"doc_id": doc_id}) for doc_id in others} == before
    assert store.counts()["nodes"]["Agency"] == agencies_before  # shared nodes stay


@pytest.mark.parametrize("together", [False, True], ids=["later-ingest", "same-batch"])
def test_an_agency_typed_anew_by_a_newer_record_has_one_type(store: GraphStore, seed_records: list[PolicyDoc],
                                                              tmp_path: Path, together: bool) -> None:
    """A record from a newer agency table types an agency differently: its profile shows the new
    type, once, and its old OF_TYPE edge is gone, also when both records are in one write batch."""
    doc = next(doc for doc in seed_records if any(a.type == "industry_it" for a in doc.agencies))
    agency = next(a for a in doc.agencies if a.type == "industry_it")
    retyped = [a.model_copy(update={"type": "development_reform"}) if a.name == agency.name else a
               for a in doc.agencies]
    if together:  # another document, after the first in the same batch
        newer = doc.model_copy(update={"doc_id": "retyped_" + doc.doc_id, "agencies": retyped})
        newer.text = doc.text
        ingest_paths(store, write_record_files(tmp_path, [*seed_records, newer]))
    else:
        ingest_paths(store, write_record_files(tmp_path / "v1", seed_records))
        ingest_paths(store, write_record_files(tmp_path / "v2", [doc.model_copy(update={"agencies": retyped})]))

    types = store.run_read("MATCH (:Agency {name: $name})-[:OF_TYPE]->(t:AgencyType) RETURN t.code AS code",
                           {"name": agency.name})
    assert [row["code"] for row in types] == ["development_reform"]
    profile = run_query(store, "agency_profile", {"agency": agency.name})
    assert len(profile) == 1
    assert profile[0]["agency_type"] == "development_reform"


def test_writing_in_batches_gives_the_graph_of_one_record_at_a_time(
        store: GraphStore, seed_records: list[PolicyDoc], tmp_path: Path) -> None:
    """Batches change nothing in the graph, not even the order of an agency's aliases; a second
    version of a document in the same run replaces the first."""
    doc = seed_records[1]
    shorter = doc.model_copy(update={"measures": doc.measures[: len(doc.measures) // 2]})
    shorter.text = doc.text
    paths = write_record_files(tmp_path / "all", seed_records) + write_record_files(tmp_path / "v2", [shorter])
    graphs = []
    for batch_size in (1, 20):
        store.reset()
        summary = ingest_paths(store, paths, batch_size=batch_size)
        assert summary.documents == len(paths) and not summary.failures
        graphs.append(_graph_fingerprint(store))
    assert graphs[0] == graphs[1]
    measures = store.run_read("MATCH (:Document {doc_id: $doc_id})-[:HAS_MEASURE]->(m) RETURN count(m) AS n",
                              {"doc_id": doc.doc_id})
    assert measures[0]["n"] == len(shorter.measures)


def test_a_batch_the_engine_refuses_is_written_one_record_at_a_time(
        store: GraphStore, seed_records: list[PolicyDoc], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One record the engine refuses keeps only itself out: the rest of its batch is stored, and
    the failure names its file."""
    victim = next(doc for doc in seed_records if any(m.topics for m in doc.measures))
    others = [doc for doc in seed_records if doc is not victim]
    ingest_paths(store, write_record_files(tmp_path / "others", others))
    expected = _graph_fingerprint(store)
    store.reset()

    def broken_params(doc: PolicyDoc, text: str | None = None) -> dict:
        params = document_params(doc, text)
        if doc.doc_id == victim.doc_id:
            _break_a_topic_edge(params, "")
        return params

    monkeypatch.setattr("policykg.graph.record_writer.document_params", broken_params)
    summary = ingest_paths(store, write_record_files(tmp_path / "all", seed_records))

    assert summary.documents == len(others)
    assert [Path(error.path).name for error in summary.failures] == [f"{victim.doc_id}.json"]
    assert "not stored" in summary.failures[0].reason
    assert _graph_fingerprint(store) == expected


def test_bad_records_are_reported_by_file_and_the_rest_goes_on(store: GraphStore, seed_records: list[PolicyDoc],
                                                              tmp_path: Path) -> None:
    good = seed_records[0]
    write_record_files(tmp_path, [good])
    record = good.to_json_dict()
    no_id = {k: v for k, v in record.items() if k != "doc_id"}
    (tmp_path / "no_doc_id.json").write_text(json.dumps(no_id, ensure_ascii=False), encoding="utf-8")
    wrong = dict(record, doc_id="wrong_types", measures="第一条")
    (tmp_path / "wrong_types.json").write_text(json.dumps(wrong, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "broken.jsonl").write_text(json.dumps(dict(record, doc_id="line_ok"), ensure_ascii=False)
                                           + "\n{not json\n", encoding="utf-8")

    summary = ingest_paths(store, [tmp_path])

    reasons = {Path(error.path.split(":")[0]).name: error.reason for error in summary.failures}
    assert set(reasons) == {"no_doc_id.json", "wrong_types.json", "broken.jsonl"}
    assert "doc_id" in reasons["no_doc_id.json"]
    assert "measures" in reasons["wrong_types.json"]
    documents = store.run_read("MATCH (d:Document) RETURN d.doc_id AS doc_id ORDER BY doc_id")
    assert [row["doc_id"] for row in documents] == sorted([good.doc_id, "line_ok"])


def _graph_fingerprint(store: GraphStore) -> tuple[list[str], list[str]]:
    """Every node (labels, properties) and every edge (end keys, type, properties), sorted; without the
    summaries' bookkeeping tokens, which are fresh random values at each ingest."""
    nodes = store.run_read("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
    edges = store.run_read(
        "MATCH (x)-[r]->(y) RETURN coalesce(x.id, x.doc_id, x.name, x.key, x.code) AS start, type(r) AS type, "
        "coalesce(y.id, y.doc_id, y.name, y.key, y.code) AS end, properties(r) AS props"
    )
    for row in nodes + edges:
        row["props"] = {key: value for key, value in row["props"].items() if key not in _TOKENS}
    return (sorted(json.dumps(row, ensure_ascii=False, sort_keys=True) for row in nodes),
            sorted(json.dumps(row, ensure_ascii=False, sort_keys=True) for row in edges))


_TOKENS = frozenset({"token", "summary_token"})


def _break_a_topic_edge(params: dict, other_target_id: str) -> None:
    params["topics"][-1]["props"]["keyword"] = {"not": "a property value"}  # refused while writing


def _clash_a_target_key(params: dict, other_target_id: str) -> None:
    params["measure_targets"][-1]["id"] = other_target_id  # refused after the old version is deleted


@pytest.mark.parametrize("breakage", [_break_a_topic_edge, _clash_a_target_key], ids=["while-writing", "after-delete"])
def test_a_write_the_engine_refuses_leaves_the_store_as_it_was(
        store: GraphStore, seed_records: list[PolicyDoc], tmp_path: Path, breakage) -> None:
    victim = next(doc for doc in seed_records if any(m.lead for m in doc.measures) and any(m.targets for m in doc.measures))
    other = next(doc for doc in seed_records if doc is not victim and (doc.targets or any(m.targets for m in doc.measures)))
    ingest_paths(store, write_record_files(tmp_path, [victim, other]))
    before = _graph_fingerprint(store)
    other_target = store.run_read("MATCH (t:Target {doc_id: $doc_id}) RETURN t.id AS id LIMIT 1",
                                  {"doc_id": other.doc_id})[0]["id"]
    # the real write statement with one bad row, as a buggy extractor or a clash could produce,
    # in a batch with a good record
    params = document_params(victim)
    breakage(params, other_target)
    good = document_params(other.model_copy(update={"doc_id": "good_" + other.doc_id}), other.text)

    with pytest.raises(StoreError):
        store.run(documents_statement(), batch_params([good, params]))

    assert _graph_fingerprint(store) == before


def test_measure_ids_of_another_document_are_not_taken_over(store: GraphStore, seed_records: list[PolicyDoc],
                                                            tmp_path: Path) -> None:
    original = seed_records[0]
    copy = original.model_copy(update={"doc_id": "copy_of_" + original.doc_id})
    copy.text = original.text
    summary = ingest_paths(store, write_record_files(tmp_path, [original, copy]))
    assert not summary.failures
    rows = store.run_read("MATCH (d:Document)-[:HAS_MEASURE]->(m:Measure) WHERE m.id STARTS WITH (d.doc_id + '#') "
                          "RETURN d.doc_id AS doc_id, count(m) AS n ORDER BY doc_id")
    assert [row["n"] for row in rows] == [len(original.measures)] * 2


def test_cli_ingest_status_and_reset(store: GraphStore, seed_records: list[PolicyDoc], tmp_path: Path,
                                     cli_env: None, engine_env: dict[str, str]) -> None:
    paths = write_record_files(tmp_path, seed_records[:2])
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "policydoc/1", "measures": []}', encoding="utf-8")
    runner = CliRunner()

    result = runner.invoke(app, ["ingest", *map(str, paths), str(bad)])
    assert result.exit_code == 1, result.output
    assert "bad.json" in result.output
    assert "ingested" in result.output
    records = Path(engine_env["POLICYKG_HOME"]) / "records"
    assert {p.name for p in records.glob("*.json")} >= {p.name for p in paths}

    result = runner.invoke(app, ["status"])
    assert result.exit_code == 0, result.output
    assert "Measure" in result.output and seed_records[0].province in result.output

    result = runner.invoke(app, ["reset"])
    assert result.exit_code != 0
    assert store.counts()["nodes"].get("Document") == 2
    result = runner.invoke(app, ["reset", "--yes"])
    assert result.exit_code == 0, result.output
    assert store.counts()["nodes"] == {}


def test_cli_ingest_batch_size(store: GraphStore, seed_records: list[PolicyDoc], tmp_path: Path,
                               cli_env: None) -> None:
    paths = [str(path) for path in write_record_files(tmp_path, seed_records)]
    runner = CliRunner()

    refused = runner.invoke(app, ["ingest", "--batch", "0", *paths])
    assert refused.exit_code == 2
    assert "--batch" in refused.output
    assert store.counts()["nodes"] == {}

    done = runner.invoke(app, ["ingest", "--no-overlaps", "--batch", "2", *paths])
    assert done.exit_code == 0, done.output
    assert store.counts()["nodes"]["Document"] == len(seed_records)
