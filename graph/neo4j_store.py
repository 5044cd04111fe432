"""The Neo4j 5 store, through the official ``neo4j`` driver (``NEO4J_URI`` / ``NEO4J_USER`` / ``NEO4J_PASSWORD``)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import ClientError, Neo4jError, ServiceUnavailable, SessionExpired
from neo4j.graph import Node, Path, Relationship

from policykg.errors import QueryTimeout, StoreError, StoreRefused, StoreUnavailable
from policykg.graph.schema import neo4j_schema_statements, run_backfills
from policykg.graph.statements import assembled_cypher, cypher_text
from policykg.graph.store import GraphStore, Row, plain
from policykg.settings import Settings

# How long a transaction is retried after a transient error (a deadlock) or a lost connection.
# The driver's default, 30 s, kept every API request and every document of an ingest waiting
# half a minute (a write about a minute) before reporting an engine that is down.
RETRY_S = 5.0
_UNAVAILABLE = (ServiceUnavailable, SessionExpired)

# Statements Neo4j runs from their cached plan even when the graph's statistics have moved
# (the query option ``CYPHER replan=skip``: Neo4j-only syntax, so it is added here and not
# written in the .cypher files both engines read). The documents statement (``write/documents/``) runs once per
# batch of documents: while a load grows the graph, Neo4j's default policy re-plans its ~200 operators
# (1-5 s each time) every ``dbms.cypher.min_replan_interval`` (10 s), while its access paths
# are unique-index seeks whatever the statistics (the same seeks planned on an empty graph
# and on 1 000 documents). A store-side option reaches every Neo4j server (the Docker image
# too), and a planner setting on the server would also freeze the plans of read queries.
KEEP_PLAN_PARTS = ("write/documents",)  # statements written in parts (graph/statements.py assembled_cypher)
REPLAN_SKIP = "CYPHER replan=skip\n"


class Neo4jStore(GraphStore):
    """A Neo4j server reached with the official driver; writes in one transaction each."""

    engine = "neo4j"

    def __init__(self, settings: Settings) -> None:
        if not settings.neo4j_uri:
            raise StoreError("POLICYKG_ENGINE=neo4j needs NEO4J_URI (e.g. bolt://localhost:7687)")
        self.settings = settings
        self._database = settings.neo4j_database
        try:
            self._driver = GraphDatabase.driver(
                settings.neo4j_uri, auth=(settings.neo4j_user, settings.neo4j_password),
                max_transaction_retry_time=RETRY_S,
                # The catalogue is written in the dialect both engines read, e.g. `CALL { WITH a ... }`
                # that Neo4j 5.26 calls deprecated; the server's warning about it is not news per call.
                notifications_disabled_classifications=[neo4j.NotificationDisabledClassification.DEPRECATION],
            )
            self._driver.verify_connectivity()
        except (*_UNAVAILABLE, OSError) as exc:
            raise StoreUnavailable(f"cannot reach Neo4j at {settings.neo4j_uri}: {exc}") from exc
        except (Neo4jError, ValueError) as exc:
            raise StoreError(f"cannot reach Neo4j at {settings.neo4j_uri}: {exc}") from exc

    def run(self, query: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        query = with_query_options(query)

        def work(tx: neo4j.ManagedTransaction) -> list[Row]:
            return [_record(record) for record in tx.run(query, dict(params or {}))]

        try:
            with self._driver.session(database=self._database) as session:
                return session.execute_write(work)
        except _UNAVAILABLE as exc:
            raise self._unavailable(exc) from exc
        except Neo4jError as exc:
            raise refused_or_error(exc) from exc

    def run_read(
        self,
        query: str,
        params: Mapping[str, Any] | None = None,
        timeout_ms: int | None = None,
        row_cap: int | None = None,
    ) -> list[Row]:
        """One auto-commit read (one round trip instead of BEGIN, RUN and COMMIT: about 1 ms less per
        call); after a lost connection, once more as a managed read, which the driver retries.

        ``timeout_ms`` is the server's transaction timeout. With ``row_cap`` the driver pulls
        ``row_cap`` records per request and the rest is discarded on the server, unsent.
        """
        timeout = timeout_ms / 1000 if timeout_ms else None
        try:
            with self._session(row_cap) as session:
                return _rows(session.run(neo4j.Query(query, timeout=timeout), dict(params or {})), row_cap)
        except _UNAVAILABLE:
            pass  # a pooled connection the server dropped (a restart): retried below
        except Neo4jError as exc:
            raise refused_or_error(exc) from exc
        return self._managed_read(query, params, timeout, row_cap)

    def _session(self, row_cap: int | None) -> neo4j.Session:
        if row_cap is None:
            return self._driver.session(database=self._database, default_access_mode=neo4j.READ_ACCESS)
        return self._driver.session(database=self._database, default_access_mode=neo4j.READ_ACCESS,
                                    fetch_size=max(1, int(row_cap)))

    def _managed_read(
        self, query: str, params: Mapping[str, Any] | None, timeout: float | None, row_cap: int | None,
    ) -> list[Row]:
        @neo4j.unit_of_work(timeout=timeout)
        def work(tx: neo4j.ManagedTransaction) -> list[Row]:
            return _rows(tx.run(query, dict(params or {})), row_cap)

        try:
            with self._session(row_cap) as session:
                return session.execute_read(work)
        except _UNAVAILABLE as exc:
            raise self._unavailable(exc) from exc
        except Neo4jError as exc:
            raise refused_or_error(exc) from exc

    def ensure_schema(self) -> None:
        try:
            with self._driver.session(database=self._database) as session:
                indexed = {(name, prop) for row in session.run(cypher_text("store/neo4j_indexes.cypher"))
                           for name in row["labelsOrTypes"] or () for prop in row["properties"] or ()}
                run_backfills(indexed, lambda text, params: session.run(text, params).single()["done"])
                for statement in neo4j_schema_statements():
                    session.run(statement).consume()
        except _UNAVAILABLE as exc:
            raise self._unavailable(exc) from exc
        except Neo4jError as exc:
            raise StoreError(f"Neo4j schema: {exc}") from exc

    def close(self) -> None:
        self._driver.close()

    def _unavailable(self, exc: Exception) -> StoreUnavailable:
        return StoreUnavailable(f"Neo4j unavailable at {self.settings.neo4j_uri}: {exc}")


def refused_or_error(exc: Neo4jError) -> StoreError:
    """QueryTimeout for a statement stopped at its timeout, StoreRefused for one the server refused
    (a client error: syntax, a write in a read transaction, a bad value; or the memory limit of a
    transaction), else StoreError."""
    code = exc.code or ""
    if "TransactionTimedOut" in code:
        return QueryTimeout(f"Neo4j: {exc}")
    if isinstance(exc, ClientError) or code.endswith("MemoryPoolOutOfMemoryError"):
        return StoreRefused(f"Neo4j: {exc}")
    return StoreError(f"Neo4j: {exc}")


def with_query_options(query: str) -> str:
    """``query`` as Neo4j should run it: ``CYPHER replan=skip`` before a :data:`KEEP_PLAN_PARTS` statement."""
    return REPLAN_SKIP + query if query in _keep_plan_texts() else query


@cache
def _keep_plan_texts() -> frozenset[str]:
    return frozenset(assembled_cypher(name) for name in KEEP_PLAN_PARTS)


def _rows(result: neo4j.Result, row_cap: int | None) -> list[Row]:
    """At most ``row_cap`` records; stops before asking the server for more than it needs."""
    rows: list[Row] = []
    if row_cap is not None and row_cap < 1:
        return rows
    for record in result:
        rows.append(_record(record))
        if row_cap is not None and len(rows) >= row_cap:
            break
    return rows


def _record(record: neo4j.Record) -> Row:
    return {key: plain(value, _unwrap) for key, value in record.items()}


def _unwrap(value: Any) -> Any:
    """Nodes and relationships as their property dicts, paths as their nodes; anything else as it is."""
    if isinstance(value, (Node, Relationship)):
        return dict(value.items())
    if isinstance(value, Path):
        return list(value.nodes)
    return value
