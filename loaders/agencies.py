"""Agency names as written -> canonical agencies, from the reviewable tables in ``data/``.

``data/agencies.tsv`` lists every canonical agency (rows may stand for a family, one agency per province in
scope), ``data/agency_patterns.tsv`` the collective actors with a variable part (纺织服装各省级行业协会) and
``data/agency_types.tsv`` the type codes. Written forms are found with one Aho-Corasick automaton built from
the table. A form written relative to the document's province (省发展改革委, a bare 市场监管局 inside a list,
市经济信息化局 in a Beijing document) needs that province to be resolved; a form naming its province
(广东银保监局, 人民银行广州分行, 湖南省商务厅) does not. Names that are not in the tables are kept as written,
with ``known=False``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import ahocorasick

from policykg.loaders.provinces import PROVINCES, Province
from policykg.loaders.records import AgencyInfo

_PREFIXES = ("自治区", "省", "市")
_SEPARATORS = set("、，,；;／/")
_CONJUNCTIONS = set("和及与暨")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Characters that may stand right before a province-relative name in running text (由省工业和信息化厅牵头,
# 会同省财政厅, 经省政府同意). Anything else glued before it (各省…, 深圳市…) means it is not this province's agency.
_BEFORE_OK = set("由同和及与暨或经请向按对在将把为并从据依报送交给至等是即")
_ROLE_WORDS = re.compile(r"按各自职责分工负责|按职责分工负责|按职责负责|分工负责|共同负责|牵头负责|牵头|负责|配合|参与|会同|协助")
_HEAD_LABEL = re.compile(r"(?:(?:责任|牵头|配合|参与|主责|协办)(?:单位|部门)[：:]?|由|会同)")
_TAILS = ("按各自职责分工负责", "按职责分工负责", "按职责负责", "分工负责", "共同负责", "牵头负责", "牵头", "负责",
          "配合", "参与", "等有关单位", "等相关单位", "等有关部门", "等相关部门", "等单位", "等部门", "等")
_VAGUE = re.compile(
    r"^(?:等|各|其他|其它)?(?:省直|省级|自治区级|市级|各级|省|自治区|市|省政府|市政府|政府)?(?:各)?(?:有关|相关)?(?:单位|部门|机构|方面)$"
)
_AGENCY_END = re.compile(r"(?:厅|局|委|会|办|室|府|院|行|署|中心|所|部|队|组|位|司|社|站|馆)$")
_BRACKET_TAIL = re.compile(r"[（(][^（）()]*[）)]$")
_INNER_BRACKET = re.compile(r"[（(]([^（）()、，,]{1,6})[）)](?=.)")
_SPACE = re.compile(r"\s")
_CUT_CHAR = re.compile("[" + re.escape("".join(sorted(set(_SEPARATORS) | set(_CONJUNCTIONS)))) + "]")
_MAX_RESOLVED = 100_000  # remembered surface lookups
_EDGE_PUNCT = "　 \t\r\n“”\"'‘’《》【】[]:：。，,、；;"


class AgencyMatch(NamedTuple):
    """One agency found in a text: ``written`` as written (whitespace removed), ``[start, end)`` absolute span.

    A named tuple (read-only, several per responsibility clause): cheaper to build than a frozen dataclass."""

    info: AgencyInfo
    written: str
    start: int
    end: int


@dataclass(frozen=True)
class _Agency:
    name: str
    type: str
    level: str
    province: str


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    name: str
    type: str
    level: str


class AgencyTable:
    """The expanded agency table: canonical agencies, their written forms and the automaton over them."""

    def __init__(self, rows: list[dict[str, str]], patterns: list[dict[str, str]], types: list[dict[str, str]]):
        self.agencies: list[_Agency] = []
        self._by_name: dict[str, int] = {}
        # surface -> {priority: {agency index}}; priority 3 = canonical or listed, 2 = full province name + alias,
        # 1 = short province name + alias
        self.absolute: dict[str, dict[int, set[int] | tuple[int, ...]]] = {}
        # (province, alias) -> {(agency index, needs a prefix)}
        self.relative: dict[tuple[str, str], set[tuple[int, bool]] | tuple[tuple[int, bool], ...]] = {}
        self.alias_kind: dict[str, tuple[str, str]] = {}      # alias -> (type, level), for an unknown province
        self.duplicates: list[str] = []
        self.type_labels = {t["code"]: t["label"] for t in types}
        self._type_keywords = [(t["code"], [k for k in t["keywords"].split("|") if k]) for t in types]
        for row in rows:
            self._add_row(row)
        self.patterns = [_Pattern(re.compile(p["pattern"]), p["name"], p["type"], p["level"]) for p in patterns]
        self.automaton = self._build_automaton()
        # The sets as tuples once built: the garbage collector stops tracking tuples of numbers, so its
        # full collections no longer walk ~40,000 one-element sets (about 40 % of the objects it saw).
        self.absolute = {s: {k: tuple(v) for k, v in by.items()} for s, by in self.absolute.items()}
        self.relative = {k: tuple(v) for k, v in self.relative.items()}
        self._resolved: dict[tuple[str, str | None], tuple[_Agency | None, str]] = {}

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

    def _add_row(self, row: dict[str, str]) -> None:
        if row["type"] not in self.type_labels:
            raise ValueError(f"data/agencies.tsv: unknown type {row['type']!r} for {row['name']}")
        for p in self._scope(row["scope"]):
            def fill(s: str, p: Province = p) -> str:
                return s.replace("{省}", p.name).replace("{短}", p.short)

            name = fill(row["name"])
            if name in self._by_name:
                self.duplicates.append(name)
                continue
            idx = len(self.agencies)
            self.agencies.append(_Agency(name, row["type"], row["level"], p.name))
            self._by_name[name] = idx
            self._add_absolute(name, idx, 3)
            for w in filter(None, row["written"].split("|")):
                self._add_absolute(fill(w), idx, 3)
            aliases = [fill(a) for a in row["aliases"].split("|") if a]
            if row["name"].startswith("{省}"):
                aliases.append(row["name"][len("{省}"):])
            for alias in aliases:
                needs_prefix = alias.startswith("=")
                alias = alias.lstrip("=")
                self.relative.setdefault((p.name, alias), set()).add((idx, needs_prefix))
                self.alias_kind.setdefault(alias, (row["type"], row["level"]))
                self._add_absolute(p.name + alias, idx, 2)
                if p.kind == "自治区":
                    self._add_absolute(p.short + "自治区" + alias, idx, 2)
                if p.kind != "直辖市" and not needs_prefix:
                    self._add_absolute(p.short + alias, idx, 1)

    def _add_absolute(self, surface: str, idx: int, priority: int) -> None:
        self.absolute.setdefault(surface, {}).setdefault(priority, set()).add(idx)

    def _build_automaton(self) -> ahocorasick.Automaton:
        surfaces = set(self.absolute)
        for (_, alias), entries in self.relative.items():
            if any(not needs for _, needs in entries):
                surfaces.add(alias)
            surfaces.update(prefix + alias for prefix in _PREFIXES)
        automaton = ahocorasick.Automaton(ahocorasick.STORE_LENGTH)
        for s in surfaces:
            automaton.add_word(s)
        automaton.make_automaton()
        return automaton

    # ---- lookups
    def ambiguous(self) -> list[str]:
        """Surfaces that name two agencies at their best priority (a table error)."""
        out = [s for s, by in self.absolute.items() if len(by[max(by)]) > 1]
        out += [f"{p}:{a}" for (p, a), entries in self.relative.items() if len({i for i, _ in entries}) > 1]
        return out

    def agency(self, name: str) -> _Agency | None:
        idx = self._by_name.get(name)
        return None if idx is None else self.agencies[idx]

    def resolve(self, surface: str, province: str | None) -> tuple[_Agency | None, str]:
        """(agency, how): how is "absolute", "prefixed", "bare" or "" (not a table surface)."""
        key = (surface, province)
        found = self._resolved.get(key)
        if found is None:
            if len(self._resolved) > _MAX_RESOLVED:
                self._resolved.clear()
            found = self._resolved[key] = self._resolve(surface, province)
        return found

    def _resolve(self, surface: str, province: str | None) -> tuple[_Agency | None, str]:
        by = self.absolute.get(surface)
        if by:
            best = by[max(by)]
            if len(best) == 1:
                return self.agencies[next(iter(best))], "absolute"
        p = PROVINCES.get(province or "")
        for prefix in (*_PREFIXES, ""):
            if not surface.startswith(prefix) or len(surface) == len(prefix):
                continue
            alias = surface[len(prefix):]
            if alias not in self.alias_kind:
                continue
            how = "prefixed" if prefix else "bare"
            if p is None or (prefix and prefix not in p.own_prefixes):
                return None, how
            entries = self.relative.get((p.name, alias), ())
            found = {i for i, needs in entries if prefix or not needs}
            if len(found) == 1:
                return self.agencies[next(iter(found))], how
            return None, how
        return None, ""

    def relative_kind(self, surface: str) -> tuple[str, str] | None:
        """(type, level) of a province-relative surface, whatever the province."""
        for prefix in (*_PREFIXES, ""):
            if surface.startswith(prefix) and surface[len(prefix):] in self.alias_kind:
                return self.alias_kind[surface[len(prefix):]]
        return None

    def guess_type(self, name: str) -> str:
        for code, keywords in self._type_keywords:
            if any(k in name for k in keywords):
                return code
        return "other"

    def matches(self, compact: str) -> list[tuple[int, int, str]]:
        """Leftmost-longest table surfaces in ``compact``: (start, end, surface)."""
        return [(end - length + 1, end + 1, compact[end - length + 1: end + 1])
                for end, length in self.automaton.iter_long(compact)]


def _tsv(filename: str) -> list[dict[str, str]]:
    text = resources.files("policykg.data").joinpath(filename).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=1)
def agency_table() -> AgencyTable:
    return AgencyTable(_tsv("agencies.tsv"), _tsv("agency_patterns.tsv"), _tsv("agency_types.tsv"))


def agency_types() -> dict[str, str]:
    """Agency type code -> Chinese label."""
    return dict(agency_table().type_labels)


# ---- text helpers

def _compact(text: str) -> tuple[str, list[int]]:
    """``text`` without whitespace, and the index in ``text`` of each kept character."""
    if not _SPACE.search(text):
        return text, list(range(len(text)))
    runs: list[str] = []
    keep: list[int] = []
    for m in _NON_SPACE_RUN.finditer(text):  # re's \S and str.isspace agree on every character
        runs.append(m.group())
        keep.extend(range(m.start(), m.end()))
    return "".join(runs), keep


_NON_SPACE_RUN = re.compile(r"\S+")


def _clean(written: str) -> str:
    return "".join(written.split()).strip(_EDGE_PUNCT)


def _info(agency: _Agency, written: str) -> AgencyInfo:
    return AgencyInfo(name=agency.name, written=[written], level=agency.level, type=agency.type,
                      province=agency.province, known=True)


def _strip_province(s: str, province: str | None) -> tuple[str, str | None, bool]:
    """(rest, province, had a prefix): takes a full province name or the province's own prefix off ``s``."""
    for p in PROVINCES.values():
        if s.startswith(p.name) and len(s) > len(p.name):
            return s[len(p.name):], p.name, True
    p = PROVINCES.get(province or "")
    if p:
        for prefix in p.own_prefixes:
            if s.startswith(prefix) and len(s) > len(prefix) and not s.startswith("市场"):
                return s[len(prefix):], p.name, True
    return s, province, False


def _from_patterns(s: str, province: str | None) -> AgencyInfo | None:
    table = agency_table()
    rest, prov, _ = _strip_province(s, province)
    for pat in table.patterns:
        m = pat.regex.match(rest)
        if not m:
            continue
        if prov is None:
            return AgencyInfo(name=s, written=[s], level=pat.level, type=pat.type, province=None, known=False)
        name = pat.name.replace("{省}", prov)
        for key, value in m.groupdict().items():
            name = name.replace("{" + key + "}", value or "")
        return AgencyInfo(name=name, written=[s], level=pat.level, type=pat.type, province=prov, known=True)
    return None


def _unknown(s: str, province: str | None) -> AgencyInfo:
    table = agency_table()
    rest, prov, prefixed = _strip_province(s, province)
    kind = table.relative_kind(s)
    if prefixed and prov:
        name = prov + rest
        level = kind[1] if kind else "provincial"
    else:
        name, prov, level = s, None, kind[1] if kind else "other"
    return AgencyInfo(name=name, written=[s], level=level, type=kind[0] if kind else table.guess_type(s),
                      province=prov, known=False)


def _normalise_clean(s: str, province: str | None) -> AgencyInfo:
    table = agency_table()
    agency, _ = table.resolve(s, province)
    if agency:
        return _info(agency, s)
    found = _from_patterns(s, province)
    if found:
        return found
    stripped = _BRACKET_TAIL.sub("", s)
    if stripped != s and stripped:
        agency, _ = table.resolve(stripped, province)
        if agency:
            return _info(agency, s)
    unbracketed = _INNER_BRACKET.sub(r"\1", s)  # 有关市（州）人民政府 -> 有关市州人民政府
    if unbracketed != s:
        agency, _ = table.resolve(unbracketed, province)
        if agency:
            return _info(agency, s)
    return _unknown(s, province)


def normalise_agency(written: str, province: str | None) -> AgencyInfo:
    """The canonical agency for one written unit name; never raises.

    ``province`` is the document's province (full name), used for forms relative to it (省发展改革委).
    A name that is not in the tables keeps its written form (with the province's name in place of a leading
    省/自治区/市 that means the province) and gets ``known=False``.
    """
    s = _clean(written or "")
    if not s:
        return AgencyInfo(name=written or "", written=[written or ""], level="other", type="other", known=False)
    return _normalise_clean(s, province)


def shared_agency(written: str, province: str | None) -> AgencyInfo:
    """``normalise_agency``, one shared result per (name, province) for names that are not blank: the same
    agencies recur in every document of a province. Read-only: copy it before changing it."""
    s = _clean(written or "")
    return _unit_info(s, province) if s else normalise_agency(written, province)


# ---- unit lists

def _split_points(compact: str, protected: list[tuple[int, int]], open_end: bool = False) -> list[tuple[int, int]]:
    """Segments of a unit list: cut at separators, and at 和/及 where a name has just ended.

    ``open_end``: ``compact`` is followed by more text (a piece of a longer list), so a 和/及 at its very end
    is not the list's last character."""
    inside: set[int] = set()
    ends = set()
    for a, b, *_ in protected:
        inside.update(range(a, b))
        ends.add(b)
    segments, start = [], 0
    for m in _CUT_CHAR.finditer(compact):
        i = m.start()
        if i in inside:
            continue
        c = compact[i]
        cut = c in _SEPARATORS
        if c in _CONJUNCTIONS and i > start and (open_end or i + 1 < len(compact)):
            cut = i in ends or bool(_AGENCY_END.search(compact[start:i]))
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
        for tail in _TAILS if compact.endswith(_TAILS, a, b) else ():
            if compact.endswith(tail, a, b) and b - len(tail) >= a:
                b, changed = b - len(tail), True
                break
        while a < b and compact[a] in _EDGE_PUNCT:
            a, changed = a + 1, True
        while a < b and compact[b - 1] in _EDGE_PUNCT:
            b, changed = b - 1, True
    return a, b


def split_units(clause: str, province: str | None, offset: int = 0) -> list[AgencyMatch]:
    """The agencies of a unit list as found in responsibility clauses, in order.

    "省工业和信息化厅、省发展改革委、各地级以上市人民政府、纺织服装各省级行业协会" -> four agencies.
    Separators are 、，,；; and 和/及 where a name ends (never inside 工业和信息化厅); role words and vague
    tails ("等有关单位", "有关部门") add nobody. Offsets are ``offset`` + index in ``clause``.
    """
    key = (clause, province)
    units = _UNITS.get(key)
    if units is None:
        if len(_UNITS) > _MAX_SPLIT:
            _UNITS.clear()
        spans = _SPLIT_CACHE.get(clause)
        if spans is None:
            if len(_SPLIT_CACHE) > _MAX_SPLIT:
                _SPLIT_CACHE.clear()
            spans = _SPLIT_CACHE[clause] = _split_units(clause)
        units = _UNITS[key] = tuple((_unit_info(written, province), written, a, b) for written, a, b in spans)
    return [_new_match(AgencyMatch, (info, written, offset + a, offset + b)) for info, written, a, b in units]


# clause -> (written, start, end) of each unit: unit lists recur (省工业和信息化厅牵头 ...), and where the units
# are does not depend on the province (only what they resolve to does, see ``_unit_info``). Tuples of strings
# and numbers only, which the garbage collector stops tracking: its full collections do not walk the cache.
_SPLIT_CACHE: dict[str, tuple[tuple[str, int, int], ...]] = {}
# (clause, province) -> (agency, written, start, end) of each unit: the same, resolved.
_UNITS: dict[tuple[str, str | None], tuple[tuple[AgencyInfo, str, int, int], ...]] = {}
# ``AgencyMatch(*fields)`` without the named tuple's ``__new__`` written in Python.
_new_match = tuple.__new__
_MAX_SPLIT = 20_000


def _split_units(clause: str) -> tuple[tuple[str, int, int], ...]:
    """Units of a clause, piece by piece: a separator outside every table surface always cuts, so what lies
    between two such separators is split on its own (``_piece_units``), and pieces recur far more often than
    whole clauses (the same departments in another order or another company)."""
    compact, where = _compact(clause)
    if not compact:
        return ()
    found = agency_table().matches(compact)
    out: list[tuple[str, int, int]] = []
    n = len(compact)
    k = 0  # next match
    piece = 0
    for cut in (*_free_separators(compact, found), n):
        rel: list[tuple[int, int]] = []
        while k < len(found) and found[k][0] < cut:
            rel.append((found[k][0] - piece, found[k][1] - piece))
            k += 1
        text = compact[piece:cut]
        key = (text, cut < n, tuple(rel))
        units = _PIECE_CACHE.get(key)
        if units is None:
            if len(_PIECE_CACHE) > _MAX_SPLIT:
                _PIECE_CACHE.clear()
            units = _PIECE_CACHE[key] = _piece_units(text, rel, cut < n)
        for x, y in units:
            x += piece
            y += piece
            out.append((compact[x:y], where[x], where[y - 1] + 1))
        piece = cut + 1
    return tuple(out)


# (piece, more text follows, table surfaces in it) -> [start, end) of its units in the piece.
_PIECE_CACHE: dict[tuple[str, bool, tuple[tuple[int, int], ...]], tuple[tuple[int, int], ...]] = {}


def _free_separators(compact: str, found: list[tuple[int, int, str]]) -> list[int]:
    """Offsets of the separators (、，；/) that are not inside a table surface (各市、县人民政府)."""
    cuts = [m.start() for m in _SEPARATOR_CHAR.finditer(compact)]
    if cuts and any(_SEPARATOR_CHAR.search(surface) for _, _, surface in found):
        cuts = [i for i in cuts if not any(a <= i < b for a, b, _ in found)]
    return cuts


_SEPARATOR_CHAR = re.compile("[" + re.escape("".join(sorted(_SEPARATORS))) + "]")


def _piece_units(compact: str, found: list[tuple[int, int]], open_end: bool) -> tuple[tuple[int, int], ...]:
    """[start, end) of the units of one piece of a unit list (no separator outside ``found`` in it)."""
    out: list[tuple[int, int]] = []
    for seg_a, seg_b in _split_points(compact, found, open_end):
        a, b = _trim(compact, seg_a, seg_b)
        if a >= b or _VAGUE.match(compact[a:b]):
            continue
        inner = [m for m in found if a <= m[0] and m[1] <= b]
        tiled = len(inner) > 1 and inner[0][0] == a and inner[-1][1] == b and all(
            x[1] == y[0] for x, y in zip(inner, inner[1:], strict=False))
        out.extend(inner if tiled else [(a, b)])
    return tuple(out)


def _unit_info(written: str, province: str | None) -> AgencyInfo:
    """``_normalise_clean``, one shared read-only result per (unit, province): the same units recur in
    many clauses (fewer records to build, and fewer objects for the garbage collector to walk)."""
    key = (written, province)
    info = _UNIT_INFO.get(key)
    if info is None:
        if len(_UNIT_INFO) > _MAX_SPLIT:
            _UNIT_INFO.clear()
        info = _UNIT_INFO[key] = _normalise_clean(written, province)
    return info


_UNIT_INFO: dict[tuple[str, str | None], AgencyInfo] = {}


# ---- free text

def _chained(gap: str) -> bool:
    """True when only separators and role words stand between two names (…牵头，发展改革委配合)."""
    rest = _ROLE_WORDS.sub("", gap)
    return all(c in _SEPARATORS or c in _CONJUNCTIONS for c in rest)


def find_agencies(text: str, province: str | None, offset: int = 0) -> list[AgencyMatch]:
    """Agency names and abbreviations in free text (issuer lines, headers, "由…牵头…配合" sentences).

    Names that carry their province (广东省工业和信息化厅, 广东证监局) are always taken; forms relative to the
    document's province need its prefix (省科技厅) with nothing glued before it (各省…), or, written bare,
    must follow another found name in a list (…牵头，发展改革委、科技厅配合); bare department names ending
    in 厅 and collective actors (各地级以上市人民政府) stand on their own.
    """
    table = agency_table()
    compact, where = _compact(text)
    out: list[AgencyMatch] = []
    last_end: int | None = None
    for a, b, surface in table.matches(compact):
        agency, how = table.resolve(surface, province)
        before = compact[a - 1] if a else ""
        free_before = not before or not _CJK.match(before) or before in _BEFORE_OK or a == last_end
        chained = last_end is not None and _chained(compact[last_end:a])
        if how == "absolute":
            ok = agency is not None
        elif how == "prefixed":
            ok = free_before or chained
        elif how == "bare":
            kind = table.relative_kind(surface)
            standalone = surface.endswith("厅") or (kind is not None and kind[1] == "collective")
            ok = chained or (standalone and free_before)
        else:
            ok = False
        if not ok or (agency is None and province is not None):
            continue
        info = _info(agency, surface) if agency else _unknown(surface, province)
        out.append(AgencyMatch(info, surface, offset + where[a], offset + where[b - 1] + 1))
        last_end = b
    return out
