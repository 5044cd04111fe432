"""Files that cannot be read give ExtractionError with a one-line reason naming the problem."""

from __future__ import annotations

import io
import os
import random
import zipfile
from pathlib import Path

import pytest
from fixtures_formats import make_docx, make_pdf

from policykg.errors import ExtractionError
from policykg.loaders import _read_docx
from policykg.loaders.reading import read_document

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
SEED = next(CORPUS.glob("002_*.txt")).read_text(encoding="utf-8")


def reason(path: Path) -> str:
    with pytest.raises(ExtractionError) as info:
        read_document(path)
    err = info.value
    assert err.path == str(path)
    assert "\n" not in err.reason and err.reason
    return err.reason


@pytest.mark.parametrize("name", ["policy.doc", "policy.xlsx", "policy.wps", "policy"])
def test_unsupported_suffix(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(SEED.encode("utf-8"))
    assert "unsupported file type" in reason(path)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".docx", ".pdf"])
def test_empty_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    assert reason(path) == "empty file"


def test_whitespace_only_text(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(" \n\u3000\n\t\n", encoding="utf-8")
    assert reason(path) == "no text in file"


def test_missing_file(tmp_path: Path) -> None:
    assert "cannot open file" in reason(tmp_path / "missing.txt")


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert "not a regular file" in reason(folder)


def test_binary_junk_named_txt(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(os.urandom(4096))
    assert "binary" in reason(path)


def test_undecodable_text(tmp_path: Path) -> None:
    rng = random.Random(7)
    path = tmp_path / "garbled.txt"
    path.write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(3000)))
    assert "undecodable" in reason(path)


def test_text_damaged_halfway(tmp_path: Path) -> None:
    path = tmp_path / "damaged.txt"
    path.write_bytes(SEED[:200].encode("utf-8") + b"\xff\xfe\xfa\xfb" * 60 + SEED[200:260].encode("gbk"))
    assert "undecodable" in reason(path)


def test_html_without_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>var a=1;</script></head><body><div id='nav'></div></body></html>")
    assert "no text" in reason(path)


def test_truncated_docx(tmp_path: Path) -> None:
    whole = make_docx(SEED, tmp_path / "whole.docx").read_bytes()
    path = tmp_path / "truncated.docx"
    path.write_bytes(whole[: len(whole) // 2])
    assert "corrupt or truncated docx" in reason(path)


def test_docx_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_bytes(SEED.encode("utf-8"))
    assert "not a zip archive" in reason(path)


def test_zip_without_word_document(tmp_path: Path) -> None:
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("content.xml", "<office:document/>")
    assert "no word/document.xml" in reason(path)


def test_docx_with_broken_xml(tmp_path: Path) -> None:
    good = make_docx(SEED[:300], tmp_path / "good.docx")
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, data[: len(data) // 2] if item.filename == "word/document.xml" else data)
    assert "corrupt docx" in reason(path)


def test_legacy_doc_renamed_docx(tmp_path: Path) -> None:
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000)
    assert "legacy .doc" in reason(path)


def test_zip_bomb_disguised_as_docx(tmp_path: Path) -> None:
    """A member that inflates a thousandfold is refused before anything is unpacked."""
    good = make_docx(SEED[:300], tmp_path / "good.docx")
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, src.read(item.filename))
        dst.writestr("word/media/image1.bin", b"\x00" * (20 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    assert "zip bomb" in reason(path)


def test_docx_unpacking_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_read_docx, "MAX_UNZIPPED_BYTES", 20_000)
    path = make_docx(SEED, tmp_path / "big.docx")
    assert "over the 20000 byte limit" in reason(path)


def test_truncated_pdf(tmp_path: Path) -> None:
    whole = make_pdf(SEED, tmp_path / "whole.pdf").read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(whole[: len(whole) * 2 // 3])
    assert "truncated pdf" in reason(path)


def test_pdf_that_is_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_bytes(SEED.encode("utf-8"))
    assert "not a pdf" in reason(path)


def test_corrupt_pdf_body(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(b"%PDF-1.4\n" + os.urandom(3000) + b"\n%%EOF\n")
    assert "pdf" in reason(path)


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(2):
        pdf.rect(72, 72, 400, 600, fill=1)   # stands in for a scanned page image
        pdf.showPage()
    pdf.save()
    assert "no text layer" in reason(path)


def test_password_protected_pdf(tmp_path: Path) -> None:
    from reportlab.lib import pdfencrypt
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4,
                        encrypt=pdfencrypt.StandardEncryption("user-secret", ownerPassword="owner-secret"))
    pdf.drawString(72, 700, "confidential")
    pdf.showPage()
    pdf.save()
    assert "encrypted pdf" in reason(path)


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(60 * 1024 * 1024)   # sparse: nothing is written
    assert "over the" in reason(path) and "byte limit" in reason(path)


def test_docx_without_text(tmp_path: Path) -> None:
    """A docx whose parts are fine but which holds no text."""
    import docx

    path = tmp_path / "blank.docx"
    document = docx.Document()
    document.add_paragraph("   ")
    buf = io.BytesIO()
    document.save(buf)
    path.write_bytes(buf.getvalue())
    assert "no text in docx" in reason(path)
