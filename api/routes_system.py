"""System endpoints: the home page, health, the query catalogue and ad-hoc read-only Cypher."""

from __future__ import annotations

import html
import math
import re
import threading
from importlib import resources
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.responses import HTMLResponse, JSONResponse

from policykg.api.engine_state import public_reason
from policykg.api.models import (
    CypherRequest,
    CypherResult,
    Health,
    QueryInfo,
    QueryResult,
    Ready,
    Status,
    Unavailable,
)
from policykg.api.routes_common import StoreDep, get_settings_of, get_store
from policykg.errors import QueryTimeout, StoreError, StoreRefused
from policykg.graph.statements import cypher_text
from policykg.queries.catalogue import get_query, list_queries, run_query
from policykg.settings import Settings

router = APIRouter()

EXPLORER_PAGE = "explorer.html"
RETRY_AFTER_S = 5  # what a 503 asks a client to wait: the embedded engine restarts within a few seconds
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


@router.get("/health", response_model=Health, tags=["system"])
def health(request: Request) -> dict:
    """Liveness: the API process answers. The engine is not asked (see GET /ready and GET /status)."""
    return {"status": "ok", "engine": request.app.state.settings.resolved_engine}


@router.get("/ready", response_model=Ready, tags=["system"],
            responses={503: {"model": Unavailable, "description": "the graph engine cannot answer"}})
def ready(request: Request) -> Any:
    """Readiness: the engine answers a trivial read; 503 with the reason when it does not."""
    settings: Settings = request.app.state.settings
    try:
        get_store(request).run_read(cypher_text("store/ping.cypher"))
    except StoreError as exc:
        return _unavailable(settings, exc)
    return {"status": "ready", "engine": settings.resolved_engine}


@router.get("/status", response_model=Status, tags=["system"],
            responses={503: {"model": Unavailable, "description": "the graph engine cannot answer"}})
def status(request: Request) -> Any:
    """Node and relationship counts, computed at most once per POLICYKG_STATUS_CACHE_S seconds (default 30)."""
    settings: Settings = request.app.state.settings
    try:
        counts, age = request.app.state.counts_cache.counts(get_store(request))
    except StoreError as exc:
        return _unavailable(settings, exc)
    return {"status": "ok", "engine": settings.resolved_engine, "counts": counts, "counted_s_ago": round(age, 3)}


def _unavailable(settings: Settings, exc: StoreError) -> JSONResponse:
    engine = settings.resolved_engine
    return JSONResponse(status_code=503, headers={"Retry-After": str(RETRY_AFTER_S)},
                        content={"status": "unavailable", "engine": engine, "reason": public_reason(exc, engine)})


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
                        403: {"description": "ad-hoc Cypher is disabled"},
                        429: {"description": "as many ad-hoc statements as allowed are running; retry shortly"}})
def cypher(request: Request, body: CypherRequest,
           settings: Annotated[Settings, Depends(get_settings_of)]) -> dict:
    """Run one ad-hoc read-only Cypher statement (only when POLICYKG_CYPHER_ENDPOINT is on).

    The engine itself refuses writes, stops the statement at POLICYKG_CYPHER_TIMEOUT_MS and
    sends at most POLICYKG_CYPHER_ROW_CAP rows (``truncated`` says when there were more);
    at most POLICYKG_CYPHER_CONCURRENCY statements run at once.
    """
    if not settings.cypher_endpoint:
        raise HTTPException(status_code=403,
                            detail="ad-hoc Cypher is disabled; set POLICYKG_CYPHER_ENDPOINT=true to enable it")
    if _LOAD_CSV.search(body.query):
        raise HTTPException(status_code=400, detail="ad-hoc Cypher does not run LOAD CSV: it reads files and URLs "
                                                    "on the graph engine's host")
    store = get_store(request)
    slots: threading.BoundedSemaphore = request.app.state.cypher_slots
    if not slots.acquire(blocking=False):
        raise HTTPException(status_code=429, headers={"Retry-After": "1"},
                            detail=f"{settings.cypher_concurrency} ad-hoc statement(s) are running, as many as "
                                   "POLICYKG_CYPHER_CONCURRENCY allows; retry shortly")
    cap = settings.cypher_row_cap
    try:  # one row past the cap tells whether there were more
        rows = store.run_read(body.query, body.params, timeout_ms=settings.cypher_timeout_ms, row_cap=cap + 1)
    except QueryTimeout:
        raise HTTPException(status_code=400, detail=f"the statement ran longer than {settings.cypher_timeout_ms} ms "
                                                    "(POLICYKG_CYPHER_TIMEOUT_MS) and was stopped") from None
    except StoreRefused as exc:
        raise HTTPException(status_code=400, detail=f"the engine refused the statement: {_engine_message(exc)}") \
            from None
    finally:
        slots.release()
    truncated = len(rows) > cap
    rows = rows[:cap]
    columns = list(rows[0]) if rows else []
    return {"columns": columns, "rows": _jsonable(rows), "row_count": len(rows), "truncated": truncated}


def _engine_message(exc: StoreRefused) -> str:
    """The engine's own words about the caller's statement: the first line of its message, without
    FalkorDB's error context (which quotes the row-cap wrapper around the statement), at most 300 characters."""
    cause = exc.__cause__
    text = str(getattr(cause, "message", None) or cause or exc)
    text = text.split(" errCtx:", 1)[0].removeprefix("errMsg: ").strip()
    return (text.splitlines() or ["refused"])[0][:300]


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
