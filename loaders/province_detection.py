"""Which of the 31 provinces a document is from: its document number, its issuers, how it speaks of itself.

Apart from ``provinces.py`` (the table), since it reads agency names (``agencies.py``), which read the table."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from policykg.loaders._patterns import DOC_NUMBER_LEAD, DOC_NUMBER_YEAR, finditer_from_anchor
from policykg.loaders.agencies import find_agencies
from policykg.loaders.provinces import PROVINCES, province_of_abbreviation

HEAD_CHARS = 3000          # "head of the text": where the issuer, document number and title live
_DOC_NUMBER_HEAD = 1500    # a document's own number comes before its body
_ISSUER_HEAD = 800


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


def province_from_doc_number(text: str) -> str | None:
    """粤工信消费函〔2023〕2号 -> 广东省: the first document number in the head that starts with a province abbreviation."""
    for m in finditer_from_anchor(_DOC_NUMBER, DOC_NUMBER_YEAR, text[:_DOC_NUMBER_HEAD], DOC_NUMBER_LEAD):
        province = province_of_abbreviation(m.group(1))
        if province:
            return province
    return None


def _province_from_issuers(text: str) -> str | None:
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
