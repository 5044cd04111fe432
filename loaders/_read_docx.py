"""DOCX -> reading-order text: paragraphs and tables interleaved as in the document.

Heading styles (and outline levels) become ``#`` lines, bold runs ``**…**``,
table rows ``| a | b |``; Word's automatic list numbering ("一、", "（一）",
"1.") is written out, since policy documents often number items that way.
The archive is checked before python-docx opens it (zip bombs, legacy .doc).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph

from policykg.loaders._limits import MAX_UNZIPPED_BYTES, MAX_ZIP_RATIO, Unreadable

# python-docx's ``qn`` splits and looks up its argument on every call; names are few, so remember them
_qn = lru_cache(maxsize=None)(qn)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_LEVEL_REF = re.compile(r"%(\d)")
_WS = re.compile(r"[ \t]+")

_W_P, _W_TBL, _W_SDT = _qn("w:p"), _qn("w:tbl"), _qn("w:sdt")


def _check_archive(path: Path) -> None:
    with open(path, "rb") as fh:
        if fh.read(8) == _OLE_MAGIC:
            raise Unreadable("legacy .doc or encrypted .docx (OLE container) is not supported")
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
    except zipfile.BadZipFile:
        raise Unreadable("corrupt or truncated docx: not a zip archive") from None
    except (NotImplementedError, ValueError, EOFError) as exc:
        # zipfile raises these on damaged headers it cannot read past (e.g. NotImplementedError for a
        # "version needed to extract" above 6.3), not only BadZipFile
        raise Unreadable(f"corrupt docx: unreadable zip directory ({exc})"[:200]) from None
    total = sum(m.file_size for m in members)
    if total > MAX_UNZIPPED_BYTES:
        raise Unreadable(f"docx unpacks to {total} bytes, over the {MAX_UNZIPPED_BYTES} byte limit")
    for m in members:
        if m.file_size > 1_000_000 and m.file_size > MAX_ZIP_RATIO * max(m.compress_size, 1):
            raise Unreadable(f"docx member {m.filename} is compressed suspiciously well (zip bomb?)")
    if "word/document.xml" not in {m.filename for m in members}:
        raise Unreadable("corrupt docx: no word/document.xml in the archive")


# ---------------------------------------------------------------- numbering

def _chinese(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def _letter(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


_FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": str,
    "decimalHalfWidth": str,
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "chineseLegalSimplified": _chinese,
    "japaneseCounting": _chinese,
    "taiwaneseCounting": _chinese,
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedParen": lambda n: chr(0x2474 + n - 1) if 1 <= n <= 20 else str(n),
    "upperLetter": _letter,
    "lowerLetter": lambda n: _letter(n).lower(),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
}


@dataclass
class _Level:
    fmt: str
    text: str
    start: int


class _Numbering:
    """Renders Word's automatic numbering labels, counting as paragraphs go by."""

    def __init__(self, document: docx.document.Document) -> None:
        self.levels: dict[str, dict[int, _Level]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract: dict[str, dict[int, _Level]] = {}
        for an in root.findall(_qn("w:abstractNum")):
            lvls = {}
            for lvl in an.findall(_qn("w:lvl")):
                lvls[int(lvl.get(_qn("w:ilvl"), "0"))] = _Level(
                    fmt=_val(lvl.find(_qn("w:numFmt"))) or "decimal",
                    text=_val(lvl.find(_qn("w:lvlText"))) or "",
                    start=int(_val(lvl.find(_qn("w:start"))) or "1"),
                )
            abstract[an.get(_qn("w:abstractNumId"))] = lvls
        for num in root.findall(_qn("w:num")):
            ref = _val(num.find(_qn("w:abstractNumId")))
            if ref in abstract:
                self.levels[num.get(_qn("w:numId"))] = abstract[ref]

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels or levels[ilvl].fmt in ("bullet", "none"):
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def render(m: re.Match[str]) -> str:
            lvl = int(m.group(1)) - 1
            level = levels.get(lvl)
            if level is None:
                return ""
            n = counters.get(lvl, level.start)
            return _FORMATS.get(level.fmt, str)(n)

        return _LEVEL_REF.sub(render, levels[ilvl].text)


def _val(el) -> str | None:
    return None if el is None else el.get(_qn("w:val"))


def _on(el) -> bool | None:
    """A w:b-like toggle: None when absent."""
    if el is None:
        return None
    return _val(el) not in ("0", "false", "off")


@dataclass
class _Style:
    name: str
    based_on: str | None
    bold: bool | None
    outline: int | None
    num_pr: tuple[str, int] | None


def _num_pr_of(ppr) -> tuple[str, int] | None:
    num_pr = None if ppr is None else ppr.find(_qn("w:numPr"))
    if num_pr is None:
        return None
    num_id = _val(num_pr.find(_qn("w:numId"))) or "0"
    return (num_id, int(_val(num_pr.find(_qn("w:ilvl"))) or "0"))


def _outline_of(ppr) -> int | None:
    level = None if ppr is None else _val(ppr.find(_qn("w:outlineLvl")))
    return int(level) if level is not None and level.isdigit() else None


class _Styles:
    """Style properties read once from styles.xml (python-docx's own lookups are slow)."""

    def __init__(self, document: docx.document.Document) -> None:
        self.styles: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        for el in document.styles.element.findall(_qn("w:style")):
            sid = el.get(_qn("w:styleId"))
            ppr, rpr = el.find(_qn("w:pPr")), el.find(_qn("w:rPr"))
            self.styles[sid] = _Style(
                name=(_val(el.find(_qn("w:name"))) or "").lower(),
                based_on=_val(el.find(_qn("w:basedOn"))),
                bold=None if rpr is None else _on(rpr.find(_qn("w:b"))),
                outline=_outline_of(ppr),
                num_pr=_num_pr_of(ppr),
            )
            if el.get(_qn("w:type")) == "paragraph" and el.get(_qn("w:default")) in ("1", "true", "on"):
                self.default_paragraph = sid
        self._cache: dict[tuple[str | None, str], object] = {}

    def _chain(self, sid: str | None):
        seen: set[str] = set()
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            yield self.styles[sid]
            sid = self.styles[sid].based_on

    def _first(self, sid: str | None, attr: str):
        key = (sid, attr)
        if key not in self._cache:
            self._cache[key] = next((getattr(s, attr) for s in self._chain(sid) if getattr(s, attr) is not None),
                                    None)
        return self._cache[key]

    def heading_level(self, sid: str | None) -> int:
        for style in self._chain(sid):
            m = _HEADING_STYLE.match(style.name)
            if m:
                return int(m.group(1))
            if style.name == "title":
                return 1
        outline = self._first(sid, "outline")
        return outline + 1 if outline is not None and outline < 9 else 0

    def bold(self, sid: str | None) -> bool | None:
        return self._first(sid, "bold")

    def num_pr(self, sid: str | None) -> tuple[str, int] | None:
        return self._first(sid, "num_pr")


def _paragraph_style(paragraph: Paragraph, styles: _Styles) -> str | None:
    ppr = paragraph._p.pPr
    sid = None if ppr is None else _val(ppr.find(_qn("w:pStyle")))
    return sid or styles.default_paragraph


def _num_pr(paragraph: Paragraph, styles: _Styles, sid: str | None) -> tuple[str, int] | None:
    num = _num_pr_of(paragraph._p.pPr) or styles.num_pr(sid)
    return num if num and num[0] != "0" else None


def _heading_level(paragraph: Paragraph, styles: _Styles, sid: str | None) -> int:
    own = _outline_of(paragraph._p.pPr)
    if own is not None and own < 9:
        return own + 1
    return styles.heading_level(sid)


def _runs(paragraph: Paragraph):
    for item in paragraph.iter_inner_content():
        if isinstance(item, Hyperlink):
            yield from item.runs
        else:
            yield item


def _paragraph_text(paragraph: Paragraph, styles: _Styles, sid: str | None) -> str:
    para_bold = bool(styles.bold(sid))
    segments: list[list] = []
    for run in _runs(paragraph):
        text = run.text
        if not text:
            continue
        bold = run.bold
        if bold is None:
            rpr = run._r.rPr
            char_style = None if rpr is None else _val(rpr.find(_qn("w:rStyle")))
            bold = styles.bold(char_style) if char_style else None
        bold = para_bold if bold is None else bool(bold)
        if not text.strip() and segments:
            bold = segments[-1][1]
        if segments and segments[-1][1] == bold:
            segments[-1][0] += text
        else:
            segments.append([text, bold])
    return "".join(f"**{t}**" if b and t.strip() else t for t, b in segments)


def _cell_text(cell) -> str:
    return _WS.sub(" ", " ".join(p.text for p in cell.paragraphs).replace("\n", " ")).strip().replace("|", "｜")


def _table_rows(table: Table) -> list[str]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(_cell_text(cell))
        if any(cells):
            rows.append("| " + " | ".join(cells) + " |")
    return rows


def _body_items(container, parent):
    for child in container.iterchildren():
        if child.tag == _W_P:
            yield Paragraph(child, parent)
        elif child.tag == _W_TBL:
            yield Table(child, parent)
        elif child.tag == _W_SDT:
            content = child.find(_qn("w:sdtContent"))
            if content is not None:
                yield from _body_items(content, parent)


def read_docx(path: Path) -> str:
    """Text of a .docx file: paragraphs and tables in document order."""
    _check_archive(path)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors ... on broken parts
        raise Unreadable(f"corrupt docx: {type(exc).__name__}: {exc}"[:200]) from None
    numbering = _Numbering(document)
    styles = _Styles(document)
    lines: list[str] = []
    for item in _body_items(document.element.body, document._body):
        if isinstance(item, Table):
            lines.extend(_table_rows(item))
            continue
        sid = _paragraph_style(item, styles)
        text = _paragraph_text(item, styles, sid)
        if not text.strip():
            continue
        num = _num_pr(item, styles, sid)
        label = numbering.label(*num) if num else ""
        level = _heading_level(item, styles, sid)
        if level:
            text = "#" * min(level, 6) + " " + label + text.replace("**", "").replace("\n", "")
        elif label and text.startswith("**") and text.endswith("**") and text.count("**") == 2:
            text = "**" + label + text[2:]
        else:
            text = label + text
        lines.append(text)
    if not lines:
        raise Unreadable("no text in docx")
    return "\n".join(lines)
