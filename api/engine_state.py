"""What the API tells a client about its graph engine: why it cannot answer, and its counts.

A reason never holds a file-system path, Cypher or the engine's own error text: those go to
the server log (logger ``policykg.api``), where the operator reads them.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from policykg.errors import StoreError, StoreRefused, StoreUnavailable

log = logging.getLogger("policykg.api")


def public_reason(exc: StoreError, engine: str) -> str:
    """Why the engine cannot answer, in words safe to send to any client; the details are logged."""
    log.warning("graph store (%s): %s", engine, exc)
    if isinstance(exc, StoreUnavailable):
        return f"the {engine} engine cannot be reached (it may be starting or restarting); retry shortly"
    if isinstance(exc, StoreRefused):
        return f"the {engine} engine could not run this request with these parameters"
    return f"the {engine} engine could not be opened or failed; the server log says why"


class CountsCache:
    """The store's node and relationship counts, computed at most once per ``ttl_s`` seconds.

    Counting reads every label and relationship type (hundreds of ms on a few hundred
    documents). Concurrent callers wait for one count instead of each starting their own.
    """

    def __init__(self, ttl_s: float) -> None:
        self.ttl_s = ttl_s
        self._lock = threading.Lock()
        self._counts: dict[str, Any] | None = None
        self._at = 0.0

    def counts(self, store: Any) -> tuple[dict[str, Any], float]:
        """``(counts, seconds since they were computed)``; StoreError when they must be computed and cannot."""
        with self._lock:
            if self._counts is None or time.monotonic() - self._at >= self.ttl_s:
                self._counts = store.counts()
                self._at = time.monotonic()
            return self._counts, time.monotonic() - self._at
