"""Overlapping measures across documents: textual reuse and light paraphrase (issue 5).

Three stages, none of them quadratic in the number of measures:

1. *Candidates*: policy text is reused sentence by sentence, so the LSH runs
   on sentences. Each sentence (role clauses, punctuation and layout removed)
   becomes a set of character shingles, with the shingles found in many
   measures dropped (a stop list: 纺织服装产业, 高质量发展 ...); MinHash
   signatures (datasketch's scheme, computed in bulk) are banded with the
   layout datasketch's ``MinHashLSH`` picks for ``lsh_threshold``. Colliding
   sentences of two documents whose signatures agree on fewer than
   ``min_sentence_jaccard`` of their values are dropped, and a measure pair
   is kept only if its matched sentences could cover ``prefilter`` x
   ``min_score`` of the smaller measure.
2. *Exact score* of each candidate on the measures' shingle sets:
   ``containment`` = shared / shingles of the smaller measure, ``jaccard`` =
   shared / union. ``score`` is the containment: a short measure copied whole
   into a longer one is reuse even though their Jaccard is low.
3. *Alignment* of the pairs that reach ``min_score``: rapidfuzz's Indel
   (longest common subsequence) alignment of the two texts; its equal runs of
   at least ``min_span_chars`` characters, outside the role clauses, are the
   shared spans, verbatim in both texts.

Two measures of the same document are never paired. Offsets in
``shared_spans`` are into the measure texts as given (``MeasureText.text``).
When both documents have an issue date and the dates tell an order, ``a`` is
the measure of the earlier document and ``earlier`` its id; otherwise ``a`` is
the smaller id and ``earlier`` is ``None``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
from rapidfuzz.distance import Indel

from policykg.graph import _lsh, _shingles

log = logging.getLogger(__name__)


class MeasureText(NamedTuple):
    """One measure as the overlap analysis sees it."""

    id: str
    doc_id: str
    text: str
    issued: str | None = None  # ISO date, "YYYY-MM" or "YYYY"


class SharedSpan(NamedTuple):
    """A passage found verbatim in both measures (half-open offsets into each text)."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    text: str


@dataclass(frozen=True)
class OverlapSettings:
    """Parameters of :func:`find_overlaps`; the defaults were chosen on the seed corpus.

    See ``bench/README.md`` for the measurement behind each default.
    """

    shingle_size: int = 5          # characters per shingle
    num_perm: int = 64             # MinHash permutations per sentence
    lsh_threshold: float = 0.2     # sentence Jaccard the LSH banding is tuned for
    min_score: float = 0.2         # containment a pair needs to be reported
    min_span_chars: int = 8        # shortest shared passage reported
    min_sentence_chars: int = 10   # shorter sentences (titles, stock phrases) seed no candidates
    min_sentence_shingles: int = 4 # ... nor do sentences left with fewer shingles after the stop list
    max_df: float = 0.05           # stop list: shingles found in more than this share of measures ...
    min_df_cap: int = 10           # ... and in more than this many measures
    min_sentence_jaccard: float = 0.1  # colliding sentences whose MinHash estimate is lower are chance
    prefilter: float = 0.5         # keep pairs whose matched sentences may cover this share of min_score
    max_bucket: int = 200          # LSH buckets with more sentences than this are boilerplate
    seed: int = 1                  # MinHash permutation seed


@dataclass
class Overlap:
    """Two measures of different documents that share text."""

    a_id: str
    b_id: str
    score: float
    containment: float
    jaccard: float
    shared_spans: list[SharedSpan] = field(default_factory=list)
    earlier: str | None = None     # id of the measure of the earlier document, if known


def find_overlaps(measures: Iterable[MeasureText], settings: OverlapSettings | None = None) -> list[Overlap]:
    """Every pair of measures from different documents whose score reaches ``settings.min_score``.

    Sorted by score, highest first.
    """
    settings = settings or OverlapSettings()
    items = [MeasureText(*m) for m in measures]
    if len(items) < 2:
        return []
    clock = time.perf_counter()
    index = ShingleIndex.build(items, settings)
    log.info("shingled %d measures, %d sentences in %.2fs", len(items), len(index.unit_owner),
             time.perf_counter() - clock)
    clock = time.perf_counter()
    candidates = candidate_pairs(items, index, settings)
    log.info("%d candidate pairs in %.2fs", len(candidates), time.perf_counter() - clock)
    clock = time.perf_counter()
    scored = []
    for i, j in candidates:
        containment, jaccard = exact_scores(index.hashes, index.offsets, i, j)
        if containment >= settings.min_score:
            scored.append((i, j, containment, jaccard))
    log.info("%d pairs reach %.2f, scored in %.2fs", len(scored), settings.min_score, time.perf_counter() - clock)
    clock = time.perf_counter()
    out = [_overlap(items[i], items[j], c, jac, settings) for i, j, c, jac in scored]
    out.sort(key=lambda o: (-o.score, o.a_id, o.b_id))
    log.info("aligned in %.2fs", time.perf_counter() - clock)
    return out


@dataclass
class ShingleIndex:
    """Shingle sets of the measures (for scoring) and of their sentences (for LSH).

    Shingles are taken within sentences; a measure's set is the union of its
    sentences' sets. Shingles found in too many measures (the stop list) are
    removed from both.
    """

    hashes: np.ndarray           # measure shingles, flat; measure i: hashes[offsets[i]:offsets[i+1]]
    offsets: np.ndarray
    unit_hashes: np.ndarray      # sentence shingles, flat, same layout
    unit_offsets: np.ndarray
    unit_owner: np.ndarray       # measure index of each sentence
    unit_chars: np.ndarray       # normalised length of each sentence

    @classmethod
    def build(cls, items: list[MeasureText], settings: OverlapSettings) -> ShingleIndex:
        units: list[str] = []
        owner: list[int] = []
        for i, m in enumerate(items):
            for sentence in _shingles.sentences(m.text, 1):
                units.append(sentence)
                owner.append(i)
        unit_owner = np.asarray(owner, dtype=np.int64)
        unit_hashes, unit_offsets = _shingles.shingle_sets(units, settings.shingle_size)
        hashes, offsets = _shingles.union_by_owner(unit_hashes, unit_offsets, unit_owner, len(items))
        max_df = max(settings.min_df_cap, int(settings.max_df * len(items)))
        stop = _shingles.frequent(hashes, max_df)
        hashes, offsets = _shingles.drop(hashes, offsets, stop)
        unit_hashes, unit_offsets = _shingles.drop(unit_hashes, unit_offsets, stop)
        chars = np.fromiter((len(u) for u in units), dtype=np.int64, count=len(units))
        return cls(hashes, offsets, unit_hashes, unit_offsets, unit_owner, chars)


def candidate_pairs(items: list[MeasureText], index: ShingleIndex, settings: OverlapSettings) -> list[tuple[int, int]]:
    """Measure index pairs ``(i, j)``, ``i < j``, from different documents, worth an exact score.

    Sentences whose MinHash signatures share an LSH bucket and agree on at
    least ``min_sentence_jaccard`` of their values are matched; a measure pair
    is kept when the shingles its matched sentences share (estimated from
    their Jaccard and sizes) could reach ``prefilter`` x ``min_score`` of
    the smaller measure. Chance matches of one stock phrase fall out here,
    so the exact scores are computed for few pairs.
    """
    sizes = np.diff(index.unit_offsets)
    usable = np.flatnonzero((sizes >= settings.min_sentence_shingles) & (index.unit_chars >= settings.min_sentence_chars))
    if len(usable) < 2:
        return []
    sigs = _shingles.signatures(index.unit_hashes, index.unit_offsets, settings.num_perm, settings.seed)[usable]
    bands, rows = _lsh.band_layout(settings.lsh_threshold, settings.num_perm)
    pairs = _lsh.colliding_pairs(sigs, bands, rows, settings.max_bucket)
    jaccard = _lsh.agreement(sigs, pairs)
    keep = jaccard >= settings.min_sentence_jaccard
    pairs, jaccard = pairs[keep], jaccard[keep]
    owner = index.unit_owner[usable]
    a, b = owner[pairs[:, 0]], owner[pairs[:, 1]]
    doc_codes = {d: n for n, d in enumerate(sorted({m.doc_id for m in items}))}
    doc = np.fromiter((doc_codes[m.doc_id] for m in items), dtype=np.int64, count=len(items))
    keep = doc[a] != doc[b]
    a, b, jaccard, pairs = a[keep], b[keep], jaccard[keep], pairs[keep]
    # Shared shingles of two sentences from their Jaccard: |u & v| = J / (1 + J) * (|u| + |v|).
    unit_sizes = sizes[usable]
    shared = jaccard / (1 + jaccard) * (unit_sizes[pairs[:, 0]] + unit_sizes[pairs[:, 1]])
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    codes = lo * np.int64(len(items)) + hi
    order = np.argsort(codes, kind="stable")
    codes, shared = codes[order], shared[order]
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]]) if len(codes) else np.empty(0, dtype=np.int64)
    codes, shared = codes[starts], np.add.reduceat(shared, starts) if len(starts) else shared[:0]
    lo, hi = codes // len(items), codes % len(items)
    measure_sizes = np.diff(index.offsets)
    smaller = np.minimum(measure_sizes[lo], measure_sizes[hi])
    keep = shared >= settings.prefilter * settings.min_score * np.maximum(smaller, 1)
    return list(zip(lo[keep].tolist(), hi[keep].tolist(), strict=True))


def exact_scores(hashes: np.ndarray, offsets: np.ndarray, i: int, j: int) -> tuple[float, float]:
    """``(containment, jaccard)`` of the shingle sets of measures ``i`` and ``j``."""
    a = hashes[offsets[i] : offsets[i + 1]]
    b = hashes[offsets[j] : offsets[j + 1]]
    if len(a) == 0 or len(b) == 0:
        return 0.0, 0.0
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / min(len(a), len(b)), shared / (len(a) + len(b) - shared)


def shared_spans(a: str, b: str, min_chars: int) -> list[SharedSpan]:
    """Passages of at least ``min_chars`` characters found verbatim in both texts, in order.

    The alignment is rapidfuzz's Indel (LCS) alignment; its equal runs are cut
    at the role clauses of either text, which are boilerplate, not reuse.
    """
    mask_a = _mask(a)
    mask_b = _mask(b)
    out: list[SharedSpan] = []
    for op in Indel.opcodes(a, b):
        if op.tag != "equal" or op.src_end - op.src_start < min_chars:
            continue
        run = ~(mask_a[op.src_start : op.src_end] | mask_b[op.dest_start : op.dest_end])
        for start, end in _true_runs(run):
            start, end = _trim(a, op.src_start + start, op.src_start + end)
            if end - start < min_chars:
                continue
            shift = op.dest_start - op.src_start
            out.append(SharedSpan(start, end, start + shift, end + shift, a[start:end]))
    return out


def _mask(text: str) -> np.ndarray:
    mask = np.zeros(len(text), dtype=bool)
    for start, end in _shingles.role_clause_spans(text):
        mask[start:end] = True
    return mask


def _true_runs(flags: np.ndarray) -> list[tuple[int, int]]:
    padded = np.concatenate(([False], flags, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _overlap(x: MeasureText, y: MeasureText, containment: float, jaccard: float, s: OverlapSettings) -> Overlap:
    order = compare_dates(x.issued, y.issued)
    if order > 0 or (order == 0 and y.id < x.id):
        x, y = y, x
    return Overlap(
        a_id=x.id,
        b_id=y.id,
        score=round(containment, 4),
        containment=round(containment, 4),
        jaccard=round(jaccard, 4),
        shared_spans=shared_spans(x.text, y.text, s.min_span_chars),
        earlier=x.id if order != 0 else None,
    )


def compare_dates(a: str | None, b: str | None) -> int:
    """-1 if ``a`` is known to be earlier than ``b``, 1 if later, 0 if unknown or the same.

    Partial dates compare at their common precision: "2024-03" and "2024-03-15" tell no order.
    """
    if not a or not b:
        return 0
    n = min(len(a), len(b))
    if a[:n] == b[:n]:
        return 0
    return -1 if a[:n] < b[:n] else 1
