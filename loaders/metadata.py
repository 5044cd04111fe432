"""Document-level facts: title, document number, issue date, kind, issuers, province."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from policykg.loaders._patterns import DOC_NUMBER_LEAD, DOC_NUMBER_YEAR, finditer_from_anchor
from policykg.loaders.agencies import find_agencies
from policykg.loaders.provinces import detect_province

_KINDS = ["实施意见", "指导意见", "行动方案", "实施方案", "工作方案", "行动计划", "工作计划", "若干措施", "若干政策",
          "实施细则", "管理办法", "意见", "方案", "计划", "措施", "办法", "规划", "细则", "纲要", "决定", "通知"]
_KIND_RE = "|".join(_KINDS)
_TITLE_LINE = re.compile(
    rf"^[^\n。；！？]{{4,160}}?(?:{_KIND_RE})(?:\s*[（(][^（）()\n]{{2,20}}[）)])?\s*$"
)
_SUFFIX_PAREN = re.compile(r"^\s*[（(]([^（）()\n]{2,20})[）)]\s*$")
_NOTICE = re.compile(r"印发[《“\"]?(.+?)[》”\"]?的通知")
_DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,12}\s*[〔\[［【（(]\s*(?:19|20)\d{2}\s*[〕\]］】）)]\s*\d{1,4}\s*号"
)
_DATE_LINE = re.compile(r"^\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$", re.M)
_ISSUE_MONTH = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月[^。\n]{0,12}印发")
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff“”《》（）、，])\s+(?=[\u4e00-\u9fff“”《》（）\d(])|(?<=[\d)])\s+(?=[\u4e00-\u9fff])")
_ISSUER_PREFIX = re.compile(r"^(.{2,200}?)\s*关于")
_ISSUER_END = re.compile(r"(?:厅|委|局|政府|部门|办公室)\s*$")
_SIGNATURE_LINE = re.compile(r"^[\u4e00-\u9fff（）()\s　]{3,}$")


@dataclass
class Metadata:
    province: str | None = None
    title: str | None = None
    doc_number: str | None = None
    issued: str | None = None
    kind: str | None = None
    issuers: list[str] = field(default_factory=list)
    issuer_written: dict[str, list[str]] = field(default_factory=dict)


def squeeze(s: str) -> str:
    """Remove the spaces that conversion leaves between Chinese characters."""
    return _CJK_SPACE.sub("", s.strip())


def _title_candidates(head: str) -> list[str]:
    lines = [ln.strip() for ln in head.split("\n")]
    out = []
    for i, line in enumerate(lines):
        if not line or line.endswith(("：", ":")):
            continue
        if _TITLE_LINE.match(line):
            title = line
            if i + 1 < len(lines) and _SUFFIX_PAREN.match(lines[i + 1]) and "稿" not in lines[i + 1]:
                title += lines[i + 1].strip()
            out.append(title)
    return out


def _clean_title(title: str) -> str:
    title = squeeze(title)
    notice = _NOTICE.search(title)
    if notice:
        title = notice.group(1)
    title = title.strip("《》“”\" ")
    m = _ISSUER_PREFIX.match(title)
    if m and (_ISSUER_END.search(m.group(1)) or find_agencies(m.group(1), None)):
        title = title[m.end() - 2:]  # keep 关于, drop the issuer before it
    # "关于…的<kind>" keeps 关于; "关于<noun phrase><kind>" without 的 does not.
    if title.startswith("关于") and "的" not in title:
        title = title[2:]
    return title.strip()


def find_title(head: str) -> str | None:
    cands = _title_candidates(head)
    if not cands:
        return None
    non_notice = [c for c in cands if not c.endswith("通知")]
    return _clean_title(non_notice[-1] if non_notice else cands[-1])


def find_kind(title: str | None) -> str | None:
    if not title:
        return None
    plain = re.sub(r"[（(][^（）()]*[）)]\s*$", "", title)
    for kind in _KINDS:
        if plain.endswith(kind):
            return kind
    return None


def find_issued(text: str, body_end: int) -> str | None:
    """The signature date (a line of its own); else a 'YYYY年M月…印发' statement."""
    dates = list(_date_lines(text))
    tail = [m for m in dates if m.start() >= body_end]
    for m in tail + dates:
        line_end = text.find("\n", m.end())
        following = text[m.end(): line_end if line_end >= 0 else len(text)]
        if "印发" in following:
            continue
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    m = _ISSUE_MONTH.search(text)
    if m:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
    return None


def _year_starts(text: str) -> Iterator[int]:
    r"""Where the four digits of ``(?:19|20)\d{2}\s*年`` would start before each 年, in text order: the only
    places the year of a ``_DATE_LINE`` can start."""
    y = text.find("年")
    while y >= 0:
        digits = y
        while digits > 0 and text[digits - 1].isspace():  # str.isspace is re's \s
            digits -= 1
        if digits >= 4:
            yield digits - 4
        y = text.find("年", y + 1)


def _date_lines(text: str) -> Iterator[re.Match[str]]:
    """``_DATE_LINE.finditer(text)``, trying the pattern only where a date line can start: at the first line
    start of the whitespace before a year (a later line start there gives the same date or none). re tries
    a pattern that starts with ``^`` at every position; str.find skips to each 年 far faster."""
    pos = 0  # where finditer would go on: the end of the last match
    for digits in _year_starts(text):
        if digits < pos:
            continue
        blank = digits
        while blank > pos and text[blank - 1].isspace():
            blank -= 1
        if blank == 0 or text[blank - 1] == "\n":
            start = blank
        else:  # the first line start after ``blank``, before the year
            start = text.find("\n", blank, digits) + 1
            if start == 0:
                continue  # none: the year is not on a line of its own
        m = _DATE_LINE.match(text, start)
        if m:
            yield m
            pos = m.end()


def find_issuers(text: str, head_end: int, body_end: int, title: str | None, province: str | None) -> dict[str, list[str]]:
    """Issuers: agency-only lines of the head and the signature block, and a 'X关于' title prefix."""
    found: dict[str, list[str]] = {}

    def add(matches) -> None:
        for m in matches:
            if m.info.level == "collective":
                continue
            found.setdefault(m.info.name, [])
            if m.written not in found[m.info.name]:
                found[m.info.name].append(m.written)

    regions = [(0, head_end), (body_end, len(text))]
    for a, b in regions:
        pos = a
        for line in text[a:b].split("\n"):
            line_start = pos
            pos += len(line) + 1
            s = line.strip()
            if not s or s.endswith(("：", ":")) or "印发" in s or "抄送" in s:
                continue
            if _SIGNATURE_LINE.match(s):
                matches = find_agencies(line, province, line_start)
                covered = sum(m.end - m.start for m in matches)
                if matches and covered >= 0.6 * len(re.sub(r"\s", "", s)):
                    add(matches)
            elif "关于" in s and "。" not in s and len(s) <= 120:
                prefix = s.split("关于", 1)[0]
                if prefix.strip():
                    add(find_agencies(prefix, province, line_start))
    return found


def find_doc_number(head: str) -> str | None:
    m = next(finditer_from_anchor(_DOC_NUMBER, DOC_NUMBER_YEAR, head, DOC_NUMBER_LEAD), None)
    return re.sub(r"\s+", "", m.group(0)) if m else None


def extract_metadata(text: str, body_start: int, body_end: int) -> Metadata:
    head = text[:body_start]
    province = detect_province(text)
    title = find_title(head)
    issuers = find_issuers(text, body_start, body_end, title, province)
    return Metadata(
        province=province,
        title=title,
        doc_number=find_doc_number(head),
        issued=find_issued(text, body_end),
        kind=find_kind(title),
        issuers=list(issuers),
        issuer_written=issuers,
    )
