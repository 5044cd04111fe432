"""The longest request URL the API reads, and the middleware that answers 414 beyond it.

Behind uvicorn's h11 parser a request head over 16 KiB (h11's default buffer) never reached the
app: the client got a bare ``400 Invalid HTTP request received.`` in plain text, while the same
request through TestClient got the app's 422. ``policykg serve`` therefore lets the HTTP layer
read heads up to :data:`SERVER_MAX_HEAD_BYTES`, and this middleware refuses a URL over
:data:`MAX_URL_BYTES` with ``414 URI Too Long`` and a JSON reason, whatever server runs the app.
"""

from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

# Path and query string as sent (percent-encoded). 16 KiB is what h11 read before for the whole
# head; no endpoint needs more (every text parameter is capped at 200-300 characters).
MAX_URL_BYTES = 16 * 1024
# What uvicorn's h11 parser may buffer of one request head, so that URLs between the two limits
# get the 414 above; a head beyond this is still refused by the HTTP layer (400, connection closed).
SERVER_MAX_HEAD_BYTES = 1024 * 1024


class UrlLengthLimit:
    """ASGI middleware: ``414`` with ``{"detail": ...}`` for a request URL over ``max_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_URL_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path = scope.get("raw_path") or scope["path"].encode("utf-8")
            size = len(path) + len(scope.get("query_string", b""))
            if size > self.max_bytes:
                detail = f"request URL too long: {size} bytes, at most {self.max_bytes}"
                await JSONResponse(status_code=414, content={"detail": detail})(scope, receive, send)
                return
        await self.app(scope, receive, send)
