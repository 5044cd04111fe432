"""System endpoints: the home page, health, the query catalogue and ad-hoc read-only Cypher."""

from __future__ import annotations

import html
import math
import re
from importlib import resources
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.responses import HTMLResponse, JSONResponse
from neo4j.exceptions import ClientError as Neo4jClientError
from redis.exceptions import ResponseError as RedisResponseError

from policykg.api.models import CypherRequest, CypherResult, Health, HealthUnavailable, QueryInfo, QueryResult
from policykg.api.routes_common import StoreDep, get_settings_of, get_store
from policykg.errors import QueryError, StoreError
from policykg.queries.catalogue import get_query, list_queries, run_query
from policykg.settings import Settings

router = APIRouter()

EXPLORER_PAGE = "explorer.html"
# LOAD CSV reads files and URLs on the engine's host (Neo4j even in a read transaction):
# the words LOAD … CSV anywhere in an ad-hoc statement (comments may sit between them).
_LOAD_CSV = re.compile(r"(?<![a-z_])load(?![a-z0-9_])[\s\S]*?(?<![a-z0-9_])csv(?![a-z0-9_])", re.IGNORECASE)


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home(request: Request) -> HTMLResponse:
    """The explorer page when it is packaged, else a page listing the endpoints."""
    explorer = resources.files("policykg.visual").joinpath(EXPLORER_PAGE)
    if explorer.is_file():
        return HTMLResponse(explorer.read_text(encoding="utf-8"))
    return HTMLResponse(_endpoint_list_page(request))


def _endpoint_list_page(request: Request) -> str:
    items = []
    for path, operations in request.app.openapi()["paths"].items():
        for method, operation in operations.items():
            items.append(f"<li><code>{html.escape(method.upper())} {html.escape(path)}</code> — "
                         f"{html.escape(_first_line(operation))}</li>")
    return ("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>policykg</title></head>"
            "<body><h1>policykg 产业政策知识图谱</h1>"
            "<p>API 文档: <a href=\"/docs\">/docs</a> · OpenAPI: <a href=\"/openapi.json\">/openapi.json</a></p>"
            f"<ul>{''.join(items)}</ul></body></html>")


def _first_line(operation: dict) -> str:
    lines = (operation.get("description") or operation.get("summary") or "").strip().splitlines()
    return lines[0] if lines else ""


@router.get("/health", response_model=Health, tags=["system"],
            responses={503: {"model": HealthUnavailable, "description": "the graph engine cannot be reached"}})
def health(request: Request) -> Any:
    """The engine in use and the node and relationship counts; 503 with the reason when unreachable."""
    settings: Settings = request.app.state.settings
    try:
        store = get_store(request)
        return {"status": "ok", "engine": store.engine, "counts": store.counts()}
    except StoreError as exc:
        return JSONResponse(status_code=503, content={"status": "unavailable",
                                                      "engine": settings.resolved_engine, "reason": str(exc)})


@router.get("/queries", response_model=list[QueryInfo], tags=["queries"])
def queries() -> list[dict]:
    """The named queries: what each answers and its parameters."""
    return [query.describe() for query in list_queries()]


@router.get("/queries/{name}", response_model=QueryResult, tags=["queries"],
            responses={404: {"description": "unknown query"}, 422: {"description": "bad parameters"}})
def run_named(request: Request, store: StoreDep, name: Annotated[str, Path(max_length=100)]) -> dict:
    """Run a named query; its parameters are the query-string arguments (see GET /queries)."""
    get_query(name)
    params = dict(request.query_params)
    return {"name": name, "params": params, "rows": _jsonable(run_query(store, name, params))}


@router.post("/cypher", response_model=CypherResult, tags=["queries"],
             responses={400: {"description": "the engine refused the statement (a write, a syntax error, a timeout)"},
                        403: {"description": "ad-hoc Cypher is disabled"}})
def cypher(request: Request, body: CypherRequest,
           settings: Annotated[Settings, Depends(get_settings_of)]) -> dict:
    """Run one ad-hoc read-only Cypher statement (only when POLICYKG_CYPHER_ENDPOINT is on).

    The engine itself refuses writes; the statement runs with the configured timeout and row cap.
    """
    if not settings.cypher_endpoint:
        raise HTTPException(status_code=403,
                            detail="ad-hoc Cypher is disabled; set POLICYKG_CYPHER_ENDPOINT=true to enable it")
    if _LOAD_CSV.search(body.query):
        raise HTTPException(status_code=400, detail="ad-hoc Cypher does not run LOAD CSV: it reads files and URLs "
                                                    "on the graph engine's host")
    store = get_store(request)
    try:
        rows = store.run_read(body.query, body.params, timeout_ms=settings.cypher_timeout_ms,
                              row_cap=settings.cypher_row_cap)
    except StoreError as exc:
        if engine_refused(exc):
            raise QueryError(f"the engine refused the statement: {exc}") from exc
        raise
    columns = list(rows[0]) if rows else []
    return {"columns": columns, "rows": _jsonable(rows), "row_count": len(rows),
            "truncated": len(rows) >= settings.cypher_row_cap}


def engine_refused(exc: StoreError) -> bool:
    """Whether the engine refused the statement itself (a write, bad syntax, a timeout), not an unreachable engine."""
    return isinstance(exc.__cause__, RedisResponseError | Neo4jClientError)


def _jsonable(value: Any) -> Any:
    """Engine values -> JSON values (temporal and other driver types as strings, NaN as null)."""
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
