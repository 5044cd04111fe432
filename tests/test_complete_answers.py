"""Complete answers over the real seed graph (both engines): an agency's measures in document order with
their total and every page reachable; targets with their document, province, qualifier and span
wherever they appear; one topic, one answer however it is written; the API comparison with the
overlapping measures the CLI report lists. Expectations come from the seed records."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

import policykg
from policykg.api.app import create_app
from policykg.graph.similar_to import write_similarities
from policykg.graph.statements import cypher_text

pytestmark = pytest.mark.engine

AGENCY = "广东省工业和信息化厅"


@pytest.fixture()
def client(seed_store) -> TestClient:
    return TestClient(create_app(store=seed_store))


def test_agency_measures_come_in_document_order_with_total_and_every_page(client, seed_records) -> None:
    position = {m.id: (doc.doc_id, m.start) for doc in seed_records for m in doc.measures}
    expected = [(m.id, r.role) for doc in seed_records for m in doc.measures
                for r in {(r.agency, r.role): r for r in m.role_evidence}.values() if r.agency == AGENCY]
    first = client.get("/agencies/" + quote(AGENCY), params={"limit": 20}).json()
    assert first["measure_rows"] == len(expected) > 20
    rows = []
    while len(rows) < first["measure_rows"]:
        page = client.get("/agencies/" + quote(AGENCY), params={"limit": 20, "offset": len(rows)}).json()
        assert page["measures"], "a page before the total is reached is empty"
        rows.extend(page["measures"])
    assert sorted((m["id"], m["role"]) for m in rows) == sorted(expected)
    # Document order: 一、二 … 九、十 as the document numbers them, not 一、七、三、九、二 as text sorts them.
    keys = [position[m["id"]] for m in rows]
    assert keys == sorted(keys)


def _target_fields_match(target: dict, records: dict) -> None:
    recorded = records[target["id"]]
    assert target["doc_id"] == recorded["doc_id"] and target["province"] == recorded["province"]
    assert target["qualifier"] == recorded["qualifier"]
    assert (target["start"], target["end"]) == (recorded["start"], recorded["end"])


def _recorded_targets(seed_records) -> dict[str, dict]:
    found = {}
    for doc in seed_records:
        measures = {m.id: m for m in doc.measures}
        for measure in measures.values():
            for n, target in enumerate(measure.targets, 1):
                found[f"{measure.id}#{n}"] = {"doc_id": doc.doc_id, "province": doc.province,
                                              "qualifier": target.qualifier, "start": target.start, "end": target.end}
    return found


def test_targets_name_their_document_province_qualifier_and_span_everywhere(client, seed_records) -> None:
    recorded = _recorded_targets(seed_records)
    profile = client.get("/agencies/" + quote(AGENCY), params={"limit": 500}).json()
    comparison = client.get("/provinces/compare", params={"a": "广东", "b": "湖南"}).json()
    measure_id = next(t["measure_id"] for t in profile["targets"] if t["measure_id"])
    measure = client.get("/measures/" + quote(measure_id, safe="")).json()
    seen = [*profile["targets"], *comparison["a"]["targets"], *comparison["b"]["targets"], *measure["targets"]]
    checked = [t for t in seen if t["id"] in recorded]
    assert len(checked) > 10 and measure["targets"] and profile["targets"]
    for target in checked:
        _target_fields_match(target, recorded)


def test_one_topic_one_answer_however_it_is_written(client) -> None:
    answers = [client.get(f"/topics/{quote(term)}/agencies", params={"limit": 100}).json()
               for term in ("green_dyeing", "绿色", "绿色低碳")]
    assert answers[0]["items"] and all(answer == answers[0] for answer in answers[1:])
    through_query = [client.get("/queries/agencies_leading_topic", params={"topic": term}).json()["rows"]
                     for term in ("green_dyeing", "绿色")]
    assert through_query[0] == through_query[1]


def test_api_comparison_has_the_overlap_section_of_the_cli_report(client, seed_store) -> None:
    before = client.get("/provinces/compare", params={"a": "广东", "b": "湖南"}).json()
    assert before["overlaps_computed"] is False and before["overlaps"] == []
    write_similarities(seed_store)
    try:
        body = client.get("/provinces/compare", params={"a": "广东", "b": "湖南"}).json()
        report = policykg.compare_provinces(seed_store, "广东", "湖南")
        fewer = client.get("/provinces/compare", params={"a": "广东", "b": "湖南", "top": 2}).json()["overlaps"]
    finally:
        seed_store.run(cypher_text("write/similar_to_clear.cypher"))
    assert body["overlaps_computed"] is report.overlaps_stored is True
    assert [(o["a_id"], o["b_id"]) for o in body["overlaps"]] == [(o["a_id"], o["b_id"]) for o in report.overlaps]
    assert body["overlaps"] and all(o["a_province"] == "广东省" and o["b_province"] == "湖南省" for o in body["overlaps"])
    assert all(o["shared_spans"] and o["score"] >= 0.2 for o in body["overlaps"])
    assert fewer == body["overlaps"][:2]
