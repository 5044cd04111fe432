"""Numbering styles of Chinese government documents, recognised at the start of a line.

一、 （一） 1. 1、 （1） ① ⑴ 第一章 第一条 and (in docx/markdown) unnumbered bold headings.
``match_numbering`` returns the style, the number as written, its integer value and
where the item's own text starts.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import cn2an

_CN_DIGITS = "零〇一二三四五六七八九十百两"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"  # (1) … (20) as one character each

# Order matters: the more specific patterns first.
_STYLES: list[tuple[str, re.Pattern[str]]] = [
    ("chapter", re.compile(rf"第([{_CN_DIGITS}]{{1,4}}|\d{{1,3}})(?:章|部分|篇)[、，,：:\s]*")),
    ("article", re.compile(rf"第([{_CN_DIGITS}]{{1,4}}|\d{{1,3}})条[、，,：:\s]*")),
    ("paren_cn", re.compile(rf"[（(]([{_CN_DIGITS}]{{1,4}})[）)][、，,．.\s]*")),
    ("cn", re.compile(rf"([{_CN_DIGITS}]{{1,4}})(?:、|[．.](?![{_CN_DIGITS}\d]))\s*")),
    ("paren_arabic", re.compile(r"[（(](\d{1,3})[）)][、，,．.\s]*")),
    ("arabic", re.compile(r"(\d{1,3})(?:[、．]|\.(?!\d))\s*")),
    ("circled", re.compile(rf"([{_CIRCLED}])\s*")),
    ("paren_digit", re.compile(rf"([{_PAREN_DIGITS}])\s*")),
]



def _styles_by_first() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """The styles that can start with a character (in ``_STYLES`` order), for the characters other
    than digits: 第 chapter/article, brackets, Chinese numerals, circled numbers."""
    starts = {"chapter": "第", "article": "第", "paren_cn": "（(", "paren_arabic": "（(", "cn": _CN_DIGITS,
              "circled": _CIRCLED, "paren_digit": _PAREN_DIGITS}
    out: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for style, pattern in _STYLES:
        for ch in starts.get(style, ""):
            out.setdefault(ch, []).append((style, pattern))
    return out


# The styles a line may start with, by its first character. A digit (``\d`` takes them from any script) can
# start only "arabic"; any other character, none.
_STYLES_BY_FIRST = _styles_by_first()
_DIGIT_STYLES = [(style, pattern) for style, pattern in _STYLES if style == "arabic"]


class Numbering(NamedTuple):
    style: str
    written: str  # the number as written: "一", "12", "①"
    value: int
    body_offset: int  # index in the line where the item's own text starts


def to_int(written: str) -> int:
    """Value of a numeral as written: arabic, Chinese (cn2an) or circled."""
    if written.isascii() and written.isdigit():
        return int(written)
    if written in _CIRCLED:
        return _CIRCLED.index(written) + 1
    if written in _PAREN_DIGITS:
        return _PAREN_DIGITS.index(written) + 1
    return _chinese_int(written)


@lru_cache(maxsize=4096)
def _chinese_int(written: str) -> int:
    """cn2an is slow (it validates its input with regexes) and numbering repeats: 一 二 三 ..."""
    try:
        return int(cn2an.cn2an(written, "smart"))
    except (ValueError, KeyError):
        return 0


def match_numbering(line: str) -> Numbering | None:
    """The numbering at the start of ``line`` (leading whitespace allowed), if any."""
    stripped = line.lstrip()
    styles = _STYLES_BY_FIRST.get(stripped[:1])
    if styles is None:
        if not stripped[:1].isdigit():  # no style can start here
            return None
        styles = _DIGIT_STYLES
    lead = len(line) - len(stripped)
    for style, pattern in styles:
        m = pattern.match(stripped)
        if not m:
            continue
        written = m.group(1)
        value = to_int(written)
        if value <= 0:
            continue
        after = stripped[m.end():m.end() + 1]
        # A bare number followed by a unit or a date is text, not numbering ("1、2月份").
        if not after or after in "）)%％" or (after in "年月日" and stripped[m.end() - 1].isdigit()):
            continue
        return Numbering(style, written, value, lead + m.end())
    return None
