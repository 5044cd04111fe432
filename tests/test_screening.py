"""Only files that look like policy documents are extracted or ingested; the others are named and
skipped unless --force (issue 16, item 12). The ingest tests run on both engines."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policykg.cli import app
from policykg.graph.store import GraphStore
from policykg.loaders.pipeline import extract_file
from policykg.loaders.screening import screen

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
# Every policy document there is: the shared corpus and dev set (excerpts without title or issuer
# among them), the unseen-style test documents, the bundled corpus.
POLICY = sorted([*(SHARED / "corpus").glob("*.txt"), *(SHARED / "eval" / "dev" / "docs").glob("*.txt"),
                 *(SHARED / "eval" / "dev" / "docs").glob("*.html"), *(REPO / "tests" / "data").rglob("*.txt"),
                 *(REPO / "data" / "corpus").glob("*.txt")])
# (tests/data/news: two press reports on plans, read for the targets, places and clusters they state,
# as the real 192_xinjiang_fangzhijiju is.)
# Texts that are not: the project's README (it became a 广东省 document), a diary, a study plan and an
# appliance manual with numbered lines, and source code.
NOT_POLICY = [REPO / "README.md", REPO / "graph" / "MODEL.md", *sorted((REPO / "tests" / "not_policy").glob("*.txt"))]
SOURCE_CODE = [REPO / "policykg" / "cli" / "store.py", REPO / "loaders" / "screening.py", REPO / "graph" / "cypher" / "write" / "documents" / "05_measures_and_roles.cypher"]


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(p.parents[1])) for p in paths]


def test_the_shared_material_is_there() -> None:
    assert len(list((SHARED / "eval" / "dev" / "docs").glob("*"))) >= 13, f"no dev set at {SHARED}"
    assert {"65_hainan_keji.txt", "66_hubei_zhuanbian.txt"} <= {p.name for p in POLICY}


@pytest.mark.parametrize("path", POLICY, ids=_ids(POLICY))
def test_every_policy_document_is_accepted(path: Path) -> None:
    screening = screen(extract_file(path))
    assert screening.accepted, (screening.signals, screening.policy_terms, screening.reason)


@pytest.mark.parametrize("seed", sorted((REPO / "data" / "corpus").glob("*.txt")), ids=lambda p: p.stem[:3])
def test_a_policy_document_republished_by_a_news_agency_is_accepted(seed: Path, tmp_path: Path) -> None:
    """The marks of a press report alone do not refuse a text: a republished policy keeps its form."""
    republished = tmp_path / seed.name
    republished.write_text("新华社北京11月16日电\n" + seed.read_text(encoding="utf-8") + "\n（来源：新华社　责任编辑：张三）\n",
                           encoding="utf-8")
    screening = screen(extract_file(republished))
    assert screening.press and screening.accepted, screening


@pytest.mark.parametrize("path", NOT_POLICY, ids=_ids(NOT_POLICY))
def test_texts_that_are_not_policy_documents_are_refused(path: Path) -> None:
    screening = screen(extract_file(path))
    assert not screening.accepted, screening
    assert screening.reason.startswith("does not look like a policy document: ")


@pytest.mark.parametrize("path", SOURCE_CODE, ids=_ids(SOURCE_CODE))
def test_source_code_is_refused(path: Path, tmp_path: Path) -> None:
    as_text = shutil.copy(path, tmp_path / f"{path.stem}.txt")
    assert not screen(extract_file(as_text)).accepted


@pytest.fixture()
def mixed_folder(tmp_path: Path) -> Path:
    """Two policy excerpts (one without title, issuer or number), the README, a diary, a PNG."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in ("65_hainan_keji.txt", "66_hubei_zhuanbian.txt"):
        shutil.copy(SHARED / "eval" / "dev" / "docs" / name, folder / name)
    shutil.copy(REPO / "README.md", folder / "README.md")
    shutil.copy(REPO / "tests" / "not_policy" / "diary.txt", folder / "diary.txt")
    shutil.copy(REPO / "docs" / "visual-province.png", folder / "visual-province.png")
    return folder


SKIPPED = ("README.md", "diary.txt", "visual-province.png")


def _named_as_skipped(output: str, name: str) -> bool:
    return any("skipped" in line and name in line for line in output.splitlines())


def test_extract_names_and_skips_what_is_not_a_policy_document(mixed_folder: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["extract", str(mixed_folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert all(_named_as_skipped(result.output, name) for name in SKIPPED), result.output
    assert sorted(p.name.split("-")[0] for p in (tmp_path / "out").glob("*.json")) == [
        "65_hainan_keji", "66_hubei_zhuanbian"]

    forced = runner.invoke(app, ["extract", "--force", str(mixed_folder), "--out", str(tmp_path / "forced")])
    assert forced.exit_code == 0, forced.output
    assert len(list((tmp_path / "forced").glob("*.json"))) == 4  # the PNG is no document at all


def test_ingest_names_and_skips_what_is_not_a_policy_document(mixed_folder: Path, store: GraphStore,
                                                              cli_env: None) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", "--no-overlaps", str(mixed_folder)])
    assert result.exit_code == 0, result.output
    assert all(_named_as_skipped(result.output, name) for name in SKIPPED), result.output
    sources = store.run_read("MATCH (d:Document) RETURN d.source AS source ORDER BY source")
    assert [row["source"] for row in sources] == ["65_hainan_keji.txt", "66_hubei_zhuanbian.txt"]

    forced = runner.invoke(app, ["ingest", "--no-overlaps", "--force", str(mixed_folder)])
    assert forced.exit_code == 0, forced.output
    assert _named_as_skipped(forced.output, "visual-province.png")
    assert store.counts()["nodes"]["Document"] == 4
