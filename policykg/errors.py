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


class StoreRefused(StoreError):
    """The engine refused a statement it was given (its syntax, a write on a read-only call, a value it
    cannot take, a limit it reached): the request is at fault, not the engine, which still answers."""


class QueryTimeout(StoreRefused):
    """A statement ran longer than the timeout it was given and the engine stopped it."""


class QueryError(PolicyKGError):
    """A named query is unknown, or got missing or bad parameters."""


class NotFoundError(QueryError):
    """An agency, city, measure or other named thing does not exist in the graph."""
