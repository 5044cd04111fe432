"""A document's id identifies the document, not its file name; the store stays readable whatever
was re-ingested (issue 16, item 1). On both engines."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fixtures_formats import make_docx
from record_files import write_record_files
from typer.testing import CliRunner

from policykg.cli import app
from policykg.graph.ingest import ingest_paths
from policykg.graph.store import GraphStore
from policykg.loaders.records import PolicyDoc


def _province_rows(output: str) -> dict[str, list[str]]:
    """The per-province table of `policykg status`: province -> [documents, measures, agencies, targets]."""
    rows = {}
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.strip("│ ").split("│")]
        if len(cells) == 5 and cells[1].isdigit() and cells[0].endswith(("省", "市", "区")):
            rows[cells[0]] = cells[1:]
    return rows


def test_status_answers_when_a_province_is_left_without_documents(
        store: GraphStore, seed_records: list[PolicyDoc], tmp_path: Path, cli_env: None) -> None:
    """A document re-ingested under another province leaves its first province without documents
    (Province nodes stay: agencies and cities are in them). `status` failed on FalkorDB then."""
    first = next(doc for doc in seed_records if doc.province == "广东省")
    moved = first.model_copy(update={"province": "湖南省"})
    moved.text = first.text
    ingest_paths(store, write_record_files(tmp_path / "v1", [first]))
    ingest_paths(store, write_record_files(tmp_path / "v2", [moved]))

    result = CliRunner().invoke(app, ["status"])

    assert result.exit_code == 0, result.output
    rows = _province_rows(result.output)
    assert rows["湖南省"][0] == "1"
    assert rows["广东省"][0] == "0"


CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
SEEDS = sorted(CORPUS.glob("*.txt"))


def _documents(store: GraphStore) -> dict[str, dict]:
    """doc_id -> {source, measures (HAS_MEASURE edges), declared (measure_count)} of every stored document."""
    rows = store.run_read("MATCH (d:Document) OPTIONAL MATCH (d)-[:HAS_MEASURE]->(m:Measure) "
                          "RETURN d.doc_id AS doc_id, d.source AS source, d.measure_count AS declared, "
                          "count(m) AS measures")
    return {row.pop("doc_id"): row for row in rows}


def _orphans(store: GraphStore) -> int:
    measures = store.run_read("MATCH (m:Measure) WHERE NOT (m)<-[:HAS_MEASURE]-(:Document) RETURN count(m) AS n")
    targets = store.run_read("MATCH (t:Target) WHERE NOT (t)<-[:HAS_TARGET]-() RETURN count(t) AS n")
    return measures[0]["n"] + targets[0]["n"]


@pytest.fixture()
def same_stems(tmp_path: Path) -> Path:
    """Three different documents, all called ``notice``: a/notice.txt, a/notice.docx, b/notice.txt."""
    root = tmp_path / "docs"
    (root / "a").mkdir(parents=True)
    (root / "b").mkdir()
    (root / "a" / "notice.txt").write_bytes(SEEDS[0].read_bytes())
    make_docx(SEEDS[2].read_text(encoding="utf-8"), root / "a" / "notice.docx")
    (root / "b" / "notice.txt").write_bytes(SEEDS[3].read_bytes())
    return root


def test_documents_sharing_a_file_stem_are_all_kept(store: GraphStore, same_stems: Path, tmp_path: Path,
                                                    cli_env: None) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", "--no-overlaps", str(same_stems)])
    assert result.exit_code == 0, result.output

    documents = _documents(store)
    assert len(documents) == 3
    assert all(doc_id.startswith("notice-") for doc_id in documents)
    assert sorted(doc["source"] for doc in documents.values()) == ["notice.docx", "notice.txt", "notice.txt"]
    assert all(doc["measures"] == doc["declared"] > 0 for doc in documents.values())
    assert runner.invoke(app, ["status"]).exit_code == 0

    extracted = runner.invoke(app, ["extract", str(same_stems), "--out", str(tmp_path / "out")])
    assert extracted.exit_code == 0, extracted.output
    assert {p.stem for p in (tmp_path / "out").glob("*.json")} == set(documents)


def test_the_same_files_ingested_again_keep_their_ids_wherever_they_lie(
        store: GraphStore, same_stems: Path, tmp_path: Path) -> None:
    first = ingest_paths(store, [same_stems])
    counts = store.counts()
    again = ingest_paths(store, [same_stems / "a", same_stems / "b" / "notice.txt"])  # named otherwise
    moved = shutil.copytree(same_stems, tmp_path / "moved")
    elsewhere = ingest_paths(store, [moved])

    assert sorted(first.doc_ids) == sorted(again.doc_ids) == sorted(elsewhere.doc_ids)
    assert sorted(_documents(store)) == sorted(first.doc_ids)
    assert store.counts() == counts
    assert not (again.replaced or elsewhere.replaced)


def test_a_revised_file_replaces_its_earlier_version(store: GraphStore, same_stems: Path, tmp_path: Path,
                                                     cli_env: None, engine_env: dict[str, str]) -> None:
    runner = CliRunner()
    records = Path(engine_env["POLICYKG_HOME"]) / "records"
    assert runner.invoke(app, ["ingest", str(same_stems)]).exit_code == 0
    assert runner.invoke(app, ["extract", str(same_stems), "--out", str(tmp_path / "out")]).exit_code == 0
    before = _documents(store)
    revised = same_stems / "a" / "notice.txt"
    text = revised.read_text(encoding="utf-8")
    cut = text.index("三、")  # the revision drops the document's later chapters
    revised.write_text(text[:cut], encoding="utf-8")

    result = runner.invoke(app, ["ingest", str(same_stems)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["extract", str(same_stems), "--out", str(tmp_path / "out")]).exit_code == 0

    after = _documents(store)
    assert len(after) == 3
    (old_id,) = set(before) - set(after)
    (new_id,) = set(after) - set(before)
    assert before[old_id]["source"] == after[new_id]["source"] == "notice.txt"
    assert 0 < after[new_id]["measures"] < before[old_id]["measures"]
    assert _orphans(store) == 0
    assert store.run_read("MATCH (m:Measure {doc_id: $id}) RETURN count(m) AS n", {"id": old_id})[0]["n"] == 0
    assert "replaced the earlier version of 1 revised file" in result.output
    saved = {p.stem for p in records.glob("*.*")}  # the records folder is shared by the session's tests
    assert old_id not in saved and set(after) <= saved
    assert {p.stem for p in (tmp_path / "out").glob("*.json")} == set(after)
    assert runner.invoke(app, ["status"]).exit_code == 0


def test_a_store_written_with_file_stem_ids_is_migrated_by_ingesting_again(
        store: GraphStore, seed_records: list[PolicyDoc], tmp_path: Path) -> None:
    """Before content-hash ids, doc_id was the file stem; ingesting the files again replaces those documents."""
    files = SEEDS[:3]
    legacy = []
    for path, doc in zip(files, seed_records[:3], strict=True):
        old = doc.model_copy(update={"doc_id": path.stem, "source_key": None, "measures": [
            m.model_copy(update={"id": f"{path.stem}#{m.label}"}) for m in doc.measures]})
        old.text = doc.text
        legacy.append(old)
    ingest_paths(store, write_record_files(tmp_path / "legacy", legacy))
    assert sorted(_documents(store)) == [p.stem for p in files]

    summary = ingest_paths(store, files)

    assert sorted(summary.replaced) == [p.stem for p in files]
    documents = _documents(store)
    assert sorted(documents) == sorted(doc.doc_id for doc in seed_records[:3])
    assert all(doc["measures"] == doc["declared"] for doc in documents.values())
    assert _orphans(store) == 0
