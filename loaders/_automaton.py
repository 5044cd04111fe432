"""Aho-Corasick word search with character offsets (ahocorasick-rs).

pyahocorasick looks up a node's children one by one, so an automaton over
thousands of Chinese names, whose root has a child for each of their first
characters, steps slowly through every character of the text. ahocorasick-rs
(the Rust ``aho-corasick`` crate) searches with a DFA and reports character
offsets on ``str``; its leftmost-longest mode is exactly ``find_longest``
(at the leftmost position where a word starts, the longest word, then on
after it), so that search needs no Python work per overlapping match.
Both automata are built as DFAs: a few tens of milliseconds more to build, once
per process, and about a third less time per search than the crate's default
(a contiguous NFA for these word lists); the matches are the same.
"""

from __future__ import annotations

from collections.abc import Iterable

from ahocorasick_rs import AhoCorasick, Implementation, MatchKind


class WordAutomaton:
    """All occurrences of a fixed set of words, with character offsets."""

    def __init__(self, words: Iterable[str], overlapping: bool = True) -> None:
        """``overlapping=False`` builds only the ``find_longest`` automaton (``find_all`` finds nothing)."""
        self._words = [word for word in dict.fromkeys(words) if word]
        self._all = (AhoCorasick(self._words, matchkind=MatchKind.Standard, implementation=Implementation.DFA)
                     if self._words and overlapping else None)
        self._longest = (AhoCorasick(self._words, matchkind=MatchKind.LeftmostLongest, implementation=Implementation.DFA)
                         if self._words else None)

    def find_all(self, text: str) -> list[tuple[int, str]]:
        """(start, word) of every occurrence, overlapping ones included, by start then longest first."""
        if self._all is None or not text:
            return []
        words = self._words
        found = sorted((start, start - end, i) for i, start, end in
                       self._all.find_matches_as_indexes(text, overlapping=True))
        return [(start, words[i]) for start, _, i in found]

    def find_longest(self, text: str) -> list[tuple[int, str]]:
        """(start, word) scanning left to right, the longest word at each position, without overlaps."""
        if self._longest is None or not text:
            return []
        words = self._words
        return [(start, words[i]) for i, start, _ in self._longest.find_matches_as_indexes(text)]

    def find_longest_indexes(self, text: str) -> list[tuple[int, int, int]]:
        """``find_longest`` as (word index, start, end): the index into the words as given
        (distinct and non-empty), with no word string built per match."""
        if self._longest is None or not text:
            return []
        return self._longest.find_matches_as_indexes(text)
