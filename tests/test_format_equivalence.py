"""The same document as txt, docx, html and pdf gives the same text and the same extraction.

docx, html and pdf versions are generated from each seed's text (see
``fixtures_formats``): Word headings/bold runs, a government web page with
navigation and footer, an A4 PDF with hard-wrapped paragraphs over pages,
a running header and "- N -" page numbers.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures_formats import make_docx, make_html, make_pdf

from policykg.loaders.reading import read_document
from policykg.loaders.repair import repair_text

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
SEEDS = sorted(CORPUS.glob("*.txt"))
MAKERS = {"docx": make_docx, "html": make_html, "pdf": make_pdf}


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """For every seed: its txt path and generated docx/html/pdf paths."""
    out: dict[str, dict[str, Path]] = {}
    folder = tmp_path_factory.mktemp("formats")
    for seed in SEEDS:
        text = seed.read_text(encoding="utf-8")
        paths = {"txt": seed}
        for fmt, make in MAKERS.items():
            paths[fmt] = make(text, folder / f"{seed.stem}.{fmt}")
        out[seed.stem] = paths
    return out


def paragraphs(path: Path) -> list[str]:
    return repair_text(read_document(path).text).text.split("\n")


@pytest.mark.parametrize("fmt", sorted(MAKERS))
@pytest.mark.parametrize("seed", [s.stem for s in SEEDS])
def test_same_paragraphs_in_every_format(versions: dict[str, dict[str, Path]], seed: str, fmt: str) -> None:
    expected = paragraphs(versions[seed]["txt"])
    got = paragraphs(versions[seed][fmt])
    assert len(expected) > 20
    assert got == expected


def headings(path: Path) -> set[str]:
    repaired = repair_text(read_document(path).text)
    text = repaired.text + "\n"
    return {text[s:text.index("\n", s)] for s in repaired.heading_starts}


def test_same_headings_in_txt_docx_and_html(versions: dict[str, dict[str, Path]]) -> None:
    """Markdown headings and whole-line bold of the Guangdong seed are headings in Word and HTML too."""
    paths = versions[SEEDS[0].stem]
    expected = headings(paths["txt"])
    assert "二、时尚化转型，打造纺织服装创意设计策源地" in expected
    assert "八、人才产业化支撑，培育纺织服装百名设计大师和万名熟练技工" in expected
    assert headings(paths["docx"]) == expected
    assert headings(paths["html"]) == expected


def test_pdf_headings_come_from_font_size(versions: dict[str, dict[str, Path]]) -> None:
    """The PDF has no bold face, but its larger-set headings (the seed's # lines) are found."""
    source = SEEDS[0].read_text(encoding="utf-8")
    marked = {line.lstrip("#").strip().replace("**", "") for line in source.splitlines() if line.startswith("#")}
    assert len(marked) >= 8
    assert headings(versions[SEEDS[0].stem]["pdf"]) == marked


def test_pdf_really_wraps_and_paginates(versions: dict[str, dict[str, Path]]) -> None:
    """Guard for the test above: the generated PDF has several pages and many more lines than paragraphs."""
    import pdfplumber

    path = versions[SEEDS[2].stem]["pdf"]
    with pdfplumber.open(str(path)) as pdf:
        pages = [p.extract_text() for p in pdf.pages]
    assert len(pages) >= 4
    assert all(f"- {n} -" in page for n, page in enumerate(pages, 1))
    assert sum(page.count("\n") for page in pages) > 3 * len(paragraphs(path))


def _extraction(path: Path) -> dict:
    from policykg.loaders.pipeline import extract_file

    doc = extract_file(path)

    def target(t) -> tuple:
        return (t.year, t.metric, t.value, t.value_max, t.unit, t.multiplier)

    return {
        "measures": [(m.label, m.title, m.section, m.lead, m.co, m.responsible, [target(t) for t in m.targets])
                     for m in doc.measures],
        "targets": [target(t) for t in doc.targets],
        "title": doc.title,
        "doc_number": doc.doc_number,
        "issuers": doc.issuers,
    }


@pytest.mark.parametrize("fmt", sorted(MAKERS))
@pytest.mark.parametrize("seed", [s.stem for s in SEEDS])
def test_same_extraction_in_every_format(versions: dict[str, dict[str, Path]], seed: str, fmt: str) -> None:
    expected = _extraction(versions[seed]["txt"])
    got = _extraction(versions[seed][fmt])
    assert len(expected["measures"]) >= 5
    for key in ("measures", "targets", "title", "doc_number", "issuers"):
        assert got[key] == expected[key], key
