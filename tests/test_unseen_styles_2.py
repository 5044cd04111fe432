"""Extraction of a second round of unseen-style documents (tests/data/unseen/round2).

Five hand-written provincial documents from provinces the seeds and the first round do not cover:
a Jiangxi 三年行动计划 with （责任单位：…） and （牵头单位：…；责任单位：…） clauses, a Henan 实施意见 with
"（X牵头，Y配合）" and a 省直管 county-level city (济源) in the address line (no place: it stands under no
prefecture, SCHEMA's places are prefecture-level; 石河子 likewise), a Xinjiang 自治区 行动方案 with
兵团 bodies, 地区/自治州 places and region words (天山南北, 南疆), a Shanghai 行动计划 (a municipality: its
districts are county-level units of a province-level city, so the document names no prefecture-level
place and ties no cluster to one), and an Anhui 行动方案 numbered 1.–5. across （一）groups with a town
(杭埠镇) park. Each has a hand-written ``*.expected.json`` (policydoc/1, only the fields its author was
sure of).
"""

from __future__ import annotations

import pytest
from unseen_records import UNSEEN, doc_ids, expected, extracted, target_key

from policykg.loaders.agencies import normalise_agency
from policykg.loaders.clusters import find_cluster_links
from policykg.loaders.places import find_places

ROUND2 = UNSEEN / "round2"
DOCS = doc_ids(ROUND2)

# (doc, measure label): 责任单位 written after a 牵头单位 in the same clause are co units.
LEAD_THEN_RESPONSIBLE = {("jx_action_plan", "二/四"), ("jx_action_plan", "二/五")}


def test_every_document_has_an_expected_record() -> None:
    assert len(DOCS) >= 5
    assert all((ROUND2 / f"{d}.txt").exists() for d in DOCS)


@pytest.mark.parametrize("doc_id", DOCS)
def test_metadata(doc_id: str) -> None:
    got, want = extracted(ROUND2, doc_id), expected(ROUND2, doc_id)
    for key in ("province", "title", "doc_number", "issued"):
        assert got[key] == want[key], key
    assert set(got["issuers"]) == set(want["issuers"])


@pytest.mark.parametrize("doc_id", DOCS)
def test_measures_are_the_numbered_action_items(doc_id: str) -> None:
    got, want = extracted(ROUND2, doc_id), expected(ROUND2, doc_id)
    assert [(m["label"], m["title"], m["section"]) for m in got["measures"]] == \
        [(m["label"], m["title"], m["section"]) for m in want["measures"]]


@pytest.mark.parametrize("doc_id", DOCS)
def test_roles(doc_id: str) -> None:
    """Provincial departments in their full names, 兵团 bodies, collectives (各设区市人民政府), banks, customs."""
    got = {m["label"]: m for m in extracted(ROUND2, doc_id)["measures"]}
    for m in expected(ROUND2, doc_id)["measures"]:
        for role in ("lead", "co", "responsible"):
            assert got[m["label"]][role] == m[role], f"{m['label']} {role}"


def test_units_listed_after_a_lead_are_co_units() -> None:
    """（牵头单位：省市场监管局；责任单位：省商务厅、省工业和信息化厅）: the lead's partners are co units."""
    for doc_id, label in sorted(LEAD_THEN_RESPONSIBLE):
        got = {m["label"]: m for m in extracted(ROUND2, doc_id)["measures"]}
        want = {m["label"]: m for m in expected(ROUND2, doc_id)["measures"]}
        assert (got[label]["co"], got[label]["responsible"]) == (want[label]["co"], want[label]["responsible"])


@pytest.mark.parametrize("doc_id", DOCS)
def test_targets(doc_id: str) -> None:
    """Goals in 亿元 / 万亿元 / % / 家 / 个; subsidy rates and caps (不超过10%的补助) are not targets."""
    got, want = extracted(ROUND2, doc_id), expected(ROUND2, doc_id)
    assert sorted(map(target_key, got["targets"])) == sorted(map(target_key, want["targets"]))
    by_label = {m["label"]: m for m in got["measures"]}
    for m in want["measures"]:
        assert sorted(map(target_key, by_label[m["label"]]["targets"])) == \
            sorted(map(target_key, m["targets"])), m["label"]


@pytest.mark.parametrize("doc_id", ["ah_light", "hn_opinion", "jx_action_plan", "xj_action_plan"])
def test_targets_keep_the_unit_as_written(doc_id: str) -> None:
    """10万人次 is value 10 in 万人次 (SCHEMA: the number as written in the text's unit); 10亿米, 3000万锭."""
    got, want = extracted(ROUND2, doc_id), expected(ROUND2, doc_id)
    all_got = got["targets"] + [t for m in got["measures"] for t in m["targets"]]
    all_want = want["targets"] + [t for m in want["measures"] for t in m["targets"]]
    assert sorted(map(target_key, all_got)) == sorted(map(target_key, all_want))


@pytest.mark.parametrize("doc_id", DOCS)
def test_places(doc_id: str) -> None:
    """地区 / 自治州 / 县级市 under a region, cities inside agency names; region and lake words add none."""
    assert set(extracted(ROUND2, doc_id)["places"]) == set(expected(ROUND2, doc_id)["places"])


@pytest.mark.parametrize("doc_id", DOCS)
def test_cluster_links(doc_id: str) -> None:
    got = {(link["cluster"], link["city"]) for link in extracted(ROUND2, doc_id)["cluster_links"]}
    want = {(link["cluster"], link["city"]) for link in expected(ROUND2, doc_id)["cluster_links"]}
    assert got == want


@pytest.mark.parametrize("doc_id", DOCS)
def test_topics(doc_id: str) -> None:
    got = {m["label"]: m for m in extracted(ROUND2, doc_id)["measures"]}
    for m in expected(ROUND2, doc_id)["measures"]:
        if "topics" in m:
            assert sorted(got[m["label"]]["topics"]) == sorted(m["topics"]), m["label"]


@pytest.mark.parametrize(("province", "written", "canonical"), [
    ("新疆维吾尔自治区", "兵团工业和信息化局", "新疆生产建设兵团工业和信息化局"),
    ("新疆维吾尔自治区", "兵团发展改革委", "新疆生产建设兵团发展和改革委员会"),
    ("新疆维吾尔自治区", "各地（州、市）人民政府（行政公署）", "新疆维吾尔自治区各设区市人民政府"),
    ("新疆维吾尔自治区", "自治区党委金融办", "中共新疆维吾尔自治区委员会金融委员会办公室"),
    ("江西省", "省委金融办", "中共江西省委金融委员会办公室"),
    ("安徽省", "省投资促进局", "安徽省投资促进局"),
    ("湖北省", "省地方金融工作局", "湖北省地方金融工作局"),
])
def test_agency_forms_of_other_provinces(province: str, written: str, canonical: str) -> None:
    info = normalise_agency(written, province)
    assert (info.name, info.known) == (canonical, True)


@pytest.mark.parametrize(("province", "text", "cities"), [
    ("浙江省", "支持钱清、杨汛桥发展轻纺原料市场，推动中国轻纺城转型升级", ["绍兴市", "绍兴市", "绍兴市"]),
    ("江苏省", "支持盛泽、震泽、平望丝绸纺织产业发展，建设叠石桥、志浩市场家纺商贸中心", ["苏州市"] * 3 + ["南通市"] * 2),
    ("福建省", "推动陈埭、英林、深沪鞋服产业提质", ["泉州市"] * 3),
    ("湖北省", "支持彭场无纺布、汉川马口纺织产业发展，规范马口铁包装", ["仙桃市", "孝感市", "孝感市"]),
    ("福建省", "建设海西纺织服装产业基地", []),
    ("上海市", "推动苏州河沿岸时尚创意空间建设", []),
    ("江西省", "加强鄱阳湖流域印染废水治理", []),
    ("浙江省", "坚持和发展新时代枫桥经验", []),
    ("新疆维吾尔自治区", "统筹天山南北产业布局，支持天山区发展", ["乌鲁木齐市"]),
])
def test_towns_and_region_words(province: str, text: str, cities: list[str]) -> None:
    assert [m.city for m in find_places(text, province)] == cities


def test_town_with_zhen_before_a_build_verb() -> None:
    """As for 支持于都建设纺织服装产业园, the park is the cluster, not the town plus the verb."""
    links = find_cluster_links("支持陈埭镇建设鞋业产业园。", "福建省")
    assert [(link.cluster, link.city) for link in links] == [("鞋业产业园", "泉州市")]
