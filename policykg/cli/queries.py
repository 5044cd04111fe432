"""``policykg queries`` / ``query``: the named query catalogue from the shell (``policykg.list_queries``,
``policykg.run_query``), and how rows are printed (table, JSON, CSV)."""

from __future__ import annotations

import csv
import io
import json
from typing import Annotated, Any

import typer

from policykg.cli.exits import exit_on_error

FORMATS = ("table", "json", "csv")
WIDE_TABLE = 6  # more columns than this: print each row as a field/value table


def queries() -> None:
    """List the named queries, what each answers and its parameters.

    Example: policykg queries
    """
    from rich.console import Console
    from rich.table import Table

    import policykg

    table = Table("query", "parameters", "answers", show_lines=True)
    for query in policykg.list_queries():
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
    import policykg

    if fmt not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    with exit_on_error(1):
        params = parse_params(param or [])
        with policykg.open_store() as store:
            rows = policykg.run_query(store, name, params)
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


def register(app: typer.Typer) -> None:
    app.command("queries")(queries)
    app.command("query")(query)
