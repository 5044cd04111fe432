"""Responsibility networks from the hand-checked seed records (issue 5)."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import networkx as nx
import pytest

from policykg.graph.networks import (
    ALL,
    agency_network,
    centrality,
    communities,
    lead_share_by_type,
    networks_by_province,
    role_rows,
    topic_bridges,
    write_adjacency_csv,
    write_graphml,
    write_json,
    write_lead_share_csv,
)
from policykg.loaders.records import PolicyDoc

GOLD = Path(__file__).resolve().parents[2] / "shared" / "eval" / "gold"
GD = "广东省"
COLLECTIVE = {"广东省各地级以上市人民政府", "广东省纺织服装行业协会"}
# Measures 26 (发挥财政激励作用) and 27 (加大金融支持力度) of Guangdong's 2023 实施意见:
# 26: lead 工信厅, 财政厅; co 科技厅, 人社厅, 商务厅 (+ collective actors)
# 27: lead 地方金融监管局; co 工信厅, 人行广州分行, 广东银保监局, 广东证监局 (+ collective actors)
IT, FIN = "广东省工业和信息化厅", "广东省地方金融监督管理局"
SIDE_26 = {IT, "广东省财政厅", "广东省科学技术厅", "广东省人力资源和社会保障厅", "广东省商务厅"}
SIDE_27 = {FIN, "中国人民银行广州分行", "中国银行保险监督管理委员会广东监管局", "中国证券监督管理委员会广东监管局"}


def _gold(stem: str) -> PolicyDoc:
    return PolicyDoc.model_validate(json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def rows():
    return role_rows(_gold(p.stem) for p in sorted(GOLD.glob("*.json")))


@pytest.fixture(scope="module")
def subgraph(rows):
    small = [r for r in rows if r.measure_id in {"000_e7837287f54dd743#26", "000_e7837287f54dd743#27"}]
    return agency_network(small, GD, exclude=COLLECTIVE)


def test_subgraph_centrality_matches_hand_computation(subgraph):
    assert set(subgraph) == SIDE_26 | SIDE_27
    by_name = {c.agency: c for c in centrality(subgraph)}
    # 工信厅 is in both measures: tied to all 8 others.
    assert by_name[IT].degree == 8
    assert all(by_name[a].degree == 4 for a in (SIDE_26 | SIDE_27) - {IT})
    # Pair weight = product of role weights (lead 1, co 0.5).
    # 工信厅: in 26 as lead: 财政厅 (lead) 1 + three co 3 x 0.5 = 2.5; in 27 as co: 金融局 (lead) 0.5 + three co 3 x 0.25.
    assert by_name[IT].weighted_degree == pytest.approx(3.75)
    # 财政厅 (lead in 26): 工信厅 1 + three co 1.5.
    assert by_name["广东省财政厅"].weighted_degree == pytest.approx(2.5)
    # 金融局 (lead in 27): four co x 0.5.
    assert by_name[FIN].weighted_degree == pytest.approx(2.0)
    # 工信厅 is the only cut vertex: all 4 x 4 cross pairs pass through it, of C(8, 2) = 28 pairs of the others.
    assert by_name[IT].betweenness == pytest.approx(16 / 28)
    assert all(by_name[a].betweenness == 0 for a in (SIDE_26 | SIDE_27) - {IT})
    assert centrality(subgraph)[0].agency == IT


def test_subgraph_communities_are_the_two_measures(subgraph):
    # Modularity with 工信厅 on the side of measure 26 (where it leads, weight 2.5) is 0.3026,
    # on the side of 27 (weight 1.25) 0.1855: Louvain keeps it with 26.
    assert communities(subgraph) == [SIDE_26, SIDE_27]
    assert communities(subgraph, seed=7) == communities(subgraph, seed=42)


def test_lead_and_co_of_one_measure_counts_once():
    doc = _gold("000_e7837287f54dd743")
    measure = doc.measures[0].model_copy(update={"co": [*doc.measures[0].co, doc.measures[0].lead[0]]})
    rows = role_rows([doc.model_copy(update={"measures": [measure]})])
    roles = [(r.agency, r.role) for r in rows if r.agency == measure.lead[0]]
    assert roles == [(measure.lead[0], "lead")]


def test_one_network_per_province_and_one_for_all(rows):
    nets = networks_by_province(rows)
    assert set(nets) == {"广东省", "湖南省", "山东省", ALL}
    assert all(d["province"] == "湖南省" for _, d in nets["湖南省"].nodes(data=True))
    assert nets[ALL].number_of_nodes() == sum(nets[p].number_of_nodes() for p in ("广东省", "湖南省", "山东省"))
    assert nx.number_of_selfloops(nets[ALL]) == 0
    # Hunan's 工信厅 is named in 22 of the 25 measures (all but 四, 二十二, 二十四), as lead in 13.
    node = nets["湖南省"].nodes["湖南省工业和信息化厅"]
    assert (node["measures"], node["lead"], node["co"]) == (22, 13, 9)


def test_lead_share_by_type_compares_provinces(rows):
    shares = {(s.agency_type, s.province): s for s in lead_share_by_type(rows)}
    # Hunan: 工信厅 leads 13 of its 25 measures (一 二 三 七 十 十一 十二 十三 十四 十七 十八 二十三 二十五).
    hunan = shares[("工业和信息化厅", "湖南省")]
    assert (hunan.led, hunan.measures) == (13, 25)
    assert hunan.share == pytest.approx(0.52)
    # Shandong names responsible units only, no lead: it has no lead shares at all.
    assert not any(p == "山东省" for _, p in shares)
    assert shares[("科学技术厅", "广东省")].led >= 1


def test_topic_bridges_rank_by_spread(rows):
    bridges = topic_bridges(rows)
    assert bridges == sorted(bridges, key=lambda b: (-b.entropy, -len(b.topics), b.agency))
    it = next(b for b in bridges if b.agency == "广东省工业和信息化厅")
    assert len(it.topics) == 13   # every topic of the fixed set
    counts = list(it.topics.values())
    total = sum(counts)
    assert it.entropy == pytest.approx(-sum(c / total * math.log2(c / total) for c in counts), abs=1e-6)


def test_exports_round_trip(subgraph, rows, tmp_path):
    write_graphml(subgraph, tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert set(back) == set(subgraph)
    assert back.edges[IT, "广东省财政厅"]["weight"] == pytest.approx(1.0)
    write_json(subgraph, tmp_path / "g.json")
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert {n["id"] for n in data["nodes"]} == set(subgraph)
    write_adjacency_csv(subgraph, tmp_path / "m.csv")
    matrix = list(csv.reader((tmp_path / "m.csv").open(encoding="utf-8")))
    names = matrix[0][1:]
    cell = {(r[0], names[n]): float(v) for r in matrix[1:] for n, v in enumerate(r[1:])}
    assert all(cell[a, b] == cell[b, a] for a, b in cell)
    assert cell[IT, FIN] == pytest.approx(0.5) and cell["广东省财政厅", FIN] == 0
    write_lead_share_csv(lead_share_by_type(rows), tmp_path / "s.csv")
    header, *body = list(csv.reader((tmp_path / "s.csv").open(encoding="utf-8")))
    assert header == ["agency_type", "广东省", "湖南省"]
    assert dict((r[0], r[2]) for r in body)["工业和信息化厅"] == "0.52"
