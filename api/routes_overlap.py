"""Overlap endpoints (issue 5): reused measures across documents, the province reuse matrix, a
side-by-side view of two measures with their shared passages, and the agency network exports.

The router must be included before ``routes_graph`` (whose ``/measures/{id:path}`` would
otherwise swallow ``/measures/{id}/overlaps``).
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

import networkx as nx
from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from policykg.api.models import Page
from policykg.api.routes_common import Limit, Offset, StoreDep, Text, named_rows, page
from policykg.errors import NotFoundError, QueryError
from policykg.graph import networks as nw
from policykg.graph.overlap import MeasureText, OverlapSettings, find_overlaps, shared_spans
from policykg.queries.catalogue import ReadStore, resolve_province

router = APIRouter()

MeasureId = Annotated[str, Path(min_length=1, max_length=300, description="<doc_id>#<label>; write # as %23")]
ProvinceFilter = Annotated[str | None, Query(max_length=200, description="province, full name or short (广东省 / 广东)")]
MinScore = Annotated[float | None, Query(ge=0.0, le=1.0, description="lowest score (containment) a pair needs")]


class _Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


class SharedSpanOut(_Out):
    """A passage found verbatim in both measures: half-open offsets into the a text and the b text."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    text: str


def _parse_spans(value: Any) -> Any:
    """SIMILAR_TO stores its spans as a JSON list of ``[a_start, a_end, b_start, b_end, text]``."""
    if isinstance(value, str):
        value = json.loads(value)
    if value is None:
        return []
    return [dict(zip(("a_start", "a_end", "b_start", "b_end", "text"), s, strict=True)) if isinstance(s, list)
            else s for s in value]


class OverlapPair(_Out):
    """Two measures of different documents that share text (a: the earlier, or the smaller id)."""

    a_id: str
    a_title: str | None = None
    a_doc_id: str | None = None
    a_province: str | None = None
    b_id: str
    b_title: str | None = None
    b_doc_id: str | None = None
    b_province: str | None = None
    score: float = Field(description="containment: shared shingles / shingles of the smaller measure")
    containment: float | None = None
    jaccard: float | None = None
    earlier: str | None = Field(default=None, description="id of the measure of the earlier document, if known")
    shared_chars: int | None = None
    shared_spans: list[SharedSpanOut] = []

    _spans = field_validator("shared_spans", mode="before")(_parse_spans)


class MeasureOverlap(_Out):
    """Another measure sharing text with the one asked about; spans are oriented this -> other."""

    id: str
    title: str | None = None
    doc_id: str | None = None
    province: str | None = None
    score: float
    containment: float | None = None
    jaccard: float | None = None
    earlier: str | None = None
    shared_chars: int | None = None
    shared_spans: list[SharedSpanOut] = Field(
        default=[], description="a_* offsets into the measure asked about, b_* into this one")


class ReuseCell(_Out):
    province_a: str | None = None
    province_b: str | None = None
    pairs: int
    mean_score: float
    max_score: float


class Segment(_Out):
    start: int
    end: int
    text: str
    shared: bool = Field(description="true when the passage is found verbatim in the other measure")


class PairSide(_Out):
    id: str
    title: str | None = None
    doc_id: str | None = None
    province: str | None = None
    issued: str | None = None
    text: str
    segments: list[Segment] = Field(description="the text cut into shared and unshared passages, in order")


class PairView(_Out):
    a: PairSide
    b: PairSide
    stored: bool = Field(description="true when the pair is a stored SIMILAR_TO edge; else aligned on the fly")
    score: float | None = None
    containment: float | None = None
    jaccard: float | None = None
    earlier: str | None = None
    shared_spans: list[SharedSpanOut]


class NetworkNode(_Out):
    id: str
    province: str | None = None
    type: str | None = None
    measures: int
    lead: int
    co: int
    responsible: int
    degree: int
    weighted_degree: float
    betweenness: float
    community: int


class NetworkLink(_Out):
    source: str
    target: str
    weight: float
    shared: int


class NetworkExport(_Out):
    province: str | None = Field(default=None, description="null: all provinces")
    nodes: list[NetworkNode]
    links: list[NetworkLink]
    communities: int


@router.get("/overlaps", response_model=Page[OverlapPair], tags=["overlaps"])
def overlaps(store: StoreDep, province_a: ProvinceFilter = None, province_b: ProvinceFilter = None,
             min_score: MinScore = None, limit: Limit = 50, offset: Offset = 0) -> dict:
    """Measures reusing text of measures of other documents, highest score first.

    With one province: pairs with a measure of it; with two: pairs between them.
    """
    return page(store, "measure_overlaps", limit, offset, province_a=province_a, province_b=province_b,
                min_score=None if min_score is None else str(min_score))


@router.get("/overlaps/matrix", response_model=list[ReuseCell], tags=["overlaps"])
def reuse_matrix(store: StoreDep) -> list[dict]:
    """Province x province: number of overlapping measure pairs, mean and highest score."""
    return named_rows(store, "province_reuse_matrix")


@router.get("/overlaps/pair", response_model=PairView, tags=["overlaps"],
            responses={404: {"description": "no such measure"}})
def overlap_pair(store: StoreDep, a: Text, b: Text) -> dict:
    """Two measures side by side with the passages found in both marked.

    Uses the stored SIMILAR_TO edge when there is one, else aligns the two texts now.
    """
    if a == b:
        raise QueryError("a and b must be two different measures")
    side_a, side_b = _measure_side(store, a), _measure_side(store, b)
    stored = named_rows(store, "overlaps_for", measure=a, other=b, limit=1)
    if stored:
        row = stored[0]
        spans = _oriented(_parse_spans(row["shared_spans"]), row["side"] == "a")
        view = {"stored": True, "score": row["score"], "containment": row["containment"],
                "jaccard": row["jaccard"], "earlier": row["earlier"]}
    else:
        view = {"stored": False} | _align(side_a, side_b)
        spans = view.pop("spans")
    side_a["segments"] = _segments(side_a["text"], [(s["a_start"], s["a_end"]) for s in spans])
    side_b["segments"] = _segments(side_b["text"], [(s["b_start"], s["b_end"]) for s in spans])
    return view | {"a": side_a, "b": side_b, "shared_spans": spans}


@router.get("/measures/{measure_id:path}/overlaps", response_model=Page[MeasureOverlap], tags=["overlaps"],
            responses={404: {"description": "no such measure"}})
def measure_overlaps(store: StoreDep, measure_id: MeasureId, limit: Limit = 50, offset: Offset = 0) -> dict:
    """The measures of other documents sharing text with one measure, highest score first."""
    result = page(store, "overlaps_for", limit, offset, measure=measure_id)
    if not result["items"] and not named_rows(store, "measures_brief", ids=[measure_id]):
        raise NotFoundError(f"no measure {measure_id!r} in the graph")
    result["items"] = [
        row | {"shared_spans": _oriented(_parse_spans(row["shared_spans"]), row["side"] == "a")}
        for row in result["items"]
    ]
    return result


@router.get("/networks/agencies", response_model=NetworkExport, tags=["agencies"],
            responses={200: {"content": {"application/graphml+xml": {}}, "description": "JSON or GraphML"},
                       404: {"description": "no such province"}})
def agency_network_export(
    store: StoreDep, province: ProvinceFilter = None,
    format: Annotated[Literal["json", "graphml"], Query(description="json (node-link) or graphml")] = "json",
    exclude: Annotated[list[Annotated[str, StringConstraints(max_length=200)]],
                       Query(max_length=50, description="agencies to leave out (repeatable)")] = [],  # noqa: B006
) -> Any:
    """The responsibility network of one province (or all): agencies linked by the measures they share,
    weighted by role, with degree, betweenness and Louvain community of each agency."""

    name = resolve_province(store, province) if province else None
    g = nw.agency_network(nw.stored_role_rows(store), name, exclude)
    _annotate(g)
    if format == "graphml":
        return Response("\n".join(nx.generate_graphml(g)), media_type="application/graphml+xml")
    return {
        "province": name,
        "nodes": [{"id": n} | attrs for n, attrs in sorted(g.nodes(data=True))],
        "links": [{"source": s, "target": t} | attrs for s, t, attrs in sorted(g.edges(data=True))],
        "communities": len({attrs["community"] for _, attrs in g.nodes(data=True)}),
    }


def _measure_side(store: ReadStore, measure_id: str) -> dict:
    rows = named_rows(store, "measure", id=measure_id)
    if not rows:
        raise NotFoundError(f"no measure {measure_id!r} in the graph")
    row = rows[0]
    document = row.get("document") or {}
    return {"id": row["id"], "title": row.get("title"), "doc_id": document.get("doc_id"),
            "province": row.get("province"), "issued": document.get("issued"), "text": row.get("text") or ""}


def _oriented(spans: list[dict], this_is_a: bool) -> list[dict]:
    """Spans with ``a_*`` in the measure asked about (the stored edge may point the other way)."""
    if this_is_a:
        return spans
    return [{"a_start": s["b_start"], "a_end": s["b_end"], "b_start": s["a_start"], "b_end": s["a_end"],
             "text": s["text"]} for s in spans]


def _align(a: dict, b: dict) -> dict:
    """Score and shared spans of two measures with no stored edge, computed with graph/overlap.py."""
    settings = OverlapSettings(min_score=0.0)
    items = [MeasureText(a["id"], a["doc_id"] or "", a["text"], a["issued"]),
             MeasureText(b["id"], b["doc_id"] or "", b["text"], b["issued"])]
    found = find_overlaps(items, settings) if a["doc_id"] != b["doc_id"] else []
    if not found:
        spans = [s._asdict() for s in shared_spans(a["text"], b["text"], settings.min_span_chars)]
        return {"score": None, "containment": None, "jaccard": None, "earlier": None, "spans": spans}
    o = found[0]
    spans = _oriented([s._asdict() for s in o.shared_spans], o.a_id == a["id"])
    return {"score": o.score, "containment": o.containment, "jaccard": o.jaccard, "earlier": o.earlier,
            "spans": spans}


def _segments(text: str, spans: list[tuple[int, int]]) -> list[dict]:
    """``text`` cut at the (non-overlapping, in-range) spans into shared and unshared passages."""
    out: list[dict] = []
    at = 0
    for start, end in sorted(spans):
        if start < at or end > len(text) or start >= end:
            continue
        if start > at:
            out.append({"start": at, "end": start, "text": text[at:start], "shared": False})
        out.append({"start": start, "end": end, "text": text[start:end], "shared": True})
        at = end
    if at < len(text):
        out.append({"start": at, "end": len(text), "text": text[at:], "shared": False})
    return out


def _annotate(g: nx.Graph) -> None:
    """Degree, weighted degree, betweenness and community on each node (for both export formats)."""
    for c in nw.centrality(g):
        g.nodes[c.agency].update(degree=c.degree, weighted_degree=c.weighted_degree, betweenness=c.betweenness)
    for number, members in enumerate(nw.communities(g)):
        for agency in members:
            g.nodes[agency]["community"] = number
