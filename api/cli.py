"""The ``policykg`` command: a thin typer layer over the library.

Each sub-command lives in its own ``cli_*.py`` module and is registered here.
"""

from __future__ import annotations

import signal
from types import FrameType

import typer

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


from policykg.api import cli_extract  # noqa: E402

cli_extract.register(app)

from policykg.api import cli_query  # noqa: E402

cli_query.register(app)

from policykg.api import cli_graph  # noqa: E402

cli_graph.register(app)

from policykg.api import cli_render  # noqa: E402

cli_render.register(app)

from policykg.api import cli_compare  # noqa: E402

cli_compare.register(app)

from policykg.api import cli_neo4j  # noqa: E402

cli_neo4j.register(app)


def main() -> None:  # pragma: no cover - console entry point
    # SIGTERM (docker stop, a supervisor, a test) unwinds like Ctrl-C, so that the embedded
    # FalkorDB server this process started is shut down instead of left running.
    signal.signal(signal.SIGTERM, _terminate)
    app()


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)
