"""The seed corpus in the graph, on both engines: what a user asking questions would see."""

from __future__ import annotations

from policykg.graph.store import GraphStore
from policykg.loaders.records import PolicyDoc


def test_every_document_has_the_measures_the_extractor_found(seed_store: GraphStore,
                                                             seed_records: list[PolicyDoc]) -> None:
    rows = seed_store.run_read(
        "MATCH (d:Document) OPTIONAL MATCH (d)-[h:HAS_MEASURE]->(m:Measure) "
        "RETURN d.doc_id AS doc_id, d.measure_count AS declared, count(m) AS measures"
    )
    in_graph = {row["doc_id"]: (row["declared"], row["measures"]) for row in rows}
    expected = {doc.doc_id: (len(doc.measures), len(doc.measures)) for doc in seed_records}
    assert in_graph == expected


def test_hunan_industry_department_leads_measures_in_hunan(seed_store: GraphStore) -> None:
    rows = seed_store.run_read(
        "MATCH (a:Agency)-[r:LEADS]->(m:Measure)<-[:HAS_MEASURE]-(d:Document)-[:OF_PROVINCE]->(p:Province) "
        "WHERE p.name = $province RETURN a.name AS agency, count(r) AS led ORDER BY led DESC, agency",
        {"province": "湖南省"},
    )
    assert rows, "no LEADS edge in 湖南省"
    assert rows[0]["agency"] == "湖南省工业和信息化厅"


def test_dalang_knitwear_cluster_is_located_in_dongguan(seed_store: GraphStore) -> None:
    rows = seed_store.run_read(
        "MATCH (k:Cluster {name: $cluster})-[l:LOCATED_IN]->(c:City) "
        "RETURN c.name AS city, c.province AS province, l.doc_id AS doc_id, k.province AS cluster_province",
        {"cluster": "大朗毛织"},
    )
    assert {row["city"] for row in rows} == {"东莞市"}
    assert {row["province"] for row in rows} == {"广东省"}
    assert all(row["doc_id"] for row in rows)


def test_every_leads_edge_quotes_the_sentence_that_names_the_agency(seed_store: GraphStore) -> None:
    rows = seed_store.run_read(
        "MATCH (a:Agency)-[r:LEADS]->(m:Measure) "
        "RETURN a.name AS agency, a.aliases AS aliases, r.written AS written, r.start AS start, r.end AS end, "
        "r.evidence AS evidence, m.text AS text, m.start AS m_start, m.id AS measure"
    )
    assert len(rows) > 50
    for row in rows:
        where = f"{row['agency']} LEADS {row['measure']}"
        assert row["start"] is not None and row["end"] is not None, where
        assert row["written"] in [row["agency"], *(row["aliases"] or [])], where
        in_measure = row["text"][row["start"] - row["m_start"]:row["end"] - row["m_start"]]
        assert in_measure == row["written"], where
        assert row["written"] in row["evidence"], where


def test_role_and_topic_edges_carry_their_evidence(seed_store: GraphStore) -> None:
    rows = seed_store.run_read(
        "MATCH (:Measure)-[e:ABOUT]->(t:Topic) RETURN t.code AS code, t.label AS label, e.keyword AS keyword, "
        "e.evidence AS evidence"
    )
    assert rows
    assert all(row["label"] for row in rows)
    with_keyword = [row for row in rows if row["keyword"]]
    assert with_keyword and all(row["keyword"] in row["evidence"] for row in with_keyword)


def test_agencies_have_types_levels_and_provinces_from_the_record(seed_store: GraphStore) -> None:
    rows = seed_store.run_read(
        "MATCH (a:Agency {name: $name})-[:OF_TYPE]->(t:AgencyType) "
        "MATCH (a)-[:IN_PROVINCE]->(p:Province) "
        "RETURN a.level AS level, a.known AS known, t.code AS type, t.label AS label, p.name AS province, "
        "a.aliases AS aliases",
        {"name": "湖南省工业和信息化厅"},
    )
    assert len(rows) == 1
    row = rows[0]
    assert row["province"] == "湖南省" and row["known"] is True and row["level"] == "provincial"
    assert row["type"] and row["label"]
    assert "省工业和信息化厅" in row["aliases"]


def test_status_counts_per_province_match_the_records(seed_store: GraphStore,
                                                      seed_records: list[PolicyDoc]) -> None:
    expected: dict[str, tuple[int, int]] = {}
    for doc in seed_records:
        docs, measures = expected.get(doc.province, (0, 0))
        expected[doc.province] = (docs + 1, measures + len(doc.measures))
    rows = {row["province"]: (row["documents"], row["measures"]) for row in seed_store.province_counts()
            if row["documents"]}
    assert rows == expected
