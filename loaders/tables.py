"""Task-division tables (序号 | 工作任务 | 牵头单位 | 配合单位) found in the repaired text.

Readers render every table as lines ``| cell | cell |``; this module finds the
tables whose header names responsibility columns and yields one row per task
with the roles it assigns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.loaders._patterns import PERSON_COLUMN_WORDS, TASK_COLUMN_WORDS
from policykg.loaders.agencies import as_jurisdiction, complete_from_text, list_units
from policykg.loaders.jurisdiction import Jurisdiction
from policykg.loaders.roles import Roles

_ROW = re.compile(r"^\|(.*)\|\s*$", re.M)
_LEAD_COL = re.compile(r"牵头|主责|主办")
_CO_COL = re.compile(r"配合|参与|协办|协同")
_RESP_COL = re.compile(r"责任单位|责任部门|负责单位|实施单位|实施部门|承担单位")
_TASK_COL = re.compile(TASK_COLUMN_WORDS)
_NOTE = re.compile(r"[（(][^（）()]*[）)]")
_PERSON_COL = re.compile(PERSON_COLUMN_WORDS)
_NO_COL = re.compile(r"序号|编号|^\s*号\s*$")


@dataclass
class TableRow:
    number: str | None
    task: str
    task_start: int
    task_end: int
    start: int
    end: int
    roles: Roles
    names_units: bool = False  # a role cell holds text, whether or not it names an agency (临平新城)


def _cells(text: str, line_start: int, inner: str, inner_start: int) -> list[tuple[str, int, int]]:
    cells, pos = [], inner_start
    for part in inner.split("|"):
        lead = len(part) - len(part.lstrip())
        value = part.strip()
        cells.append((value, pos + lead, pos + lead + len(value)))
        pos += len(part) + 1
    return cells


def table_rows(text: str, where: Jurisdiction | str | None, first_is_lead: bool) -> list[TableRow]:
    """Rows of every task-division table in ``text`` (rows that assign no unit too: a cut row is still a task)."""
    if "|" not in text:  # no table line (most documents): skip the line-by-line pattern
        return []
    rows: list[TableRow] = []
    columns: dict[str, int] | None = None
    last_end = -2
    just_headed = False  # the last table line was a header: its first rows may follow group headings
    for m in _ROW.finditer(text):
        cells = _cells(text, m.start(), m.group(1), m.start(1))
        if m.start() != last_end + 1 and not _group_lines(text, last_end + 1, m.start(), just_headed):
            columns = None  # a new table starts (group headings between rows, 一、…, keep the table)
        last_end = m.end()
        names = [re.sub(r"\s+", "", c[0]) for c in cells]  # 重 点 工 作 任 务: a name spread over its cell
        header = _header(names)
        just_headed = bool(header)
        if header:
            columns = header
            continue
        if not columns:
            continue
        rows.append(_row(text, cells, columns, m.start(), m.end(), as_jurisdiction(where), first_is_lead))
    return rows


_GROUP = re.compile(r"[ \t]*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])[^\n|]{1,160}\n?")


def _group_lines(text: str, start: int, end: int, after_header: bool) -> bool:
    """Whether ``text[start:end]`` is the group headings between the rows of a table: one line 一、做大做强主导产业,
    or up to four short lines one of which numbers a group (强化科技创新支撑能力。 / (一) / 加强战略科技力量建设。);
    right after the header, any such short lines."""
    if not 0 <= start < end:
        return False
    if _GROUP.fullmatch(text, start, end) is not None:
        return True
    lines = text[start:end].strip("\n").split("\n")
    return len(lines) <= 4 and all(len(line) <= 80 for line in lines) and (
        after_header or any(_GROUP_MARK.match(line) for line in lines))


_GROUP_MARK = re.compile(r"[ \t]*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])")


def _header(names: list[str]) -> dict[str, int] | None:
    if any(len(name) > 16 for name in names):
        return None  # a row of text (…责任单位：市财政局、…), not column names
    cols: dict[str, int] = {}
    for i, name in enumerate(names):
        name = _NOTE.sub("", name)  # 责任单位(加黑为牵头单位): a note on how to read the cells, lost with the bold
        if _PERSON_COL.search(name):
            continue  # 牵头领导, 责任人: persons, no units
        if _LEAD_COL.search(name) and "lead" not in cols:
            cols["lead"] = i
        elif _CO_COL.search(name) and "co" not in cols:
            cols["co"] = i
        elif _RESP_COL.search(name) and "responsible" not in cols:
            cols["responsible"] = i
        elif _NO_COL.search(name) and "number" not in cols:
            cols["number"] = i
        elif _TASK_COL.search(name) and "task" not in cols:
            cols["task"] = i
    if {"lead", "co", "responsible"} & cols.keys() and "task" in cols:
        return cols
    return None


def _row(text: str, cells, columns: dict[str, int], start: int, end: int,
         where: Jurisdiction | None, first_is_lead: bool) -> TableRow:
    def cell(key: str) -> tuple[str, int, int] | None:
        i = columns.get(key)
        return cells[i] if i is not None and i < len(cells) else None

    def units(c: tuple[str, int, int]) -> list:
        found = list_units(text[c[1]:c[2]], where, c[1])
        if found and found[-1].info is None and not text[c[2]:].strip(" |\n"):  # the text ends in this cell
            found[-1] = complete_from_text(found[-1], where, text)
        return [u for u in found if u.info is not None]

    roles = Roles()
    if (c := cell("lead")) and c[0]:
        roles.add_units("lead", units(c))
    if (c := cell("co")) and c[0]:
        roles.add_units("co", units(c))
    if (c := cell("responsible")) and c[0]:
        listed = units(c)
        if first_is_lead and not roles.lead:
            roles.add_units("lead", listed[:1])
            roles.add_units("co", listed[1:])
        elif roles.lead:
            roles.add_units("co", listed)
        else:
            roles.add_units("responsible", listed)
    task = cell("task") or ("", start, start)
    number = cell("number")
    names_units = any((c := cell(key)) and c[0].strip() for key in ("lead", "co", "responsible"))
    return TableRow(number[0] if number else None, task[0], task[1], task[2], start, end, roles.finalise(),
                    names_units)
