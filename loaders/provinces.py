"""The 31 provincial-level divisions (``data/provinces.tsv``) and which one a document is from."""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from policykg.loaders._patterns import DOC_NUMBER_LEAD, DOC_NUMBER_YEAR, finditer_from_anchor

HEAD_CHARS = 3000          # "head of the text": where the issuer, document number and title live
_DOC_NUMBER_HEAD = 1500    # a document's own number comes before its body
_ISSUER_HEAD = 800


@dataclass(frozen=True)
class Province:
    name: str                      # 广东省
    short: str                     # 广东
    abbr: str                      # 粤 (document numbers)
    prefecture_collective: str     # 各地级以上市人民政府 (how it addresses its prefecture-level governments)
    kind: str = "省"               # 省 / 自治区 / 直辖市
    capital: str = ""              # 广州市
    abbr_alt: tuple[str, ...] = field(default=())   # other document-number abbreviations (内 for 内蒙古)

    @property
    def own_prefixes(self) -> tuple[str, ...]:
        """How the province's own documents refer to themselves before a department name."""
        return ("市",) if self.kind == "直辖市" else ("自治区", "省")


def _rows(filename: str) -> list[dict[str, str]]:
    text = resources.files("policykg.data").joinpath(filename).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _load() -> dict[str, Province]:
    out = {}
    for r in _rows("provinces.tsv"):
        out[r["name"]] = Province(
            name=r["name"], short=r["short"], abbr=r["abbr"], prefecture_collective=r["prefecture_collective"],
            kind=r["kind"], capital=r["capital"], abbr_alt=tuple(a for a in r["abbr_alt"].split("|") if a),
        )
    return out


PROVINCES: dict[str, Province] = _load()

_BY_ABBR: dict[str, str] = {}
for _p in PROVINCES.values():
    for _a in (_p.abbr, *_p.abbr_alt):
        _BY_ABBR[_a] = _p.name

_CJK = "\u4e00-\u9fff"
_DOC_NUMBER = re.compile(
    rf"(?<![{_CJK}])([{_CJK}]{{1,12}})\s*[〔\[［【（(]\s*(?:19|20)\d{{2}}\s*[〕\]］】）)]\s*第?\s*\d{{1,4}}\s*号"
)
_LEARNING = re.compile(r"(?:借鉴|学习|参照|对标|比照|参考)[^。；;，,]{0,30}?(?:经验|做法|模式)")
_OWN = re.compile(r"[我本全]省|[我本全]区|[我本全]市")


@lru_cache(maxsize=1)
def _name_pattern() -> re.Pattern[str]:
    names = [p.name for p in PROVINCES.values()] + [p.short for p in PROVINCES.values()]
    return re.compile("|".join(sorted(map(re.escape, names), key=len, reverse=True)))


def _by_any_name(found: str) -> tuple[str, bool]:
    """(province full name, written in full?) for a full or short name."""
    if found in PROVINCES:
        return found, True
    return next(p.name for p in PROVINCES.values() if p.short == found), False


def province_of_abbreviation(prefix: str) -> str | None:
    """The province a document number's prefix abbreviates (粤工信消费函 -> 广东省), by its first character."""
    return _BY_ABBR.get(prefix[:1]) if prefix else None


def province_from_doc_number(text: str) -> str | None:
    """粤工信消费函〔2023〕2号 -> 广东省: the first document number in the head that starts with a province abbreviation."""
    for m in finditer_from_anchor(_DOC_NUMBER, DOC_NUMBER_YEAR, text[:_DOC_NUMBER_HEAD], DOC_NUMBER_LEAD):
        province = _BY_ABBR.get(m.group(1)[0])
        if province:
            return province
    return None


def _province_from_issuers(text: str) -> str | None:
    from policykg.loaders.agencies import find_agencies  # agencies imports this module

    counts = Counter(m.info.province for m in find_agencies(text[:_ISSUER_HEAD], None)
                     if m.info.known and m.info.province and m.info.level not in ("collective", "central"))
    return counts.most_common(1)[0][0] if counts else None


def _name_counts(text: str) -> Counter[str]:
    """Province mentions, a full name counting twice as much as a short one; provinces whose experience the
    text learns from (借鉴浙江、江苏的经验) are not counted."""
    counts: Counter[str] = Counter()
    learned = [(m.start(), m.end()) for m in _LEARNING.finditer(text)] if "经验" in text or "做法" in text else []
    for m in _name_pattern().finditer(text):
        if any(a <= m.start() < b for a, b in learned):
            continue
        name, full = _by_any_name(m.group(0))
        counts[name] += 2 if full else 1
    return counts


def detect_province(text: str) -> str | None:
    """The issuing province of a document, by the strongest evidence found.

    In order: the document number's abbreviation (粤/湘/鲁 …); full agency names among the first lines
    (广东省工业和信息化厅); a document speaking of 我省/全省 and naming a province; the province named most
    often in the head of the text. ``None`` when nothing points to a province.
    """
    if not text:
        return None
    found = province_from_doc_number(text) or _province_from_issuers(text)
    if found:
        return found
    if _OWN.search(text):
        counts = _name_counts(text)
        if counts:
            return counts.most_common(1)[0][0]
    counts = _name_counts(text[:HEAD_CHARS])
    if counts:
        name, score = counts.most_common(1)[0]
        if score >= 2:
            return name
    return None
