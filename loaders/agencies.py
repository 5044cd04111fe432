"""Agency names as written -> canonical agencies of every level, from the reviewable tables in ``data/``.

A unit of a responsibility clause is written relative to the document's jurisdiction (loaders.jurisdiction):
省发展改革委 in a Jiangsu document is 江苏省发展和改革委员会, 市工信局 in a Suzhou document
苏州市工业和信息化局, 人力资源社会保障部 in a State Council document 人力资源和社会保障部. A unit is read as

    [jurisdiction] department

where the jurisdiction is a full name (江苏省, 苏州市, 长兴县), a relative prefix (省, 自治区, 市, 县, 区, 州, 旗,
盟: ``Jurisdiction.relative``), a short name before a zone (宜春经开区管委会) or nothing (a bare name inside a
list belongs to the document's own jurisdiction), and the department is looked up in the table of that level:

- ``data/agencies.tsv``: provinces (one row per department family, expanded for every province in scope),
  the provincial branches of national bodies, and the collective actors of a province;
- ``data/agencies_central.tsv``: the State Council, ministries, administrations, Party and national bodies;
- ``data/departments.tsv``: the departments and collective actors of cities and counties;
- ``data/agency_patterns.tsv``: collective actors with a variable part (纺织服装各省级行业协会).

A unit in no table is an agency only when it follows the agency grammar of ``data/agency_grammar.tsv`` (an
agency suffix such as 厅, 局, 委员会, 中心, 管委会, and none of the clause words such as 有关, 以下, 不再): it
keeps its written name, expanded (the jurisdiction's full name for a prefix, 管委会 -> 管理委员会), with
``known=False``. Anything else (相关企业, 不再列出, 以下均需…) is not an agency.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from policykg.data import read_tsv
from policykg.loaders._automaton import WordAutomaton
from policykg.loaders.jurisdiction import (
    Jurisdiction,
    by_name,
    by_short_name,
    city_jurisdiction,
    province_jurisdiction,
    short_name,
)
from policykg.loaders.provinces import PROVINCES, Province
from policykg.loaders.records import AgencyInfo
from policykg.loaders.simplify import to_simplified

_RELATIVE_PREFIXES = ("自治区", "省", "市", "县", "区", "州", "旗", "盟")
RELATIVE_PREFIXES = _RELATIVE_PREFIXES  # how a text names its own jurisdiction's bodies (省发改委, 区财政局)
_PROVINCE_PREFIXES = ("自治区", "省", "市")  # how a province's own documents write its departments
_SEPARATORS = set("、，,；;／/")
_CONJUNCTIONS = set("和及与暨")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Characters that may stand right before a relative name in running text (由省工业和信息化厅牵头, 会同省财政厅,
# 经省政府同意). Anything else glued before it (各省…, 深圳市…) means it is not this jurisdiction's agency.
_BEFORE_OK = set("由同和及与暨或经请向按对在将把为并从据依报送交给至等是即")
_ROLE_WORDS = re.compile(r"按各自职责分工负责|按职责分工负责|按职责负责|分工负责|共同负责|牵头负责|牵头|负责|配合|参与|会同|协助")
_HEAD_LABEL = re.compile(r"(?:(?:责任|牵头|配合|参与|主责|协办|支持)(?:单位|部门)[：:]?|由|会同)")
_TAILS = ("按各自职责分工负责", "按职责分工负责", "按职责负责", "分工负责", "共同负责", "牵头负责", "牵头", "负责",
          "配合", "参与", "落实", "等有关部门和单位", "等有关单位和部门", "等有关单位", "等相关单位", "等有关部门",
          "等相关部门", "等单位", "等部门", "等")
_BUREAU_BRANCH = re.compile(r"^([\u4e00-\u9fff]{2,16}?局)([\u4e00-\u9fff]{2,8})分局$")
_CUT_OR_BRACKET = re.compile("[" + re.escape("".join(sorted(_SEPARATORS | _CONJUNCTIONS))) + "（）]")
_TAILS_BY_LAST: dict[str, tuple[str, ...]] = {}
for _tail in _TAILS:
    _TAILS_BY_LAST[_tail[-1]] = (*_TAILS_BY_LAST.get(_tail[-1], ()), _tail)
_AGENCY_END = re.compile(r"(?:厅|局|委|会|办|室|府|院|行|署|中心|所|部|队|组|位|门|司|社|站|馆|关)$")
_VAGUE_TAIL = re.compile(r"等(?:[省市县区州盟旗]直?|[省市县区州盟旗]级|各)?(?:有关|相关|其他)?(?:部门|单位|部门和单位|单位和部门)$")
_BRACKET_TAIL = re.compile(r"[（(][^（）()]*[）)]$")
_INNER_BRACKET = re.compile(r"[（(]([^（）()、，,]{1,6})[）)](?=.)")
_SPACE = re.compile(r"\s")
_EDGE_PUNCT = "　 \t\r\n“”\"'‘’《》【】[]:：。，,、；;"
_LABEL_MARK = re.compile(r"[：:；;]")  # a label and its list (数据提供单位：市统计局) is no name
_SECOND_NAME = re.compile(r"[（(]([^（）()]{2,20})[）)]$")
_COUNTED = re.compile(r"^(?:[一二三四五六七八九十两几\d]+个?|部分|各个)(?:市|县|区|州|旗|盟|地)")
# The end of a national body's local branch: its place and the branch word (…云南省分行, …青岛市中心支行).
_BRANCH = re.compile(r"[\u4e00-\u9fff]{2,12}(?:分行|支行|营业管理部|分局|监管局|调查总队|调查队)$")


# Endings that only central bodies' names have (科技部, 市场监管总局, 海关总署, 供销合作总社).
_CENTRAL_ONLY = ("部", "总局", "总署", "署", "总社")

class AgencyMatch(NamedTuple):
    """One agency found in a text: ``written`` as written (whitespace removed), ``[start, end)`` absolute span."""

    info: AgencyInfo
    written: str
    start: int
    end: int


@dataclass(frozen=True)
class _Agency:
    name: str
    type: str
    level: str
    province: str | None


@dataclass(frozen=True)
class _Department:
    """A row of data/departments.tsv."""

    template: str   # 工业和信息化局, or with {J}/{S}: 中共{J}委宣传部, or {P}/{D}: {P}公安局{D}分局
    type: str
    levels: frozenset[str]
    collective: bool
    scope: frozenset[str] = frozenset()  # the provinces where it holds; empty: everywhere

    def holds_in(self, j: Jurisdiction) -> bool:
        return j.level in self.levels and (not self.scope or j.province in self.scope)

    def name_for(self, j: Jurisdiction) -> str:
        if "{" not in self.template:
            return j.name + self.template
        own = j.name[len(j.province):] if j.province and j.name.startswith(j.province) else j.name
        return (self.template.replace("{J}", j.name).replace("{S}", short_name(j))
                .replace("{P}", j.province or "").replace("{D}", own))


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    name: str
    type: str
    level: str


def as_jurisdiction(where: Jurisdiction | str | None) -> Jurisdiction | None:
    """A jurisdiction from what callers hold: a Jurisdiction, a province's full name, or None."""
    if where is None or isinstance(where, Jurisdiction):
        return where
    if where in PROVINCES:
        return province_jurisdiction(where)
    return by_name(where)


class AgencyTable:
    """The expanded agency tables of every level and the automaton over their written forms."""

    def __init__(self, rows: list[dict[str, str]], patterns: list[dict[str, str]], types: list[dict[str, str]],
                 central: list[dict[str, str]], departments: list[dict[str, str]],
                 grammar: list[dict[str, str]]) -> None:
        self.agencies: list[_Agency] = []
        self._by_name: dict[str, int] = {}
        # surface -> {priority: {agency index}}; priority 3 = canonical or listed, 2 = full province name + alias,
        # 1 = short province name + alias
        self.absolute: dict[str, dict[int, set[int]]] = {}
        # (province, alias) -> {(agency index, needs a prefix)}
        self.relative: dict[tuple[str, str], set[tuple[int, bool]]] = {}
        self.alias_kind: dict[str, tuple[str, str]] = {}      # alias -> (type, level), for an unknown province
        self.central_alias: dict[str, int] = {}               # forms of a central document
        self.local: dict[str, list[tuple[_Department, bool]]] = {}  # alias -> (department, needs a prefix)
        self.duplicates: list[str] = []
        self.type_labels = {t["code"]: t["label"] for t in types}
        self._type_keywords = [(t["code"], [k for k in t["keywords"].split("|") if k]) for t in types]
        # aliases a row scoped to named provinces claims there, which broader rows (*, 省) then leave to it
        self._claimed = {(scope, alias.lstrip("=")) for row in rows
                         for scope in row["scope"].split("|") if scope in PROVINCES
                         for alias in row["aliases"].split("|") if alias}
        for row in rows:
            self._add_row(row)
        for row in central:
            self._add_central(row)
        for row in departments:
            self._add_department(row)
        self.patterns = [_Pattern(re.compile(p["pattern"]), p["name"], p["type"], p["level"]) for p in patterns]
        self.suffixes = tuple(sorted((g["form"] for g in grammar if g["kind"] == "suffix"), key=len, reverse=True))
        self.clause_words = re.compile("|".join(re.escape(g["form"]) for g in grammar if g["kind"] == "clause_word"))
        self.generic = {g["form"] for g in grammar if g["kind"] == "generic"}
        abbreviations = {g["form"]: g["expansion"] for g in grammar if g["kind"] == "abbreviation"}
        self._abbreviation = re.compile("|".join(map(re.escape, sorted(abbreviations, key=len, reverse=True))))
        self._expansions = abbreviations
        self.automaton = WordAutomaton(self._surfaces(), overlapping=False)
        self._infos: dict[int, AgencyInfo] = {}

    # ---- building
    def _scope(self, scope: str) -> list[Province]:
        out: list[Province] = []
        for token in scope.split("|"):
            if token == "*":
                out += PROVINCES.values()
            elif token in ("省", "自治区", "直辖市"):
                out += [p for p in PROVINCES.values() if p.kind == token]
            elif token in PROVINCES:
                out.append(PROVINCES[token])
            else:
                raise ValueError(f"data/agencies.tsv: unknown scope {token!r}")
        return out

    def _check_type(self, table: str, type_: str, name: str) -> None:
        if type_ not in self.type_labels:
            raise ValueError(f"data/{table}: unknown type {type_!r} for {name}")

    def _new_agency(self, name: str, type_: str, level: str, province: str | None) -> int | None:
        if name in self._by_name:
            self.duplicates.append(name)
            return None
        idx = len(self.agencies)
        self.agencies.append(_Agency(name, type_, level, province))
        self._by_name[name] = idx
        self._add_absolute(name, idx, 3)
        return idx

    def _add_row(self, row: dict[str, str]) -> None:
        self._check_type("agencies.tsv", row["type"], row["name"])
        for p in self._scope(row["scope"]):
            def fill(s: str, p: Province = p) -> str:
                return s.replace("{省}", p.name).replace("{短}", p.short)

            idx = self._new_agency(fill(row["name"]), row["type"], row["level"], p.name)
            if idx is None:
                continue
            for w in filter(None, row["written"].split("|")):
                self._add_absolute(fill(w), idx, 3)
            aliases = [fill(a) for a in row["aliases"].split("|") if a]
            if row["name"].startswith("{省}"):
                aliases.append(row["name"][len("{省}"):])
            specific = all(token in PROVINCES for token in row["scope"].split("|"))
            for alias in aliases:
                needs_prefix = alias.startswith("=")
                alias = alias.lstrip("=")
                if not specific and (p.name, alias) in self._claimed:
                    continue
                self.relative.setdefault((p.name, alias), set()).add((idx, needs_prefix))
                self.alias_kind.setdefault(alias, (row["type"], row["level"]))
                self._add_absolute(p.name + alias, idx, 2)
                if p.kind == "自治区":
                    self._add_absolute(p.short + "自治区" + alias, idx, 2)
                if p.kind != "直辖市" and not needs_prefix:
                    self._add_absolute(p.short + alias, idx, 1)

    def _add_central(self, row: dict[str, str]) -> None:
        self._check_type("agencies_central.tsv", row["type"], row["name"])
        level = "collective" if row["name"].startswith("各") else "central"
        idx = self._new_agency(row["name"], row["type"], level, None)
        if idx is None:
            return
        for w in filter(None, row["written"].split("|")):
            self._add_absolute(w, idx, 3)
        for alias in filter(None, row["aliases"].split("|")):
            self.central_alias[alias] = idx
        self.central_alias[row["name"]] = idx
        if level == "central" and row["name"].endswith(("部", "委员会", "总局", "署")):  # its general office
            office = self._new_agency(row["name"] + "办公厅", "general_office", "central", None)
            if office is not None:
                self.central_alias[row["name"] + "办公厅"] = office

    def _add_department(self, row: dict[str, str]) -> None:
        self._check_type("departments.tsv", row["type"], row["name"])
        scope = frozenset(filter(None, row.get("scope", "").split("|")))
        if scope - set(PROVINCES):
            raise ValueError(f"data/departments.tsv: unknown scope {sorted(scope - set(PROVINCES))} for {row['name']}")
        dept = _Department(row["name"], row["type"], frozenset(row["levels"].split("|")),
                           row["name"].startswith("{J}各"), scope)
        aliases = [a for a in row["aliases"].split("|") if a]
        plain = re.sub(r"\{[JSPD]\}", "", row["name"])
        if "=" + plain not in aliases and not row["name"].startswith(("中共", "共青团", "中国", "国家", "{P}")):
            aliases.append(plain)
        for alias in aliases:
            needs_prefix = alias.startswith("=")
            entries = self.local.setdefault(alias.lstrip("="), [])
            if (dept, needs_prefix) not in entries:
                entries.append((dept, needs_prefix))
                entries.sort(key=lambda entry: not entry[0].scope)  # a scoped row before the general one

    def _add_absolute(self, surface: str, idx: int, priority: int) -> None:
        self.absolute.setdefault(surface, {}).setdefault(priority, set()).add(idx)

    def _surfaces(self) -> Iterable[str]:
        """Every written form a text may hold: what the automaton finds (and never cuts inside)."""
        yield from self.absolute
        for (_, alias), entries in self.relative.items():
            if any(not needs for _, needs in entries):
                yield alias
            for prefix in _PROVINCE_PREFIXES:
                yield prefix + alias
        for alias in self.central_alias:
            yield alias
        for alias, entries in self.local.items():
            if any(not needs for _, needs in entries):
                yield alias
            for prefix in ("市", "县", "区", "州", "旗", "盟"):
                yield prefix + alias

    # ---- lookups
    def ambiguous(self) -> list[str]:
        """Surfaces that name two agencies at their best priority (a table error)."""
        out = [s for s, by in self.absolute.items() if len(by[max(by)]) > 1]
        out += [f"{p}:{a}" for (p, a), entries in self.relative.items() if len({i for i, _ in entries}) > 1]
        return out

    def agency(self, name: str) -> _Agency | None:
        idx = self._by_name.get(name)
        return None if idx is None else self.agencies[idx]

    def guess_type(self, name: str) -> str:
        for code, keywords in self._type_keywords:
            if any(k in name for k in keywords):
                return code
        return "other"

    def follows_grammar(self, name: str) -> bool:
        """Whether ``name`` (not in the tables) reads as an agency: an agency suffix, no clause word."""
        return (3 <= len(name) <= 40 and name.endswith(self.suffixes) and not self.clause_words.search(name)
                and bool(_CJK.match(name)) and not any(c.isdigit() for c in name) and not _LABEL_MARK.search(name))

    def expand(self, name: str) -> str:
        """Zone and committee abbreviations written out (宜春经开区管委会 -> 宜春经济技术开发区管理委员会)."""
        return self._abbreviation.sub(lambda m: self._expansions[m.group()], name) if name else name

    def matches(self, compact: str) -> list[tuple[int, int, str]]:
        """Leftmost-longest table surfaces in ``compact``: (start, end, surface)."""
        return [(start, start + len(word), word) for start, word in self.automaton.find_longest(compact)]

    # ---- resolution
    def resolve(self, surface: str, where: Jurisdiction | None) -> AgencyInfo | None:
        """The agency a whole written unit names in a document of ``where``; None when it names none."""
        return _resolved(self, surface, where)

    def _resolve(self, s: str, where: Jurisdiction | None) -> AgencyInfo | None:
        by = self.absolute.get(s)
        if by:
            best = by[max(by)]
            if len(best) == 1:
                return self._info(next(iter(best)))
        if where is not None and where.level == "central" and s in self.central_alias:
            return self._info(self.central_alias[s])

        body = s[2:] if s.startswith("中共") and len(s) > 4 else s
        # a full jurisdiction name first (苏州市工信局, 长兴县人民政府), the longest that leaves a known department
        for k in range(min(len(body) - 1, 16), 1, -1):
            j = by_name(body[:k], where.province if where else None)
            if j is not None:
                found = self._at(j, body[k:], prefixed=True)
                if found:
                    return found
        for prefix in _RELATIVE_PREFIXES:  # 省发展改革委, 市工信局, 县发改局, 区发展改革委 (自治区)
            if body.startswith(prefix) and len(body) > len(prefix) and where is not None:
                j = where.relative(prefix)
                if j is not None:
                    found = self._at(j, body[len(prefix):], prefixed=True)
                    if found:
                        return found
        if where is not None:
            found = self._at(where, s, prefixed=False)
            if found:
                return found
        elif s in self.central_alias and s.endswith(_CENTRAL_ONLY):
            return self._info(self.central_alias[s])  # 科技部 in a text of no known level: no province has a 部
        return (self._pattern(s, where) or self._branch_of(s, where) or self._with_former_name(s, where)
                or self._unknown(s, where))

    def _with_former_name(self, s: str, where: Jurisdiction | None) -> AgencyInfo | None:
        """A body written with the other name it bears in brackets (自治区农牧厅（乡村振兴局）): the first name."""
        if not s.endswith(("）", ")")):
            return None
        m = _SECOND_NAME.search(s)
        if m is None or m.start() < 2:
            return None
        inner = self.resolve(m.group(1), where)
        outer = self.resolve(s[:m.start()], where)
        return outer if outer is not None and inner is not None and inner.known else None

    def _branch_of(self, s: str, where: Jurisdiction | None) -> AgencyInfo | None:
        """A bureau's branch written with the bureau as the document names it (市规划资源局滨海新区分局 ->
        天津市规划和自然资源局滨海新区分局)."""
        if not s.endswith("分局"):
            return None
        m = _BUREAU_BRANCH.match(s)
        if not m:
            return None
        bureau = self.resolve(m.group(1), where)
        if bureau is None or not bureau.known or not bureau.name.endswith("局"):
            return None
        return AgencyInfo(name=bureau.name + m.group(2) + "分局", written=[], level="county", type=bureau.type,
                          province=bureau.province, known=True)

    def _at(self, j: Jurisdiction, rest: str, prefixed: bool) -> AgencyInfo | None:
        """The department ``rest`` of jurisdiction ``j`` (written after its prefix when ``prefixed``)."""
        if not rest:
            return None
        if j.level == "central":
            idx = self.central_alias.get(rest)
            return self._info(idx) if idx is not None else None
        if j.level == "province":
            found = {i for i, needs in self.relative.get((j.name, rest), ()) if prefixed or not needs}
            return self._info(next(iter(found))) if len(found) == 1 else None
        for dept, needs in self.local.get(rest, ()):
            if dept.holds_in(j) and (prefixed or not needs):
                return self._local_info(dept, j)
        if j.level == "county" and j.city and rest.endswith("分局") and len(rest) > 3:
            # 区国土分局, 县生态环境分局: the county's branch of its city's bureau (昆明市国土资源局官渡分局)
            bureau = self._at(city_jurisdiction(j.city, j.province), rest[:-2] + "局", prefixed=True)
            if bureau is not None and bureau.name.endswith("局"):
                return AgencyInfo(name=bureau.name + short_name(j) + "分局", written=[], level="county",
                                  type=bureau.type, province=j.province, known=True)
        if not prefixed and rest.endswith("厅") and j.province:  # a bare 财政厅 in a city's list: the province's
            return self._at(province_jurisdiction(j.province), rest, prefixed=False)
        return None

    def _pattern(self, s: str, where: Jurisdiction | None) -> AgencyInfo | None:
        """Collective actors with a variable part (纺织服装各省级行业协会), of a province."""
        # the owner: a province named in full, else the jurisdiction a relative prefix (省, 市, 区) or the
        # document itself speaks for (区疫情防控工作领导小组办公室 in 杨浦区's document is 杨浦区's)
        owner = where if where is not None and where.level != "central" else None
        rest = s
        for p in PROVINCES.values():
            if s.startswith(p.name) and len(s) > len(p.name):
                rest, owner = s[len(p.name):], province_jurisdiction(p.name)
                break
        else:
            named = _named_place(s, where)  # 玉林市应对气候变化…领导小组办公室: a city or county named in full
            if named is not None:
                owner, rest = named[0], s[named[1]:]
            for prefix in _RELATIVE_PREFIXES if named is None else ():
                if s.startswith(prefix) and not s.startswith("市场") and len(s) > len(prefix):
                    rest = s[len(prefix):]
                    if where is not None:
                        owner = where.relative(prefix) or owner
                    break
        province = owner.province if owner is not None else None
        for pat in self.patterns:
            m = pat.regex.match(rest)
            if not m:
                continue
            if owner is None:
                return AgencyInfo(name=s, written=[s], level=pat.level, type=pat.type, province=None, known=False)
            name = pat.name.replace("{省}", owner.name)
            for key, value in m.groupdict().items():
                name = name.replace("{" + key + "}", value or "")
            name = self.expand(name)  # 区创文工作领导小组成员单位: 创建文明城市
            return AgencyInfo(name=name, written=[s], level=pat.level, type=pat.type, province=province, known=True)
        return None

    def _unknown(self, s: str, where: Jurisdiction | None) -> AgencyInfo | None:
        """A unit in no table: kept when it follows the agency grammar, with its prefix spelled out."""
        own_zone = self._own_zone(s, where)
        if own_zone is not None:
            return own_zone
        if _ZONE_END.search(s) and not self._generic(s) and not self.follows_grammar(s) and _names_place(s, where):
            s = s + "管委会"  # a zone named in a unit list (立山经济开发区, 滁州经开区、…管委会): its committee
        if not self.follows_grammar(s) or self._generic(s):
            return None
        branch = self._national_branch(s)
        if branch is not None:
            return branch
        if _COUNTED.match(s) or "各" in s:
            return None  # 四市人民政府, 部分市人民政府, 市政府各部门: which ones the clause does not say
        if where is None and (s.startswith(_RELATIVE_PREFIXES) or s in self.local or s in self.alias_kind):
            return None  # 区发改委 where the document's jurisdiction is unknown: whose is not said
        if where is not None and s.startswith(_RELATIVE_PREFIXES) and not s.startswith(("市场", "区域", "省级", "市级")):
            prefix = next(p for p in _RELATIVE_PREFIXES if s.startswith(p))
            if where.relative(prefix) is None:
                return None  # 县政府 in a provincial document: which county is not said
        name, province, level = s, None, "other"
        j = None
        for k in range(min(len(s) - 1, 16), 1, -1):
            j = by_name(s[:k], where.province if where else None)
            if j is not None:
                break
        if j is None and where is not None:
            for prefix in _RELATIVE_PREFIXES:
                if s.startswith(prefix) and not s.startswith("市场") and len(s) > len(prefix):
                    target = where.relative(prefix)
                    if target is not None:
                        rest = s[len(prefix):]
                        if rest.startswith("政府") and not rest.startswith("政府采购"):
                            rest = "人民" + rest  # 县政府园区发展服务中心 -> 金乡县人民政府园区发展服务中心
                        name, j = target.name + rest, target
                    break
        if j is None:
            for k in range(min(len(s) - 2, 8), 1, -1):  # a short name before a zone: 宜春经开区管委会
                short = by_short_name(s[:k], where.province if where else None)
                if short is not None:
                    j = short
                    break
        if j is not None:
            province = j.province
            level = {"province": "provincial"}.get(j.level, j.level)
        name = self.expand(name)
        return AgencyInfo(name=name, written=[s], level=level, type=self.guess_type(name), province=province,
                          known=False)

    def _own_zone(self, s: str, where: Jurisdiction | None) -> AgencyInfo | None:
        """The committee of a city's or county's own zone written with the relative prefix (市经济开发区管委会 in a
        周口 document): zones are named with their city's short name (周口经济开发区管理委员会)."""
        m = _OWN_ZONE.match(s)
        target = where.relative(m.group(1)) if m and where is not None else None
        if target is None or target.level not in ("city", "county"):
            return None
        name = self.expand(short_name(target) + m.group(2) + "管委会")
        return AgencyInfo(name=name, written=[s], level=target.level, type=self.guess_type(name),
                          province=target.province, known=False)

    def _generic(self, s: str) -> bool:
        """A committee of zones in general, not of a named one (园区管委会, 各开发区（投资区）管委会)."""
        stem = re.sub(r"[（(][^（）()]*[）)]", "", s)
        stem = re.sub(r"(?:管委会|管理委员会|管委)$", "", stem)
        stem = re.sub(r"^(?:[省市县区]|各|有关|相关)+", "", stem)
        return stem in self.generic or not stem

    def _national_branch(self, s: str) -> AgencyInfo | None:
        """A local branch of a national body written with the body's short name (农业发展银行云南省分行 ->
        中国农业发展银行云南省分行)."""
        if not _BRANCH.search(s):
            return None
        for k in range(len(s) - 3, 1, -1):
            idx = self.central_alias.get(s[:k])
            if idx is not None and _BRANCH.fullmatch(s[k:]) and self.agencies[idx].level == "central":
                body = self.agencies[idx]
                return AgencyInfo(name=body.name + s[k:], written=[s], level="national-branch", type=body.type,
                                  province=None, known=False)
        return None

    def _info(self, idx: int) -> AgencyInfo:
        """The (shared, read-only) record of table agency ``idx``."""
        info = self._infos.get(idx)
        if info is None:
            a = self.agencies[idx]
            info = self._infos[idx] = AgencyInfo(name=a.name, written=[], level=a.level, type=a.type,
                                                 province=a.province, known=True)
        return info

    def _local_info(self, dept: _Department, j: Jurisdiction) -> AgencyInfo:
        level = "collective" if dept.collective else j.level
        return AgencyInfo(name=dept.name_for(j), written=[], level=level, type=dept.type, province=j.province,
                          known=True)


@lru_cache(maxsize=100_000)
def _resolved(table: AgencyTable, surface: str, where: Jurisdiction | None) -> AgencyInfo | None:
    """``table.resolve``, remembered: a batch names the same units in document after document."""
    return table._resolve(surface, where)


@lru_cache(maxsize=1)
def agency_table() -> AgencyTable:
    return AgencyTable(read_tsv("agencies.tsv"), read_tsv("agency_patterns.tsv"), read_tsv("agency_types.tsv"),
                       read_tsv("agencies_central.tsv"), read_tsv("departments.tsv"), read_tsv("agency_grammar.tsv"))


def agency_types() -> dict[str, str]:
    """Agency type code -> Chinese label."""
    return dict(agency_table().type_labels)


# ---- text helpers

def _compact(text: str) -> tuple[str, list[int]]:
    """``text`` without whitespace (simplified), and the index in ``text`` of each kept character."""
    if not _SPACE.search(text):
        return _full_parens(to_simplified(text)), list(range(len(text)))
    runs: list[str] = []
    keep: list[int] = []
    for m in _NON_SPACE_RUN.finditer(text):
        runs.append(m.group())
        keep.extend(range(m.start(), m.end()))
    return _full_parens(to_simplified("".join(runs))), keep


def _full_parens(s: str) -> str:
    return s.translate(_FULL_PARENS) if "(" in s or ")" in s or "〔" in s else s


_NON_SPACE_RUN = re.compile(r"\S+")
_FULL_PARENS = str.maketrans("()〔〕", "（）（）")  # the tables write 各县（市、区）; pages write 各县(市、区), 各县〔市、区〕


def _clean(written: str) -> str:
    return to_simplified("".join(written.split()).strip(_EDGE_PUNCT))


def _with_written(info: AgencyInfo, written: str) -> AgencyInfo:
    return info.model_copy(update={"written": [written]})


def _normalise_clean(s: str, where: Jurisdiction | None) -> AgencyInfo | None:
    table = agency_table()
    info = table.resolve(s, where)
    if info is not None:
        return info
    for variant in (_BRACKET_TAIL.sub("", s), _INNER_BRACKET.sub(r"\1", s)):  # 有关市（州）人民政府 -> 有关市州人民政府
        if variant != s and variant:
            info = table.resolve(variant, where)
            if info is not None and info.known:
                return info
    if _GOVERNMENTS.fullmatch(s):  # 各市（地）、县（市）政府（行署） -> 各市县人民政府
        plain = _ANY_BRACKET.sub("", s).replace("、", "")
        plain = plain if plain.endswith("人民政府") else plain[: -len("政府")] + "人民政府"
        info = table.resolve(plain, where)
        if info is not None and info.known:
            return info
    return None


# The governments of every place of some kinds, the kinds listed with notes in brackets: 各市（地）、县（市）政府
# （行署）, 各市、县、区人民政府. One unit, however many 、 it holds.
_GOVERNMENTS = re.compile(r"各(?:[市县区州地盟旗](?:（[^（）]{1,8}）)?、?){1,4}(?:人民)?政府(?:（[^（）]{1,8}）)?")
_ANY_BRACKET = re.compile(r"（[^（）]*）")


def resolve_agency(written: str, where: Jurisdiction | str | None) -> AgencyInfo | None:
    """The canonical agency one written unit names, or None when it names none (相关企业, 不再列出).

    ``where`` is the document's jurisdiction (or a province's full name), which relative forms need
    (省发展改革委, 市工信局, a bare 市场监管局 inside a list)."""
    s = _clean(written or "")
    if not s:
        return None
    info = _normalise_clean(s, as_jurisdiction(where))
    return _with_written(info, s) if info is not None else None


def normalise_agency(written: str, where: Jurisdiction | str | None) -> AgencyInfo:
    """``resolve_agency``, never None: a unit that names no agency keeps its written form, type "other",
    ``known=False`` (for callers that must show something, such as the query layer)."""
    info = resolve_agency(written, where)
    if info is not None:
        return info
    s = _clean(written or "") or (written or "")
    table = agency_table()
    return AgencyInfo(name=s, written=[written or ""], level="other", type=table.guess_type(s) if s else "other",
                      known=False)


def shared_agency(name: str, where: Jurisdiction | str | None) -> AgencyInfo:
    """The record of a canonical agency name (as ``normalise_agency`` gives it), for a document's agency list."""
    return _shared(name, as_jurisdiction(where))


@lru_cache(maxsize=20_000)
def _shared(name: str, where: Jurisdiction | None) -> AgencyInfo:
    return normalise_agency(name, where)


def follows_agency_grammar(name: str) -> bool:
    """Whether an emitted agency name is a table agency or reads as one (``AgencyTable.follows_grammar``):
    the property every record keeps (no 不再列出, 以下均需…, 相关企业 ever reaches a record)."""
    table = agency_table()
    if name.endswith("成员单位"):  # a leading group's members (data/agency_patterns.tsv): the group is an agency
        name = name[: -len("成员单位")]
    if table.agency(name) is not None or table.follows_grammar(name):
        return True
    found = _normalise_clean(name, None)  # a city's or county's department or collective (…区各街道办事处)
    return found is not None and found.known and found.name == name


# ---- unit lists

class Unit(NamedTuple):
    """One unit of a list as written: its agency (None for a vague or non-agency unit) and its span."""

    info: AgencyInfo | None
    written: str
    start: int
    end: int

    @property
    def vague(self) -> bool:
        """A unit that names no agency but is a vague collective, not prose: 有关部门, 各金融机构, 园区管委会,
        县政府 in a provincial document (which county is not said)."""
        return self.info is None and is_vague(self.written)


_VAGUE = re.compile(r"有关|相关|其他|其它|各|单位$|部门$|机构$|企业$|国企$|载体$|主体$|方面$|县市区$|^等")


def is_vague(written: str, where: Jurisdiction | None = None) -> bool:
    """Whether a unit that names no agency is only a vague or generic one (see ``Unit.vague``)."""
    s = to_simplified(written)
    if len(s) > 20:
        return False
    table = agency_table()
    if _VAGUE.search(s) or _COUNTED.match(s) or table._generic(s):  # …, 开发园区, 园区管委会
        return True
    return s.startswith(("县", "区", "市", "州", "旗", "盟")) and s.endswith(("政府", "人民政府"))


def _split_points(compact: str, protected: list[tuple[int, int]], open_end: bool = False) -> list[tuple[int, int]]:
    """Segments of a unit list: cut at separators, and at 和/及 where a name has just ended."""
    inside: set[int] = set()
    ends = set()
    for a, b in protected:
        inside.update(range(a, b))
        ends.add(b)
    segments, start = [], 0
    depth = 0  # inside brackets nothing is cut (各县（市、区）农业农村局)
    for m in _CUT_OR_BRACKET.finditer(compact):
        i, c = m.start(), m.group()
        if c == "（":
            depth += 1
            continue
        if c == "）":
            depth = max(0, depth - 1)
            continue
        if depth or i in inside:
            continue
        cut = c in _SEPARATORS
        if c in _CONJUNCTIONS and compact.startswith(("相关", "有关"), start):
            continue  # 相关区市县政府和先导区管委会: 相关 holds for both, one vague unit
        if c in _CONJUNCTIONS and i > start and (open_end or i + 1 < len(compact)):
            # (A、B等和地方人民政府: 等 closes the list before the conjunction)
            cut = i in ends or compact[i - 1] == "等" or bool(_AGENCY_END.search(compact[start:i]))
        if cut:
            segments.append((start, i))
            start = i + 1
    segments.append((start, len(compact)))
    return segments


def _trim(compact: str, a: int, b: int) -> tuple[int, int]:
    """Drops role labels (责任单位：, 牵头, 按职责分工负责) and vague tails (等有关单位) around a segment."""
    changed = True
    while changed and a < b:
        changed = False
        m = _HEAD_LABEL.match(compact, a, b)
        if m and m.end() > a:
            a, changed = m.end(), True
        last = compact[b - 1]
        for tail in _TAILS_BY_LAST.get(last, ()):  # the tails that can end here (most segments: none)
            if compact.endswith(tail, a, b) and b - len(tail) >= a:
                b, changed = b - len(tail), True
                break
        else:
            vague_tail = _VAGUE_TAIL.search(compact, a, b) if last in "门位" else None  # 能源局等省有关部门
            if vague_tail and vague_tail.start() > a:
                b, changed = vague_tail.start(), True
        while a < b and compact[a] in _EDGE_PUNCT:
            a, changed = a + 1, True
        while a < b and compact[b - 1] in _EDGE_PUNCT:
            b, changed = b - 1, True
    return a, b


def list_units(clause: str, where: Jurisdiction | str | None, offset: int = 0) -> list[Unit]:
    """Every unit of a unit list, in order, vague ones included (``info`` None): a declared first-is-lead
    convention counts a vague first unit ("各有关部门和单位，各省级人民政府按职责分工负责": nobody leads).

    Separators are 、，,；; and 和/及 where a name ends (never inside 工业和信息化厅, 各县、区人民政府); role
    words and vague tails (等有关单位) are trimmed. Offsets are ``offset`` + index in ``clause``. The agency
    records are shared: read only."""
    return [Unit(info, written, offset + a, offset + b) for info, written, a, b in _units(clause, as_jurisdiction(where))]


@lru_cache(maxsize=20_000)  # unit lists recur: the same departments in clause after clause
def _units(clause: str, where: Jurisdiction | None) -> tuple[tuple[AgencyInfo | None, str, int, int], ...]:
    compact, index = _compact(clause)
    if not compact:
        return ()
    table = agency_table()
    found = table.matches(compact)
    protected = [(a, b) for a, b, surface in found]
    if "各" in compact and "政府" in compact:
        protected += [m.span() for m in _GOVERNMENTS.finditer(compact)]
    out: list[tuple[AgencyInfo | None, str, int, int]] = []
    segments: list[tuple[int, int]] = []
    for seg_a, seg_b in _split_points(compact, protected):
        a, b = _trim(compact, seg_a, seg_b)
        if a >= b:
            continue
        inner = [(x, y) for x, y in protected if a <= x and y <= b]
        tiled = len(inner) > 1 and inner[0][0] == a and inner[-1][1] == b and all(
            p[1] == q[0] for p, q in zip(inner, inner[1:], strict=False))
        segments.extend(inner if tiled else [(a, b)])
    names = [compact[x:y] for x, y in segments]
    # the prefix the list's departments are written with: the relative prefix of the last unit that wrote one
    # (自治区财政厅、…), or the document's own jurisdiction after a department written bare (财政局、发改局、…)
    prefix = ""
    for i, (written, (x, y)) in enumerate(zip(names, segments, strict=True)):
        info = _normalise_clean(written, where) or _distributed(written, names[i + 1:], where)
        if (info is not None and not info.known and info.province is None and prefix
                and not written.startswith(_RELATIVE_PREFIXES) and _department_like(info.name, where)):
            # a name in no table among the list's departments shares their prefix (…、产业园区改革发展办公室)
            info = _shared_prefix(prefix + written, where) or info
        if written.startswith(_RELATIVE_PREFIXES):
            prefix = next(p for p in _RELATIVE_PREFIXES if written.startswith(p))
        elif info is not None and info.known and where is not None and where.level != "central" \
                and info.name.startswith(where.name):
            prefix = prefix or where.name
        out.append((info, written, index[x], index[y - 1] + 1))
    return tuple(out)


_ZONE_END = re.compile(r"(?:开发区|经开区|高新区|示范区|新区|工业园区|产业园区|工业园|产业园|科技城|保税区|综保区|试验区|合作区)$")
# A zone of a kind a city or county has one of, its committee written with the relative prefix (市经济开发区管委会).
_OWN_ZONE = re.compile(r"^([市县])(经济开发区|经济技术开发区|经开区|高新技术产业开发区|高新区|示范区|开发区)(?:管委会|管理委员会|管委)$")
_DEPARTMENT_ENDS = ("厅", "局", "委", "委员会", "办", "办公室", "署", "中心")


def _names_place(name: str, where: Jurisdiction | None) -> bool:
    """Whether a name holds a city's or county's name, full or short (立山经济开发区, 滁州经开区)."""
    province = where.province if where else None
    return any(by_short_name(part, province) or by_name(part, province)
               or (where is not None and where.level == "county" and where.name.endswith(part + "区"))
               for i in range(len(name) - 1) for k in range(2, 5) if (part := name[i:i + k]))


def _department_like(name: str, where: Jurisdiction | None) -> bool:
    """A name a government's department could have (产业园区改革发展办公室), not an institute, a zone's committee or a body
    named after a place (中新苏滁高新区管委会, 哈尔滨铁路局, 人民银行辽阳市中心支行), which no prefix is written before."""
    if name.endswith(("管委会", "管理委员会")) or not name.endswith(_DEPARTMENT_ENDS):
        return False  # (an institute or a company in the list, 纺织服装产业研究院, is no department)
    return not _names_place(name, where)


def _shared_prefix(written: str, where: Jurisdiction | None) -> AgencyInfo | None:
    """A unit read with the prefix of the unit before it, when that names a jurisdiction it did not have."""
    info = _normalise_clean(written, where)
    return info if info is not None and info.province is not None else None


def complete_unit(unit: Unit, where: Jurisdiction | str | None) -> Unit:
    """A unit cut short by the end of the text (省发展改革, 市国资), completed when one agency of its
    jurisdiction has a written form that starts with it."""
    where = as_jurisdiction(where)
    table = agency_table()
    s = to_simplified(unit.written)
    targets: list[tuple[Jurisdiction, str]] = []
    for prefix in _RELATIVE_PREFIXES:
        if s.startswith(prefix) and where is not None and where.relative(prefix) is not None:
            targets.append((where.relative(prefix), s[len(prefix):]))
    if where is not None:
        targets.append((where, s))
    for j, rest in targets:
        if not rest or s in _RELATIVE_PREFIXES:
            continue  # 市 alone (…、市卫健委、市 | end): which of the city's bodies is not said
        found: dict[str, tuple[int, AgencyInfo]] = {}
        aliases = (table.central_alias if j.level == "central" else
                   [a for (p, a) in table.relative if p == j.name] if j.level == "province" else table.local)
        for alias in aliases:
            if alias.startswith(rest) and alias != rest:
                info = table._at(j, alias, prefixed=True)
                if info is not None and (info.name not in found or len(alias) < found[info.name][0]):
                    found[info.name] = (len(alias), info)
        if found:  # the agency of the shortest form; among equals the table's first (its more common form)
            _, info = min(found.values(), key=lambda x: x[0])
            return unit._replace(info=info)
    return unit


def _named_place(s: str, where: Jurisdiction | None) -> tuple[Jurisdiction, int] | None:
    """The city or county a name opens with in full (玉林市…, 长兴县…), and where its name ends."""
    province = where.province if where else None
    for k in range(min(len(s) - 2, 12), 2, -1):
        j = by_name(s[:k], province)
        if j is not None and j.level in ("city", "county"):
            return j, k
    return None


def complete_from_text(unit: Unit, where: Jurisdiction | str | None, text: str) -> Unit:
    """A unit cut short by the end of the text (市科), completed as the text wrote it in full before (市科技局), else
    by :func:`complete_unit`."""
    pos = text.rfind(unit.written, 0, unit.start) if len(unit.written) >= 2 else -1  # (沈 | end: too little to go on)
    while pos >= 0:
        m = _NAME_RUN.match(text, pos)
        found = list_units(m.group(), where) if m else []
        if len(found) >= 1 and found[0].info is not None and found[0].written.startswith(unit.written) \
                and found[0].written != unit.written:
            return unit._replace(info=found[0].info)
        pos = text.rfind(unit.written, 0, pos)
    return complete_unit(unit, where)


_NAME_RUN = re.compile(r"[\u4e00-\u9fff（）()]{2,30}")


def _place(written: str, where: Jurisdiction | None) -> Jurisdiction | None:
    province = where.province if where else None
    return by_name(written, province) or by_short_name(written, province)


def _distributed(written: str, following: list[str], where: Jurisdiction | None) -> AgencyInfo | None:
    """A bare place name sharing the department of the next unit of the list (哈尔滨、黑河、绥芬河市政府;
    银川市、石嘴山市、吴忠市人民政府): that place's department."""
    j = _place(written, where)
    if j is None:
        return None
    for name in following:
        if _place(name, where) is not None:
            continue  # another bare place of the same run
        for k in range(min(len(name) - 1, 16), 1, -1):
            if _place(name[:k], where) is not None:
                return _normalise_clean(j.name + name[k:], where)
        return None
    return None


def split_units(clause: str, where: Jurisdiction | str | None, offset: int = 0) -> list[AgencyMatch]:
    """The agencies of a unit list as found in responsibility clauses, in order (``list_units`` without the
    units that name no agency).

    "省工业和信息化厅、省发展改革委、各地级以上市人民政府、纺织服装各省级行业协会" -> four agencies."""
    return [AgencyMatch(u.info, u.written, u.start, u.end) for u in list_units(clause, where, offset)
            if u.info is not None]


# ---- free text

def _chained(gap: str) -> bool:
    """True when only separators and role words stand between two names (…牵头，发展改革委配合)."""
    rest = _ROLE_WORDS.sub("", gap)
    return all(c in _SEPARATORS or c in _CONJUNCTIONS for c in rest)


def find_agencies(text: str, where: Jurisdiction | str | None, offset: int = 0) -> list[AgencyMatch]:
    """Agency names and abbreviations in free text (see ``_find_agencies``); spans shifted by ``offset``."""
    return [AgencyMatch(m.info, m.written, m.start + offset, m.end + offset)
            for m in _find_agencies(text, as_jurisdiction(where))]


@lru_cache(maxsize=20_000)  # issuer lines and signatures recur across a province's documents
def _find_agencies(text: str, where: Jurisdiction | None) -> tuple[AgencyMatch, ...]:
    """Agency names and abbreviations in free text (issuer lines, headers, "由…牵头…配合" sentences).

    Names that carry their jurisdiction (广东省工业和信息化厅, 亳州市人民政府, 国务院, 广东证监局) are always
    taken; forms relative to the document's jurisdiction need their prefix (省科技厅) with nothing glued before it
    (各省…), or, written bare, must follow another found name in a list (…牵头，发展改革委、科技厅配合); bare
    department names ending in 厅 and collective actors (各地级以上市人民政府) stand on their own.
    """
    table = agency_table()
    compact, index = _compact(text)
    out: list[AgencyMatch] = []
    last_end: int | None = None
    spans = sorted(set(table.matches(compact)) | set(_named_jurisdiction_agencies(compact, where)))
    taken_until = -1
    for a, b, surface in spans:
        if a < taken_until:
            continue
        info = _normalise_clean(surface, where)
        if info is None or not info.known:
            continue
        before = compact[a - 1] if a else ""
        free_before = not before or not _CJK.match(before) or before in _BEFORE_OK or a == last_end
        chained = last_end is not None and _chained(compact[last_end:a])
        how = _how_written(surface, info)
        if how == "prefixed":
            ok = free_before or chained
        elif how == "bare":
            standalone = surface.endswith("厅") or info.level == "collective"
            ok = chained or (standalone and free_before)
        else:
            ok = True
        if not ok:
            continue
        out.append(AgencyMatch(info, surface, index[a], index[b - 1] + 1))
        last_end = taken_until = b
    return tuple(out)


def _how_written(surface: str, info: AgencyInfo) -> str:
    """"absolute" when the surface names its jurisdiction itself, "prefixed" (省科技厅) or "bare" (科技厅)."""
    if surface == info.name or surface in agency_table().absolute or info.level in ("central",):
        return "absolute"
    body = surface[2:] if surface.startswith("中共") else surface  # 中共湘阴县委
    for k in range(min(len(body) - 1, 16), 1, -1):
        if by_name(body[:k]) is not None:
            return "absolute"
    if surface.startswith(_RELATIVE_PREFIXES) and not surface.startswith("市场"):
        return "prefixed"
    return "bare"


@lru_cache(maxsize=1)
def _full_names() -> WordAutomaton:
    from policykg.loaders.jurisdiction import full_names

    return WordAutomaton(full_names(), overlapping=False)


def _named_jurisdiction_agencies(compact: str, where: Jurisdiction | None) -> list[tuple[int, int, str]]:
    """Spans of "<full jurisdiction name><department>" in free text (亳州市人民政府, 长兴县经济和信息化局), the
    longest department that follows the name."""
    table = agency_table()
    out = []
    for start, name in _full_names().find_longest(compact):
        end = start + len(name)
        j = by_name(name, where.province if where else None)
        if j is None or (where is not None and where.level != "central" and j.province != where.province):
            continue  # another province's body named in passing (借鉴深圳市发展改革委的做法)
        if start >= 2 and compact.startswith("中共", start - 2):
            start -= 2
        for k in range(min(len(compact) - end, 24), 0, -1):  # down to 委 (中共湘阴县委)
            if table._at(j, compact[end:end + k], prefixed=True) is not None:
                out.append((start, end + k, compact[start:end + k]))
                break
    return out
