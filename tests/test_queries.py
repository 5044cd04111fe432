"""The named-query catalogue (issue 4): headers, parameter checking, and answers on the seed graph of both engines."""

from __future__ import annotations

import re

import pytest

from policykg.errors import NotFoundError, QueryError
from policykg.graph.store import GraphStore
from policykg.queries.catalogue import catalogue, get_query, list_queries, run_query, validate_params

ISSUE_QUERIES = {"agencies_leading_topic", "agency_profile", "agency_network", "cluster_cities", "city_profile",
                 "province_topic_matrix", "targets", "measure", "search", "agency_type_comparison",
                 "compare_provinces"}


# --- the catalogue itself (no engine) ------------------------------------------------------------


def test_every_issue_query_is_listed_with_what_it_answers() -> None:
    listed = {query.name: query for query in list_queries()}
    assert ISSUE_QUERIES <= set(listed)
    for query in listed.values():
        assert query.answers, f"{query.name}.cypher has no 'answers:' header"


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_header_declares_exactly_the_parameters_the_cypher_uses(name: str) -> None:
    query = catalogue()[name]
    body = "\n".join(line for line in query.cypher.splitlines() if not line.lstrip().startswith("//"))
    used = set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", body))
    declared = {param.name for param in query.params}
    derived = {"topics"} if any(param.kind == "topic" for param in query.params) else set()
    assert used <= declared | derived, f"{name}: undeclared {used - declared - derived}"
    resolves_agency = any(param.kind == "agency" for param in query.params)
    unused = {param.name for param in query.params if param.name not in used
              and not (param.kind == "topic" and "topics" in used)
              and not (param.kind == "province" and resolves_agency)}
    assert not unused, f"{name}: declared but unused {unused}"


def test_unknown_query_names_the_known_ones() -> None:
    with pytest.raises(QueryError, match="agency_profile"):
        get_query("agency_profiles")
    with pytest.raises(QueryError):
        get_query("_resolve_topic")  # internal resolvers are not callable by name


def test_unknown_and_missing_parameters_are_refused() -> None:
    query = get_query("agencies_leading_topic")
    with pytest.raises(QueryError, match="unknown parameter.*provinse"):
        validate_params(query, {"topic": "印染", "provinse": "广东省"})
    with pytest.raises(QueryError, match="missing parameter 'topic'"):
        validate_params(query, {"province": "广东省"})
    with pytest.raises(QueryError, match="missing parameter 'topic'"):
        validate_params(query, {"topic": "  "})


def test_parameter_values_are_typed_and_bounded() -> None:
    targets = get_query("targets")
    values = validate_params(targets, {"year": "2027", "limit": "10"})
    assert values["year"] == 2027 and values["limit"] == 10 and values["offset"] == 0
    assert values["metric"] is None and values["province"] is None
    for bad in ({"year": "二〇二七"}, {"limit": "0"}, {"limit": 10_000}, {"offset": -1}, {"year": True}):
        with pytest.raises(QueryError):
            validate_params(targets, bad)
    leading = get_query("agencies_leading_topic")
    assert validate_params(leading, {"topic": "印染"})["role"] == "lead"
    with pytest.raises(QueryError, match="one of lead, co, responsible"):
        validate_params(leading, {"topic": "印染", "role": "boss"})
    with pytest.raises(QueryError, match="control characters"):
        validate_params(leading, {"topic": "印\x00染"})


# --- answers on the seed graph (both engines) ---------------------------------------------------


def _agencies(store: GraphStore, topic: str, **params: object) -> dict[str, dict]:
    rows = run_query(store, "agencies_leading_topic", {"topic": topic, "limit": 500, **params})
    return {row["agency"]: row for row in rows}


def test_topic_resolves_from_code_label_or_keyword(seed_store: GraphStore) -> None:
    by_code = _agencies(seed_store, "green_dyeing")
    assert by_code
    counts = {name: row["measure_count"] for name, row in by_code.items()}
    for term in ("绿色", "印染", "绿色低碳/节能减排/印染/循环利用"):
        assert {name: row["measure_count"] for name, row in _agencies(seed_store, term).items()} == counts
    with pytest.raises(NotFoundError, match="no topic"):
        run_query(seed_store, "agencies_leading_topic", {"topic": "航天发射"})


def test_lead_agencies_of_a_topic_come_with_counts_and_quoted_sentences(seed_store: GraphStore) -> None:
    leads = _agencies(seed_store, "green_dyeing", province="广东")
    assert leads and all(row["province"] == "广东省" for row in leads.values())
    for row in leads.values():
        assert row["measure_count"] >= len(row["examples"]) >= 1
        for example in row["examples"]:
            assert "green_dyeing" in example["topics"]
            assert example["written"] and example["written"].strip("省") in example["role_evidence"] \
                or example["role_evidence"] is None
    counts = [row["measure_count"] for row in leads.values()]
    assert counts == sorted(counts, reverse=True)


def test_roles_are_kept_apart(seed_store: GraphStore) -> None:
    lead = _agencies(seed_store, "green_dyeing")
    co = _agencies(seed_store, "green_dyeing", role="co")
    assert co and set(co) != set(lead)
    measure_ids = {ex["id"] for row in co.values() for ex in row["examples"]}
    for measure_id in list(measure_ids)[:5]:
        detail = run_query(seed_store, "measure", {"id": measure_id})[0]
        co_agencies = {role["agency"] for role in detail["roles"] if role["role"] == "co"}
        assert co_agencies & set(co)


def test_agency_abbreviation_resolves_within_the_province_given(seed_store: GraphStore) -> None:
    guangdong = run_query(seed_store, "agency_profile", {"agency": "省工信厅", "province": "广东省"})[0]
    hunan = run_query(seed_store, "agency_profile", {"agency": "省工信厅", "province": "湖南"})[0]
    assert guangdong["agency"].startswith("广东省") and guangdong["province"] == "广东省"
    assert hunan["agency"].startswith("湖南省") and hunan["agency"] != guangdong["agency"]
    every = run_query(seed_store, "agency_profile", {"agency": "省工信厅", "province": "广东省", "limit": 500})[0]
    assert every["lead_count"] == sum(m["role"] == "lead" for m in every["measures"]) > 0
    assert every["measure_count"] == len({m["id"] for m in every["measures"]})
    assert len(guangdong["measures"]) == min(50, len(every["measures"]))  # one page, the counts cover all
    assert guangdong["lead_count"] == every["lead_count"] and guangdong["topics"] == every["topics"]
    assert guangdong["topics"] and guangdong["partners"]
    assert all(p["agency"] != guangdong["agency"] and p["shared_measures"] >= 1 for p in guangdong["partners"])
    with pytest.raises(QueryError, match="ambiguous"):
        run_query(seed_store, "agency_profile", {"agency": "省工信厅"})
    with pytest.raises(NotFoundError):
        run_query(seed_store, "agency_profile", {"agency": "省航天局", "province": "广东省"})


def test_agency_profile_targets_belong_to_measures_it_owns(seed_store: GraphStore) -> None:
    profile = run_query(seed_store, "agency_profile", {"agency": "省工信厅", "province": "广东省"})[0]
    owned = {m["id"] for m in profile["measures"] if m["role"] in ("lead", "responsible")}
    assert profile["targets"]
    assert {target["measure_id"] for target in profile["targets"]} <= owned


def test_agency_network_stays_within_the_filters(seed_store: GraphStore) -> None:
    edges = run_query(seed_store, "agency_network", {"province": "湖南省", "limit": 500})
    assert edges
    agencies = {row["agency"]: row["province"] for row in run_query(seed_store, "agencies", {"limit": 500})}
    for edge in edges:
        assert edge["kind"] in {"lead-co", "co-co", "lead-lead"} and edge["weight"] >= 1
        assert agencies[edge["source"]] == agencies[edge["target"]] == "湖南省"
    green = run_query(seed_store, "agency_network", {"province": "湖南省", "topic": "绿色", "limit": 500})
    assert green and len(green) < len(edges)


def test_cluster_cities_ties_dalang_knitwear_to_dongguan(seed_store: GraphStore) -> None:
    rows = run_query(seed_store, "cluster_cities", {"province": "广东省", "limit": 500})
    assert ("大朗毛织", "东莞市") in {(row["cluster"], row["city"]) for row in rows}
    dalang = next(row for row in rows if row["cluster"] == "大朗毛织")
    assert "大朗毛织" in dalang["evidence"]


def test_city_profile_accepts_the_short_name(seed_store: GraphStore) -> None:
    city = run_query(seed_store, "city_profile", {"city": "东莞"})[0]
    assert city["city"] == "东莞市" and city["province"] == "广东省"
    assert "大朗毛织" in city["clusters"]
    assert city["measures"] and all(m["written"] in m["evidence"] for m in city["measures"])
    assert city["agencies"]
    with pytest.raises(NotFoundError):
        run_query(seed_store, "city_profile", {"city": "拉萨"})


def test_province_topic_matrix_matches_the_measures(seed_store: GraphStore) -> None:
    cells = run_query(seed_store, "province_topic_matrix", {})
    assert {cell["province"] for cell in cells} == {"广东省", "湖南省", "山东省"}
    count = seed_store.run_read(
        "MATCH (m:Measure {province: $p})-[:ABOUT]->(:Topic {code: $t}) RETURN count(DISTINCT m) AS n",
        {"p": "湖南省", "t": "green_dyeing"})[0]["n"]
    cell = next(c for c in cells if c["province"] == "湖南省" and c["topic"] == "green_dyeing")
    assert cell["measures"] == count > 0


def test_targets_filter_and_carry_comparable_units(seed_store: GraphStore) -> None:
    all_targets = run_query(seed_store, "targets", {"limit": 500})
    assert all_targets
    in_2027 = run_query(seed_store, "targets", {"year": 2027, "limit": 500})
    assert in_2027 and all(t["year"] == 2027 for t in in_2027) and len(in_2027) < len(all_targets)
    revenue = run_query(seed_store, "targets", {"metric": "营收", "province": "广东省", "limit": 500})
    assert revenue and all(t["province"] == "广东省" for t in revenue)
    in_yuan = [t for t in revenue if t["unit"] == "亿元" and t["value"] is not None]
    assert in_yuan and all(t["normalised_unit"] == "元" and t["normalised_value"] == pytest.approx(t["value"] * 1e8)
                           for t in in_yuan)


def test_measure_quotes_its_sources(seed_store: GraphStore) -> None:
    green = _agencies(seed_store, "印染")
    measure_id = next(ex["id"] for row in green.values() for ex in row["examples"] if "印染" in ex["title"])
    detail = run_query(seed_store, "measure", {"id": measure_id})[0]
    assert detail["document"]["doc_id"] == measure_id.split("#")[0]
    assert detail["roles"] and detail["topics"]
    for role in detail["roles"]:
        assert role["evidence"] and role["start"] < role["end"]
    green_topic = next(t for t in detail["topics"] if t["code"] == "green_dyeing")
    assert green_topic["keyword"] in green_topic["evidence"]
    assert green_topic["evidence"].replace("\n", "") in detail["text"].replace("\n", "") \
        or green_topic["evidence"] in detail["title"]
    assert run_query(seed_store, "measure", {"id": "no_such_doc#1"}) == []


def test_search_finds_every_kind(seed_store: GraphStore) -> None:
    hits = run_query(seed_store, "search", {"q": "东莞", "limit": 500})
    kinds = {hit["kind"] for hit in hits}
    assert {"city", "cluster"} <= kinds
    agencies = run_query(seed_store, "search", {"q": "工业和信息化", "limit": 500})
    assert {hit["kind"] for hit in agencies} >= {"agency"}
    assert run_query(seed_store, "search", {"q": "这个词不会出现"}) == []
    # parameters travel as parameters: quotes and backslashes are data, not Cypher
    assert run_query(seed_store, "search", {"q": "\"'\\ RETURN 1 //"}) == []


@pytest.mark.parametrize("term", ["绿色", "新"])  # 新: two topics (创新, 专精特新), counted by traversal
def test_agency_type_comparison_covers_each_province_with_the_topic(seed_store: GraphStore, term: str) -> None:
    rows = run_query(seed_store, "agency_type_comparison", {"topic": term})
    provinces = [row["province"] for row in rows]
    assert {"广东省", "湖南省"} <= set(provinces) and provinces == sorted(set(provinces))
    for row in rows:
        order = [(-t["measures"], t["agency_type"]) for t in row["types"]]
        assert order == sorted(order) and len(set(order)) == len(order)  # most measures first, one entry per type
        for t in row["types"]:
            assert t["measures"] == t["as_lead"] + t["as_responsible"] >= 1
            assert t["agencies"]


def test_compare_provinces_side_by_side(seed_store: GraphStore) -> None:
    rows = {row["side"]: row for row in run_query(seed_store, "compare_provinces", {"a": "广东", "b": "湖南省"})}
    assert rows["a"]["province"] == "广东省" and rows["b"]["province"] == "湖南省"
    assert rows["a"]["measure_count"] > 0 and rows["b"]["measure_count"] > 0
    assert rows["a"]["topics"] and rows["a"]["agency_types"] and rows["a"]["targets"]
    assert {d[:3] for d in rows["b"]["documents"]} != {d[:3] for d in rows["a"]["documents"]}
    with pytest.raises(NotFoundError):
        run_query(seed_store, "compare_provinces", {"a": "广东", "b": "西藏"})
