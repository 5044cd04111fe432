"""Overlapping measures across the seed documents (issue 5)."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH
from seed_measures import document_text, seed_gold, seed_measures

from policykg.graph import _lsh, _shingles
from policykg.graph.overlap import (
    MeasureText,
    OverlapSettings,
    ShingleIndex,
    compare_dates,
    exact_scores,
    find_overlaps,
    shared_spans,
)

JUDGED = Path(__file__).resolve().parents[1] / "bench" / "overlap_judged.tsv"
GUANGDONG_2023 = "000_e7837287f54dd743"
HUNAN_2023 = "002_abf0b4db28229f54"


@pytest.fixture(scope="module")
def measures() -> list[MeasureText]:
    return list(seed_measures())


@pytest.fixture(scope="module")
def overlaps(measures):
    return find_overlaps(measures)


def _by_title(measures: list[MeasureText], doc_id: str, title: str) -> MeasureText:
    hits = [m for m in measures if m.doc_id == doc_id and title in m.text[: len(title) + 8]]
    assert len(hits) == 1, (doc_id, title, [m.id for m in hits])
    return hits[0]


def test_guangdong_20_and_hunan_13_overlap_with_verbatim_spans(measures, overlaps):
    gd = _by_title(measures, GUANGDONG_2023, "推广应用节能减排技术")
    hn = _by_title(measures, HUNAN_2023, "推广应用节能减排技术")
    pair = next(o for o in overlaps if {o.a_id, o.b_id} == {gd.id, hn.id})
    assert pair.score >= OverlapSettings().min_score
    # Guangdong's document (2023-02-18) is earlier than Hunan's (2023-07-17): reuse runs from it.
    assert (pair.a_id, pair.b_id, pair.earlier) == (gd.id, hn.id, gd.id)
    assert sum(len(s.text) for s in pair.shared_spans) >= 100
    gd_doc, hn_doc = document_text(GUANGDONG_2023), document_text(HUNAN_2023)
    for span in pair.shared_spans:
        assert len(span.text) >= OverlapSettings().min_span_chars
        assert gd.text[span.a_start : span.a_end] == span.text == hn.text[span.b_start : span.b_end]
        assert span.text in gd_doc and span.text in hn_doc
    assert any("聚酯酯化蒸汽余热回收再利用技术" in s.text for s in pair.shared_spans)


def test_no_pair_within_one_document(measures, overlaps):
    doc_of = {m.id: m.doc_id for m in measures}
    assert overlaps
    assert all(doc_of[o.a_id] != doc_of[o.b_id] for o in overlaps)


def test_near_copies_of_one_document_are_not_paired():
    text = _by_title(list(seed_measures()), GUANGDONG_2023, "推广应用节能减排技术").text
    same_doc = [MeasureText("x#1", "x", text), MeasureText("x#2", "x", text + "鼓励企业开展节能诊断。")]
    assert find_overlaps(same_doc) == []
    other_doc = [same_doc[0], MeasureText("y#1", "y", same_doc[1].text)]
    assert [(o.a_id, o.b_id) for o in find_overlaps(other_doc)] == [("x#1", "y#1")]


def _shares_run(a: str, b: str, n: int) -> bool:
    a, b = _shingles.normalise(a), _shingles.normalise(b)
    return any(a[i : i + n] in b for i in range(len(a) - n + 1))


def test_unrelated_measures_score_below_the_threshold(measures, overlaps):
    """Measures of different topics that share no 8-character run stay below ``min_score``."""
    topics = {f"{doc_id}#{m['label']}": set(m["topics"]) for doc_id, g in seed_gold().items() for m in g["measures"]}
    settings = OverlapSettings()
    index = ShingleIndex.build(measures, settings)
    reported = {frozenset((o.a_id, o.b_id)) for o in overlaps}
    unrelated = 0
    for i, j in itertools.combinations(range(len(measures)), 2):
        a, b = measures[i], measures[j]
        if a.doc_id == b.doc_id or topics.get(a.id, {""}) & topics.get(b.id, {""}):
            continue
        if _shares_run(a.text, b.text, 8):
            continue
        unrelated += 1
        containment, _ = exact_scores(index.hashes, index.offsets, i, j)
        assert containment < settings.min_score, (a.id, b.id, containment)
        assert frozenset((a.id, b.id)) not in reported
    assert unrelated > 1000


def test_defaults_agree_with_the_judged_pairs(overlaps):
    rows = [r for r in JUDGED.read_text(encoding="utf-8").splitlines() if r and not r.startswith("#")]
    labels = {frozenset((r["a"], r["b"])): r["label"] == "1" for r in csv.DictReader(rows, delimiter="\t")}
    reported = {frozenset((o.a_id, o.b_id)) for o in overlaps}
    positives = {p for p, yes in labels.items() if yes}
    precision = len(reported & positives) / len(reported)
    recall = len(reported & positives) / len(positives)
    assert precision >= 0.9 and recall >= 0.8, (precision, recall)


def test_shared_spans_skip_role_clauses():
    a = "加大重点耗能工序和设备的节能改造，进一步降低能耗强度。（省工业和信息化厅牵头，省发展改革委按职责分工负责）"
    b = "推进结构调整。加大重点耗能工序和设备的节能改造，进一步降低能耗强度。（省工业和信息化厅牵头，省发展改革委按职责分工负责）"
    spans = shared_spans(a, b, 8)
    assert [s.text for s in spans] == ["加大重点耗能工序和设备的节能改造，进一步降低能耗强度。"]
    assert b[spans[0].b_start : spans[0].b_end] == spans[0].text


def test_signatures_equal_datasketch_minhash(measures):
    """The vectorised signatures are datasketch's MinHash (affine32) with the shingle hash as hashfunc."""
    k, num_perm, seed = 5, 64, 1
    texts = [_shingles.normalise(m.text) for m in measures[:12]] + ["纺织", ""]
    hashes, offsets = _shingles.shingle_sets(texts, k)
    sigs = _shingles.signatures(hashes, offsets, num_perm, seed)
    for row, text in enumerate(texts):
        shingles = {text[i : i + k] for i in range(len(text) - k + 1)} or ({text} if text else set())
        mh = MinHash(num_perm=num_perm, seed=seed, scheme="affine32", hashfunc=_shingles.shingle_hash)
        mh.update_batch(sorted(shingles))
        assert np.array_equal(sigs[row], mh.hashvalues), text[:20]
        assert len(shingles) == offsets[row + 1] - offsets[row]


def test_banding_finds_what_datasketch_lsh_finds(measures):
    settings = OverlapSettings()
    index = ShingleIndex.build(measures, settings)
    sigs = _shingles.signatures(index.unit_hashes, index.unit_offsets, settings.num_perm, settings.seed)
    bands, rows = _lsh.band_layout(settings.lsh_threshold, settings.num_perm)
    ours = {tuple(p) for p in _lsh.colliding_pairs(sigs, bands, rows, max_bucket=len(sigs)).tolist()}
    lsh = MinHashLSH(threshold=settings.lsh_threshold, num_perm=settings.num_perm)
    sketches = [MinHash(num_perm=settings.num_perm, seed=settings.seed, scheme="affine32", hashvalues=s) for s in sigs]
    for n, sketch in enumerate(sketches):
        lsh.insert(n, sketch)
    theirs = {(min(n, m), max(n, m)) for n, sketch in enumerate(sketches) for m in lsh.query(sketch) if m != n}
    assert ours == theirs
    assert len(ours) > 50


def test_partial_dates_tell_no_order():
    assert compare_dates("2023-02-18", "2023-07-17") == -1
    assert compare_dates("2024", "2023-12-29") == 1
    assert compare_dates("2024-03", "2024-03-15") == 0
    assert compare_dates(None, "2023-07-17") == 0


def test_same_results_on_every_run(measures, overlaps):
    again = find_overlaps(reversed(measures))
    assert [(o.a_id, o.b_id, o.score) for o in again] == [(o.a_id, o.b_id, o.score) for o in overlaps]


def test_shandong_without_date_has_no_direction(measures, overlaps):
    shandong = {m.id for m in measures if m.doc_id.startswith("004_")}
    with_shandong = [o for o in overlaps if {o.a_id, o.b_id} & shandong]
    assert with_shandong
    assert all(o.earlier is None for o in with_shandong)
    assert all(o.a_id < o.b_id for o in with_shandong)
