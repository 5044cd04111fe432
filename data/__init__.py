"""policykg.data: the reviewable tables the extractor and the graph read (``*.tsv``) and the bundled corpus.

This module is the one reader of every table: tab-separated, ``#`` comment lines and blank lines skipped,
no quoting (cells hold 《》 and quotes as they are written), cells stripped. ``read_tsv(name)`` reads a table
with a header row (rows as dicts), ``read_tsv_rows(name)`` one without (rows as lists, trailing cells optional).
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def _rows(name: str) -> tuple[tuple[tuple[str, str], ...], ...]:
    reader = csv.DictReader(_lines(name), delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple(tuple((key, (value or "").strip()) for key, value in row.items() if key is not None)
                 for row in reader)


def read_tsv(name: str) -> list[dict[str, str]]:
    """The rows of ``data/<name>`` as dicts keyed by the header (missing trailing cells are "")."""
    return [dict(row) for row in _rows(name)]


def read_tsv_rows(name: str) -> list[list[str]]:
    """The rows of ``data/<name>``, a table without a header row, as lists of cells."""
    return [[cell.strip() for cell in row] for row in csv.reader(_lines(name), delimiter="\t", quoting=csv.QUOTE_NONE)]
