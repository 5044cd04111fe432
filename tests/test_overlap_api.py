"""The overlap endpoints (issue 5) on the seed graph, both engines, through the HTTP API."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from policykg.api.app import create_app
from policykg.graph.ingest import ingest_paths, save_record
from policykg.graph.similar_to import write_similarities, write_similarities_for
from policykg.graph.statements import cypher_text, packaged_cypher
from policykg.loaders.records import PolicyDoc

pytestmark = pytest.mark.engine

TITLE = "推广应用节能减排技术"


@pytest.fixture(scope="module")
def overlap_store(_shared_store, seed_records):
    """The seed graph with its SIMILAR_TO edges computed; the shared store is re-seeded afterwards."""
    store = _shared_store.seeded(seed_records)
    write_similarities(store)
    yield store
    store.run(cypher_text("write/similar_to_clear.cypher"))
    _shared_store.seed_counts = None


@pytest.fixture(scope="module")
def client(overlap_store, engine_settings) -> TestClient:
    return TestClient(create_app(store=overlap_store, settings=engine_settings))


@pytest.fixture(scope="module")
def texts(seed_records: list[PolicyDoc]) -> dict[str, str]:
    return {m.id: m.text for doc in seed_records for m in doc.measures}


def _measure(records: list[PolicyDoc], province: str, title: str) -> str:
    found = [m.id for doc in records if doc.province == province for m in doc.measures if m.title == title]
    assert len(found) == 1, found
    return found[0]


@pytest.fixture(scope="module")
def doc_of(seed_records: list[PolicyDoc]) -> dict[str, str]:
    return {m.id: doc.doc_id for doc in seed_records for m in doc.measures}


@pytest.fixture(scope="module")
def gd_hn(seed_records: list[PolicyDoc]) -> tuple[str, str]:
    return _measure(seed_records, "广东省", TITLE), _measure(seed_records, "湖南省", TITLE)


def _similar_count(store) -> int:
    return store.run_read("MATCH (:Measure)-[s:SIMILAR_TO]->(:Measure) RETURN count(s) AS n")[0]["n"]


def _edges(store) -> set[tuple[str, str, float]]:
    rows = store.run_read("MATCH (a:Measure)-[s:SIMILAR_TO]->(b:Measure) RETURN a.id AS a, b.id AS b, s.score AS score")
    return {(r["a"], r["b"], r["score"]) for r in rows}


def test_overlaps_between_two_provinces_quote_passages_found_in_both_texts(client, gd_hn, texts):
    gd, hn = gd_hn
    response = client.get("/overlaps", params={"province_a": "广东", "province_b": "湖南", "limit": 500})
    assert response.status_code == 200, response.text
    pairs = {(p["a_id"], p["b_id"]): p for p in response.json()["items"]}
    pair = pairs[(gd, hn)]
    assert pair["a_province"] == "广东省" and pair["b_province"] == "湖南省"
    assert pair["score"] >= 0.5
    spans = pair["shared_spans"]
    assert sum(len(s["text"]) for s in spans) >= 50
    for s in spans:
        assert texts[gd][s["a_start"] : s["a_end"]] == s["text"] == texts[hn][s["b_start"] : s["b_end"]]
    assert all({p["a_province"], p["b_province"]} == {"广东省", "湖南省"} for p in pairs.values())


def test_overlaps_never_pair_two_measures_of_one_document(client):
    items = client.get("/overlaps", params={"limit": 500}).json()["items"]
    assert len(items) > 10
    assert all(p["a_doc_id"] != p["b_doc_id"] for p in items)
    assert [p["score"] for p in items] == sorted((p["score"] for p in items), reverse=True)


def test_min_score_and_pagination_narrow_the_list(client):
    everything = client.get("/overlaps", params={"limit": 500}).json()["items"]
    strong = client.get("/overlaps", params={"min_score": 0.6, "limit": 500}).json()["items"]
    assert 0 < len(strong) < len(everything)
    assert all(p["score"] >= 0.6 for p in strong)
    first = client.get("/overlaps", params={"limit": 3}).json()
    second = client.get("/overlaps", params={"limit": 3, "offset": 3}).json()
    assert first["has_more"] and first["count"] == 3
    assert [p["a_id"] + p["b_id"] for p in first["items"] + second["items"]] == [
        p["a_id"] + p["b_id"] for p in everything[:6]]
    assert client.get("/overlaps", params={"min_score": 1.5}).status_code == 422
    assert client.get("/overlaps", params={"limit": 0}).status_code == 422
    assert client.get("/overlaps", params={"province_a": "火星省"}).status_code == 404


def test_overlaps_of_one_measure_are_oriented_from_that_measure(client, gd_hn, texts):
    gd, hn = gd_hn
    response = client.get(f"/measures/{quote(hn, safe='')}/overlaps")
    assert response.status_code == 200, response.text
    others = {o["id"]: o for o in response.json()["items"]}
    assert gd in others and others[gd]["province"] == "广东省"
    for s in others[gd]["shared_spans"]:
        assert texts[hn][s["a_start"] : s["a_end"]] == s["text"] == texts[gd][s["b_start"] : s["b_end"]]
    assert client.get(f"/measures/{quote(hn + 'x', safe='')}/overlaps").status_code == 404
    assert client.get(f"/measures/{quote(hn, safe='')}/overlaps", params={"limit": 501}).status_code == 422


def _check_marked(side: dict, other_text: str) -> list[str]:
    assert "".join(seg["text"] for seg in side["segments"]) == side["text"]
    shared = [seg["text"] for seg in side["segments"] if seg["shared"]]
    assert all(passage in other_text for passage in shared)
    return shared


def test_side_by_side_view_marks_the_passages_in_both_texts(client, gd_hn):
    gd, hn = gd_hn
    response = client.get("/overlaps/pair", params={"a": hn, "b": gd})  # the later measure first
    assert response.status_code == 200, response.text
    view = response.json()
    assert view["stored"] is True and view["a"]["id"] == hn and view["a"]["province"] == "湖南省"
    shared_a = _check_marked(view["a"], view["b"]["text"])
    shared_b = _check_marked(view["b"], view["a"]["text"])
    assert shared_a and sorted(shared_a) == sorted(shared_b)
    assert "节能" in "".join(shared_a)


def test_side_by_side_view_aligns_a_pair_without_a_stored_edge(client, overlap_store, gd_hn, doc_of):
    gd, _ = gd_hn
    linked = {r["id"] for r in overlap_store.run_read(packaged_cypher("policykg.queries", "overlaps_for.cypher"),
                                                      {"measure": gd, "other": None, "limit": 500, "offset": 0})}
    rows = overlap_store.run_read("MATCH (m:Measure) WHERE m.doc_id <> $doc RETURN m.id AS id ORDER BY id",
                                  {"doc": doc_of[gd]})
    unlinked = next(r["id"] for r in rows if r["id"] not in linked)
    view = client.get("/overlaps/pair", params={"a": gd, "b": unlinked}).json()
    assert view["stored"] is False
    _check_marked(view["a"], view["b"]["text"])
    _check_marked(view["b"], view["a"]["text"])
    assert client.get("/overlaps/pair", params={"a": gd, "b": "no-such#1"}).status_code == 404
    assert client.get("/overlaps/pair", params={"a": gd, "b": gd}).status_code == 422
    assert client.get("/overlaps/pair", params={"a": gd}).status_code == 422


def test_reuse_matrix_counts_the_pairs_between_guangdong_and_hunan(client):
    cells = client.get("/overlaps/matrix").json()
    cell = next(c for c in cells if {c["province_a"], c["province_b"]} == {"广东省", "湖南省"})
    pairs = client.get("/overlaps", params={"province_a": "广东省", "province_b": "湖南省", "limit": 500}).json()
    scores = [p["score"] for p in pairs["items"]]
    assert cell["pairs"] == len(scores) > 0
    assert cell["mean_score"] == pytest.approx(sum(scores) / len(scores))
    assert cell["max_score"] == pytest.approx(max(scores))


def test_recomputing_overlaps_leaves_the_same_edges(overlap_store, seed_records, gd_hn, doc_of, tmp_path: Path):
    before = _edges(overlap_store)
    assert len(before) == _similar_count(overlap_store) > 10
    write_similarities(overlap_store)
    assert _edges(overlap_store) == before
    gd_doc, hn_doc = (doc_of[measure] for measure in gd_hn)
    write_similarities_for(overlap_store, [gd_doc])
    assert _edges(overlap_store) == before
    changed = [doc for doc in seed_records if doc.doc_id in (gd_doc, hn_doc)]
    for doc in changed:
        save_record(doc, doc.text, tmp_path)
    # Re-ingesting a document replaces its measures, and with them their SIMILAR_TO edges ...
    ingest_paths(overlap_store, [tmp_path], overlaps=False)
    assert _similar_count(overlap_store) < len(before)
    # ... which the ingest recomputes for the documents it wrote; a second run changes nothing.
    summary = ingest_paths(overlap_store, [tmp_path], overlaps=True)
    assert sorted(summary.doc_ids) == sorted([gd_doc, hn_doc]) and summary.overlaps
    assert _edges(overlap_store) == before
    ingest_paths(overlap_store, [tmp_path], overlaps=True)
    assert _edges(overlap_store) == before


def test_agency_network_exports_as_json_and_graphml(client):
    response = client.get("/networks/agencies", params={"province": "湖南"})
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["province"] == "湖南省"
    names = {n["id"] for n in data["nodes"]}
    assert "湖南省工业和信息化厅" in names
    assert all(n["province"] == "湖南省" for n in data["nodes"])
    assert all({link["source"], link["target"]} <= names for link in data["links"]) and data["links"]
    hub = max(data["nodes"], key=lambda n: n["weighted_degree"])
    assert hub["degree"] > 0 and data["communities"] >= 1
    graphml = client.get("/networks/agencies", params={"province": "湖南", "format": "graphml"})
    assert graphml.headers["content-type"].startswith("application/graphml+xml")
    g = nx.parse_graphml(graphml.text)
    assert set(g.nodes) == names and g.number_of_edges() == len(data["links"])
    assert client.get("/networks/agencies", params={"format": "xml"}).status_code == 422
    assert client.get("/networks/agencies", params={"province": "火星省"}).status_code == 404
