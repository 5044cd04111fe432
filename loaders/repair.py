"""Repair what format conversion breaks: the text every span in the project points into.

``repair_text`` turns the reading-order text of any format into one paragraph
per line: hard wraps and mid-word breaks are joined, page numbers and running
headers/footers dropped, markdown markers removed (heading lines recorded),
full-width letters/digits made half-width and odd whitespace unified.
Form feeds (``\\f``) in the input mark page breaks and help find running
headers and footers.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from policykg.loaders._patterns import PERSON_COLUMN_WORDS, TASK_COLUMN_WORDS
from policykg.loaders.simplify import to_simplified


@dataclass(frozen=True)
class RepairedText:
    text: str
    heading_starts: frozenset[int]


# ---------------------------------------------------------------- character level

_FULLWIDTH_ALNUM = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}
_FULLWIDTH_ALNUM.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})
_FULLWIDTH_ALNUM.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})
_FULLWIDTH_ALNUM[0xFF05] = ord("%")  # ％ is a unit sign, not Chinese punctuation
_CHAR_MAP: dict[int, int | str | None] = dict(_FULLWIDTH_ALNUM)
for _c in (0x00A0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008,
           0x2009, 0x200A, 0x202F, 0x205F, 0x3000, 0x0009, 0x000B):
    _CHAR_MAP[_c] = " "
for _c in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD):
    _CHAR_MAP[_c] = None
# PDF fonts that map GB2312's full-width row (0xA3A1-0xA3FE) onto the Yi syllables U+A3A1-U+A3FE (ꎬ for ，,
# ꎮ for 。), and guillemets for book-title marks («…» for 《…》): no Chinese policy text writes either.
for _c in range(0xA3A1, 0xA3FF):
    _CHAR_MAP[_c] = _FULLWIDTH_ALNUM.get(_c - 0xA3A1 + 0xFF01, _c - 0xA3A1 + 0xFF01)
_CHAR_MAP[0xA3AE] = "。"
_CHAR_MAP[0xFE52] = "．"  # ﹒ (small full stop) after item numbers: 1﹒地区生产总值…
_CHAR_MAP[0x00AB] = "《"
_CHAR_MAP[0x00BB] = "》"

_MAPPED = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_CHAR_MAP)) + "]")
_SPACES = re.compile(r" {2,}")
_FULLWIDTH_POINT = re.compile(r"(?<=\d)．(?=\d)")
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
# a space between a CJK character and an ASCII letter/digit is a typesetting artefact (the space first, so that
# re looks for it by itself: the look-behinds take the space in)
_SPACE_CJK_ASCII = re.compile(rf" (?:(?<=[{_CJK}] )(?=[0-9A-Za-z%])|(?<=[0-9A-Za-z%] )(?=[{_CJK}]))")
_CJK_OR_MARK = rf"[{_CJK}，。、：；！？“”《》（）]"
_LETTER_SPACED = re.compile(rf"(?:{_CJK_OR_MARK} ){{8}}")
_SPACE_IN_WORDS = re.compile(rf"(?<={_CJK_OR_MARK}) (?={_CJK_OR_MARK})")
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]", re.IGNORECASE)
# Pinyin glosses some mirrors inject after characters (關(guān)于, 部門(mén)): lower-case letters with at least one
# tone mark, in brackets, right after a CJK character.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_TONE_MARK = re.compile(f"[{_TONED}]")
_PINYIN_GLOSS = re.compile(rf"(?<=[{_CJK}])[(（](?=[a-z{_TONED}]*[{_TONED}])[a-z{_TONED}üv]{{1,7}} ?[)）]")
_AT_MARKS = re.compile(r"@{2,}")
# Glosses without tone marks (國務(wu)院(yuan)): read so only where a page holds many of them.
_PLAIN_GLOSS = re.compile(rf"(?<=[{_CJK}])[(（][a-z]{{1,6}} ?[)）]")
_PLAIN_GLOSSES_MIN = 5
_ANY_PLAIN_GLOSS = re.compile(r"[(（][a-z]{1,6} ?[)）]")
# Runs of one- to three-character ASCII tokens that some mirrors scatter around lines: three or more tokens
# with punctuation among them (never a number, a code such as 5G or an English word of a real text).
_NOISE_TOKENS = r"(?:(?=[\x21-\x7e]{0,3}[^\w\s])[\x21-\x7e]{1,3}\s+|[A-Za-z0-9]{1,2}\s+){3,}"
_NOISE_START = re.compile(rf"^{_NOISE_TOKENS}[\x21-\x7e]{{0,3}}(?=[\u4e00-\u9fff（(“《])")
_NOISE_END = re.compile(r"(?<=[\u4e00-\u9fff。；：，）)》”:;,.])\s*(?![:;,.)!?])[\x21-\x7e]{1,3}(?:\s+[\x21-\x7e]{1,3}){2,}\s*$")
_NOISE_LINE = re.compile(r"(?:[\x21-\x7e]{1,3}\s+){2,}[\x21-\x7e]{1,3}\s*")
# Markers of a paginated web page ([接上页], （接下页）): not text.
_PAGE_MARKER = re.compile(r"[\[［【(（]\s*(?:接上页|接下页|续上页|上接|下转)\s*[\]］】)）]")


_MAPPED_TEXT = {chr(c): "" if v is None else v if isinstance(v, str) else chr(v) for c, v in _CHAR_MAP.items()}


def _mapped_char(m: re.Match) -> str:
    return _MAPPED_TEXT[m.group()]


_LOST_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\?+(?=[\u4e00-\u9fff])")


def _clean_line(line: str) -> str:
    # each step only when the line has what it changes (most lines have nothing to change)
    if _MAPPED.search(line):
        line = line.translate(_CHAR_MAP)
    return _clean_mapped_line(line)


def _clean_mapped_line(line: str) -> str:
    """``_clean_line`` after the character map (``repair_text`` maps the whole text at once)."""
    if "[" in line:
        line = _BOOKMARK.sub("", line)
    if "@@" in line:  # a mirror's injected markers (投资@@、消费@@)
        line = _AT_MARKS.sub("", line)
    if "?" in line:  # a space or bullet the page could not encode, between Chinese characters (第一章?总则)
        line = _LOST_SPACE.sub(" ", line)
    if line and (line[:1].isascii() or line[-1:].isascii()) and not line.startswith("|"):  # noise (* D4 o' …)
        if line[:1].isascii():
            line = _NOISE_START.sub("", line)
        if line[-1:].isascii() and " " in line[-16:]:  # noise at the end is tokens between spaces
            line = _NOISE_END.sub("", line)
        if _NOISE_LINE.fullmatch(line):
            return ""
    if _TONE_MARK.search(line):  # a gloss holds a tone mark: lines without one (nearly all) skip the pattern
        line = _PINYIN_GLOSS.sub("", line)
    if "上页" in line or "下页" in line or "上接" in line or "下转" in line:
        line = _PAGE_MARKER.sub("", line)
    if "．" in line:
        line = _FULLWIDTH_POINT.sub(".", line)
    if "  " in line:
        line = _SPACES.sub(" ", line)
    if " " in line and _LETTER_SPACED.search(line):  # a PDF set with a space after every character (青 海 省 人 民)
        line = _SPACE_IN_WORDS.sub("", line)
    line = line.strip()
    return _SPACE_CJK_ASCII.sub("", line) if " " in line else line


# ---------------------------------------------------------------- line classes

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－─_~～]+ ?\d{1,4} ?[-—–－─_~～]+"
    r"|第 ?\d{1,4} ?页(?: ?[,，/ ] ?共 ?\d{1,4} ?页)?"
    r"|共 ?\d{1,4} ?页 ?第 ?\d{1,4} ?页"
    r"|\d{1,4} ?/ ?\d{1,4}"
    r"|\d{1,3}"
    r"|(?:page|Page|PAGE) ?\d{1,4}(?: ?(?:of|/) ?\d{1,4})?)$"
)
_TABLE_SEPARATOR = re.compile(r"^\|?(?: ?:?-{3,}:? ?\|)+(?: ?:?-{3,}:? ?)?\|?$|^\|? ?:?-{3,}:? ?\|?$")
_MD_HEADING = re.compile(r"^#{1,6}(?: +|$)")
_BOLD_LINE = re.compile(r"^\*\*(?P<inner>.+?)\*\*$")
_BOLD_MARK = re.compile(r"\*\*")
_DROPPED = re.compile(f"(?:{_PAGE_NUMBER.pattern})|(?:{_TABLE_SEPARATOR.pattern})")  # either line class
# The characters a ``_DROPPED`` line can start with, besides the digits (``\d``: ``str.isdecimal``): lines
# starting with anything else (nearly all) skip the pattern.
_DROPPED_FIRST = frozenset("-—–－─_~～第共pP|: ")

_CN_NUM = "一二三四五六七八九十百零〇两"
_ITEM_START = re.compile(
    rf"^(?:[{_CN_NUM}]+[、.．]"
    rf"|[（(][{_CN_NUM}]+[）)]"
    rf"|\d{{1,3}}(?:[、．]|\.(?!\d)|[)）])"
    rf"|[（(]\d{{1,3}}[）)]"
    r"|[①-⑳⑴-⒇⒈-⒛❶-❿]"
    rf"|第[{_CN_NUM}\d]+[条章节部分款项篇]"
    r"|附件 ?\d*[：:]|附件$|附表"
    r"|专栏 ?\d*"
    r"|[•●○■□◆◇▪►]"
    r"|\|)"
)


def _item_start(line: str) -> bool:
    """Whether ``line`` opens a numbered item, list entry, attachment, box or table row (its first
    characters simplified: a traditional mirror writes 第三條, 專欄)."""
    return bool(_ITEM_START.match(to_simplified(line[:16])))


# A numbered item run into the previous one on the same line after a sentence end and a space, as pages
# flattened from HTML print them ("…新产品。责任单位:…。 20、积极开展…"): each item gets its own line.
_INLINE_ITEM = re.compile(
    rf"(?<=[。；;！？!?）):：])\s+(?=(?:\d{{1,3}}(?:[、．]|\.(?!\d))|[（(](?:[{_CN_NUM}]{{1,3}}|\d{{1,2}})[）)]|[{_CN_NUM}]{{1,3}}、)\S)"
    # an article or chapter after a space, whatever precedes (…若干规定 第一章 总则 第一条 为…)
    rf"|\s+(?=第[{_CN_NUM}\d]{{1,4}}[条章][\s?？\u4e00-\u9fff])"
)
# Without a space, only a chapter or a numbered item after a full stop (…制定本实施方案。一、加强…, …发展基础。1.巩固…),
# or a bracketed item after a full stop or a closing bracket (…不再列出)(二)加强…); ``_UNSPACED_ITEM`` finds the lines
# that may hold one.
_UNSPACED_SPLIT = re.compile(
    rf"(?<=[。；;！？!?])(?=(?:[{_CN_NUM}]{{1,3}}、|\d{{1,2}}[.．、])[\u4e00-\u9fff])"
    # a chapter after the colon that announces the items (现就有关事项通知如下:一、加大…)
    rf"|(?<=[：:])(?=[{_CN_NUM}]{{1,3}}、[\u4e00-\u9fff])"
    # a bracketed item, or an arabic one after the bracket of the clause that closed the one before (…协办)2.重点…)
    rf"|(?<=[。；;！？!?）)])(?=(?:[（(](?:[{_CN_NUM}]{{1,3}}|\d{{1,2}})[）)]|\d{{1,2}}[.．、])[\u4e00-\u9fff])"
)
# The first sub-item run into its chapter heading, after a space or, bracketed, right after it
# ("一、以互助共进为基础创新市域合作 (一)统筹旗区…", "一、大力促进农村劳动力转移就业(一)加快…").
_INLINE_FIRST_ITEM = re.compile(rf"^((?:[{_CN_NUM}]{{1,3}}、|[（(][{_CN_NUM}]{{1,3}}[）)])[^。；;！？!?，,（）()]{{2,40}}?)"
                                rf"(?:\s+(?=[（(](?:一|1)[）)]|1[、．.])|(?=[（(]一[）)])|(?=1[、．.][\u4e00-\u9fff]))")


# Where an item may start without a space before it (one scan rules most lines out).
# (one character class first, the branches told apart by looking back: the search scans for that class alone)
_UNSPACED_ITEM = re.compile(rf"[。；;！？!?）)：:](?:(?<=[。；;！？!?）)])[（(]?[{_CN_NUM}\d]|(?<=[：:])[{_CN_NUM}]{{1,3}}、)")


# A head written on one line with the body (国务院办公厅关于…的意见 国办发〔2025〕27号 各省、…机构: 学前教育是…): the
# title, the document number, the addressees and the body each take a line.
_GLUED_HEAD = re.compile(
    r"^(?:\d{1,4}(?=关于))?(?P<title>.{4,120}?(?:通知|意见|方案|计划|规划|办法|措施|细则|决定|规定|要点)[》”]?)\s*"
    r"(?P<number>[\u4e00-\u9fff]{1,12}\s*[〔\[［【]\s*(?:19|20)\d{2}\s*[〕\]］】]\s*第?\s*\d{1,4}\s*号)\s*"
    r"(?P<rest>\S.*)$")
_ADDRESSEES = re.compile(r"各[^。；;：:]{2,120}?(?:机构|部门|单位|政府|委员会|办事处)[：:]")


def _split_glued_head(line: str) -> list[str]:
    if "〔" not in line and "[" not in line and "【" not in line:
        return [line]
    simple = to_simplified(line)  # (a same-length twin: offsets hold for the line as written)
    m = _GLUED_HEAD.match(simple)
    if m is None:
        return [line]
    out = [line[m.start("title"):m.end("title")], line[m.start("number"):m.end("number")]]  # (479关于…: a search
    # result's number before the title is dropped)
    rest = m.start("rest")
    addressees = _ADDRESSEES.match(simple, rest)
    if addressees and addressees.end() < len(line):
        out.append(line[rest:addressees.end()])
        rest = addressees.end()
    return [*out, line[rest:]]


def _split_inline_items(line: str, unspaced_page: bool = True) -> list[str]:
    """The items a line holds, each its own line. ``unspaced_page``: the page holds an item start without a
    space before it somewhere (``_may_hold_unspaced_items``); otherwise only spaced starts are looked for."""
    spaced = " " in line
    unspaced = unspaced_page and _UNSPACED_ITEM.search(line) is not None
    if not spaced and not unspaced and not (unspaced_page and ("(一)" in line or "（一）" in line)):
        return [line]
    pieces = _INLINE_ITEM.split(line) if spaced else [line]
    if unspaced:
        pieces = [part for piece in pieces for part in _UNSPACED_SPLIT.split(piece)]
    out = []
    for piece in pieces:
        m = _INLINE_FIRST_ITEM.match(piece)
        out.extend((m.group(1), piece[m.end():]) if m else (piece,))
    return out


def _may_hold_unspaced_items(page: str) -> bool:
    return _UNSPACED_ITEM.search(page) is not None or "(一)" in page or "（一）" in page


_TERMINAL = frozenset("。；！？：!?;:）)】]")
_INCOMPLETE_END = frozenset("、，,“‘《（(〔【[—-的和与及或并")
_CLOSING_START = frozenset("，。、；：！？）)》”’〕】,.;:!?%")
_SENTENCE_PUNCT = re.compile(r"[。；！？]")
_COLON = re.compile(r"[：:]")
_DOC_KIND_END = re.compile(
    r"(?:通知|意见|方案|计划|规划|办法|措施|举措|细则|决定|纲要|规定|公告|通告|批复|函|报告|解读|条例|指南|清单|目录|要点|分工)"
    r"(?: ?[（(][^（）()]{1,24}[）)])?[》”]?$"
)
_ROLE_WORDS = re.compile(r"牵头|负责|责任|配合|参与")
_BREADCRUMB = re.compile(r"[>＞»›][^>＞»›]*[>＞»›]")
_NUMBER_END = re.compile(r"[〔\[［【（(] ?(?:19|20)\d{2} ?[〕\]］】）)] ?第? ?\d{1,4} ?号$")

_SHORT_UNITS = 40.0     # a line at most this wide, with no sentence punctuation, may be a heading
_HEADER_UNITS = 30.0    # running headers/footers are at most this wide
_TITLE_RUN = 3          # a "关于…" title may run over this many further lines
_MIN_WRAP_UNITS = 15.0  # hard-wrapped texts break lines at least this wide ...
_MIN_WRAPPED_LINES = 5  # ... with at least this many lines of one width ...
_WRAPPED_SHARE = 0.3    # ... making up this share of all lines ...
_WIDER_SHARE = 0.05     # ... and hardly any line wider
_WRAP_SLACK = 2.0       # a line this much narrower than the wrap width still fills it
_MIN_PAGE_LINES = 8     # without page breaks, a running header recurs at least this many lines apart ...
_PAGE_GAP_SPREAD = 4    # ... at roughly regular distances (longest gap at most this times the shortest)


_NARROW = re.compile(r"[\u0000-\u2e7f]")
_LONG = 200  # lines longer than this are wider than any threshold here: their width is not counted


@lru_cache(maxsize=4096)
def _units(s: str) -> float:
    """Display width in CJK characters (Latin letters, digits and symbols count half)."""
    if len(s) > _LONG:
        return float(len(s))
    return len(s) - 0.5 * _NARROW.subn("", s)[1]


def is_page_number(line: str) -> bool:
    """A page-number line such as "- 3 -", "—3—", "第3页", "3/10" or a lone number."""
    return bool(_PAGE_NUMBER.match(_clean_line(line)))


def starts_new_block(line: str) -> bool:
    """Whether a line opens a numbered item, a list entry or a table row (never a continuation)."""
    return bool(_item_start(_clean_line(line).lstrip("*#")))


# ---------------------------------------------------------------- running headers / footers

_DIGITS = re.compile(r"\d+")


def _header_key(line: str) -> str:
    return _DIGITS.sub("#", line)


def _running_lines_by_page(pages: list[list[str]]) -> set[str]:
    """Keys of short lines that open or close most pages."""
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = {_header_key(x) for x in lines[:2] + lines[-2:] if _units(x) <= _HEADER_UNITS}
        counts.update(edge)
    need = max(2, math.ceil(0.6 * len(pages)))
    return {k for k, n in counts.items() if n >= need}


def _running_lines_by_repeat(lines: list[str]) -> set[str]:
    """Without page breaks: short plain lines repeated at wide, regular distances."""
    where: dict[str, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        if (line and _units(line) <= _HEADER_UNITS and not _item_start(line)
                and line[-1] not in _TERMINAL and not _ROLE_WORDS.search(to_simplified(line))):
            where[_header_key(line)].append(i)
    found = set()
    for key, idx in where.items():
        if len(idx) < 3:
            continue
        gaps = [b - a for a, b in zip(idx, idx[1:], strict=False)]
        if min(gaps) >= _MIN_PAGE_LINES and max(gaps) <= _PAGE_GAP_SPREAD * min(gaps):
            found.add(key)
    return found


def _drop_running_lines(pages: list[list[str]]) -> list[str]:
    if len(pages) >= 2:
        keys = _running_lines_by_page(pages)
        edge_only = True
    else:
        keys = _running_lines_by_repeat(pages[0] if pages else [])
        edge_only = False
    out: list[str] = []
    for lines in pages:
        n = len(lines)
        for i, line in enumerate(lines):
            at_edge = i < 2 or i >= n - 2
            if keys and (at_edge or not edge_only) and _header_key(line) in keys:
                continue
            out.append(line)
    return out


# ---------------------------------------------------------------- joining

@dataclass
class _Line:
    text: str
    heading: bool


def _mark_headings(raw_lines: list[str]) -> list[_Line]:
    out: list[_Line] = []
    for line in raw_lines:
        if "*" not in line and line[:1] != "#":  # no markdown marks (most lines)
            line = line.strip()
            if line:
                out.append(_Line(line, False))
            continue
        heading = False
        m = _MD_HEADING.match(line)
        if m:
            line, heading = line[m.end():].strip(), True
        b = _BOLD_LINE.match(line)
        if b and "**" not in b.group("inner"):
            line, heading = b.group("inner").strip(), True
        line = _BOLD_MARK.sub("", line).strip()
        if line:
            out.append(_Line(line, heading))
    return out


def _is_title_end(line: str) -> bool:
    if _SENTENCE_PUNCT.search(line) or _units(line) > 80:
        return False
    return bool(_DOC_KIND_END.search(to_simplified(line[-40:])))


def _heading_like(line: str) -> bool:
    """Short line without sentence punctuation: a heading, a name, a date."""
    if _units(line) > _SHORT_UNITS or _SENTENCE_PUNCT.search(line):
        return False
    return not (_item_start(line) and _COLON.search(line) and _units(line) > 20)


def _wrap_width(lines: list[_Line]) -> float | None:
    """The width at which a hard-wrapped text (e.g. pdftotext output) breaks its lines, if it is one.

    Such a text has many lines of one width and almost none wider.
    """
    body = [round(_units(x.text)) for x in lines if not x.heading and not x.text.startswith("|")]
    widths = Counter(w for w in body if w >= _MIN_WRAP_UNITS)
    if not widths:
        return None
    width, _ = widths.most_common(1)[0]
    at_width = sum(n for w, n in widths.items() if width - _WRAP_SLACK <= w <= width + 1)
    wider = sum(1 for w in body if w > width + 1)
    if at_width >= max(_MIN_WRAPPED_LINES, _WRAPPED_SHARE * len(body)) and wider <= _WIDER_SHARE * len(body):
        return float(width)
    return None


_SIGNATURE_OR_DATE = re.compile(r"^[\u4e00-\u9fff（）()]{4,30}(?:人民政府|办公室|办公厅|委员会)$"
                                r"|^\s*(?:19|20)\d{2}(?:\d{2,4}|\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*$")


def _continues(prev: str, last: str, nxt: _Line, wrap: float | None) -> bool:
    """Whether ``nxt`` carries on the paragraph ``prev`` whose last physical line is ``last``."""
    if nxt.heading or nxt.text.startswith("|") or prev.startswith("|"):
        return False
    if nxt.text[0] in _CLOSING_START:
        return True
    if _item_start(nxt.text):
        return False
    if wrap is not None and wrap - _WRAP_SLACK <= _units(last) <= wrap + 1:
        return True
    if _SIGNATURE_OR_DATE.match(nxt.text) or _SIGNATURE_OR_DATE.match(last):
        return False  # a signature or its date under a notice whose last sentence lost its full stop
    if prev[-1] in _TERMINAL:
        return False
    if _BREADCRUMB.search(last):
        return False  # a site's breadcrumb (首页>政府信息公开>…>陕政办发) is a line of its own
    if prev[-1] == "号" and _NUMBER_END.search(prev, len(prev) - 16) and not _SENTENCE_PUNCT.search(prev):
        return False  # a title or header line that ends with the document's number (…的通知黔府办发〔2017〕76号)
    if prev[-1] in _INCOMPLETE_END:
        return True
    if _is_title_end(prev):
        return False
    return not _heading_like(prev)


def _title_run(lines: list[_Line], i: int) -> int:
    """Index past a "关于…" title split over short lines, or ``i`` when there is none."""
    first = lines[i].text
    if not to_simplified(first[:2]) == "关于" or lines[i].heading or not _heading_like(first) or _is_title_end(first):
        return i
    end = i
    for j in range(i + 1, min(len(lines), i + 1 + _TITLE_RUN)):
        line = lines[j]
        if (line.heading or _item_start(line.text) or to_simplified(line.text[:2]) == "关于"
                or not _heading_like(line.text)):
            break
        if _is_title_end(line.text):
            end = j + 1
    return end


def _glue(a: str, b: str) -> str:
    if a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return a + " " + b
    return a + b


def _paragraphs(lines: list[_Line]) -> list[_Line]:
    wrap = _wrap_width(lines)
    out: list[_Line] = []
    i = 0
    while i < len(lines):
        end = _title_run(lines, i)
        if end > i:
            text = lines[i].text
            for line in lines[i + 1:end]:
                text = _glue(text, line.text)
            out.append(_Line(text, False))
            i = end
            continue
        cur = lines[i]
        text = cur.text
        i += 1
        last = text
        while not cur.heading and i < len(lines) and _continues(text, last, lines[i], wrap):
            last = lines[i].text
            text = _glue(text, last)
            i += 1
        out.append(_Line(text, cur.heading))
    return out


# ---------------------------------------------------------------- entry point

# A table flattened to spaces (序号 工 作 任 务 牵头负责部门 / 1 居民消费价格涨幅3%左右 发展改革委): its header opens
# with the number column and ends with responsibility columns; each row is a number, the task, one word per column.
_SPACED_HEADER = re.compile(r"^\s*(?:序\s*号|编\s*号)\s+\S.*$")
_SPACED_HEADER_IN_PAGE = re.compile(r"[序编][號号](?:\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\))?\s")  # a cheap test first
_ROLE_COLUMN = re.compile(r"^(?:牵头|主责|主办|责任|配合|参与|协办|负责|承办|实施)\S{0,6}(?:单位|部门)$")
_SPACED_ROW = re.compile(r"^\s*(\d{1,3})\s+(\S.*)$")
# a cell of units (县发改委, 县财政局、县税务局): what a row's task cell never ends like
_UNITS_CELL = re.compile(r"^[\u4e00-\u9fff、，,（）()]{2,80}?(?:局|委|办|厅|府|室|中心|会|院|行|队|所|公司|部|处|站|联|社|团)等?$")


def _pipe_spaced_tables(page: str) -> list[str]:
    """The lines of ``page``, space-flattened task tables rewritten as the ``| cell |`` lines readers give
    tables. A header opens with the number column and names responsibility columns, last or followed by
    columns of notes (序号 重点工作任务 牵头责任单位 一季度完成情况); a row is a number, the task, one cell per
    column (a pinyin-glossed or traditional page is read through its plain, simplified form)."""
    lines = page.split("\n")
    if ("号 " not in page and "號" not in page and "号\t" not in page) or not _SPACED_HEADER_IN_PAGE.search(page):
        return lines
    out: list[str] = []
    roles = trailing = 0  # responsibility columns of the table being read (0 outside one), and note columns
    last = max((i for i, line in enumerate(lines) if line.strip()), default=-1)
    for i, line in enumerate(lines):
        plain = _PINYIN_GLOSS.sub("", line) if _TONE_MARK.search(line) else line
        simple = to_simplified(plain)
        # the header, on a line of its own or closing one (…附件:常熟市2018年政府工作任务分解表 序号 名称 工作任务 牵头责任单位)
        at = 0 if _SPACED_HEADER.match(simple) else _header_at(simple)
        found = _spaced_header(simple[at:]) if at is not None else None
        if found is not None:
            roles, trailing, header = found
            if at:
                out.append(line[:at].rstrip())
            out.append("| " + " | ".join(header) + " |")
            continue
        if roles and (not line.strip() or _CELL_GROUP.match(line)):
            out.append(line)  # a blank line or a group heading (一、主要预期目标(11项)) between rows
            continue
        row = _SPACED_ROW.match(plain) if roles else None
        cells = _row_cells(row.group(2), roles, trailing) if row else None
        if row and cells is None and i == last:
            cells = [row.group(2).strip()] + [""] * (roles + trailing)  # the excerpt ends inside the row's task
        if cells:
            out.append("| " + " | ".join([row.group(1), *cells]) + " |")
            continue
        roles = trailing = 0
        out.append(line)
    return out


_HEADER_INSIDE = re.compile(r"\s(?=(?:序\s*号|编\s*号)\s+\S)")


def _header_at(simple: str) -> int | None:
    """Where a header closing a long line starts (a short column name before 序号 is a group column of the same
    header: 政策类别 序号 扶持政策事项 …)."""
    m = _HEADER_INSIDE.search(simple, 12)
    return m.end() if m else None


def _spaced_header(simple: str) -> tuple[int, int, list[str]] | None:
    """(responsibility columns, note columns, the header's cells) of a space-flattened header, or None."""
    if not _SPACED_HEADER.match(simple):
        return None
    tokens = simple.split()
    role_at = [i for i, t in enumerate(tokens) if i >= 2 and _ROLE_COLUMN.match(t)]
    if not role_at or role_at != list(range(role_at[0], role_at[-1] + 1)) or len(tokens) - 1 - role_at[-1] > 2:
        return None
    header = [tokens[0].replace(" ", ""), "".join(tokens[1:role_at[0]]), *tokens[role_at[0]:]]
    return len(role_at), len(tokens) - 1 - role_at[-1], header


# A table whose cells a page separates with | but whose lines lack the opening | (序號 | 重點工作任務 | 牽頭單位 |).
_OPEN_PIPE_HEADER = re.compile(r"^[ \t]*(?:序\s*[号號]|编\s*[号號]|編\s*[号號])[ \t]*\|(?=[ \t]*[^\s|])", re.M)
_OPEN_PIPE_ROW = re.compile(r"^[ \t]*\d{1,3}[ \t]*\|")


def _open_pipe_rows(page: str) -> str:
    """``page`` with such tables' header and numbered rows given the opening | the readers' table lines have."""
    if "|" not in page or not _OPEN_PIPE_HEADER.search(page):
        return page
    out: list[str] = []
    in_table = False
    for line in page.split("\n"):
        if _OPEN_PIPE_HEADER.match(line) or (in_table and _OPEN_PIPE_ROW.match(line)):
            in_table = True
            line = "| " + line.strip() + ("" if line.rstrip().endswith("|") else " |")
        elif line.strip():
            in_table = False
        out.append(line)
    return "\n".join(out)


# A table flattened to one cell per line (Word tables pasted into a web page): a header of column names on lines
# of their own, opening with the number column and naming a responsibility column (序号 / 主要工作举措 / 牵头单位 /
# 配合单位 / 责任领导), then rows that open with a line holding only the row's number. Group rows (一、…) stay lines.
_CELL_HEADER_START = re.compile(r"^[ \t]*(?:序 ?号|编 ?号)[ \t]*$", re.M)
_CELL_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")
_NOT_A_NAME = re.compile(r"[。；！？，,、：:（）()]")
_CELL_GROUP = re.compile(rf"^\s*(?:[{_CN_NUM}]{{1,3}}、|[（(][{_CN_NUM}]{{1,3}}[）)])")


def _cell_column(line: str) -> bool:
    """A column name of a header flattened to one cell per line (主要工作举措, 牵头单位, 任务来源, 责任人): a short
    name, neither a row's number nor a group heading nor a phrase with punctuation."""
    line = line.replace(" ", "")  # 目   标   与   任   务
    return len(line) <= 10 and not _CELL_NUMBER.match(line) and not _CELL_GROUP.match(line) \
        and not _NOT_A_NAME.search(line)


def _pipe_cell_tables(page: str) -> str:
    """``page`` with tables flattened to one cell per line rewritten as the ``| cell |`` lines readers give tables."""
    if "序号" not in page and "编号" not in page and "序 号" not in page and "编 号" not in page:
        return page
    if _PIPED_CELL_HEADER.search(page):  # one cell a line, each closed by | (序号 | / 主要任务 | / … / 24 |)
        page = _CELL_PIPE.sub("", page)
    parts: list[str] = []
    pos = 0
    for m in _CELL_HEADER_START.finditer(page):
        if m.start() < pos:
            continue
        table = _cell_table(page, m.start())
        if table is None:
            continue
        parts += [page[pos:m.start()], table[0]]
        pos = table[1]
    return "".join(parts) + page[pos:] if parts else page


# What a column name says its column holds; a line that says none of it is the first half of a name spread over two
# lines (市政府 / 分管领导).
_COLUMN_KIND = re.compile(rf"序号|编号|{TASK_COLUMN_WORDS}|{PERSON_COLUMN_WORDS}|单位|部门|时限|时间|进度|备注|说明|来源|依据|分工|情况|计划")


def _joined_columns(header: list[str]) -> list[str]:
    out: list[str] = []
    for i, name in enumerate(header):
        if out and out[-1].endswith("\0"):
            out[-1] = out[-1][:-1] + name
        else:
            spread = i + 1 < len(header) and not _COLUMN_KIND.search(name) and header[i + 1].startswith(_LEADER_POST)
            out.append(name + ("\0" if spread else ""))
    return [name.rstrip("\0") for name in out]


_LEADER_POST = ("分管", "主管", "联系")  # 市政府 / 分管领导: the second half of a leader column's name


def _opens_rows(page: str, pos: int) -> bool:
    """Whether the next line with text is a row's number or a group's (a group heading of its own stands before)."""
    m = _NEXT_CELL.match(page, pos)
    return bool(m) and bool(_CELL_NUMBER.match(m.group(1)) or _CELL_GROUP.match(m.group(1)))


_NEXT_CELL = re.compile(r"\s*([^\n]*)")


def _opens_first_row(page: str, pos: int) -> bool:
    m = _NEXT_CELL.match(page, pos)
    return bool(m) and m.group(1).strip() == "1"


def _next_is_units(page: str, pos: int) -> bool:
    """Whether the next line with text is a units cell, or a schedule whose units cell is merged with the row
    above (开工建设老年大学。 / 12月底前)."""
    m = _NEXT_CELL.match(page, pos)
    cell = m.group(1).strip() if m else ""
    return _UNITS_CELL.match(to_simplified(cell)) is not None or (len(cell) <= 12 and _DEADLINE.search(cell) is not None)


_DEADLINE = re.compile(r"\d{1,2}月|年底|年内|底前|月底|季度")


_PIPED_CELL_HEADER = re.compile(r"^[ \t]*(?:序 ?号|编 ?号)[ \t]*\|[ \t]*$", re.M)
_CELL_PIPE = re.compile(r"[ \t]*\|+[ \t]*$", re.M)


def _units_joined(row: list[str], header: list[str], roles_at: list[int]) -> list[str]:
    """A row of a table with one units column, its units cell found by what it holds: the first run of cells after
    the task that name units (written one unit a line: 县水务局 / 县住建局), joined and put under that column; cells
    merged with the row above leave a row short before it (2 / 农业劳动生产率及增幅 / … / 县海洋与渔业局)."""
    r = roles_at[0]
    start = next((i for i in range(2, len(row)) if _UNITS_CELL.match(to_simplified(row[i]))), None)
    if start is None:
        return row
    k = start
    while k < len(row) and _UNITS_CELL.match(to_simplified(row[k])):
        k += 1
    if k - start > 1 and r + 1 < len(header) and header[r + 1].endswith(("单位", "部门")):
        k -= 1  # the next column names units too (责任部门 / 评分部门): the run's last cell is its
    before = row[:start]
    if len(before) < r:
        before += [""] * (r - len(before))
    elif len(before) > r:
        before = [*before[:r - 1], " ".join(before[r - 1:])]
    return [*before, "、".join(row[start:k]), *row[k:]]


def _cell_table(page: str, start: int) -> tuple[str, int] | None:
    """The ``| cell |`` lines of the table whose header starts at ``start`` (a line 序号), and where in ``page``
    the table ends; None when the lines after 序号 name no responsibility column."""
    header: list[str] = []
    pos = start
    while pos < len(page):  # the header: 序号 and the column names after it, one per line
        end = page.find("\n", pos)
        end = len(page) if end < 0 else end
        cell = page[pos:end].strip()
        if cell and header and (not _cell_column(cell)
                                or (_opens_first_row(page, end + 1) and not _COLUMN_KIND.search(cell))):
            break  # (a short cell just before row 1 is the first value of a group column: 农业高质高效 / 1)
        if cell:
            header.append(cell.replace(" ", ""))  # 目  标  任  务: a name spread over the cell's width
        pos = end + 1
    header = _joined_columns(header)
    if len(header) < 3 or not any(_ROLE_COLUMN.match(h) for h in header):
        return None
    out = ["| " + " | ".join(header) + " |"]
    row: list[str] | None = None
    roles_at = [i for i, h in enumerate(header) if _ROLE_COLUMN.match(h)]

    def close() -> None:
        if row is not None:
            cells = _units_joined(row, header, roles_at) if len(roles_at) == 1 else row
            out.append("| " + " | ".join(cells + [""] * (len(header) - len(cells))) + " |")

    expected = 0  # the number of the row read last: a number line is the next row's only when it follows it
    while pos < len(page):
        end = page.find("\n", pos)
        end = len(page) if end < 0 else end
        cell = page[pos:end].strip()
        if cell:
            number = _CELL_NUMBER.match(cell)
            if number and row is not None and len(row) > 1 and int(number.group(1)) != expected + 1:
                number = None  # a value (粮食播种面积 / 万亩 / 0.07 … / 0), not the next row's number
            # a row holds more lines than columns when its units cell lists one unit a line (县水务局 / 县住建局)
            joined = _units_joined(row, header, roles_at) if row is not None and len(roles_at) == 1 else row
            full = joined is not None and len(joined) >= len(header)
            more_units = full and len(roles_at) == 1 and _UNITS_CELL.match(to_simplified(cell)) is not None
            if number or _CELL_GROUP.match(cell) or row is None or (full and not more_units):
                close()
                row = None
                if number:
                    row = [number.group(1)]
                    expected = int(number.group(1))
                elif len(roles_at) == 1 and cell.endswith("。") and _next_is_units(page, end + 1):
                    row = ["", cell]  # a task row whose number cell is merged with the row above
                elif _CELL_GROUP.match(cell) or _opens_rows(page, end + 1):
                    out.append(cell)  # a group row, numbered (（一）) or not (强化科技创新支撑能力。 before （一）)
                else:
                    return "\n".join(out) + "\n", pos  # the table ends: the rest of the page as it was
            else:
                row.append(cell)
        pos = end + 1
    close()
    return "\n".join(out), len(page)


# A table flattened to spaces whose first column groups the rows (政策类别 序号 扶持政策事项 政策内容 政策依据 实施部门):
# a group's first row carries the group's cell, the others start with their number. Cells hold no spaces.
_GROUPED_HEADER = re.compile(r"^[ \t]*\S{2,8}[ \t]+(?:序 ?号|编 ?号)[ \t]+\S", re.M)


def _pipe_grouped_tables(page: str) -> str:
    """``page`` with space-flattened tables that have a group column rewritten as ``| cell |`` lines (the group
    column dropped)."""
    if ("序号" not in page and "编号" not in page and "序 号" not in page) or not _GROUPED_HEADER.search(page):
        return page
    lines = page.split("\n")
    out: list[str] = []
    columns = 0
    last = max((i for i, line in enumerate(lines) if line.strip()), default=-1)
    for i, line in enumerate(lines):
        tokens = line.split()
        if not columns and _GROUPED_HEADER.match(line) and 4 <= len(tokens) <= 10 \
                and all(len(t) <= 8 and not _SENTENCE_PUNCT.search(t) for t in tokens) \
                and any(_ROLE_COLUMN.match(to_simplified(t)) for t in tokens[-2:]):
            columns = len(tokens) - 1
            out.append("| " + " | ".join(tokens[1:]) + " |")
            continue
        if columns:
            cells = tokens[1:] if len(tokens) == columns + 1 and tokens[1].isdecimal() else tokens
            if (len(cells) == columns or (i == last and 2 <= len(cells) < columns)) and cells[0].isdecimal():
                cells += [""] * (columns - len(cells))  # a row the text's end cuts short
                out.append("| " + " | ".join(cells) + " |")
                continue
            if line.strip():
                columns = 0
        out.append(line)
    return "\n".join(out)


def _row_cells(rest: str, roles: int, trailing: int) -> list[str] | None:
    """The task, responsibility and note cells of a flattened row, or None when it does not split so."""
    if not trailing:
        cells = rest.rsplit(None, roles)
        ok = len(cells) == roles + 1 and not any(_SENTENCE_PUNCT.search(cell) for cell in cells[1:])
        return cells if ok else None
    tokens = rest.split()
    for i in range(1, len(tokens) - roles + 1):
        if all(_UNITS_CELL.match(to_simplified(t)) for t in tokens[i:i + roles]):
            return ["".join(tokens[:i]), *tokens[i:i + roles], " ".join(tokens[i + roles:])]
    return None


# Document-sharing sites (…docx》由会员分享，可在线阅读) number their pages "1、", "2、" at line starts, even inside
# a word (个体工商⏎2、户提供…): such markers are dropped and the pages joined.
_SHARING_SITE = re.compile(r"由会员分享|可在线阅读|免费在线阅读|文档分享|在线文档")
_SHARED_PAGE = re.compile(r"^(\d{1,3})、", re.M)


def _join_shared_pages(raw: str) -> str:
    if not _SHARING_SITE.search(raw, 0, 600):
        return raw
    expected = 1
    out: list[str] = []
    pos = 0
    for m in _SHARED_PAGE.finditer(raw):
        if int(m.group(1)) != expected:
            continue
        out.append(raw[pos:m.start()].rstrip("\n") if expected > 1 else raw[pos:m.start()])
        pos = m.end()
        expected += 1
    out.append(raw[pos:])
    return "".join(out) if expected > 2 else raw


# A search-result number before a page's title line that the page repeats below it
# ("1. 国务院关于…的指导意见的文件全文" / "国务院关于…的指导意见"): a list number, not the document's item 1.
_LISTED_TITLE = re.compile(r"^\s*\d{1,2}[.、．]\s*(\S[^\n]*)\n\s*([^\n]+)")


def _unnumber_listed_title(raw: str) -> str:
    m = _LISTED_TITLE.match(raw)
    if m and len(m.group(2).strip()) >= 8 and m.group(2).strip() in m.group(1):
        return raw[m.start(1):]
    return raw


_STRAY_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,10}(?:\s[^<>\n]{0,200})?/?>")
# A content farm's line about the page itself (下面是小编为大家整理的…，供大家参考): no part of the document.
_SITE_SPAM = re.compile(r"小编(?:为大家|给大家|精心)?(?:整理|收集|搜集|带来|推荐)|供大家参考")


def repair_text(raw: str) -> RepairedText:
    """Normalise ``raw`` reading-order text into one paragraph per line."""
    raw = _unnumber_listed_title(_join_shared_pages(raw.replace("\r\n", "\n").replace("\r", "\n")))
    if "<" in raw and _STRAY_TAG.search(raw):
        raw = _STRAY_TAG.sub("", raw)  # markup left in a text file by a copy of a web page
    if _ANY_PLAIN_GLOSS.search(raw) and len(_PLAIN_GLOSS.findall(raw)) >= _PLAIN_GLOSSES_MIN:
        raw = _PLAIN_GLOSS.sub("", raw)
    if _MAPPED.search(raw):  # the map neither makes nor removes line or page breaks
        raw = _MAPPED.sub(_mapped_char, raw)  # str.translate looks up every character: slower
    pages = []
    dropped = _DROPPED.match
    for page in raw.split("\f"):
        unspaced = _may_hold_unspaced_items(page)
        cleaned = (part for x in _pipe_spaced_tables(_pipe_grouped_tables(_pipe_cell_tables(_open_pipe_rows(page))))
                   for head in _split_glued_head(_clean_mapped_line(x))
                   for part in _split_inline_items(head, unspaced))
        pages.append([x for x in cleaned if x and not ((x[0] in _DROPPED_FIRST or x[0].isdecimal()) and dropped(x))
                      and not ("小编" in x and _SITE_SPAM.search(x))])
    lines = _mark_headings(_drop_running_lines(pages))
    paragraphs = _paragraphs(lines)
    parts: list[str] = []
    heading_starts: set[int] = set()
    offset = 0
    for para in paragraphs:
        if para.heading:
            heading_starts.add(offset)
        parts.append(para.text)
        offset += len(para.text) + 1
    return RepairedText("\n".join(parts), frozenset(heading_starts))
