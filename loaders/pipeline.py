"""The extraction pipeline: one file -> one ``policydoc/1`` record (``extract_file``); a batch of
files is ``loaders/batch.py``."""

from __future__ import annotations

import gc
import hashlib
import re
from bisect import bisect_left
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path
from typing import NamedTuple

from policykg.errors import ExtractionError
from policykg.loaders.agencies import shared_agency
from policykg.loaders.clauses import Carry
from policykg.loaders.clusters import find_cluster_links
from policykg.loaders.identity import document_id, source_key
from policykg.loaders.jurisdiction import Jurisdiction
from policykg.loaders.metadata import extract_metadata
from policykg.loaders.places import document_places, find_places
from policykg.loaders.reading import read_document
from policykg.loaders.records import AgencyInfo, Measure, PlaceMention, PolicyDoc, Target, builder
from policykg.loaders.repair import repair_text
from policykg.loaders.roles import Roles, as_evidence, find_roles, heading_roles
from policykg.loaders.simplify import reading_twin, simplified_twin
from policykg.loaders.structure import Item, MeasureNode, Structure, parse_structure
from policykg.loaders.tables import TableRow, table_rows
from policykg.loaders.targets import find_targets, plan_end_year
from policykg.loaders.topics import classify_topics
from policykg.process import freeze_heap


def extract_text(text: str, doc_id: str, heading_starts: frozenset[int] = frozenset()) -> PolicyDoc:
    """Extract a record from an already repaired text.

    A traditional-character text is read through its simplified twin (same offsets): names, titles and
    metrics come out simplified, while the fields that quote the source (target and measure texts, the
    names as written) are taken from ``text`` itself."""
    written = simplified_twin(text) or text  # the words as written (a mirror's own: 网路, 实行方案)
    work = reading_twin(written, traditional=written is not text) or written
    structure = parse_structure(work, heading_starts)
    meta = extract_metadata(work, structure.body_start, structure.body_end, structure.signatures)
    where = meta.jurisdiction
    province = meta.province
    mentions = find_places(work, province)
    mention_starts = [m.start for m in mentions]  # mentions come in text order
    years = _Years(title_year(meta.title or _first_line(work)) or _report_year(work, structure.body_start),
                   _document_year(meta.issued, meta.doc_number) or _opening_year(work, structure.body_start))
    chapters: dict[int, Roles] = {}
    built = [_measure(work, doc_id, node, structure, where, mentions, mention_starts, years, chapters)
             for node in structure.measures]
    measures = [m for m, _ in built]
    _apply_carries(measures, [carries for _, carries in built])
    _apply_tables(work, doc_id, measures, structure, where, years)
    doc_targets = _document_targets(work, structure, measures, years)
    doc = PolicyDoc(
        doc_id=doc_id,
        province=province,
        title=meta.title,
        doc_number=meta.doc_number,
        issued=meta.issued,
        issuers=meta.issuers,
        measures=measures,
        targets=doc_targets,
        cluster_links=find_cluster_links(work, province, mentions=mentions,
                                         city=where.city if where and where.level in ("city", "county") else None),
        places=document_places(mentions),
        kind=meta.kind,
        level=where.level if where else None,
        jurisdiction=where.name if where else None,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        place_mentions=mentions,
        text=text,
    )
    doc.agencies = _agencies(doc, meta.issuer_written, where)
    if work is not text:
        _quote_source(doc, text)
    if work is not written:
        _titles_as_written(doc, work, written)
    return doc


def _titles_as_written(doc: PolicyDoc, work: str, written: str) -> None:
    """Titles keep the words of the page (a spun mirror's 实行方案), as quoted fields do; only names and
    clauses are read through the twin."""
    if doc.title:
        pos = work.find(doc.title)
        if pos >= 0:
            doc.title = written[pos:pos + len(doc.title)]
    for m in doc.measures:
        pos = work.find(m.title, m.start, m.end) if m.title else -1
        if pos >= 0:
            m.title = written[pos:pos + len(m.title)]


def _quote_source(doc: PolicyDoc, text: str) -> None:
    """Fields that quote the source take its characters as written (a traditional text's own forms)."""
    for target in [*doc.targets, *(t for m in doc.measures for t in m.targets)]:
        if target.start is not None and target.end is not None:
            target.text = text[target.start:target.end]
    for m in doc.measures:
        m.text = text[m.start:m.end]
        for ev in m.role_evidence:
            ev.written = text[ev.start:ev.end]
        for place in m.places:
            place.written = text[place.start:place.end]
    for place in doc.place_mentions:
        place.written = text[place.start:place.end]


def extract_file(path: Path) -> PolicyDoc:
    """Read, repair and extract one document. Raises ExtractionError naming the file."""
    path = Path(path)
    raw = read_document(path)
    repaired = repair_text(raw.text)
    if not repaired.text.strip():
        raise ExtractionError(path, "no text after reading and repair")
    doc = extract_text(repaired.text, document_id(path), repaired.heading_starts)
    doc.source = path.name
    doc.source_key = source_key(path)
    doc.source_format = raw.format
    return doc


def try_extract(path: Path) -> PolicyDoc | ExtractionError:
    """``extract_file``, with any failure given back as an ``ExtractionError`` naming the file, so that
    a batch reports it and goes on: a reader or extractor bug (any exception) included."""
    try:
        return extract_file(path)
    except ExtractionError as exc:
        return exc
    except Exception as exc:  # whatever one file does must not stop the others
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        return ExtractionError(path, f"extraction failed: {reason}")


def _own_roles(text: str, item: Item, where: Jurisdiction | None, first_is_lead: bool) -> Roles:
    end = item.children[0].start if item.children else item.end
    return find_roles(text, item.start, end, where, first_is_lead)


def _with_heading_lead(text: str, item: Item, where: Jurisdiction | None, roles: Roles) -> Roles:
    """``roles`` led by the unit the nearest heading names as the one who leads (the item's own heading first);
    the units the item's own clause names then take part."""
    node: Item | None = item
    while node is not None:
        named = heading_roles(text, node.title_start, node.title_end, where)
        if named is not None:
            merged = Roles(lead=list(named.lead), co=named.co + roles.co + roles.responsible, carries=roles.carries)
            return merged.finalise()
        node = node.parent
    return roles


def _heading_roles(text: str, item: Item, where: Jurisdiction | None, first_is_lead: bool,
                   read: dict[int, Roles]) -> Roles:
    """The roles a chapter states before its first item (一、强化科技创新（区科技局牵头）), read once per chapter
    (``read``: chapters already read, by their start)."""
    if item.start not in read:
        read[item.start] = _own_roles(text, item, where, first_is_lead)
    return read[item.start]


class _Years(NamedTuple):
    """The years a document's targets inherit: its title's (2024年…工作方案) and its own (今年, 全年)."""

    title: int | None
    current: int | None


def title_year(title: str | None) -> int | None:
    """The single year a title or heading names (2024年省政府工作报告…; not a period 2023—2025年, not the vision
    year of a five-year plan's 2035年远景目标纲要)."""
    if not title:
        return None
    period = _YEAR_RANGE.search(title)
    if period:  # a plan for a period (2018—2019年): its goals are due at the period's end
        return int(period.group(2))
    years = {int(m.group(1)) for m in _SINGLE_YEAR.finditer(title) if not title.startswith("远景", m.end())}
    if not years:  # a plan of a five-year period named short (辽宁省“十四五”安全生产规划): due at its end
        return plan_end_year(title, period=False)
    return years.pop() if len(years) == 1 else None


_REPORT_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?:度)?[^。\n]{0,12}?《?政府工作报告")


def _report_year(text: str, body_start: int) -> int | None:
    """The year of the government work report a document divides up, named before its items (现就2013年《政府工作
    报告》确定的重点工作任务提出责任分工意见): its goals are that year's."""
    m = _REPORT_YEAR.search(text, 0, body_start) if "政府工作报告" in text[:body_start] else None
    return int(m.group(1)) if m else None


def _document_year(issued: str | None, doc_number: str | None) -> int | None:
    if issued:
        return int(issued[:4])
    m = re.search(r"[〔\[［【（(]\s*((?:19|20)\d{2})\s*[〕\]］】）)]", doc_number or "")
    return int(m.group(1)) if m else None


def _first_line(text: str) -> str | None:
    """The text's first line when short enough to be its heading (a page whose title names no kind:
    2025年县政府重点工作任务一季度完成情况)."""
    line = text.lstrip().split("\n", 1)[0].strip()
    return line if 6 <= len(line) <= 60 else None


def _opening_year(text: str, body_start: int) -> int | None:
    """The year a text opens by naming as its own (2016年是“十三五”…的开局之年)."""
    m = _YEAR_IS.search(text, 0, max(body_start, 300))
    return int(m.group(1)) if m else None


_YEAR_IS = re.compile(r"(?:^|\n)\s*((?:19|20)\d{2})\s*年\s*是")
_SINGLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?!度)")
_YEAR_RANGE = re.compile(r"((?:19|20)\d{2})\s*年?\s*[-—–～~至到]+\s*((?:19|20)\d{2})")


def _heading_year(node: MeasureNode, years: _Years) -> int | None:
    """The year the chapter headings above a measure name (一、落实2020年发展主要目标…), else the title's."""
    item = node.item.parent
    while item is not None:
        year = title_year(item.title) or plan_end_year(item.title)  # (一)“十二五”时期主要规划指标
        if year is not None:
            return year
        item = item.parent
    return years.title


def _measure(text: str, doc_id: str, node: MeasureNode, structure: Structure, where: Jurisdiction | None,
             mentions: list[PlaceMention], mention_starts: list[int], years: _Years,
             chapters: dict[int, Roles]) -> tuple[Measure, list[Carry]]:
    """A measure record, and the carry-over declarations its clause makes for the measures after it."""
    first_is_lead = structure.first_is_lead and node.start >= structure.first_is_lead_at
    roles = _own_roles(text, node.item, where, first_is_lead)
    ancestor = node.item.parent
    while roles.is_empty() and ancestor is not None:  # a clause on the parent heading covers its items
        roles = _heading_roles(text, ancestor, where, first_is_lead, chapters)
        ancestor = ancestor.parent
    if not roles.lead:  # a heading naming who leads (（一）省监察厅牵头的工作): the lead of the items under it
        roles = _with_heading_lead(text, node.item, where, roles)
    body = text[node.start:node.end]
    topics, evidence = classify_topics(node.title, body, node.start)
    return _MEASURE({  # every field, in the model's order; each list a new one
        "label": node.label,
        "title": node.title,
        "section": node.section,
        "lead": roles.names("lead"),
        "co": roles.names("co"),
        "responsible": roles.names("responsible"),
        "targets": find_targets(body, node.start, _heading_year(node, years), years.current),
        "topics": topics,
        "id": f"{doc_id}#{node.label}",
        "text": body,
        "start": node.start,
        "end": node.end,
        "role_evidence": roles.lead + roles.co + roles.responsible,
        "topic_evidence": evidence,
        "places": mentions[bisect_left(mention_starts, node.start):bisect_left(mention_starts, node.end)],
    }), roles.carries


_MEASURE = builder(Measure)


def _apply_carries(measures: list[Measure], carries: list[list[Carry]]) -> None:
    """Carry-over declarations (以下均需X落实，不再列出; 以下配合单位均含X) give their units to every later measure:
    as responsible, or co where the measure has a lead; a "co" declaration only extends co lists that exist."""
    active: list[Carry] = []
    for measure, declared in zip(measures, carries, strict=True):
        for carry in active:
            if carry.role == "co" and not (measure.lead or measure.co):
                continue
            role = "co" if carry.role == "co" or measure.lead else "responsible"
            named = set(measure.lead) | set(measure.co) | set(measure.responsible)
            for ev in as_evidence([u for u in carry.units if u.info.name not in named], role):
                getattr(measure, role).append(ev.agency)
                measure.role_evidence.append(ev)
        active.extend(declared)


def _target_key(t: Target) -> tuple:
    return (t.normalised_unit or t.unit, t.normalised_value if t.normalised_value is not None else t.value,
            t.multiplier)


def _document_targets(text: str, structure: Structure, measures: list[Measure], years: _Years) -> list[Target]:
    """Targets of goal chapters, of goal sentences before the first item (力争全年…增长8.5%以上), and of
    chapter headings unless an item below restates them."""
    out: list[Target] = []
    for start, end in _preamble_goals(text, structure.body_start):
        out.extend(find_targets(text[start:end], start, years.title, years.current))
    for start, end in structure.goal_spans:
        out.extend(find_targets(text[start:end], start, years.title, years.current))
    restated = {_target_key(t) for m in measures for t in m.targets}
    for start, end in structure.heading_spans:
        out.extend(t for t in find_targets(text[start:end], start, years.title, years.current)
                   if _target_key(t) not in restated)
    return out


_GOAL_SENTENCE = re.compile(r"力争|确保|争取|目标|全年|到(?:19|20)\d{2}年")


def _preamble_goals(text: str, body_start: int) -> list[tuple[int, int]]:
    """Sentences before the first numbered item that state a goal (the preamble's 力争…, a report's lead)."""
    spans, pos = [], 0
    for m in re.finditer(r"[。\n]", text[:body_start]):  # a goal sentence goes on after its ；
        if _GOAL_SENTENCE.search(text, pos, m.start()):
            spans.append((pos, m.start()))
        pos = m.end()
    return spans


def _similar(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if a in b or b in a:
        return 1.0
    return SequenceMatcher(None, a, b).ratio()


def _apply_tables(text: str, doc_id: str, measures: list[Measure], structure: Structure,
                  where: Jurisdiction | None, years: _Years) -> None:
    """Give measures the roles a task-division table assigns them; rows that match no measure become measures."""
    rows = table_rows(text, where, structure.first_is_lead)
    if not rows:
        return
    groups = _table_groups(text, measures, rows)
    assigning = False  # whether the table being read assigns units: its rows without any are tasks too
    for i, row in enumerate(rows):
        same_table = i > 0 and row.start == rows[i - 1].end + 1
        assigning = not row.roles.is_empty() or row.names_units or (assigning and same_table)
        target = _match_row(row, measures)
        group = next((m for m in groups if m.start <= row.start < m.end), None)
        if (group is None and not assigning) or not row.task.strip():
            continue  # (a row with its number only is no task)
        if target is None or target is group:
            if group is None and any(m.start <= row.start < m.end for m in measures):
                continue  # a table inside a measure's text: its roles belong to that measure
            label = row.number or str(len(measures) + 1)
            if group is not None:
                label = f"{group.label}/{label}"
            target = Measure(id=f"{doc_id}#{label}", label=label, title=_row_title(row.task), text=row.task,
                             start=row.task_start, end=row.task_end,
                             section=group.section or _first_line(text[group.start:group.end]) if group else None)
            topics, evidence = classify_topics(target.title, row.task, row.task_start)
            target.topics, target.topic_evidence = topics, evidence
            target.targets = find_targets(row.task, row.task_start, years.title, years.current)
            measures.append(target)
        if not (target.lead or target.co or target.responsible):
            target.lead = row.roles.names("lead")
            target.co = row.roles.names("co")
            target.responsible = row.roles.names("responsible")
            target.role_evidence = row.roles.lead + row.roles.co + row.roles.responsible


def _table_groups(text: str, measures: list[Measure], rows: list[TableRow]) -> list[Measure]:
    """Measures that are only a group heading over table rows (一、做大做强主导产业 then | 1 | … | rows): they are
    the rows' section, not measures, and leave the list."""
    groups = []
    for m in measures:
        body = text[m.start:m.end].split("\n")[1:]
        if body and all(not line.strip() or line.lstrip().startswith("|") for line in body) \
                and any(m.start <= r.start < m.end for r in rows):
            groups.append(m)
    for m in groups:
        measures.remove(m)
    return groups


def _row_title(task: str) -> str:
    for sep in "。；;：:":
        if sep in task:
            return task.split(sep, 1)[0].strip()
    return task.strip().rstrip(".")[:40]  # (a mirror writes the full stop as ".": 一般公共预算收入增长8%以上.)


def _match_row(row: TableRow, measures: list[Measure]) -> Measure | None:
    if not measures:
        return None
    if row.number:
        for m in measures:
            if m.label.split("/")[-1] == row.number.strip() and _similar(m.title, row.task) > 0.3:
                return m
    best = max(measures, key=lambda m: _similar(m.title, row.task))
    return best if _similar(best.title, row.task) >= 0.6 else None


def _agencies(doc: PolicyDoc, issuer_written: dict[str, list[str]], where: Jurisdiction | None) -> list[AgencyInfo]:
    by_name: dict[str, AgencyInfo] = {}

    def add(name: str, written: str) -> None:
        info = by_name.get(name)
        if info is None:  # a copy of the shared, read-only record, under this name
            info = by_name[name] = _AGENCY({**shared_agency(name, where).__dict__, "name": name, "written": []})
        if written and written not in info.written:
            info.written.append(written)

    for name, writtens in issuer_written.items():
        for w in writtens or [name]:
            add(name, w)
    seen: set[tuple[str, str]] = set()  # (agency, written) pairs recur across measures
    for m in doc.measures:
        for ev in m.role_evidence:
            pair = (ev.agency, ev.written)
            if pair not in seen:
                seen.add(pair)
                add(*pair)
        for names in (m.lead, m.co, m.responsible):
            for name in names:
                if name not in by_name:  # a role name without evidence
                    add(name, "")
    return list(by_name.values())


_AGENCY = builder(AgencyInfo)


def warm_up() -> None:
    """Build the gazetteers, automata and lexicons now instead of inside the first document.

    Extracts the first bundled corpus document; its places, agencies, targets and topics
    touch every table the extractor loads lazily.
    """
    from importlib import resources

    with resources.as_file(resources.files("policykg.data") / "corpus") as corpus:
        extract_file(min(corpus.glob("*.txt")))


# A document's extraction allocates tens of thousands of short-lived containers, and the extractor's caches
# (clauses, unit lists, resolved names) grow for the whole batch: with the default thresholds every 700
# allocations start a collection and the older generations, caches included, are walked again and again.
# Fewer, larger young collections still collect the cycles, without walking the caches each time.
EXTRACTION_GC_THRESHOLDS = (10_000, 20, 100)


@cache  # once per process: a second freeze would also keep whatever the caller holds by then
def prepare_extraction() -> None:
    """Load the extractor's tables (:func:`warm_up`), :func:`freeze_heap`, and collect less often
    (``EXTRACTION_GC_THRESHOLDS``)."""
    warm_up()
    freeze_heap()
    gc.set_threshold(*EXTRACTION_GC_THRESHOLDS)
