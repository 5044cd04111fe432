"""policykg.data: the reviewable tables the extractor and the graph read (``*.tsv``) and the bundled corpus.

``read_tsv(name)`` is the one reader of every table: tab-separated, a header row, ``#`` comment lines and
blank lines skipped, no quoting (cells hold 《》 and quotes as they are written).
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources


@cache
def _rows(name: str) -> tuple[tuple[tuple[str, str], ...], ...]:
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple(tuple((key, (value or "").strip()) for key, value in row.items() if key is not None)
                 for row in reader)


def read_tsv(name: str) -> list[dict[str, str]]:
    """The rows of ``data/<name>`` as dicts keyed by the header (missing trailing cells are "")."""
    return [dict(row) for row in _rows(name)]
