"""``policykg compare`` / ``networks``: the overlap analysis and the responsibility networks (issue 5)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated

import typer

from policykg.errors import PolicyKGError


def compare(
    min_score: Annotated[float, typer.Option(help="Containment a pair needs to be reported.")] = 0.2,
    top: Annotated[int, typer.Option(help="Pairs to print (all are written to the graph).")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print the pairs (or the province report) as JSON.")] = False,
    provinces: Annotated[str | None, typer.Option(
        help="Two provinces to compare side by side, comma-separated (广东省,湖南省 or 广东,湖南); "
             "reads the graph only, using the overlaps stored by a plain `policykg compare`.")] = None,
    csv_dir: Annotated[Path | None, typer.Option(
        "--csv", help="With --provinces: folder to write the topic matrix and side-by-side tables to as CSV.")] = None,
) -> None:
    """Find measures that reuse text of measures of other documents and store them as SIMILAR_TO edges.

    With --provinces A,B: instead print a report comparing two provinces: topic shares, the agency type
    leading each topic, quantified targets side by side and the top overlapping measure pairs between them.

    Example: policykg compare --top 10

    Example: policykg compare --provinces 广东,湖南 --csv compare-out/
    """
    if provinces is not None:
        _compare_provinces(provinces, min_score=min_score, top=top, as_json=as_json, csv_dir=csv_dir)
        return
    if csv_dir is not None:
        raise typer.BadParameter("--csv needs --provinces", param_hint="--csv")
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


def _compare_provinces(written: str, *, min_score: float, top: int, as_json: bool, csv_dir: Path | None) -> None:
    """The ``--provinces`` report: gather it from the graph, then print it and write the CSV files."""
    from policykg.api.province_report import gather_report, print_report, report_json, write_report_csv
    from policykg.errors import QueryError
    from policykg.graph.store import open_store

    names = [name.strip() for name in re.split(r"[,，、]", written) if name.strip()]
    if len(names) != 2:
        raise typer.BadParameter(f"give two provinces separated by a comma, got {written!r}",
                                 param_hint="--provinces")
    try:
        with open_store() as store:
            report = gather_report(store, (names[0], names[1]), top=top, min_score=min_score)
    except QueryError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    except PolicyKGError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(report_json(report))
    else:
        print_report(report)
    if csv_dir is not None:
        for path in write_report_csv(report, csv_dir):
            typer.echo(f"wrote {path}", err=as_json)


def networks(
    out: Annotated[Path, typer.Option(help="Folder for GraphML, JSON and CSV files.")],
    exclude: Annotated[list[str], typer.Option(help="Agency to leave out (repeatable).")] = [],  # noqa: B006
    top: Annotated[int, typer.Option(help="Agencies to print per network.")] = 5,
) -> None:
    """Agency networks per province and overall from the graph's roles, with centrality, communities and exports.

    Example: policykg networks --out networks/
    """
    from rich.console import Console
    from rich.table import Table

    from policykg.graph import networks as nw
    from policykg.graph.similarity import graph_role_rows
    from policykg.graph.store import open_store

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
