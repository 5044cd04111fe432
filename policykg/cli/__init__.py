"""The ``policykg`` command: a thin typer layer over the public API (``policykg.library``).

Each command calls one function of ``policykg`` and prints what it returns; the commands are
grouped by what they work on: ``extract.py`` (files -> records), ``store.py`` (ingest, status,
refresh, reset), ``queries.py`` (the named queries), ``analysis.py`` (overlaps, compare,
networks), ``render.py``, ``server.py`` (serve, up) and ``neo4j.py`` (a local Neo4j).
"""

from __future__ import annotations

import signal
from types import FrameType

import typer

from policykg.cli import analysis, extract, neo4j, queries, render, server, store

app = typer.Typer(
    name="policykg",
    help="Cross-province policy knowledge graph: extract, ingest, query, serve.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """policykg: read Chinese industrial-policy documents into a knowledge graph."""


for module in (extract, store, queries, server, render, analysis, neo4j):
    module.register(app)


def main() -> None:  # pragma: no cover - console entry point
    # SIGTERM (docker stop, a supervisor, a test) unwinds like Ctrl-C, so that the embedded
    # FalkorDB server this process started is shut down instead of left running.
    signal.signal(signal.SIGTERM, _terminate)
    app()


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)
