"""Traditional characters -> simplified, character for character, for matching.

Some public mirrors of mainland policy documents serve them in traditional characters (發展改革委,
責任單位). The extractor matches simplified tables and patterns, so a traditional text is matched through
its simplified twin. The conversion maps one character to one character (jionlp's ``tra2sim_char``
table, with the corrections of ``data/simplified_overrides.tsv``), so every offset into the twin is the
same offset into the text as written: spans keep pointing into the original, and fields that quote the
source take their characters from it. Mirrors that convert for Taiwan readers also swap words (資訊 for
信息: 工業和資訊化部); ``data/simplified_words.tsv`` turns those back, each word into one of its length.

Some mirrors "spin" a page to pass as original, swapping words for near-synonyms of the same length
(发展改革委 -> 生长改造委, 负责 -> 卖力, 监管 -> 羁系). A text with several of the swaps no genuine document
makes is read through a twin with the swaps of ``data/spun_words.tsv`` undone (``unspun_twin``).
"""

from __future__ import annotations

import contextlib
import io
import re
from functools import lru_cache

from policykg.data import read_tsv

# A text is traditional when at least this share of its CJK characters (and this many) are traditional
# forms: a simplified text quotes a traditional name now and then (an appendix note, 著作权), a
# traditional text has one traditional form in every four or five characters.
_MIN_SHARE = 0.02
_MIN_COUNT = 5
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")  # runs, not characters: a text holds a few hundred, not thousands


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    with contextlib.redirect_stdout(io.StringIO()):  # jionlp prints a banner on import
        from jionlp.dictionary.dictionary_loader import traditional_simplified_loader

        pairs = traditional_simplified_loader("tra2sim_char.txt")
    table = {ord(t): s for t, s in pairs.items() if len(t) == 1 and len(s) == 1 and t != s}
    for row in read_tsv("simplified_overrides.tsv"):
        char, simplified = row["char"], row["simplified"]
        if simplified == "=":
            table.pop(ord(char), None)
        else:
            table[ord(char)] = simplified
    return table


@lru_cache(maxsize=1)
def _traditional_class() -> re.Pattern[str]:
    return re.compile("[" + "".join(sorted(chr(c) for c in _table())) + "]")


def is_traditional(text: str) -> bool:
    """True when ``text`` is written in traditional characters (see ``_MIN_SHARE``)."""
    traditional = _traditional_class()
    if traditional.search(text) is None:  # most texts: no traditional form at all, one scan
        return False
    found = len(text) - len(traditional.sub("", text))  # (counted without a list of one-character strings)
    if found < _MIN_COUNT:
        return False
    return found >= _MIN_SHARE * sum(map(len, _CJK_RUN.findall(text)))


def to_simplified(text: str) -> str:
    """``text`` with every traditional character replaced by its simplified form (same length)."""
    if _traditional_class().search(text) is None:  # nearly every text: one scan, no translation
        return text
    return text.translate(_table())


def simplified_twin(text: str) -> str | None:
    """The simplified twin of a traditional ``text`` (character for character); None when ``text`` is not
    traditional."""
    return to_simplified(text) if is_traditional(text) else None


def reading_twin(simplified: str, traditional: bool) -> str | None:
    """The text the extractor reads in place of ``simplified`` (same length, same offsets): a mirror's word
    swaps undone, its Taiwan words (when the page was ``traditional``) and its spun synonyms; None when
    there is nothing to undo."""
    out = simplified
    if traditional:
        words, pattern = _words()
        out = pattern.sub(lambda m: words[m.group()], out)
    out = unspun_twin(out) or out
    return None if out == simplified else out


@lru_cache(maxsize=1)
def _words() -> tuple[dict[str, str], re.Pattern[str]]:
    words: dict[str, str] = {}
    for row in read_tsv("simplified_words.tsv"):
        word, mainland = to_simplified(row["word"]), row["mainland"]
        if len(word) != len(mainland):
            raise ValueError(f"data/simplified_words.tsv: {row['word']} and {mainland} differ in length")
        words[word] = mainland
    return words, re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


def unspun_twin(text: str) -> str | None:
    """``text`` (simplified) with a spun mirror's swaps undone (same length, same offsets); None when it is
    not spun."""
    words, pattern, markers = _spun()
    if sum(marker in text for marker in markers) >= _MIN_SPUN_MARKERS:
        return pattern.sub(lambda m: words[m.group()], text)
    return None


_MIN_SPUN_MARKERS = 2  # distinct swaps no genuine document makes


@lru_cache(maxsize=1)
def _spun() -> tuple[dict[str, str], re.Pattern[str], tuple[str, ...]]:
    words: dict[str, str] = {}
    markers: list[str] = []
    for row in read_tsv("spun_words.tsv"):
        word, original = row["word"], row["original"]
        if len(word) != len(original):
            raise ValueError(f"data/spun_words.tsv: {word} and {original} differ in length")
        words[word] = original
        if row["marker"] == "yes":
            markers.append(word)
    alternation = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    return words, re.compile(alternation), tuple(markers)
