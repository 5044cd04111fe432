"""``policykg neo4j start|stop|status``: a local Neo4j 5.26 server without Docker.

The server runs in the background from the ``tools/neo4j`` launcher; its pid and
Bolt URI are kept under ``$POLICYKG_HOME/neo4j`` so later commands can find it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from policykg.graph.neo4j_server import SERVING_HEAP

neo4j_app = typer.Typer(
    help="Run a local Neo4j 5.26 Community server (no Docker needed; build it once with tools/neo4j/build.sh).",
    no_args_is_help=True,
)

DEFAULT_PORT = 7687


def _state_dir() -> Path:
    from policykg.settings import get_settings

    return get_settings().home / "neo4j"


def _pid_file() -> Path:
    return _state_dir() / "server.pid"


def _uri_file() -> Path:
    return _state_dir() / "server.uri"


def _running_pid() -> int | None:
    """The pid of the server this command started, if it is still running."""
    from policykg.graph.neo4j_server import pid_is_launcher

    try:
        pid = int(_pid_file().read_text().strip())
    except (OSError, ValueError):
        return None
    return pid if pid_is_launcher(pid) else None


def _forget() -> None:
    _pid_file().unlink(missing_ok=True)
    _uri_file().unlink(missing_ok=True)


@neo4j_app.command("start")
def start(
    data: Annotated[
        Path | None,
        typer.Option("--data", help="Folder for the database (default: $POLICYKG_HOME/neo4j/data)."),
    ] = None,
    port: Annotated[int, typer.Option("--port", help="Bolt port on 127.0.0.1.")] = DEFAULT_PORT,
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
    from policykg.errors import StoreError
    from policykg.graph.neo4j_server import Neo4jServer, port_is_open

    pid = _running_pid()
    if pid is not None:
        uri = _uri_file().read_text().strip()
        typer.echo(f"Neo4j is already running (pid {pid}) at {uri}")
        typer.echo(f"export NEO4J_URI={uri}")
        return
    if port_is_open(port):
        typer.echo(f"error: port {port} is already in use; pick another with --port", err=True)
        raise typer.Exit(1)
    data_dir = data if data is not None else _state_dir() / "data"
    try:
        server = Neo4jServer.start(data_dir, port, password=password, timeout=timeout, detached=True,
                                   pagecache=pagecache, heap=heap)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    _state_dir().mkdir(parents=True, exist_ok=True)
    _pid_file().write_text(f"{server.pid}\n")
    _uri_file().write_text(f"{server.uri}\n")
    typer.echo(f"Neo4j 5.26 is running (pid {server.pid}), data in {server.data_dir}, log {server.log_path}")
    typer.echo(f"export NEO4J_URI={server.uri}")


@neo4j_app.command("stop")
def stop(
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait before killing it.")] = 30.0,
) -> None:
    """Stop the Neo4j server that "policykg neo4j start" started (a clean shutdown).

    Example: policykg neo4j stop
    """
    from policykg.graph.neo4j_server import stop_pid

    pid = _running_pid()
    if pid is None:
        _forget()
        typer.echo("Neo4j is not running")
        return
    stop_pid(pid, timeout)
    _forget()
    typer.echo(f"Neo4j stopped (pid {pid})")


@neo4j_app.command("status")
def status() -> None:
    """Say whether the local Neo4j server runs, where, and whether Bolt answers; exit 1 when it does not run.

    Example: policykg neo4j status
    """
    from urllib.parse import urlparse

    from policykg.graph.neo4j_server import port_is_open

    pid = _running_pid()
    if pid is None:
        typer.echo("Neo4j is not running (start it with: policykg neo4j start)")
        raise typer.Exit(1)
    uri = _uri_file().read_text().strip()
    port = urlparse(uri).port or DEFAULT_PORT
    answering = "accepting connections" if port_is_open(port) else "NOT accepting connections"
    typer.echo(f"Neo4j is running (pid {pid}) at {uri}, {answering}")
    typer.echo(f"export NEO4J_URI={uri}")


def register(app: typer.Typer) -> None:
    app.add_typer(neo4j_app, name="neo4j")
