"""HTML -> reading-order text of the main content block.

Navigation, menus, scripts, headers and footers are dropped; the main block is
the tightest element holding most of the page's non-link text (or an
``<article>``/``<main>`` that holds much of it). The page title (``<h1>`` or a
``*title*`` block) just before that block is kept. Headings become ``#`` lines,
bold runs ``**…**``, data tables ``| a | b |`` rows.
"""

from __future__ import annotations

import codecs
import re

import lxml.html
from lxml import etree

from policykg.loaders._limits import Unreadable
from policykg.loaders._read_text import decode_text

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Characters lxml refuses in text nodes (C0 controls but tab and newlines, non-characters, surrogates);
# a page whose declared charset lets them through still has text worth reading around them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_ENCODING_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030"}

_DROP_TAGS = frozenset(
    "script style noscript template iframe svg canvas form button select input textarea nav aside menu "
    "object embed map head link meta title".split()
)
_BOILERPLATE_TOKENS = frozenset(
    "nav navbar navigation menu menubar submenu footer foot breadcrumb breadcrumbs crumb crumbs sidebar "
    "share sharing comment comments copyright banner toolbar topbar login search related advert ads ad "
    "pagination pager recommend friendlink skip".split()
)
_TITLE_TOKENS = frozenset({"title", "headline", "article-title", "biaoti"})
_TOKEN_SPLIT = re.compile(r"[\s_-]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.IGNORECASE)
_WS = re.compile(r"\s+")

_BLOCK_TAGS = frozenset(
    "p div section article main header footer h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre table "
    "tr td th tbody thead tfoot caption center address figure figcaption hr br".split()
)
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_MAIN_SHARE = 0.4       # an <article>/<main> holding this share of the text is the main block
_DESCEND_SHARE = 0.7    # go down into a child holding this share of its parent's text
_TITLE_MAX_CHARS = 120


def _decode(data: bytes) -> str:
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        m = _META_CHARSET.search(data[:4096])
        if m:
            name = m.group(1).decode("ascii").lower()
            try:
                return data.decode(_ENCODING_ALIASES.get(name, name))
            except (LookupError, UnicodeDecodeError):
                pass
    return decode_text(data)


def _tokens(el: etree._Element) -> set[str]:
    raw = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return {t for t in _TOKEN_SPLIT.split(raw) if t}


def _tag(el: etree._Element) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _text_size(el: etree._Element) -> int:
    return sum(len(t.strip()) for t in el.itertext())


class _Sizes:
    """Non-link text size of every element, computed once bottom-up."""

    def __init__(self, root: etree._Element) -> None:
        self.size: dict[etree._Element, int] = {}
        self._fill(root, in_link=False)

    def _fill(self, el: etree._Element, in_link: bool) -> int:
        in_link = in_link or _tag(el) == "a"
        own = 0 if in_link else len((el.text or "").strip())
        for child in el:
            own += self._fill(child, in_link)
            if not in_link:
                own += len((child.tail or "").strip())
        self.size[el] = own
        return own


def _drop_boilerplate(body: etree._Element) -> None:
    total = max(_text_size(body), 1)
    doomed = []
    for el in body.iter():
        tag = _tag(el)
        if not tag:
            doomed.append(el)       # comments, processing instructions
            continue
        if tag in _DROP_TAGS or el.get("hidden") is not None or _HIDDEN_STYLE.search(el.get("style") or ""):
            doomed.append(el)
            continue
        inside_article = any(_tag(a) in ("article", "main") for a in el.iterancestors())
        boiler = (tag in ("header", "footer") and not inside_article) or bool(_tokens(el) & _BOILERPLATE_TOKENS)
        if boiler and _text_size(el) < 0.5 * total:
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()   # keeps the element's tail text


def _is_data_table(table: etree._Element) -> bool:
    if table.find(".//table") is not None:
        return False
    rows = table.findall(".//tr")
    if len(rows) < 2 or max(len(r.findall("./td") + r.findall("./th")) for r in rows) < 2:
        return False
    cells = [_text_size(c) for r in rows for c in r if _tag(c) in ("td", "th")]
    total = sum(cells)
    return not (total > 500 and max(cells) > 0.6 * total)


def _main_block(body: etree._Element) -> etree._Element:
    sizes = _Sizes(body)
    total = sizes.size[body]
    marked = [el for el in body.iter("article", "main") if sizes.size[el] >= _MAIN_SHARE * total]
    marked += [el for el in body.iter() if el.get("role") == "main" and sizes.size[el] >= _MAIN_SHARE * total]
    if marked:
        return max(marked, key=lambda el: sizes.size[el])
    current = body
    while True:
        children = [c for c in current if _tag(c) and _tag(c) not in _HEADINGS and _tag(c) != "p"]
        if not children:
            return current
        best = max(children, key=lambda el: sizes.size[el])
        if sizes.size[best] < _DESCEND_SHARE * sizes.size[current]:
            return current
        if _tag(best) == "table" and _is_data_table(best):
            return current
        current = best


def _page_title(body: etree._Element, main: etree._Element) -> str | None:
    """The nearest heading or ``*title*`` block before ``main``, when ``main`` has no ``<h1>``."""
    if main.find(".//h1") is not None or _tag(main) == "h1":
        return None
    inside = set(main.iter())
    found = None
    for el in body.iter():
        if el is main:
            break
        if el in inside or not _tag(el):
            continue
        if _tag(el) in ("h1", "h2") or _tokens(el) & _TITLE_TOKENS:
            text = _WS.sub(" ", "".join(el.itertext())).strip()
            if text and len(text) <= _TITLE_MAX_CHARS:
                found = text
    return found


class _Writer:
    """Turns an element tree into lines: blocks on their own lines, inline text joined."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buf: list[str] = []

    def flush(self) -> None:
        line = _WS.sub(" ", "".join(self.buf)).strip()
        if line and line != "****":
            self.lines.append(line)
        self.buf = []

    def text(self, s: str | None) -> None:
        if s:
            self.buf.append(s)

    def element(self, el: etree._Element, bold: bool = False) -> None:
        tag = _tag(el)
        if not tag:
            return
        if tag == "br":
            self.flush()
            return
        if tag in _HEADINGS:
            self.flush()
            text = _WS.sub(" ", "".join(el.itertext())).strip()
            if text:
                self.lines.append("#" * _HEADINGS[tag] + " " + text)
            return
        if tag == "table" and _is_data_table(el):
            self.flush()
            self.table(el)
            return
        block = tag in _BLOCK_TAGS
        if block:
            self.flush()
        is_bold = not bold and (tag in ("b", "strong") or bool(_BOLD_STYLE.search(el.get("style") or "")))
        if is_bold and _text_size(el):
            self.buf.append("**")
        self.text(el.text)
        for child in el:
            self.element(child, bold or is_bold)
            self.text(child.tail)
        if is_bold and _text_size(el):
            self.buf.append("**")
        if block:
            self.flush()

    def table(self, table: etree._Element) -> None:
        for row in table.iter("tr"):
            cells = [_WS.sub(" ", "".join(c.itertext())).strip().replace("|", "｜")
                     for c in row if _tag(c) in ("td", "th")]
            if any(cells):
                self.lines.append("| " + " | ".join(cells) + " |")


def read_html(data: bytes) -> str:
    """Main text of an HTML page, one block per line."""
    text = _NOT_XML.sub("", _XML_DECL.sub("", _decode(data)).replace("\f", " "))
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise Unreadable(f"unparsable html: {exc}") from None
    body = root.find("body")
    if body is None:
        body = root
    _drop_boilerplate(body)
    main = _main_block(body)
    writer = _Writer()
    title = _page_title(body, main)
    if title:
        writer.lines.append("# " + title)
    writer.element(main)
    writer.flush()
    if not writer.lines:
        raise Unreadable("no text in html page")
    return "\n".join(writer.lines)
