"""Uniqueness constraints and lookup indexes of graph/MODEL.md: ONE table, :data:`SCHEMA`, from which
both engines' statements are generated, created idempotently per engine.

Neo4j: :func:`neo4j_schema_statements` (``CREATE … IF NOT EXISTS``: a uniqueness constraint per
node key, a range index per lookup, the text indexes ``search`` reads), then ``db.awaitIndexes``.
FalkorDB: :func:`falkordb_index_statements`, a range index per node key and per lookup; re-creating
an index is an error there, so only missing ones are created; then one ``GRAPH.CONSTRAINT CREATE
… UNIQUE`` per node key (an index must back it), skipped when present, and we wait until every
constraint and index is OPERATIONAL. FalkorDB has no text index: there ``search`` scans.
Both: a property added to the model later (:data:`BACKFILLS`) is filled in on an existing
store before its index is created.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import redis

from policykg.errors import StoreError
from policykg.graph.statements import cypher_text


@dataclass(frozen=True)
class Index:
    """One indexed property: a node key (unique), a range index for lookups, or a text index (Neo4j only)."""

    label: str                                    # node label, or relationship type when ``relationship``
    prop: str
    kind: Literal["key", "range", "text"] = "range"
    relationship: bool = False
    why: str = ""                                 # which reads or writes seek by it

    @property
    def name(self) -> str:
        """Neo4j's name of the constraint or index: ``agency_type_code``, ``measure_title_text``."""
        snake = re.sub(r"(?<=[a-z])(?=[A-Z])", "_", self.label).lower()
        return f"{snake}_{self.prop}" + ("_text" if self.kind == "text" else "")

    @property
    def pattern(self) -> str:
        return f"()-[r:{self.label}]-()" if self.relationship else f"(n:{self.label})"

    @property
    def target(self) -> str:
        return f"{'r' if self.relationship else 'n'}.{self.prop}"


def _key(label: str, prop: str, why: str = "") -> Index:
    return Index(label, prop, "key", why=why)


def _edge(rel_type: str, prop: str, why: str) -> Index:
    return Index(rel_type, prop, relationship=True, why=why)


SCHEMA: tuple[Index, ...] = (
    _key("Province", "name"),
    _key("Document", "doc_id"),
    _key("Measure", "id"),
    _key("Agency", "name"),
    _key("AgencyType", "code"),
    _key("City", "name"),
    _key("Cluster", "key"),
    _key("Target", "id"),
    _key("Topic", "code"),
    _key("SummaryPending", "province", "one pending-summary mark per province (graph/summaries.py)"),
    _key("OverlapPending", "doc_id", "one pending-overlaps mark per document (graph/similar_to.py)"),
    Index("Measure", "doc_id"),
    Index("Target", "doc_id"),
    Index("Document", "province"),
    Index("Document", "source_key", why="loading finds the earlier versions of a revised file by its key "
                                        "(store/earlier_versions.cypher)"),
    Index("Measure", "province"),
    Index("Agency", "type"),
    Index("Cluster", "name"),
    Index("Cluster", "province"),
    Index("Measure", "title", "text", why="search: CONTAINS on the titles and texts of 200k+ measures without "
                                           "reading every Measure (10k documents: 700-900 ms -> 30-240 ms)"),
    Index("Measure", "text", "text", why="search, as Measure.title"),
    _edge("LOCATED_IN", "doc_id", "loading finds a document's previous LOCATED_IN edges by doc_id"),
    _edge("SIMILAR_TO", "score", "overlap queries read SIMILAR_TO edges by score (every edge has one)"),
    _edge("ROLE_COUNT", "province", "summary edges (graph/summaries.py) are replaced per province"),
    _edge("TOPIC_ROLE", "province", "summary edges are replaced per province"),
    _edge("TOPIC_ROLE", "key", "agencies_leading_topic seeks a topic's edges of one role and province by "
                               "their key (filled in on older stores first: BACKFILLS)"),
    _edge("TOPIC_COUNT", "province", "summary edges are replaced per province"),
    _edge("TYPE_COUNT", "province", "summary edges are replaced per province"),
    _edge("WORKS_WITH", "province", "summary edges are replaced per province"),
)

# The key of each node label (a uniqueness constraint on each).
NODE_KEYS: dict[str, str] = {index.label: index.prop for index in SCHEMA if index.kind == "key"}

# Properties that earlier versions did not write, each with the statement that fills them in
# on an existing store, BACKFILL_BATCH items per run (it returns ``done``, how many) until
# none is left. It runs before the property's index is created, so a store that has the
# index has the property wherever it belongs (writers set it from then on).
BACKFILLS: dict[tuple[str, str], str] = {
    ("TOPIC_ROLE", "key"): "write/topic_role_keys.cypher",
}
BACKFILL_BATCH = 20_000

def neo4j_schema_statements() -> list[str]:
    """The Neo4j statements of :data:`SCHEMA`, each idempotent, then a wait for the indexes to come online."""
    out = []
    for index in SCHEMA:
        if index.kind == "key":
            out.append(f"CREATE CONSTRAINT {index.name} IF NOT EXISTS FOR {index.pattern} REQUIRE {index.target} IS UNIQUE")
        else:
            text = "TEXT " if index.kind == "text" else ""
            out.append(f"CREATE {text}INDEX {index.name} IF NOT EXISTS FOR {index.pattern} ON ({index.target})")
    return [*out, "CALL db.awaitIndexes(60)"]


def run_backfills(indexed: set[tuple[str, str]], run: Callable[[str, dict[str, Any]], int]) -> None:
    """Run the backfill of each (label or type, property) pair not yet in ``indexed`` to the end;
    ``run(statement, params)`` executes one statement in its own transaction and returns ``done``."""
    for key, name in BACKFILLS.items():
        if key not in indexed:
            while run(cypher_text(name), {"limit": BACKFILL_BATCH}):
                pass


def falkordb_index_statements() -> list[tuple[str, str, str]]:
    """``(label or relationship type, property, statement)``: a FalkorDB range index for each node key
    (it backs the key's constraint) and each lookup of :data:`SCHEMA`; no text indexes."""
    return [(index.label, index.prop, f"CREATE INDEX FOR {index.pattern} ON ({index.target})")
            for index in SCHEMA if index.kind != "text"]


def ensure_falkordb_schema(db: Any, graph: Any, wait_s: float = 300.0) -> None:
    """Create missing indexes and unique constraints on a FalkorDB graph."""
    try:
        existing = graph.name in db.list_graphs()
        indexed = _falkordb_indexed(graph, wait_s) if existing else set()
        if existing:
            run_backfills(indexed, lambda text, params: graph.query(text, params).result_set[0][0])
        for label, prop, statement in falkordb_index_statements():
            if (label, prop) not in indexed:
                graph.query(statement)
        present = {(row[1], tuple(row[2])) for row in graph.ro_query(cypher_text("store/falkordb_constraints.cypher")).result_set
                   if row[0] == "UNIQUE" and row[3] == "NODE"}
        created = False
        for label, prop in NODE_KEYS.items():
            if (label, (prop,)) not in present:
                db.connection.execute_command(
                    "GRAPH.CONSTRAINT", "CREATE", graph.name, "UNIQUE", "NODE", label, "PROPERTIES", 1, prop
                )
                created = True
        _wait_operational(graph, wait_s)
        if created:
            # Replayed from the append-only file after a restart, GRAPH.CONSTRAINT CREATE fails
            # ("Constraint already exists": the snapshot holds it); a rewrite folds it into the snapshot.
            try:
                db.connection.execute_command("BGREWRITEAOF")
            except redis.ResponseError:
                pass  # a rewrite is already running or scheduled: it will fold the constraint in as well
    except redis.RedisError as exc:
        raise StoreError(f"FalkorDB schema: {exc}") from exc


def _falkordb_indexed(graph: Any, wait_s: float = 300.0) -> set[tuple[str, str]]:
    """The (label or type, property) pairs with a range index, once no index change is under way.

    While FalkorDB builds a changed index (after a DROP INDEX or a CREATE INDEX, its own or
    another process's) ``db.indexes()`` lists the label twice: the new definition, under
    construction, and the old one, still operational. Read then, a property being dropped
    looked indexed, so its backfill and its index were skipped and the rebuild then removed it.
    """
    _wait_operational(graph, wait_s)
    indexed = set()
    for row in graph.ro_query(cypher_text("store/falkordb_indexes.cypher")).result_set:
        label, props, types = row[0], row[1], row[2]
        for prop in props:
            if "RANGE" in (types.get(prop) or []):
                indexed.add((label, prop))
    return indexed


def _wait_operational(graph: Any, wait_s: float) -> None:
    """Wait until every constraint and index is built. FalkorDB builds an index in the background,
    and a query planned on an index still under construction was seen to find nothing."""
    deadline = time.monotonic() + wait_s
    while True:
        rows = graph.ro_query(cypher_text("store/falkordb_constraints.cypher")).result_set
        failed = [row for row in rows if row[4] == "FAILED"]
        if failed:
            raise StoreError(f"FalkorDB constraints failed (duplicate keys in the data?): {failed}")
        indexes = graph.ro_query(cypher_text("store/falkordb_indexes.cypher")).result_set
        if all(row[4] == "OPERATIONAL" for row in rows) and all(row[3] == "OPERATIONAL" for row in indexes):
            return
        if time.monotonic() > deadline:
            raise StoreError(f"FalkorDB constraints or indexes still under construction after {wait_s:.0f} s")
        time.sleep(0.05)
