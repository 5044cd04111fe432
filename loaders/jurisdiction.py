"""Jurisdictions: the central government, the 31 provinces, their prefecture-level cities and counties.

A document is issued at one level (central, province, city, county) by one jurisdiction (国务院, 江苏省,
苏州市, 长兴县). Agency names are written relative to it: 省发展改革委 in a Jiangsu document is
江苏省发展和改革委员会, 市工信局 in a Suzhou document 苏州市工业和信息化局, 县经信局 in a Changxing
document 长兴县经济和信息化局. ``Jurisdiction.relative`` answers which jurisdiction such a prefix means.

The registry of names comes from jionlp's administrative-division dictionary (with the former names of
renamed prefectures and counties, 襄樊市 -> 襄阳市, 沙县 -> 沙县区), so that an issuer or a title naming a city or county is understood.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal, NamedTuple

from policykg.loaders.provinces import PROVINCES

Level = Literal["central", "province", "city", "county"]
LEVELS: tuple[Level, ...] = ("central", "province", "city", "county")

# Province-level units that are not among the 31 (jionlp lists them too).
_OUTSIDE = {"香港特别行政区", "澳门特别行政区", "台湾省"}
_DIRECT_GROUP = "行政区划"  # jionlp's pseudo prefecture for county-level units directly under a province
# The administrative suffix a relative prefix refers to (市发展改革委 -> the nearest jurisdiction named …市).
_PREFIX_SUFFIXES: dict[str, tuple[str, ...]] = {
    "省": ("省",), "自治区": ("自治区",), "市": ("市",), "县": ("县", "自治县"), "区": ("区",),
    "州": ("州",), "旗": ("旗",), "盟": ("盟",),
}


class Jurisdiction(NamedTuple):
    """One government: its level, its full name, and the province (and prefecture) it lies in. (A named
    tuple: it keys the caches of unit lists and clauses, and a tuple hashes in C.)"""

    level: Level
    name: str                  # 国务院 / 江苏省 / 苏州市 / 长兴县
    province: str | None       # None for the central government
    city: str | None = None    # the prefecture of a county; a city's own name

    def chain(self) -> list[Jurisdiction]:
        """Itself, then the jurisdictions above it (county -> city -> province); the centre alone."""
        out = [self]
        if self.level == "county" and self.city:
            out.append(city_jurisdiction(self.city, self.province))
        if self.level in ("city", "county") and self.province:
            out.append(province_jurisdiction(self.province))
        return out

    @property
    def municipality(self) -> bool:
        """A province-level city (北京市, 天津市, 上海市, 重庆市)."""
        return self.level == "province" and PROVINCES[self.name].kind == "直辖市"

    def relative(self, prefix: str) -> Jurisdiction | None:
        """The jurisdiction a relative prefix means in this one's documents: 省 its province, 市 the nearest
        city (a county-level city itself, its prefecture, or a province-level city), 县/区/旗 itself,
        区 also an autonomous region (区发展改革委 in a Guangxi document); None when nothing fits."""
        suffixes = _PREFIX_SUFFIXES.get(prefix)
        if not suffixes or self.level == "central":
            return None
        for j in self.chain():
            if j.name.endswith(suffixes):
                return j
        return None


CENTRAL = Jurisdiction("central", "国务院", None)


@cache
def province_jurisdiction(name: str) -> Jurisdiction:
    return Jurisdiction("province", name, name)


@cache
def city_jurisdiction(name: str, province: str | None) -> Jurisdiction:
    return Jurisdiction("city", name, province, name)


@dataclass(frozen=True)
class _Registry:
    full: dict[str, tuple[Jurisdiction, ...]]    # full names (江苏省, 苏州市, 襄樊市, 长兴县) -> jurisdictions
    short: dict[str, tuple[Jurisdiction, ...]]   # short names of provinces and cities (江苏, 苏州, 亳州)
    current: dict[str, str]                      # former prefecture names -> today's (襄樊市 -> 襄阳市)


def _jionlp():
    with contextlib.redirect_stdout(io.StringIO()):  # jionlp prints a banner on import
        import jionlp
    return jionlp


@lru_cache(maxsize=1)
def _registry() -> _Registry:
    jionlp = _jionlp()
    full: dict[str, list[Jurisdiction]] = {}
    short: dict[str, list[Jurisdiction]] = {}
    autonomous: list[tuple[str, Jurisdiction]] = []  # short names of autonomous prefectures

    def add(table: dict[str, list[Jurisdiction]], name: str, j: Jurisdiction) -> None:
        if name and j not in table.setdefault(name, []):
            table[name].append(j)

    for pname, pv in jionlp.china_location_loader(detail=False).items():
        if pname.startswith("_") or pname in _OUTSIDE or pname not in PROVINCES:
            continue
        province = province_jurisdiction(pname)
        add(full, pname, province)
        add(short, PROVINCES[pname].short, province)
        for cname, cv in pv.items():
            if cname.startswith("_"):
                continue
            if PROVINCES[pname].kind == "直辖市":  # its districts and counties lie directly under it
                for county in cv:
                    if not county.startswith("_"):
                        j = _county(county, pname, None)
                        add(full, county, j)
                        add(full, pname + county, j)
                continue
            if cname.endswith(_DIRECT_GROUP):  # 济源市, 仙桃市, 琼海市: prefecture-level in practice
                for county, kv in cv.items():
                    if not county.startswith("_"):
                        city = city_jurisdiction(county, pname)
                        add(full, county, city)
                        add(short, kv["_alias"], city)
                continue
            city = city_jurisdiction(cname, pname)
            add(full, cname, city)
            for alias in cv["_alias"] if isinstance(cv["_alias"], list) else [cv["_alias"]]:
                if alias != cname:
                    add(short, alias, city)
                    if cname.endswith("自治州"):
                        autonomous.append((alias, city))
            for county in cv:
                if not county.startswith("_"):
                    j = _county(county, pname, cname)
                    add(full, county, j)
                    add(full, cname + county, j)
    for alias, city in autonomous:  # 湘西自治州人民政府, 州政府 of 湘西州: the names its own documents use
        for name in (alias + "自治州", alias if alias.endswith("州") else alias + "州"):
            if name not in full:
                add(full, name, city)
    current: dict[str, str] = {}
    for change in jionlp.china_location_change_loader():
        (pname, _), (old_city, old_short), (old_county, _) = change["old_loc"]
        new_province, new_city, _ = change["new_loc"]
        if old_county is None and old_city and new_city and old_city != new_city and pname in PROVINCES:
            if old_city not in full:  # a former name: its documents keep it (襄樊市人民政府)
                add(full, old_city, city_jurisdiction(old_city, new_province))
                if old_short:
                    add(short, old_short, city_jurisdiction(old_city, new_province))
            current[old_city] = new_city
        new_county = change["new_loc"][2]
        if old_county and new_county and old_county != new_county and old_county not in full and pname in PROVINCES:
            # a county made a district or a city (沙县 -> 沙县区): its documents of before keep the former name
            add(full, old_county, _county(old_county, new_province, new_city))
    return _Registry({k: tuple(v) for k, v in full.items()}, {k: tuple(v) for k, v in short.items()}, current)


def _county(name: str, province: str, city: str | None) -> Jurisdiction:
    """A county-level jurisdiction. A district (区) is named with its city, as its own documents name it
    (金华市婺城区人民政府, 北京市朝阳区): district names repeat across cities."""
    if name.endswith("区") and not name.endswith(("林区", "特区", "矿区")):
        return Jurisdiction("county", (city or province) + name, province, city)
    return Jurisdiction("county", name, province, city)


def by_name(name: str, province: str | None = None) -> Jurisdiction | None:
    """The jurisdiction a full name (江苏省, 苏州市, 长兴县) denotes; ``province`` decides between namesakes
    (朝阳区 of 北京市 and of 长春市); None when unknown or still ambiguous."""
    return _pick(_registry().full.get(name, ()), province)


def by_short_name(short: str, province: str | None = None) -> Jurisdiction | None:
    """The province or prefecture a short name (江苏, 苏州, 亳州) denotes."""
    return _pick(_registry().short.get(short, ()), province)


def _pick(found: tuple[Jurisdiction, ...], province: str | None) -> Jurisdiction | None:
    if province:
        inside = [j for j in found if j.province == province]
        if inside:
            found = tuple(inside)
    if len(found) == 1:
        return found[0]
    higher = [j for j in found if j.level != "county"]  # a city and a county of one name: the city
    return higher[0] if len(higher) == 1 else None


def short_name(j: Jurisdiction) -> str:
    """The short name a jurisdiction's zones and branches are named with (苏州市 -> 苏州, 长兴县 -> 长兴)."""
    if j.level == "province":
        return PROVINCES[j.name].short
    return _short_names().get(j.name, j.name)


@lru_cache(maxsize=1)
def _short_names() -> dict[str, str]:
    out: dict[str, str] = {}
    for short, found in _registry().short.items():
        for j in found:
            if j.level != "province" and (j.name not in out or len(short) < len(out[j.name])):
                out[j.name] = short
    for found in _registry().full.values():
        for j in found:
            if j.level != "county" or j.name in out:
                continue
            plain = j.name
            for above in (j.city, j.province):
                if above and plain.startswith(above) and len(plain) > len(above):
                    plain = plain[len(above):]
            for suffix in ("自治县", "自治旗", "县", "区", "市", "旗"):
                if plain.endswith(suffix) and len(plain) - len(suffix) >= 2:
                    out[j.name] = plain[: -len(suffix)]
                    break
    return out


@cache
def counties_of(province: str) -> dict[str, Jurisdiction]:
    """The county-level units of a province by their bare names (霍邱县, 婺城区; 渝中区 of 重庆市); a bare
    name two of them share (朝阳区) is left out."""
    out: dict[str, Jurisdiction] = {}
    shared: set[str] = set()
    for name, found in _registry().full.items():
        for j in found:
            if j.level != "county" or j.province != province or name.startswith((province, j.city or province)):
                continue
            if name in out and out[name] != j:
                shared.add(name)
            out[name] = j
    return {name: j for name, j in out.items() if name not in shared}


def full_names() -> dict[str, tuple[Jurisdiction, ...]]:
    """Every full name of the registry (for automata over texts)."""
    return _registry().full


def short_names() -> dict[str, tuple[Jurisdiction, ...]]:
    return _registry().short
