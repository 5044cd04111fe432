"""Measure texts of the seed corpus, for the overlap tests and the calibration bench.

Uses the extraction pipeline (``policykg.loaders.pipeline.extract_file``) when it
exists; until then the measures are cut out of ``shared/corpus/*.txt`` by the
hand-checked titles in ``shared/eval/gold``: a measure runs from its title to the
next numbered line or heading. Either way every text is a verbatim slice of its
document, so shared spans can be checked against the documents themselves.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from pathlib import Path

from policykg.graph.overlap import MeasureText

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "eval" / "gold"

# What may stand before a title on its line: markup and numbering labels.
_PREFIX = re.compile(r"(?:\[bookmark:[^\]]*\])?[\s#*]*(?:[（(]?[一二三四五六七八九十百\d]+[)）.、．]?[\s*]*)*")
# A line that starts another item or a heading ends the measure before it.
_BOUNDARY = re.compile(
    r"^[ \t*#]*(?:#|[（(][一二三四五六七八九十百\d]+[)）]|[一二三四五六七八九十百]+、|\d+[.．、]|附件|专栏|公开方式|抄送|\[bookmark|第[一二三四五六七八九十]+部分|\s*\d{4}年\d{1,2}月\d{1,2}日)",
    re.M,
)


def corpus_text(doc_id: str) -> str:
    return (CORPUS / f"{doc_id}.txt").read_text(encoding="utf-8")


@cache
def document_text(doc_id: str) -> str:
    """The text the measure texts were cut from: the pipeline's normalised text, else the corpus file."""
    try:
        from policykg.loaders.pipeline import extract_file  # type: ignore[import-not-found]
    except ImportError:
        return corpus_text(doc_id)
    return extract_file(CORPUS / f"{doc_id}.txt").text or corpus_text(doc_id)


def _title_at_line_start(text: str, title: str, pos: int) -> int:
    while True:
        hit = text.find(title, pos)
        if hit < 0:
            raise LookupError(title)
        line_start = text.rfind("\n", 0, hit) + 1
        if _PREFIX.fullmatch(text[line_start:hit]):
            return hit
        pos = hit + 1


def _cut(doc_id: str, gold: dict) -> list[MeasureText]:
    text = corpus_text(doc_id)
    starts: list[int] = []
    pos = 0
    for m in gold["measures"]:
        pos = _title_at_line_start(text, m["title"], pos)
        starts.append(pos)
        pos += len(m["title"])
    out = []
    for i, (m, start) in enumerate(zip(gold["measures"], starts, strict=True)):
        limit = starts[i + 1] if i + 1 < len(starts) else len(text)
        stop = _BOUNDARY.search(text, start + len(m["title"]), limit)
        end = stop.start() if stop else limit
        body = text[start:end].rstrip()
        out.append(MeasureText(f"{doc_id}#{m['label']}", doc_id, body, gold.get("issued")))
    return out


def _from_pipeline(path: Path) -> list[MeasureText] | None:
    try:
        from policykg.loaders.pipeline import extract_file  # type: ignore[import-not-found]
    except ImportError:
        return None
    doc = extract_file(path)
    # keyed by the file stem, as the gold records and bench/overlap_judged.tsv are (the pipeline's
    # doc_id adds a content hash to the stem: loaders/identity.py)
    return [MeasureText(path.stem + m.id[len(doc.doc_id):], path.stem, m.text, doc.issued)
            for m in doc.measures if m.text]


@lru_cache(maxsize=1)
def seed_measures() -> tuple[MeasureText, ...]:
    """All measures of the five seed documents, in document order."""
    out: list[MeasureText] = []
    for gold_path in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc_id = gold["doc_id"]
        measures = _from_pipeline(CORPUS / f"{doc_id}.txt") or _cut(doc_id, gold)
        out.extend(measures)
    return tuple(out)


def seed_gold() -> dict[str, dict]:
    """Gold records by doc id."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))}
