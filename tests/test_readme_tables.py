"""README's command, endpoint and variable tables are generated (``tools/readme_tables.py``) from the
typer app, the OpenAPI schema and the settings model, and every command's --help shows an example."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policykg.cli import app

REPO = Path(__file__).resolve().parents[1]


def _tables():  # noqa: ANN202 - the module of tools/readme_tables.py
    spec = importlib.util.spec_from_file_location("readme_tables", REPO / "tools" / "readme_tables.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_readme_tables_say_what_the_code_defines() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert _tables().updated(readme) == readme, "README.md is out of date: run python tools/readme_tables.py"


def test_the_tables_list_every_command_endpoint_and_variable() -> None:
    tables = _tables()
    commands = tables.commands_table()
    assert "`policykg networks`" in commands and "`policykg neo4j status`" in commands
    endpoints = tables.endpoints_table()
    assert all(e in endpoints for e in ("`GET /topics`", "`GET /networks/agencies`", "`GET /visual/{kind}/data`",
                                        "`GET /overlaps/pair`"))
    variables = tables.variables_table()
    assert all(v in variables for v in ("`NEO4J_DATABASE`", "`POLICYKG_GRAPH`", "`POLICYKG_NEO4J_LAUNCHER`"))


@pytest.mark.parametrize("name", [row[0] for row in _tables().commands()])
def test_every_command_help_has_an_example(name: str) -> None:
    result = CliRunner().invoke(app, [*name.split()[1:], "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Example" in result.output and name in result.output.split("Example", 1)[1]
