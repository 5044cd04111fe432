"""One graph builder per visual kind, each over named catalogue queries (no Cypher here).

Every builder takes a read store and the kind's parameters and returns an
uncapped :class:`VisGraph`; ``visual.render`` caps and draws it.
"""

from __future__ import annotations

import math
from typing import Any

from policykg.errors import QueryError
from policykg.queries.catalogue import MAX_LIMIT, ReadStore, resolve_province, run_query
from policykg.visual.graph_model import VisEdge, VisGraph, VisNode, node_id
from policykg.visual.styles import (
    EDGE_COLORS,
    EDGE_LABELS,
    KIND_COLORS,
    KIND_LABELS,
    ROLE_COLORS,
    ROLE_LABELS,
    UNKNOWN_TYPE_COLOR,
    agency_type_label,
    type_family,
)

MAX_ROWS = 2000          # rows read for one graph, over pages of MAX_LIMIT
EXAMPLES_PER_EDGE = 2    # measures quoted in one agency-agency edge tooltip
LABEL_CHARS = 12
LABELLED_AGENCIES = 12   # agencies of a province network whose names are drawn; the others on hover
NAMED_PARTNERS = 8       # partners of an agency whose names are drawn on its inner ring; the others on hover


def all_rows(store: ReadStore, name: str, params: dict[str, Any], max_rows: int = MAX_ROWS) -> list[dict]:
    """Every row of a paginated named query, page by page, up to ``max_rows``."""
    rows: list[dict] = []
    while len(rows) < max_rows:
        page = run_query(store, name, {**params, "limit": MAX_LIMIT, "offset": len(rows)})
        rows.extend(page)
        if len(page) < MAX_LIMIT:
            break
    return rows[:max_rows]


def short(text: str | None, chars: int = LABEL_CHARS) -> str:
    text = (text or "").strip()
    return text if len(text) <= chars else text[: chars - 1] + "…"


def role_tooltip(role: str, title: str | None, measure_id: str, evidence: str | None) -> str:
    lines = [f"{ROLE_LABELS.get(role, role)}：{title or measure_id}", f"措施 {measure_id}"]
    if evidence:
        lines.append(f"来源句：{evidence}")
    return "\n".join(lines)


def _agency_node(name: str, agency_type: str | None = None, *, type_color: str | None = None, size: float = 16,
                 priority: float = 0, extra: str = "") -> VisNode:
    """An agency; coloured by its type when ``type_color`` is given, else in the agency colour."""
    tooltip = f"部门：{name}\n类型：{agency_type_label(agency_type)}" + (f"\n{extra}" if extra else "")
    return VisNode(id=node_id("agency", name), label=name, kind="agency", key=name,
                   color=type_color or KIND_COLORS["agency"], title=tooltip, size=size,
                   group=agency_type_label(agency_type) if type_color else KIND_LABELS["agency"], priority=priority)


def _measure_node(measure_id: str, title: str | None, priority: float = 0, extra: str = "") -> VisNode:
    tooltip = f"措施：{title or measure_id}\n{measure_id}" + (f"\n{extra}" if extra else "")
    return VisNode(id=node_id("measure", measure_id), label=short(title or measure_id), kind="measure",
                   key=measure_id, color=KIND_COLORS["measure"], title=tooltip, size=12,
                   group=KIND_LABELS["measure"], priority=priority, shape="square")


def _role_legend(graph: VisGraph, roles: set[str]) -> None:
    for role in ("lead", "co", "responsible"):
        if role in roles:
            graph.add_legend(ROLE_COLORS[role], f"{ROLE_LABELS[role]}（边）", "edge")


def _kind_legend(graph: VisGraph, *kinds: str) -> None:
    for kind in kinds:
        if any(node.kind == kind for node in graph.nodes.values()):
            graph.add_legend(KIND_COLORS[kind], KIND_LABELS[kind])


# --- agency neighbourhood ------------------------------------------------------------------


def agency_graph(store: ReadStore, agency: str, province: str | None = None) -> VisGraph:
    """An agency's neighbourhood: its measures, by role, and its partner agencies by shared measures."""
    profile = run_query(store, "agency_profile", {"agency": agency, "province": province, "limit": MAX_LIMIT})[0]
    name = profile["agency"]
    graph = VisGraph(kind="agency", heading=f"{name} — 措施与合作部门")
    center = _agency_node(name, profile.get("agency_type"), size=32, priority=100,
                          extra=f"牵头 {profile['lead_count']} · 配合 {profile['co_count']} · "
                                f"责任 {profile['responsible_count']}")
    center.color = "#1f3b73"
    graph.add_node(center)
    roles = set()
    for measure in profile["measures"]:
        node = graph.add_node(_measure_node(measure["id"], measure["title"], priority=10))
        roles.add(measure["role"])
        graph.add_edge(VisEdge(source=center.id, target=node.id, kind=measure["role"],
                               color=ROLE_COLORS[measure["role"]],
                               title=role_tooltip(measure["role"], measure["title"], measure["id"],
                                                  measure.get("evidence")), width=2))
    top = max((p["shared_measures"] for p in profile["partners"]), default=1)
    for partner in profile["partners"]:
        shared = partner["shared_measures"]
        node = graph.add_node(_agency_node(partner["agency"], size=12 + 14 * shared / top, priority=5 + shared,
                                           extra=f"与{name}共同承担 {shared} 项措施"))
        graph.add_edge(VisEdge(source=center.id, target=node.id, kind="partner", color=EDGE_COLORS["partner"],
                               title=f"{name} — {partner['agency']}\n共同承担 {shared} 项措施",
                               width=1 + 5 * shared / top, dashes=True))
    named = graph.label_most_central(NAMED_PARTNERS + 1, kinds=("agency",))
    _rings(graph, center.id, named)
    graph.add_legend("#1f3b73", "所查部门")
    _kind_legend(graph, "agency", "measure")
    _role_legend(graph, roles)
    if profile["partners"]:
        graph.add_legend(EDGE_COLORS["partner"], "合作部门（虚线，粗细 = 共同措施数）", "edge")
    if len(graph.nodes) > NAMED_PARTNERS + 1:
        graph.notes.append(f"内圈：合作部门（只标出共同措施最多的 {NAMED_PARTNERS} 个）；外圈：措施，按文件顺序"
                           f"顺时针排列；名称与来源句悬停可见")
    if not profile["measures"]:
        graph.notes.append(f"{name} 在图中没有承担任何措施")
    elif profile.get("measure_count", 0) > len({m["id"] for m in profile["measures"]}):
        graph.notes.append(f"显示前 {len(profile['measures'])} 条措施角色（共 {profile['measure_count']} 项措施）")
    return graph


def _rings(graph: VisGraph, center: str, named: list[VisNode]) -> None:
    """A fixed layout for an agency's neighbourhood: the agency in the middle, its partners on an inner
    ring (the named ones spread evenly, so that their names do not meet) and its measures on an outer
    ring in document order, clockwise from the top."""
    graph.nodes[center].position = (0.0, 0.0)
    partners = [n for n in graph.nodes.values() if n.kind == "agency" and n.id != center]
    measures = [n for n in graph.nodes.values() if n.kind == "measure"]
    labelled = [n for n in partners if n.label]
    slots: list[VisNode | None] = [None] * len(partners)
    for j, node in enumerate(labelled):
        slots[round(j * len(partners) / len(labelled))] = node
    rest = iter(n for n in partners if not n.label)
    ring = [slot if slot is not None else next(rest) for slot in slots]
    outer = 300 + 4 * len(measures)
    for nodes, radius in ((ring, 150 + 8 * len(ring)), (measures, outer)):
        for i, node in enumerate(nodes):
            angle = 2 * math.pi * i / max(len(nodes), 1) - math.pi / 2
            node.position = (round(radius * math.cos(angle), 1), round(radius * math.sin(angle), 1))
    # The page fits the rings into its canvas (about 500 px for 2 * outer + a margin): names ~13 px there.
    for node in graph.nodes.values():
        if node.label:
            node.font_size = round(13 * (2 * outer + 120) / 500)


# --- a province's responsibility network ------------------------------------------------------


DEFAULT_MIN_SHARED = 3   # a province network draws the ties of agencies sharing at least this many measures


def province_graph(store: ReadStore, province: str, topic: str | None = None,
                   min_shared: str | int | None = None) -> VisGraph:
    """Agencies of a province linked by the measures they share.

    Node size = weighted degree centrality (shared measures over all partners), colour = the family
    of the agency's type (from the agency table), edge width = shared measures; a lead-co tie is an
    arrow from the lead to the co-operating agency. Only ties of at least ``min_shared`` shared
    measures are drawn (default 3, lowered to the strongest tie when none reaches it), and only the most central agencies
    are named on the canvas.
    """
    threshold = _min_shared(min_shared)
    every_pair = _agency_pairs(all_rows(store, "agency_network", {"province": province, "topic": topic}))
    if min_shared is None:  # the default: lowered to the strongest tie when no tie reaches it
        threshold = min(threshold, max((pair["weight"] for pair in every_pair), default=1))
    edges = [pair for pair in every_pair if pair["weight"] >= threshold]
    agencies = {row["agency"]: row for row in all_rows(store, "agencies", {"province": province})}
    heading_province = resolve_province(store, province)
    graph = VisGraph(kind="province", heading=f"{heading_province} 部门责任网络" + (f"（主题：{topic}）" if topic else ""))
    centrality: dict[str, int] = {}
    for row in edges:
        for name in (row["source"], row["target"]):
            centrality[name] = centrality.get(name, 0) + row["weight"]
    top_degree = max(centrality.values(), default=1)
    families: dict[tuple[str, str], int] = {}       # (colour, label) -> weighted degree of its agencies
    types_of: dict[tuple[str, str], set[str]] = {}
    for name, degree in centrality.items():
        info = agencies.get(name, {})
        code = info.get("agency_type") or "unknown"
        _, color, label = type_family(code)
        families[(color, label)] = families.get((color, label), 0) + degree
        types_of.setdefault((color, label), set()).add(agency_type_label(code))
        node = _agency_node(
            name, code, type_color=color, size=10 + 30 * degree / top_degree, priority=degree,
            extra=f"加权度中心性 {degree}（共同措施合计）\n承担措施 {info.get('measures', '?')} 项，"
                  f"牵头 {info.get('lead_count', '?')} 项")
        graph.add_node(node)
    graph.label_most_central(LABELLED_AGENCIES)
    briefs = _measure_briefs(store, [mid for row in edges for rows in row["kinds"].values()
                                     for mid in rows["examples"][:EXAMPLES_PER_EDGE]])
    top_weight = max((row["weight"] for row in edges), default=1)
    for row in edges:
        lines = [f"{row['source']} — {row['target']}：共同措施 {row['weight']} 项"]
        for kind, part in row["kinds"].items():
            lines.append(f"{EDGE_LABELS.get(kind, kind)} {part['weight']} 项")
            for measure_id in part["examples"][:EXAMPLES_PER_EDGE]:
                brief = briefs.get(measure_id, {})
                lines.append(f"· {brief.get('title') or measure_id}（{measure_id}）")
                evidence = next((r["evidence"] for r in brief.get("roles", [])
                                 if r["agency"] in (row["source"], row["target"]) and r.get("evidence")), None)
                if evidence:
                    lines.append(f"  来源句：{evidence}")
        graph.add_edge(VisEdge(source=node_id("agency", row["source"]), target=node_id("agency", row["target"]),
                               kind=row["kind"], color=EDGE_COLORS.get(row["kind"], EDGE_COLORS["partner"]),
                               title="\n".join(lines), width=1 + 7 * row["weight"] / top_weight,
                               arrow=1.2 if row["kind"] == "lead-co" else 0))
    for color, label in sorted(families, key=lambda family: (-families[family], family[1])):
        types = sorted(types_of[(color, label)])
        graph.add_legend(color, label if color == UNKNOWN_TYPE_COLOR else f"{label}：{'、'.join(types)}")
    for kind in ("lead-co", "co-co", "lead-lead"):
        if any(edge.kind == kind for edge in graph.edges):
            arrow = "（箭头：牵头 → 配合）" if kind == "lead-co" else ""
            graph.add_legend(EDGE_COLORS[kind], f"{EDGE_LABELS[kind]}{arrow}", "edge")
    graph.notes.append(f"节点大小 = 加权度中心性；颜色 = 部门类型；只标出最核心的 {LABELLED_AGENCIES} 个部门，"
                       f"其余悬停可见；边宽 = 共同措施数")
    hidden = len(every_pair) - len(edges)
    if hidden:
        graph.notes.append(f"只显示共同承担 ≥ {threshold} 项措施的部门关系（另有 {hidden} 条较弱的关系未显示；"
                           f"min_shared=1 显示全部）")
    if not edges:
        graph.notes.append(f"{heading_province} 没有两个部门共同承担的措施")
    return graph


def _agency_pairs(rows: list[dict]) -> list[dict]:
    """The network's rows (one per pair and kind) as one tie per pair of agencies: the shared measures of
    every kind added up, drawn as lead-co (from the lead to the co-operating agency) when the pair has
    a lead-co part, else as its larger part; strongest first."""
    pairs: dict[frozenset[str], dict] = {}
    for row in rows:
        pair = pairs.setdefault(frozenset((row["source"], row["target"])), {
            "source": row["source"], "target": row["target"], "weight": 0, "kinds": {}})
        pair["weight"] += int(row["weight"])
        part = pair["kinds"].setdefault(row["kind"], {"weight": 0, "examples": []})
        part["weight"] += int(row["weight"])
        part["examples"].extend(row["examples"])
        if row["kind"] == "lead-co":
            pair["source"], pair["target"] = row["source"], row["target"]
    for pair in pairs.values():
        pair["kind"] = "lead-co" if "lead-co" in pair["kinds"] else \
            max(pair["kinds"], key=lambda kind: (pair["kinds"][kind]["weight"], kind))
    return sorted(pairs.values(), key=lambda pair: (-pair["weight"], pair["source"], pair["target"]))


def _min_shared(raw: str | int | None) -> int:
    if raw is None:
        return DEFAULT_MIN_SHARED
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise QueryError(f"min_shared must be an integer, got {raw!r}") from None
    if value < 1:
        raise QueryError(f"min_shared must be at least 1, got {value}")
    return value


def _measure_briefs(store: ReadStore, ids: list[str]) -> dict[str, dict]:
    wanted = list(dict.fromkeys(ids))
    briefs: dict[str, dict] = {}
    for start in range(0, len(wanted), 200):
        for row in run_query(store, "measures_brief", {"ids": wanted[start:start + 200]}):
            briefs[row["id"]] = row
    return briefs


# --- cluster -> city -> province ----------------------------------------------------------------


def cluster_graph(store: ReadStore, province: str | None = None) -> VisGraph:
    """Industrial clusters tied to their prefecture-level city, and each city to its province."""
    rows = all_rows(store, "cluster_cities", {"province": province})
    graph = VisGraph(kind="clusters", heading="产业集群 → 城市 → 省份" + (f"（{province}）" if province else ""))
    clusters_of: dict[str, set[str]] = {}
    located: dict[tuple[str, str], VisEdge] = {}
    for row in rows:
        clusters_of.setdefault(row["city"], set()).add(row["cluster_key"])
    per_city = {city: len(keys) for city, keys in clusters_of.items()}
    for row in rows:
        city_id = node_id("city", row["city"])
        graph.add_node(VisNode(id=city_id, label=row["city"], kind="city", key=row["city"], color=KIND_COLORS["city"],
                               title=f"地级市：{row['city']}\n集群 {per_city[row['city']]} 个",
                               size=14 + 2 * min(per_city[row["city"]], 10), group=KIND_LABELS["city"],
                               priority=50, shape="diamond"))
        if row.get("province"):
            province_id = node_id("province", row["province"])
            graph.add_node(VisNode(id=province_id, label=row["province"], kind="province", key=row["province"],
                                   color=KIND_COLORS["province"], title=f"省份：{row['province']}", size=36,
                                   group=KIND_LABELS["province"], priority=100, shape="star"))
            if not any(e.source == city_id and e.target == province_id for e in graph.edges):
                graph.add_edge(VisEdge(source=city_id, target=province_id, kind="in_province",
                                       color=EDGE_COLORS["in_province"], width=3,
                                       title=f"{row['city']} 属于 {row['province']}"))
        cluster_id = node_id("cluster", row["cluster_key"])
        graph.add_node(VisNode(id=cluster_id, label=row["cluster"], kind="cluster", key=row["cluster_key"],
                               color=KIND_COLORS["cluster"], title=f"产业集群：{row['cluster']}\n位于 {row['city']}",
                               size=9, group=KIND_LABELS["cluster"], priority=1))
        evidence = f"\n来源句（{row.get('doc_id') or ''}）：{row['evidence']}" if row.get("evidence") else ""
        edge = located.get((cluster_id, city_id))
        if edge is None:
            located[(cluster_id, city_id)] = edge = VisEdge(
                source=cluster_id, target=city_id, kind="located_in", color=EDGE_COLORS["located_in"],
                title=f"{row['cluster']} 位于 {row['city']}")
            graph.add_edge(edge)
        if evidence and edge.title.count("来源句") < 3 and evidence not in edge.title:
            edge.title += evidence
    _kind_legend(graph, "province", "city", "cluster")
    graph.add_legend(EDGE_COLORS["located_in"], EDGE_LABELS["located_in"], "edge")
    graph.add_legend(EDGE_COLORS["in_province"], EDGE_LABELS["in_province"], "edge")
    if not rows:
        graph.notes.append("图中没有集群与城市的关联")
    return graph


# --- a topic's subgraph -----------------------------------------------------------------------------


def topic_graph(store: ReadStore, topic: str, province: str | None = None) -> VisGraph:
    """The measures of a topic, who leads, co-operates on or is responsible for them, and their targets."""
    rows = all_rows(store, "topic_subgraph", {"topic": topic, "province": province})
    labels = {row["code"]: row["label"] for row in run_query(store, "topics", {})}
    graph = VisGraph(kind="topic", heading=f"主题「{topic}」：牵头、配合部门与量化目标"
                                            + (f"（{province}）" if province else ""))
    roles = set()
    for row in rows:
        measure = graph.add_node(_measure_node(row["id"], row["title"], priority=20,
                                               extra=f"关键词：{row.get('keyword') or ''}"))
        for code in row["topics"]:
            topic_node = graph.add_node(VisNode(
                id=node_id("topic", code), label=labels.get(code, code), kind="topic", key=code,
                color=KIND_COLORS["topic"], title=f"主题：{labels.get(code, code)}（{code}）", size=34,
                group=KIND_LABELS["topic"], priority=100, shape="star"))
            evidence = f"\n来源句：{row['topic_evidence']}" if row.get("topic_evidence") else ""
            graph.add_edge(VisEdge(source=measure.id, target=topic_node.id, kind="about", color=EDGE_COLORS["about"],
                                   title=f"{row['title']} — 关键词「{row.get('keyword') or ''}」{evidence}",
                                   width=1))
        for role in row["roles"]:
            agency = graph.add_node(_agency_node(role["agency"], role.get("agency_type"), size=18, priority=30 if role["role"] == "lead" else 10))
            roles.add(role["role"])
            graph.add_edge(VisEdge(source=agency.id, target=measure.id, kind=role["role"],
                                   color=ROLE_COLORS[role["role"]], width=2.5 if role["role"] == "lead" else 1.2,
                                   title=role_tooltip(role["role"], row["title"], row["id"], role.get("evidence"))))
        for target in row["targets"]:
            value = "" if target.get("value") is None else f" {_number(target['value'])}{target.get('unit') or ''}"
            year = f"（{target['year']}年）" if target.get("year") else ""
            node = graph.add_node(VisNode(
                id=node_id("target", target["id"]), label=short(f"{target['metric']}{value}", 16), kind="target",
                key=target["id"], color=KIND_COLORS["target"], title=f"目标：{target['text']}{year}", size=10,
                group=KIND_LABELS["target"], priority=15, shape="triangle"))
            graph.add_edge(VisEdge(source=measure.id, target=node.id, kind="has_target",
                                   color=EDGE_COLORS["has_target"], title=f"{row['title']} 的目标：{target['text']}"))
    _kind_legend(graph, "topic", "measure", "agency", "target")
    _role_legend(graph, roles)
    if not rows:
        graph.notes.append(f"主题「{topic}」没有措施")
    return graph


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


# --- overlap between two provinces ----------------------------------------------------------------------


NO_OVERLAPS_NOTE = "尚未计算重叠（no overlaps computed）：两省措施之间没有 SIMILAR_TO 边；运行重叠分析后再看"


def overlap_graph(store: ReadStore, a: str, b: str) -> VisGraph:
    """Measures of province ``a`` whose text is reused by measures of ``b`` (SIMILAR_TO, width = score)."""
    rows = all_rows(store, "province_overlap", {"a": a, "b": b})
    sides = {row["side"]: row for row in run_query(store, "compare_provinces", {"a": a, "b": b})}
    graph = VisGraph(kind="overlap", heading=f"{sides.get('a', {}).get('province', a)} ↔ "
                                             f"{sides.get('b', {}).get('province', b)} 措施文本复用")
    for side in ("a", "b"):
        info = sides.get(side)
        if info is None:
            continue
        province_id = node_id("province", info["province"])
        graph.add_node(VisNode(id=province_id, label=info["province"], kind="province", key=info["province"],
                               color=KIND_COLORS["province"], size=36, priority=100, shape="star",
                               group=KIND_LABELS["province"],
                               title=f"省份：{info['province']}\n文件 {len(info['documents'])} 份，"
                                     f"措施 {info['measure_count']} 项"))
        if not rows:
            for doc_id in info["documents"]:
                doc = graph.add_node(VisNode(id=node_id("document", doc_id), label=doc_id, kind="document",
                                             key=doc_id, color=KIND_COLORS["document"], title=f"文件：{doc_id}",
                                             size=14, group=KIND_LABELS["document"], priority=50, shape="box"))
                graph.add_edge(VisEdge(source=doc.id, target=province_id, kind="of_province",
                                       color=EDGE_COLORS["of_province"], title=f"{doc_id} 属于 {info['province']}"))
    seen: set[tuple[str, str]] = set()
    for row in rows:
        pair = tuple(sorted((row["a_id"], row["b_id"])))
        if pair in seen:
            continue
        seen.add(pair)
        score = float(row["score"] or 0)
        for side, key in (("a", "a_id"), ("b", "b_id")):
            measure = graph.add_node(_measure_node(row[key], row[f"{side}_title"], priority=10 + score))
            province = sides.get(side, {}).get("province")
            if province and not any(e.source == measure.id and e.kind == "of_province" for e in graph.edges):
                graph.add_edge(VisEdge(source=measure.id, target=node_id("province", province), kind="of_province",
                                       color=EDGE_COLORS["of_province"], width=0.8))
        earlier = f"\n较早：{row['earlier']}" if row.get("earlier") else ""
        graph.add_edge(VisEdge(source=node_id("measure", row["a_id"]), target=node_id("measure", row["b_id"]),
                               kind="similar", color=EDGE_COLORS["similar"], label=f"{score:.2f}",
                               width=1 + 8 * max(0.0, min(score, 1.0)),
                               title=f"复用分数 {score:.2f}\n{row['a_title']}（{row['a_id']}）\n"
                                     f"{row['b_title']}（{row['b_id']}）{earlier}"))
    _kind_legend(graph, "province", "measure", "document")
    if rows:
        graph.add_legend(EDGE_COLORS["similar"], "文本复用（边宽 = 复用分数）", "edge")
    else:
        graph.notes.append(NO_OVERLAPS_NOTE)
    return graph


# --- any named query's rows ----------------------------------------------------------------------------------


ENTITY_COLUMNS = {
    "agency": "agency", "source": "agency", "target": "agency",
    "measure_id": "measure", "a_id": "measure", "b_id": "measure",
    "cluster_key": "cluster", "city": "city", "province": "province", "topic": "topic", "doc_id": "document",
}


def query_graph(store: ReadStore, query: str, params: dict[str, Any]) -> VisGraph:
    """The rows of any named query drawn as a graph: the named things in one row are linked to the row's first one."""
    rows = run_query(store, query, params)
    graph = VisGraph(kind="query", heading=f"查询 {query}")
    for row in rows:
        entities = _row_entities(row)
        if not entities:
            continue
        hub = graph.add_node(entities[0])
        for node in entities[1:]:
            node = graph.add_node(node)
            if node.id != hub.id:
                graph.add_edge(VisEdge(source=hub.id, target=node.id, kind="row", color="#9d9d9d",
                                       title=_row_tooltip(row), width=_row_width(row)))
        for value in row.values():
            for item in value if isinstance(value, list) else []:
                child = _nested_entity(item)
                if child is None:
                    continue
                child_node = graph.add_node(child)
                if child_node.id != hub.id:
                    evidence = item.get("evidence") or item.get("role_evidence") if isinstance(item, dict) else None
                    role = item.get("role") if isinstance(item, dict) else None
                    graph.add_edge(VisEdge(source=hub.id, target=child_node.id, kind=role or "related",
                                           color=ROLE_COLORS.get(role or "", "#bcbcbc"),
                                           title=f"来源句：{evidence}" if evidence else child_node.title))
    _kind_legend(graph, *KIND_COLORS)
    if not graph.nodes:
        graph.notes.append("这个查询的结果里没有可以画成图的实体")
    return graph


def _row_entities(row: dict[str, Any]) -> list[VisNode]:
    nodes: list[VisNode] = []
    if {"kind", "key", "name"} <= row.keys() and row["kind"] in KIND_COLORS:     # search hits
        nodes.append(_entity(row["kind"], row["key"], row["name"]))
    if "id" in row and isinstance(row["id"], str) and "#" in row["id"] and "title" in row:
        nodes.append(_measure_node(row["id"], row["title"]))
    for column, kind in ENTITY_COLUMNS.items():
        value = row.get(column)
        if isinstance(value, str) and value:
            label = row.get("cluster") if kind == "cluster" else row.get("topic_label") if kind == "topic" else None
            nodes.append(_entity(kind, value, label or value))
    return nodes


def _nested_entity(item: Any) -> VisNode | None:
    if not isinstance(item, dict):
        return None
    if isinstance(item.get("id"), str) and "#" in item["id"] and ("title" in item or "role" in item):
        return _measure_node(item["id"], item.get("title"))
    if isinstance(item.get("agency"), str):
        return _entity("agency", item["agency"], item["agency"])
    if isinstance(item.get("code"), str) and "label" in item:
        return _entity("topic", item["code"], item.get("label") or item["code"])
    return None


def _entity(kind: str, key: str, label: str) -> VisNode:
    if kind == "measure":
        return _measure_node(key, label)
    return VisNode(id=node_id(kind, key), label=short(label, 16), kind=kind, key=key, color=KIND_COLORS[kind],
                   title=f"{KIND_LABELS[kind]}：{label}", size=16, group=KIND_LABELS[kind])


def _row_width(row: dict[str, Any]) -> float:
    """Edge width from the row's count column (weight, measures, measure_count), 1 when it has none."""
    for column in ("weight", "measure_count", "measures", "shared_measures"):
        value = row.get(column)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return 1 + 1.5 * math.log1p(max(value, 0))
    return 1.0


def _row_tooltip(row: dict[str, Any]) -> str:
    parts = [f"{key}: {value}" for key, value in row.items()
             if isinstance(value, str | int | float) and not isinstance(value, bool)]
    return "\n".join(parts)[:600]
