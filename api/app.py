"""The FastAPI application: ``create_app(store=None, settings=None)``.

Without a ``store`` the app opens the one the settings point at on first use
and closes it on shutdown. Errors map to statuses by cause: unknown names -> 404,
bad parameters (control characters included) -> 422, a statement the engine refuses -> 400,
a URL over 16 KiB -> 414, an engine that cannot be reached or fails -> 503. A 4xx or 503
body never holds Cypher, engine error text or file-system paths (those are logged).
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from policykg.api import routes_docs, routes_graph, routes_overlap, routes_system, routes_visual
from policykg.api.engine_state import CountsCache, public_reason
from policykg.api.url_limit import UrlLengthLimit
from policykg.api.url_text import NoControlCharacters
from policykg.errors import NotFoundError, QueryError, StoreError, StoreRefused, StoreUnavailable
from policykg.queries.catalogue import ReadStore, prepare_queries
from policykg.settings import Settings, get_settings


def create_app(store: ReadStore | None = None, settings: Settings | None = None,
               supervise_engine: bool = False) -> FastAPI:
    """The policykg HTTP API over ``store`` (opened lazily from ``settings`` when not given).

    ``supervise_engine``: the store the app opens restarts its embedded engine whenever it
    exits (``policykg serve``), until the app shuts down.
    """
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        prepare_queries()  # name-resolution tables loaded before the first request; collector kept off them
        yield
        if app.state.owns_store and app.state.store is not None:
            app.state.store.close()
            app.state.store = None
            app.state.reader = None

    app = FastAPI(
        title="policykg",
        summary="跨省产业政策知识图谱 — cross-province industrial-policy knowledge graph",
        description="Named Cypher queries over policy documents, measures, agencies, topics, places and targets. "
                    "Every answer quotes its source sentences.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # FastAPI's /docs loads Swagger UI from a CDN: routes_docs serves it offline
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.reader = None
    app.state.owns_store = False
    app.state.supervise_engine = supervise_engine
    app.state.store_lock = threading.Lock()
    app.state.counts_cache = CountsCache(settings.status_cache_s)
    app.state.cypher_slots = threading.BoundedSemaphore(settings.cypher_concurrency)
    app.add_middleware(NoControlCharacters)  # 422 for a control character in the path or a parameter
    app.add_middleware(UrlLengthLimit)  # 414 for a too-long URL (checked before the characters); CORS wraps both
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["*"])
    _add_error_handlers(app)
    app.include_router(routes_system.router)
    app.include_router(routes_docs.router)
    app.include_router(routes_overlap.router)  # before routes_graph: /measures/{id}/overlaps
    app.include_router(routes_graph.router)
    app.include_router(routes_visual.router)
    return app


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotFoundError)
    async def not_found(_: Request, exc: NotFoundError) -> JSONResponse:
        return JSONResponse(status_code=404, content={"detail": str(exc)})

    @app.exception_handler(QueryError)
    async def bad_query(_: Request, exc: QueryError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": str(exc)})

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        engine = request.app.state.settings.resolved_engine
        reason = public_reason(exc, engine)
        if isinstance(exc, StoreRefused):  # the request, not the engine: the engine still answers
            return JSONResponse(status_code=400, content={"detail": reason})
        prefix = "graph store unavailable" if isinstance(exc, StoreUnavailable) else "graph store error"
        return JSONResponse(status_code=503, headers={"Retry-After": str(routes_system.RETRY_AFTER_S)},
                            content={"detail": f"{prefix}: {reason}"})
