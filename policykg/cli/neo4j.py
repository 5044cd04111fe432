"""``policykg neo4j start|stop|status``: a local Neo4j 5.26 server without Docker (``policykg.start_neo4j``,
``stop_neo4j``, ``neo4j_status``).

The server runs in the background from the ``tools/neo4j`` launcher; its pid and
Bolt URI are kept under ``$POLICYKG_HOME/neo4j`` so later commands can find it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from policykg.cli.exits import exit_on_error
from policykg.graph.neo4j_server import SERVING_HEAP

neo4j_app = typer.Typer(
    help="Run a local Neo4j 5.26 Community server (no Docker needed; build it once with tools/neo4j/build.sh).",
    no_args_is_help=True,
)


@neo4j_app.command("start")
def start(
    data: Annotated[
        Path | None,
        typer.Option("--data", help="Folder for the database (default: $POLICYKG_HOME/neo4j/data)."),
    ] = None,
    port: Annotated[int, typer.Option("--port", help="Bolt port on 127.0.0.1.")] = 7687,
    password: Annotated[
        str | None,
        typer.Option("--password", help="Require this password for user neo4j (default: no authentication)."),
    ] = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait until it is ready.")] = 180.0,
    heap: Annotated[
        str,
        typer.Option("--heap", help="Fixed JVM heap (a growing heap stays small under query load and "
                                    "collects fully every second or so)."),
    ] = SERVING_HEAP,
    pagecache: Annotated[
        str | None, typer.Option("--pagecache", help="Neo4j's page cache, e.g. 512m (default 128m).")
    ] = None,
) -> None:
    """Start Neo4j in the background and print the NEO4J_URI to export.

    Example: policykg neo4j start --port 7687 --heap 1g && export NEO4J_URI=bolt://127.0.0.1:7687
    """
    import policykg
    from policykg.errors import StoreError

    with exit_on_error(1, StoreError):
        server, started = policykg.start_neo4j(data, port=port, password=password, timeout=timeout, heap=heap,
                                               pagecache=pagecache)
    if started:
        typer.echo(f"Neo4j 5.26 is running (pid {server.pid}) at {server.uri}")
    else:
        typer.echo(f"Neo4j is already running (pid {server.pid}) at {server.uri}")
    typer.echo(f"export NEO4J_URI={server.uri}")


@neo4j_app.command("stop")
def stop(
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait before killing it.")] = 30.0,
) -> None:
    """Stop the Neo4j server that "policykg neo4j start" started (a clean shutdown).

    Example: policykg neo4j stop
    """
    import policykg

    pid = policykg.stop_neo4j(timeout)
    typer.echo("Neo4j is not running" if pid is None else f"Neo4j stopped (pid {pid})")


@neo4j_app.command("status")
def status() -> None:
    """Say whether the local Neo4j server runs, where, and whether Bolt answers; exit 1 when it does not run.

    Example: policykg neo4j status
    """
    import policykg

    server = policykg.neo4j_status()
    if server is None:
        typer.echo("Neo4j is not running (start it with: policykg neo4j start)")
        raise typer.Exit(1)
    answering = "accepting connections" if server.answering else "NOT accepting connections"
    typer.echo(f"Neo4j is running (pid {server.pid}) at {server.uri}, {answering}")
    typer.echo(f"export NEO4J_URI={server.uri}")


def register(app: typer.Typer) -> None:
    app.add_typer(neo4j_app, name="neo4j")
