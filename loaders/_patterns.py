"""Regex helpers shared by the loaders."""

from __future__ import annotations

import re
from collections.abc import Iterator


def finditer_from_anchor(pattern: re.Pattern[str], anchor: re.Pattern[str], text: str,
                         lead: int = 0) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a ``pattern`` whose every match holds an ``anchor`` match after at
    most ``lead`` characters and then whitespace: the search starts that far before the first anchor.

    ``re`` finds a pattern that starts with literal characters by skipping to them, but tries a
    pattern starting with ``^\\s*``, a look-behind or a class repeated (``[\\u4e00-\\u9fff]{1,12}``) at
    every position; the anchor is found fast. Look-behinds still see the text before the start.
    A later anchor cannot start a match earlier when the ``lead`` characters never include the anchor's
    first character.
    """
    first = anchor.search(text)
    if first is None:
        return iter(())
    start = first.start()
    while start > 0 and text[start - 1].isspace():  # str.isspace is re's \s
        start -= 1
    return pattern.finditer(text, max(0, start - lead))


# The bracketed year every document number holds (粤工信消费函〔2023〕2号) after at most DOC_NUMBER_LEAD characters
# of its agency and whitespace: the anchor of the document-number searches (metadata, provinces).
DOC_NUMBER_YEAR = re.compile(r"[〔\[［【（(]\s*(?:19|20)\d{2}\s*[〕\]］】）)]")
DOC_NUMBER_LEAD = 12


# Words of a task-division table's column names (loaders/repair.py reads the columns of flattened tables, loaders/tables.py
# the roles of their cells): what names the task column, and what names a person's column (no units in it).
TASK_COLUMN_WORDS = "任务|措施|举措|事项|内容|工作|目标|指标|实事|项目"
PERSON_COLUMN_WORDS = "领导|责任人|联系人"
