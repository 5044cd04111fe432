"""Regex helpers shared by the loaders."""

from __future__ import annotations

import re
from collections.abc import Iterator


def finditer_from_anchor(pattern: re.Pattern[str], anchor: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a ``pattern`` whose every match holds an ``anchor`` match after
    nothing but leading whitespace: the search starts at the whitespace before the first anchor.

    ``re`` finds a pattern that starts with literal characters by skipping to them, but tries a
    pattern starting with ``^\\s*`` or a look-behind at every position; the anchor is found fast.
    """
    first = anchor.search(text)
    if first is None:
        return iter(())
    start = first.start()
    while start > 0 and text[start - 1].isspace():  # str.isspace is re's \s
        start -= 1
    return pattern.finditer(text, start)
