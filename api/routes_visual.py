"""Graph visuals over HTTP: ``/visual/{kind}`` (a self-contained HTML page), ``/visual/{kind}/data`` (its JSON)
and the static assets of the explorer page (served at ``/`` by ``routes_system``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response

from policykg.api.routes_common import StoreDep
from policykg.errors import NotFoundError
from policykg.visual.render import (
    ASSETS,
    KINDS,
    MAP_KIND,
    asset_text,
    build_graph,
    describe_kinds,
    graph_page,
    map_data,
    map_page,
)

router = APIRouter(prefix="/visual", tags=["visual"])

KindName = Annotated[str, Path(max_length=40, description=f"one of: {', '.join(KINDS)}")]
MEDIA_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


@router.get("")
def kinds() -> list[dict[str, Any]]:
    """The visual kinds, what each shows and its query-string parameters."""
    return describe_kinds()


@router.get("/assets/{name}", include_in_schema=False)
def asset(name: Annotated[str, Path(max_length=60)]) -> Response:
    """vis-network (the copy shipped with pyvis) and the explorer's script, so pages need no CDN."""
    if name not in ASSETS:
        raise NotFoundError(f"no asset {name!r}")
    media = MEDIA_TYPES.get(name[name.rfind("."):], "text/plain; charset=utf-8")
    return Response(asset_text(name), media_type=media, headers={"Cache-Control": "max-age=3600"})


@router.get("/map/data", responses={404: {"description": "no such province or topic"}})
def cluster_map_data(request: Request, store: StoreDep) -> dict[str, Any]:
    """The cluster map as JSON: province outlines (SVG paths), measures per province, cities with their clusters."""
    return map_data(store, dict(request.query_params))


@router.get("/map", response_class=HTMLResponse, responses={404: {"description": "no such province or topic"}})
def cluster_map_page(request: Request, store: StoreDep) -> HTMLResponse:
    """The cluster map as one self-contained HTML page (offline geometry): provinces coloured by measures,
    cities as points (size = clusters and measures) linked to their clusters; `province` zooms to one province."""
    return HTMLResponse(map_page(map_data(store, dict(request.query_params))))


@router.get("/{kind}/data", responses={404: {"description": "unknown kind or named thing"},
                                       422: {"description": "bad parameters"}})
def graph_data(request: Request, store: StoreDep, kind: KindName) -> dict[str, Any]:
    """The graph of a visual as JSON (vis-network nodes and edges, legend, notes, shown/total node counts)."""
    _known(kind)
    return build_graph(store, kind, dict(request.query_params)).to_dict()


@router.get("/{kind}", response_class=HTMLResponse,
            responses={404: {"description": "unknown kind or named thing"}, 422: {"description": "bad parameters"}})
def graph_html(request: Request, store: StoreDep, kind: KindName) -> HTMLResponse:
    """A visual as one self-contained HTML page (vis-network inline, works offline).

    Parameters are the query-string arguments, e.g. `/visual/agency?agency=省工信厅&province=广东省`;
    `max_nodes` caps the graph (a note says "showing N of M").
    """
    _known(kind)
    return HTMLResponse(graph_page(build_graph(store, kind, dict(request.query_params))))


def _known(kind: str) -> None:
    if kind not in KINDS:
        raise NotFoundError(f"unknown visual kind {kind!r}; known kinds: {', '.join([*KINDS, MAP_KIND])}")
