"""PDF -> reading-order text via pdfplumber, with hard wraps undone by geometry.

Running headers/footers and page numbers (short lines at the top or bottom of
most pages) are dropped first; then a line that reaches the right margin is
joined with the next line when that one starts at the left margin (no
paragraph indent) and does not open a numbered item. Everything else is left
to ``repair_text``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from statistics import median

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from policykg.loaders._limits import MAX_PDF_PAGES, Unreadable
from policykg.loaders.repair import is_page_number, starts_new_block

_EOF_WINDOW = 2048
_EDGE_LINES = 2            # lines at the top and at the bottom of a page that may be headers/footers
_RUNNING_SHARE = 0.6       # a header/footer repeats on this share of the pages
_CID_GARBAGE = re.compile(r"\(cid:\d+\)")
_DIGITS = re.compile(r"\d+")
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|hei|黑", re.IGNORECASE)
_HEADING_SIZE = 1.2        # lines set this much larger than the body text are headings


@dataclass
class _Line:
    text: str          # plain text
    marked: str        # text with bold runs as **…**
    x0: float
    x1: float
    size: float


def _is_bold(char: dict) -> bool:
    return bool(_BOLD_FONT.search(char.get("fontname") or ""))


def _mark_bold(text: str, chars: list[dict]) -> str:
    """``text`` with runs of bold-font characters wrapped in ``**``; plain text if chars and text disagree."""
    out, j, bold = [], 0, False
    for ch in text:
        if j < len(chars) and chars[j]["text"] == ch:
            now = _is_bold(chars[j]) if not ch.isspace() else bold
            j += 1
        else:
            now = bold  # a space pdfplumber put between words
        if now != bold:
            out.append("**")
            bold = now
        out.append(ch)
    if bold:
        out.append("**")
    return "".join(out) if j == len(chars) else text


def _check_file(path: Path) -> None:
    with open(path, "rb") as fh:
        head = fh.read(1024)
        fh.seek(0, 2)
        end = fh.tell()
        fh.seek(max(0, end - _EOF_WINDOW))
        tail = fh.read()
    if b"%PDF-" not in head:
        raise Unreadable("not a pdf file (no %PDF header)")
    if b"%%EOF" not in tail:
        raise Unreadable("truncated pdf (no %%EOF trailer)")


def _page_lines(page) -> list[_Line]:
    out = []
    for line in page.extract_text_lines(return_chars=True, strip=True):
        text = line["text"]
        if not text:
            continue
        chars = line["chars"]
        sizes = [c["size"] for c in chars if not c["text"].isspace()]
        out.append(_Line(text, _mark_bold(text, chars), line["x0"], line["x1"], median(sizes) if sizes else 10.0))
    return out


def _key(text: str) -> str:
    return _DIGITS.sub("#", text.replace(" ", ""))


def _drop_running(pages: list[list[_Line]]) -> list[list[_Line]]:
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_key(x.text) for x in lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]})
    need = max(2, math.ceil(_RUNNING_SHARE * len(pages)))
    running = {k for k, n in counts.items() if n >= need} if len(pages) >= 2 else set()
    out = []
    for lines in pages:
        n = len(lines)
        kept = [x for i, x in enumerate(lines)
                if not ((i < _EDGE_LINES or i >= n - _EDGE_LINES)
                        and (_key(x.text) in running or is_page_number(x.text)))]
        out.append(kept)
    return out


def _glue(a: str, b: str) -> str:
    if a.endswith("**") and b.startswith("**"):
        return a[:-2] + b[2:]
    sep = " " if a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum() else ""
    return a + sep + b


def _body_size(lines: list[_Line]) -> float:
    weights: Counter[float] = Counter()
    for x in lines:
        weights[round(x.size, 1)] += len(x.text)
    return weights.most_common(1)[0][0]


def _join_wraps(pages: list[list[_Line]]) -> list[str]:
    """Paragraphs from lines: wrapped lines joined; lines set larger than the body text become ``#`` headings."""
    lines = [x for page in pages for x in page]
    if not lines:
        return []
    body = _body_size(lines)
    left = Counter(round(x.x0) for x in lines if abs(x.size - body) < 0.5).most_common(1)[0][0]
    rights = sorted(x.x1 for x in lines)
    right = rights[int(0.95 * (len(rights) - 1))]
    paragraphs: list[str] = []
    heading: list[bool] = []
    prev: _Line | None = None
    for line in lines:
        big = line.size >= _HEADING_SIZE * body
        if big:
            joined = (prev is not None and heading[-1] and abs(prev.size - line.size) < 0.5
                      and prev.text[-1] not in "。；！？" and not starts_new_block(line.text)
                      and line.text[0] not in "（(")
        else:
            joined = (prev is not None and not heading[-1]
                      and prev.x1 >= right - 1.5 * prev.size
                      and line.x0 <= left + 0.5 * line.size
                      and not starts_new_block(line.text))
        text = line.text if big else line.marked
        if joined:
            paragraphs[-1] = _glue(paragraphs[-1], text)
        else:
            paragraphs.append(text)
            heading.append(big)
        prev = line
    return [("# " + p if h else p) for p, h in zip(paragraphs, heading, strict=True)]


def _open_pages(path: Path) -> list[list[_Line]]:
    with pdfplumber.open(str(path)) as pdf:
        if len(pdf.pages) > MAX_PDF_PAGES:
            raise Unreadable(f"pdf has {len(pdf.pages)} pages, over the {MAX_PDF_PAGES} page limit")
        pages = []
        for page in pdf.pages:
            pages.append(_page_lines(page))
            page.close()
        return pages


def _unwrap(exc: BaseException) -> BaseException:
    while isinstance(exc, (PdfminerException, MalformedPDFException)) and (exc.__cause__ or exc.args):
        inner = exc.__cause__ or exc.args[0]
        if not isinstance(inner, BaseException):
            break
        exc = inner
    return exc


def _reason(exc: BaseException) -> Unreadable:
    if isinstance(exc, (PDFPasswordIncorrect, PDFEncryptionError)):
        return Unreadable("encrypted pdf (password protected)")
    if isinstance(exc, (PDFSyntaxError, PSException)):
        return Unreadable(f"corrupt pdf: {type(exc).__name__}")
    detail = " ".join(str(exc).split())
    return Unreadable(f"corrupt pdf: {type(exc).__name__}{': ' + detail if detail else ''}"[:200])


def read_pdf(path: Path) -> str:
    """Text of a PDF's text layer, hard wraps joined, running headers/footers dropped."""
    _check_file(path)
    try:
        pages = _open_pages(path)
    except Unreadable:
        raise
    except Exception as exc:  # pdfplumber wraps pdfminer's errors; pdfminer raises many ad-hoc ones
        raise _reason(_unwrap(exc)) from None
    chars = sum(len(x.text) for page in pages for x in page)
    if chars == 0:
        raise Unreadable("pdf has no text layer (scanned image?); OCR is not supported")
    garbage = sum(len(m) for page in pages for x in page for m in _CID_GARBAGE.findall(x.text))
    if garbage > 0.2 * chars:
        raise Unreadable("pdf text layer cannot be decoded (fonts without a unicode map)")
    return "\n".join(_join_wraps(_drop_running(pages)))
