"""The middleware that refuses control characters in a request's path or query parameters.

No name, term or id the API takes holds one, and FalkorDB's client sends parameters inlined
in the statement text, where a NUL byte made the engine refuse the statement (the API then
answered 503 "graph store unavailable" with the engine's error text). Refused here, the
client gets 422 naming the parameter, as for any other bad value.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MESSAGE = "control characters are not accepted"


class NoControlCharacters:
    """ASGI middleware: ``422`` with a validation-style ``detail`` for a control character in the URL."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            problems = _problems(scope["path"], scope.get("query_string", b""))
            if problems:
                await JSONResponse(status_code=422, content={"detail": problems})(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _problems(path: str, query_string: bytes) -> list[dict]:
    found = []
    if _CONTROL.search(path):
        found.append({"loc": ["path"], "msg": MESSAGE, "type": "value_error"})
    query = query_string.decode("latin-1")
    for name, value in parse_qsl(query, keep_blank_values=True, encoding="utf-8", errors="replace"):
        if _CONTROL.search(value) or _CONTROL.search(name):
            found.append({"loc": ["query", name], "msg": MESSAGE, "type": "value_error"})
    return found
