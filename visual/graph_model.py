"""The drawable graph every visual is built as: nodes, edges, a legend and notes, capped to a size.

A :class:`VisGraph` is engine-free plain data. ``visual.render`` turns it into a
self-contained pyvis HTML page; the API serves it as JSON for the explorer page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DEFAULT_MAX_NODES = 150
MAX_NODES = 1000


@dataclass
class VisNode:
    """One drawn node. ``id`` is ``<kind>:<key>``; ``title`` is the plain-text tooltip."""

    id: str
    label: str
    kind: str                      # agency | measure | topic | target | city | cluster | province | document
    key: str                       # the graph key (agency name, measure id, cluster key, topic code ...)
    color: str
    title: str = ""
    size: float = 14.0
    group: str = ""                # the legend entry this node belongs to
    priority: float = 0.0          # kept first when the graph is capped
    shape: str = "dot"
    font_size: float | None = None  # None: the page's default
    position: tuple[float, float] | None = None  # a fixed place (no physics for this node)

    def as_vis(self) -> dict[str, Any]:
        drawn = {"id": self.id, "label": self.label, "title": self.title, "color": self.color, "size": self.size,
                 "shape": self.shape, "kind": self.kind, "key": self.key, "group_label": self.group}
        if self.font_size:
            drawn["font"] = {"size": self.font_size}
        if self.position is not None:
            drawn.update(x=self.position[0], y=self.position[1], physics=False)
        return drawn


@dataclass
class VisEdge:
    """One drawn edge; ``title`` quotes the measure and its source sentence where there is one."""

    source: str
    target: str
    kind: str                      # lead | co | responsible | partner | located_in | in_province | ...
    color: str
    title: str = ""
    label: str = ""
    width: float = 1.5
    dashes: bool = False
    arrow: float | None = None     # None: the page's default arrow; 0: no arrow (a symmetric tie); > 0: its size

    def as_vis(self) -> dict[str, Any]:
        drawn = {"from": self.source, "to": self.target, "title": self.title, "label": self.label,
                 "color": self.color, "width": self.width, "dashes": self.dashes, "kind": self.kind}
        if self.arrow is not None:
            drawn["arrows"] = {"to": {"enabled": self.arrow > 0, "scaleFactor": self.arrow}}
        return drawn


@dataclass(frozen=True)
class LegendEntry:
    color: str
    label: str
    shape: str = "node"            # node | edge


@dataclass
class VisGraph:
    """A graph to draw, with what it shows, a legend and notes for the reader (Chinese UI text)."""

    kind: str
    heading: str
    nodes: dict[str, VisNode] = field(default_factory=dict)
    edges: list[VisEdge] = field(default_factory=list)
    legend: list[LegendEntry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    total_nodes: int = 0
    total_edges: int = 0

    def add_node(self, node: VisNode) -> VisNode:
        """Add ``node`` unless one with its id exists; the node kept either way."""
        existing = self.nodes.get(node.id)
        if existing is None:
            self.nodes[node.id] = node
            return node
        existing.priority = max(existing.priority, node.priority)
        return existing

    def add_edge(self, edge: VisEdge) -> None:
        self.edges.append(edge)

    def add_legend(self, color: str, label: str, shape: str = "node") -> None:
        entry = LegendEntry(color, label, shape)
        if entry not in self.legend:
            self.legend.append(entry)

    def label_most_central(self, count: int, kinds: tuple[str, ...] | None = None) -> list[VisNode]:
        """Draw the names of the ``count`` nodes of highest priority (of ``kinds``, when given) only; the
        others are named on hover (their tooltip), so that the names drawn do not cover each other.
        Returns the nodes named."""
        ranked = sorted((n for n in self.nodes.values() if kinds is None or n.kind in kinds),
                        key=lambda n: (-n.priority, n.id))
        ranked += [n for n in self.nodes.values() if kinds is not None and n.kind not in kinds]
        # A larger graph is drawn zoomed out: its few names are set larger to stay readable on screen.
        size = round(15 + min(11.0, len(self.nodes) / 7), 1)
        for node in ranked[:count]:
            node.font_size = size
        for node in ranked[count:]:
            node.label = ""
        return ranked[:count]

    def capped(self, max_nodes: int) -> VisGraph:
        """This graph with at most ``max_nodes`` nodes (highest priority, then most connected, kept).

        Edges to dropped nodes are dropped; a "showing N of M" note says so.
        """
        self.total_nodes = len(self.nodes)
        self.total_edges = len(self.edges)
        if len(self.nodes) <= max_nodes:
            return self
        degree: dict[str, float] = {}
        for edge in self.edges:
            degree[edge.source] = degree.get(edge.source, 0) + edge.width
            degree[edge.target] = degree.get(edge.target, 0) + edge.width
        ranked = sorted(self.nodes.values(), key=lambda n: (-n.priority, -degree.get(n.id, 0), n.id))
        kept = {node.id for node in ranked[:max_nodes]}
        self.nodes = {key: node for key, node in self.nodes.items() if key in kept}
        self.edges = [e for e in self.edges if e.source in kept and e.target in kept]
        self.notes.insert(0, f"显示 {len(self.nodes)} / 共 {self.total_nodes} 个节点（showing {len(self.nodes)} of "
                             f"{self.total_nodes} nodes; 用 max_nodes 参数或下方筛选框调整）")
        return self

    def to_dict(self) -> dict[str, Any]:
        """The graph as JSON-ready data (vis-network node and edge dicts)."""
        return {
            "kind": self.kind,
            "heading": self.heading,
            "nodes": [node.as_vis() for node in self.nodes.values()],
            "edges": [edge.as_vis() for edge in self.edges],
            "legend": [{"color": e.color, "label": e.label, "shape": e.shape} for e in self.legend],
            "notes": list(self.notes),
            "shown_nodes": len(self.nodes),
            "total_nodes": self.total_nodes or len(self.nodes),
            "total_edges": self.total_edges or len(self.edges),
        }


def node_id(kind: str, key: str) -> str:
    return f"{kind}:{key}"
