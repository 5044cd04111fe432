"""No script names a folder of one machine: ``shared`` is ``../shared`` beside the checkout, as the tests read it."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_no_python_file_holds_an_absolute_machine_path() -> None:
    found = [f"{path.relative_to(REPO)}:{n}" for path in sorted(REPO.rglob("*.py")) if "target" not in path.parts
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if re.search(r"""["'](?:/work|/home|/Users|/root)/""", line)]
    assert found == []
