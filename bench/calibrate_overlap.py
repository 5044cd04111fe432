"""Choose and check the overlap defaults on the seed corpus against the judged pairs.

    python bench/calibrate_overlap.py

Prints, for each shingle size and both scores (containment, Jaccard), the best
threshold by F1 on ``bench/overlap_judged.tsv`` (brute force over all
cross-document pairs, so LSH plays no part), then precision and recall of the
default settings run end to end (LSH included). Unjudged pairs that a setting
reports are counted as false positives: the judged pool holds every pair that
shares more than stock phrases.
"""

from __future__ import annotations

import csv
import dataclasses
import itertools
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from seed_measures import seed_measures  # noqa: E402

from policykg.graph.overlap import OverlapSettings, ShingleIndex, exact_scores, find_overlaps  # noqa: E402


def judged() -> dict[frozenset[str], int]:
    rows = (line for line in (HERE / "overlap_judged.tsv").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#"))
    return {frozenset((r["a"], r["b"])): int(r["label"]) for r in csv.DictReader(rows, delimiter="\t")}


def prf(reported: set[frozenset[str]], labels: dict[frozenset[str], int]) -> tuple[float, float, float]:
    positives = {p for p, v in labels.items() if v}
    tp = len(reported & positives)
    precision = tp / len(reported) if reported else 1.0
    recall = tp / len(positives)
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    return precision, recall, f1


def brute_scores(settings: OverlapSettings) -> dict[frozenset[str], tuple[float, float]]:
    items = list(seed_measures())
    index = ShingleIndex.build(items, settings)
    out = {}
    for i, j in itertools.combinations(range(len(items)), 2):
        if items[i].doc_id != items[j].doc_id:
            out[frozenset((items[i].id, items[j].id))] = exact_scores(index.hashes, index.offsets, i, j)
    return out


def sweep(labels: dict[frozenset[str], int]) -> None:
    print("shingle  df-filter  score        best-threshold  precision  recall  F1   | at 0.30: P  R")
    for k, df_filter in itertools.product((3, 4, 5, 6, 8), (True, False)):
        settings = OverlapSettings(shingle_size=k, max_df=0.05 if df_filter else 1.0)
        scores = brute_scores(settings)
        for name, col in (("containment", 0), ("jaccard", 1)):
            best = (0.0, 0.0, 0.0, 0.0)
            for t in (x / 100 for x in range(5, 80)):
                p, r, f = prf({pair for pair, s in scores.items() if s[col] >= t}, labels)
                if f > best[3]:
                    best = (t, p, r, f)
            p30, r30, _ = prf({pair for pair, s in scores.items() if s[col] >= 0.30}, labels)
            print(f"{k:>7}  {df_filter!s:>9}  {name:<11}  {best[0]:>14.2f}  {best[1]:>9.2f}  {best[2]:>6.2f}  "
                  f"{best[3]:.2f} | {p30:.2f} {r30:.2f}")


def end_to_end(labels: dict[frozenset[str], int]) -> None:
    settings = OverlapSettings()
    found = find_overlaps(seed_measures(), settings)
    reported = {frozenset((o.a_id, o.b_id)) for o in found}
    p, r, f = prf(reported, labels)
    missed = sorted(tuple(sorted(pair)) for pair, v in labels.items() if v and pair not in reported)
    wrong = sorted(tuple(sorted(pair)) for pair in reported if not labels.get(pair))
    print(f"\ndefaults {dataclasses.asdict(settings)}")
    print(f"end to end (LSH): {len(reported)} reported, precision {p:.2f}, recall {r:.2f}, F1 {f:.2f}")
    brute = {pair for pair, (c, _) in brute_scores(settings).items() if c >= settings.min_score}
    print(f"LSH vs brute force on the seeds: {len(brute & reported)} of {len(brute)} pairs >= {settings.min_score} found")
    print("missed:", missed)
    print("false positives:", wrong)


if __name__ == "__main__":
    labels = judged()
    print(f"{len(labels)} judged pairs, {sum(labels.values())} overlapping")
    if "--defaults" not in sys.argv:
        sweep(labels)
    end_to_end(labels)
