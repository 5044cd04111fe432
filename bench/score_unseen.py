"""Score the extractor on the unseen-style documents of tests/data/unseen (and its subfolders, e.g.
round2/) with the shared scorer.

    python bench/score_unseen.py [--keep DIR]

Each ``*.expected.json`` there holds only the fields its author was sure of; a field it leaves out
(e.g. ``topics``) is taken from the prediction, so it neither helps nor hurts the score.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from policykg.loaders.pipeline import extract_file

ROOT = Path(__file__).resolve().parents[1]
UNSEEN = ROOT / "tests" / "data" / "unseen"
SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"  # ../shared beside the checkout


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def complete(expected: dict, pred: dict, score) -> dict:
    """The expected record with the fields it leaves out copied from the prediction."""
    gold = dict(expected)
    for key, value in pred.items():
        gold.setdefault(key, value)
    pm = pred.get("measures") or []
    matched = score.match_measures(expected.get("measures") or [], pm)
    measures = []
    for gi, g in enumerate(expected.get("measures") or []):
        g = dict(g)
        p = pm[matched[gi]] if gi in matched else {}
        for key in ("topics", "targets", "lead", "co", "responsible"):
            if key not in g:
                g[key] = p.get(key, [])
        measures.append(g)
    gold["measures"] = measures
    return gold


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--keep", type=Path, help="write gold/ and pred/ here instead of a temporary folder")
    args = ap.parse_args()
    score = _scorer()
    base = args.keep or Path(tempfile.mkdtemp(prefix="unseen_"))
    (base / "gold").mkdir(parents=True, exist_ok=True)
    (base / "pred").mkdir(parents=True, exist_ok=True)
    for exp in sorted(UNSEEN.rglob("*.expected.json")):
        doc_id = exp.name[: -len(".expected.json")]
        pred = extract_file(exp.parent / f"{doc_id}.txt").to_json_dict()
        expected = json.loads(exp.read_text(encoding="utf-8"))
        (base / "pred" / f"{doc_id}.json").write_text(json.dumps(pred, ensure_ascii=False, indent=1), encoding="utf-8")
        (base / "gold" / f"{doc_id}.json").write_text(
            json.dumps(complete(expected, pred, score), ensure_ascii=False, indent=1), encoding="utf-8")
    return subprocess.call([sys.executable, str(SCORER), str(base / "gold"), str(base / "pred")])


if __name__ == "__main__":
    sys.exit(main())
