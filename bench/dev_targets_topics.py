"""Dev harness: targets and topics against the gold records of the seed corpus.

    python bench/dev_targets_topics.py [--gold DIR] [--corpus DIR] [-v]

Uses ``policykg.loaders.pipeline.extract_file`` when it exists; otherwise it locates
each gold measure in the text by its title (next measure or chapter heading ends it),
takes goal chapters (…目标 / 总体要求) and chapter headings as document-level text,
and calls ``find_targets`` / ``classify_topics`` on them. Prints precision, recall and
F1 with the scorer's target key (year, unit kind, scaled value, scaled value_max).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from pathlib import Path

from policykg.loaders.targets import find_targets
from policykg.loaders.topics import classify_topics

SHARED = Path(__file__).resolve().parents[2] / "shared"  # ../shared beside the checkout, as the tests read it
UNIT_SCALE = {"元": ("money", 1), "万元": ("money", 1e4), "亿元": ("money", 1e8), "万亿元": ("money", 1e12),
              "%": ("percent", 1)}
CN = "一二三四五六七八九十"
TOP_HEADING = re.compile(rf"^[#*\s]*[{CN}]+、")
ANY_HEADING = re.compile(rf"^[#*\s]*(?:[{CN}]+、|（[{CN}]+）|\([{CN}]+\)|专栏|公开方式|附件|抄送)")
GOAL_HEADING = re.compile(r"目标|总体要求")


def target_key(t: dict) -> tuple:
    year = t.get("year")
    if t.get("multiplier"):
        return (year, "x", float(t["multiplier"]))
    unit = (t.get("unit") or "").replace("％", "%")
    kind, scale = UNIT_SCALE.get(unit, ("count", 1))

    def scaled(v):
        return None if v is None else round(float(v) * scale, 6)

    return (year, kind, scaled(t.get("value")), scaled(t.get("value_max")))


def multiset(keys: list) -> set:
    seen: dict = {}
    out = set()
    for k in keys:
        seen[k] = seen.get(k, 0) + 1
        out.add((k, seen[k]))
    return out


def title_pattern(title: str) -> re.Pattern:
    return re.compile(r"[*\s]*".join(re.escape(ch) for ch in title if not ch.isspace()))


def line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n", text)]


def locate_measures(text: str, measures: list[dict]) -> list[tuple[int, int]]:
    """(start, end) of each gold measure's text, found by title in order."""
    starts = []
    pos = 0
    for m in measures:
        hit = title_pattern(m["title"]).search(text, pos)
        if hit is None:
            hit = title_pattern(m["title"]).search(text)
        starts.append(hit.start() if hit else -1)
        if hit:
            pos = hit.end()
    heads = [i for i in line_starts(text) if ANY_HEADING.match(text[i:i + 12])]
    appendix = next((i for i in heads if text[i:i + 12].lstrip("#* ").startswith("附件")), len(text))
    spans = []
    for k, s in enumerate(starts):
        if s < 0:
            spans.append((0, 0))
            continue
        line_end = text.find("\n", s)
        line_end = len(text) if line_end < 0 else line_end
        nxt = [x for x in starts[k + 1:] if x > s] + [h for h in heads if h > line_end] + [appendix, len(text)]
        spans.append((s, min(nxt)))
    return spans


def doc_level_texts(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Goal chapters and top-level headings, before any appendix."""
    starts = line_starts(text)
    tops = [i for i in starts if TOP_HEADING.match(text[i:i + 12])]
    heads = [i for i in starts if ANY_HEADING.match(text[i:i + 12])]
    appendix = next((i for i in heads if text[i:i + 12].lstrip("#* ").startswith("附件")), len(text))
    goals, headings = [], []
    for k, s in enumerate(tops):
        if s >= appendix:
            break
        e = text.find("\n", s)
        e = len(text) if e < 0 else e
        heading = text[s:e]
        if GOAL_HEADING.search(heading):
            end = min([t for t in tops[k + 1:]] + [appendix])
            goals.append((e, end))
        else:
            headings.append((s, e))
    return goals, headings


def predict(path: Path, gold: dict) -> dict:
    text = path.read_text(encoding="utf-8")
    measures = []
    for m, (s, e) in zip(gold["measures"], locate_measures(text, gold["measures"]), strict=True):
        body = text[s:e]
        targets = find_targets(body, s, None)
        topics, evidence = classify_topics(m["title"], body, s)
        measures.append({"label": m["label"], "title": m["title"], "targets": [t.model_dump() for t in targets],
                         "topics": topics, "evidence": [ev.model_dump() for ev in evidence], "text": body})
    goals, headings = doc_level_texts(text)
    doc_targets = []
    for s, e in goals:
        doc_targets += [t.model_dump() for t in find_targets(text[s:e], s, None)]
    measure_keys = {target_key(t) for m in measures for t in m["targets"]}
    for s, e in headings:
        # a heading's figure that a measure below repeats is that measure's target
        doc_targets += [t.model_dump() for t in find_targets(text[s:e], s, None)
                        if target_key(t.model_dump()) not in measure_keys]
    return {"measures": measures, "targets": doc_targets}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", type=Path, default=SHARED / "eval" / "gold")
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("-v", "--verbose", action="count", default=0)
    args = ap.parse_args(argv)
    if importlib.util.find_spec("policykg.loaders.pipeline") is not None:
        print("note: pipeline exists; this harness still uses its own measure locator", file=sys.stderr)
    tt = [0, 0, 0]
    tp_ = [0, 0, 0]
    per_topic: dict[str, list[int]] = {}
    for gold_path in sorted(args.gold.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred = predict(args.corpus / f"{gold_path.stem}.txt", gold)
        g_all = list(gold["targets"]) + [t for m in gold["measures"] for t in m["targets"]]
        p_all = list(pred["targets"]) + [t for m in pred["measures"] for t in m["targets"]]
        g, p = multiset([target_key(t) for t in g_all]), multiset([target_key(t) for t in p_all])
        tt[0] += len(g & p)
        tt[1] += len(p - g)
        tt[2] += len(g - p)
        if args.verbose:
            print(f"== {gold_path.stem}")
            for k in sorted(g - p, key=str):
                print("  MISS", k, [t["text"] for t in g_all if target_key(t) == k[0]][:1])
            for k in sorted(p - g, key=str):
                print("  EXTRA", k, [(t["metric"], t["text"]) for t in p_all if target_key(t) == k[0]][:1])
        for gm, pm in zip(gold["measures"], pred["measures"], strict=True):
            gs, ps = set(gm["topics"]), set(pm["topics"])
            tp_[0] += len(gs & ps)
            tp_[1] += len(ps - gs)
            tp_[2] += len(gs - ps)
            for code in gs | ps:
                row = per_topic.setdefault(code, [0, 0, 0])
                row[0] += code in gs and code in ps
                row[1] += code in ps and code not in gs
                row[2] += code in gs and code not in ps
            if args.verbose >= 2 and gs != ps:
                print(f"  {gm['label']} {gm['title']}: missing {sorted(gs - ps)} extra {sorted(ps - gs)}")
                for ev in pm["evidence"]:
                    if ev["topic"] in ps - gs:
                        print(f"      {ev['topic']} <- {ev['keyword']}")
    for name, (tp, fp, fn) in (("targets", tt), ("topics", tp_)):
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{name:<8} P={p:.3f} R={r:.3f} F1={f:.3f}  (tp={tp} fp={fp} fn={fn})")
    if args.verbose:
        for code, (tp, fp, fn) in sorted(per_topic.items()):
            p = tp / (tp + fp) if tp + fp else 1.0
            r = tp / (tp + fn) if tp + fn else 1.0
            print(f"  {code:<18} P={p:.2f} R={r:.2f} (tp={tp} fp={fp} fn={fn})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
