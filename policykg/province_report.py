"""Two provinces side by side (``policykg compare``), from the named queries only.

:func:`gather_report` runs ``compare_provinces``, ``province_topic_matrix``,
``agency_type_comparison`` (once per topic), ``measure_overlaps`` through the
query catalogue; :func:`print_report` shows the result as rich tables and
:func:`write_report_csv` writes the same tables as CSV files.
"""

from __future__ import annotations

import csv
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from policykg.errors import NotFoundError, QueryError
from policykg.queries.catalogue import ReadStore, resolve_province, run_query
from policykg.queries.overlap_rows import overlaps_computed, province_overlaps

NO_OVERLAPS = "no overlaps computed — run policykg overlaps first"
MAX_ROWS = 500  # the catalogue's largest page


@dataclass
class TopicRow:
    """Measures on one topic in each province, and their share of the province's measures."""

    code: str
    label: str
    measures: dict[str, int]
    shares: dict[str, float]


@dataclass
class LeadRow:
    """The agency type leading most measures of one topic in each province (empty when none)."""

    code: str
    label: str
    lead_type: dict[str, str]
    lead_measures: dict[str, int]
    topic_measures: dict[str, int]


@dataclass
class TargetRow:
    """One metric and year, with the value each province sets for it (empty when it sets none)."""

    metric: str
    year: int | None
    values: dict[str, str]


@dataclass
class ProvinceReport:
    provinces: tuple[str, str]
    documents: dict[str, list[str]]
    measure_counts: dict[str, int]
    topics: list[TopicRow] = field(default_factory=list)
    leads: list[LeadRow] = field(default_factory=list)
    targets: list[TargetRow] = field(default_factory=list)
    overlaps: list[dict[str, Any]] = field(default_factory=list)
    overlaps_stored: bool = False


def gather_report(store: ReadStore, written: tuple[str, str], top: int = 20, min_score: float = 0.0) -> ProvinceReport:
    """Compare the provinces ``written`` (names as written: 广东 or 广东省); NotFoundError names the known ones."""
    a, b = (_province(store, name) for name in written)
    if a == b:
        raise QueryError(f"--provinces names {a} twice; give two different provinces")
    sides = {row["province"]: row for row in run_query(store, "compare_provinces", {"a": a, "b": b})}
    measure_counts = {p: int(sides[p]["measure_count"] or 0) for p in (a, b)}
    report = ProvinceReport(
        provinces=(a, b),
        documents={p: list(sides[p]["documents"] or []) for p in (a, b)},
        measure_counts=measure_counts,
    )
    report.topics = _topic_rows(run_query(store, "province_topic_matrix"), (a, b), measure_counts)
    report.leads = [_lead_row(store, topic, (a, b)) for topic in report.topics]
    report.targets = _target_rows({p: sides[p]["targets"] or [] for p in (a, b)}, (a, b))
    report.overlaps_stored = overlaps_computed(store)
    if report.overlaps_stored:
        report.overlaps = province_overlaps(store, a, b, top=max(1, min(top, MAX_ROWS)), min_score=min_score)
    return report


def _province(store: ReadStore, written: str) -> str:
    try:
        return resolve_province(store, written)
    except NotFoundError:
        known = sorted({row["province"] for row in run_query(store, "province_topic_matrix")})
        raise NotFoundError(f"no province named {written!r} in the graph; "
                            f"provinces with measures: {', '.join(known) or 'none'}") from None


def _topic_rows(matrix: list[dict[str, Any]], provinces: tuple[str, str],
                measure_counts: dict[str, int]) -> list[TopicRow]:
    rows: dict[str, TopicRow] = {}
    for r in matrix:
        if r["province"] not in provinces:
            continue
        row = rows.setdefault(r["topic"], TopicRow(r["topic"], r["topic_label"] or r["topic"],
                                                   dict.fromkeys(provinces, 0), dict.fromkeys(provinces, 0.0)))
        row.measures[r["province"]] = int(r["measures"])
    for row in rows.values():
        row.shares = {p: row.measures[p] / measure_counts[p] if measure_counts[p] else 0.0 for p in provinces}
    return sorted(rows.values(), key=lambda row: (-sum(row.measures.values()), row.code))


def _lead_row(store: ReadStore, topic: TopicRow, provinces: tuple[str, str]) -> LeadRow:
    row = LeadRow(topic.code, topic.label, dict.fromkeys(provinces, ""), dict.fromkeys(provinces, 0),
                  dict(topic.measures))
    for r in run_query(store, "agency_type_comparison", {"topic": topic.code}):
        p = r["province"]
        if p in provinces and r["types"]:
            leading = r["types"][0]  # a province's types come most measures first
            row.lead_type[p] = leading["agency_type_label"] or leading["agency_type"]
            row.lead_measures[p] = int(leading["measures"])
    return row


def _target_rows(targets: dict[str, list[dict[str, Any]]], provinces: tuple[str, str]) -> list[TargetRow]:
    rows: dict[tuple[str, int | None], TargetRow] = {}
    for p in provinces:
        for t in targets[p]:
            key = (t["metric"] or "", t["year"])
            row = rows.setdefault(key, TargetRow(key[0], key[1], dict.fromkeys(provinces, "")))
            value = target_value(t)
            row.values[p] = f"{row.values[p]}; {value}" if row.values[p] else value
    return sorted(rows.values(), key=lambda row: (row.metric, row.year or 0))


def target_value(t: dict[str, Any]) -> str:
    """A target's value as written: 7000亿元, 3–5家, ×2 (翻番), or ? when it states none."""
    def number(x: float) -> str:
        return f"{x:g}"

    text = ""
    if t.get("value") is not None:
        text = number(t["value"])
        if t.get("value_max") is not None:
            text += f"–{number(t['value_max'])}"
        text += t.get("unit") or ""
    if t.get("multiplier") is not None:
        text = f"{text} ×{number(t['multiplier'])}".strip()
    return text or "?"


def _share(n: int, share: float) -> str:
    return f"{n} ({share:.0%})" if n else "—"


def print_report(report: ProvinceReport, console: Any = None) -> None:
    """The report as rich tables on ``console`` (a wide stdout console by default)."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console(width=max(160, Console().width))
    a, b = report.provinces
    console.print(f"[bold]{a} vs {b}[/bold]")
    for p in (a, b):
        console.print(f"  {p}: {len(report.documents[p])} document(s), {report.measure_counts[p]} measures")

    topics = Table("topic", "label", f"{a} measures (share)", f"{b} measures (share)",
                   title="Topic shares (measures per topic, share of the province's measures)")
    for t in report.topics:
        topics.add_row(t.code, t.label, *(_share(t.measures[p], t.shares[p]) for p in (a, b)))
    console.print(topics)

    leads = Table("topic", "label", f"{a} lead type", f"{b} lead type",
                  title="Lead agency types per topic (agency type named on most of the topic's measures)")
    for r in report.leads:
        leads.add_row(r.code, r.label, *(
            f"{r.lead_type[p]} ({r.lead_measures[p]}/{r.topic_measures[p]})" if r.lead_type[p] else "—"
            for p in (a, b)))
    console.print(leads)

    targets = Table("metric", "year", a, b, title="Targets side by side")
    for t in report.targets:
        targets.add_row(t.metric, str(t.year or "—"), *(t.values[p] or "—" for p in (a, b)))
    console.print(targets)

    if not report.overlaps_stored:
        console.print(f"Overlapping measures: {NO_OVERLAPS}")
        return
    if not report.overlaps:
        console.print(f"Overlapping measures: no stored pair between {a} and {b}")
        return
    pairs = Table(f"{a} measure", f"{b} measure", "score", "jaccard", "earlier text in",
                  title=f"Top {len(report.overlaps)} overlapping measure pairs {a} × {b}")
    for o in report.overlaps:
        pairs.add_row(f"{o['a_title']}\n{o['a_id']}", f"{o['b_title']}\n{o['b_id']}",
                      f"{o['score']:.2f}", f"{o['jaccard']:.2f}", _earlier_side(o))
    console.print(pairs)


def _earlier_side(overlap: dict[str, Any]) -> str:
    """The province whose measure has the earlier text (empty when unknown)."""
    for side in ("a", "b"):
        if overlap.get("earlier") == overlap[f"{side}_id"]:
            return overlap[f"{side}_province"] or ""
    return ""


def report_json(report: ProvinceReport) -> str:
    return json.dumps(asdict(report), ensure_ascii=False, indent=2, default=str)


def write_report_csv(report: ProvinceReport, folder: Path) -> list[Path]:
    """Write topic_matrix.csv, lead_agency_types.csv, targets.csv and overlaps.csv into ``folder``."""
    a, b = report.provinces
    folder.mkdir(parents=True, exist_ok=True)
    tables = {
        "topic_matrix.csv": (
            ["topic", "topic_label", f"{a}_measures", f"{a}_share", f"{b}_measures", f"{b}_share"],
            [[t.code, t.label, t.measures[a], round(t.shares[a], 4), t.measures[b], round(t.shares[b], 4)]
             for t in report.topics]),
        "lead_agency_types.csv": (
            ["topic", "topic_label", f"{a}_lead_type", f"{a}_lead_measures", f"{a}_topic_measures",
             f"{b}_lead_type", f"{b}_lead_measures", f"{b}_topic_measures"],
            [[r.code, r.label, *(x for p in (a, b) for x in (r.lead_type[p], r.lead_measures[p], r.topic_measures[p]))]
             for r in report.leads]),
        "targets.csv": (
            ["metric", "year", a, b],
            [[t.metric, t.year if t.year is not None else "", t.values[a], t.values[b]] for t in report.targets]),
        "overlaps.csv": (
            [f"{a}_measure_id", f"{a}_title", f"{b}_measure_id", f"{b}_title", "score", "jaccard", "earlier"],
            [[o["a_id"], o["a_title"], o["b_id"], o["b_title"], o["score"], o["jaccard"], o.get("earlier") or ""]
             for o in report.overlaps]),
    }
    written = []
    for name, (header, rows) in tables.items():
        path = folder / name
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
        written.append(path)
    return written
