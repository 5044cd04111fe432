"""The API documentation page (``/docs``), served with Swagger UI's files from a registry package.

FastAPI's own ``/docs`` loads Swagger UI from a CDN and is a blank page offline. The files here
come from the ``swagger-ui-bundle-v2`` package (Swagger UI 5, which reads OpenAPI 3.1) and are
served by the app itself, so the page makes no request outside the server it came from.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path as FilePath
from typing import Annotated

import swagger_ui_bundle
from fastapi import APIRouter, Path, Request
from fastapi.openapi.docs import get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse, Response

from policykg.errors import NotFoundError

router = APIRouter(include_in_schema=False)

DOCS_URL = "/docs"
ASSET_PREFIX = "/docs/assets"
# The files the page loads, and their media types: nothing else of the package is served.
DOC_ASSETS = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "favicon-32x32.png": "image/png",
}


@router.get(DOCS_URL, response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """Swagger UI over /openapi.json, with its script and style from this server."""
    root = request.scope.get("root_path", "")
    return get_swagger_ui_html(
        openapi_url=f"{root}{request.app.openapi_url}",
        title=f"{request.app.title} — API 文档",
        swagger_js_url=f"{root}{ASSET_PREFIX}/swagger-ui-bundle.js",
        swagger_css_url=f"{root}{ASSET_PREFIX}/swagger-ui.css",
        swagger_favicon_url=f"{root}{ASSET_PREFIX}/favicon-32x32.png",
        oauth2_redirect_url=f"{root}{DOCS_URL}/oauth2-redirect",
    )


@router.get(f"{DOCS_URL}/oauth2-redirect", response_class=HTMLResponse)
def oauth2_redirect() -> HTMLResponse:
    return get_swagger_ui_oauth2_redirect_html()


@router.get(f"{ASSET_PREFIX}/{{name}}")
def doc_asset(name: Annotated[str, Path(max_length=60)]) -> Response:
    if name not in DOC_ASSETS:
        raise NotFoundError(f"no documentation asset {name!r}")
    return Response(_asset_bytes(name), media_type=DOC_ASSETS[name], headers={"Cache-Control": "max-age=86400"})


@cache
def _asset_bytes(name: str) -> bytes:
    return (FilePath(swagger_ui_bundle.swagger_ui_path) / name).read_bytes()
