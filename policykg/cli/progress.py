"""Progress of the long commands (extract, ingest, overlaps): a live line with the count done and the
rate on a terminal, and a closing line with both wherever the output goes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


def rate_text(count: int, unit: str, seconds: float) -> str:
    """``12 files in 3.0 s (4.0 files/s)``."""
    rate = count / seconds if seconds > 0 else float(count)
    return f"{count} {unit} in {seconds:.1f} s ({rate:.1f} {unit}/s)"


@contextmanager
def job_progress(label: str, unit: str, console: Any) -> Iterator[Any]:
    """A rich Progress for a job of unknown length: the count done, the rate, the time and the item at hand.

    Yields a callable ``advance(description="")``; the progress is drawn only on a terminal.
    """
    from rich.progress import Progress, ProgressColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f} {unit}/s" if speed else f"– {unit}/s")

    with Progress(SpinnerColumn(), TextColumn(f"[bold]{label}"), TextColumn(f"{{task.completed}} {unit}"), Rate(),
                  TimeElapsedColumn(), TextColumn("{task.description}"), console=console, transient=True,
                  disable=not console.is_terminal) as progress:
        task = progress.add_task("", total=None)

        def advance(description: str = "", by: int = 1) -> None:
            progress.update(task, advance=by, description=description)

        yield advance
