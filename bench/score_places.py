"""Dev harness: places and cluster links on the seed corpus, scored with the scorer's rules.

    python bench/score_places.py [--show]

Runs ``find_places`` / ``find_cluster_links`` on each raw seed text with the gold
province, and prints P/R/F1 per document and overall (micro) as ``score.py`` does;
``--show`` lists false positives and misses.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from policykg.loaders.clusters import find_cluster_links
from policykg.loaders.places import document_places, find_places

SHARED = Path(__file__).resolve().parents[2] / "shared"  # ../shared beside the checkout, as the tests read it


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main(show: bool) -> None:
    score = _scorer()
    totals = {"places": score.Tally(), "cluster_links": score.Tally()}
    for gold_file in sorted((SHARED / "eval" / "gold").glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        text = (SHARED / "corpus" / f"{gold_file.stem}.txt").read_text(encoding="utf-8")
        province = gold.get("province")
        places = document_places(find_places(text, province))
        links = [link.model_dump(include={"cluster", "city"}) for link in find_cluster_links(text, province)]
        pred = {"places": places, "cluster_links": links}
        tallies = score.score_doc({"places": gold["places"], "cluster_links": gold["cluster_links"]}, pred)
        row = []
        for field in totals:
            totals[field].merge(tallies[field])
            p, r, f = tallies[field].prf()
            row.append(f"{field} P={p:.2f} R={r:.2f} F1={f:.2f}")
        print(gold_file.stem, " ".join(row))
        if show:
            gp, pp = set(gold["places"]), set(places)
            print("   places FP:", sorted(pp - gp), "FN:", sorted(gp - pp))
            _show_links(score, gold["cluster_links"], links)
    for field, tally in totals.items():
        p, r, f = tally.prf()
        print(f"OVERALL {field:<14} P={p:.3f} R={r:.3f} F1={f:.3f}  (tp={tally.tp} fp={tally.fp} fn={tally.fn})")


def _show_links(score, gold: list[dict], pred: list[dict]) -> None:
    used: set[int] = set()
    for g in gold:
        hit = next((i for i, p in enumerate(pred) if i not in used and p["city"] == g["city"]
                    and score.similar(g["cluster"], p["cluster"]) >= 0.5), None)
        if hit is None:
            print("   link FN:", g["cluster"], g["city"])
        else:
            used.add(hit)
    for i, p in enumerate(pred):
        if i not in used:
            print("   link FP:", p["cluster"], p["city"])


if __name__ == "__main__":
    main("--show" in sys.argv)
