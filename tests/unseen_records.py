"""Hand-written unseen-style documents and their expected records (tests/data/unseen/**)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from policykg.loaders.pipeline import extract_file

UNSEEN = Path(__file__).parent / "data" / "unseen"


def doc_ids(folder: Path) -> list[str]:
    """The documents of ``folder`` that have an ``*.expected.json``."""
    return sorted(p.name[: -len(".expected.json")] for p in folder.glob("*.expected.json"))


@cache
def extracted(folder: Path, doc_id: str) -> dict:
    return extract_file(folder / f"{doc_id}.txt").to_json_dict()


def expected(folder: Path, doc_id: str) -> dict:
    return json.loads((folder / f"{doc_id}.expected.json").read_text(encoding="utf-8"))


def target_key(t: dict) -> tuple:
    """A target as the scorer compares it (year, value, value_max, unit without 以上); sortable."""
    return (t["year"] or 0, float(t["value"]), None if t.get("value_max") is None else float(t["value_max"]),
            t["unit"].rstrip("以上"))
