"""Generate docx / html / pdf versions of a seed document's text inside tests.

A seed text is read as light markdown: ``#`` lines are headings, ``**…**`` bold
runs, ``| a | b |`` lines table rows; every other non-empty line is a paragraph.
The generators lay the same blocks out the way each format's producers do:
Word paragraphs, headings and tables; a government web page with navigation,
location bar, scripts and footer around the article; an A4 PDF set in the
built-in CID font STSong-Light with indented, hard-wrapped paragraphs running
over pages, a running header and "- N -" page numbers.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_TABLE_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_UNBREAKABLE = re.compile(r"[0-9A-Za-z.%/-]+|.")


@dataclass
class Block:
    kind: str                                   # "heading" | "para" | "table"
    runs: list[tuple[str, bool]] = field(default_factory=list)   # (text, bold)
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.runs)


def _runs(line: str) -> list[tuple[str, bool]]:
    runs, pos = [], 0
    for m in _BOLD.finditer(line):
        if m.start() > pos:
            runs.append((line[pos:m.start()], False))
        runs.append((m.group(1), True))
        pos = m.end()
    if pos < len(line):
        runs.append((line[pos:], False))
    return runs


def blocks(text: str) -> list[Block]:
    out: list[Block] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("|"):
            if _TABLE_SEPARATOR.match(line):
                continue
            cells = [c.strip() for c in line.strip("|").split("|")]
            if out and out[-1].kind == "table":
                out[-1].rows.append(cells)
            else:
                out.append(Block("table", rows=[cells]))
            continue
        m = _HEADING.match(line)
        if m:
            out.append(Block("heading", runs=[(m.group(2).replace("**", ""), False)], level=len(m.group(1))))
        else:
            out.append(Block("para", runs=_runs(line)))
    return out


# ---------------------------------------------------------------- docx

def make_docx(text: str, path: Path) -> Path:
    import docx

    document = docx.Document()
    for block in blocks(text):
        if block.kind == "heading":
            document.add_heading(block.text, level=min(block.level, 9))
        elif block.kind == "table":
            width = max(len(r) for r in block.rows)
            table = document.add_table(rows=len(block.rows), cols=width)
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
        else:
            paragraph = document.add_paragraph()
            for chunk, bold in block.runs:
                paragraph.add_run(chunk).bold = bold or None
    document.save(str(path))
    return path


# ---------------------------------------------------------------- html

_PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>{title}</title>
<script type="text/javascript">var _hmt = _hmt || []; function zoom(n){{document.body.style.fontSize=n;}}</script>
<style>.nav li{{float:left}} #zoom p{{text-indent:2em}}</style></head>
<body>
<div class="top-bar"><a href="/">网站首页</a> | <a href="/wza">无障碍</a> | <a href="/en">English</a></div>
<div id="nav" class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/bsfw">办事服务</a></li><li><a href="/hdjl">互动交流</a></li><li><a href="/zcfg">政策法规</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/tzgg">通知公告</a></div>
<div class="main-wrap">
<div class="article-info">发布时间：2023-07-17 来源：本网 【字体：<a href="javascript:zoom(16)">大</a> <a href="javascript:zoom(14)">中</a> <a href="javascript:zoom(12)">小</a>】</div>
<div id="zoom" class="article-content">
{body}
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
<div class="related"><h3>相关文章</h3><ul><li><a href="/a1">关于开展2023年度工业设计中心认定工作的通知</a></li>
<li><a href="/a2">关于公布2023年度省级工业互联网平台名单的通知</a></li></ul></div>
</div>
<div class="footer"><p>主办单位：某省工业和信息化厅 版权所有 网站标识码：4300000001</p>
<p>地址：某某路100号 邮编：410000 备案号：ICP备05000001号</p></div>
<script>document.write('<img src="/stat.gif">');</script>
</body></html>
"""


def _html_runs(runs: list[tuple[str, bool]]) -> str:
    return "".join(f"<strong>{html.escape(t)}</strong>" if b else html.escape(t) for t, b in runs)


def html_body(text: str) -> str:
    parts = []
    for block in blocks(text):
        if block.kind == "heading":
            parts.append(f"<h{block.level}>{html.escape(block.text)}</h{block.level}>")
        elif block.kind == "table":
            rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
                           for row in block.rows)
            parts.append(f'<table border="1"><tbody>{rows}</tbody></table>')
        else:
            parts.append(f"<p>{_html_runs(block.runs)}</p>")
    return "\n".join(parts)


def make_html(text: str, path: Path, charset: str = "utf-8") -> Path:
    page = _PAGE.format(charset=charset, title="政策文件", body=html_body(text))
    path.write_bytes(page.encode("gb18030" if charset.lower() in ("gbk", "gb2312", "gb18030") else charset))
    return path


# ---------------------------------------------------------------- pdf

PDF_FONT = "STSong-Light"
PDF_HEADER = "纺织服装产业政策文件汇编"


def _wrap(text: str, first_width: float, width: float, size: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, line, used, limit = [], "", 0.0, first_width
    for ch in _UNBREAKABLE.findall(text):   # latin words and numbers are never split, as in Word
        w = stringWidth(ch, PDF_FONT, size)
        if used + w > limit and line:
            lines.append(line)
            line, used, limit = "", 0.0, width
        line += ch
        used += w
    if line:
        lines.append(line)
    return lines


def make_pdf(text: str, path: Path, header: str = PDF_HEADER, size: float = 12, heading_size: float = 16) -> Path:
    """A4 PDF: paragraphs indented by two characters and hard-wrapped, headings set larger;
    a running header and "- N -" on every page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    page_w, page_h = A4
    left, right, top, bottom, leading = 72, 72, 90, 80, size * 1.7
    width = page_w - left - right
    pdf = canvas.Canvas(str(path), pagesize=A4)
    page_no = 1
    y = page_h - top

    def decorate() -> None:
        pdf.setFont(PDF_FONT, 9)
        pdf.drawCentredString(page_w / 2, page_h - 50, header)
        pdf.drawCentredString(page_w / 2, 40, f"- {page_no} -")
        pdf.setFont(PDF_FONT, size)

    decorate()
    for block in blocks(text):
        block_size = heading_size if block.kind == "heading" else size
        if block.kind == "table":
            lines = ["  ".join(row) for row in block.rows]
            indent = 0.0
        else:
            indent = 0.0 if block.kind == "heading" else 2 * size
            lines = _wrap(block.text, width - indent, width, block_size)
        for i, line in enumerate(lines):
            if y < bottom:
                pdf.showPage()
                page_no += 1
                y = page_h - top
                decorate()
            pdf.setFont(PDF_FONT, block_size)
            pdf.drawString(left + (indent if i == 0 else 0), y, line)
            y -= leading * block_size / size
    pdf.showPage()
    pdf.save()
    return path
