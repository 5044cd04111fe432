"""``policykg queries`` / ``query`` / ``serve`` / ``up``: the named queries and the HTTP API from the shell."""

from __future__ import annotations

import csv
import io
import json
import sys
from typing import Annotated, Any

import typer

from policykg.errors import PolicyKGError

FORMATS = ("table", "json", "csv")
WIDE_TABLE = 6  # more columns than this: print each row as a field/value table


def queries() -> None:
    """List the named queries, what each answers and its parameters."""
    from rich.console import Console
    from rich.table import Table

    from policykg.queries.catalogue import list_queries

    table = Table("query", "parameters", "answers", show_lines=True)
    for query in list_queries():
        params = "\n".join(
            f"{p.name}{'' if p.required else '?'}: {'|'.join(p.choices) or p.kind}" for p in query.params)
        table.add_row(query.name, params, query.answers)
    Console().print(table)


def query(
    name: Annotated[str, typer.Argument(help="A named query (see `policykg queries`).")],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="A parameter as key=value; repeatable.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
) -> None:
    """Run a named query against the configured store.

    Example: policykg query agencies_leading_topic --param topic=印染 --param province=广东省
    """
    from policykg.graph.store import open_store
    from policykg.queries.catalogue import run_query

    if fmt not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    try:
        params = parse_params(param or [])
        with open_store() as store:
            rows = run_query(store, name, params)
    except PolicyKGError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(render(rows, fmt), nl=False)


def parse_params(pairs: list[str]) -> dict[str, str]:
    """``["k=v", ...]`` -> ``{"k": "v"}``; QueryError for an item without ``=``."""
    from policykg.errors import QueryError

    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param wants key=value, got {pair!r}")
        params[key.strip()] = value
    return params


def render(rows: list[dict[str, Any]], fmt: str) -> str:
    """Rows as a rich table, JSON or CSV text (nested values as compact JSON in table and CSV)."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n"
    columns = list(dict.fromkeys(key for row in rows for key in row))
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_cell(row.get(column)) for column in columns] for row in rows])
        return out.getvalue()
    from rich.console import Console
    from rich.table import Table

    console = Console(file=io.StringIO(), width=max(120, Console().width), force_terminal=False)
    if len(columns) <= WIDE_TABLE:
        table = Table(*columns, show_lines=True)
        for row in rows:
            table.add_row(*(_cell(row.get(column)) for column in columns))
        console.print(table)
    else:  # one field a line, one table per row
        for row in rows:
            table = Table("field", "value", show_lines=True)
            for column in columns:
                table.add_row(column, _cell(row.get(column)))
            console.print(table)
    console.print(f"{len(rows)} row(s)")
    return console.file.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs) over the configured store.

    The embedded FalkorDB server is started on the first request and supervised: when it
    exits it is started again (with backoff, logged); requests meanwhile get 503.
    """
    from policykg.api.app import create_app

    _serve(create_app(supervise_engine=True), host, port)


def up(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Start everything: load the bundled corpus into an empty store, then serve the API and explorer."""
    from policykg.api.app import create_app
    from policykg.graph.store import open_store

    try:
        store = open_store()
        loaded = ingest_bundled_corpus_if_empty(store)
    except PolicyKGError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    if loaded:
        typer.echo(f"loaded {loaded} bundled document(s) into the {store.engine} store")
    store.supervise()
    app = create_app(store=store)
    app.state.owns_store = True  # closed by the app's shutdown: uvicorn re-raises SIGTERM after it
    _serve(app, host, port)


def ingest_bundled_corpus_if_empty(store: Any) -> int:
    """Ingest ``policykg.data`` corpus/*.txt when the store holds no Document; the number ingested."""
    if store.counts()["nodes"].get("Document", 0):
        return 0
    from importlib import resources

    from policykg.graph.ingest import ingest_paths
    from policykg.settings import get_settings

    corpus = resources.files("policykg.data").joinpath("corpus")
    with resources.as_file(corpus) as folder:
        paths = sorted(folder.glob("*.txt"))
        ingest_paths(store, paths, records_dir=get_settings().records_dir, overlaps=True)
    return len(paths)


def _serve(app: Any, host: str, port: int) -> None:
    import logging

    import uvicorn

    from policykg.api.url_limit import SERVER_MAX_HEAD_BYTES

    # The engine's exits and restarts (policykg.engine) and why requests failed (policykg.api), on stderr.
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # The driver logs each server notification as a warning with the whole statement, e.g. "property
    # `earlier` does not exist" for every overlap query before the overlap analysis has run.
    logging.getLogger("neo4j").setLevel(logging.ERROR)

    typer.echo(f"policykg serving on http://{host}:{port}/  (API docs: http://{host}:{port}/docs)")
    sys.stdout.flush()
    # A long URL reaches the app (414 with a JSON reason) instead of h11's bare 400 at 16 KiB.
    uvicorn.run(app, host=host, port=port, log_level="warning", h11_max_incomplete_event_size=SERVER_MAX_HEAD_BYTES)


def register(app: typer.Typer) -> None:
    app.command("queries")(queries)
    app.command("query")(query)
    app.command("serve")(serve)
    app.command("up")(up)
