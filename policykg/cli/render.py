"""``policykg render KIND --param k=v --out FILE.html``: one graph visual as a self-contained HTML file
(``policykg.render``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from policykg.cli.exits import exit_on_error


def render(
    kind: Annotated[str, typer.Argument(help="agency, province, clusters, topic, overlap, query or map (the cluster map).")],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="A parameter as key=value; repeatable.")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")] = Path("graph.html"),
) -> None:
    """Render a graph visual or the cluster map to one offline HTML file (scripts and map geometry inline, no CDN).

    Examples: policykg render agency --param agency=省工信厅 --param province=广东省 --out agency.html;
    policykg render province --param province=广东 --param max_nodes=40 --out gd.html;
    policykg render map --param province=广东 --out clusters-map.html
    """
    import policykg
    from policykg.cli.queries import parse_params

    with exit_on_error(1):
        params = parse_params(param or [])
        with policykg.open_store() as store:
            page = policykg.render(store, kind, params)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    typer.echo(f"wrote {out}")


def register(app: typer.Typer) -> None:
    app.command("render")(render)
