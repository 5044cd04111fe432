"""Pydantic response models of the HTTP API (one per answer shape of the named queries)."""

from __future__ import annotations

import re
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

T = TypeVar("T")


class _Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Page(_Out, Generic[T]):
    """One page of a list answer: ``has_more`` says whether ``offset + limit`` has further items."""

    items: list[T]
    limit: int
    offset: int
    count: int = Field(description="number of items on this page")
    has_more: bool


# --- shared pieces -------------------------------------------------------------------------------


class TopicCount(_Out):
    code: str
    label: str | None = None
    measures: int


class TargetOut(_Out):
    id: str | None = None
    doc_id: str | None = None
    province: str | None = None
    measure_id: str | None = None
    metric: str | None = None
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    multiplier: float | None = None
    normalised_value: float | None = Field(default=None, description="value in the base unit (元, %, count)")
    normalised_unit: str | None = None
    year: int | None = None
    qualifier: str | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None


class DocumentRef(_Out):
    doc_id: str
    title: str | None = None


# --- agencies ----------------------------------------------------------------------------------


class ExampleMeasure(_Out):
    id: str
    doc_id: str | None = None
    title: str | None = None
    topics: list[str] = []
    keyword: str | None = None
    topic_evidence: str | None = Field(default=None, description="the sentence that makes the measure about the topic")
    role_evidence: str | None = Field(default=None, description="the clause that names the agency in its role")
    written: str | None = Field(default=None, description="the agency as written in that clause")


class AgencyLead(_Out):
    agency: str
    agency_type: str | None = None
    province: str | None = None
    level: str | None = None
    measure_count: int
    examples: list[ExampleMeasure]


class AgencySummary(_Out):
    agency: str
    agency_type: str | None = None
    level: str | None = None
    province: str | None = None
    measures: int
    lead_count: int


class AgencyMeasure(_Out):
    id: str
    doc_id: str | None = None
    label: str | None = None
    title: str | None = None
    role: Literal["lead", "co", "responsible"]
    written: str | None = None
    evidence: str | None = None


class Partner(_Out):
    agency: str
    shared_measures: int


class AgencyProfile(_Out):
    agency: str
    aliases: list[str] = []
    level: str | None = None
    agency_type: str | None = None
    agency_type_label: str | None = None
    province: str | None = None
    known: bool | None = None
    measure_count: int = Field(default=0, description="measures it holds any role in (all pages)")
    lead_count: int
    co_count: int
    responsible_count: int
    measure_rows: int = Field(default=0, description="its measures by role (one per measure and role): what `measures` pages over")
    measures: list[AgencyMeasure] = Field(description="one page of its measures by role, in document order")
    topics: list[TopicCount]
    targets: list[TargetOut] = Field(description="one page of the targets of measures it leads or is responsible for")
    partners: list[Partner]
    issued: list[str] = Field(default=[], description="documents the agency issued")


class NetworkEdge(_Out):
    source: str
    target: str
    kind: Literal["lead-co", "co-co", "lead-lead"]
    weight: int = Field(description="number of shared measures")
    examples: list[str] = Field(description="ids of some shared measures")


class TypeLead(_Out):
    agency_type: str
    agency_type_label: str | None = None
    measures: int = Field(description="measures of the topic with a unit of this type as lead (or as responsible unit)")
    as_lead: int
    as_responsible: int
    agencies: list[str]


class ProvinceAgencyTypes(_Out):
    province: str | None = None
    types: list[TypeLead] = Field(description="the province's agency types, most measures first")


# --- places ------------------------------------------------------------------------------------


class ClusterCity(_Out):
    cluster: str
    cluster_key: str | None = None
    city: str
    province: str | None = None
    doc_id: str | None = None
    evidence: str | None = None
    start: int | None = None
    end: int | None = None


class CityMeasure(_Out):
    id: str
    doc_id: str | None = None
    title: str | None = None
    written: str | None = None
    evidence: str | None = None
    start: int | None = None
    end: int | None = None


class AgencyActivity(_Out):
    agency: str
    measures: int


class CityProfile(_Out):
    city: str
    province: str | None = None
    clusters: list[str]
    measures: list[CityMeasure]
    agencies: list[AgencyActivity]
    documents: list[DocumentRef]


# --- measures, topics, provinces ---------------------------------------------------------------


class DocumentOut(_Out):
    doc_id: str
    title: str | None = None
    doc_number: str | None = None
    issued: str | None = None
    kind: str | None = None
    province: str | None = None


class RoleOut(_Out):
    agency: str
    role: Literal["lead", "co", "responsible"]
    written: str | None = None
    evidence: str | None = None
    start: int | None = None
    end: int | None = None


class TopicEvidenceOut(_Out):
    code: str
    label: str | None = None
    keyword: str | None = None
    evidence: str | None = None
    start: int | None = None
    end: int | None = None


class PlaceOut(_Out):
    kind: Literal["city", "cluster"]
    name: str | None = None
    written: str | None = None
    evidence: str | None = None
    start: int | None = None
    end: int | None = None


class MeasureDetail(_Out):
    id: str
    label: str | None = None
    title: str | None = None
    section: str | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None
    province: str | None = None
    document: DocumentOut
    roles: list[RoleOut]
    targets: list[TargetOut]
    topics: list[TopicEvidenceOut]
    places: list[PlaceOut]


class ProvinceTopicCell(_Out):
    province: str | None = None
    topic: str
    topic_label: str | None = None
    measures: int


class SearchHit(_Out):
    kind: Literal["agency", "city", "cluster", "measure"]
    key: str
    name: str | None = None
    province: str | None = None
    detail: str | None = None


class AgencyTypeCount(_Out):
    code: str
    measures: int


class ProvinceSummary(_Out):
    province: str
    documents: list[str]
    measure_count: int
    topics: list[TopicCount]
    agency_types: list[AgencyTypeCount] = Field(description="measures led (or owned as responsible unit) per agency type")
    targets: list[TargetOut]


class ProvinceComparison(_Out):
    a: ProvinceSummary
    b: ProvinceSummary


# --- catalogue, health, ad-hoc Cypher ----------------------------------------------------------


class ParamInfo(_Out):
    name: str
    type: str
    required: bool
    default: Any = None
    choices: list[str] = []
    help: str = ""


class QueryInfo(_Out):
    name: str
    answers: str
    paginated: bool
    params: list[ParamInfo]


class QueryResult(_Out):
    name: str
    params: dict[str, Any]
    rows: list[dict[str, Any]]


class Health(_Out):
    """Liveness: the API process answers (the engine is not asked)."""

    status: Literal["ok"]
    engine: str


class Ready(_Out):
    """Readiness: the engine answered a trivial read just now."""

    status: Literal["ready"]
    engine: str


class Status(_Out):
    """The engine's node and relationship counts, computed at most once per ``POLICYKG_STATUS_CACHE_S``."""

    status: Literal["ok"]
    engine: str
    counts: dict[str, Any]
    counted_s_ago: float = Field(description="seconds since the counts were computed")


class Unavailable(_Out):
    status: Literal["unavailable"]
    engine: str
    reason: str = Field(description="why, without file-system paths or engine internals (those go to the server log)")


class CypherRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    query: str = Field(min_length=1, max_length=20_000, description="one read-only Cypher statement")
    params: dict[str, Any] = Field(default_factory=dict, description="parameters: JSON values, 64-bit integers")

    @field_validator("query")
    @classmethod
    def _text(cls, query: str) -> str:
        _check_value(query)
        return query

    @field_validator("params")
    @classmethod
    def _params(cls, params: dict[str, Any]) -> dict[str, Any]:
        for key, value in params.items():
            if not _PARAM_NAME.fullmatch(key):
                raise ValueError(f"parameter name {key!r} is not an identifier")
            _check_value(value)
        return params


_PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
_INT64 = 2**63


def _check_value(value: Any) -> None:
    """Values both engines take as parameters: UTF-8 text without NUL, 64-bit integers, lists, maps."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("text must not contain NUL characters")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("text must be valid Unicode") from None
    elif isinstance(value, bool) or value is None or isinstance(value, float):
        return
    elif isinstance(value, int):
        if not -_INT64 <= value < _INT64:
            raise ValueError("integers must fit in 64 bits")
    elif isinstance(value, list):
        for item in value:
            _check_value(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_value(key)
            _check_value(item)


class CypherResult(_Out):
    columns: list[str]
    rows: list[dict[str, Any]]
    row_count: int
    truncated: bool = Field(description="true when the row cap was reached")
