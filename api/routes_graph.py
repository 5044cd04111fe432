"""Typed endpoints over the named queries: agencies, topics, places, measures, targets, provinces."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from pydantic import Field

from policykg.api.models import (
    AgencyLead,
    AgencyProfile,
    AgencySummary,
    CityProfile,
    ClusterCity,
    MeasureDetail,
    NetworkEdge,
    Page,
    ProvinceAgencyTypes,
    ProvinceComparison,
    ProvinceTopicCell,
    SearchHit,
    TargetOut,
    TopicCount,
)
from policykg.api.routes_common import Limit, Offset, OptionalText, StoreDep, Text, named_rows, page
from policykg.api.routes_overlap import OverlapPair
from policykg.errors import NotFoundError
from policykg.queries.overlap_rows import DEFAULT_MIN_SCORE, DEFAULT_TOP, overlaps_computed, province_overlaps
from policykg.visual.china_map import map_frame
from policykg.visual.overview import overview as store_overview

router = APIRouter()

Name = Annotated[str, Path(min_length=1, max_length=200)]
ProvinceFilter = Annotated[str | None, Query(max_length=200, description="province, full name or short (广东省 / 广东)")]
TopicFilter = Annotated[str | None, Query(max_length=200, description="topic code, label or keyword (green_dyeing / 绿色)")]


def _one(rows: list[dict], what: str, name: str) -> dict:
    if not rows:
        raise NotFoundError(f"no {what} {name!r} in the graph")
    return rows[0]


@router.get("/overview", tags=["provinces"])
def overview(store: StoreDep, topic: TopicFilter = None,
             role: Literal["any", "lead", "co", "responsible"] = "any",
             agency_type: Annotated[str | None, Query(max_length=60, description="agency type code (industry_it)")] = None,
             ) -> dict:
    """What the store holds: documents by province, level and year; measures per province (filtered by
    topic, the role held and the type of the agency holding it) with the map's province outlines; the
    province x topic matrix; the cities tied to clusters or measures with their place on the map."""
    found = store_overview(store, topic=topic, role=role, agency_type=agency_type)
    found["frame"] = map_frame()
    return found


@router.get("/topics", response_model=list[TopicCount], tags=["topics"])
def topics(store: StoreDep) -> list[dict]:
    """The topics and how many measures are about each."""
    return named_rows(store, "topics")


@router.get("/topics/{topic}/agencies", response_model=Page[AgencyLead], tags=["topics"])
def agencies_leading_topic(store: StoreDep, topic: Name, province: ProvinceFilter = None,
                           role: Literal["lead", "co", "responsible"] = "lead",
                           limit: Limit = 50, offset: Offset = 0) -> dict:
    """Agencies that lead (role=co: co-operate on; role=responsible: are responsible for) measures of a topic.

    `topic` is a code (green_dyeing), a label or a keyword of one (绿色, 印染).
    """
    return page(store, "agencies_leading_topic", limit, offset, topic=topic, province=province, role=role)


@router.get("/topics/{topic}/agency-types", response_model=list[ProvinceAgencyTypes], tags=["topics"])
def agency_type_comparison(store: StoreDep, topic: Name) -> list[dict]:
    """For each province, the agency types that lead (or own as responsible unit) the measures of a topic."""
    return named_rows(store, "agency_type_comparison", topic=topic)


@router.get("/agencies", response_model=Page[AgencySummary], tags=["agencies"])
def agencies(store: StoreDep, province: ProvinceFilter = None, q: OptionalText = None,
             limit: Limit = 50, offset: Offset = 0) -> dict:
    """The agencies in the graph, most active first."""
    return page(store, "agencies", limit, offset, province=province, q=q)


@router.get("/agencies/{agency}", response_model=AgencyProfile, tags=["agencies"],
            responses={404: {"description": "no such agency"}})
def agency_profile(store: StoreDep, agency: Name, province: ProvinceFilter = None,
                   limit: Limit = 50, offset: Offset = 0) -> dict:
    """One agency: measures by role, topics, targets it owns, partner agencies.

    Accepts an abbreviation as written (省工信厅), resolved within `province`. The counts
    cover all its measures; `measures` and `targets` list one page of them (`limit`, `offset`).
    """
    rows = named_rows(store, "agency_profile", agency=agency, province=province, limit=limit, offset=offset)
    return _one(rows, "agency", agency)


@router.get("/network", response_model=Page[NetworkEdge], tags=["agencies"])
def agency_network(store: StoreDep, province: ProvinceFilter = None, topic: TopicFilter = None,
                   limit: Limit = 50, offset: Offset = 0) -> dict:
    """Agency-agency edges weighted by shared measures (lead-co, co-co, lead-lead)."""
    return page(store, "agency_network", limit, offset, province=province, topic=topic)


@router.get("/clusters", response_model=Page[ClusterCity], tags=["places"])
def cluster_cities(store: StoreDep, province: ProvinceFilter = None, limit: Limit = 50, offset: Offset = 0) -> dict:
    """Industrial clusters and the city each lies in."""
    return page(store, "cluster_cities", limit, offset, province=province)


@router.get("/cities/{city}", response_model=CityProfile, tags=["places"],
            responses={404: {"description": "no such city"}})
def city_profile(store: StoreDep, city: Name) -> dict:
    """One city: its clusters, the measures mentioning it, the agencies active there."""
    return _one(named_rows(store, "city_profile", city=city), "city", city)


@router.get("/matrix/province-topic", response_model=list[ProvinceTopicCell], tags=["provinces"])
def province_topic_matrix(store: StoreDep) -> list[dict]:
    """Measures per province and topic (cells with at least one measure)."""
    return named_rows(store, "province_topic_matrix")


class ProvinceComparisonOut(ProvinceComparison):
    overlaps_computed: bool = Field(description="false until the overlap analysis (policykg overlaps) has run")
    overlaps: list[OverlapPair] = Field(description="the top pairs of measures sharing text between the two "
                                                    "provinces, highest score first, the measure of `a` as side a")


@router.get("/provinces/compare", response_model=ProvinceComparisonOut, tags=["provinces"],
            responses={404: {"description": "no such province"}})
def compare_provinces(store: StoreDep, a: Text, b: Text,
                      top: Annotated[int, Query(ge=1, le=500, description="overlapping pairs listed")] = DEFAULT_TOP,
                      min_score: Annotated[float, Query(ge=0, le=1, description="lowest overlap score")] = DEFAULT_MIN_SCORE,
                      ) -> dict:
    """Two provinces side by side: topics, agency types leading, targets, and their overlapping measures
    (the same sections as `policykg compare`)."""
    sides = {row["side"]: row for row in named_rows(store, "compare_provinces", a=a, b=b)}
    missing = [name for side, name in (("a", a), ("b", b)) if side not in sides]
    if missing:
        raise NotFoundError(f"no province {missing[0]!r} in the graph")
    computed = overlaps_computed(store)
    pairs = province_overlaps(store, sides["a"]["province"], sides["b"]["province"], top=top,
                              min_score=min_score) if computed else []
    return {**sides, "overlaps_computed": computed, "overlaps": pairs}


@router.get("/targets", response_model=Page[TargetOut], tags=["measures"])
def targets(store: StoreDep, metric: OptionalText = None,
            year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
            province: ProvinceFilter = None, limit: Limit = 50, offset: Offset = 0) -> dict:
    """Quantified targets, with `normalised_value`/`normalised_unit` for comparison across documents."""
    return page(store, "targets", limit, offset, metric=metric, year=year, province=province)


@router.get("/measures/{measure_id:path}", response_model=MeasureDetail, tags=["measures"],
            responses={404: {"description": "no such measure"}})
def measure(store: StoreDep, measure_id: Annotated[str, Path(min_length=1, max_length=300)]) -> dict:
    """One measure with its document, roles, targets, topics, places and their source sentences.

    The id is `<doc_id>#<label>`; write `#` as `%23` in a URL.
    """
    return _one(named_rows(store, "measure", id=measure_id), "measure", measure_id)


@router.get("/search", response_model=Page[SearchHit], tags=["search"])
def search(store: StoreDep, q: Text, limit: Limit = 50, offset: Offset = 0) -> dict:
    """Agencies, cities, clusters and measures whose name or text contains `q`."""
    return page(store, "search", limit, offset, q=q)
