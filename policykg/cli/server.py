"""``policykg serve`` / ``up``: the HTTP API and explorer (``policykg.serve``)."""

from __future__ import annotations

from typing import Annotated

import typer

from policykg.cli.exits import exit_on_error

Host = Annotated[str, typer.Option(help="Address to listen on.")]
Port = Annotated[int, typer.Option(help="Port to listen on.")]


def serve(host: Host = "127.0.0.1", port: Port = 8000) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs) over the configured store.

    The embedded FalkorDB server is started on the first request and supervised: when it
    exits it is started again (with backoff, logged); requests meanwhile get 503.

    Example: policykg serve --host 0.0.0.0 --port 8080
    """
    import policykg

    policykg.serve(host, port)


def up(host: Host = "127.0.0.1", port: Port = 8000) -> None:
    """Start everything: load the bundled corpus into an empty store, then serve the API and explorer.

    Example: policykg up --port 8000
    """
    import policykg

    with exit_on_error(1):
        policykg.serve(host, port, load_bundled_corpus=True)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.command("up")(up)
