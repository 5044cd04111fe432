"""Typed ``policydoc/1`` records: the contract between ``loaders`` and ``graph``.

The fields of ``../shared/eval/SCHEMA.md`` are kept exactly; extra fields carry
provenance (character spans into the normalised text written beside the record)
and what the graph needs (agency levels and types, topic triggers).
Every ``start``/``end`` pair is a half-open span into ``PolicyDoc.text`` /
the ``<doc_id>.txt`` file written beside the JSON record.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

SCHEMA = "policydoc/1"

Role = Literal["lead", "co", "responsible"]
AgencyLevel = Literal["central", "provincial", "city", "county", "national-branch", "collective", "other"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="allow")


class Target(_Record):
    year: int | None = None
    metric: str
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    multiplier: float | None = None
    text: str
    # extras
    qualifier: str | None = None          # 以上 / 超过 / 达到 / 不低于 ...
    normalised_value: float | None = None  # value in the base unit (元, %, count)
    normalised_unit: str | None = None     # "元" | "%" | the count word
    start: int | None = None
    end: int | None = None


class RoleEvidence(_Record):
    """One agency named in one role of one measure, with the clause that says so."""

    agency: str              # canonical name
    role: Role
    written: str             # as written in the source
    start: int
    end: int
    resolved: bool = True    # False: a unit that reads as an agency but is in no table (name kept as written)


class TopicEvidence(_Record):
    topic: str
    keyword: str
    start: int               # span of the triggering sentence
    end: int


class PlaceMention(_Record):
    city: str                # prefecture-level division, full name
    written: str             # as written (大朗, 开平, 广州 ...)
    start: int
    end: int


class Measure(_Record):
    label: str
    title: str
    section: str | None = None
    lead: list[str] = Field(default_factory=list)
    co: list[str] = Field(default_factory=list)
    responsible: list[str] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    # extras
    id: str = ""                         # "<doc_id>#<label>"
    text: str = ""                       # full text of the measure
    start: int = 0
    end: int = 0
    role_evidence: list[RoleEvidence] = Field(default_factory=list)
    topic_evidence: list[TopicEvidence] = Field(default_factory=list)
    places: list[PlaceMention] = Field(default_factory=list)


class ClusterLink(_Record):
    cluster: str
    city: str
    start: int | None = None
    end: int | None = None


class AgencyInfo(_Record):
    """A canonical agency named in the document (issuer or role holder)."""

    name: str                            # canonical
    written: list[str] = Field(default_factory=list)
    level: AgencyLevel = "provincial"
    type: str | None = None              # agency type code (industry_it, ...)
    province: str | None = None
    known: bool = True                   # False: not in data/agencies table, kept as written


class PolicyDoc(_Record):
    schema_: str = Field(default=SCHEMA, alias="schema")
    doc_id: str
    province: str | None = None
    title: str | None = None
    doc_number: str | None = None
    issued: str | None = None
    issuers: list[str] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    cluster_links: list[ClusterLink] = Field(default_factory=list)
    places: list[str] = Field(default_factory=list)
    # extras
    kind: str | None = None              # 实施意见 / 行动方案 / 行动计划 / 意见 ...
    level: str | None = None             # central / province / city / county: the issuing government's level
    jurisdiction: str | None = None      # 国务院 / 江苏省 / 苏州市 / 长兴县: the issuing government
    source: str | None = None            # source file name
    source_key: str | None = None        # key of the source file's place, kept across its revisions (loaders/identity.py)
    source_format: str | None = None     # txt / md / html / docx / pdf
    content_hash: str | None = None      # sha256 of the normalised text
    agencies: list[AgencyInfo] = Field(default_factory=list)
    place_mentions: list[PlaceMention] = Field(default_factory=list)
    text: str | None = Field(default=None, exclude=True)  # normalised text, written beside the record

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    def to_json_dict(self) -> dict:
        """The record as written to disk (``schema`` key, no embedded text)."""
        return self.model_dump(by_alias=True, exclude={"text"})


def builder(model: type[_Record]) -> Callable[[dict[str, Any]], Any]:
    """``builder(Model)(fields)`` is ``Model(**fields)``: plain pydantic construction, for the records a document
    builds by the hundred (role and topic evidence, place mentions, cluster links, measures, targets).
    Validation runs in pydantic-core and costs less than the public unvalidated path, ``model_construct``,
    whose field loop runs in Python (bench/README.md, issue 17)."""
    return lambda fields: model(**fields)


def list_builder(model: type[_Record]) -> Callable[[list[dict[str, Any]]], list[Any]]:
    """``list_builder(Model)(rows)`` is ``[Model(**fields) for fields in rows]``, validated in one call of pydantic-core
    (a document's role evidence and place mentions come by the list)."""
    return TypeAdapter(list[model]).validate_python
