"""``policykg compare`` / ``networks``: the overlap analysis and the responsibility networks (issue 5)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from policykg.errors import PolicyKGError


def compare(
    min_score: Annotated[float, typer.Option(help="Containment a pair needs to be reported.")] = 0.2,
    top: Annotated[int, typer.Option(help="Pairs to print (all are written to the graph).")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print the pairs as JSON lines.")] = False,
) -> None:
    """Find measures that reuse text of measures of other documents and store them as SIMILAR_TO edges.

    Example: policykg compare --top 10
    """
    from policykg.graph.overlap import OverlapSettings
    from policykg.graph.similarity import similar_row, write_similarities
    from policykg.graph.store import open_store

    try:
        with open_store() as store:
            overlaps = write_similarities(store, OverlapSettings(min_score=min_score))
    except PolicyKGError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if as_json:
        for o in overlaps[:top]:
            row = similar_row(o) | {"shared_spans": [list(s) for s in o.shared_spans]}
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("earlier / a", "later / b", "score", "jaccard", "shared text",
                  title=f"{len(overlaps)} overlapping measure pairs (SIMILAR_TO written)")
    for o in overlaps[:top]:
        longest = max((s.text for s in o.shared_spans), key=len, default="")
        table.add_row(o.a_id, o.b_id, f"{o.score:.2f}", f"{o.jaccard:.2f}", longest[:40])
    Console().print(table)


def networks(
    out: Annotated[Path, typer.Option(help="Folder for GraphML, JSON and CSV files.")],
    exclude: Annotated[list[str], typer.Option(help="Agency to leave out (repeatable).")] = [],  # noqa: B006
    top: Annotated[int, typer.Option(help="Agencies to print per network.")] = 5,
) -> None:
    """Agency networks per province and overall from the graph's roles, with centrality, communities and exports.

    Example: policykg networks --out networks/
    """
    from policykg.graph import networks as nw
    from policykg.graph.similarity import graph_role_rows
    from policykg.graph.store import open_store
    from rich.console import Console
    from rich.table import Table

    try:
        with open_store() as store:
            rows = graph_role_rows(store)
    except PolicyKGError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    out.mkdir(parents=True, exist_ok=True)
    console = Console()
    for name, g in nw.networks_by_province(rows, exclude).items():
        nw.write_graphml(g, out / f"{name}.graphml")
        nw.write_json(g, out / f"{name}.json")
        nw.write_adjacency_csv(g, out / f"{name}.csv")
        table = Table("agency", "degree", "weighted", "betweenness",
                      title=f"{name}: {g.number_of_nodes()} agencies, {len(nw.communities(g))} communities")
        for c in nw.centrality(g)[:top]:
            table.add_row(c.agency, str(c.degree), f"{c.weighted_degree:g}", f"{c.betweenness:.3f}")
        console.print(table)
    nw.write_lead_share_csv(nw.lead_share_by_type(rows), out / "lead_share_by_type.csv")
    typer.echo(f"wrote {out}")


def register(app: typer.Typer) -> None:
    app.command("compare")(compare)
    app.command("networks")(networks)
