"""Dependencies: compatible ranges in pyproject.toml, the exact versions CI installs in constraints.txt."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]


def test_pyproject_declares_ranges_and_constraints_pin_a_version_inside_each() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [Requirement(r) for r in [*project["dependencies"], *project["optional-dependencies"]["test"]]]
    pinned = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            requirement = Requirement(line)
            (spec,) = requirement.specifier
            assert spec.operator == "==", line
            pinned[canonicalize_name(requirement.name)] = spec.version
    for requirement in declared:
        assert not any(spec.operator == "==" for spec in requirement.specifier), f"{requirement}: an exact pin"
        assert any(spec.operator == "<" for spec in requirement.specifier), f"{requirement}: no upper bound"
        version = pinned.get(canonicalize_name(requirement.name))
        assert version is not None and requirement.specifier.contains(version), f"{requirement}: pinned {version}"
