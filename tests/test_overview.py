"""The overview and the cluster map, over the real seed graph on both engines: what the store holds
(documents by province, level and year; measures per province by topic, role and agency type; the
cities tied to clusters), checked against the extracted seed records, not against the graph."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from policykg.api.app import create_app
from policykg.cli import app as cli_app
from policykg.queries.catalogue import run_query
from policykg.visual.render import render_html

pytestmark = pytest.mark.engine


def test_documents_by_province_level_and_year(seed_store, seed_records) -> None:
    expected = Counter((doc.province, doc.level, doc.issued[:4] if doc.issued else None) for doc in seed_records)
    rows = run_query(seed_store, "documents_overview", {})
    assert {(r["province"], r["level"], r["year"]): r["documents"] for r in rows} == dict(expected)
    measures = Counter()
    for doc in seed_records:
        measures[doc.province] += len(doc.measures)
    by_province = Counter()
    for row in rows:
        by_province[row["province"]] += row["measures"]
    assert by_province == measures


def _measures(seed_records, topic=None, role=None, agency_type=None) -> Counter:
    types = {a.name: a.type for doc in seed_records for a in doc.agencies}
    counts: Counter[str] = Counter()
    for doc in seed_records:
        for measure in doc.measures:
            if topic and topic not in measure.topics:
                continue
            holders = [(r.role, types.get(r.agency)) for r in measure.role_evidence]
            if (role or agency_type) and not any((role is None or r == role) and (agency_type is None or t == agency_type)
                                                 for r, t in holders):
                continue
            counts[doc.province] += 1
    return counts


@pytest.mark.parametrize("filters", [{}, {"topic": "green_dyeing"}, {"role": "lead", "agency_type": "industry_it"},
                                     {"topic": "talent", "role": "co"}])
def test_measures_per_province_follow_the_map_filters(seed_store, seed_records, filters) -> None:
    rows = run_query(seed_store, "province_measures", {"role": "any", **filters})
    assert {r["province"]: r["measures"] for r in rows} == dict(_measures(seed_records, **filters))


def test_a_topic_filter_reads_the_same_however_the_topic_is_written(seed_store) -> None:
    by_code = run_query(seed_store, "province_measures", {"topic": "green_dyeing"})
    assert by_code and run_query(seed_store, "province_measures", {"topic": "绿色"}) == by_code


def test_city_points_hold_the_clusters_of_each_city_and_a_place_on_the_map(seed_store, seed_records) -> None:
    clusters: dict[str, set[str]] = {}
    for doc in seed_records:
        for link in doc.cluster_links:
            clusters.setdefault(link.city, set()).add(link.cluster)
    client = TestClient(create_app(store=seed_store))
    cities = {c["city"]: c for c in client.get("/overview").json()["cities"]}
    assert "大朗毛织" in cities["东莞市"]["clusters"]
    assert {city: set(c["clusters"]) for city, c in cities.items() if c["clusters"]} == clusters
    assert all(c["cluster_count"] == len(c["clusters"]) for c in cities.values())
    # Every city of the seed lies on the map, and 东莞 lies south-east of 广州 there.
    assert all(c["x"] is not None and c["y"] is not None for c in cities.values())
    assert cities["东莞市"]["x"] > cities["广州市"]["x"]


def test_overview_endpoint_holds_counts_matrix_and_the_map(seed_store, seed_records) -> None:
    client = TestClient(create_app(store=seed_store))
    body = client.get("/overview", params={"topic": "印染", "role": "lead"}).json()
    assert body["totals"] == {"documents": len(seed_records), "measures": sum(len(d.measures) for d in seed_records),
                              "provinces": len({d.province for d in seed_records if d.province})}
    assert {r["province"]: r["measures"] for r in body["provinces"]} == \
        dict(_measures(seed_records, topic="green_dyeing", role="lead"))
    shapes = {p["name"]: p for p in body["frame"]["provinces"]}
    assert {"广东省", "湖南省", "山东省", "内蒙古自治区"} <= set(shapes) and shapes["广东省"]["path"].startswith("M")
    assert {(c["province"], c["topic"]) for c in body["matrix"]} == \
        {(d.province, t) for d in seed_records for m in d.measures for t in m.topics}
    assert client.get("/overview", params={"role": "boss"}).status_code == 422
    assert client.get("/overview", params={"topic": "没有这个主题"}).status_code == 404


def _map_data(html: str) -> dict:
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all("script", src=True) and not soup.find_all("link", href=True), "the map page loads nothing"
    assert any("PolicyMapView" in (tag.string or "") for tag in soup.find_all("script"))
    return json.loads(soup.find("script", id="policykg-map").string)


def test_cluster_map_page_is_one_offline_file(seed_store, seed_records, engine_env, monkeypatch,
                                              tmp_path: Path) -> None:
    client = TestClient(create_app(store=seed_store))
    served = client.get("/visual/map", params={"province": "广东"})
    assert served.status_code == 200 and served.headers["content-type"].startswith("text/html")
    data = _map_data(served.text)
    assert data["province"] == "广东省" and {c["province"] for c in data["cities"]} == {"广东省"}
    assert "大朗毛织" in next(c for c in data["cities"] if c["city"] == "东莞市")["clusters"]
    assert "map" in {kind["kind"] for kind in client.get("/visual").json()}
    assert client.get("/visual/map", params={"province": "火星"}).status_code == 404
    assert client.get("/visual/map", params={"colour": "red"}).status_code == 422

    from policykg.settings import get_settings

    for key, value in engine_env.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    out = tmp_path / "clusters-map.html"
    try:
        result = CliRunner().invoke(cli_app, ["render", "map", "--out", str(out)])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    whole = _map_data(out.read_text(encoding="utf-8"))
    assert {c["province"] for c in whole["cities"]} == {d.province for d in seed_records if d.province}
    assert _map_data(render_html(seed_store, "map", {}))["cities"] == whole["cities"]
