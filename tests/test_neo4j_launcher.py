"""``policykg neo4j start`` finds its launcher without relying on the repository's layout alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.errors import StoreError
from policykg.graph.neo4j_server import JAR_NAME, find_launcher
from policykg.settings import Settings


def test_a_jar_in_the_data_folder_is_found_by_an_installation_without_source_tree(tmp_path: Path) -> None:
    jar = tmp_path / "neo4j" / JAR_NAME
    jar.parent.mkdir()
    jar.write_bytes(b"PK")
    assert find_launcher(Settings(POLICYKG_HOME=tmp_path)) == jar


def test_the_variable_names_the_jar_and_a_wrong_one_is_an_error(tmp_path: Path) -> None:
    jar = tmp_path / "launcher.jar"
    jar.write_bytes(b"PK")
    assert find_launcher(Settings(POLICYKG_HOME=tmp_path, POLICYKG_NEO4J_LAUNCHER=jar)) == jar
    with pytest.raises(StoreError, match="POLICYKG_NEO4J_LAUNCHER"):
        find_launcher(Settings(POLICYKG_HOME=tmp_path, POLICYKG_NEO4J_LAUNCHER=tmp_path / "missing.jar"))
