"""The few named exceptions that policykg raises to its callers."""

from __future__ import annotations

from pathlib import Path


class PolicyKGError(Exception):
    """Base class of every error policykg raises on purpose."""


class ExtractionError(PolicyKGError):
    """A document could not be read or understood; names the file and the reason."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class StoreError(PolicyKGError):
    """The graph store could not be started, reached or written."""


class StoreUnavailable(StoreError):
    """The graph engine cannot be reached (down, restarting, refusing connections), as opposed to refusing a statement."""


class QueryError(PolicyKGError):
    """A named query is unknown, or got missing or bad parameters."""


class NotFoundError(QueryError):
    """An agency, city, measure or other named thing does not exist in the graph."""
