"""Rows of the ``measure_overlaps`` query as a comparison of two provinces reads them."""

from __future__ import annotations

from typing import Any

from policykg.queries.catalogue import ReadStore, run_query

DEFAULT_MIN_SCORE = 0.2
DEFAULT_TOP = 20


def oriented(row: dict[str, Any], first: str) -> dict[str, Any]:
    """An overlap row with the measure of province ``first`` as side a."""
    if row["a_province"] == first:
        return row
    flip = {"a_": "b_", "b_": "a_"}
    return {flip.get(key[:2], key[:2]) + key[2:]: value for key, value in row.items()}


def overlaps_computed(store: ReadStore) -> bool:
    """Whether the overlap analysis has stored any SIMILAR_TO pair."""
    return bool(run_query(store, "measure_overlaps", {"limit": 1}))


def province_overlaps(store: ReadStore, a: str, b: str, top: int = DEFAULT_TOP,
                      min_score: float = DEFAULT_MIN_SCORE) -> list[dict[str, Any]]:
    """The ``top`` pairs of overlapping measures between provinces ``a`` and ``b`` (canonical names),
    highest score first, each with the measure of ``a`` as side a."""
    rows = run_query(store, "measure_overlaps", {"province_a": a, "province_b": b, "min_score": str(min_score),
                                                 "limit": top})
    return [oriented(row, a) for row in rows]
