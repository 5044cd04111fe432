"""What every route module shares: the store of the app, running a named query, paging its rows."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Query, Request

from policykg.queries.catalogue import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET, ReadStore, run_query
from policykg.queries.name_cache import NameCache
from policykg.settings import Settings

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="page size")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")]
Text = Annotated[str, Query(min_length=1, max_length=200)]
OptionalText = Annotated[str | None, Query(max_length=200)]


def get_settings_of(request: Request) -> Settings:
    return request.app.state.settings


def get_store(request: Request) -> ReadStore:
    """The app's store, opened on first use (StoreError -> 503 when the engine cannot be reached),
    seen through a :class:`NameCache` when ``POLICYKG_NAME_CACHE_S`` is above 0."""
    state = request.app.state
    if state.reader is None:
        with state.store_lock:
            if state.store is None:
                from policykg.graph.store import open_store

                state.store = open_store(state.settings)
                state.owns_store = True
                if state.supervise_engine:
                    state.store.supervise()
            if state.reader is None:
                ttl = state.settings.name_cache_s
                state.reader = NameCache(state.store, ttl_s=ttl) if ttl > 0 else state.store
    return state.reader


StoreDep = Annotated[ReadStore, Depends(get_store)]


def named_rows(store: ReadStore, name: str, **params: Any) -> list[dict[str, Any]]:
    """Rows of the named query ``name`` (parameters left as ``None`` are not passed)."""
    return run_query(store, name, {key: value for key, value in params.items() if value is not None})


def page(store: ReadStore, name: str, limit: int = DEFAULT_LIMIT, offset: int = 0, **params: Any) -> dict[str, Any]:
    """One page of a paginated named query; ``has_more`` comes from asking for one row past the page."""
    if limit < MAX_LIMIT:
        rows = named_rows(store, name, limit=limit + 1, offset=offset, **params)
        has_more = len(rows) > limit
    else:
        rows = named_rows(store, name, limit=limit, offset=offset, **params)
        has_more = offset + limit <= MAX_OFFSET and bool(
            named_rows(store, name, limit=1, offset=offset + limit, **params))
    items = rows[:limit]
    return {"items": items, "limit": limit, "offset": offset, "count": len(items), "has_more": has_more}
