"""Cypher text packaged under ``policykg.queries``: one statement per ``.cypher`` file."""

from __future__ import annotations

from functools import cache
from importlib import resources

from policykg.errors import QueryError


@cache
def cypher_text(relpath: str) -> str:
    """The text of ``queries/<relpath>`` (e.g. ``"write/documents.cypher"``), read once and cached.

    Leading ``//`` comment lines are kept: both engines accept them.
    """
    if relpath.startswith("/") or ".." in relpath.split("/") or not relpath.endswith(".cypher"):
        raise QueryError(f"not a packaged .cypher path: {relpath!r}")
    resource = resources.files("policykg.queries").joinpath(relpath)
    if not resource.is_file():
        raise QueryError(f"no packaged Cypher file queries/{relpath}")
    return resource.read_text(encoding="utf-8").strip()


def cypher_statements(relpath: str) -> list[str]:
    """The ``;``-separated statements of a packaged ``.cypher`` file, without ``//`` comment lines."""
    code = "\n".join(line for line in cypher_text(relpath).splitlines() if not line.strip().startswith("//"))
    return [part.strip() for part in code.split(";") if part.strip()]
