"""Responsibility networks: which agencies work together on measures (issue 5).

Everything here is a pure function of plain data. The input is a list of
:class:`RoleRow` - one agency named in one role of one measure - made from
``policydoc/1`` records by :func:`role_rows`, or built from graph rows
(``(Agency)-[:LEADS|SUPPORTS|RESPONSIBLE_FOR]->(Measure)``) by the caller.

* :func:`agency_network`: agencies linked when they share a measure; the edge
  weight adds, for every shared measure, the product of the two agencies' role
  weights (:data:`ROLE_WEIGHTS`: lead 1, responsible 0.75, co 0.5), so two
  leads of one measure are tied more strongly than two supporting units.
  One province (``province=``) or all of them.
* :func:`centrality`: degree, weighted degree (sum of edge weights) and
  betweenness (unweighted shortest paths, normalised).
* :func:`communities`: networkx's Louvain communities with a fixed seed.
* :func:`topic_bridges`: agencies whose measures span many topics.
* :func:`lead_share_by_type`: per agency type and province, how often that
  type leads.
* Exports: GraphML and node-link JSON (networkx writers), CSV matrices.
"""

from __future__ import annotations

import csv
import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any, NamedTuple

import networkx as nx

from policykg.graph.statements import cypher_text
from policykg.graph.store import GraphStore
from policykg.loaders.records import PolicyDoc

ROLE_WEIGHTS: dict[str, float] = {"lead": 1.0, "responsible": 0.75, "co": 0.5}
ALL = "全部"  # key of the all-province network in :func:`networks_by_province`


class RoleRow(NamedTuple):
    """One agency in one role of one measure."""

    measure_id: str
    doc_id: str
    province: str | None
    agency: str
    role: str                      # lead / co / responsible
    topics: tuple[str, ...] = ()
    agency_type: str | None = None


TypeOf = Callable[[str, str | None], str | None]


def role_rows(docs: Iterable[PolicyDoc | Mapping[str, Any]], type_of: TypeOf | None = None) -> list[RoleRow]:
    """Role rows of ``policydoc/1`` records (``PolicyDoc`` objects or their JSON dicts).

    An agency's type comes from the record's ``agencies`` list, else from
    ``type_of(name, province)``, else it is the name without its province
    (广东省工业和信息化厅 -> 工业和信息化厅), which still compares across provinces.
    A unit listed both as lead and co of a measure counts as lead only.
    """
    out: list[RoleRow] = []
    for raw in docs:
        doc = raw if isinstance(raw, PolicyDoc) else PolicyDoc.model_validate(raw)
        known = {a.name: a.type for a in doc.agencies if a.type}
        for m in doc.measures:
            mid = m.id or f"{doc.doc_id}#{m.label}"
            seen: set[str] = set()
            for role, names in (("lead", m.lead), ("responsible", m.responsible), ("co", m.co)):
                for name in names:
                    if name in seen:
                        continue
                    seen.add(name)
                    kind = known.get(name) or (type_of(name, doc.province) if type_of else None)
                    kind = kind or strip_province(name, doc.province)
                    out.append(RoleRow(mid, doc.doc_id, doc.province, name, role, tuple(m.topics), kind))
    return out


def strip_province(name: str, province: str | None) -> str:
    """The agency name without its leading province name."""
    if province and name.startswith(province):
        return name[len(province) :]
    return name


def agency_network(
    rows: Iterable[RoleRow], province: str | None = None, exclude: Iterable[str] = (),
    weights: Mapping[str, float] = ROLE_WEIGHTS,
) -> nx.Graph:
    """The agency-agency network of the measures of ``province`` (all provinces if ``None``).

    Nodes carry ``province``, ``type`` and counts of measures per role;
    edges carry ``weight`` (role-weighted) and ``shared`` (number of measures).
    Agencies in ``exclude`` (e.g. collective actors such as 各地级以上市人民政府) are left out.
    """
    skip = set(exclude)
    by_measure: dict[str, list[RoleRow]] = defaultdict(list)
    for r in rows:
        if (province is None or r.province == province) and r.agency not in skip:
            by_measure[r.measure_id].append(r)
    g = nx.Graph()
    for measure_rows in by_measure.values():
        for r in measure_rows:
            if r.agency not in g:
                g.add_node(r.agency, province=r.province or "", type=r.agency_type or "",
                           measures=0, lead=0, co=0, responsible=0)
            node = g.nodes[r.agency]
            node["measures"] += 1
            node[r.role] += 1
        for a, b in combinations(measure_rows, 2):
            if a.agency == b.agency:
                continue
            w = weights[a.role] * weights[b.role]
            if g.has_edge(a.agency, b.agency):
                g.edges[a.agency, b.agency]["weight"] += w
                g.edges[a.agency, b.agency]["shared"] += 1
            else:
                g.add_edge(a.agency, b.agency, weight=w, shared=1)
    return g


def networks_by_province(rows: Iterable[RoleRow], exclude: Iterable[str] = ()) -> dict[str, nx.Graph]:
    """One network per province, plus all provinces together under :data:`ALL`."""
    rows = list(rows)
    provinces = sorted({r.province for r in rows if r.province})
    out = {p: agency_network(rows, p, exclude) for p in provinces}
    out[ALL] = agency_network(rows, None, exclude)
    return out


@dataclass(frozen=True)
class Centrality:
    agency: str
    degree: int
    weighted_degree: float
    betweenness: float


def centrality(g: nx.Graph) -> list[Centrality]:
    """Degree, weighted degree and normalised betweenness of every agency, most central first."""
    betweenness = nx.betweenness_centrality(g, normalized=True)
    out = [
        Centrality(n, g.degree(n), round(g.degree(n, weight="weight"), 6), round(betweenness[n], 6))
        for n in g.nodes
    ]
    out.sort(key=lambda c: (-c.weighted_degree, -c.betweenness, c.agency))
    return out


def communities(g: nx.Graph, seed: int = 42, resolution: float = 1.0) -> list[set[str]]:
    """Louvain communities (weighted, fixed seed), largest first."""
    if g.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(g, weight="weight", resolution=resolution, seed=seed)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(c)))


@dataclass(frozen=True)
class TopicBridge:
    agency: str
    topics: dict[str, int]        # topic -> number of the agency's measures about it
    entropy: float                # Shannon entropy (bits) of that distribution


def topic_bridges(rows: Iterable[RoleRow], min_topics: int = 2) -> list[TopicBridge]:
    """Agencies whose measures cover at least ``min_topics`` topics, the most even spread first."""
    per_agency: dict[str, Counter[str]] = defaultdict(Counter)
    seen: set[tuple[str, str]] = set()
    for r in rows:
        if (r.agency, r.measure_id) in seen:
            continue
        seen.add((r.agency, r.measure_id))
        per_agency[r.agency].update(r.topics)
    out = []
    for agency, counts in per_agency.items():
        if len(counts) < min_topics:
            continue
        total = sum(counts.values())
        entropy = -sum(c / total * math.log2(c / total) for c in counts.values())
        out.append(TopicBridge(agency, dict(counts.most_common()), round(entropy, 6)))
    out.sort(key=lambda b: (-b.entropy, -len(b.topics), b.agency))
    return out


@dataclass(frozen=True)
class LeadShare:
    agency_type: str
    province: str
    led: int                      # measures of the province that an agency of this type leads
    measures: int                 # measures of the province that name any lead
    share: float


def lead_share_by_type(rows: Iterable[RoleRow]) -> list[LeadShare]:
    """How often each agency type leads, per province: led measures / measures with a lead."""
    rows = list(rows)
    with_lead: dict[str, set[str]] = defaultdict(set)
    led: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in rows:
        if r.role == "lead" and r.province:
            with_lead[r.province].add(r.measure_id)
            led[(r.agency_type or r.agency, r.province)].add(r.measure_id)
    out = [
        LeadShare(kind, prov, len(ms), len(with_lead[prov]), round(len(ms) / len(with_lead[prov]), 6))
        for (kind, prov), ms in led.items()
    ]
    out.sort(key=lambda s: (s.agency_type, s.province))
    return out


# --- exports -----------------------------------------------------------------------------------------


def write_graphml(g: nx.Graph, path: Path) -> None:
    nx.write_graphml(g, path, encoding="utf-8")


def write_json(g: nx.Graph, path: Path) -> None:
    data = nx.node_link_data(g, edges="links")
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def write_adjacency_csv(g: nx.Graph, path: Path, weight: str = "weight") -> None:
    """The agency x agency matrix of edge weights (0 where no edge), agencies sorted by name."""
    names = sorted(g.nodes)
    with Path(path).open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["agency", *names])
        for a in names:
            out.writerow([a, *(_fmt(g.edges[a, b][weight]) if g.has_edge(a, b) else 0 for b in names)])


def write_lead_share_csv(shares: Iterable[LeadShare], path: Path) -> None:
    """The agency type x province matrix of lead shares (empty where the type never leads)."""
    shares = list(shares)
    provinces = sorted({s.province for s in shares})
    table = {(s.agency_type, s.province): s.share for s in shares}
    with Path(path).open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["agency_type", *provinces])
        for kind in sorted({s.agency_type for s in shares}):
            out.writerow([kind, *(_fmt(table[(kind, p)]) if (kind, p) in table else "" for p in provinces)])


def _fmt(x: float) -> str:
    return f"{x:.6g}"


_ROLE_OF = {"LEADS": "lead", "SUPPORTS": "co", "RESPONSIBLE_FOR": "responsible"}


def stored_role_rows(store: GraphStore) -> list[RoleRow]:
    """The agency roles of the graph as network input (agency types are the graph's type codes)."""
    rows = store.run_read(cypher_text("store/role_rows.cypher"))
    return [
        RoleRow(r["measure_id"], r["doc_id"], r["province"], r["agency"], _ROLE_OF[r["relationship"]],
                tuple(sorted(r["topics"] or ())), r["agency_type"])
        for r in rows
    ]
