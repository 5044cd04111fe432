"""``policykg extract``: documents -> policydoc/1 records (``policykg.extract``)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class RecordFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"


def extract(
    paths: Annotated[list[Path], typer.Argument(help="Documents (.txt .md .html .docx .pdf) or folders.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the records.")] = Path("out"),
    fmt: Annotated[RecordFormat, typer.Option("--format", "-f", help="json (one file per document) or jsonl "
                                              "(one records.jsonl).")] = RecordFormat.json,
    force: Annotated[bool, typer.Option(
        "--force", help="Extract files that do not look like policy documents too (otherwise named and skipped).")]
    = False,
) -> None:
    """Extract policydoc/1 records from documents.

    A file that does not look like a policy document (a README, a diary, a news report, source code:
    loaders/screening.py) is named and skipped, unless --force; so is a file of another format in a folder.
    Every failure and skip is listed after the summary; failures make the exit status 1.

    Example: policykg extract data/corpus/*.txt --out out/ --format jsonl
    """
    import time

    from rich.console import Console
    from rich.markup import escape

    import policykg
    from policykg.cli.progress import job_progress, rate_text

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    started = time.monotonic()
    with job_progress("extract", "files", err) as advance:
        summary = policykg.extract(paths, out, format=fmt.value, force=force,
                                   on_file=lambda path: advance(path.name))
    seconds = time.monotonic() - started
    for failure in summary.failures:
        err.print(f"[red]error[/red] {escape(failure.path)}: {escape(failure.reason)}")
    for one in summary.skipped:
        err.print(f"[yellow]skipped[/yellow] {escape(str(one))}")
    if not summary.inputs and not summary.skipped:
        err.print("error: no input files")
        raise typer.Exit(1)
    failed = len(summary.failures)
    err.print(f"{summary.extracted} of {summary.inputs} documents extracted to {escape(str(out))}"
              + (f", {failed} failed" if failed else "") + (f", {len(summary.skipped)} skipped" if summary.skipped else "")
              + f"; {rate_text(summary.inputs, 'files', seconds)}")
    raise typer.Exit(1 if failed else 0)


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
