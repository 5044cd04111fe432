"""Aho-Corasick word search (pyahocorasick) over the UTF-32 code units of a text.

pyahocorasick looks up a node's children one by one, so an automaton over
thousands of Chinese names, whose root has a child for each of their first
characters, steps slowly through every character of the text. Over the bytes of
UTF-32-BE (seen as a latin-1 string) a character is four steps through nodes
with few children (its first two bytes are nearly always 0), which is several
times faster, and a match at byte ``b`` is at character ``b // 4``. Matches that
do not start on a character's first byte are dropped.
"""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick

_ENCODING = "utf-32-be"
_WIDTH = 4


def _bytes_view(s: str) -> str:
    return s.encode(_ENCODING, "surrogatepass").decode("latin-1")


class WordAutomaton:
    """All occurrences of a fixed set of words, with character offsets."""

    def __init__(self, words: Iterable[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        for word in words:
            if word:
                self._automaton.add_word(_bytes_view(word), (_WIDTH * len(word) - 1, word))
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def find_all(self, text: str) -> list[tuple[int, str]]:
        """(start, word) of every occurrence, overlapping ones included, by start then longest first."""
        if self._empty or not text:
            return []
        found = []
        for end, (span, word) in self._automaton.iter(_bytes_view(text)):
            start = end - span
            if start % _WIDTH == 0:
                found.append((start // _WIDTH, -len(word), word))
        found.sort()
        return [(start, word) for start, _, word in found]

    def find_longest(self, text: str) -> list[tuple[int, str]]:
        """(start, word) scanning left to right, the longest word at each position, without overlaps."""
        out = []
        covered = 0
        for start, word in self.find_all(text):
            if start >= covered:
                out.append((start, word))
                covered = start + len(word)
        return out
