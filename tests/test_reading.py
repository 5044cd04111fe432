"""Reading each format into text: encodings, html main content, docx structure, pdf pages."""

from __future__ import annotations

import codecs
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from fixtures_formats import make_docx, make_html, make_pdf

from policykg.loaders.reading import read_document
from policykg.loaders.repair import repair_text

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
HUNAN = next(CORPUS.glob("002_*.txt"))

# a real stretch of the Hunan seed: document number, issuer, title, a chapter and two items
SNIPPET = "\n\n".join(HUNAN.read_text(encoding="utf-8").strip().splitlines()[:16])


def paragraphs(path: Path) -> list[str]:
    return repair_text(read_document(path).text).text.split("\n")


# ---------------------------------------------------------------- txt / md

@pytest.mark.parametrize(
    "encoding, prefix",
    [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b""), ("gbk", b""), ("utf-16", b"")],
)
def test_text_encodings_give_the_same_text(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(prefix + SNIPPET.encode(encoding))
    raw = read_document(path)
    assert raw.format == "txt"
    assert raw.text == SNIPPET


def test_short_gbk_text_is_detected(tmp_path: Path) -> None:
    line = "（责任单位：省工业和信息化厅、省市场监管局）"
    path = tmp_path / "short.txt"
    path.write_bytes(line.encode("gbk"))
    assert read_document(path).text == line


def test_markdown_keeps_its_markers_for_repair(tmp_path: Path) -> None:
    seed = next(CORPUS.glob("000_*.txt")).read_text(encoding="utf-8")
    path = tmp_path / "doc.md"
    path.write_text(seed, encoding="utf-8")
    raw = read_document(path)
    assert raw.format == "md"
    assert "## **二、时尚化转型，打造纺织服装创意设计策源地**" in raw.text
    repaired = repair_text(raw.text)
    line = "二、时尚化转型，打造纺织服装创意设计策源地"
    assert repaired.text.index(line) in repaired.heading_starts
    assert "**" not in repaired.text


# ---------------------------------------------------------------- html

def test_html_keeps_article_and_drops_navigation(tmp_path: Path) -> None:
    path = make_html(SNIPPET, tmp_path / "page.html")
    raw = read_document(path)
    assert raw.format == "html"
    for boiler in ("网站首页", "政务公开", "当前位置", "相关文章", "版权所有", "分享到", "document.write", "发布时间"):
        assert boiler not in raw.text
    assert paragraphs(path) == paragraphs(_txt(tmp_path, SNIPPET))


def test_html_in_gbk_with_meta_charset(tmp_path: Path) -> None:
    path = make_html(SNIPPET, tmp_path / "page.htm", charset="gbk")
    assert paragraphs(path) == paragraphs(_txt(tmp_path, SNIPPET))


def test_html_table_rows_bold_and_headings(tmp_path: Path) -> None:
    page = """<html><body><div id="menu"><a href="/">首页</a> <a href="/x">机构设置</a></div>
    <div class="content"><h1>湖南省纺织服装产业重点任务分工表</h1>
    <p><b>一、不断提升创意设计水平</b></p>
    <p><strong>（一）鼓励加强原创设计。</strong>鼓励纺织服装企业与工业设计大师合作。</p>
    <table><tr><th>序号</th><th>工作任务</th><th>牵头单位</th></tr>
    <tr><td>1</td><td>鼓励加强原创设计</td><td>省工业和信息化厅</td></tr>
    <tr><td>2</td><td>推动设计融合创新</td><td>省工业和信息化厅、省科技厅</td></tr></table>
    <p>本意见自发布之日起实施。</p></div>
    <div class="footer">版权所有</div></body></html>"""
    path = tmp_path / "t.html"
    path.write_text(page, encoding="utf-8")
    text = read_document(path).text
    assert text.split("\n") == [
        "# 湖南省纺织服装产业重点任务分工表",
        "**一、不断提升创意设计水平**",
        "**（一）鼓励加强原创设计。**鼓励纺织服装企业与工业设计大师合作。",
        "| 序号 | 工作任务 | 牵头单位 |",
        "| 1 | 鼓励加强原创设计 | 省工业和信息化厅 |",
        "| 2 | 推动设计融合创新 | 省工业和信息化厅、省科技厅 |",
        "本意见自发布之日起实施。",
    ]


def test_html_page_title_outside_the_article_is_kept(tmp_path: Path) -> None:
    body = "".join(f"<p>{line}</p>" for line in SNIPPET.split("\n\n")[3:])
    page = f"""<html><body><div class="nav"><a href="/">首页</a></div>
    <div class="wrap"><div class="article-title">关于促进纺织服装产业高质量发展的实施意见</div>
    <div class="meta">2023-07-17</div><div id="zoom">{body}</div></div></body></html>"""
    path = tmp_path / "p.html"
    path.write_text(page, encoding="utf-8")
    lines = read_document(path).text.split("\n")
    assert lines[0] == "# 关于促进纺织服装产业高质量发展的实施意见"
    assert "2023-07-17" not in lines


# ---------------------------------------------------------------- docx

def test_docx_tables_interleave_with_paragraphs_in_order(tmp_path: Path) -> None:
    text = ("（一）鼓励加强原创设计。鼓励纺织服装企业与工业设计大师合作。\n"
            "| 序号 | 工作任务 | 牵头单位 |\n|---|---|---|\n| 1 | 鼓励加强原创设计 | 省工业和信息化厅 |\n"
            "（二）推动设计融合创新。引导纺织服装企业开展设计合作。")
    path = make_docx(text, tmp_path / "t.docx")
    assert read_document(path).text.split("\n") == [
        "（一）鼓励加强原创设计。鼓励纺织服装企业与工业设计大师合作。",
        "| 序号 | 工作任务 | 牵头单位 |",
        "| 1 | 鼓励加强原创设计 | 省工业和信息化厅 |",
        "（二）推动设计融合创新。引导纺织服装企业开展设计合作。",
    ]


def test_docx_bold_runs_and_heading_styles(tmp_path: Path) -> None:
    seed = next(CORPUS.glob("000_*.txt")).read_text(encoding="utf-8")
    path = make_docx(seed, tmp_path / "gd.docx")
    raw = read_document(path)
    assert raw.format == "docx"
    assert "# 关于进一步推动纺织服装产业高质量发展的实施意见" in raw.text.split("\n")
    assert "**1.坚持规划引领。**制定纺织服装产业发展专项规划。" in raw.text
    repaired = repair_text(raw.text)
    assert repaired.text.index("关于进一步推动纺织服装产业高质量发展的实施意见\n") in repaired.heading_starts


def test_docx_merged_cells_are_written_once(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "重点任务分工"
    for c, value in enumerate(["任务", "牵头单位", "配合单位"]):
        table.cell(1, c).text = value
    path = tmp_path / "merged.docx"
    document.save(str(path))
    assert read_document(path).text.split("\n") == ["| 重点任务分工 |", "| 任务 | 牵头单位 | 配合单位 |"]


def _numbered(document: docx.Document, fmt: str, lvl_text: str) -> str:
    """Add an abstract numbering of one level to the document; returns its numId."""
    numbering = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "90")
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), "0")
    for tag, val in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", lvl_text)):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        lvl.append(el)
    abstract.append(lvl)
    numbering.insert(0, abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "90")
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), "90")
    num.append(ref)
    numbering.append(num)
    return "90"


def test_docx_automatic_chinese_numbering_is_written_out(tmp_path: Path) -> None:
    document = docx.Document()
    num_id = _numbered(document, "chineseCounting", "（%1）")
    for title in ("鼓励加强原创设计。", "推动设计融合创新。", "加快设计成果转化。"):
        p = document.add_paragraph(title)
        num_pr = OxmlElement("w:numPr")
        for tag, val in (("w:ilvl", "0"), ("w:numId", num_id)):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            num_pr.append(el)
        p._p.get_or_add_pPr().append(num_pr)
    path = tmp_path / "num.docx"
    document.save(str(path))
    assert read_document(path).text.split("\n") == [
        "（一）鼓励加强原创设计。", "（二）推动设计融合创新。", "（三）加快设计成果转化。"]


# ---------------------------------------------------------------- pdf

def test_pdf_pages_headers_and_wraps(tmp_path: Path) -> None:
    seed = HUNAN.read_text(encoding="utf-8")
    path = make_pdf(seed, tmp_path / "hunan.pdf", header="湖南省工业和信息化厅文件")
    raw = read_document(path)
    assert raw.format == "pdf"
    lines = raw.text.split("\n")
    assert "湖南省工业和信息化厅文件" not in lines
    assert not any(line.startswith("- ") and line.endswith(" -") for line in lines)
    # a long item, wrapped over several lines (and pages) in the PDF, comes back as one line
    item = next(x for x in seed.splitlines() if x.startswith("（四）加强关键核心技术攻关"))
    assert item.strip() in lines


def _txt(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "same.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_html_layout_tables_are_not_taken_for_data(tmp_path: Path) -> None:
    """Older government sites lay pages out with nested tables; the article inside still reads as paragraphs."""
    body = "".join(f"<p>{line}</p>" for line in SNIPPET.split("\n\n"))
    page = f"""<html><body><table width="1000"><tr><td>
    <table class="menu"><tr><td><a href="/">首页</a></td><td><a href="/a">机构概况</a></td>
    <td><a href="/b">政务公开</a></td></tr></table></td></tr>
    <tr><td><table><tr><td width="200"><a href="/c">通知公告</a><br><a href="/d">政策解读</a></td>
    <td width="800">{body}</td></tr></table></td></tr>
    <tr><td>Copyright 2023 湖南省工业和信息化厅 湘ICP备05000001号</td></tr></table></body></html>"""
    path = tmp_path / "old.html"
    path.write_text(page, encoding="utf-8")
    text = read_document(path).text
    assert "|" not in text
    assert "Copyright" not in text and "通知公告" not in text
    assert paragraphs(path) == paragraphs(_txt(tmp_path, SNIPPET))
