"""Uniqueness constraints and lookup indexes of graph/MODEL.md, created idempotently per engine.

Neo4j: ``graph/cypher/write/schema_neo4j.cypher`` (``CREATE … IF NOT EXISTS``).
FalkorDB: ``graph/cypher/write/schema_falkordb.cypher`` holds the range indexes; re-creating
an index is an error there, so only missing ones are created; then one
``GRAPH.CONSTRAINT CREATE … UNIQUE`` per node key (an index must back it), skipped
when present, and we wait until every constraint and index is OPERATIONAL.
Both: a property added to the model later (:data:`BACKFILLS`) is filled in on an existing
store before its index is created.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

import redis

from policykg.errors import StoreError
from policykg.graph.statements import cypher_statements, cypher_text

# The key of each node label (a uniqueness constraint on each).
NODE_KEYS: dict[str, str] = {
    "Province": "name",
    "Document": "doc_id",
    "Measure": "id",
    "Agency": "name",
    "AgencyType": "code",
    "City": "name",
    "Cluster": "key",
    "Target": "id",
    "Topic": "code",
    "SummaryPending": "province",  # one pending-summary mark per province (graph/summaries.py)
    "OverlapPending": "doc_id",  # one pending-overlaps mark per document (graph/similar_to.py)
}

# Properties that earlier versions did not write, each with the statement that fills them in
# on an existing store, BACKFILL_BATCH items per run (it returns ``done``, how many) until
# none is left. It runs before the property's index is created, so a store that has the
# index has the property wherever it belongs (writers set it from then on).
BACKFILLS: dict[tuple[str, str], str] = {
    ("TOPIC_ROLE", "key"): "write/topic_role_keys.cypher",
}
BACKFILL_BATCH = 20_000

# A node index ``(n:Label) ON (n.prop)`` or a relationship index ``()-[r:TYPE]-() ON (r.prop)``.
_FALKOR_INDEX = re.compile(r"^CREATE INDEX FOR (?:\(n:(\w+)\)|\(\)-\[r:(\w+)\]-\(\)) ON \([nr]\.(\w+)\)$")


def neo4j_schema_statements() -> list[str]:
    return cypher_statements("write/schema_neo4j.cypher")


def run_backfills(indexed: set[tuple[str, str]], run: Callable[[str, dict[str, Any]], int]) -> None:
    """Run the backfill of each (label or type, property) pair not yet in ``indexed`` to the end;
    ``run(statement, params)`` executes one statement in its own transaction and returns ``done``."""
    for key, name in BACKFILLS.items():
        if key not in indexed:
            while run(cypher_text(name), {"limit": BACKFILL_BATCH}):
                pass


def falkordb_index_statements() -> list[tuple[str, str, str]]:
    """``(label or relationship type, property, statement)`` for each FalkorDB index statement."""
    out = []
    for statement in cypher_statements("write/schema_falkordb.cypher"):
        match = _FALKOR_INDEX.match(" ".join(statement.split()))
        if not match:
            raise StoreError(f"unexpected FalkorDB index statement: {statement!r}")
        out.append((match.group(1) or match.group(2), match.group(3), statement))
    return out


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
