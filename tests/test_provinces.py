"""The provinces table and which province a document is from."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from policykg.loaders.province_detection import detect_province
from policykg.loaders.provinces import PROVINCES

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = SHARED / "eval" / "gold"
CORPUS = SHARED / "corpus"


def test_all_31_provincial_level_divisions_by_full_name():
    assert len(PROVINCES) == 31
    assert Counter(p.kind for p in PROVINCES.values()) == {"省": 22, "自治区": 5, "直辖市": 4}
    for name in ("广西壮族自治区", "内蒙古自治区", "宁夏回族自治区", "新疆维吾尔自治区", "西藏自治区", "黑龙江省", "重庆市"):
        assert PROVINCES[name].name == name
    assert len({p.abbr for p in PROVINCES.values()}) == 31
    assert len({p.short for p in PROVINCES.values()}) == 31


def test_guangdong_row():
    gd = PROVINCES["广东省"]
    assert (gd.name, gd.short, gd.abbr, gd.prefecture_collective) == ("广东省", "广东", "粤", "各地级以上市人民政府")


@pytest.mark.parametrize("doc_id", sorted(p.stem for p in GOLD.glob("*.json")))
def test_seed_documents_province(doc_id):
    gold = json.loads((GOLD / f"{doc_id}.json").read_text(encoding="utf-8"))
    text = (CORPUS / f"{doc_id}.txt").read_text(encoding="utf-8")
    assert detect_province(text) == gold["province"]


@pytest.mark.parametrize(("head", "province"), [
    ("粤工信消费函〔2023〕2号\n\n关于进一步推动纺织服装产业高质量发展的实施意见", "广东省"),
    (" 湘工信消费品〔2023〕264号\n\n关于促进纺织服装产业高质量发展的实施意见", "湖南省"),
    ("鲁工信消费〔2022〕5号\n关于加快纺织服装产业高质量发展的意见", "山东省"),
    ("内政发〔2021〕12号\n关于印发推动制造业高质量发展实施方案的通知", "内蒙古自治区"),
    ("川经信消费〔2023〕88号\n关于推进消费品工业增品种提品质创品牌的实施意见", "四川省"),
    ("沪经信产〔2023〕611号\n关于推动时尚消费品产业高质量发展的行动计划", "上海市"),
    ("桂工信消费〔2022〕3号\n广西壮族自治区工业和信息化厅关于印发…的通知", "广西壮族自治区"),
])
def test_document_number_abbreviation(head, province):
    assert detect_province(head) == province


def test_cited_national_document_number_does_not_decide():
    text = ("为贯彻落实《关于化纤工业高质量发展的指导意见》（工信部联消费〔2022〕43号），推动我省纺织工业发展，"
            "结合河南实际，制定本方案。到2025年，河南纺织服装产业营业收入突破3000亿元。")
    assert detect_province(text) == "河南省"


def test_issuer_name_in_the_header():
    text = "浙江省经济和信息化厅 浙江省发展和改革委员会\n关于印发《浙江省纺织服装产业高质量发展行动方案》的通知\n各市经信局："
    assert detect_province(text) == "浙江省"


def test_own_province_speaking_as_wo_sheng_and_naming_itself():
    text = "纺织服装产业是我省传统优势产业。近年来，借鉴浙江、江苏的经验，打造“时尚山东”，推动山东省时尚产业联盟建设。"
    assert detect_province(text) == "山东省"


def test_no_province_named():
    assert detect_province("关于促进纺织服装产业高质量发展的实施意见\n一、总体要求") is None
    assert detect_province("") is None
