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

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from policykg.data import read_tsv
from policykg.loaders._automaton import WordAutomaton
from policykg.loaders.records import TopicEvidence, builder
from policykg.loaders.targets import CleanText, clean_text

SENTENCE_THRESHOLD = 3   # keyword weight one sentence needs for a topic
DOMINANCE = 0.75         # ... and at least this share of the sentence's strongest topic
TITLE_THRESHOLD = 1
STOP = "_stop"
SENTENCE_DELIMS = "。；;！!？?\n"
_SENTENCE_DELIM = re.compile("[" + re.escape(SENTENCE_DELIMS) + "]")
_SENTENCE_RUN = re.compile("[^" + re.escape(SENTENCE_DELIMS) + "]+")
_SEARCH_DELIMS = list(dict.fromkeys("\n" + SENTENCE_DELIMS))  # patterns of the sentence search, "\n" first
_FILLER = "\x00"
# A responsibility clause: a bracket holding a role word (up to the first bracket after it), or a 责任单位：
# line. Written with the first character of both forms as one leading class, so that re skips to the next
# candidate in C instead of trying both branches at every position; the same matches as
# r"[（(][^（）()]*?(?:牵头|负责|责任单位|配合)[^（）()]*?[）)]|责任单位[:：][^。\n]*" (the closing run is
# greedy: it cannot hold a bracket, so it stops at the same first bracket as a lazy one).
_ROLE_CLAUSE = re.compile(r"[（(责](?:(?<=[（(])[^（）()]*?(?:牵头|负责|责任单位|配合)[^（）()]*[）)]|(?<=责)任单位[:：][^。\n]*)")


@dataclass(frozen=True)
class Keyword:
    code: str
    keyword: str
    title_weight: int
    weight: int  # in a sentence


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, str], tuple[Keyword, ...]]:
    labels: dict[str, str] = {}
    keywords: list[Keyword] = []
    for row in read_tsv("topics.tsv"):
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


def topics_with_keyword(word: str) -> list[str]:
    """The codes of the topics that list ``word`` itself as a keyword (what an ABOUT edge's keyword holds)."""
    return sorted({kw.code for kw in _lexicon()[1] if kw.keyword == word and kw.code != STOP})


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
    title_topics = _title_topics(title_clean)
    if title_topics:
        a, b = _title_span(clean, title_clean)
        for code, keyword in title_topics:
            evidence[code] = _EVIDENCE({"topic": code, "keyword": keyword, "start": offset + a, "end": offset + b})
    for start, end, code, keyword in _sentence_topics(s):
        if code not in evidence:
            a, b = clean.source_span(start, end)
            evidence[code] = _EVIDENCE({"topic": code, "keyword": keyword, "start": offset + a, "end": offset + b})
    ordered = sorted(evidence.values(), key=lambda ev: ev.start)
    return [ev.topic for ev in ordered], ordered


_EVIDENCE = builder(TopicEvidence)


def _title_span(clean: CleanText, title: str) -> tuple[int, int]:
    at = clean.text.find(title) if title else -1
    if at < 0:
        return (clean.source_span(0, min(len(clean.text), len(title) or 1)) if clean.text else (0, 0))
    return clean.source_span(at, at + len(title))


def _title_topics(title: str) -> list[tuple[str, str]]:
    """(topic, strongest keyword) of each topic whose keywords in ``title`` reach ``TITLE_THRESHOLD``."""
    search = _sentence_search()
    if search is None:
        hits = keyword_hits(title)
    else:  # the delimiters are never inside a keyword: the keyword matches are those of ``keyword_hits``
        automaton, delims, _ = search
        found = tuple(i for i, _, _ in automaton.find_longest_indexes(title) if i >= delims)
        if not found:
            return []
        return list(_title_verdict_of(found))
    return _title_verdict(hits)


@lru_cache(maxsize=50_000)
def _title_verdict_of(found: tuple[int, ...]) -> tuple[tuple[str, str], ...]:
    """The verdict of a title holding the keywords of pattern indexes ``found``: like ``_verdict_of``, it
    depends on the keyword indexes only, which many titles share."""
    words = _pattern_words()
    return tuple(_title_verdict(_hits([words[i] for i in found], _matcher()[1])))


def _title_verdict(hits: dict[str, list[Keyword]]) -> list[tuple[str, str]]:
    """(topic, strongest keyword) of each topic whose title weight reaches ``TITLE_THRESHOLD``."""
    out = []
    for code, kws in hits.items():
        if sum(k.title_weight for k in kws) >= TITLE_THRESHOLD:
            out.append((code, max(kws, key=lambda k: (k.title_weight, k.weight)).keyword))
    return out


def _sentence_topics(s: str) -> list[tuple[int, int, str, str]]:
    """(start, end, topic, strongest keyword) of each topic a sentence of ``s`` is about, in text order.

    A topic qualifies in a sentence when its keywords weigh ``SENTENCE_THRESHOLD`` and at
    least ``DOMINANCE`` of the sentence's strongest topic. One search finds the keywords
    and the sentence delimiters together (responsibility clauses blanked first).
    """
    search = _sentence_search()
    if search is None:  # a keyword holds a sentence delimiter: sentence by sentence
        return _sentence_topics_slow(s)
    automaton, delims, counting = search
    masked = _ROLE_CLAUSE.sub(_blank_search, s)
    out: list[tuple[int, int, str, str]] = []
    words: list[int] = []
    sentence_start = 0
    for i, start, _ in automaton.find_longest_indexes(masked):
        if i >= delims:
            words.append(i)
            continue
        if words:  # a delimiter ends a sentence with keywords; "\n" (index 0) is not part of it
            _qualify(words, counting, sentence_start, start + 1 if i else start, out)
            words = []
        sentence_start = start + 1
    if words:
        _qualify(words, counting, sentence_start, len(masked), out)
    return out


def _qualify(words: list[int], counting: list[tuple[tuple[str, int, str], ...]], start: int, end: int,
             out: list[tuple[int, int, str, str]]) -> None:
    """Append the topics the sentence ``start:end`` holding keywords ``words`` is about."""
    for code, keyword in _verdict_of(tuple(words)):
        out.append((start, end, code, keyword))


@lru_cache(maxsize=50_000)
def _verdict_of(words: tuple[int, ...]) -> tuple[tuple[str, str], ...]:
    """The verdict of a sentence holding keywords ``words``: it depends on the keywords only, and sentences
    share keyword sets far more often than text."""
    search = _sentence_search()
    assert search is not None  # only the one-search path reads sentences by their keyword indexes
    return _verdict(list(words), search[2])


def _verdict(words: list[int], counting: list[tuple[tuple[str, int, str], ...]]) -> tuple[tuple[str, str], ...]:
    """(topic, strongest keyword) of each topic a sentence holding keywords ``words`` is about."""
    scores: dict[str, int] = {}
    best: dict[str, tuple[int, str]] = {}
    for w in dict.fromkeys(words):  # a keyword counts once per sentence
        for code, weight, keyword in counting[w]:
            if code in scores:
                scores[code] += weight
                if weight > best[code][0]:  # the first of the heaviest keywords
                    best[code] = (weight, keyword)
            else:
                scores[code] = weight
                best[code] = (weight, keyword)
    if not scores:  # stop phrases only
        return ()
    floor = max(SENTENCE_THRESHOLD, DOMINANCE * max(scores.values()))
    return tuple((code, best[code][1]) for code, score in scores.items() if score >= floor)


def _sentence_topics_slow(s: str) -> list[tuple[int, int, str, str]]:
    out: list[tuple[int, int, str, str]] = []
    for start, end, hits in _sentence_hits(s):
        scores = {code: sum(k.weight for k in kws) for code, kws in hits.items()}
        top = max(scores.values(), default=0)
        for code, kws in hits.items():
            if scores[code] < SENTENCE_THRESHOLD or scores[code] < DOMINANCE * top:
                continue
            out.append((start, end, code, max(kws, key=lambda k: k.weight).keyword))
    return out


@lru_cache(maxsize=1)
def _pattern_words() -> list[str]:
    """The word of each pattern index of ``_sentence_search``'s automaton ("" for delimiters)."""
    return [""] * len(_SEARCH_DELIMS) + list(_matcher()[1])


@lru_cache(maxsize=1)
def _sentence_search() -> tuple[WordAutomaton, int, list[tuple[tuple[str, int, str], ...]]] | None:
    """An automaton over the sentence delimiters ("\n" first) and then the keywords, the number
    of delimiters, and the counting keywords of each pattern index as (topic, weight, keyword);
    None when a keyword holds a delimiter."""
    _, by_word, whole = _matcher()
    if not whole:
        return None
    words = list(by_word)
    counting = _counting()
    table = [()] * len(_SEARCH_DELIMS) + [tuple((k.code, k.weight, k.keyword) for k in counting[w]) for w in words]
    # distinct non-empty words (a keyword holds no delimiter): pattern indexes are list positions
    return WordAutomaton(_SEARCH_DELIMS + words, overlapping=False), len(_SEARCH_DELIMS), table


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


def _blank_search(m: re.Match) -> str:
    """A responsibility clause as two sentence breaks around a filler that is no keyword and no
    delimiter: the same sentences and keywords as ``_blank`` with fewer delimiters to step over."""
    n = m.end() - m.start()
    return "\n" + _FILLER * (n - 2) + "\n" if n > 1 else "\n"


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
