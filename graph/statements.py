"""Cypher text packaged with policykg: one statement per ``.cypher`` file.

The graph layer's own statements live under ``graph/cypher/``: ``write/`` (what loading, the
overlap analysis and the summaries write, and the schema) and ``store/`` (what the stores
read for themselves). The named, user-facing catalogue is ``queries/`` (``queries/catalogue.py``
reads its files with :func:`packaged_cypher`).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from policykg.errors import QueryError


@cache
def packaged_cypher(package: str, relpath: str) -> str:
    """The text of the file ``relpath`` (e.g. ``"write/documents.cypher"``) of ``package``, read once and cached.

    Leading ``//`` comment lines are kept: both engines accept them.
    """
    if relpath.startswith("/") or ".." in relpath.split("/") or not relpath.endswith(".cypher"):
        raise QueryError(f"not a packaged .cypher path: {relpath!r}")
    resource = resources.files(package).joinpath(relpath)
    if not resource.is_file():
        raise QueryError(f"no packaged Cypher file {package}/{relpath}")
    return resource.read_text(encoding="utf-8").strip()


def cypher_text(relpath: str) -> str:
    """The text of ``graph/cypher/<relpath>`` (``"write/documents.cypher"``, ``"store/ping.cypher"``)."""
    return packaged_cypher("policykg.graph", f"cypher/{relpath}")


@cache
def assembled_cypher(relfolder: str) -> str:
    """ONE statement written as parts: the ``.cypher`` files of ``graph/cypher/<relfolder>/`` in name order
    (``01_…``, ``02_…``), joined. Each part says what it writes and which Python builds its rows."""
    folder = resources.files("policykg.graph").joinpath(f"cypher/{relfolder}")
    names = sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".cypher"))
    if not names:
        raise QueryError(f"no packaged Cypher parts in graph/cypher/{relfolder}")
    return "\n".join(cypher_text(f"{relfolder}/{name}") for name in names)
