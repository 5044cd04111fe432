"""Topic classification of measures over the 13 codes of SCHEMA.md (section Topics).

A topic applies when the measure's title or at least one full sentence is about it.
The lexicon ``data/topics.tsv`` gives each topic Chinese keywords with a title
weight and a sentence weight: a keyword with title weight 1 in the title, or
keywords weighing at least ``SENTENCE_THRESHOLD`` together in one sentence (3 =
core, enough alone; 2 = strong and 1 = weak, they need company) make the topic
apply, provided it is not a passing mention in a sentence about something else
(its score must reach ``DOMINANCE`` of the sentence's top topic; tuned on the
seed gold). Phrases coded ``_stop`` hide the keywords inside them
(顶层设计 is not design). Responsibility clauses (（…牵头…）, 责任单位：…) are not read,
so agency names do not trigger topics. Each topic comes with its evidence: the
triggering sentence's span and its strongest keyword.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from policykg.loaders._automaton import WordAutomaton
from policykg.loaders.records import TopicEvidence
from policykg.loaders.targets import CleanText, clean_text

SENTENCE_THRESHOLD = 3   # keyword weight one sentence needs for a topic
DOMINANCE = 0.75         # ... and at least this share of the sentence's strongest topic
TITLE_THRESHOLD = 1
STOP = "_stop"
SENTENCE_DELIMS = "。；;！!？?\n"
_SENTENCE_DELIM = re.compile("[" + re.escape(SENTENCE_DELIMS) + "]")
_SENTENCE_RUN = re.compile("[^" + re.escape(SENTENCE_DELIMS) + "]+")
_ROLE_CLAUSE = re.compile(r"[（(][^（）()]*?(?:牵头|负责|责任单位|配合)[^（）()]*?[）)]|责任单位[:：][^。\n]*")


@dataclass(frozen=True)
class Keyword:
    code: str
    keyword: str
    title_weight: int
    weight: int  # in a sentence


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, str], tuple[Keyword, ...]]:
    source = resources.files("policykg.data").joinpath("topics.tsv").read_text(encoding="utf-8")
    labels: dict[str, str] = {}
    keywords: list[Keyword] = []
    rows = csv.DictReader((line for line in source.splitlines() if line.strip() and not line.startswith("#")),
                          delimiter="\t")
    for row in rows:
        code = row["code"]
        if code != STOP:
            labels.setdefault(code, row["label"])
        keywords.append(Keyword(code, row["keyword"], int(row["title_weight"]), int(row["sentence_weight"])))
    return labels, tuple(keywords)


@lru_cache(maxsize=1)
def _matcher() -> tuple[WordAutomaton, dict[str, list[Keyword]], bool]:
    """The keyword automaton, keywords by word, and whether a text may be searched whole
    (no keyword holds a sentence delimiter, so no match runs over two sentences)."""
    by_word: dict[str, list[Keyword]] = {}
    for kw in _lexicon()[1]:
        by_word.setdefault(kw.keyword, []).append(kw)
    whole = not any(ch in SENTENCE_DELIMS for word in by_word for ch in word)
    return WordAutomaton(by_word), by_word, whole


TOPICS: dict[str, str] = _lexicon()[0]


def keyword_hits(sentence: str) -> dict[str, list[Keyword]]:
    """Keywords found in ``sentence`` by topic (longest match first; stop phrases hide what they cover)."""
    automaton, by_word, _ = _matcher()
    return _hits([word for _, word in automaton.find_longest(sentence)], by_word)


def _hits(words: list[str], by_word: dict[str, list[Keyword]]) -> dict[str, list[Keyword]]:
    hits: dict[str, list[Keyword]] = {}
    counting = _counting()
    for word in dict.fromkeys(words):  # a keyword counts once per sentence
        for kw in counting[word]:
            if kw.code in hits:
                hits[kw.code].append(kw)
            else:
                hits[kw.code] = [kw]
    return hits


@lru_cache(maxsize=1)
def _counting() -> dict[str, tuple[Keyword, ...]]:
    """Keywords by word without stop phrases, the first one of each topic (a topic counts a word once)."""
    out: dict[str, tuple[Keyword, ...]] = {}
    for word, kws in _matcher()[1].items():
        first: dict[str, Keyword] = {}
        for kw in kws:
            if kw.code != STOP:
                first.setdefault(kw.code, kw)
        out[word] = tuple(first.values())
    return out


def classify_topics(title: str, text: str, offset: int = 0) -> tuple[list[str], list[TopicEvidence]]:
    """Topic codes of one measure and, for each, the sentence and keyword that triggered it.

    ``text`` is the measure's full text (title at its start); ``offset`` its start in the
    document, so evidence spans are absolute.
    """
    clean = clean_text(text)
    s = clean.text
    evidence: dict[str, TopicEvidence] = {}
    title_clean = clean_text(title).text
    title_span = _title_span(clean, title_clean)
    for code, kws in keyword_hits(title_clean).items():
        if sum(k.title_weight for k in kws) >= TITLE_THRESHOLD:
            best = max(kws, key=lambda k: (k.title_weight, k.weight))
            evidence[code] = TopicEvidence(topic=code, keyword=best.keyword,
                                           start=offset + title_span[0], end=offset + title_span[1])
    for start, end, hits in _sentence_hits(s):
        scores = {code: sum(k.weight for k in kws) for code, kws in hits.items()}
        top = max(scores.values(), default=0)
        for code, kws in hits.items():
            if code in evidence or scores[code] < SENTENCE_THRESHOLD or scores[code] < DOMINANCE * top:
                continue
            best = max(kws, key=lambda k: k.weight)
            a, b = clean.source_span(start, end)
            evidence[code] = TopicEvidence(topic=code, keyword=best.keyword, start=offset + a, end=offset + b)
    ordered = sorted(evidence.values(), key=lambda ev: ev.start)
    return [ev.topic for ev in ordered], ordered


def _title_span(clean: CleanText, title: str) -> tuple[int, int]:
    at = clean.text.find(title) if title else -1
    if at < 0:
        return (clean.source_span(0, min(len(clean.text), len(title) or 1)) if clean.text else (0, 0))
    return clean.source_span(at, at + len(title))


def _sentence_hits(s: str) -> list[tuple[int, int, dict[str, list[Keyword]]]]:
    """(start, end, ``keyword_hits`` of the sentence) of each sentence of ``s`` that has a keyword,
    the text searched once."""
    masked, spans = _sentences(s)
    automaton, by_word, whole = _matcher()
    if not whole:
        return [(a, b, keyword_hits(s[a:b])) for a, b in spans]
    found = automaton.find_longest(masked)
    starts = [start for start, _ in found]
    out = []
    for a, b in spans:  # sentences without a keyword have no hits: left out
        i = bisect_left(starts, a)
        j = bisect_left(starts, b, i)
        if i < j:
            out.append((a, b, _hits([word for _, word in found[i:j]], by_word)))
    return out


def _blank(m: re.Match) -> str:
    return "\n" * (m.end() - m.start())


def _sentences(s: str) -> tuple[str, list[tuple[int, int]]]:
    """The cleaned text with responsibility clauses blanked out, and its sentence spans."""
    masked = _ROLE_CLAUSE.sub(_blank, s)
    n = len(masked)
    spans = []
    for m in _SENTENCE_RUN.finditer(masked):  # the text between two delimiters, when not blank
        a, b = m.span()
        if not m.group().isspace():
            spans.append((a, b + 1 if b < n and masked[b] != "\n" else b))
    return masked, spans
