"""The overlap analysis on the graph: the ``SIMILAR_TO`` edges between measures (issue 5).

``write_similarities(store)`` reads every measure with its text and document
date, runs :func:`policykg.graph.overlap.find_overlaps` and replaces the
``(Measure)-[:SIMILAR_TO]->(Measure)`` edges with the result (from the earlier
measure when the dates tell, else from the smaller id); ``write_similarities_for(store,
doc_ids)`` replaces only the edges touching the measures of those documents (after
an ingest).

Writing a document drops its measures' edges, so an ingest marks the documents of each
batch (``OverlapPending {doc_id}``) before writing them, and :func:`refresh_overlaps`
drops the marks once their overlaps are written: an ingest killed in between leaves the
marks, ``policykg status`` says so, and ``policykg refresh`` recomputes exactly those
documents' overlaps, as the ingest would have.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from policykg.graph.overlap import MeasureText, Overlap, OverlapSettings, find_overlaps
from policykg.graph.statements import cypher_text
from policykg.graph.store import GraphStore

BATCH = 500


def stored_measures(store: GraphStore) -> list[MeasureText]:
    """The measures of the graph, as the overlap analysis takes them."""
    rows = store.run_read(cypher_text("store/overlap_measures.cypher"))
    return [MeasureText(r["id"], r["doc_id"], r["text"] or "", r["issued"]) for r in rows]


def write_similarities(store: GraphStore, settings: OverlapSettings | None = None) -> list[Overlap]:
    """Compute the overlaps of all stored measures and store them as SIMILAR_TO edges (replacing old ones)."""
    overlaps = find_overlaps(stored_measures(store), settings)
    store.run(cypher_text("write/similar_to_clear.cypher"))
    _write_rows(store, overlaps)
    store.run(cypher_text("write/overlap_done_all.cypher"))  # nothing is pending any more
    return overlaps


def mark_overlaps_pending(store: GraphStore, doc_ids: Iterable[str]) -> None:
    """Mark documents whose overlaps must be recomputed (before writing them)."""
    ids = sorted(set(doc_ids))
    if ids:
        store.run(cypher_text("write/overlap_pending.cypher"), {"doc_ids": ids})


def pending_overlaps(store: GraphStore) -> list[str]:
    """The documents marked as waiting for their overlaps, sorted."""
    return [row["doc_id"] for row in store.run_read(cypher_text("store/overlap_pending.cypher"))]


def refresh_overlaps(store: GraphStore, doc_ids: Iterable[str] = ()) -> tuple[list[str], list[Overlap]]:
    """Recompute the overlaps of ``doc_ids`` and of every pending document, then drop their marks.

    Returns the documents recomputed and the overlaps written.
    """
    changed = sorted(set(doc_ids) | set(pending_overlaps(store)))
    if not changed:
        return [], []
    overlaps = write_similarities_for(store, changed)
    store.run(cypher_text("write/overlap_done.cypher"), {"doc_ids": changed})
    return changed, overlaps


def write_similarities_for(
    store: GraphStore, doc_ids: Iterable[str], settings: OverlapSettings | None = None,
) -> list[Overlap]:
    """Recompute the SIMILAR_TO edges of the measures of ``doc_ids`` (changed documents); others stay.

    The analysis runs on all stored measures (its stop list of frequent
    shingles is corpus-wide), but only the pairs with a measure of ``doc_ids``
    are replaced, so re-running on the same graph leaves the same edges.
    """
    changed = sorted(set(doc_ids))
    if not changed:
        return []
    wanted = set(changed)
    measures = stored_measures(store)
    doc_of = {m.id: m.doc_id for m in measures}
    overlaps = [o for o in find_overlaps(measures, settings) if wanted & {doc_of[o.a_id], doc_of[o.b_id]}]
    store.run(cypher_text("write/similar_to_clear_docs.cypher"), {"doc_ids": changed})
    _write_rows(store, overlaps)
    return overlaps


def _write_rows(store: GraphStore, overlaps: list[Overlap]) -> None:
    rows = [similar_row(o) for o in overlaps]
    for start in range(0, len(rows), BATCH):
        store.run(cypher_text("write/similar_to.cypher"), {"rows": rows[start : start + BATCH]})


def similar_row(o: Overlap) -> dict[str, Any]:
    """The SIMILAR_TO properties of one overlap (shared spans as a JSON string)."""
    return {
        "a_id": o.a_id,
        "b_id": o.b_id,
        "score": o.score,
        "containment": o.containment,
        "jaccard": o.jaccard,
        "earlier": o.earlier,
        "shared_chars": sum(len(s.text) for s in o.shared_spans),
        "shared_spans": json.dumps([list(s) for s in o.shared_spans], ensure_ascii=False),
    }
