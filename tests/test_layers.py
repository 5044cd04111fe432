"""Data flows one way: loaders (files -> records) -> graph (records -> store) -> queries (the named
catalogue) -> visual and api (HTTP) -> the public API (``policykg``) -> the command line.

Read from the source, every import (at the top of a module or inside a function) must point to the
module's own layer or one below it, and never to a private name (``_x``) of another layer: a layer
can then be read, tested and changed knowing only what lies under it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# The folders of the distribution (pyproject.toml's package-dir) and the package each becomes.
FOLDERS = {"loaders": "policykg.loaders", "graph": "policykg.graph", "queries": "policykg.queries",
           "visual": "policykg.visual", "api": "policykg.api", "data": "policykg.data", "policykg": "policykg"}

# Lowest first. A module belongs to the longest prefix listed.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("base", ("policykg.errors", "policykg.settings", "policykg.inputs", "policykg.process", "policykg.data")),
    ("loaders", ("policykg.loaders",)),
    ("graph", ("policykg.graph",)),
    ("queries", ("policykg.queries",)),
    ("visual", ("policykg.visual",)),
    ("api", ("policykg.api",)),
    ("public API", ("policykg",)),
    ("cli", ("policykg.cli",)),
]


def layer_of(module: str) -> tuple[int, str]:
    """(rank, layer name) of a ``policykg.*`` module: the layer of its longest listed prefix."""
    best: tuple[int, int, str] | None = None
    for rank, (name, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), rank, name)
    assert best is not None, module
    return best[1], best[2]


def modules() -> dict[str, Path]:
    """Every module of the distribution by its dotted name."""
    found = {}
    for folder, package in FOLDERS.items():
        for path in sorted((REPO / folder).rglob("*.py")):
            parts = list(path.relative_to(REPO / folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join([package, *parts])] = path
    return found


def imports(module: str, path: Path, known: dict[str, Path]) -> list[tuple[int, str, str | None]]:
    """(line, imported module, imported name or None) of each ``policykg`` import of a module."""
    out = []
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name, None) for alias in node.names if alias.name.split(".")[0] == "policykg"]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if base.split(".")[0] != "policykg":
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                # ``from policykg.graph import networks`` imports a module; ``from x import name`` a name of x.
                out.append((node.lineno, sub, None) if sub in known else (node.lineno, base, alias.name))
    return out


def violations(known: dict[str, Path]) -> list[str]:
    found = []
    for module, path in known.items():
        rank, layer = layer_of(module)
        for line, target, name in imports(module, path, known):
            target_rank, target_layer = layer_of(target)
            shown = path.relative_to(REPO) if path.is_relative_to(REPO) else path.name
            where = f"{shown}:{line} ({layer}) imports {target}{'.' + name if name else ''}"
            if target_rank > rank:
                found.append(f"{where}: the {target_layer} layer is above it")
            elif target_layer != layer:
                private = [part for part in [*target.split("."), name or ""] if part.startswith("_")
                           and not part.startswith("__")]
                if private:
                    found.append(f"{where}: a private name of the {target_layer} layer")
    return found


def test_every_import_points_down_to_a_public_name() -> None:
    assert violations(modules()) == []


@pytest.mark.parametrize(("folder", "line", "why"), [
    ("graph", "from policykg.queries.catalogue import run_query", "above it"),
    ("loaders", "from policykg.graph.store import open_store", "above it"),
    ("queries", "from policykg.loaders.topics import _lexicon", "private name"),
    ("api", "from policykg.cli import app", "above it"),
])
def test_the_check_finds_an_import_that_points_up(tmp_path: Path, folder: str, line: str, why: str) -> None:
    """The check reads what it should: an upward or private import planted in a layer is reported."""
    known = modules()
    planted = tmp_path / "planted.py"
    planted.write_text(f"def f():\n    {line}\n", encoding="utf-8")
    known[f"{FOLDERS[folder]}.planted"] = planted
    found = [v for v in violations(known) if "planted" in v]
    assert len(found) == 1 and why in found[0], found
