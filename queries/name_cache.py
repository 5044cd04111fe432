"""A read store that remembers what the catalogue's name resolvers answered, for a short while.

Every named query that takes a province, agency, city or topic first resolves the name as
written (广东, 省工信厅, 绿色) against the graph: one or two extra statements, each a round
trip to the engine. On Neo4j these cost 3-8 ms of a 10-20 ms answer. A long-running reader
(the API) wraps its store in :class:`NameCache` so that repeated names resolve from memory::

    reader = NameCache(store, ttl_s=30)
    run_query(reader, "agency_profile", {"agency": "省工信厅", "province": "广东"})

Only the internal resolver statements (``queries/_*.cypher``) are remembered, and only
answers that found something: a name that was missing is asked again every time, so a
document ingested meanwhile is found at once. A name that disappears (``policykg reset``
in another process) keeps resolving for at most ``ttl_s`` seconds; the query itself then
finds nothing under it. Every other statement and attribute goes straight to the store.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from functools import cache
from typing import Any

from policykg.queries.catalogue import ReadStore, catalogue

DEFAULT_TTL_S = 30.0
MAX_ENTRIES = 4096


class NameCache:
    """``store`` with the answers of the name-resolver statements kept for ``ttl_s`` seconds."""

    def __init__(self, store: ReadStore, ttl_s: float = DEFAULT_TTL_S, max_entries: int = MAX_ENTRIES) -> None:
        self.store = store
        self.ttl_s = ttl_s
        self.max_entries = max_entries
        self._entries: dict[tuple[str, Any], tuple[float, list[dict[str, Any]]]] = {}
        self._lock = threading.Lock()

    def run_read(
        self, query: str, params: Mapping[str, Any] | None = None, timeout_ms: int | None = None,
        row_cap: int | None = None,
    ) -> list[dict[str, Any]]:
        if query not in _resolver_texts() or row_cap is not None:
            return self.store.run_read(query, params, timeout_ms=timeout_ms, row_cap=row_cap)
        key = (query, _hashable(params or {}))
        now = time.monotonic()
        with self._lock:
            hit = self._entries.get(key)
        if hit is not None and hit[0] > now:
            return [dict(row) for row in hit[1]]
        rows = self.store.run_read(query, params, timeout_ms=timeout_ms)
        if rows:
            with self._lock:
                if len(self._entries) >= self.max_entries:
                    self._entries.clear()
                self._entries[key] = (now + self.ttl_s, [dict(row) for row in rows])
        return rows

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)


@cache
def _resolver_texts() -> frozenset[str]:
    return frozenset(query.cypher for name, query in catalogue().items() if name.startswith("_"))


def _hashable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return tuple(sorted((str(key), _hashable(item)) for key, item in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_hashable(item) for item in value)
    return value
