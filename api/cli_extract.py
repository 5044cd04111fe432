"""``policykg extract``: documents -> policydoc/1 records."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def extract(
    paths: Annotated[list[Path], typer.Argument(help="Documents (.txt .md .html .docx .pdf) or folders.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the records.")] = Path("out"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="json (one file per document) or jsonl.")] = "json",
    force: Annotated[bool, typer.Option(
        "--force", help="Extract files that do not look like policy documents too (otherwise named and skipped).")]
    = False,
) -> None:
    """Extract policydoc/1 records from documents.

    A file that does not look like a policy document (a README, a diary, a news report, source code:
    loaders/screening.py) is named and skipped, unless --force; so is a file of another format in a folder.

    Example: policykg extract data/corpus/*.txt --out out/
    """
    from policykg.loaders.pipeline import run_extract
    from policykg.process import prepare_extraction

    prepare_extraction()
    raise typer.Exit(run_extract(paths, out, fmt, force=force))


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
