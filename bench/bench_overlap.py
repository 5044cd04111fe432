"""Overlap analysis on 100k synthetic measures: time, and recall against brute force.

    python bench/bench_overlap.py                 # 100k measures, 5k-measure brute-force sample
    python bench/bench_overlap.py --measures 20000 --sample 2000

Recall is measured on a sample: the first ``--sample`` measures of the corpus
(documents are in issue order and copy only recent documents, so a contiguous
sample keeps most copy families whole). Brute force scores every cross-document
pair of the sample exactly, on the same shingle sets as the full run (same stop
list); recall = share of those pairs reaching ``min_score`` that the full LSH
run reported. Also printed: recall of the planted copies (``Synthetic.derived``,
taken transitively) over the whole corpus.
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_corpus import Synthetic, generate  # noqa: E402

from policykg.graph.overlap import MeasureText, OverlapSettings, ShingleIndex, find_overlaps  # noqa: E402


def brute_force(items: list[MeasureText], index: ShingleIndex, sample: int, min_score: float) -> set[frozenset[str]]:
    """Cross-document pairs among the first ``sample`` measures with containment >= ``min_score`` (all pairs)."""
    sizes = np.diff(index.offsets)[:sample]
    flat = index.hashes[: index.offsets[sample]]
    vocab = np.sort(flat)
    vocab = vocab[np.r_[True, vocab[1:] != vocab[:-1]]]
    inverse = np.searchsorted(vocab, flat)
    rows = np.repeat(np.arange(sample), sizes)
    incidence = csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, inverse)), shape=(sample, len(vocab)))
    shared = (incidence @ incidence.T).tocoo()
    i, j, s = shared.row, shared.col, shared.data
    upper = i < j
    i, j, s = i[upper], j[upper], s[upper]
    smaller = np.minimum(sizes[i], sizes[j])
    doc = np.array([m.doc_id for m in items[:sample]])
    keep = (doc[i] != doc[j]) & (smaller > 0) & (s >= min_score * smaller)
    return {frozenset((items[a].id, items[b].id)) for a, b in zip(i[keep], j[keep], strict=True)}


def planted_pairs(synthetic: Synthetic) -> set[frozenset[str]]:
    """Cross-document pairs of one copy family (a measure, its copies, their copies ...)."""

    def root(mid: str) -> str:
        while mid in synthetic.derived:
            mid = synthetic.derived[mid]
        return mid

    families: dict[str, list[MeasureText]] = defaultdict(list)
    for m in synthetic.measures:
        families[root(m.id)].append(m)
    return {
        frozenset((a.id, b.id))
        for members in families.values() if len(members) > 1
        for x, a in enumerate(members) for b in members[x + 1 :] if a.doc_id != b.doc_id
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--measures", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="  %(message)s")
    settings = OverlapSettings()
    print(f"cpus: {os.cpu_count()}, settings: {settings}")

    clock = time.perf_counter()
    synthetic = generate(n_measures=args.measures, seed=args.seed)
    items = synthetic.measures
    chars = sum(len(m.text) for m in items)
    print(f"generated {len(synthetic.documents)} documents, {len(items)} measures ({chars / len(items):.0f} chars "
          f"on average), {len(synthetic.derived)} copies in {time.perf_counter() - clock:.1f}s")

    clock = time.perf_counter()
    found = find_overlaps(items, settings)
    elapsed = time.perf_counter() - clock
    reported = {frozenset((o.a_id, o.b_id)) for o in found}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"find_overlaps: {len(items)} measures -> {len(found)} pairs in {elapsed:.1f}s (peak RSS {peak:.0f} MB)")

    planted = planted_pairs(synthetic)
    print(f"planted copy pairs: {len(planted)}, reported {len(planted & reported)} "
          f"(recall {len(planted & reported) / max(1, len(planted)):.3f})")

    clock = time.perf_counter()
    index = ShingleIndex.build(items, settings)  # the same shingle sets and stop list as the full run
    truth = brute_force(items, index, args.sample, settings.min_score)
    sample_ids = {m.id for m in items[: args.sample]}
    in_sample = {p for p in reported if p <= sample_ids}
    hit = len(truth & in_sample)
    print(f"brute force on the first {args.sample} measures: {len(truth)} pairs reach {settings.min_score} "
          f"({time.perf_counter() - clock:.1f}s); LSH found {hit} -> recall {hit / max(1, len(truth)):.3f}; "
          f"LSH pairs in the sample not in brute force: {len(in_sample - truth)}")


if __name__ == "__main__":
    main()
