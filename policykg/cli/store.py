"""``policykg ingest`` / ``status`` / ``refresh`` / ``reset``: fill, inspect and empty the graph store
(``policykg.ingest``, ``status``, ``refresh``, ``reset``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from policykg.cli.exits import exit_on_error
from policykg.errors import PolicyKGError

# Nodes that mark work left pending (graph/summaries.py, graph/similar_to.py): status reports them in words.
BOOKKEEPING_LABELS = frozenset({"SummaryPending", "OverlapPending"})


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Documents, policydoc/1 .json/.jsonl records, or folders.")],
    no_overlaps: Annotated[bool, typer.Option("--no-overlaps",
                                              help="Skip recomputing the SIMILAR_TO edges of the documents written.")] = False,
    batch: Annotated[int | None, typer.Option(
        "--batch", min=1, show_default=False,
        help="Documents per atomic write [default: 20; fewer when they hold 1000 measures]. Smaller batches "
             "hold the engine's write lock for less time, so that queries served meanwhile wait less.")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Ingest files that do not look like policy documents too (otherwise named and skipped).")]
    = False,
) -> None:
    """Extract documents (or read records) and load them into the graph in atomic batches of documents.

    Afterwards the overlap analysis (SIMILAR_TO) is recomputed for the documents written, unless --no-overlaps.
    A file that does not look like a policy document (a README, a diary, a news report, source code:
    loaders/screening.py) is named and skipped, unless --force; so is a file of another format in a folder.

    Example: policykg ingest data/corpus/
    """
    from rich.console import Console

    import policykg
    from policykg.cli.progress import job_progress

    console = Console(stderr=True)
    try:
        with policykg.open_store() as store, job_progress("ingest", "files", console) as step:

            def advance(path: Path, outcomes: list) -> None:
                step(path.name)

            def summarised(province: str) -> None:
                step(f"summaries of {province}", by=0)

            summary = policykg.ingest(store, paths, on_file=advance, overlaps=not no_overlaps,
                                      on_summary=summarised, batch_size=batch, force=force)
            engine = store.engine
    except PolicyKGError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    _print_summary(summary, engine)
    if summary.failures:
        raise typer.Exit(1)


def status() -> None:
    """Print node counts per label, edge counts per type, per-province figures and the work left pending.

    Example: policykg status
    """
    from rich.console import Console
    from rich.table import Table

    import policykg

    with exit_on_error(2):
        with policykg.open_store() as store:
            found = policykg.status(store)
    counts = {"nodes": found.nodes, "relationships": found.relationships}
    provinces, pending, overlaps_pending, engine = (found.provinces, found.summaries_pending,
                                                    found.overlaps_pending, found.engine)
    console = Console()
    nodes = Table("label", "nodes", title=f"policykg graph ({engine})")
    for label, n in sorted(counts["nodes"].items()):
        if label in BOOKKEEPING_LABELS:
            continue
        nodes.add_row(label, str(n))
    edges = Table("relationship", "edges")
    for rel, n in sorted(counts["relationships"].items()):
        edges.add_row(rel, str(n))
    per_province = Table("province", "documents", "measures", "agencies", "targets", title="per province")
    for row in provinces:
        per_province.add_row(row["province"], *(str(row[k]) for k in ("documents", "measures", "agencies", "targets")))
    console.print(nodes, edges, per_province)
    if overlaps_pending:
        console.print(f"overlaps (SIMILAR_TO) pending for {len(overlaps_pending)} documents, an ingest was "
                      f"interrupted: run `policykg refresh`")
    if pending:
        console.print(f"summaries out of date for {', '.join(pending)}: run `policykg refresh`")
    else:
        console.print("summaries up to date")


def refresh(
    all_provinces: Annotated[bool, typer.Option("--all", help="Rebuild every province, not only the pending ones.")]
    = False,
) -> None:
    """Finish what an interrupted ingest left pending: the overlaps (SIMILAR_TO) of the documents it
    wrote, then the summary edges the agency and topic queries read (ingest does both by itself).

    Needed only after an ingest that was interrupted, or a bulk load that bypassed
    `policykg ingest`; `policykg status` says when.

    Example: policykg refresh --all
    """
    from rich.console import Console

    import policykg

    console = Console(stderr=True)
    try:
        with policykg.open_store() as store, console.status("overlaps") as spinner:

            def done(province: str) -> None:
                spinner.update(f"summaries: {province} done")

            result = policykg.refresh(store, all_provinces=all_provinces, on_province=done)
    except PolicyKGError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    if result.overlap_documents:
        typer.echo(f"recomputed the overlaps of {len(result.overlap_documents)} documents ({result.overlaps} pairs)")
    typer.echo(f"rebuilt the summaries of {len(result.provinces)} provinces ({result.summary_edges} edges)"
               + (f": {', '.join(result.provinces)}" if result.provinces else ""))


def reset(
    yes: Annotated[bool, typer.Option("--yes", help="Really delete every node and edge.")] = False,
) -> None:
    """Empty the graph store (constraints and indexes stay). Refuses without --yes.

    Example: policykg reset --yes
    """
    import policykg

    if not yes:
        typer.echo("refusing to empty the store without --yes", err=True)
        raise typer.Exit(1)
    with exit_on_error(2):
        with policykg.open_store() as store:
            policykg.reset(store)
            engine = store.engine
    typer.echo(f"emptied the {engine} store")


def _print_summary(summary, engine: str) -> None:  # noqa: ANN001 - IngestSummary, imported lazily
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from policykg.cli.progress import rate_text

    table = Table("documents", "measures", "agencies", "edges", "overlaps", "summarised", "failed", "skipped",
                  "time", title=f"ingested ({engine})")
    table.add_row(str(summary.documents), str(summary.measures), str(len(summary.agencies)),
                  str(summary.edges), "-" if summary.overlaps is None else str(summary.overlaps),
                  ", ".join(summary.summarised) or "-", str(len(summary.failures)), str(len(summary.skipped)),
                  f"{summary.seconds:.1f}s")
    Console().print(table)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    err.print(f"ingest: {rate_text(summary.documents, 'documents', summary.seconds)}, {summary.measures} measures")
    if summary.replaced:
        err.print(f"replaced the earlier version of {len(summary.replaced)} revised file(s): "
                  + escape(", ".join(summary.replaced)))
    for failure in summary.failures:
        err.print(f"[red]failed[/red] {escape(str(failure))}")
    for skipped in summary.skipped:
        err.print(f"[yellow]skipped[/yellow] {escape(str(skipped))}")


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("status")(status)
    app.command("refresh")(refresh)
    app.command("reset")(reset)
