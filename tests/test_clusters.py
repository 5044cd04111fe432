"""Cluster links on real snippets of the seed corpus, and scored on whole seed documents."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from policykg.loaders.clusters import find_cluster_links

SHARED = Path(__file__).resolve().parents[2] / "shared"


def links(text: str, province: str) -> set[tuple[str, str]]:
    return {(link.cluster, link.city) for link in find_cluster_links(text, province)}


def test_enumeration_of_town_clusters():
    text = "做大大朗毛织、虎门女装、盐步内衣、沙溪休闲服、开平牛仔服等知名产业集群。"
    assert links(text, "广东省") == {("大朗毛织", "东莞市"), ("虎门女装", "东莞市"), ("盐步内衣", "佛山市"),
                                     ("沙溪休闲服", "中山市"), ("开平牛仔服", "江门市")}


def test_regional_brands_take_the_city_in_brackets():
    text = ("继续做强中国服装商贸名城（广州）、中国婚纱晚礼服名城（潮州）、中国工艺毛衫名城和中国内衣家居服之都"
            "（汕头）、中国男装名城（惠州）等纺织服装区域品牌。")
    assert links(text, "广东省") == {("中国服装商贸名城", "广州市"), ("中国婚纱晚礼服名城", "潮州市"),
                                     ("中国工艺毛衫名城", "汕头市"), ("中国内衣家居服之都", "汕头市"),
                                     ("中国男装名城", "惠州市")}


def test_city_is_inherited_across_an_enumeration():
    text = "推进青岛针织、童装、纺织机械，滨州纺织、绳网，烟台毛衫等特色产业集群进一步做大做强。"
    assert links(text, "山东省") == {("青岛针织", "青岛市"), ("青岛童装", "青岛市"), ("青岛纺织机械", "青岛市"),
                                     ("滨州纺织", "滨州市"), ("滨州绳网", "滨州市"), ("烟台毛衫", "烟台市")}


def test_bare_places_take_the_head_of_the_enumeration():
    text = "进一步提升济南泺口、青岛即墨、临沂兰山、淄博淄川等纺织服装市场对于消费升级的支撑服务。"
    assert links(text, "山东省") == {("济南泺口纺织服装市场", "济南市"), ("青岛即墨纺织服装市场", "青岛市"),
                                     ("临沂兰山纺织服装市场", "临沂市"), ("淄博淄川纺织服装市场", "淄博市")}


def test_zone_over_several_cities_gives_one_link_per_city():
    text = "继续推进汕头潮州揭阳、深圳东莞惠州服装产业“三区”做大做强。"
    assert links(text, "广东省") == {("汕头潮州揭阳", "汕头市"), ("汕头潮州揭阳", "潮州市"), ("汕头潮州揭阳", "揭阳市"),
                                     ("深圳东莞惠州", "深圳市"), ("深圳东莞惠州", "东莞市"), ("深圳东莞惠州", "惠州市")}


def test_distribution_line_gives_the_industry_per_city():
    text = "专栏 2：现代轻工纺织行业主要分布情况\n\n3.家具：广州、佛山、东莞、中山、江门；\n"
    assert links(text, "广东省") == {("家具", c) for c in ("广州市", "佛山市", "东莞市", "中山市", "江门市")}


def test_city_list_followed_by_an_industry():
    text = "加速株洲、岳阳、常德、益阳、衡阳纺织服装产业发展，推动宁乡服饰制造业、炎陵和华容棉纺织业等集聚性产业进一步做大做强。"
    found = links(text, "湖南省")
    assert {("纺织服装产业", c) for c in ("株洲市", "岳阳市", "常德市", "益阳市", "衡阳市")} <= found
    assert {("宁乡服饰制造业", "长沙市"), ("炎陵棉纺织业", "株洲市"), ("华容棉纺织业", "岳阳市")} <= found


def test_county_written_in_full_starts_the_name():
    text = "不断加强衡阳常宁市湘南纺织基地、永州祁阳县白水纺织小镇和株洲芦淞区白关服饰小镇等特色工业小镇建设。"
    assert links(text, "湖南省") == {("常宁市湘南纺织基地", "衡阳市"), ("祁阳县白水纺织小镇", "永州市"),
                                     ("芦淞区白关服饰小镇", "株洲市")}


def test_events_and_city_roles_are_not_clusters():
    text = ("支持青岛、济南、威海等时尚城市建设。办好中国（青岛）国际时装周、泉城风尚国际时装周等重大活动。"
            "发挥汕头、湛江两大省域副中心作用。")
    assert links(text, "山东省") == set()


def test_spans_are_shifted_by_the_offset():
    text = "支持汕头打造国际纺织服装产业采购基地。"
    (link,) = find_cluster_links(text, "广东省", offset=50)
    assert (link.cluster, link.city) == ("国际纺织服装产业采购基地", "汕头市")
    assert text[link.start - 50 : link.end - 50].startswith("汕头")


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seed_corpus_cluster_links_f1():
    score = _scorer()
    total = score.Tally()
    for gold_file in sorted((SHARED / "eval" / "gold").glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        text = (SHARED / "corpus" / f"{gold_file.stem}.txt").read_text(encoding="utf-8")
        pred = [link.model_dump(include={"cluster", "city"}) for link in find_cluster_links(text, gold["province"])]
        total.merge(score.match_links(gold["cluster_links"], pred))
    precision, recall, f1 = total.prf()
    assert f1 >= 0.85, (precision, recall)
