"""How a command ends on a library error: the message on stderr and an exit code, no traceback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer

from policykg.errors import PolicyKGError


@contextmanager
def exit_on_error(code: int, error: type[Exception] = PolicyKGError) -> Iterator[None]:
    """Inside the block, an ``error`` prints ``error: <message>`` on stderr and ends the command with ``code``."""
    try:
        yield
    except error as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code) from None
