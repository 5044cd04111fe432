"""Summary edges: per-province counts the agency and topic queries read instead of traversing.

At 10k documents a topic has ~30,000 ABOUT edges and a provincial department leads
thousands of measures, so counting them per query costs tens to hundreds of ms. The
counts are materialised per province, as edges carrying a ``province`` property:

- ``(Agency)-[:ROLE_COUNT {measures, lead, co, responsible}]->(Province)``
- ``(Agency)-[:TOPIC_ROLE {role, measures, examples}]->(Topic)``
- ``(Province)-[:TOPIC_COUNT {measures, measure_ids}]->(Topic)``
- ``(Province)-[:TYPE_COUNT {agency_type, agency_type_label, measures, as_lead, agencies}]->(Topic)``
- ``(Agency)-[:WORKS_WITH {kind, measures, examples}]->(Agency)``

(see graph/MODEL.md). Writing a document (``write/documents/``) MERGEs a
``SummaryPending {province, token}`` mark for its province in the same atomic
statement; :func:`refresh_summaries` rebuilds the marked provinces and drops a mark
only when no document was written there meanwhile (same token), so an ingest killed
between the two leaves the mark and the next refresh catches up. Measures of a
document without a province are in no summary.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from policykg.graph.statements import cypher_text
from policykg.graph.store import GraphStore

# One statement per summary kind, each rebuilding one province's edges of that kind.
SUMMARY_STATEMENTS = (
    "write/summary_role_counts.cypher",
    "write/summary_topic_roles.cypher",
    "write/summary_topic_counts.cypher",
    "write/summary_type_counts.cypher",
    "write/summary_partners.cypher",
)


@dataclass
class RefreshStats:
    """What a refresh rebuilt: the provinces and the summary edges written."""

    provinces: list[str] = field(default_factory=list)
    edges: int = 0


def pending_provinces(store: GraphStore) -> dict[str, str | None]:
    """Provinces whose summaries are out of date, with the token of their mark."""
    return {row["province"]: row["token"] for row in store.run_read(cypher_text("store/summary_pending.cypher"))}


def refresh_summaries(
    store: GraphStore,
    provinces: Iterable[str] | None = None,
    on_province: Callable[[str], None] | None = None,
) -> RefreshStats:
    """Rebuild the summaries of the pending provinces (and of ``provinces``, e.g. all of them).

    ``on_province`` is called after each province (progress). Raises ``StoreError``
    when the engine fails; the marks of the provinces not yet rebuilt stay.
    """
    pending = pending_provinces(store)
    wanted = dict(pending)
    for province in provinces or ():
        wanted.setdefault(province, None)
    stats = RefreshStats()
    for province in sorted(wanted):
        stats.edges += rebuild_province(store, province)
        if wanted[province] is not None:
            store.run(cypher_text("write/summary_done.cypher"), {"province": province, "seen": wanted[province]})
        stats.provinces.append(province)
        if on_province is not None:
            on_province(province)
    return stats


def refresh_all(store: GraphStore, on_province: Callable[[str], None] | None = None) -> RefreshStats:
    """Rebuild the summaries of every province (after a bulk load that wrote no marks)."""
    provinces = [row["name"] for row in store.run_read(cypher_text("store/provinces.cypher"))]
    return refresh_summaries(store, provinces, on_province)


def rebuild_province(store: GraphStore, province: str) -> int:
    """Replace one province's summary edges, kind by kind; the number of edges written."""
    token = uuid.uuid4().hex
    written = 0
    for statement in SUMMARY_STATEMENTS:
        rows = store.run(cypher_text(statement), {"province": province, "token": token})
        written += int(rows[0]["written"]) if rows else 0
    return written
