"""``policykg compare --provinces``: two provinces side by side on the seed graph (both engines)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policykg.cli import app
from policykg.graph.similar_to import write_similarities
from policykg.graph.store import GraphStore
from policykg.queries.catalogue import run_query

pytestmark = pytest.mark.engine


@pytest.fixture()
def cli_env(cli_env: None, seed_store: GraphStore) -> GraphStore:
    """conftest's ``cli_env`` over the seed graph."""
    return seed_store


def _compare(*args: str):
    return CliRunner().invoke(app, ["compare", *args])


def test_report_without_stored_overlaps_names_both_provinces_and_topics(cli_env: GraphStore, tmp_path: Path) -> None:
    result = _compare("--provinces", "广东,湖南省", "--csv", str(tmp_path))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "广东省" in out and "湖南省" in out
    assert "green_dyeing" in out and "绿色" in out
    assert "no overlaps computed — run policykg overlaps first" in out

    with (tmp_path / "topic_matrix.csv").open(encoding="utf-8") as handle:
        matrix = {row["topic"]: row for row in csv.DictReader(handle)}
    green = matrix["green_dyeing"]
    assert "绿色" in green["topic_label"]
    assert int(green["广东省_measures"]) > 0 and int(green["湖南省_measures"]) > 0
    assert 0 < float(green["广东省_share"]) <= 1
    # Shares are of the province's own measures, so no topic claims more than all of them.
    assert all(float(row[f"{p}_share"]) <= 1 for row in matrix.values() for p in ("广东省", "湖南省"))

    with (tmp_path / "lead_agency_types.csv").open(encoding="utf-8") as handle:
        leads = {row["topic"]: row for row in csv.DictReader(handle)}
    assert set(leads) == set(matrix)
    assert leads["green_dyeing"]["广东省_lead_type"] and leads["green_dyeing"]["湖南省_lead_type"]

    with (tmp_path / "targets.csv").open(encoding="utf-8") as handle:
        targets = list(csv.DictReader(handle))
    assert targets and list(targets[0]) == ["metric", "year", "广东省", "湖南省"]
    assert any("亿元" in row["广东省"] for row in targets)
    for province in ("广东省", "湖南省"):  # each column holds exactly the province's own targets
        stored = run_query(cli_env, "targets", {"province": province, "limit": 500})
        shown = {(row["metric"], row["year"]) for row in targets if row[province]}
        assert shown == {(t["metric"], str(t["year"] if t["year"] is not None else "")) for t in stored}


def test_report_lists_the_stored_overlap_pairs_between_the_provinces(cli_env: GraphStore) -> None:
    write_similarities(cli_env)
    result = _compare("--provinces", "湖南,广东", "--top", "50")
    assert result.exit_code == 0, result.output
    assert "no overlaps computed" not in result.stdout
    pairs = _compare("--provinces", "广东,湖南", "--top", "50", "--json")
    assert pairs.exit_code == 0, pairs.output

    overlaps = json.loads(pairs.stdout)["overlaps"]
    assert overlaps and all(o["a_province"] == "广东省" and o["b_province"] == "湖南省" for o in overlaps)
    assert any(o["a_title"] == "推广应用节能减排技术" == o["b_title"] for o in overlaps)
    assert [o["score"] for o in overlaps] == sorted((o["score"] for o in overlaps), reverse=True)
    # The printed table shows the same pair with its score.
    pair = next(o for o in overlaps if o["a_title"] == "推广应用节能减排技术" == o["b_title"])
    assert pair["a_id"] in result.stdout and pair["b_id"] in result.stdout
    assert f"{pair['score']:.2f}" in result.stdout


def test_unknown_province_is_a_clear_error(cli_env: GraphStore) -> None:
    result = _compare("--provinces", "广东,西藏")
    assert result.exit_code != 0
    assert "西藏" in result.output and "no province" in result.output
    one = _compare("--provinces", "广东")
    assert one.exit_code != 0 and "two provinces" in one.output
