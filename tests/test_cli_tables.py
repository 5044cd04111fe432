"""CLI output a person reads (both engines): tables that summarise nested values and cut long text,
CSV beside JSON, and the long jobs (extract, ingest, overlaps) ending on their count and rate."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policykg.cli import app as cli_app
from policykg.graph.statements import cypher_text

pytestmark = pytest.mark.engine

REPO = Path(__file__).resolve().parents[1]
RATE = re.compile(r"(\d+) (files|documents|measures) in [\d.]+ s \([\d.]+ \2/s\)")


@pytest.fixture()
def run(engine_env, monkeypatch) -> Iterator:
    from policykg.settings import get_settings

    for key, value in engine_env.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()

    def invoke(*args: str):
        result = CliRunner().invoke(cli_app, list(args))
        assert result.exit_code == 0, result.output
        return result

    yield invoke
    get_settings.cache_clear()


def test_query_table_summarises_nested_values_and_cuts_long_text(run, seed_store) -> None:
    args = ("query", "agencies_leading_topic", "--param", "topic=印染", "--param", "province=广东省")
    rows = json.loads(run(*args, "--format", "json").stdout)
    table = run(*args).stdout
    assert len(rows) >= 2
    assert '{"' not in table and '"id"' not in table, "raw JSON in a table cell"
    assert f"{len(rows[0]['examples'])} items" in table and "…" in table
    assert len(table.splitlines()) <= 6 * len(rows) + 6
    for row in rows:
        assert row["agency"] in table

    as_csv = list(csv.DictReader(io.StringIO(run(*args, "--format", "csv").stdout)))
    assert [r["agency"] for r in as_csv] == [r["agency"] for r in rows]
    assert [json.loads(r["examples"]) for r in as_csv] == [r["examples"] for r in rows]  # CSV keeps values whole


def test_long_jobs_end_on_their_count_and_rate(run, store, tmp_path: Path) -> None:
    corpus = sorted((REPO / "data" / "corpus").glob("*.txt"))
    extracted = run("extract", *map(str, corpus), "--out", str(tmp_path / "out"))
    match = RATE.search(extracted.output)
    assert match and match[1] == str(len(corpus)) and match[2] == "files", extracted.output

    ingested = run("ingest", *map(str, corpus))
    match = RATE.search(ingested.output)
    assert match and match[1] == str(len(corpus)) and match[2] == "documents", ingested.output

    try:
        found = run("overlaps", "--top", "3")
        match = RATE.search(found.output)
        assert match and match[2] == "measures" and int(match[1]) > 50, found.output
        assert re.search(r"\d+ pairs", found.output)
    finally:
        store.run(cypher_text("write/similar_to_clear.cypher"))
