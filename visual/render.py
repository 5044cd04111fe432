"""pyvis renderings of the policy graph: one self-contained, offline HTML page per visual kind.

``render_html(store, kind, params)`` builds the graph of ``kind`` (see :data:`KINDS`),
caps it to ``max_nodes`` and draws it with pyvis. The page embeds vis-network
(the copy pyvis ships) inline and loads nothing from the network: pyvis's own
template links bootstrap from a CDN even with ``cdn_resources="in_line"``, so
the page is rendered from ``visual/graph_page.html`` instead.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import pyvis
from jinja2 import Environment, select_autoescape
from pyvis.network import Network

from policykg.errors import QueryError
from policykg.queries.catalogue import ReadStore, resolve_province
from policykg.visual import builders
from policykg.visual.graph_model import DEFAULT_MAX_NODES, MAX_NODES, VisGraph
from policykg.visual.overview import cluster_map

VIS_VERSION = "vis-9.1.2"
ASSETS = {
    "vis-network.min.js": ("pyvis", f"templates/lib/{VIS_VERSION}/vis-network.min.js"),
    "vis-network.css": ("pyvis", f"templates/lib/{VIS_VERSION}/vis-network.css"),
    "graph_view.js": ("policykg.visual", "graph_view.js"),
    "explorer.js": ("policykg.visual", "explorer.js"),
    "ui_text.js": ("policykg.visual", "ui_text.js"),
    "map_view.js": ("policykg.visual", "map_view.js"),
}
MAP_KIND = "map"
MAP_PARAMS = ({"name": "province", "required": False, "help": "zoom to this province (广东省 or 广东)"},
              {"name": "topic", "required": False, "help": "colour provinces by the measures of this topic"})
FONT_FACE = "Noto Sans CJK SC, WenQuanYi Zen Hei, Microsoft YaHei, PingFang SC, sans-serif"


@dataclass(frozen=True)
class KindParam:
    name: str
    required: bool
    help: str


@dataclass(frozen=True)
class Kind:
    """A visual kind: what it shows, its parameters and the builder that makes its graph."""

    name: str
    shows: str
    params: tuple[KindParam, ...]
    build: Callable[..., VisGraph]
    pass_through: bool = False      # extra parameters go to the named query (kind "query")

    def describe(self) -> dict[str, Any]:
        params = [{"name": p.name, "required": p.required, "help": p.help} for p in self.params]
        params.append({"name": "max_nodes", "required": False,
                       "help": f"at most this many nodes (default {DEFAULT_MAX_NODES}, up to {MAX_NODES})"})
        return {"kind": self.name, "shows": self.shows, "params": params}


KINDS: dict[str, Kind] = {
    kind.name: kind for kind in (
        Kind("agency", "An agency's neighbourhood: its measures by role (lead / co / responsible) and partner agencies.",
             (KindParam("agency", True, "agency name or abbreviation as written (省工信厅)"),
              KindParam("province", False, "the province an abbreviation belongs to (广东省)")),
             builders.agency_graph),
        Kind("province", "A province's responsibility network: agencies linked by shared measures; size = "
                         "centrality, colour = agency type, edge width = shared measures, arrow = lead -> co.",
             (KindParam("province", True, "province (广东省 or 广东)"),
              KindParam("topic", False, "only measures of this topic (green_dyeing, 印染)"),
              KindParam("min_shared", False, "only ties of agencies sharing at least this many measures (default 3)")),
             builders.province_graph),
        Kind("clusters", "Industrial clusters -> prefecture-level city -> province.",
             (KindParam("province", False, "only this province"),),
             builders.cluster_graph),
        Kind("topic", "A topic's subgraph: its measures, who leads / co-operates / is responsible, their targets.",
             (KindParam("topic", True, "topic code, label or keyword (green_dyeing, 印染)"),
              KindParam("province", False, "only this province")),
             builders.topic_graph),
        Kind("overlap", "Text reuse between two provinces' measures (SIMILAR_TO edges, width = reuse score).",
             (KindParam("a", True, "first province"), KindParam("b", True, "second province")),
             builders.overlap_graph),
        Kind("query", "The rows of any named query (see GET /queries) drawn as a graph.",
             (KindParam("query", True, "the named query; its own parameters are passed through"),),
             builders.query_graph, pass_through=True),
    )
}


def describe_kinds() -> list[dict[str, Any]]:
    """Every visual kind with what it shows and its parameters, the cluster map included."""
    return [kind.describe() for kind in KINDS.values()] + [{
        "kind": MAP_KIND, "params": list(MAP_PARAMS),
        "shows": "The cluster map: provinces coloured by measures, cities as points (size = clusters and "
                 "measures) linked to their clusters; click a city for its clusters."}]


def get_kind(name: str) -> Kind:
    kind = KINDS.get(name)
    if kind is None:
        raise QueryError(f"unknown visual kind {name!r}; known kinds: {', '.join(KINDS)}")
    return kind


def build_graph(store: ReadStore, kind_name: str, params: dict[str, Any]) -> VisGraph:
    """The capped graph of ``kind_name`` for ``params`` (strings as given on a command line or in a URL)."""
    kind = get_kind(kind_name)
    given = {key: value for key, value in params.items() if value is not None and str(value).strip() != ""}
    max_nodes = _max_nodes(given.pop("max_nodes", None))
    declared = {p.name for p in kind.params}
    missing = [p.name for p in kind.params if p.required and p.name not in given]
    if missing:
        raise QueryError(f"visual {kind.name}: missing parameter(s) {', '.join(missing)}")
    if kind.pass_through:
        named = {key: given[key] for key in declared}
        rest = {key: value for key, value in given.items() if key not in declared}
        graph = kind.build(store, **named, params=rest)
    else:
        unknown = sorted(set(given) - declared)
        if unknown:
            raise QueryError(f"visual {kind.name}: unknown parameter(s) {', '.join(unknown)}; "
                             f"accepted: {', '.join(sorted(declared | {'max_nodes'}))}")
        graph = kind.build(store, **given)
    return graph.capped(max_nodes)


def _max_nodes(raw: Any) -> int:
    if raw is None:
        return DEFAULT_MAX_NODES
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise QueryError(f"max_nodes must be an integer, got {raw!r}") from None
    if not 1 <= value <= MAX_NODES:
        raise QueryError(f"max_nodes must be between 1 and {MAX_NODES}, got {value}")
    return value


def render_html(store: ReadStore, kind_name: str, params: dict[str, Any]) -> str:
    """The self-contained HTML page of one visual (``map``: the cluster map)."""
    if kind_name == MAP_KIND:
        return map_page(map_data(store, params))
    return graph_page(build_graph(store, kind_name, params))


def map_data(store: ReadStore, params: dict[str, Any]) -> dict[str, Any]:
    """The cluster map's data for ``params`` (province, topic; both optional)."""
    given = {key: str(value).strip() for key, value in params.items() if value is not None and str(value).strip()}
    unknown = sorted(set(given) - {p["name"] for p in MAP_PARAMS})
    if unknown:
        raise QueryError(f"visual map: unknown parameter(s) {', '.join(unknown)}; accepted: province, topic")
    province = resolve_province(store, given["province"]) if "province" in given else None
    return cluster_map(store, province=province, topic=given.get("topic"))


def map_page(data: dict[str, Any]) -> str:
    """The cluster map as one self-contained HTML page: geometry, data and scripts inline."""
    return _template("map_page.html").render(data=data, data_json=_script_json(data),
                                             text_js=asset_text("ui_text.js"), map_js=asset_text("map_view.js"))


def vis_options() -> dict[str, Any]:
    """vis-network options: physics settles in a bounded number of iterations and is then switched off."""
    return {
        "layout": {"randomSeed": 7},  # the same graph is laid out the same way each time it is drawn
        "physics": {"enabled": True, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -110, "springLength": 150, "avoidOverlap": 0.8},
                    "stabilization": {"enabled": True, "iterations": 250, "updateInterval": 25, "fit": True},
                    "minVelocity": 0.75},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True},
        # Names on a white halo, so that they stay readable over the edges.
        "nodes": {"font": {"face": FONT_FACE, "size": 15, "strokeWidth": 4, "strokeColor": "#ffffff"},
                  "borderWidth": 1},
        "edges": {"smooth": False, "font": {"face": FONT_FACE, "size": 11, "align": "middle"},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.4}}},
    }


def pyvis_network(graph: VisGraph) -> Network:
    """The graph as a pyvis network (vis-network nodes, edges and options)."""
    net = Network(height="720px", width="100%", directed=True, heading=graph.heading, cdn_resources="in_line")
    for node in graph.nodes.values():
        data = node.as_vis()
        # pyvis draws a node without a label with its id: a space draws nothing (the name shows on hover).
        net.add_node(data.pop("id"), label=data.pop("label") or " ", shape=data.pop("shape"), color=data.pop("color"),
                     **data)
    for edge in graph.edges:
        data = edge.as_vis()
        net.add_edge(data.pop("from"), data.pop("to"), **data)
    net.set_options(json.dumps(vis_options()))
    return net


def graph_page(graph: VisGraph) -> str:
    """The HTML page of ``graph``: pyvis's nodes, edges and options in this package's offline template."""
    net = pyvis_network(graph)
    nodes, edges, heading, height, _, options = net.get_network_data()
    data = graph.to_dict()
    data.update(nodes=nodes, edges=edges, options=json.loads(options) if isinstance(options, str) else options)
    return _template("graph_page.html").render(
        heading=heading, height=height, graph=graph, data_json=_script_json(data),
        vis_js=asset_text("vis-network.min.js"), vis_css=asset_text("vis-network.css"),
        view_js=asset_text("graph_view.js"), pyvis_version=pyvis.__version__,
    )


def _script_json(value: Any) -> str:
    """JSON safe to place inside a <script> element."""
    return (json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026"))


@cache
def asset_text(name: str) -> str:
    """The text of a packaged asset served to pages (vis-network from pyvis, the explorer's script)."""
    if name not in ASSETS:
        raise QueryError(f"no asset {name!r}")
    package, path = ASSETS[name]
    return resources.files(package).joinpath(path).read_text(encoding="utf-8")


@cache
def _template(name: str):
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    source = resources.files("policykg.visual").joinpath(name).read_text(encoding="utf-8")
    return env.from_string(source)
