"""The grammar of responsibility clauses: who leads, who supports, who is responsible.

One grammar covers every style real documents use, bracketed or not:

    clause    := sentence ( ("。" | "；") sentence )*
    sentence  := phrase ( "，" phrase )*
    phrase    := declaration | docref | [label "："] units [verb]
    label     := 牵头单位 | 配合单位 | 责任单位 | 牵头部门 | …   (data/clause_words.tsv)
    verb      := 牵头 | 配合 | 按职责分工负责 | 负责 | 落实 | …       (data/clause_words.tsv)
    docref    := a document number (皖发〔2022〕9号) before the units it cites
    declaration := 列第一位者为牵头单位 | 以下均需X落实，不再列出 | 以下配合单位均含X | …，下同

A phrase without a label or a verb takes the role of the next marked phrase of its sentence (the comma was
a list separator: "市工信局，宜春经开区管委会、各县市区政府按职责分工负责"), else of the label before it.
A 牵头 phrase gives ``lead``; a 配合/参与 phrase ``co``; a 责任/负责/落实 phrase ``co`` when the clause has a
lead, the first unit ``lead`` and the rest ``co`` under a declared first-is-lead convention, else
``responsible``. 牵头领导 names a person: nobody. A clause is only accepted when every phrase parses: a
bracket of prose that happens to hold 负责 (省政府主要负责同志为总召集人) is no clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from policykg.data import read_tsv
from policykg.loaders.agencies import Unit, complete_unit, list_units
from policykg.loaders.jurisdiction import Jurisdiction

Role = str  # "lead" | "co" | "responsible"


@dataclass(frozen=True)
class _Words:
    labels: re.Pattern[str]       # a label and its colon at the start of a phrase
    label_role: dict[str, str]    # label -> lead / co / responsible / person
    verbs: re.Pattern[str]        # a role verb at the end of a phrase
    verb_role: dict[str, str]
    cues: re.Pattern[str]         # any label or verb: a bracket without one is no clause
    label_words: re.Pattern[str]  # a label and its colon anywhere (a labelled line or a tail after a sentence)


@lru_cache(maxsize=1)
def _words() -> _Words:
    rows = read_tsv("clause_words.tsv")
    labels = {r["form"]: r["role"] for r in rows if r["kind"] == "label"}
    verbs = {r["form"]: r["role"] for r in rows if r["kind"] == "verb"}

    def alternation(forms: dict[str, str]) -> str:
        return "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))

    global _SPACED_LABEL
    _SPACED_LABEL = re.compile(rf"\s+(?=(?:{alternation(labels)})\s*[：:])")
    return _Words(
        labels=re.compile(rf"^\s*({alternation(labels)})\s*(?:[：:]|(?=[\u4e00-\u9fff]))"),
        label_role=labels,
        verbs=re.compile(rf"({alternation(verbs)})[。.]?\s*$"),
        verb_role=verbs,
        cues=re.compile(f"{alternation(labels)}|{alternation(verbs)}"),
        label_words=re.compile(rf"(?:{alternation(labels)})\s*[：:]"),
    )


def label_words() -> re.Pattern[str]:
    """A clause label with its colon (责任单位：, 协同责任单位：), from data/clause_words.tsv."""
    return _words().label_words


# Declarations: a document (or a clause) saying how its lists read.
FIRST_IS_LEAD = re.compile(
    r"(?:列|排|排列|排名|排序)(?:在)?(?:第一|首|第1|首位|最前)(?:位|个)?(?:者|的)?(?:单位|部门)?(?:为|是)(?:牵头|主要负责|主责)"
    r"|第一(?:责任)?(?:单位|部门)(?:为|是)(?:牵头|主要负责|主责)"  # (第一责任单位为牵头单位,下同)
)
# 以下均需X落实，不再列出 / 以下均由X负责 / 以下配合单位均含X / 具体任务均涉及X，不再做分工，下同
_CUT_CONVENTION = re.compile(r"(?:列|排|排列)(?:在)?(?:第一|首|第1)(?:位|个)?(?:者|的)?(?:单位|部门)?(?:为|是)?(?:牵头?)?")
_CARRY = re.compile(
    r"(?:以下|下列|后续)?(?:未列明的?|未列出的?|其余)?(?:责任单位|责任部门)?(?P<co>配合单位|配合部门)?"
    r"(?:均需|均须|均由|均要|均请|均含|均包括|均涉及|都需|均应)"
    r"(?P<units>[^。；;]*?)(?:按职责分工)?(?:负责落实|负责|落实|配合|参与|实施)?(?=[，,。；;]|$)"
)
# Units a carry-over names with 相关/有关 (具体任务均涉及相关市（州）人民政府): which ones is not said.
_UNSAID = ("相关", "有关")
_DECLARATION_HINT = re.compile(r"第一|第1|首位|最前|均|都需|下同|不再")
_BARE_NOTE = re.compile(r"^\s*(?:下同|不再(?:一一|单独|重复|逐项|另行)?列出|以下同)\s*$")
_LABELLED = re.compile(r"\s*(?:牵头|责任|配合|参与|主责|协办)(?:单位|部门)")
_LISTED_ONCE = re.compile(r"^\s*以下(?:均)?不再(?:一一|单独|重复|逐项|另行)?列出\s*$")
_NOT_LISTED = re.compile(r"不再(?:一一|单独|重复|逐项|另行)?(?:列出|列举|列明|标注|做分工|分工)|下同|未列明|未列出")
# A document number cited before the units of a clause (皖发〔2022〕9号; damaged mirrors lose characters).
_DOCREF = re.compile(r"^[\u4e00-\u9fff]{1,12}\s*[〔\[［【（(]\s*\d{2,6}\s*[〕\]］】）)]?\s*第?\s*\d{0,4}\s*号?$|"
                     r"^[\u4e00-\u9fff]{1,12}〔\d{4,9}号?$")
_SENTENCE = re.compile(r"[。；;\n]")
# Leaders named by their posts (分管副省长、协管副秘书长; 吴继德副市长): persons, not units.
_PERSONS = re.compile(r"(?:[\u4e00-\u9fff]{2,6}[：:])?"  # 任务分工：吕维峰副省长负责
                      r"(?:[\u4e00-\u9fff]{0,6}?(?:省长|市长|县长|区长|州长|旗长|盟长|秘书长|书记|主任|同志|领导)[、，,和及]?)+")
# A deadline or schedule note beside the units (年内持续推进, 2020年12月底前完成, 长期坚持): no unit.
_SCHEDULE = re.compile(r"^\s*(?:(?:\d{4}年)?(?:\d{1,2}月)?(?:底|年内|年底|月底|季度|上半年|下半年)?(?:前|内|起)?"
                       r"|长期|持续|逐步|及时|定期|每年|按年度|年内|分年度|20\d\d年起)"
                       r"(?:持续|逐步)?(?:完成|推进|实施|坚持|开展|落实|见效|部署|取得[^，,；;。]{0,6})\s*$")
_PHRASE = re.compile(r"[，,]")
_VERB_TAIL = 12  # longer than the longest verb with its full stop and spaces
_SPACED_LABEL: re.Pattern[str]  # set with the words: a space before a label cuts a sentence


@dataclass
class Carry:
    """Units a clause declares for every later measure: ``role`` "all" (以下均需X落实) joins them as
    responsible (co where the measure has a lead); "co" (以下配合单位均含X) extends co lists that exist."""

    role: str
    units: list[Unit]


@dataclass
class Clause:
    start: int
    end: int
    lead: list[Unit] = field(default_factory=list)
    co: list[Unit] = field(default_factory=list)
    responsible: list[Unit] = field(default_factory=list)
    carries: list[Carry] = field(default_factory=list)
    first_is_lead: bool = False

    def is_empty(self) -> bool:
        return not (self.lead or self.co or self.responsible or self.carries)


@dataclass
class _Phrase:
    role: str | None        # lead / co / responsible / person / None (no marker)
    units: list[Unit]
    labelled: bool
    label: str = ""         # the label as written (牵头单位), "" when none


def _phrase(text: str, start: int, end: int, where: Jurisdiction | None, cut: bool = False,
            after_label: bool = False) -> _Phrase | None:
    """One phrase ``text[start:end]``; None when it is no clause phrase (prose)."""
    words = _words()
    simple = text[start:end]  # the pipeline reads a simplified text (a traditional one's twin)
    stripped = simple.strip()
    if not stripped:
        return _Phrase(None, [], False)
    if _DOCREF.match(stripped):
        return _Phrase(None, [], False)
    role, labelled, label = None, False, ""
    m = words.labels.match(simple)
    if m:
        role, labelled, label = words.label_role[m.group(1)], True, m.group(1)
        if role == "person":
            return _Phrase("person", [], True)
        start += m.end()
        simple = simple[m.end():]
    tail = max(0, len(simple) - _VERB_TAIL)  # a verb closes the phrase: only its tail is searched
    v = words.verbs.search(simple, tail)
    if v:
        verb_role = words.verb_role[v.group(1)]
        if role is None or (role == "responsible" and verb_role in ("lead", "co")):
            role = verb_role  # 责任单位：区疫情防控工作领导小组办公室牵头，相关成员单位配合
        end = start + v.start()
        simple = simple[: v.start()]
    if role is not None and not labelled and names_persons(simple):
        return _Phrase("person", [], False)  # 分管副省长、协管副秘书长负责: leaders answer for it, no unit
    units = list_units(text[start:end], where, start)
    if cut and units and units[-1].info is None and not units[-1].written.startswith(_UNSAID):
        completed = complete_unit(units[-1], where)  # a collective cut short reads as one too (各省级人民政)
        if completed.info is not None:
            units[-1] = completed
        elif not units[-1].vague:
            units.pop()  # cut off past recognition (…、城建集): the units before it still hold
    if any(u.info is None and not u.vague for u in units):
        if not labelled and not after_label:
            return None
        # after a label the list is a list of units: one that names no agency (新材料产业园) is passed over
        units = [u for u in units if u.info is not None or u.vague]
    return _Phrase(role, units, labelled, label)


def _declaration(clause: Clause, text: str, start: int, end: int, where: Jurisdiction | None,
                 phrase: bool = False) -> bool:
    """Reads a declaration into ``clause``; True when ``text[start:end]`` is one and holds nothing else to read.
    A sentence is one when it carries units over (以下均需X落实，不再列出); a phrase also when it declares the
    first-is-lead convention (列第一位的为牵头单位) or only says 下同 / 不再列出: a sentence that lists units and
    declares the convention in its last phrase (市税务局、市财政局，排在首位的为牵头单位，下同) is read phrase by phrase."""
    simple = text[start:end]
    if not _DECLARATION_HINT.search(simple):
        return False  # most sentences declare nothing: one cheap search rules them out
    convention = FIRST_IS_LEAD.search(simple)
    if convention:
        clause.first_is_lead = True
    carry = _CARRY.search(simple)
    if carry and not phrase and _PHRASE.search(simple, 0, carry.start()) and _LABELLED.match(simple):
        carry = None  # 责任单位：A、B，以下未列明的责任单位均包括C: the list first; the carry is its last phrase
    if carry and (_NOT_LISTED.search(simple) or carry.group("co")):
        a, b = carry.span("units")
        units = [u for u in list_units(text[start + a:start + b], where, start + a)
                 if u.info is not None and not u.written.startswith(_UNSAID)]
        clause.carries.append(Carry("co" if carry.group("co") else "all", units))
        return True
    if not phrase:
        return False
    return bool(convention) or bool(_BARE_NOTE.match(simple))  # 下同 / 不再列出 alone: no unit is carried


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of a clause: cut at 。；, line breaks, and at spaces before a label (牵头单位：A  责任单位：B)."""
    _words()  # sets _SPACED_LABEL
    cuts = [m.start() for m in _SENTENCE.finditer(text, start, end)]
    cuts += [m.start() for m in _SPACED_LABEL.finditer(text, start, end)]
    spans, pos = [], start
    for cut in sorted(cuts):
        spans.append((pos, cut))
        pos = cut + 1
    spans.append((pos, end))
    return [(a, b) for a, b in spans if b > a]


def parse_clause(text: str, start: int, end: int, where: Jurisdiction | None, first_is_lead: bool,
                 bare: bool = False, cut: bool = False) -> Clause | None:
    """The roles a responsibility clause ``text[start:end]`` (without its brackets) states, or None when the
    span is not a clause (see ``_parse_clause``). Clauses recur word for word across measures and documents:
    each is read once, its units shifted to where it stands."""
    found = _parse_cached(text[start:end], where, first_is_lead, bare, cut)
    if found is None:
        return None
    return Clause(start, end, *(_shifted(units, start) for units in (found.lead, found.co, found.responsible)),
                  [Carry(c.role, _shifted(c.units, start)) for c in found.carries], found.first_is_lead)


def _shifted(units: list[Unit], offset: int) -> list[Unit]:
    return [Unit(u.info, u.written, u.start + offset, u.end + offset) for u in units]


@lru_cache(maxsize=20_000)
def _parse_cached(clause: str, where: Jurisdiction | None, first_is_lead: bool, bare: bool,
                  cut: bool) -> Clause | None:
    return _parse_clause(clause, 0, len(clause), where, first_is_lead, bare, cut)


def _parse_clause(text: str, start: int, end: int, where: Jurisdiction | None, first_is_lead: bool,
                  bare: bool = False, cut: bool = False) -> Clause | None:
    """The roles a responsibility clause ``text[start:end]`` (without its brackets) states, or None when the
    span is not a clause. ``first_is_lead``: the document declares that the first listed unit leads. ``bare``:
    a list of agencies with no label or verb at all counts as responsible (a bracket closing a measure).
    ``cut``: the text ends inside the clause, so its last unit may be cut short (省发展改革 for 省发展改革委).
    A sentence of other matter beside a labelled one (办理方式：申请享受。责任单位：…) is passed over."""
    clause = Clause(start, end)
    sentences: list[list[_Phrase]] = []
    failed_plain = False
    # a clause declaring how its list reads (…、中储粮株洲直属库。排名第一的为牵头单位) is a list of units, like a
    # labelled one: a unit in it that names no agency is passed over
    declares = FIRST_IS_LEAD.search(text, start, end) is not None
    for s_start, s_end in _sentence_spans(text, start, end):
        piece = text[s_start:s_end]
        if not piece.strip() or _SCHEDULE.match(piece):
            continue
        if cut and s_end >= end and _CUT_CONVENTION.fullmatch(piece.strip()):
            clause.first_is_lead = True  # 列第一位者  (the text ends): the convention, cut short
            continue
        if _declaration(clause, text, s_start, s_end, where):
            continue
        phrases: list[_Phrase] = []
        p_pos = s_start
        ok = True
        for part in _PHRASE.split(piece):
            p_start, p_end = p_pos, p_pos + len(part)
            p_pos = p_end + 1
            if phrases and phrases[-1].units and _LISTED_ONCE.match(part):
                # …负责实施，以下不再一一列出: the units just named hold for the measures below too
                clause.carries.append(Carry("all", [u for u in phrases[-1].units if u.info is not None]))
                continue
            if _SCHEDULE.match(part) or _declaration(clause, text, p_start, p_end, where, phrase=True):
                continue
            phrase = _phrase(text, p_start, p_end, where, cut and p_end >= end,  # 责任单位：A等，B，C管委会
                             after_label=declares or any(p.labelled for p in phrases))
            if phrase is None:
                ok = False
                break
            phrases.append(phrase)
        if not ok:
            if has_cue(piece) and not any(p.labelled for phrases in sentences for p in phrases):
                return None  # prose that speaks of 负责 or 牵头: no clause (after a labelled sentence, a note)
            failed_plain = True
            continue
        sentences.append(phrases)
    if failed_plain and not any(p.labelled for phrases in sentences for p in phrases):
        return None
    first_is_lead = first_is_lead or clause.first_is_lead
    _second_lead_labels(sentences)
    roles: list[tuple[str, list[Unit]]] = []
    for phrases in sentences:
        roles.extend(_sentence_roles(phrases))
    if cut:  # a list the text's end cut before its verb (…、财政部 | end): read as its verb would have it
        roles = [("responsible" if role == "bare" else role, units) for role, units in roles]
    has_lead = any(role == "lead" and any(u.info for u in units) for role, units in roles)
    for role, units in roles:
        if role == "lead":
            clause.lead += units
        elif role == "co":
            clause.co += units
        elif role == "responsible" and has_lead:
            clause.co += units
        elif role in ("responsible", "bare") and first_is_lead and (role == "responsible" or clause.first_is_lead):
            # a bare list declaring its own convention (市税务局、市财政局，列第一位的为牵头单位) reads by it
            if not clause.lead and not clause.co and units:
                clause.lead.append(units[0])
                units = units[1:]
            clause.co += units
        elif role == "responsible" or (role == "bare" and bare and len(roles) == 1 and units
                                         and all(u.info is not None and u.info.known for u in units)):
            clause.responsible += units
    if not (clause.lead or clause.co or clause.responsible or clause.carries or clause.first_is_lead):
        return None
    _keep_agencies(clause)
    return clause


def _second_lead_labels(sentences: list[list[_Phrase]]) -> None:
    """After a 牵头 label, a second label of the lead kind names the units that do the work under the lead
    (牵头单位：市农办；主办单位：市编办、市教育局): they support it."""
    led = False
    for phrases in sentences:
        for phrase in phrases:
            if phrase.labelled and phrase.role == "lead":
                if led and "牵头" not in phrase.label:
                    phrase.role = "co"
                led = led or "牵头" in phrase.label


def _sentence_roles(phrases: list[_Phrase]) -> list[tuple[str, list[Unit]]]:
    """(role, units) of each phrase of a sentence, unmarked phrases taking their neighbour's role."""
    out: list[tuple[str, list[Unit]]] = []
    pending: list[Unit] = []
    previous: str | None = None
    for phrase in phrases:
        if phrase.role == "person":
            previous = None
            continue
        if phrase.role is None:
            if previous is not None and previous != "lead":
                out.append((previous, phrase.units))  # the label before it goes on (责任单位：A、B，C)
            else:
                pending += phrase.units
            continue
        if phrase.role == "lead" and pending:
            out.append(("lead", pending))
        elif pending:
            out.append((phrase.role, pending))
        pending = []
        out.append((phrase.role, phrase.units))
        previous = phrase.role if phrase.labelled else ("co" if phrase.role == "lead" else phrase.role)
    if pending:
        out.append((previous or "bare", pending))
    return out


def _keep_agencies(clause: Clause) -> None:
    """Units that name no agency (vague ones) leave the lists once their position has counted."""
    for role in ("lead", "co", "responsible"):
        setattr(clause, role, [u for u in getattr(clause, role) if u.info is not None])


def names_persons(text: str) -> bool:
    """Whether ``text`` (simplified) names leaders by their posts only (孟学农省长, 分管副省长、协管副秘书长)."""
    return _PERSONS.fullmatch(text.strip()) is not None


def ends_with_verb(text: str) -> bool:
    """Whether ``text`` (simplified) ends with a role verb (…按职责分工负责, …牵头).)"""
    text = text.rstrip("。；;，, \n")
    return bool(_words().verbs.search(text, max(0, len(text) - _VERB_TAIL)))


def has_cue(text: str) -> bool:
    """Whether ``text`` (simplified) holds a role label or verb at all (a cheap test before parsing)."""
    return bool(_words().cues.search(text))
