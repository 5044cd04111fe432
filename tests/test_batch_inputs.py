"""What `policykg extract` and `policykg ingest` do with a batch of files some of which are bad:
each bad file is reported by name with the same reason by both commands, and the others go on.
The ingest tests run on both engines."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from fixtures_formats import make_docx
from typer.testing import CliRunner

from policykg.cli import app
from policykg.graph.store import GraphStore

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
SEEDS = sorted(CORPUS.glob("*.txt"))


def _unsupported_zip_version(docx: Path, out: Path) -> Path:
    """``docx`` with the "version needed to extract" of its first central-directory entry set to 25.5,
    past what zipfile reads: ``zipfile.ZipFile`` raised NotImplementedError on it (issue 16)."""
    data = bytearray(docx.read_bytes())
    entry = data.find(b"PK\x01\x02")
    struct.pack_into("<B", data, entry + 6, 255)
    out.write_bytes(bytes(data))
    return out


def _one_line(output: str, name: str) -> str:
    """The line of ``output`` that reports ``name``, with rich's wrapping undone."""
    flat = " ".join(output.split())
    start = flat.index(name)
    return flat[start:start + 200]


@pytest.fixture()
def damaged_batch(tmp_path: Path) -> list[Path]:
    good = make_docx(SEEDS[2].read_text(encoding="utf-8"), tmp_path / "good.docx")
    bad = _unsupported_zip_version(good, tmp_path / "bad.docx")
    return [bad, good]


def test_extract_reports_a_damaged_docx_by_name_and_extracts_the_rest(damaged_batch: list[Path],
                                                                      tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["extract", *map(str, damaged_batch), "--out", str(out)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1, result.output
    assert "bad.docx: corrupt docx" in _one_line(result.output, "bad.docx")
    assert "1 of 2 documents extracted" in result.output
    assert [p.name.startswith("good") for p in out.glob("*.json")] == [True]


def test_ingest_reports_a_damaged_docx_as_extract_does_and_stores_the_rest(
        store: GraphStore, damaged_batch: list[Path], tmp_path: Path, cli_env: None) -> None:
    result = CliRunner().invoke(app, ["ingest", "--no-overlaps", *map(str, damaged_batch)])
    assert result.exit_code == 1, result.output
    assert "bad.docx: corrupt docx" in _one_line(result.output, "bad.docx")
    assert store.counts()["nodes"]["Document"] == 1


def test_an_unexpected_error_in_one_file_does_not_stop_the_batch(tmp_path: Path, store: GraphStore,
                                                                 cli_env: None,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever exception the extractor raises on one file (a bug, as a rewrite of the extraction
    logic may bring), extract and ingest name that file and go on with the others."""
    from policykg.loaders import pipeline

    real = pipeline.extract_text

    def buggy(text: str, doc_id: str, *args, **kwargs):  # noqa: ANN001, ANN202 - stands in for the extractor
        if "湖南" in text[:300]:
            raise IndexError("list index out of range")
        return real(text, doc_id, *args, **kwargs)

    monkeypatch.setattr(pipeline, "extract_text", buggy)
    runner = CliRunner()
    files = [str(p) for p in SEEDS[1:3]]  # the second one is Hunan's
    bad = SEEDS[2].name

    extracted = runner.invoke(app, ["extract", *files, "--out", str(tmp_path / "out")])
    assert extracted.exit_code == 1, extracted.output
    assert "extraction failed: IndexError: list index out of range" in _one_line(extracted.output, bad)
    assert len(list((tmp_path / "out").glob("*.json"))) == 1

    ingested = runner.invoke(app, ["ingest", "--no-overlaps", *files])
    assert ingested.exit_code == 1, ingested.output
    assert "extraction failed: IndexError: list index out of range" in _one_line(ingested.output, bad)
    assert store.counts()["nodes"]["Document"] == 1


@pytest.fixture()
def folder_with_a_link_loop(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "policy.txt").write_text(SEEDS[0].read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "loop.txt").symlink_to("loop.txt")  # ELOOP: the link points at itself
    return folder


LOOP = "loop.txt: symbolic link loop"


def test_extract_names_a_symlink_loop_in_a_folder_and_when_named(folder_with_a_link_loop: Path,
                                                                  tmp_path: Path) -> None:
    runner = CliRunner()
    for args in ([str(folder_with_a_link_loop)], [str(folder_with_a_link_loop / "loop.txt")]):
        result = runner.invoke(app, ["extract", *args, "--out", str(tmp_path / "out")])
        assert result.exit_code == 1, result.output
        assert LOOP in _one_line(result.output, "loop.txt"), args


def test_ingest_names_a_symlink_loop_as_extract_does(folder_with_a_link_loop: Path, store: GraphStore,
                                                     cli_env: None) -> None:
    runner = CliRunner()
    for args in ([str(folder_with_a_link_loop)], [str(folder_with_a_link_loop / "loop.txt")]):
        result = runner.invoke(app, ["ingest", "--no-overlaps", *args])
        assert result.exit_code == 1, result.output
        assert LOOP in _one_line(result.output, "loop.txt"), args
    assert store.counts()["nodes"]["Document"] == 1
