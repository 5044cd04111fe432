"""The real documents of tests/data/real as the rule tests read them: one extraction per document."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from policykg.loaders.pipeline import extract_file
from policykg.loaders.records import Measure, PolicyDoc

REAL = Path(__file__).resolve().parent / "data" / "real" / "docs"


@cache
def doc(stem: str) -> PolicyDoc:
    return extract_file(REAL / f"{stem}.txt")


def measure(stem: str, label: str) -> Measure:
    return next(m for m in doc(stem).measures if m.label == label)


def labels(stem: str) -> list[str]:
    return [m.label for m in doc(stem).measures]
