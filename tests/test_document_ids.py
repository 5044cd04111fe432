"""A document's id identifies the document, not its file name; the store stays readable whatever
was re-ingested (issue 16, item 1). On both engines."""

from __future__ import annotations

from pathlib import Path

from record_files import write_record_files
from typer.testing import CliRunner

from policykg.api.cli import app
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
