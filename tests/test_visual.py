"""Each visual kind, rendered over the real seed graph (both engines), parsed back from its HTML.

The expected nodes and edges come from the extracted seed records, not from the graph.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from policykg.api.app import create_app
from policykg.cli import app as cli_app
from policykg.errors import QueryError
from policykg.graph.record_writer import agency_type_labels
from policykg.visual.builders import NO_OVERLAPS_NOTE
from policykg.visual.render import render_html
from policykg.visual.styles import UNKNOWN_TYPE_COLOR

pytestmark = pytest.mark.engine


def parse_page(html: str) -> dict:
    """The graph embedded in a rendered page, after checking the page loads nothing from elsewhere."""
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all("script", src=True), "a rendered page must not load external scripts"
    assert not soup.find_all("link", href=True), "a rendered page must not load external stylesheets"
    scripts = [tag.string or "" for tag in soup.find_all("script")]
    assert any("vis-network" in text and "Network" in text for text in scripts), "vis-network is not inline"
    data = json.loads(soup.find("script", id="policykg-graph").string)
    data["by_id"] = {node["id"]: node for node in data["nodes"]}
    data["html"] = html
    return data


def nodes_of(data: dict, kind: str) -> dict[str, dict]:
    return {node["key"]: node for node in data["nodes"] if node["kind"] == kind}


def edges_between(data: dict, a: str, b: str) -> list[dict]:
    return [e for e in data["edges"] if {e["from"], e["to"]} == {a, b}]


def role_holders(seed_records) -> dict[str, list[tuple[str, str, str]]]:
    """measure id -> [(agency, role, written)] from the records."""
    holders: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for doc in seed_records:
        for measure in doc.measures:
            for evidence in measure.role_evidence:
                holders[measure.id].append((evidence.agency, evidence.role, evidence.written))
    return holders


# --- agency neighbourhood ----------------------------------------------------------------------------------


def test_agency_page_shows_its_measures_by_role_and_its_partners(seed_store, seed_records) -> None:
    holders = role_holders(seed_records)
    leads = Counter(agency for roles in holders.values() for agency, role, _ in roles if role == "lead")
    agency = leads.most_common(1)[0][0]
    mine = {mid: [(role, written) for name, role, written in roles if name == agency] for mid, roles in holders.items()}
    mine = {mid: roles for mid, roles in mine.items() if roles}
    partners = {name for mid in mine for name, _, _ in holders[mid] if name != agency}

    data = parse_page(render_html(seed_store, "agency", {"agency": agency}))

    assert set(nodes_of(data, "measure")) == set(mine)
    assert set(nodes_of(data, "agency")) == partners | {agency}
    center = f"agency:{agency}"
    for measure_id, roles in mine.items():
        edges = edges_between(data, center, f"measure:{measure_id}")
        assert {edge["kind"] for edge in edges} == {role for role, _ in roles}
        # The tooltip quotes the source sentence, which names the agency as written.
        for role, written in roles:
            edge = next(e for e in edges if e["kind"] == role)
            assert "来源句" in edge["title"] and written in edge["title"]
    assert agency in data["html"], "Chinese labels are written as such into the page"
    assert {"牵头（边）", "配合/参与（边）"} <= {entry["label"] for entry in data["legend"]}


def test_agency_abbreviation_is_resolved_within_its_province(seed_store, seed_records) -> None:
    doc = next(d for d in seed_records if d.province and any(r.written.startswith("省") for m in d.measures
                                                              for r in m.role_evidence))
    evidence = next(r for m in doc.measures for r in m.role_evidence if r.written.startswith("省"))
    data = parse_page(render_html(seed_store, "agency", {"agency": evidence.written, "province": doc.province}))
    assert data["heading"].startswith(evidence.agency)


# --- a province's responsibility network ---------------------------------------------------------------------------


def test_province_page_sizes_by_centrality_colours_by_type(seed_store, seed_records) -> None:
    province = Counter(doc.province for doc in seed_records).most_common(1)[0][0]
    pairs: set[frozenset[str]] = set()
    degree: Counter[str] = Counter()
    for doc in seed_records:
        if doc.province != province:
            continue
        for measure in doc.measures:
            names = sorted({r.agency for r in measure.role_evidence})
            for i, a in enumerate(names):
                degree[a] += len(names) - 1
                pairs.update(frozenset((a, b)) for b in names[i + 1:])
    types = {a.name: a.type or "unknown" for doc in seed_records for a in doc.agencies}

    data = parse_page(render_html(seed_store, "province", {"province": province, "min_shared": "1"}))

    agencies = nodes_of(data, "agency")
    assert set(agencies) == set(degree) - {a for a in degree if degree[a] == 0}
    drawn = {frozenset((e["from"].removeprefix("agency:"), e["to"].removeprefix("agency:"))) for e in data["edges"]}
    assert drawn == pairs
    biggest = max(agencies.values(), key=lambda node: node["size"])["key"]
    assert degree[biggest] == max(degree.values())
    # Colour = the agency's type (its family): same type, same colour; the legend names the biggest node's type.
    colour_of_type: dict[str, set[str]] = defaultdict(set)
    for name, node in agencies.items():
        colour_of_type[types.get(name, "unknown")].add(node["color"])
    assert all(len(colours) == 1 for colours in colour_of_type.values())
    assert any(agency_type_labels()[types[biggest]] in entry["label"] for entry in data["legend"])
    widest = max(data["edges"], key=lambda e: e["width"])
    assert "来源句" in widest["title"]


def test_province_network_is_readable(seed_store, seed_records) -> None:
    """Every agency with a type is coloured by it (never the grey of "type unknown"); the default view
    draws the strong ties only and says how many it hides; only the most central agencies are named on
    the canvas (the rest on hover); a lead-co tie is an arrow from the lead."""
    everything = parse_page(render_html(seed_store, "province", {"province": "广东省", "min_shared": "1"}))
    agencies = nodes_of(everything, "agency")
    branches = {"中国人民银行广州分行", "中国证券监督管理委员会广东监管局", "中国银行保险监督管理委员会广东监管局",
                "国家税务总局广东省税务局"}
    assert branches <= set(agencies)
    typed = {a.name for doc in seed_records for a in doc.agencies if a.type}
    grey = [name for name, node in agencies.items() if name in typed and node["color"] == UNKNOWN_TYPE_COLOR]
    assert not grey, f"agencies with a type drawn grey: {grey}"
    assert all("类型未知" not in node["title"] for name, node in agencies.items() if name in typed)

    default = parse_page(render_html(seed_store, "province", {"province": "广东省"}))
    assert 0 < len(default["edges"]) < len(everything["edges"]) / 2
    assert any("min_shared=1" in note for note in default["notes"])
    named = [node for node in default["nodes"] if node["label"].strip()]
    assert 0 < len(named) <= 12 < len(everything["nodes"])
    assert all(node["label"].strip() or node["title"].startswith("部门：") for node in default["nodes"])
    smallest_named = min(node["size"] for node in named)
    assert all(node["size"] <= smallest_named for node in default["nodes"] if not node["label"].strip())
    lead_co = [e for e in default["edges"] if e["kind"] == "lead-co"]
    assert lead_co and all(e["arrows"]["to"]["enabled"] for e in lead_co)
    assert all(not e["arrows"]["to"]["enabled"] for e in default["edges"] if e["kind"] != "lead-co")
    leads = {(r.agency, m.id) for doc in seed_records for m in doc.measures for r in m.role_evidence if r.role == "lead"}
    lead_agencies = {agency for agency, _ in leads}
    assert all(e["from"].removeprefix("agency:") in lead_agencies for e in lead_co)
    assert default["options"]["layout"]["randomSeed"] is not None


def test_a_capped_graph_keeps_the_most_central_nodes_and_says_so(seed_store, seed_records) -> None:
    province = Counter(doc.province for doc in seed_records).most_common(1)[0][0]
    full = parse_page(render_html(seed_store, "province", {"province": province}))
    capped = parse_page(render_html(seed_store, "province", {"province": province, "max_nodes": "5"}))

    assert len(capped["nodes"]) == 5 and capped["total_nodes"] == len(full["nodes"]) > 5
    assert f"显示 5 / 共 {len(full['nodes'])} 个节点" in capped["notes"][0]
    largest = sorted(full["nodes"], key=lambda node: -node["size"])[:5]
    assert {n["id"] for n in capped["nodes"]} == {n["id"] for n in largest}
    assert all(e["from"] in capped["by_id"] and e["to"] in capped["by_id"] for e in capped["edges"])


# --- clusters -> city -> province --------------------------------------------------------------------------------------


def test_cluster_page_links_clusters_to_cities_and_cities_to_provinces(seed_store, seed_records) -> None:
    data = parse_page(render_html(seed_store, "clusters", {"max_nodes": "1000"}))
    clusters = nodes_of(data, "cluster")
    links = {(link.cluster, link.city) for doc in seed_records for link in doc.cluster_links}
    assert links
    for cluster, city in links:
        keys = [key for key, node in clusters.items() if node["label"] == cluster]
        assert keys, f"cluster {cluster} missing"
        assert any(edges_between(data, f"cluster:{key}", f"city:{city}") for key in keys), (cluster, city)
    provinces = nodes_of(data, "province")
    assert {doc.province for doc in seed_records if doc.cluster_links} <= set(provinces)
    for city in {city for _, city in links}:
        assert any(edges_between(data, f"city:{city}", f"province:{p}") for p in provinces), city
    located = [e for e in data["edges"] if e["kind"] == "located_in"]
    assert any("来源句" in e["title"] for e in located)


# --- a topic's subgraph ---------------------------------------------------------------------------------------------


def test_topic_page_shows_who_leads_co_leads_and_the_targets(seed_store, seed_records) -> None:
    measures = {m.id: m for doc in seed_records for m in doc.measures if "green_dyeing" in m.topics}
    assert measures

    data = parse_page(render_html(seed_store, "topic", {"topic": "印染", "max_nodes": "1000"}))

    assert set(nodes_of(data, "topic")) == {"green_dyeing"}
    assert set(nodes_of(data, "measure")) == set(measures)
    for measure_id, measure in measures.items():
        for evidence in measure.role_evidence:
            edges = [e for e in edges_between(data, f"agency:{evidence.agency}", f"measure:{measure_id}")
                     if e["kind"] == evidence.role]
            assert edges and evidence.written in edges[0]["title"], (measure_id, evidence.agency)
    targets = [e for e in data["edges"] if e["kind"] == "has_target"]
    assert len(targets) == sum(len(m.targets) for m in measures.values())
    assert {e["from"].removeprefix("measure:") for e in targets} == {mid for mid, m in measures.items() if m.targets}


# --- the overlap between two provinces -------------------------------------------------------------------------------


def test_overlap_page_says_when_no_overlaps_are_computed(seed_store, seed_records) -> None:
    a, b = sorted({doc.province for doc in seed_records})[:2]
    data = parse_page(render_html(seed_store, "overlap", {"a": a, "b": b}))
    similar = [e for e in data["edges"] if e["kind"] == "similar"]
    assert set(nodes_of(data, "province")) == {a, b}
    if similar:      # the overlap analysis has written SIMILAR_TO edges
        assert all(0 <= float(e["label"]) <= 1 for e in similar)
        assert NO_OVERLAPS_NOTE not in data["notes"]
    else:
        assert NO_OVERLAPS_NOTE in data["notes"] and "no overlaps computed" in data["html"]
        documents = {doc.doc_id for doc in seed_records if doc.province in (a, b)}
        assert set(nodes_of(data, "document")) == documents


# --- any named query as a graph; errors -----------------------------------------------------------------------------


def test_query_page_draws_the_rows_of_a_named_query(seed_store, seed_records) -> None:
    data = parse_page(render_html(seed_store, "query", {"query": "cluster_cities", "limit": "500"}))
    cities = {link.city for doc in seed_records for link in doc.cluster_links}
    assert cities <= set(nodes_of(data, "city"))


def test_bad_visual_requests_are_refused_with_the_reason(seed_store) -> None:
    with pytest.raises(QueryError, match="unknown visual kind"):
        render_html(seed_store, "nonsense", {})
    with pytest.raises(QueryError, match="missing parameter"):
        render_html(seed_store, "agency", {})
    with pytest.raises(QueryError, match="unknown parameter"):
        render_html(seed_store, "topic", {"topic": "印染", "colour": "red"})
    with pytest.raises(QueryError, match="max_nodes"):
        render_html(seed_store, "clusters", {"max_nodes": "0"})


# --- the same over HTTP and from the command line -----------------------------------------------------------------


def test_api_serves_visuals_assets_and_the_explorer(seed_store, seed_records) -> None:
    client = TestClient(create_app(store=seed_store))
    page = client.get("/visual/topic", params={"topic": "印染"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    served = parse_page(page.text)
    direct = parse_page(render_html(seed_store, "topic", {"topic": "印染"}))
    assert {n["id"] for n in served["nodes"]} == {n["id"] for n in direct["nodes"]}
    data = client.get("/visual/topic/data", params={"topic": "印染"}).json()
    assert {n["id"] for n in data["nodes"]} == {n["id"] for n in direct["nodes"]}

    assert client.get("/visual/nonsense").status_code == 404
    assert client.get("/visual/agency").status_code == 422
    assert client.get("/visual/agency", params={"agency": "不存在的部门"}).status_code == 404
    assert "vis.Network" in client.get("/visual/assets/vis-network.min.js").text or \
        "Network" in client.get("/visual/assets/vis-network.min.js").text
    assert client.get("/visual/assets/secret.txt").status_code == 404
    assert {kind["kind"] for kind in client.get("/visual").json()} >= {"agency", "province", "clusters", "topic",
                                                                      "overlap"}
    home = BeautifulSoup(client.get("/").text, "html.parser")
    assert home.find(id="search-q") is not None
    assert all(tag["src"].startswith("/") for tag in home.find_all("script", src=True))


def test_cli_render_writes_an_offline_page(seed_store, seed_records, engine_env, monkeypatch, tmp_path: Path) -> None:
    from policykg.settings import get_settings

    for key, value in engine_env.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    out = tmp_path / "gd.html"
    province = seed_records[0].province
    try:
        result = CliRunner().invoke(cli_app, ["render", "province", "--param", f"province={province}",
                                              "--param", "max_nodes=8", "--out", str(out)])
        failed = CliRunner().invoke(cli_app, ["render", "agency", "--out", str(tmp_path / "x.html")])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    data = parse_page(out.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == 8 and data["total_nodes"] > 8
    assert failed.exit_code == 1 and "missing parameter" in failed.output
    assert not (tmp_path / "x.html").exists()


def test_agency_page_is_laid_out_in_rings_with_few_names(seed_store, seed_records) -> None:
    """An agency's neighbourhood does not move and does not pile names on each other: the agency in the
    middle, partners on an inner ring (8 named), measures on an outer ring in document order."""
    import math

    data = parse_page(render_html(seed_store, "agency", {"agency": "广东省工业和信息化厅"}))
    assert all(node["physics"] is False and "x" in node for node in data["nodes"])
    centre = data["by_id"]["agency:广东省工业和信息化厅"]
    assert (centre["x"], centre["y"]) == (0, 0) and centre["label"]
    radius = {kind: {round(math.hypot(n["x"], n["y"])) for n in data["nodes"] if n["kind"] == kind and n is not centre}
              for kind in ("agency", "measure")}
    assert len(radius["agency"]) == 1 and len(radius["measure"]) == 1
    assert max(radius["agency"]) < min(radius["measure"])
    named = [n for n in data["nodes"] if n["label"].strip() and n is not centre]
    assert len(named) == 8 and all(n["kind"] == "agency" for n in named)
    order = {m.id: (doc.doc_id, m.start) for doc in seed_records for m in doc.measures}
    measures = [n for n in data["nodes"] if n["kind"] == "measure"]
    clockwise = sorted(measures, key=lambda n: (math.atan2(n["y"], n["x"]) + math.pi / 2) % (2 * math.pi))
    assert [order[n["key"]] for n in clockwise] == sorted(order[n["key"]] for n in measures)
