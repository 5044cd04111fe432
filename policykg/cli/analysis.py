"""``policykg overlaps`` / ``compare`` / ``networks``: the overlap analysis, the province comparison and
the responsibility networks (issue 5; ``policykg.find_overlaps``, ``compare_provinces``, ``agency_networks``).

``overlaps`` computes and REWRITES every SIMILAR_TO edge; ``compare`` only reads the graph (the
overlaps stored by ``overlaps`` or ``ingest``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated

import typer

from policykg.cli.exits import exit_on_error
from policykg.errors import QueryError

MinScore = Annotated[float, typer.Option(help="Containment a pair needs to be reported.")]


def overlaps(
    min_score: MinScore = 0.2,
    top: Annotated[int, typer.Option(help="Pairs to print (all are written to the graph).")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print the pairs as JSON lines.")] = False,
) -> None:
    """Find measures that reuse text of measures of other documents and store them as SIMILAR_TO edges,
    replacing every SIMILAR_TO edge of the graph (ingest already does this for the documents it writes).

    Example: policykg overlaps --min-score 0.3 --top 10
    """
    import time

    from rich.console import Console

    import policykg
    from policykg.cli.progress import rate_text
    from policykg.graph.similar_to import similar_row

    err = Console(stderr=True, highlight=False)
    started = time.monotonic()
    with exit_on_error(2):
        with policykg.open_store() as store, err.status("overlaps: comparing the measures", spinner="dots"):
            measures = policykg.status(store).nodes.get("Measure", 0)
            found = policykg.find_overlaps(store, min_score=min_score)
    seconds = time.monotonic() - started
    if as_json:  # JSON lines only: the output is for a program
        for o in found[:top]:
            row = similar_row(o) | {"shared_spans": [list(s) for s in o.shared_spans]}
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    from rich.table import Table

    table = Table("earlier / a", "later / b", "score", "jaccard", "shared text",
                  title=f"{len(found)} overlapping measure pairs (SIMILAR_TO written)")
    for o in found[:top]:
        longest = max((s.text for s in o.shared_spans), key=len, default="")
        table.add_row(o.a_id, o.b_id, f"{o.score:.2f}", f"{o.jaccard:.2f}", longest[:40])
    Console().print(table)
    err.print(f"overlaps: {rate_text(measures, 'measures', seconds)}, {len(found)} pairs")


def compare(
    provinces: Annotated[str, typer.Option(
        "--provinces", help="Two provinces, comma-separated (广东省,湖南省 or 广东,湖南).")],
    min_score: MinScore = 0.2,
    top: Annotated[int, typer.Option(help="Overlapping measure pairs to show.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    csv_dir: Annotated[Path | None, typer.Option(
        "--csv", help="Folder to write the topic matrix and side-by-side tables to as CSV.")] = None,
) -> None:
    """Report a comparison of two provinces: topic shares, the agency type leading each topic, quantified
    targets side by side and the top overlapping measure pairs between them. Reads the graph only
    (the overlaps stored by `policykg overlaps` or `policykg ingest`).

    Example: policykg compare --provinces 广东,湖南 --csv compare-out/
    """
    import policykg
    from policykg.province_report import print_report, report_json, write_report_csv

    names = [name.strip() for name in re.split(r"[,，、]", provinces) if name.strip()]
    if len(names) != 2:
        raise typer.BadParameter(f"give two provinces separated by a comma, got {provinces!r}",
                                 param_hint="--provinces")
    with exit_on_error(2), exit_on_error(1, QueryError):
        with policykg.open_store() as store:
            report = policykg.compare_provinces(store, names[0], names[1], top=top, min_score=min_score)
    if as_json:
        typer.echo(report_json(report))
    else:
        print_report(report)
    if csv_dir is not None:
        for path in write_report_csv(report, csv_dir):
            typer.echo(f"wrote {path}", err=as_json)


def networks(
    out: Annotated[Path, typer.Option(help="Folder for GraphML, JSON and CSV files.")],
    exclude: Annotated[list[str] | None, typer.Option(help="Agency to leave out (repeatable).")] = None,
    top: Annotated[int, typer.Option(help="Agencies to print per network.")] = 5,
) -> None:
    """Agency networks per province and overall from the graph's roles, with centrality, communities and exports.

    Example: policykg networks --out networks/ --exclude 省发展改革委
    """
    from rich.console import Console
    from rich.table import Table

    import policykg
    from policykg.graph import networks as nw

    with exit_on_error(2):
        with policykg.open_store() as store:
            found = policykg.agency_networks(store, exclude or [])
    policykg.write_networks(found, out)
    console = Console()
    for name, g in found.graphs.items():
        table = Table("agency", "degree", "weighted", "betweenness",
                      title=f"{name}: {g.number_of_nodes()} agencies, {len(nw.communities(g))} communities")
        for c in nw.centrality(g)[:top]:
            table.add_row(c.agency, str(c.degree), f"{c.weighted_degree:g}", f"{c.betweenness:.3f}")
        console.print(table)
    typer.echo(f"wrote {out}")


def register(app: typer.Typer) -> None:
    app.command("overlaps")(overlaps)
    app.command("compare")(compare)
    app.command("networks")(networks)
