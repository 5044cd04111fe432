"""Responsibility roles (lead / co / responsible) of a measure, from every form they take.

Forms recognised:
- a parenthesised clause: （省工业和信息化厅、省发展改革委牵头，各地级以上市人民政府按职责分工负责）,
  （责任单位：省科技厅、省财政厅）, （牵头单位：…；配合单位：…）;
- the same as lines: "责任单位：…", "牵头单位：…", "配合单位：…";
- a sentence: "由省商务厅牵头，省发展改革委配合";
- task-division tables (序号 | 工作任务 | 牵头单位 | 配合单位), see ``table_roles``;
- a declared convention ("列第一位的为牵头单位") turns a plain unit list into lead + co.
SCHEMA rules: a unit both lead and co is lead only; vague tails ("等有关单位") add nobody.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykg.loaders._patterns import finditer_from_anchor
from policykg.loaders.agencies import AgencyMatch, split_units
from policykg.loaders.records import RoleEvidence, builder

_ROLE_WORDS = re.compile(r"牵头|负责|责任单位|责任部门|配合|参与|协同|主办|承办")
_PAREN = re.compile(r"[（(]([^（）()]{2,400})[）)]")
_FULLWIDTH_PAREN = re.compile(r"（([^（）()]{2,400})[）)]")  # _PAREN in a text without "("
_LABELLED = re.compile(
    r"(牵头单位|牵头部门|主责单位|责任单位|责任部门|配合单位|配合部门|参与单位|协办单位|主办单位|承办单位)\s*[:：]\s*"
)
_LINE_LABELS = r"(?:牵头单位|牵头部门|责任单位|责任部门|配合单位|配合部门|参与单位)\s*[:：]"
_LINE_CLAUSE = re.compile(rf"^\s*{_LINE_LABELS}[^\n]+$", re.M)
_LINE_LABEL = re.compile(_LINE_LABELS)  # re finds it by its first character, unlike the line pattern
_YOU = re.compile(
    r"由([^。；;，,（）()]{2,120}?)(牵头|负责)(?:[，,]\s*([^。；;（）()]{2,200}?)(?:配合|参与|协同|按职责分工负责))?"
)
_LEAD_SPLIT = re.compile(r"牵头(?:负责|实施|落实)?")
_CO_TAIL = re.compile(
    r"(?:等(?:有关|相关)?(?:单位|部门)?)?(?:按职责分工负责|按照职责分工负责|按职责负责|分工负责|配合|参与|协同|负责|落实)[。.]?\s*$"
)
_DECLARATION = re.compile(r"列第一|排第一|列首位|第一位的|为牵头单位|下同")


@dataclass
class Roles:
    lead: list[RoleEvidence] = field(default_factory=list)
    co: list[RoleEvidence] = field(default_factory=list)
    responsible: list[RoleEvidence] = field(default_factory=list)

    def names(self, role: str) -> list[str]:
        return [e.agency for e in getattr(self, role)]

    def merge(self, other: Roles) -> None:
        self.lead.extend(other.lead)
        self.co.extend(other.co)
        self.responsible.extend(other.responsible)

    def is_empty(self) -> bool:
        return not (self.lead or self.co or self.responsible)

    def finalise(self) -> Roles:
        """Dedupe; a unit that leads is not also co or responsible. Itself when no unit is named twice."""
        named = self.lead + self.co + self.responsible
        if len({e.agency for e in named}) == len(named):  # most measures: nothing to drop
            return self
        leads = _dedupe(self.lead)
        lead_names = {e.agency for e in leads}
        co = [e for e in _dedupe(self.co) if e.agency not in lead_names]
        resp = [e for e in _dedupe(self.responsible) if e.agency not in lead_names]
        return Roles(leads, co, resp)


def _dedupe(items: list[RoleEvidence]) -> list[RoleEvidence]:
    seen: set[str] = set()
    out = []
    for e in items:
        if e.agency not in seen:
            seen.add(e.agency)
            out.append(e)
    return out


def as_evidence(matches: list[AgencyMatch], role: str) -> list[RoleEvidence]:
    """Role evidence for agencies found in a clause (canonical name, as written, span)."""
    return [_EVIDENCE({"agency": m.info.name, "role": role, "written": m.written, "start": m.start, "end": m.end})
            for m in matches]


_EVIDENCE = builder(RoleEvidence)


def clause_units(text: str, start: int, end: int, province: str | None) -> list[AgencyMatch]:
    """The units named in ``text[start:end]``, without a trailing 按职责分工负责/配合/等有关单位."""
    segment = text[start:end]
    tail = _CO_TAIL.search(segment)
    if tail:
        segment = segment[: tail.start()]
    return split_units(segment.strip("，,；;。 "), province, start + (len(segment) - len(segment.lstrip("，,；;。 "))))


def parse_clause(text: str, start: int, end: int, province: str | None, first_is_lead: bool) -> Roles:
    """Roles stated by one responsibility clause ``text[start:end]`` (without its brackets)."""
    clause = text[start:end]
    roles = Roles()
    labelled = list(_LABELLED.finditer(clause))
    if labelled:
        has_lead = any(m.group(1).startswith(("牵头", "主责", "主办")) for m in labelled)
        for i, m in enumerate(labelled):
            seg_start = start + m.end()
            seg_end = start + (labelled[i + 1].start() if i + 1 < len(labelled) else len(clause))
            # Trim a trailing remark after a full stop or a bracket.
            units = clause_units(text, seg_start, _clause_end(text, seg_start, seg_end), province)
            label = m.group(1)
            if label.startswith(("牵头", "主责", "主办")):
                roles.lead += as_evidence(units, "lead")
            elif label.startswith(("配合", "参与", "协办", "承办")) or has_lead:
                roles.co += as_evidence(units, "co")  # with a lead named, the other units support it
            else:
                roles.merge(_plain_list(units, first_is_lead))
        return roles
    split = _LEAD_SPLIT.search(clause)
    if split:
        lead_units = split_units(clause[: split.start()].strip("，,；; "), province, start)
        roles.lead += as_evidence(lead_units, "lead")
        roles.co += as_evidence(clause_units(text, start + split.end(), end, province), "co")
        return roles
    return _plain_list(clause_units(text, start, end, province), first_is_lead)


# A bracket inside a unit name (各市（州）人民政府, 各市（含定州、辛集市）人民政府) does not end the clause.
_INNER_BRACKET = re.compile(r"[（(][^（）()。]{1,12}[）)](?=[\u4e00-\u9fff])")


def _clause_end(text: str, start: int, end: int) -> int:
    segment = _INNER_BRACKET.sub(lambda m: "　" * len(m.group(0)), text[start:end])
    m = _CLAUSE_STOP.search(segment)
    return start + m.start() if m else end


def _plain_list(units: list[AgencyMatch], first_is_lead: bool) -> Roles:
    if first_is_lead and units:
        return Roles(lead=as_evidence(units[:1], "lead"), co=as_evidence(units[1:], "co"))
    return Roles(responsible=as_evidence(units, "responsible"))


def find_roles(text: str, start: int, end: int, province: str | None, first_is_lead: bool) -> Roles:
    """All roles stated inside the span ``text[start:end]`` (a measure's text)."""
    roles = Roles()
    span = text[start:end]
    covered: list[tuple[int, int]] = []
    # without a "(" in the span, only "（" opens: re skips to a literal first character far faster than to a class
    for m in (_PAREN if "(" in span else _FULLWIDTH_PAREN).finditer(span):
        inner = m.group(1)
        if not _ROLE_WORDS.search(inner) or _DECLARATION.search(inner) and "：" not in inner and ":" not in inner:
            continue
        if not _ROLE_CUE.search(inner):
            continue
        roles.merge(parse_clause(text, start + m.start(1), start + m.end(1), province, first_is_lead))
        covered.append((m.start(), m.end()))
    # every line clause holds a label and its colon (str's ``in`` finds a colon far faster than re the labels)
    lines = finditer_from_anchor(_LINE_CLAUSE, _LINE_LABEL, span) if "：" in span or ":" in span else ()
    for m in lines:
        if any(a <= m.start() < b for a, b in covered):
            continue
        roles.merge(parse_clause(text, start + m.start(), start + m.end(), province, first_is_lead))
        covered.append((m.start(), m.end()))
    if roles.is_empty():
        for m in _YOU.finditer(span):
            units = split_units(m.group(1), province, start + m.start(1))
            if m.group(2) == "负责" and not m.group(3):  # "由A、B负责": responsible, nobody leads
                roles.responsible += as_evidence(units, "responsible")
                continue
            roles.lead += as_evidence(units, "lead")
            if m.group(3):
                roles.co += as_evidence(split_units(m.group(3), province, start + m.start(3)), "co")
    return roles.finalise()


# Patterns used in the functions above, compiled once (re's own cache costs a lookup per call).
_CLAUSE_STOP = re.compile(r"[。（(]")
_ROLE_CUE = re.compile(r"牵头|负责|责任单位|责任部门|配合单位|参与单位|配合$")
