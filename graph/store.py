"""One store interface over both engines: embedded FalkorDB and Neo4j 5.

``open_store(settings=None)`` picks the engine from the settings
(``POLICYKG_ENGINE``, else Neo4j when ``NEO4J_URI`` is set, else embedded FalkorDB)
and returns a :class:`GraphStore`:

- ``store.engine`` -> ``"falkordb"`` | ``"neo4j"``
- ``store.run(query, params)`` -> ``list[dict]``: a write-capable statement; on Neo4j
  one transaction, on FalkorDB one ``GRAPH.QUERY`` (atomic by itself).
- ``store.run_read(query, params, timeout_ms=None, row_cap=None)`` -> ``list[dict]``:
  read-only, enforced by the engine (Neo4j READ access mode, FalkorDB
  ``GRAPH.RO_QUERY``); ``timeout_ms`` is passed to the engine; at most ``row_cap`` rows.
- ``store.ensure_schema()``, ``store.counts()``, ``store.reset()``, ``store.close()``;
  a store is a context manager. ``store.supervise()`` restarts an embedded engine that
  exits, until the store is closed (``policykg serve``).

Rows are plain dicts keyed by the RETURN column names; nodes and relationships
come back as dicts of their properties, paths as lists of those.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any, Literal

from policykg.graph.statements import cypher_text
from policykg.settings import Settings, get_settings

Engine = Literal["falkordb", "neo4j"]
Row = dict[str, Any]
_SCALARS = frozenset({str, int, float, bool, type(None)})


def plain(value: Any, unwrap: Callable[[Any], Any]) -> Any:
    """A value from a driver as plain Python: lists, str-keyed dicts and scalars.

    ``unwrap`` turns the driver's own objects into dicts or lists (a node or a relationship
    into its properties, a path into its nodes) and returns any other value as it is.
    Scalars, lists and dicts are recognised by their exact type first: an answer of a few
    hundred rows holds thousands of values (1-2 ms per answer through ``isinstance`` chains).
    """
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list:
        return [item if type(item) in _SCALARS else plain(item, unwrap) for item in value]
    if kind is dict:
        return {str(key): item if type(item) in _SCALARS else plain(item, unwrap) for key, item in value.items()}
    unwrapped = unwrap(value)
    if unwrapped is not value:
        return plain(unwrapped, unwrap)
    if isinstance(value, Mapping):
        return {str(key): plain(item, unwrap) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item, unwrap) for item in value]
    return value


class GraphStore(ABC):
    """A graph database holding the policy graph (see graph/MODEL.md)."""

    engine: Engine

    @abstractmethod
    def run(self, query: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run one write-capable statement atomically and return its rows."""

    @abstractmethod
    def run_read(
        self,
        query: str,
        params: Mapping[str, Any] | None = None,
        timeout_ms: int | None = None,
        row_cap: int | None = None,
    ) -> list[Row]:
        """Run one read-only statement (the engine refuses writes) and return at most ``row_cap`` rows."""

    @abstractmethod
    def ensure_schema(self) -> None:
        """Create the uniqueness constraints and indexes of graph/MODEL.md that are missing."""

    @abstractmethod
    def close(self) -> None:
        """Release connections (and stop an embedded server this store started)."""

    def supervise(self) -> None:
        """Keep an embedded engine running (restart it when it exits) until :meth:`close`; a no-op
        for an engine the store does not run (Neo4j)."""
        return None

    def counts(self) -> dict[str, dict[str, int]]:
        """``{"nodes": {label: n}, "relationships": {type: n}}``."""
        nodes = self.run_read(cypher_text("store/label_counts.cypher"))
        rels = self.run_read(cypher_text("store/relationship_counts.cypher"))
        return {
            "nodes": {row["label"]: int(row["count"]) for row in nodes},
            "relationships": {row["type"]: int(row["count"]) for row in rels},
        }

    def province_counts(self) -> list[Row]:
        """Per province: documents, measures, agencies holding a role, targets."""
        return self.run_read(cypher_text("store/province_counts.cypher"))

    def reset(self) -> None:
        """Delete every node and relationship; constraints and indexes stay."""
        self.run(cypher_text("write/reset.cypher"))

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def open_store(settings: Settings | None = None) -> GraphStore:
    """The store the settings point at, connected, with its schema in place."""
    settings = settings or get_settings()
    if settings.resolved_engine == "neo4j":
        from policykg.graph.neo4j_store import Neo4jStore

        store: GraphStore = Neo4jStore(settings)
    else:
        from policykg.graph.falkordb_store import FalkorDBStore

        store = FalkorDBStore(settings)
    try:
        store.ensure_schema()
    except BaseException:
        store.close()
        raise
    return store
