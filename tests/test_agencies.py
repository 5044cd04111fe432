"""Agency normalisation on the seed corpus' responsibility clauses and on other provinces' naming families."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from policykg.loaders.agencies import agency_table, agency_types, find_agencies, normalise_agency, split_units
from policykg.loaders.provinces import PROVINCES

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "eval" / "gold"
DOC_IDS = sorted(p.stem for p in GOLD.glob("*.json"))

_CLAUSE = re.compile(r"[（(]([^（()）]*(?:牵头|责任单位|按职责分工负责)[^（()）]*)[)）]")


def _gold(doc_id: str) -> dict:
    return json.loads((GOLD / f"{doc_id}.json").read_text(encoding="utf-8"))


def _text(doc_id: str) -> str:
    return (CORPUS / f"{doc_id}.txt").read_text(encoding="utf-8")


def _clause_units(doc_id: str):
    """(clause, units) for every responsibility clause of a seed document, split at 牵头 like a role parser."""
    text, province = _text(doc_id), _gold(doc_id)["province"]
    for m in _CLAUSE.finditer(text):
        if "列第一" in m.group(1):          # the first-is-lead declaration names nobody
            continue
        units, pos = [], m.start(1)
        for part in re.split(r"(牵头[，,]?)", m.group(1)):
            units += split_units(part, province, pos)
            pos += len(part)
        yield m.group(1), units


def names(matches) -> list[str]:
    return [m.info.name for m in matches]


def test_seed_corpus_has_responsibility_clauses():
    assert sum(1 for d in DOC_IDS for _ in _clause_units(d)) >= 100


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_every_clause_names_exactly_the_agencies_of_a_gold_measure(doc_id):
    gold_sets = [set(m["lead"] + m["co"] + m["responsible"]) for m in _gold(doc_id)["measures"]]
    for clause, units in _clause_units(doc_id):
        assert all(u.info.known for u in units), clause
        assert set(names(units)) in gold_sets, clause


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_clauses_cover_every_gold_role_holder(doc_id):
    gold = {a for m in _gold(doc_id)["measures"] for a in m["lead"] + m["co"] + m["responsible"]}
    found = {n for _, units in _clause_units(doc_id) for n in names(units)}
    assert found == gold


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_spans_point_at_the_written_names_even_across_line_breaks(doc_id):
    text = _text(doc_id)
    for _, units in _clause_units(doc_id):
        for u in units:
            assert re.sub(r"\s", "", text[u.start:u.end]) == u.written


def test_guangdong_national_branches_in_a_finance_clause():
    clause = "省地方金融监管局牵头，省工业和信息化厅、人民银行广州分行、广东银保监局、广东证监局、各地级以上市人民政府、纺织服装各省级行业协会按职责分工负责"
    units = split_units(clause.split("牵头，")[1], "广东省")
    assert names(units) == ["广东省工业和信息化厅", "中国人民银行广州分行", "中国银行保险监督管理委员会广东监管局",
                            "中国证券监督管理委员会广东监管局", "广东省各地级以上市人民政府", "广东省纺织服装行业协会"]
    assert [u.info.level for u in units] == ["provincial", "national-branch", "national-branch", "national-branch",
                                             "collective", "collective"]


def test_issuers_of_a_joint_document_from_its_header_lines():
    text, gold = _text("003_4716933825b489ce"), _gold("003_4716933825b489ce")
    header = text[: text.index("粤工信")]
    assert list(dict.fromkeys(names(find_agencies(header, gold["province"])))) == gold["issuers"]


def test_issuers_of_a_signature_block():
    text, gold = _text("002_abf0b4db28229f54"), _gold("002_abf0b4db28229f54")
    block = text[text.rindex("发布之日起实施"):]
    found = [m.info for m in find_agencies(block, gold["province"])]
    assert list(dict.fromkeys(i.name for i in found)) == gold["issuers"]


def test_addressee_line_of_prefecture_bureaus_names_no_provincial_department():
    line = "各市州工信局、发展改革委、科技局、财政局、人社局、生态环境局、商务局、市场监管局、地方金融监管局："
    assert find_agencies(line, "湖南省") == []


@pytest.mark.parametrize(("clause", "province", "expected"), [
    ("省经济和信息化厅、省发展改革委", "四川省", ["四川省经济和信息化厅", "四川省发展和改革委员会"]),
    ("自治区工业和信息化厅、自治区发展改革委、自治区市场监管局", "广西壮族自治区",
     ["广西壮族自治区工业和信息化厅", "广西壮族自治区发展和改革委员会", "广西壮族自治区市场监督管理局"]),
    ("市经济信息化局、市发展改革委、市科委、市市场监管局等有关单位", "北京市",
     ["北京市经济和信息化局", "北京市发展和改革委员会", "北京市科学技术委员会", "北京市市场监督管理局"]),
    ("市经济信息化委、市商务委、市科委", "上海市", ["上海市经济和信息化委员会", "上海市商务委员会", "上海市科学技术委员会"]),
    ("市工业和信息化局、市科技局、市市场监管委", "天津市", ["天津市工业和信息化局", "天津市科学技术局", "天津市市场监督管理委员会"]),
    ("市经济信息化委、市人力社保局、市文化旅游委", "重庆市",
     ["重庆市经济和信息化委员会", "重庆市人力资源和社会保障局", "重庆市文化和旅游发展委员会"]),
    ("省金融监管局、浙江证监局、浙江银保监局、人民银行杭州中心支行", "浙江省",
     ["浙江省地方金融监督管理局", "中国证券监督管理委员会浙江监管局", "中国银行保险监督管理委员会浙江监管局", "中国人民银行杭州中心支行"]),
    ("省经信厅、省人社厅、省住建厅、省卫健委、省文旅厅", "安徽省",
     ["安徽省经济和信息化厅", "安徽省人力资源和社会保障厅", "安徽省住房和城乡建设厅", "安徽省卫生健康委员会", "安徽省文化和旅游厅"]),
    ("省税务局、青岛海关、济南海关、省通信管理局", "山东省",
     ["国家税务总局山东省税务局", "中华人民共和国青岛海关", "中华人民共和国济南海关", "山东省通信管理局"]),
    ("各市（州）人民政府、省级有关部门", "四川省", ["四川省各设区市人民政府"]),
    ("各设区市政府，省有关部门", "江苏省", ["江苏省各设区市人民政府"]),
    ("省制造强省建设领导小组成员单位", "湖南省", ["湖南省制造强省建设领导小组成员单位"]),
    ("湖南金融监管局、人民银行湖南省分行", "湖南省", ["国家金融监督管理总局湖南监管局", "中国人民银行湖南省分行"]),
])
def test_other_provinces_naming_families(clause, province, expected):
    units = split_units(clause, province)
    assert names(units) == expected
    assert all(u.info.known for u in units)


def test_era_names_are_kept_not_renamed():
    old = normalise_agency("省经济和信息化委", "广东省")
    new = normalise_agency("省工业和信息化厅", "广东省")
    assert (old.name, new.name) == ("广东省经济和信息化委员会", "广东省工业和信息化厅")
    assert old.type == new.type == "industry_it"


def test_same_department_has_one_type_across_provinces():
    industry = ["广东省工业和信息化厅", "四川省经济和信息化厅", "北京市经济和信息化局", "上海市经济和信息化委员会",
                "西藏自治区经济和信息化厅", "天津市工业和信息化局"]
    assert {normalise_agency(n, None).type for n in industry} == {"industry_it"}
    finance_reg = ["广东省地方金融监督管理局", "湖南省地方金融监督管理局", "北京市地方金融监督管理局"]
    assert {normalise_agency(n, None).type for n in finance_reg} == {"financial_regulation"}


def test_typo_in_the_industry_department_name():
    assert normalise_agency("省工业和信息厅", "湖南省").name == "湖南省工业和信息化厅"


@pytest.mark.parametrize(("clause", "expected"), [
    ("省财政厅和省税务局", ["广东省财政厅", "国家税务总局广东省税务局"]),
    ("省工业和信息化厅、省人力资源和社会保障厅及省住房和城乡建设厅", ["广东省工业和信息化厅", "广东省人力资源和社会保障厅",
                                                 "广东省住房和城乡建设厅"]),
    ("省文化和旅游厅和省卫生健康委", ["广东省文化和旅游厅", "广东省卫生健康委员会"]),
    ("省商务厅等有关单位", ["广东省商务厅"]),
    ("各有关单位", []),
    ("有关部门", []),
    ("责任单位：省工业和信息化厅", ["广东省工业和信息化厅"]),
])
def test_separators_and_vague_tails(clause, expected):
    assert names(split_units(clause, "广东省")) == expected


def test_units_not_in_the_table_are_kept_as_written():
    units = split_units("省乡村振兴服务中心、纺织服装产业研究院和省工业和信息化厅", "广东省", offset=100)
    assert [(u.info.name, u.info.known) for u in units] == [
        ("广东省乡村振兴服务中心", False), ("纺织服装产业研究院", False), ("广东省工业和信息化厅", True)]
    assert units[0].start == 100 and units[-1].end == 100 + len("省乡村振兴服务中心、纺织服装产业研究院和省工业和信息化厅")


@pytest.mark.parametrize("written", ["", "   ", "（）", "等", "省", "x" * 500])
def test_normalise_never_raises(written):
    info = normalise_agency(written, "广东省")
    assert info.type in agency_types()


def test_province_relative_form_without_a_province_is_unknown_but_typed():
    info = normalise_agency("省发展改革委", None)
    assert (info.name, info.known, info.type) == ("省发展改革委", False, "development_reform")


def test_free_text_lead_and_support_sentence():
    sentence = "由省工业和信息化厅牵头，发展改革委、科技厅配合，会同商务厅推进。"
    found = find_agencies(sentence, "广东省", offset=10)
    assert names(found) == ["广东省工业和信息化厅", "广东省发展和改革委员会", "广东省科学技术厅", "广东省商务厅"]
    assert sentence[found[1].start - 10: found[1].end - 10] == "发展改革委"


def test_free_text_ignores_other_places_departments():
    assert find_agencies("借鉴各省发展改革委和深圳市发展改革委的做法", "北京市") == []
    assert names(find_agencies("深圳市发展改革委、市科委", "北京市")) == ["北京市科学技术委员会"]


def test_table_has_no_conflicting_written_forms():
    table = agency_table()
    assert table.ambiguous() == []
    assert table.duplicates == []


STANDARD = {  # written form in a 省/自治区 document -> type; the standard provincial departments
    "发展改革委": "development_reform", "工业和信息化厅": "industry_it", "科技厅": "science_tech", "财政厅": "finance",
    "人力资源社会保障厅": "human_resources", "自然资源厅": "natural_resources", "生态环境厅": "ecology_environment",
    "住房城乡建设厅": "housing_construction", "交通运输厅": "transport", "商务厅": "commerce",
    "文化和旅游厅": "culture_tourism", "卫生健康委": "health", "应急管理厅": "emergency",
    "市场监管局": "market_regulation", "地方金融监管局": "financial_regulation", "能源局": "energy",
    "教育厅": "education", "民政厅": "civil_affairs", "总工会": "trade_union", "统计局": "statistics",
    "知识产权局": "intellectual_property", "税务局": "taxation", "银保监局": "banking_insurance_regulation",
    "证监局": "securities_regulation", "通信管理局": "communications", "人民政府": "local_government",
}


@pytest.mark.parametrize("province", [p for p in PROVINCES.values() if p.kind != "直辖市"], ids=lambda p: p.name)
def test_every_province_has_the_standard_departments(province):
    prefix = "自治区" if province.kind == "自治区" else "省"
    for written, type_ in STANDARD.items():
        info = normalise_agency(prefix + written, province.name)
        assert info.known and info.type == type_ and info.name.startswith(("国家", "中国", province.name)), written


MUNICIPAL_TYPES = {"development_reform", "finance", "human_resources", "ecology_environment", "commerce",
                   "market_regulation", "education", "health", "taxation", "securities_regulation", "science_tech",
                   "industry_it", "natural_resources", "housing_construction", "transport", "financial_regulation"}


@pytest.mark.parametrize("province", [p for p in PROVINCES.values() if p.kind == "直辖市"], ids=lambda p: p.name)
def test_every_municipality_has_its_departments(province):
    table = agency_table()
    own = [a for a in table.agencies if a.province == province.name]
    assert MUNICIPAL_TYPES <= {a.type for a in own}
    for written in ("发展改革委", "财政局", "市场监管局" if province.name != "天津市" else "市场监管委"):
        info = normalise_agency("市" + written, province.name)
        assert info.known and info.name.startswith(province.name), written


def test_every_type_in_the_table_has_a_label():
    table = agency_table()
    labels = agency_types()
    assert {a.type for a in table.agencies} <= set(labels)
    assert {a.level for a in table.agencies} <= {"central", "provincial", "national-branch", "collective", "other"}
