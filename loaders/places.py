"""Places: mentions of prefecture-level divisions, resolved from any level below.

The gazetteer is jionlp's administrative-division dictionary (province -> prefecture
-> county/district/county-level city, with short aliases), completed by
``data/places_extra.tsv`` (towns, markets and cluster names the gazetteer lacks) and
restricted by ``data/places_stop.tsv`` (short forms that are common words, and
longer words that contain a place name without naming the place, e.g. 中山装).
Every name goes into one Aho-Corasick automaton built once per process; a text is
scanned once, and at each position the longest name that resolves wins.

Resolution uses the document's province: a short county name (开平, 祁阳) only
counts inside that province; outside it only prefecture names and full county
names (义乌市) count. Province-level units (provinces, 北京/上海/天津/重庆, 香港,
澳门) are never places.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

from policykg.data import read_tsv_rows

from ._automaton import WordAutomaton
from .records import PlaceMention, list_builder

Level = Literal["extra", "prefecture", "county", "block"]

# Province-level units whose own "prefecture" entry is the unit itself: not places.
_MUNICIPALITIES = {"北京市", "上海市", "天津市", "重庆市", "香港特别行政区", "澳门特别行政区", "台湾省"}
# Pseudo prefectures grouping county-level units directly under a province.
_DIRECT_GROUP = "行政区划"
# County entries that are zones, not administrative divisions (开发区, 管委会 ...).
_NOT_A_COUNTY = ("开发区", "示范区", "管委会", "管理区", "工业园", "产业园", "园区", "试验区", "合作区",
                 "委员会", "管理委员会", "实验区", "旅游区", "风景区", "新城", "直辖")
# Characters that join words as well as open county names (和县, 和政): such a name glued to the next word is the
# joining character and a word (市场和县域 -> 和|县域, 法规和政策 -> 和|政策).
_FUNCTION_CHARS = set("和与及同在对为将")
_COUNTY_SUFFIXES = ("自治县", "自治旗", "林区", "特区", "县", "区", "市", "旗")



def _jionlp():
    """Import jionlp without its banner on stdout (stdout carries command output)."""
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp
    return jionlp


@dataclass(frozen=True)
class _Candidate:
    city: str | None       # prefecture full name; None for a blocking word
    province: str | None
    level: Level
    full: bool             # written with its administrative suffix


class _Gazetteer:
    """All names, their candidates, and the automaton over them."""

    def __init__(self) -> None:
        self.names: dict[str, list[_Candidate]] = {}
        self.city_province: dict[str, str] = {}
        self.cluster_names: set[str] = set()   # names in places_extra.tsv that are clusters themselves
        self._lookups: dict[tuple[str, str | None], tuple[str | None | Literal[False], bool]] = {}
        stop_always, stop_outside, blockers = _load_stop()
        self._stop_always = stop_always
        self._stop_outside = stop_outside
        self.words = _two_char_words()
        self._load_jionlp()
        self._load_renamed()
        self._load_extra()
        self.groups: dict[str, list[str]] = {}  # 杭嘉湖 -> 杭州市, 嘉兴市, 湖州市
        self._load_groups()
        for word in blockers:
            self._add(word, _Candidate(None, None, "block", True))
        self.words -= self.names.keys()
        self.automaton = WordAutomaton(self.names)

    def _add(self, name: str, cand: _Candidate) -> None:
        if len(name) < 2:
            return
        bucket = self.names.setdefault(name, [])
        if cand not in bucket:
            bucket.append(cand)

    def _load_jionlp(self) -> None:
        jionlp = _jionlp()  # heavy import: only when the gazetteer is first needed

        tree = jionlp.china_location_loader(detail=False)
        for province, pv in tree.items():
            if province.startswith("_"):
                continue
            block = _Candidate(None, None, "block", True)
            self._add(province, block)
            self._add(pv["_alias"], block)
            if province in _MUNICIPALITIES:
                for city in pv:
                    if not city.startswith("_"):
                        self._add(city, block)
                continue
            for city, cv in pv.items():
                if city.startswith("_"):
                    continue
                direct = city.endswith(_DIRECT_GROUP)
                if not direct:
                    self.city_province[city] = province
                    self._add_prefecture(city, cv["_alias"], province)
                for county, kv in cv.items():
                    if county.startswith("_"):
                        continue
                    if direct:
                        # A county-level unit directly under its province (琼海市, 石河子市, 仙桃市) has no
                        # prefecture-level division to count as: it is no place (SCHEMA), and its name is
                        # taken whole so that no shorter name inside it counts either.
                        self.city_province[county] = province
                        self._add(county, _Candidate(None, None, "block", True))
                        self._add(kv["_alias"], _Candidate(None, None, "block", True))
                        continue
                    self._add_county(county, kv["_alias"], city, province)

    def _load_renamed(self) -> None:
        """Former county names (祁阳县 before it became 祁阳市) still name their prefecture."""
        jionlp = _jionlp()

        for change in jionlp.china_location_change_loader():
            (_, _), (old_city, old_city_alias), (old_county, old_alias) = change["old_loc"]
            province, city, _ = change["new_loc"]
            if old_county and city in self.city_province and province == self.city_province[city]:
                self._add_county(old_county, old_alias or "", city, province)
            elif (not old_county and old_city and city in self.city_province and old_city != city
                  and old_city not in self.names):  # a renamed prefecture (襄樊市 -> 襄阳市)
                self._add_prefecture(city, [old_city, old_city_alias] if old_city_alias else [old_city], province)

    def _add_prefecture(self, city: str, aliases: list[str], province: str) -> None:
        self._add(city, _Candidate(city, province, "prefecture", True))
        for alias in aliases:
            if alias in self._stop_always:
                continue
            self._add(alias, _Candidate(city, province, "prefecture", alias == city))
            if city.endswith("自治州") and not alias.endswith("州"):
                self._add(alias + "州", _Candidate(city, province, "prefecture", True))

    def _add_county(self, county: str, alias: str, city: str, province: str) -> None:
        if any(word in county and len(county) > len(word) + 1 for word in _NOT_A_COUNTY):
            return  # a zone jionlp lists among counties (长春净月高新技术产业开发区); 绿园区 is a district
        self._add(county, _Candidate(city, province, "county", True))
        if alias and alias != county and not county.endswith(_DIRECT_GROUP) and alias not in self._stop_always:
            self._add(alias, _Candidate(city, province, "county", False))
        # 祁阳县 -> also the bare stem when jionlp gives no shorter alias
        for suffix in _COUNTY_SUFFIXES:
            if county.endswith(suffix) and len(county) - len(suffix) >= 2:
                stem = county[: -len(suffix)]
                if stem != alias and stem not in self._stop_always and not stem.endswith("族"):
                    self._add(stem, _Candidate(city, province, "county", False))
                break

    def _load_extra(self) -> None:
        for row in read_tsv_rows("places_extra.tsv"):
            name, city = row[0], row[1]
            if len(row) > 2 and row[2] == "cluster":
                self.cluster_names.add(name)
            province = self.city_province.get(city)
            if province is None:
                raise ValueError(f"places_extra.tsv: unknown prefecture {city!r} for {name!r}")
            if len(row) > 2 and row[2] == "local":
                # A common town name: counts only inside its own province, like a short county form.
                self._add(name, _Candidate(city, province, "county", False))
            else:
                self._add(name, _Candidate(city, province, "extra", True))

    def _load_groups(self) -> None:
        for row in read_tsv_rows("place_groups.tsv"):
            name, cities = row[0], row[1].split("|")
            unknown = [c for c in cities if c not in self.city_province]
            if unknown:
                raise ValueError(f"place_groups.tsv: unknown prefecture {unknown} for {name!r}")
            self.groups[name] = cities
            self.names[name] = []  # found by the automaton, resolved by find_places

    def resolve(self, name: str, province: str | None) -> str | None | Literal[False]:
        """The prefecture ``name`` denotes; None if it names none; False for a blocking word."""
        cands = self.names.get(name, [])
        if any(c.level == "block" for c in cands):
            return False
        if province:
            inside = [c for c in cands if c.province == province]
            if inside:
                return _pick(inside)
        # Outside the document's province, or without one, short county forms are too ambiguous (上街 in
        # 块上街镇).
        outside = [c for c in cands if c.level in ("extra", "prefecture") or c.full]
        outside = [c for c in outside if c.full or name not in self._stop_outside]
        return _pick(outside)


    def lookup(self, name: str, province: str | None) -> tuple[str | None | Literal[False], bool]:
        """``resolve`` and ``is_weak`` of ``name``, remembered per province."""
        key = (name, province)
        found = self._lookups.get(key)
        if found is None:
            found = self._lookups[key] = (self.resolve(name, province), self.is_weak(name))
        return found

    def is_weak(self, name: str) -> bool:
        """True when ``name`` is only a short county form (新化), never a prefecture or listed name."""
        return all(c.level == "county" and not c.full for c in self.names.get(name, []))

    def county_only(self, name: str) -> bool:
        """True when ``name`` names counties only (和县, 和政), never a prefecture or a listed name."""
        return all(c.level == "county" for c in self.names.get(name, []))

    def glued_to_next_word(self, text: str, end: int) -> bool:
        """The name's last character and the one after it form a word (和政|策, 和县|域)."""
        return end < len(text) and text[end - 1: end + 1] in self.words

    def glued_to_previous_word(self, text: str, start: int) -> bool:
        """The character before ``start`` and the first one of the name form a word (创|新化)."""
        return start > 0 and text[start - 1 : start + 1] in self.words


_RANK = {"extra": 0, "prefecture": 1, "county": 2}


def _pick(cands: list[_Candidate]) -> str | None:
    """The candidate of the best level, if that level names one prefecture only."""
    if not cands:
        return None
    best = min(_RANK[c.level] for c in cands)
    cities = {c.city for c in cands if _RANK[c.level] == best}
    if len(cities) == 1:
        return next(iter(cities))
    full = {c.city for c in cands if _RANK[c.level] == best and c.full}
    return next(iter(full)) if len(full) == 1 else None


def _load_stop() -> tuple[set[str], set[str], set[str]]:
    """(short forms never matched, short forms matched only inside their province, blocking words)."""
    always: set[str] = set()
    outside: set[str] = set()
    blockers: set[str] = set()
    for row in read_tsv_rows("places_stop.tsv"):
        word, kind = row[0], row[1] if len(row) > 1 else "always"
        {"always": always, "outside": outside, "block": blockers}[kind].add(word)
    return always, outside, blockers


def _two_char_words(min_count: int = 1000) -> set[str]:
    """Frequent two-character words of jionlp's word distribution (to spot names glued into words)."""
    import json

    jionlp = _jionlp()

    path = resources.files(jionlp).joinpath("dictionary", "word_distribution.json")
    words = set()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line[2:4] and line[4:5] == '"':  # ["xy", n]: a two-character word
                word, count = json.loads(line)
                if count >= min_count:
                    words.add(word)
    return words


@lru_cache(maxsize=1)
def gazetteer() -> _Gazetteer:
    """The process-wide gazetteer (built on first use)."""
    return _Gazetteer()


_STREETS = ("街道", "路", "大街", "大道")


def find_places(text: str, province: str | None = None, offset: int = 0) -> list[PlaceMention]:
    """Every mention of a prefecture-level division in ``text``, in text order.

    Counties, districts, county-level cities and towns count as their prefecture
    (开平 -> 江门市). ``province`` (full name, e.g. 广东省) decides between
    namesakes and admits short county names of that province. Spans are shifted
    by ``offset``.
    """
    gaz = gazetteer()
    mentions: list[dict] = []
    covered = 0
    for start, name in gaz.automaton.find_all(text):  # at each start the longest name first
        if start < covered:
            continue  # inside a name already taken, or a shorter name at a start already decided
        if name in gaz.groups:  # a region named by its cities' one-character names: each city
            mentions.extend({"city": city, "written": name, "start": start + offset,
                             "end": start + len(name) + offset} for city in gaz.groups[name])
            covered = start + len(name)
            continue
        city, weak = gaz.lookup(name, province)
        if city is False:
            covered = start + len(name)
        # a name glued into words on both sides (重|大连|接线) or a short county form glued to the word before it
        # (创|新化) is no mention; nor is a short county form that names a street (铁西街道 of 长春市绿园区), nor a
        # one-character county glued to the word before it (完|成县|妇幼保健院)
        elif city and not ((weak or len(name) == 2 and gaz.glued_to_next_word(text, start + 2))
                           and gaz.glued_to_previous_word(text, start)) \
                and not (weak and text.startswith(_STREETS, start + len(name))) \
                and not (len(name) == 2 and name[1] == "县" and gaz.glued_to_previous_word(text, start)) \
                and not (len(name) == 2 and name[0] in _FUNCTION_CHARS and gaz.county_only(name)
                         and gaz.glued_to_next_word(text, start + 2)):
            mentions.append({"city": city, "written": name, "start": start + offset,
                             "end": start + len(name) + offset})
            covered = start + len(name)
    return _MENTIONS(mentions) if mentions else []


_MENTIONS = list_builder(PlaceMention)


def document_places(mentions: list[PlaceMention]) -> list[str]:
    """Distinct city names in first-mention order."""
    return list(dict.fromkeys(m.city for m in mentions))


def province_of(city: str) -> str | None:
    """The province a prefecture-level division belongs to (广州市 -> 广东省)."""
    return gazetteer().city_province.get(city)
