"""Document-level facts: title, document number, issue date, kind, issuers, and the issuing jurisdiction.

The head of a document (before its first numbered item) holds, in real layouts, any of: a document number
line, issuer lines, a notice title (X关于印发《Y》的通知, often broken over two or three lines), an addressee
line, the notice's body (现将《Y》印发给你们), its signature and date, then the attached document's own title
over one or more lines. The title is the attached document's own heading when the text holds it (the notice
may name it slightly differently), else the notice's Y; a heading split over lines is joined; a trailing
edition note (2022年2月版) is dropped, a period (2023—2025年) kept.

The jurisdiction (central / province / city / county) comes, in order of trust, from a central document
number (国发, 国办发, 工信部…, ``data/doc_number_prefixes.tsv``) or central issuers, from the issuers and the
signature, from a title that opens with a city or county name (宜春市制造业…), from a city's document number
(亳政〔2025〕38号), and only then from the province abbreviation of the number and the places the text names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from policykg.data import read_tsv
from policykg.loaders._patterns import DOC_NUMBER_LEAD, DOC_NUMBER_YEAR, finditer_from_anchor
from policykg.loaders.agencies import RELATIVE_PREFIXES, AgencyMatch, find_agencies, split_units
from policykg.loaders.jurisdiction import (
    CENTRAL,
    Jurisdiction,
    by_name,
    counties_of,
    full_names,
    province_jurisdiction,
    short_names,
)
from policykg.loaders.numbering import match_numbering, to_int
from policykg.loaders.province_detection import detect_province
from policykg.loaders.provinces import PROVINCES, province_of_abbreviation

_KINDS = ["实施意见", "指导意见", "行动方案", "实施方案", "工作方案", "行动计划", "工作计划", "若干措施", "若干政策",
          "若干举措", "实施细则", "管理办法", "政策清单", "任务清单", "责任分工", "分工方案", "工作要点", "意见", "方案",
          "计划", "措施", "举措", "办法", "规划", "细则", "纲要", "决定", "清单", "要点", "通知", "规定", "分工"]
_KIND_END = re.compile(rf"(?:{'|'.join(_KINDS)})(?:\s*[（(][^（）()\n]{{2,24}}[）)])?[》”]?$")
_KEPT_PAREN = re.compile(r"[（(]\s*(?:\d{4}\s*[-—–～~至到]\s*\d{4}\s*年?|\d{4}\s*年(?:版|修订版)?|试行|暂行|修订|修订版|修订稿|第[一二三四五六七八九十\d]+批)\s*[）)]$")
_TRAILING_PAREN = re.compile(r"\s*[（(][^（）()]{1,30}[）)]$")
_NOTICE = re.compile(r"(?:关于)?(?:印发|转发|批转|印送|下达)\s*(?P<open>[《〈“\"]?)(?P<x>.+?)[》〉”\"]?\s*的?\s*通知》?$", re.S)
_ISSUED_WITH = re.compile(r"《(?P<x>[^《》\n]{4,120})》(?:[和、及与,，]?《[^《》\n]{0,120}》)*[^。\n《》]{0,60}?"
                          r"(?:现)?(?:印发|转发)(?:给)?(?:你们|各地|你局|你厅|你委)")
_NOW_ISSUING = re.compile(r"现将\s*《(?P<x>[^《》\n]{4,120})》[^。\n]{0,40}?(?:印发|转发)")
_DOC_NUMBER = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{1,12})\s*[〔\[［【（(]\s*(?:19|20)\d{2}\s*[〕\]］】）)]\s*第?\s*\d{1,4}\s*号"
)
_BRACKETED_DATE_LINE = re.compile(r"^[ \t]*[（(][ \t]*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[ \t]*[）)][ \t]*$",
                                  re.M)
_DATE_LINE = re.compile(r"^\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$", re.M)
_ISSUE_MONTH = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月[^。\n]{0,12}印发")
_EDITION = re.compile(r"[（(]\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*版")
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff“”《》（）、，])\s+(?=[\u4e00-\u9fff“”《》（）\d(])|(?<=[\d)])\s+(?=[\u4e00-\u9fff])")
_SENTENCE_PUNCT = re.compile(r"[。，,；;：:！？!?]")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff《》“”（）〈〉]")
_NEUTRAL = re.compile(r"[\d—\-–～~ ]")
# (二OO八年二月二十六日): pages type the zero as a Latin O and put the date in brackets
_CN_DATE_LINE = re.compile(r"^\s*[（(]?[〇○零OoＯ一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*"
                           r"[一二三四五六七八九十]{1,3}\s*日\s*[）)]?\s*$", re.M)
_QUOTED = re.compile(r"(?:发布|印发|公布|刊发|转发)了?《([^《》\n]{6,160})》")
_REPORTED = re.compile(r"(?:印发|发布|出台)了?《(?P<x>[^《》\n]{4,120})》$")
_BRACKETED = re.compile(r"[（(][^（）()]*[）)]|《[^《》]*》|“[^“”]*”")
_PAREN_ONLY = re.compile(r"^[（(][^（）()]*[）)]$")
_SIGNATURE_LINE = re.compile(r"^[\u4e00-\u9fff（）()\s　]{3,}$")
_APPROVED_BY = re.compile(r"(?:经|已经)(?P<who>国务院|省委[、，]?省(?:人民)?政府|省(?:人民)?政府|市委[、，]?市(?:人民)?政府|"
                          r"市(?:人民)?政府|县(?:人民)?政府|区(?:人民)?政府|自治区(?:人民)?政府)[^。]{0,30}?"
                          r"(?:同意|通过|批准)[^。]{0,160}?印发")
_COMPILED_BY = re.compile(r"(?:编印|印发|制定|发布|出台|汇编)了?《(?P<x>[^《》\n]{4,80})》")
_OWN_WORDS = {"province": re.compile(r"[我本全]省|[我本全]自治区"), "city": re.compile(r"[我本全][市州盟]"),
              "county": re.compile(r"[我本全]县|[我本全]区|[我本全]旗")}
_RELATIVE_UNIT = re.compile(r"(?<![\u4e00-\u9fff])(?:[市县区州盟])(?:发展改革委|发改委|工信局|工业和信息化局|经信局|财政局|商务局|"
                            r"科技局|人社局|市场监管局|政府)")


@dataclass
class Metadata:
    province: str | None = None
    title: str | None = None
    doc_number: str | None = None
    issued: str | None = None
    kind: str | None = None
    issuers: list[str] = field(default_factory=list)
    issuer_written: dict[str, list[str]] = field(default_factory=dict)
    jurisdiction: Jurisdiction | None = None


_WS = re.compile(r"\s+")
_LINE_BREAK = re.compile(r"\s*\n\s*")


def squeeze(s: str) -> str:
    """Remove the spaces that conversion leaves between Chinese characters."""
    return _CJK_SPACE.sub("", s.strip())


# ---------------------------------------------------------------- title

def _title_like(line: str) -> bool:
    """A line that may be (part of) a title: short, mostly Chinese, no sentence punctuation outside brackets,
    not a date, a document number, a numbered item, a bracketed note or a line of agency names."""
    s = line.strip()
    if _PAREN_ONLY.match(s) and _KEPT_PAREN.search(s):
        return True  # a period or edition on a line of its own ((2025年版), (2023-2025年))
    if len(s) < 4 or len(s) > 80 or _PAREN_ONLY.match(s) or _DATE_LINE.match(s) or _CN_DATE_LINE.match(s) \
            or s.startswith(("附件", "附录")) or match_numbering(s):
        return False
    if _SENTENCE_PUNCT.search(_BRACKETED.sub("", s)):
        return False
    cjk = len(_CJK_CHAR.findall(s))
    if cjk < 0.6 * len(s) and cjk < 0.6 * (len(s) - len(_NEUTRAL.findall(s))):
        return False  # (years and ranges, 2015—2017年, count neither way)
    if _DOC_NUMBER.match(_WS.sub("", s)) or s.count(">") >= 2:  # a number (国发〔2015〕40号 文件) or a breadcrumb
        return False
    return not _agency_line(s)


def _agency_line(s: str) -> bool:
    """A line of agency names only (an issuer line, a signature)."""
    if not _SIGNATURE_LINE.match(s) or "关于" in s:
        return False
    matches = find_agencies(s, None)
    covered = sum(m.end - m.start for m in matches)
    return bool(matches) and covered >= 0.8 * len(_WS.sub("", s))


_LINE_END_NUMBER = re.compile(_DOC_NUMBER.pattern + r"\s*$")
_KIND_AT_END = re.compile(rf"(?:{'|'.join(_KINDS)})[》”]?$")


def split_glued_number(line: str) -> tuple[str, str] | None:
    """A title line with its document number glued after it (…实施方案的通知黔府办发〔2017〕76号): the title and
    the number, or None. The number's prefix starts after the last kind word (通知, 方案, 意见 …)."""
    m = _LINE_END_NUMBER.search(line)
    if m is None or "关于" not in line[:m.start("prefix")] + m.group("prefix"):
        return None
    prefix_start = m.start("prefix")
    for cut in range(m.end("prefix") - 1, prefix_start, -1):  # the prefix keeps at least one character
        if _KIND_AT_END.search(line, 0, cut):
            return line[:cut].strip(), _WS.sub("", line[cut:m.end()])
    return None


def _title_blocks(head: str) -> list[str]:
    """Runs of consecutive title-like lines, joined with line breaks kept (a title split over lines)."""
    blocks: list[str] = []
    run: list[str] = []
    for line in head.split("\n"):
        glued = split_glued_number(line) if "号" in line else None
        if glued:
            line = glued[0]
        if _title_like(line):
            if run and len(line.strip()) >= 8 and line.strip() in run[-1]:
                # a page repeating its title line (or a caption holding it): a new block
                blocks.append("\n".join(run))
                run = []
            run.append(line.strip())
            continue
        if run:
            blocks.append("\n".join(run))
        run = []
    if run:
        blocks.append("\n".join(run))
    return blocks


def _flat(s: str) -> str:
    return squeeze(_LINE_BREAK.sub("", s))


def _notice_x(m: re.Match[str]) -> str:
    """The document a notice line issues, with the quote mark it opens with when that quote ends inside it
    (印发《政府工作报告》2018年目标任务责任分解的通知)."""
    x, opener = m.group("x"), m.group("open")
    return opener + x if opener and x.count(_CLOSER[opener]) > x.count(opener) else x


def _notice_title(head: str, blocks: list[str]) -> str | None:
    """The title of the document a notice issues or a news item reports: 现将《Y》印发给你们,
    《Y》已经…印发给你们, 关于印发《Y》的通知, 发布了《…关于印发Y的通知》, 上海印发《Y》."""
    for pattern in (_NOW_ISSUING, _ISSUED_WITH):
        m = pattern.search(head)
        if m:
            return m.group("x")
    for block in blocks:
        flat = _flat(block)
        m = _NOTICE.search(flat)
        if m and flat.endswith(("通知", "通知》")):
            return _notice_x(m)
    for quoted in _QUOTED.finditer(head):  # a notice named in a news sentence
        m = _NOTICE.search(quoted.group(1))
        if m:
            return _notice_x(m)
    for block in blocks:
        m = _REPORTED.search(_flat(block))
        if m:
            return m.group("x")
    return None


def _similar(a: str, b: str) -> float:
    a, b = re.sub(r"[\s《》〈〉“”\"]", "", a), re.sub(r"[\s《》〈〉“”\"]", "", b)
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b).ratio()


def find_title(head: str) -> str | None:
    """The document's own title (see the module docstring)."""
    shared = _SHARED_FILE.search(head, 0, 400)
    if shared:  # a document-sharing site names the file: 《X.docx》由会员分享
        return _clean_title(shared.group(1))
    blocks = _title_blocks(head)
    titled = [b for b in blocks if _KIND_END.search(_flat(b))]
    # A page repeats its title with a site name or a caption glued before it: the bare one wins.
    titled = [b for b in titled if not any(_flat(o) != _flat(b) and _flat(b).endswith(_flat(o)) for o in titled)]
    issued = _notice_title(head, blocks)
    if issued:
        own = [b for b in titled if not _NOTICE.search(_flat(b)) and not _REPORTED.search(_flat(b))
               and _similar(_flat(b), issued) >= 0.6]
        if own:
            return _clean_title(own[-1])
        issued = issued.replace("〈", "《").replace("〉", "》")
        for block in titled:  # a notice line naming it in full (关于印发2023年区《政府工作报告》…方案的通知)
            m = _NOTICE.search(_flat(block))
            if m and _flat(block).endswith(("通知", "通知》")) and _notice_x(m) != issued and (
                    issued in _notice_x(m) or _similar(_notice_x(m), issued) >= 0.75):
                return _clean_title(_notice_x(m))
        return _clean_title(issued)
    plain = [b for b in titled if not _flat(b).endswith(("通知", "通知》"))]
    if plain:
        return _clean_title(plain[-1])
    if titled:
        return _clean_title(titled[-1])
    return _reported_title(head, blocks)


def _reported_title(head: str, blocks: list[str]) -> str | None:
    """A title of no known kind (…目标任务分解) that a news sentence names (渝中区人民政府办公室发布《Y》) and
    that stands on a line of its own; or a title a news sentence names without quotes (近日，国务院发布关于落实
    《政府工作报告》重点工作部门分工的意见)."""
    lines = {_flat(line) for b in blocks for line in b.split("\n")}
    for quoted in _QUOTED.finditer(head):
        if quoted.group(1) in lines:
            return _clean_title(quoted.group(1))
    plain = _PLAIN_REPORT.search(head)
    return plain.group("x") if plain else None


# A news sentence naming the document it reports without quotes: the issuer, a publishing verb, 关于…<kind>.
_PLAIN_REPORT = re.compile(r"(?P<who>[\u4e00-\u9fff]{2,20}?)(?:近日|日前|今天|近期)?(?:印发|发布|出台)了?"
                           rf"(?P<x>关于[^。，,；;！？\n]{{4,80}}?(?:{'|'.join(_KINDS)}))(?=[，,。；;！？\s]|$)")


def _clean_title(title: str) -> str:
    notice = _NOTICE.search(_flat(title))
    if notice and _flat(title).endswith(("通知", "通知》")):
        title = _notice_x(notice).replace("〈", "《").replace("〉", "》")
    title = _strip_quotes(title).replace("〈", "《").replace("〉", "》")  # 〈〉 quote inside a title
    # An issuer before 关于 on a line of its own or after a space is a header, not part of the title
    # (广东省工业和信息化厅 关于…, 资料图 王海欣 摄北京市人民政府办公厅⏎关于…); glued to it (国务院关于…),
    # it is the title as the document gives it.
    m = re.match(r"^(.{2,200}?)[ \t\n　]+关于", title, re.S)
    header = bool(m and (_issuer_like(m.group(1)) or _ends_with_agency(m.group(1))))
    if header:
        title = title[m.end() - 2:]
    title = _flat(title)
    # A header "<issuer> 关于 <plan>" without 的 names the plan: 关于 is not part of its title.
    if header and "的" not in title:
        title = title[2:]
    if _TRAILING_PAREN.search(title) and not _KEPT_PAREN.search(title):
        title = _TRAILING_PAREN.sub("", title)
    return title.strip()


_QUOTE_PAIRS = {"《": "》", "“": "”"}
_CLOSER = {**_QUOTE_PAIRS, "〈": "〉"}


def _strip_quotes(title: str) -> str:
    """The title without the marks around it (《X》, “X”, or one left unmatched), keeping the marks that open a
    quote inside it (“十四五”节能减排综合工作方案)."""
    t = title.strip().strip('" ')
    while t:
        op, cl = (t[0], _QUOTE_PAIRS[t[0]]) if t[0] in _QUOTE_PAIRS else (None, None)
        if op and t.endswith(cl) and t[1:-1].count(op) == t[1:-1].count(cl):
            t = t[1:-1]
        elif op and t[1:].count(cl) <= t[1:].count(op):
            t = t[1:]  # an opener whose closer is lost
        elif t[-1] in _QUOTE_PAIRS.values():
            opener = next(o for o, c in _QUOTE_PAIRS.items() if c == t[-1])
            if t[:-1].count(opener) > t[:-1].count(t[-1]):
                break  # it closes a quote inside the title
            t = t[:-1]
        else:
            break
        t = t.strip('" ')
    return t


_SHARED_FILE = re.compile(r"《([^\n]{4,160}?)\.(?:docx?|pdf|wps|txt)》")
_SEVERAL = re.compile(r"等?[一二三四五六七八九十\d]+(?:个)?(?:部门|单位)$")


def _ends_with_agency(prefix: str) -> bool:
    """A header line that ends in an agency name (a caption glued before the issuer: 摄北京市人民政府办公厅)."""
    last = re.split(r"\s+", prefix.strip())[-1]
    found = find_agencies(last, None)
    return bool(found) and found[-1].end == len(last)


def _issuer_like(prefix: str) -> bool:
    """Whether a title's prefix is a list of issuers (广东省工业和信息化厅, 省工业和信息化厅 省发展改革委,
    湖南省工业和信息化厅等九部门)."""
    from policykg.loaders.agencies import agency_table

    table = agency_table()
    tokens = [t for t in re.split(r"[\s、，,]+", prefix) if t]
    for token in tokens:
        token = _SEVERAL.sub("", token)
        if token and not (find_agencies(token, None) or table.follows_grammar(token)):
            return False
    return bool(tokens)


def find_kind(title: str | None) -> str | None:
    if not title:
        return None
    plain = re.sub(r"[（(][^（）()]*[）)]\s*$", "", title)
    for kind in _KINDS:
        if plain.endswith(kind):
            return kind
    return None


# ---------------------------------------------------------------- number and date

def find_doc_number(head: str) -> str | None:
    """The document's own number: on a line of its own, or opening a line (川办函〔2017〕113号《…》);
    never one cited inside a sentence (落实《…》（发改产业〔2021〕1780号）要求)."""
    for m in finditer_from_anchor(_DOC_NUMBER, DOC_NUMBER_YEAR, head, DOC_NUMBER_LEAD):
        line_start = head.rfind("\n", 0, m.start()) + 1
        before = head[line_start:m.start()].strip()
        start = m.start("prefix")
        # the prefix may have taken characters of a sentence glued before it: only a line start (or a
        # bracket or a 文号 label opening the line) counts
        if _NUMBER_LABEL.search(before):
            return _WS.sub("", m.group(0))
        if before.endswith(("(", "（")) and _KIND_AT_END.search(before[:-1]) and "关于" in before \
                and not _SENTENCE_PUNCT.search(before) and not _CITING.search(before):
            return _WS.sub("", m.group(0))  # a title line: …关于印发…的通知（韶府〔2019〕31号）, …的落实意见(吉政发…)
        if (before and before not in "（(") or (start > line_start and head[start - 1] not in " \t　（("):
            glued = split_glued_number(head[line_start:m.end()])
            if glued and not _SENTENCE_PUNCT.search(glued[0]) and not _CITING.search(glued[0]):
                return glued[1]
            continue
        line_end = head.find("\n", m.end())
        after = head[m.end(): len(head) if line_end < 0 else line_end]
        if after.strip() and not after.strip().startswith(("《", "“", ",", "，")) and len(after.strip()) > 2 \
                and not after[:1].isspace():
            continue
        return _WS.sub("", m.group(0))
    return None


def _damaged_date(year: str, digits: str) -> str | None:
    """A dateline that lost 年 and 月 (2023925日): month and day when only one split is a date."""
    readings = {(int(digits[:k]), int(digits[k:])) for k in (1, 2) if 0 < k < len(digits) and digits[k] != "0"}
    valid = [(mo, d) for mo, d in readings if 1 <= mo <= 12 and 1 <= d <= 31]
    return f"{year}-{valid[0][0]:02d}-{valid[0][1]:02d}" if len(valid) == 1 else None


# (without 日 only under a signature: 南宁市兴宁区人民政府办公室⏎202091)
_DAMAGED_DATE = re.compile(r"^\s*((?:19|20)\d{2})(\d{2,4})(日)?\s*$", re.M)


def _damaged_doc_number(head: str) -> str | None:
    """A number line whose page lost its closing bracket and 号 (应政办发〔202321): the year's four digits
    leave one reading."""
    m = _DAMAGED_NUMBER.search(head)
    return f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号" if m else None


_DAMAGED_NUMBER = re.compile(r"^\s*([\u4e00-\u9fff]{1,8}[发函字办])\s*〔\s*((?:19|20)\d{2})(\d{1,4})\s*$", re.M)
_CITING = re.compile(r"^(?:为|根据|按照|依据|贯彻|落实|遵照)")
_NUMBER_LABEL = re.compile(r"(?:文\s*号|发文字号|文件编号|文件号|文件字号)\s*[：:|\s]*$")


def find_issued(text: str, body_start: int, body_end: int, doc_number: str | None) -> str | None:
    """The signature date (a line of its own, in digits or Chinese numerals, or right after the signing
    agency); else a date field of the page (成文日期, 颁发时间, 发布日期), a 'YYYY年M月…印发' statement, an
    edition note (2022年2月版), or the year of the document number."""
    dates = list(_date_lines(text))
    tail = [m for m in dates if m.start() >= body_end]
    for m in tail + dates:
        line_end = text.find("\n", m.end())
        following = text[m.end(): line_end if line_end >= 0 else len(text)]
        if "印发" in following:
            continue
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    for m in _CN_DATE_LINE.finditer(text):
        return _chinese_date(m.group(0))
    for m in _DAMAGED_DATE.finditer(text):
        signed = m.group(3) or _agency_line(text[:m.start()].rstrip().rsplit("\n", 1)[-1])
        date = _damaged_date(m.group(1), m.group(2)) if signed else None
        if date:
            return date
    head = text[:body_start]
    bracketed = _BRACKETED_DATE_LINE.search(head)  # a Party and government 意见 dates itself under its title
    if bracketed:
        return f"{int(bracketed.group(1)):04d}-{int(bracketed.group(2)):02d}-{int(bracketed.group(3)):02d}"
    signed = _signed_inline(head)
    if signed:
        return signed[1]
    fields = _page_fields(head)
    for key in ("成文日期", "成文时间", "制发日期", "颁发时间", "发文日期", "印发日期", "发布日期"):
        date = _iso_date(fields.get(key, ""))
        if date:
            return date
    m = _ISSUE_MONTH.search(text) or _EDITION.search(text[:300])
    if m:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
    year = re.search(r"[〔\[［【（(]\s*((?:19|20)\d{2})\s*[〕\]］】）)]", doc_number or "")
    return year.group(1) if year else None


_FIELD = re.compile(r"(?P<key>来源|发文机构|发文单位|发布机构|发布机关|发文机关|颁发时间|成文日期|成文时间|制发日期|发布日期|发文日期|印发日期)"
                    r"\s*[:：]?\s*\|?\s*(?P<value>[^|\n]{2,60})")
_ANY_DATE = re.compile(r"((?:19|20)\d{2})\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})")
_INLINE_SIGNED = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?=\s|$|[（(])", re.M)


def _page_fields(head: str) -> dict[str, str]:
    """Labelled fields a government web page prints above a document (发文机构：…, 成文日期 2023-01-16)."""
    fields: dict[str, str] = {}
    for m in _FIELD.finditer(head):
        fields.setdefault(m.group("key"), m.group("value").strip())
    return fields


def _iso_date(value: str) -> str | None:
    m = _ANY_DATE.search(value)
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else None


_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {c: "0" for c in "○零OoＯ"}


def _chinese_date(written: str) -> str | None:
    """二○一二年四月二十八日 -> 2012-04-28."""
    m = re.search(r"([〇○零OoＯ一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日",
                  written)
    if not m:
        return None
    year = "".join(_CN_DIGIT[c] for c in m.group(1))
    return f"{year}-{to_int(m.group(2)):02d}-{to_int(m.group(3)):02d}"


def _signed_inline(head: str) -> tuple[AgencyMatch, str] | None:
    """An agency name right before a date inside a line (鄂尔多斯市人民政府 2025年3月21日): a signature."""
    for m in _INLINE_SIGNED.finditer(head):
        before = head[max(0, m.start() - 40):m.start()].rstrip()
        found = [a for a in find_agencies(before, None) if a.info.level != "collective"]
        if found and found[-1].end == len(before):
            return found[-1], f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    return None


def _year_starts(text: str) -> Iterator[int]:
    r"""Where the four digits of ``(?:19|20)\d{2}\s*年`` would start before each 年, in text order."""
    y = text.find("年")
    while y >= 0:
        digits = y
        while digits > 0 and text[digits - 1].isspace():
            digits -= 1
        if digits >= 4:
            yield digits - 4
        y = text.find("年", y + 1)


def _date_lines(text: str) -> Iterator[re.Match[str]]:
    """``_DATE_LINE.finditer(text)``, tried only where a date line can start (before each 年)."""
    pos = 0
    for digits in _year_starts(text):
        if digits < pos:
            continue
        blank = digits
        while blank > pos and text[blank - 1].isspace():
            blank -= 1
        if blank == 0 or text[blank - 1] == "\n":
            start = blank
        else:
            start = text.find("\n", blank, digits) + 1
            if start == 0:
                continue
        m = _DATE_LINE.match(text, start)
        if m:
            yield m
            pos = m.end()


# ---------------------------------------------------------------- issuers

def find_issuers(text: str, head_end: int, body_end: int, where: Jurisdiction | None,
                 signatures: list[tuple[int, int]] = ()) -> dict[str, list[str]]:
    """Issuers: agency-only lines of the head and the signature blocks, and a 'X关于' title prefix."""
    found: dict[str, list[str]] = {}

    def add(matches: list[AgencyMatch]) -> None:
        for m in matches:
            if m.info.level == "collective":
                continue
            found.setdefault(m.info.name, [])
            if m.written not in found[m.info.name]:
                found[m.info.name].append(m.written)

    for a, b in ((0, head_end), *signatures, (body_end, len(text))):
        pos = a
        lines = text[a:b].split("\n")
        for i, line in enumerate(lines):
            line_start = pos
            pos += len(line) + 1
            s = line.strip()
            if not s or s.endswith(("：", ":")) or "抄送" in s:
                continue
            if i + 1 < len(lines) and lines[i + 1].lstrip().startswith("关于"):
                named = find_agencies(line, where, line_start)
                if named and named[-1].end - line_start >= len(line.rstrip()):
                    covered = sum(m.end - m.start for m in named)
                    # issuers over their title (中共四川省委 四川省人民政府), or one after a caption (摄北京市人民政府办公厅)
                    add(named if covered >= 0.8 * len(_WS.sub("", s)) else named[-1:])
                    continue
            if _SIGNATURE_LINE.match(s) and "印发" not in s and "关于" not in s:
                # a bare department's name (财政厅 among a page's tags) signs nothing: a signature names its
                # jurisdiction (省财政厅, 吉林省财政厅) or is a full name (财政部)
                matches = [m for m in find_agencies(line, where, line_start)
                           if m.written == m.info.name or m.written.startswith(RELATIVE_PREFIXES)
                           or not m.info.name.endswith(m.written)]
                covered = sum(m.end - m.start for m in matches)
                if matches and covered >= 0.6 * len(_WS.sub("", s)):
                    add(matches)
                elif not matches:
                    add(_signing_body(line, where, line_start))
            elif "关于" in s and "。" not in s and len(s) <= 160:
                prefix = s.split("关于", 1)[0]
                if prefix.strip() and "《" not in prefix:  # not a cited document's issuer (贯彻《X关于…》)
                    add(find_agencies(prefix, where, line_start))
    return found


# A signature signed on another body's behalf: 玉林市…领导小组办公室(代), …(代章)
_ON_BEHALF = re.compile(r"\s*[（(]代章?[）)]\s*$")


def _signing_body(line: str, where: Jurisdiction | None, line_start: int) -> list[AgencyMatch]:
    """A signature line that is one body in no table but named in full by the agency grammar, its jurisdiction
    first (玉林市应对气候变化及节能减排工作领导小组办公室(代))."""
    line = _ON_BEHALF.sub("", line)
    units = split_units(line.strip(), where, line_start + len(line) - len(line.lstrip()))
    if len(units) == 1 and units[0].info.name == units[0].written and len(units[0].written) == len(line.strip()):
        return units
    return []


def _issuer_by_formula(head: str, where: Jurisdiction | None) -> str | None:
    """A notice approved by a government (经省政府同意，现印发给你们) is issued by that government's
    general office: 国务院办公厅, <province>人民政府办公厅, <city or county>人民政府办公室."""
    m = _APPROVED_BY.search(head)
    if not m or where is None:
        return None
    who = m.group("who")
    if who == "国务院":
        return "国务院办公厅"
    level = "province" if who.startswith(("省", "自治区")) else "city" if who.startswith("市") else "county"
    target = next((j for j in where.chain() if j.level == level or (level == "city" and j.municipality)), None)
    if target is None:
        return None
    return _general_office(target)


# A page's fields that name the issuer, most trusted first (来源 last: a site also names itself there).
_ISSUER_FIELDS = ("发文机构", "发文单位", "发布机关", "发文机关", "发布机构", "来源")
_DEPTH = {"central": 0, "province": 1, "city": 2, "county": 3}  # levels from the top down


def _general_office(j: Jurisdiction) -> str:
    if j.level == "central":
        return "国务院办公厅"
    return j.name + ("人民政府办公厅" if j.level == "province" or j.name in _sub_provincial() else "人民政府办公室")


def _office_of_series(issuers: dict[str, list[str]], doc_number: str | None,
                      where: Jurisdiction | None) -> dict[str, list[str]]:
    """A government named as the issuer of a number of its general office's series (苏政办发, 国办发) is its
    general office: a page's 发布机构 cell names the government whose portal publishes the office's documents."""
    prefix = _number_prefix(doc_number)
    if where is None or len(issuers) != 1 or not prefix or not ("政办" in prefix or prefix.startswith("国办")):
        return issuers
    (name, written), = issuers.items()
    for j in where.chain():
        if name == (j.name if j.level == "central" else j.name + "人民政府"):
            return {_general_office(j): written}
    return issuers



def _deeper_by_issuers(where: Jurisdiction | None, issuers: dict[str, list[str]]) -> Jurisdiction | None:
    """The jurisdiction a page's source field names (信息来源：丽水市政府) when the text alone said only its
    province: a city's text written with 市发改委 is the city's."""
    found = [j for j in (_agency_jurisdiction(name) for name in issuers) if j is not None]
    if not found:
        return where
    deepest = max(found, key=lambda j: _DEPTH[j.level])
    if where is None or (_DEPTH[deepest.level] > _DEPTH[where.level] and deepest.province == where.province):
        return deepest
    return where


def _without_the_office_holder(issuers: dict[str, list[str]]) -> dict[str, list[str]]:
    """A general office that issues is the issuer, not also the body it serves: 工业和信息化部办公厅 (a page's
    【工信部政策】 or the text's 我部 name the ministry), 国务院办公厅 (a 国务院 in the header)."""
    offices = {name[:-3] for name in issuers if name.endswith(("办公厅", "办公室"))}
    if not offices & issuers.keys():
        return issuers
    return {name: written for name, written in issuers.items() if name not in offices}


def _sub_provincial() -> set[str]:
    return {r["name"] for r in read_tsv("sub_provincial_cities.tsv")}


def _issuer_of_plain_report(head: str, title: str | None, where: Jurisdiction | None) -> dict[str, list[str]]:
    """The issuer a news sentence names before the unquoted title it reports (国务院发布关于…的意见)."""
    plain = _PLAIN_REPORT.search(head)
    if plain is None or plain.group("x") != title:
        return {}
    found = [m for m in find_agencies(plain.group("who"), where) if m.info.level != "collective"]
    return {m.info.name: [m.written] for m in found[-1:]}


def _issuer_of_quoted_notice(head: str, where: Jurisdiction | None) -> dict[str, list[str]]:
    """The issuer a news item names with the notice it reports (发布了《自治区人民政府办公厅关于印发…的通知》)."""
    for quoted in _QUOTED.finditer(head):
        notice = quoted.group(1)
        if _NOTICE.search(notice) and "关于" in notice:
            found = [m for m in find_agencies(notice.split("关于", 1)[0], where) if m.info.level != "collective"]
            if found:
                return {m.info.name: [m.written] for m in found}
    return {}


def _issuer_of_notice_line(head: str, where: Jurisdiction | None) -> dict[str, list[str]]:
    """The agency that opens the notice's own title, where no line of the head stands alone (a PDF read as
    one line: …青海省人民政府关于印发…的通知青政号…)."""
    m = _NOTICE_LINE.search(head)
    if not m or "\n" in head[:m.start()] or head[m.end():m.end() + 1] in ("》", "〉", "”"):
        return {}
    found = [x for x in find_agencies(m.group(1)[-30:], where) if x.info.level != "collective"]
    return {found[-1].info.name: [found[-1].written]} if found and m.group(1).endswith(found[-1].written) else {}


_NOTICE_LINE = re.compile(r"([\u4e00-\u9fff]{4,60}?)关于(?:印发|转发)[^。《》]{4,120}?的通知")


def _issuer_compiling(head: str, title: str | None, where: Jurisdiction | None) -> dict[str, list[str]]:
    """An agency that compiled or issued the document named by its title in the preamble
    (省四送一服办公室…编印《支持实体经济发展政策清单》)."""
    if not title:
        return {}
    for sentence in re.split(r"[。\n]", head):
        m = _COMPILED_BY.search(sentence)
        if m and _similar(m.group("x"), title) >= 0.8:
            found = [x for x in find_agencies(sentence[: m.start()], where) if x.info.level != "collective"]
            if found:
                return {found[0].info.name: [found[0].written]}
    return {}


# ---------------------------------------------------------------- jurisdiction

def _central_prefixes() -> tuple[str, ...]:
    return tuple(sorted((r["prefix"] for r in read_tsv("doc_number_prefixes.tsv")), key=len, reverse=True))


_CENTRAL_PREFIXES: tuple[str, ...] = ()


def _number_prefix(doc_number: str | None) -> str | None:
    if not doc_number:
        return None
    m = _DOC_NUMBER.match(doc_number)
    return m.group("prefix") if m else None


def _is_central_number(prefix: str | None) -> bool:
    global _CENTRAL_PREFIXES
    if not prefix:
        return False
    if not _CENTRAL_PREFIXES:
        _CENTRAL_PREFIXES = _central_prefixes()
    return prefix.startswith(_CENTRAL_PREFIXES)


def _title_jurisdiction(title: str | None) -> Jurisdiction | None:
    """A jurisdiction the title opens with (宜春市制造业…, 山西省提振消费…, 关于支持长兴县…: not the latter)."""
    if not title:
        return None
    names = full_names()
    for k in range(min(len(title), 16), 1, -1):
        if title[:k] in names:
            return by_name(title[:k])
    return None


def _number_city(prefix: str | None, province: str | None) -> Jurisdiction | None:
    """The city a document number's prefix names (亳政 -> 亳州市, 甬政发 -> 宁波市), when one city fits."""
    if not prefix:
        return None
    cities = {j for short, found in short_names().items() if short[:1] == prefix[:1]
              for j in found if j.level == "city" and (province is None or j.province == province)}
    return next(iter(cities)) if len(cities) == 1 else None


def detect_jurisdiction(text: str, head_end: int, title: str | None, doc_number: str | None,
                        issuers: list[str]) -> Jurisdiction | None:
    """The issuing jurisdiction of a document (see the module docstring); None when nothing points to one."""
    prefix = _number_prefix(doc_number)
    issuer_places = [_agency_jurisdiction(name) for name in issuers]
    issuer_places = [j for j in issuer_places if j is not None]
    if _is_central_number(prefix) or (issuer_places and all(j.level == "central" for j in issuer_places)):
        return CENTRAL
    if not issuer_places and prefix is None and _CENTRAL_ADDRESSEES.search(text, 0, max(head_end, 400)):
        return CENTRAL  # written to 各省、自治区、直辖市人民政府，国务院各部委: the State Council or a ministry
    number_province = province_of_abbreviation(prefix) if prefix else None
    local = [j for j in issuer_places if j.level != "central"]
    if local:
        return max(local, key=lambda j: _DEPTH[j.level])
    titled = _title_jurisdiction(title)
    if titled is not None and (number_province is None or titled.province == number_province):
        return titled
    if number_province is None and prefix and not _speaks_as_county(text):
        city = _number_city(prefix, None)  # (a district's own number, 宝府办, names the district, not a city)
        if city is not None:
            return city
    province = number_province or detect_province(text) or _province_of_places(text)
    if province is None:
        return _district_of_branch(text)
    return _below_province(text, head_end, province)


# A city bureau's branch named after a district (市生态环境局咸安分局) in a text that speaks as a district.
_DISTRICT_BRANCH = re.compile(r"市[\u4e00-\u9fff]{2,12}?局([\u4e00-\u9fff]{2,4}?)分局")


def _district_of_branch(text: str) -> Jurisdiction | None:
    """A district's text that names no place but the branch a city bureau keeps in it: that district."""
    if "分局" not in text or not _speaks_as_county(text):
        return None
    for m in _DISTRICT_BRANCH.finditer(text):
        for suffix in ("区", "县"):
            found = by_name(m.group(1) + suffix)
            if found is not None and found.level == "county":
                return found
    return None


# A province's own voice: its departments written with the bare prefix (省人社厅, 省财政厅), 我省, 全省.
_PROVINCE_VOICE = re.compile(r"(?:^|[^\u4e00-\u9fff]|[、由和及])省[\u4e00-\u9fff]{1,8}?(?:厅|委|局|办)|[我全本]省")


def _province_of_places(text: str) -> str | None:
    """A text that speaks as a province, city or county but names no province (an excerpt without head or
    signature): the province all the places it names lie in (兰州新区 -> 甘肃省; 福清市 in a text of 市农办,
    市教育局 -> 福建省, whose city ``_below_province`` then finds)."""
    if not (_PROVINCE_VOICE.search(text) or _CITY_VOICE.search(text) or _RELATIVE_UNIT.search(text)
            or _COUNTY_VOICE.search(text)):
        return None
    from policykg.loaders.places import find_places, province_of

    provinces = {province_of(m.city) for m in find_places(text) if m.city}
    provinces.discard(None)
    return provinces.pop() if len(provinces) == 1 else None


def _agency_jurisdiction(name: str) -> Jurisdiction | None:
    from policykg.loaders.agencies import agency_table

    agency = agency_table().agency(name)
    if agency is not None:
        if agency.level == "central":
            return CENTRAL
        return province_jurisdiction(agency.province) if agency.province else None
    for k in range(min(len(name) - 1, 16), 1, -1):
        start = 2 if name.startswith("中共") else 0
        j = by_name(name[start:start + k])
        if j is not None:
            return j
    return None


def _below_province(text: str, head_end: int, province: str) -> Jurisdiction:
    """A city or county document of ``province`` when the text speaks as one (我市, 结合淮安实际, 市工信局) and
    names that city or county; else the province itself."""
    p = PROVINCES[province]
    if p.kind == "直辖市":
        return _named_county(text, province) or province_jurisdiction(province)
    own = _OWN_PLACE.search(text)
    if own:
        j = by_name(own.group(1), province) or _short(own.group(1), province)
        if j is not None and j.level in ("city", "county"):
            return j
    speaks_province = bool(_OWN_WORDS["province"].search(text))
    if _speaks_as_county(text, province):
        county = _named_county(text, province)  # 县发改委 …, 来源:霍邱县政府办公室
        if county is not None:
            return county
    speaks_city = bool(_OWN_WORDS["city"].search(text)) or bool(_RELATIVE_UNIT.search(text))
    if speaks_province or not speaks_city:
        return province_jurisdiction(province)
    from policykg.loaders.places import find_places

    counts = Counter(m.city for m in find_places(text, province) if m.city)
    if counts:
        city, _ = counts.most_common(1)[0]
        j = by_name(city, province)
        if j is not None:
            return j
    return province_jurisdiction(province)


# A district or county speaking of itself: 我区, 全县, 区发改委 (a province-level city's own units are 市…; a city's
# collective 各县(市)区政府 is not a district speaking).
_COUNTY_VOICE = re.compile(r"[我本全][区县]|(?<![\u4e00-\u9fff)）])[区县](?:委|政府|发展改革委|发改委|财政局|商务委|商务局)")


def _speaks_as_county(text: str, province: str | None = None) -> bool:
    """A district's or county's own voice (区委、区政府, 我县) and not a city's (我市, 市政府). In an autonomous
    region 全区, 区发改委 are the region's own: only a county speaks there."""
    voice = _COUNTY_ONLY_VOICE if province and PROVINCES[province].kind == "自治区" else _COUNTY_VOICE
    return bool(voice.search(text)) and not _CITY_VOICE.search(text)


_COUNTY_ONLY_VOICE = re.compile(r"[我本全]县|(?<![\u4e00-\u9fff])县(?:委|政府|发展改革委|发改委|财政局|商务委|商务局)")


_CITY_VOICE = re.compile(r"(?<![\u4e00-\u9fff])[市州盟](?:委|政府|人民政府)|[我本][市州盟]|全[州盟]")  # (全市: a county
# compares itself with its city too, 高于全市平均)


def _named_county(text: str, province: str) -> Jurisdiction | None:
    """The district or county whose document this is: the text speaks as one and names one above all others
    (渝中区 in 渝中区人民政府办公室发布《…》 with 区发改委; 霍邱县 in 来源:霍邱县政府办公室 with 县发改委)."""
    if not _COUNTY_VOICE.search(text):
        return None
    counties = counties_of(province)
    counts = Counter(m.group() for m in _county_names(province).finditer(text))
    if not counts:
        return None
    (first, n), *rest = counts.most_common(2)
    if rest and rest[0][1] == n:
        return None
    return counties[first]


@lru_cache(maxsize=8)
def _county_names(province: str) -> re.Pattern[str]:
    names = sorted(counties_of(province), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


def _short(name: str, province: str) -> Jurisdiction | None:
    from policykg.loaders.jurisdiction import by_short_name

    return by_short_name(name, province)


# The addressees of the State Council and the ministries (各省、自治区、直辖市人民政府，国务院各部委、各直属机构).
_CENTRAL_ADDRESSEES = re.compile(r"^\s*各省、自治区、直辖市(?:及新疆生产建设兵团)?[^\n]{0,40}[，,、]\s*(?:国务院各部委|国家)", re.M)


# 结合淮安实际 / 结合我市实际: a document says whose circumstances it is written for.
_OWN_PLACE = re.compile(r"结合([\u4e00-\u9fff]{2,10}?)(?:的)?(?:实际|发展实际|实际情况)")


def _attached_title(text: str, signatures: list[tuple[int, int]]) -> str | None:
    """The title line of the document a notice with numbered items issues after its signature."""
    for _, start in signatures:
        end = text.find("\n", start)
        return _clean_title(text[start: end if end >= 0 else len(text)])
    return None


# ---------------------------------------------------------------- entry point

def extract_metadata(text: str, body_start: int, body_end: int,
                     signatures: list[tuple[int, int]] = ()) -> Metadata:
    """Title, number, date, kind, issuers and jurisdiction of a (simplified) document text. ``signatures``:
    a notice's signature blocks inside the body (before the document it issues)."""
    head = text[:body_start]
    title = find_title(head) or _attached_title(text, signatures)
    doc_number = find_doc_number(head) or _damaged_doc_number(head)
    issuers = find_issuers(text, body_start, body_end, None, signatures)
    where = detect_jurisdiction(text, body_start, title, doc_number, list(issuers))
    if where is not None:  # again, now that relative issuer names (省政府, 市政府办公室) can be read
        issuers = find_issuers(text, body_start, body_end, where, signatures) or issuers
    if not issuers:
        signed = _signed_inline(head)
        fields = _page_fields(head)
        field_issuer = next((fields[key] for key in _ISSUER_FIELDS if fields.get(key)), None)
        if signed:
            issuers = {signed[0].info.name: [signed[0].written]}
        elif field_issuer:
            issuers = {m.info.name: [m.written] for m in find_agencies(field_issuer, where)
                       if m.info.level != "collective"}
    if not issuers:
        issuers = (_issuer_compiling(head, title, where) or _issuer_of_quoted_notice(head, where)
                   or _issuer_of_notice_line(head, where) or _issuer_of_plain_report(head, title, where))
        if where is None and issuers and all(by_name(n) is CENTRAL or n.startswith("国务院") for n in issuers):
            where = CENTRAL  # a news item on a State Council document: its ministries are the central ones
    if not issuers:
        formula = _issuer_by_formula(head, where)
        if formula:
            issuers = {formula: []}
    issuers = _without_the_office_holder(_office_of_series(issuers, doc_number, where))
    where = _deeper_by_issuers(where, issuers)
    return Metadata(
        province=where.province if where else None,
        title=title,
        doc_number=doc_number,
        issued=find_issued(text, body_start, body_end, doc_number),
        kind=find_kind(title),
        issuers=list(issuers),
        issuer_written=issuers,
        jurisdiction=where,
    )
