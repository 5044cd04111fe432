"""The embedded FalkorDB store: one graph in a ``redis-server`` under ``settings.falkordb_dir``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import redis
from falkordb import FalkorDB
from falkordb.edge import Edge
from falkordb.node import Node
from falkordb.path import Path as FalkorPath

from policykg.errors import QueryTimeout, StoreError, StoreRefused, StoreUnavailable
from policykg.graph.falkordb_server import FalkorDBServer
from policykg.graph.schema import ensure_falkordb_schema
from policykg.graph.statements import cypher_text
from policykg.graph.store import GraphStore, Row, plain
from policykg.settings import Settings

ROW_CAP_TEMPLATE = "store/falkordb_row_cap.cypher"
ROW_CAP_PARAM = "policykg_row_cap"
_STATEMENT_SLOT = "// statement"
# Replies of a server that is out of memory, cannot persist or is shutting down: the engine is
# in trouble, not the statement.
_ENGINE_TROUBLE = ("OOM", "MISCONF", "LOADING", "SHUTDOWN")


class FalkorDBStore(GraphStore):
    """FalkorDB over a unix socket; starts the embedded server unless one already runs.

    A server this store started (or adopted, its owner gone) is stopped (``SHUTDOWN SAVE``)
    by :meth:`close`; a server found running with its owner alive is left running.
    """

    engine = "falkordb"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.server = FalkorDBServer(settings.falkordb_dir)
        self.server.start()
        try:
            self._db = FalkorDB(unix_socket_path=str(self.server.socket_path))
            self.graph = self._db.select_graph(settings.graph_name)
        except (redis.RedisError, OSError) as exc:
            self.server.release()
            raise StoreUnavailable(f"cannot reach FalkorDB at {self.server.socket_path}: {exc}") from exc

    @property
    def owns_server(self) -> bool:
        """Whether this store stops the server when closed (it started or adopted it)."""
        return self.server.owned

    def supervise(self) -> None:
        """Restart the embedded server whenever it exits, until the store is closed (``policykg serve``)."""
        self.server.supervise()

    def run(self, query: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        try:
            result = self.graph.query(query, dict(params) if params else None)
        except (redis.RedisError, OSError) as exc:
            raise self._error(exc) from exc
        return _rows(result.header, result.result_set)

    def run_read(
        self,
        query: str,
        params: Mapping[str, Any] | None = None,
        timeout_ms: int | None = None,
        row_cap: int | None = None,
    ) -> list[Row]:
        """With ``row_cap`` the statement runs inside ``CALL { … } RETURN * LIMIT row_cap``
        (``graph/cypher/store/falkordb_row_cap.cypher``): columns come in alphabetical order."""
        values = dict(params) if params else {}
        if row_cap is not None:
            query = capped(query)
            values[ROW_CAP_PARAM] = int(row_cap)  # set last: a parameter of that name given by the caller is replaced
        try:
            result = self.graph.ro_query(query, values or None, timeout=timeout_ms)
        except (redis.RedisError, OSError) as exc:
            raise self._error(exc) from exc
        return _rows(result.header, result.result_set)

    def ensure_schema(self) -> None:
        ensure_falkordb_schema(self._db, self.graph)

    def _error(self, exc: Exception) -> StoreError:
        """StoreUnavailable when the server cannot be reached (down, loading) or is in trouble,
        QueryTimeout / StoreRefused when it refused the statement, else StoreError."""
        if isinstance(exc, redis.ConnectionError | redis.TimeoutError | OSError):
            return StoreUnavailable(f"FalkorDB unavailable at {self.server.socket_path}: {exc}")
        if isinstance(exc, redis.ResponseError):
            text = str(exc)
            if text.startswith(_ENGINE_TROUBLE):
                return StoreUnavailable(f"FalkorDB cannot answer: {text}")
            if "timed out" in text:
                return QueryTimeout(f"FalkorDB: {text}")
            return StoreRefused(f"FalkorDB: {text}")
        return StoreError(f"FalkorDB: {exc}")

    def close(self) -> None:
        try:
            self._db.close()
        finally:
            self.server.release()


def capped(statement: str) -> str:
    """``statement`` inside the row-cap template (a trailing ``;`` dropped)."""
    body = statement.strip().rstrip(";").strip()
    return "\n".join(body if line == _STATEMENT_SLOT else line for line in cypher_text(ROW_CAP_TEMPLATE).splitlines())


def _rows(header: list, result_set: list[list[Any]]) -> list[Row]:
    names = [column[1] if isinstance(column, (list, tuple)) else column for column in header]
    names = [name.decode() if isinstance(name, bytes) else str(name) for name in names]
    return [dict(zip(names, (plain(value, _unwrap) for value in row), strict=True)) for row in result_set]


def _unwrap(value: Any) -> Any:
    """Nodes and edges as their property dicts, paths as their nodes; anything else as it is."""
    if isinstance(value, (Node, Edge)):
        return dict(value.properties)
    if isinstance(value, FalkorPath):
        return list(value.nodes())
    return value
