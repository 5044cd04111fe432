"""Places: prefecture-level divisions found in real snippets of the seed corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policykg.loaders.places import document_places, find_places, province_of

SHARED = Path(__file__).resolve().parents[2] / "shared"


def cities(text: str, province: str | None) -> list[str]:
    return document_places(find_places(text, province))


def test_short_and_full_prefecture_names_give_full_names():
    text = "依托广州、深圳在纺织服装商贸、全球性展会等方面的优势。到2025年，永州市、株洲的产业"
    assert cities(text, "广东省") == ["广州市", "深圳市", "永州市", "株洲市"]


def test_counties_districts_and_towns_resolve_to_their_prefecture():
    text = "做大大朗毛织、虎门女装、盐步内衣、沙溪休闲服、开平牛仔服等知名产业集群"
    found = [(m.written, m.city) for m in find_places(text, "广东省")]
    assert found == [("大朗", "东莞市"), ("虎门", "东莞市"), ("盐步", "佛山市"), ("沙溪", "中山市"),
                     ("开平", "江门市")]
    hunan = "不断加强衡阳常宁市湘南纺织基地、永州祁阳县白水纺织小镇和株洲芦淞区白关服饰小镇等特色工业小镇建设"
    assert {(m.written, m.city) for m in find_places(hunan, "湖南省")} >= {
        ("常宁市", "衡阳市"), ("祁阳县", "永州市"), ("芦淞区", "株洲市")}


def test_spans_point_at_the_written_name_and_honour_the_offset():
    text = "进一步提升济南泺口、青岛即墨、临沂兰山、淄博淄川等纺织服装市场"
    for m in find_places(text, "山东省", offset=100):
        assert text[m.start - 100 : m.end - 100] == m.written
    assert cities(text, "山东省") == ["济南市", "青岛市", "临沂市", "淄博市"]


def test_provinces_are_not_places():
    text = "做大做强湖南纺织服装品牌，推动湖南纺织服装走向世界，打造“时尚山东”，集中展示广东纺织服装精品"
    assert cities(text, "湖南省") == []
    assert cities("吉林省纺织产业", "吉林省") == []
    assert cities("吉林市化纤产业", "吉林省") == ["吉林市"]


def test_common_words_and_words_containing_a_place_are_not_places():
    assert cities("推动产业创新化发展", "湖南省") == []               # 新化 inside 创新化
    assert cities("支持青岛东方时尚等园区", "山东省") == ["青岛市"]     # 东方 is a word here
    assert cities("一件中山装", "广东省") == []
    assert cities("长沙家纺市场", "湖南省") == ["长沙市"]


def test_short_county_names_count_only_in_their_own_province():
    assert cities("开平牛仔服", "广东省") == ["江门市"]
    assert cities("开平牛仔服", "湖南省") == []
    assert cities("浙江义乌市小商品", "广东省") == ["金华市"]   # a full county name counts anywhere


def test_province_of_prefecture():
    assert province_of("东莞市") == "广东省"
    assert province_of("巴音郭楞蒙古自治州") == "新疆维吾尔自治区"


@pytest.mark.parametrize("stem", sorted(p.stem for p in (SHARED / "eval" / "gold").glob("*.json")))
def test_seed_documents_places_match_gold(stem: str):
    gold = json.loads((SHARED / "eval" / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
    text = (SHARED / "corpus" / f"{stem}.txt").read_text(encoding="utf-8")
    predicted = set(cities(text, gold["province"]))
    expected = set(gold["places"])
    tp = len(predicted & expected)
    f1 = 2 * tp / (len(predicted) + len(expected))
    assert f1 >= 0.95, (sorted(predicted - expected), sorted(expected - predicted))
