"""Extraction of documents in styles the seed corpus does not show (tests/data/unseen).

Six hand-written provincial documents: a Zhejiang 行动方案 with 一、/（一）/1. and a 重点任务分工表
attachment, a Jiangsu 若干政策措施 numbered 1. only with "列第一位的为牵头单位" declared at the end, a
Fujian 实施意见 in 第一条 articles, a Sichuan 实施方案 with 牵头单位：/配合单位： lines and an attached
政策解读, a Guangxi 自治区 行动计划, and a Hebei 意见 with "由…牵头，…配合" sentences, county clusters
and a 专栏. Each has a hand-written ``*.expected.json`` (policydoc/1, only the fields its author was
sure of); every assertion compares the extractor with those records.
"""

from __future__ import annotations

import pytest
from unseen_records import UNSEEN, doc_ids, expected, extracted, target_key

DOCS = doc_ids(UNSEEN)

# Cluster links a reader sees but the extractor does not find yet (see the report of this test's author):
# a lone "place + industry" phrase with no cluster noun (莆田鞋业转型升级) and an enumeration closed by
# 等企业 (白沟箱包、容城服装等企业).
KNOWN_MISSED_LINKS = {("fj_articles", "莆田鞋业"), ("hb_counties", "白沟箱包")}


def test_every_document_has_an_expected_record() -> None:
    assert len(DOCS) >= 6
    assert all((UNSEEN / f"{d}.txt").exists() for d in DOCS)


@pytest.mark.parametrize("doc_id", DOCS)
def test_metadata(doc_id: str) -> None:
    got, want = extracted(UNSEEN, doc_id), expected(UNSEEN, doc_id)
    for key in ("province", "title", "doc_number", "issued"):
        assert got[key] == want[key], key
    assert set(got["issuers"]) == set(want["issuers"])


@pytest.mark.parametrize("doc_id", DOCS)
def test_measures_are_the_numbered_action_items(doc_id: str) -> None:
    """Goal chapters, closing articles, 专栏 boxes and attached 政策解读 give no measure."""
    got, want = extracted(UNSEEN, doc_id), expected(UNSEEN, doc_id)
    assert [(m["label"], m["title"]) for m in got["measures"]] == \
        [(m["label"], m["title"]) for m in want["measures"]]
    assert [m["section"] for m in got["measures"]] == [m["section"] for m in want["measures"]]


@pytest.mark.parametrize("doc_id", DOCS)
def test_roles(doc_id: str) -> None:
    got = {m["label"]: m for m in extracted(UNSEEN, doc_id)["measures"]}
    for m in expected(UNSEEN, doc_id)["measures"]:
        for role in ("lead", "co", "responsible"):
            assert got[m["label"]][role] == m[role], f"{m['label']} {role}"


@pytest.mark.parametrize("doc_id", DOCS)
def test_targets(doc_id: str) -> None:
    """Document-level goals and measure goals; subsidy rates and caps are not targets."""
    got, want = extracted(UNSEEN, doc_id), expected(UNSEEN, doc_id)
    assert sorted(map(target_key, got["targets"])) == sorted(map(target_key, want["targets"]))
    by_label = {m["label"]: m for m in got["measures"]}
    for m in want["measures"]:
        assert sorted(map(target_key, by_label[m["label"]]["targets"])) == \
            sorted(map(target_key, m["targets"])), m["label"]


@pytest.mark.parametrize("doc_id", DOCS)
def test_places(doc_id: str) -> None:
    assert set(extracted(UNSEEN, doc_id)["places"]) == set(expected(UNSEEN, doc_id)["places"])


@pytest.mark.parametrize("doc_id", DOCS)
def test_cluster_links(doc_id: str) -> None:
    got = {(link["cluster"], link["city"]) for link in extracted(UNSEEN, doc_id)["cluster_links"]}
    want = {(link["cluster"], link["city"]) for link in expected(UNSEEN, doc_id)["cluster_links"]
            if (doc_id, link["cluster"]) not in KNOWN_MISSED_LINKS}
    assert want <= got
    extra = {link for link in got - want if (doc_id, link[0]) not in KNOWN_MISSED_LINKS}
    assert not extra


@pytest.mark.xfail(strict=True, reason="lone place+industry phrases and 等企业 enumerations are not linked yet")
def test_known_missed_cluster_links() -> None:
    for doc_id, cluster in KNOWN_MISSED_LINKS:
        got = {link["cluster"] for link in extracted(UNSEEN, doc_id)["cluster_links"]}
        assert cluster in got
