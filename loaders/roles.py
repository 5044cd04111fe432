"""Responsibility roles (lead / co / responsible) of a measure, wherever its clause stands.

A measure's clause (read by ``loaders.clauses``) may be
- bracketed anywhere in its text, in （）()〔〕【】, or cut off by the end of the text;
- labelled lines or a labelled tail after a sentence: "责任单位：…", "牵头单位：… / 配合单位：…" (consecutive
  lines are one clause: 责任单位 after a 牵头单位 line support the lead);
- a sentence of its own that is only units and a verb: "省发展改革委、省财政厅按职责分工负责。";
- a "由A牵头，B配合" sentence.
Task-division tables are read by ``loaders.tables``. SCHEMA rules: a unit both lead and co is lead only;
vague units ("等有关单位") add nobody. Carry-over declarations (以下均需X落实，不再列出) are returned with the
roles; the pipeline applies them to later measures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from policykg.loaders.agencies import Unit, as_jurisdiction, list_units
from policykg.loaders.clauses import (
    Carry,
    Clause,
    ends_with_verb,
    has_cue,
    label_words,
    names_persons,
    parse_clause,
)
from policykg.loaders.jurisdiction import Jurisdiction
from policykg.loaders.records import RoleEvidence, list_builder

_OPEN = "（(〔【[［"
# Each opening bracket and the class of its closers (a full-width bracket closed half-width is common).
_CLOSE = {"（": "）)", "(": "）)", "〔": "〕", "【": "】", "[": "]］", "［": "]］"}
_CLOSERS = set("）)〕】]］")
_BRACKET_OR_BREAK = re.compile(r"[（(〔【\[［）)〕】\]］\n]")
# A label opening a clause line or a clause after a sentence: 责任单位：…, 牵头单位：… (found by the label word, then
# checked for what stands before it: a line start, a sentence end, a space or a closing bracket).
_LABEL_HINT = re.compile(r"单位|部门|领导")
_LABEL_BEFORE = set("。；;）)】〕\n \t　")
_WITH = re.compile(r"由([^。；;，,（）()由]{2,40}?)会同([^。；;（）()]{2,160}?)(?:等(?:有关|相关)?(?:部门|单位)(?:和单位)?)?"
                   r"(?=负责|研究|共同|制定|提出|落实|组织|抓紧|推进|开展|[，,])")
_YOU = re.compile(r"由([^。；;（）()]{2,160}?)(牵头|负责)")
_SENTENCE_END = re.compile(r"[。；;\n]")
_YOU_CUT = re.compile(r"(?:^|(?<=[。；;\n]))\s*由([^。；;（）()由\n]{2,160})$")


@dataclass
class Roles:
    lead: list[RoleEvidence] = field(default_factory=list)
    co: list[RoleEvidence] = field(default_factory=list)
    responsible: list[RoleEvidence] = field(default_factory=list)
    carries: list[Carry] = field(default_factory=list)

    def names(self, role: str) -> list[str]:
        return [e.agency for e in getattr(self, role)]

    def merge(self, other: Roles) -> None:
        self.lead.extend(other.lead)
        self.co.extend(other.co)
        self.responsible.extend(other.responsible)
        self.carries.extend(other.carries)

    def is_empty(self) -> bool:
        return not (self.lead or self.co or self.responsible)

    def add_units(self, role: str, units: list[Unit]) -> None:
        getattr(self, role).extend(as_evidence(units, role))

    def finalise(self) -> Roles:
        """Dedupe; a unit that leads is not also co or responsible."""
        leads = _dedupe(self.lead)
        lead_names = {e.agency for e in leads}
        co = [e for e in _dedupe(self.co) if e.agency not in lead_names]
        co_names = {e.agency for e in co}
        resp = [e for e in _dedupe(self.responsible) if e.agency not in lead_names | co_names]
        return Roles(leads, co, resp, self.carries)


def _dedupe(items: list[RoleEvidence]) -> list[RoleEvidence]:
    seen: set[str] = set()
    out = []
    for e in items:
        if e.agency not in seen:
            seen.add(e.agency)
            out.append(e)
    return out


def as_evidence(units: list[Unit], role: str) -> list[RoleEvidence]:
    """Role evidence for the agencies of a clause (canonical name, as written, span)."""
    return _EVIDENCE([{"agency": u.info.name, "role": role, "written": u.written, "start": u.start, "end": u.end,
                       "resolved": u.info.known} for u in units if u.info is not None])


_EVIDENCE = list_builder(RoleEvidence)


def from_clause(clause: Clause) -> Roles:
    roles = Roles(carries=list(clause.carries))
    roles.add_units("lead", clause.lead)
    roles.add_units("co", clause.co)
    roles.add_units("responsible", clause.responsible)
    return roles


def bracket_groups(text: str, start: int, end: int) -> list[tuple[int, int, int, int]]:
    """Top-level bracketed groups of ``text[start:end]``: (open, content start, content end, close end). A bracket
    left open at the end of the span (a clause cut off with the text) runs to the end."""
    out = []
    opened = 0
    stack: list[str] = []
    for m in _BRACKET_OR_BREAK.finditer(text, start, end):
        c, i = m.group(), m.start()
        if c in _OPEN:
            if not stack:
                opened = i
            stack.append(_CLOSE[c])
        elif c == "\n":
            if stack:  # a bracket left open at the end of its paragraph (a mirror lost the closer) ends there
                out.append((opened, opened + 1, i, i))
            stack.clear()
        elif stack and any(c in closers for closers in stack):
            while c not in stack.pop():  # brackets a damaged text left open inside (皖发〔20229号,…) close with it
                pass
            if not stack:
                out.append((opened, opened + 1, i, i + 1))
    if stack:
        out.append((opened, opened + 1, end, end))
    return out


def _label_clauses(text: str, start: int, end: int, covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of labelled clauses: from a label to its line's end, consecutive label lines joined."""
    spans: list[tuple[int, int]] = []
    for m in label_words().finditer(text, start, end):
        a = m.start()
        if a > 0 and text[a - 1] not in _LABEL_BEFORE:
            continue
        if any(x <= a < y for x, y in covered):
            continue
        line_end = text.find("\n", a, end)
        b = end if line_end < 0 else line_end
        # a bracket read already closes the list (…、工商联(列第一位者为牵头或汇总单位,下同))
        b = min([x for x, _ in covered if a < x < b], default=b)
        if spans and not text[spans[-1][1]:a].strip():
            spans[-1] = (spans[-1][0], b)  # the next label line of the same clause
        elif spans and spans[-1][0] <= a < spans[-1][1]:
            continue
        else:
            spans.append((a, b))
    return spans


@lru_cache(maxsize=4)
def _unit_column(text: str) -> bool:
    """Whether a table flattened to one cell per line names a column of units (a line 责任单位 alone)."""
    return "单位" in text and _UNIT_COLUMN.search(text) is not None


_UNIT_COLUMN = re.compile(r"^[ \t　]*(?:责任单位|责任部门|牵头单位|承办单位)[ \t　]*$", re.M)


def _unit_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The lines of a measure after its first one: in a flattened table, a line of units is the units cell."""
    first = text.find("\n", start, end)
    out, pos = [], first + 1
    while 0 < pos < end:
        line_end = text.find("\n", pos, end)
        line_end = end if line_end < 0 else line_end
        if line_end - pos <= 80 and not _SENTENCE_END.search(text, pos, line_end):
            out.append((pos, line_end))
        pos = line_end + 1
    return out


@lru_cache(maxsize=4)
def _text_end(text: str) -> int:
    """Where the text's last non-blank character ends (measures of one text ask in turn)."""
    return len(text.rstrip())


def find_roles(text: str, start: int, end: int, where: Jurisdiction | str | None, first_is_lead: bool) -> Roles:
    """All roles stated inside the span ``text[start:end]`` (a measure's text)."""
    where = as_jurisdiction(where)
    roles = Roles()
    covered: list[tuple[int, int]] = []
    tail = end
    while tail > start and text[tail - 1].isspace():
        tail -= 1
    text_end = _text_end(text)
    for open_at, a, b, close_end in bracket_groups(text, start, end):
        closes_measure = close_end >= tail or not text[close_end:tail].strip("。；; \n")
        if not has_cue(text[a:b]) and not closes_measure:
            continue
        clause = parse_clause(text, a, b, where, first_is_lead, bare=closes_measure,
                              cut=close_end == b and b >= text_end)
        if clause is not None:
            roles.merge(from_clause(clause))
            covered.append((open_at, close_end))
            first_is_lead = first_is_lead or clause.first_is_lead  # a bracket declaring it after a unit list
    labelled = _label_clauses(text, start, end, covered) if _LABEL_HINT.search(text, start, end) else ()
    for a, b in labelled:
        clause = _lenient(text, a, b, where, first_is_lead, cut=b >= text_end)
        if clause is not None:
            roles.merge(from_clause(clause))
            covered.append((a, b))
    # a sentence of units and a verb only: the form of measures that have no bracketed or labelled clause
    for a, b in _sentences(text, start, end, covered) if roles.is_empty() else ():
        if not ends_with_verb(text[a:b]):  # a clause sentence closes with its verb (…按职责分工负责。)
            continue
        clause = parse_clause(text, a, b, where, first_is_lead)
        if clause is not None and (clause.lead or clause.co or clause.responsible):
            roles.merge(from_clause(clause))
            covered.append((a, b))
    if roles.is_empty() and _unit_column(text):
        for a, b in _unit_lines(text, start, end):
            units = list_units(text[a:b], where, a)
            if any(u.info for u in units) and all(u.info or u.vague for u in units):
                roles.add_units("responsible", [u for u in units if u.info])
    if roles.is_empty():  # 由吴继德副市长负责，市环保局牵头，相关部门配合，细化分工…: the role phrases that open a sentence
        for a, b in _sentences(text, start, end, covered):
            if not has_cue(text[a:b]):
                continue
            clause = _opening_role_phrases(text, a, b, where, first_is_lead)
            if clause is not None:
                roles.merge(from_clause(clause))
    if roles.is_empty() and "会同" in text[start:end]:  # 由A会同B、C等部门负责落实: A leads, B and C take part
        for m in _WITH.finditer(text, start, end):
            lead = [u for u in list_units(m.group(1), where, m.start(1)) if u.info]
            co = [u for u in list_units(m.group(2), where, m.start(2)) if u.info]
            if lead:
                roles.add_units("lead", lead)
                roles.add_units("co", co)
    if roles.is_empty():
        for m in _YOU.finditer(text[start:end]):
            a = start + m.start(1)
            b = _SENTENCE_END.search(text, a, end)
            clause = parse_clause(text, a, b.start() if b else end, where, first_is_lead)
            if clause is not None:
                roles.merge(from_clause(clause))
    if roles.is_empty() and tail >= text_end and "由" in text[start:end]:
        # 由A、B,C人民政府,市经济开发区管委会 | the text's end: the units of a 由 sentence cut before its verb
        m = _YOU_CUT.search(text, start, tail)
        clause = parse_clause(text, m.start(1), tail, where, first_is_lead, cut=True) if m else None
        if clause is not None:
            roles.merge(from_clause(clause))
    return roles.finalise()


def heading_roles(text: str, start: int, end: int, where: Jurisdiction | str | None) -> Roles | None:
    """The roles a heading gives the items under it by naming who leads them (省监察厅牵头的工作, 省编办负责事项,
    市发展改革委牵头事项（共9项）), or None. A leader's heading (孟学农省长负责的工作) names a person."""
    if "牵头" not in text[start:end] and "负责" not in text[start:end] and "主办" not in text[start:end]:
        return None  # (nearly every heading names nobody)
    m = _HEADING_ROLE.match(text, start, end)
    if m is None or names_persons(m.group("units")):
        return None
    clause = parse_clause(text, m.start("units"), m.end("verb"), as_jurisdiction(where), False)
    if clause is None or not (clause.lead or clause.responsible):
        return None
    roles = Roles()
    roles.add_units("lead", clause.lead + clause.responsible)  # the unit a heading names leads its items
    roles.add_units("co", clause.co)
    return roles.finalise()


_HEADING_ROLE = re.compile(r"\s*(?P<units>[^，,。；;：:（）()]{2,60}?)(?P<verb>牵头|负责|主办)的?(?:工作|事项|任务)"
                           r"\s*(?:[（(]共?\s*\d{1,3}\s*项[）)])?\s*$")


def _opening_role_phrases(text: str, start: int, end: int, where: Jurisdiction | None,
                          first_is_lead: bool) -> Clause | None:
    """The clause a sentence opens with before going on in prose: phrases that each end in a role verb (由A负责，
    B牵头，C配合，…); a leader in charge (由X副市长负责) is a person the clause passes over."""
    pos = start + 1 if text.startswith("由", start) else start
    phrases: list[tuple[int, int]] = []
    for m in _COMMA.finditer(text, pos, end + 1):
        stop = min(m.start(), end)
        if not ends_with_verb(text[pos:stop]):
            break
        phrases.append((pos, stop))  # (a leader in charge reads as a person: the clause passes over them)
        pos = stop + 1
    if not phrases or phrases[-1][1] >= end:
        return None  # no phrase, or the whole sentence: read by the clause rules already
    clause = parse_clause(text, phrases[0][0], phrases[-1][1], where, first_is_lead)
    return clause if clause is not None and not clause.is_empty() else None


_COMMA = re.compile(r"[，,]|$")


def _lenient(text: str, start: int, end: int, where: Jurisdiction | None, first_is_lead: bool,
             cut: bool = False) -> Clause | None:
    """A labelled clause that may run into prose after its last sentence: the longest parsing prefix."""
    stops = [m.start() for m in _SENTENCE_END.finditer(text, start, end)] + [end]
    for stop in reversed(stops):
        clause = parse_clause(text, start, stop, where, first_is_lead, cut=cut and stop == end)
        if clause is not None:
            return clause
    return None


def _sentences(text: str, start: int, end: int, covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences of the span outside the clauses already read."""
    out = []
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return [(a, b) for a, b in out if b > a and not any(x <= a < y or x < b <= y for x, y in covered)]
