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
TEXT_CHARS = 40  # characters of a table cell (CJK characters are two columns wide)
SUMMARY_KEYS = ("agency", "name", "title", "id", "code", "label", "city", "role", "measures", "shared_measures", "text")


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
    """Rows as a rich table, JSON or CSV text. A table cell is read by a person: a nested value is
    summarised (how many items, the first one's leading fields) and long text is cut with …; CSV
    keeps every value whole (nested ones as compact JSON), for a spreadsheet or a script."""
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
            table.add_row(*(_table_cell(row.get(column)) for column in columns))
        console.print(table)
    else:  # one field a line, one table per row
        for row in rows:
            table = Table("field", "value", show_lines=True)
            for column in columns:
                table.add_row(column, _table_cell(row.get(column), TEXT_CHARS * 2))
            console.print(table)
    console.print(f"{len(rows)} row(s)")
    return console.file.getvalue()


def _table_cell(value: Any, chars: int = TEXT_CHARS) -> str:
    """A value as a table shows it: nested values summarised, text cut to ``chars`` with …."""
    if isinstance(value, list):
        if not value:
            return ""
        first = _summary(value[0])
        return _cut(first if len(value) == 1 else f"{len(value)} items: {first}; …", chars)
    if isinstance(value, dict):
        return _cut(_summary(value), chars)
    return _cut(_cell(value), chars)


def _summary(value: Any) -> str:
    """An item in one line: a dict's first scalar fields (name-like ones first), else the value."""
    if not isinstance(value, dict):
        return _cell(value)
    keys = sorted((k for k, v in value.items() if v is not None and not isinstance(v, dict | list)),
                  key=lambda k: (k not in SUMMARY_KEYS, SUMMARY_KEYS.index(k) if k in SUMMARY_KEYS else 0))
    return ", ".join(f"{k}={value[k]}" for k in keys[:3])


def _cut(text: str, chars: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= chars else text[: chars - 1] + "…"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def register(app: typer.Typer) -> None:
    app.command("queries")(queries)
    app.command("query")(query)
