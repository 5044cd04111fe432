"""The overlap analysis and the responsibility networks on a real graph store (issue 5)."""

from __future__ import annotations

import json

import pytest

from policykg.graph.networks import agency_network, role_rows, stored_role_rows
from policykg.graph.record_writer import load_reference_data, write_document
from policykg.graph.similar_to import write_similarities
from policykg.graph.statements import packaged_cypher

pytestmark = pytest.mark.engine


@pytest.fixture()
def seeded(store, seed_records):
    load_reference_data(store)
    for doc in seed_records:
        write_document(store, doc)
    return store


def _similar(store) -> list[dict]:
    return store.run_read(
        "MATCH (a:Measure)-[s:SIMILAR_TO]->(b:Measure) "
        "RETURN a.id AS a, b.id AS b, s.score AS score, s.earlier AS earlier, s.shared_spans AS spans"
    )


def test_similar_to_edges_point_from_the_earlier_document(seeded, seed_records):
    overlaps = write_similarities(seeded)
    edges = {(r["a"], r["b"]): r for r in _similar(seeded)}
    assert len(edges) == len(overlaps) > 10
    texts = {m.id: m.text for doc in seed_records for m in doc.measures}
    gd = next(m.id for m in seed_records[0].measures if m.title == "推广应用节能减排技术")
    hn = next(m.id for m in seed_records[2].measures if m.title == "推广应用节能减排技术")
    edge = edges[(gd, hn)]
    assert edge["earlier"] == gd
    spans = json.loads(edge["spans"])
    assert spans and all(texts[gd][a0:a1] == text == texts[hn][b0:b1] for a0, a1, b0, b1, text in spans)
    rows = seeded.run_read(packaged_cypher("policykg.queries", "province_overlap.cypher"), {"a": "广东省", "b": "湖南省", "limit": 100, "offset": 0})
    assert (gd, hn) in {(r["a_id"], r["b_id"]) for r in rows}
    # Running again replaces the edges instead of adding to them.
    write_similarities(seeded)
    assert len(_similar(seeded)) == len(edges)


def test_role_rows_from_the_graph_match_the_records(seeded, seed_records):
    from_graph = stored_role_rows(seeded)
    from_records = role_rows(seed_records)
    assert {(r.measure_id, r.agency, r.role) for r in from_graph} == {
        (r.measure_id, r.agency, r.role) for r in from_records
    }
    g1, g2 = agency_network(from_graph, "湖南省"), agency_network(from_records, "湖南省")
    weights1 = {frozenset(e): g1.edges[e]["weight"] for e in g1.edges}
    weights2 = {frozenset(e): g2.edges[e]["weight"] for e in g2.edges}
    assert weights1 == pytest.approx(weights2)
    assert len(weights1) > 10


@pytest.fixture()
def cli_settings(cli_env, seeded):  # noqa: ANN001 - conftest's cli_env over the seeded graph
    return seeded


def test_cli_overlaps_and_networks(cli_settings, tmp_path):
    from typer.testing import CliRunner

    from policykg.cli import app

    result = CliRunner().invoke(app, ["overlaps", "--json", "--top", "3"])
    assert result.exit_code == 0, result.output
    pairs = [json.loads(line) for line in result.output.splitlines()]
    assert len(pairs) == 3 and pairs[0]["score"] >= pairs[-1]["score"] >= 0.2
    assert all(p["a_id"].split("#")[0] != p["b_id"].split("#")[0] for p in pairs)
    # Reporting a comparison is another command, which needs its two provinces and never writes the
    # overlaps (it used to recompute every SIMILAR_TO edge when --provinces was left out).
    refused = CliRunner().invoke(app, ["compare", "--json", "--top", "3"])
    assert refused.exit_code == 2 and "--provinces" in refused.output
    result = CliRunner().invoke(app, ["networks", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert {p.name for p in tmp_path.iterdir()} >= {"湖南省.graphml", "全部.json", "广东省.csv", "lead_share_by_type.csv"}
    assert "湖南省工业和信息化厅" in result.output


# --- an ingest killed in its overlap phase (issue 16, item 6) -------------------------------------

COPIES = 40  # copies of the seed records under new ids: the overlap phase takes seconds


def _graph_state(store) -> dict:  # noqa: ANN001
    """What an ingest leaves: counts, every SIMILAR_TO edge with its properties, every summary edge."""
    similar = store.run_read(
        "MATCH (a:Measure)-[s:SIMILAR_TO]->(b:Measure) RETURN a.id AS a, b.id AS b, s.score AS score, "
        "s.containment AS containment, s.jaccard AS jaccard, s.earlier AS earlier, s.shared_chars AS chars, "
        "s.shared_spans AS spans")
    summaries = store.run_read(
        "MATCH (x)-[s:ROLE_COUNT|TOPIC_ROLE|TOPIC_COUNT|TYPE_COUNT|WORKS_WITH]->(y) "
        "RETURN type(s) AS type, coalesce(x.name, x.code) AS x, coalesce(y.name, y.code) AS y, s.province AS province, "
        "s.role AS role, s.kind AS kind, s.agency_type AS agency_type, s.measures AS measures")
    key = json.dumps
    return {"counts": store.counts(), "similar": sorted(map(key, similar)), "summaries": sorted(map(key, summaries))}


def test_an_ingest_killed_in_its_overlap_phase_is_restored_by_the_command_status_advises(
        store, seed_records, engine_env, tmp_path):  # noqa: ANN001
    import os
    import signal
    import subprocess
    import time

    from commands import POLICYKG
    from record_files import write_record_files

    copies = [doc.model_copy(update={"doc_id": f"{doc.doc_id}-{n}",
                                     "measures": [m.model_copy(update={"id": m.id.replace(doc.doc_id, f"{doc.doc_id}-{n}", 1)})
                                                  for m in doc.measures]})
              for n in range(COPIES // len(seed_records)) for doc in seed_records]
    folder = tmp_path / "records"
    write_record_files(folder, copies)
    env = {**os.environ, **engine_env}

    def run(*args: str) -> subprocess.CompletedProcess:
        done = subprocess.run([*POLICYKG, *args], env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        return done

    run("ingest", str(folder))
    clean = _graph_state(store)
    assert len(clean["similar"]) > 100

    store.reset()
    process = subprocess.Popen([*POLICYKG, "ingest", str(folder)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:  # every document written: the ingest is computing their overlaps
        deadline = time.monotonic() + 300
        while (process.poll() is None and time.monotonic() < deadline and
               store.run_read("MATCH (d:Document) RETURN count(d.doc_id) AS n")[0]["n"] < len(copies)):
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == -signal.SIGKILL, "the ingest ended before it could be killed"
    assert _graph_state(store)["similar"] != clean["similar"], "killed after its overlap phase"

    status = " ".join(run("status").stdout.split())
    assert f"overlaps (SIMILAR_TO) pending for {len(copies)} documents" in status, status
    assert "run `policykg refresh`" in status
    refreshed = run("refresh")
    assert f"recomputed the overlaps of {len(copies)} documents" in refreshed.stdout
    assert _graph_state(store) == clean
    status = " ".join(run("status").stdout.split())
    assert "pending" not in status and "summaries up to date" in status
