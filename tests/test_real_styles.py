"""Issue 15, rule by rule, on real documents (../shared/eval/dev and tests/data/real) and snippets of them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from policykg.loaders.agencies import list_units, normalise_agency, resolve_agency, split_units
from policykg.loaders.jurisdiction import CENTRAL, by_name
from policykg.loaders.pipeline import extract_file, extract_text
from policykg.loaders.records import PolicyDoc
from policykg.loaders.roles import find_roles

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "eval" / "dev" / "docs"
REAL = REPO / "tests" / "data" / "real" / "docs"


@cache
def doc(stem: str) -> PolicyDoc:
    folder = DEV if stem[:2].isdigit() and int(stem[:2]) < 100 and stem[2] == "_" else REAL
    (path,) = [p for p in folder.iterdir() if p.stem == stem]
    return extract_file(path)


def measure(stem: str, label: str):
    """A measure by its label, or by the start of its title (labels of continuous numbering are flat)."""
    return next(m for m in doc(stem).measures if m.label == label or m.title.startswith(label))


def roles(text: str, where, first_is_lead: bool = False):
    r = find_roles(text, 0, len(text), where, first_is_lead)
    return r.names("lead"), r.names("co"), r.names("responsible")


# ---------------------------------------------------------------- clause styles

def test_unlabelled_bracket_ending_in_anzhize_fengong_fuze_is_responsible() -> None:
    m = measure("60_tianjin_gongye", "一/一")
    assert m.responsible == ["天津市发展和改革委员会", "天津市工业和信息化局", "天津市城市管理委员会", "天津市财政局",
                             "天津市市场监督管理委员会"]
    assert m.lead == m.co == []


def test_lead_and_supporting_units_with_a_shared_department_of_several_cities() -> None:
    # (自治區交通運輸廳牽頭,自治區發展改革委、自然資源廳、銀川市、石嘴山市、吳忠市人民政府、寧東管委會配合)
    m = measure("129_ningxia_yinchuan_dushiquan", "一/一")
    assert m.lead == ["宁夏回族自治区交通运输厅"]
    assert m.co == ["宁夏回族自治区发展和改革委员会", "宁夏回族自治区自然资源厅", "银川市人民政府", "石嘴山市人民政府",
                    "吴忠市人民政府", "宁夏宁东能源化工基地管理委员会"]
    assert m.responsible == []
    lead, co, _ = roles("（省工业和信息化厅牵头，省商务厅、广州市、深圳市人民政府配合）", "广东省")
    assert (lead, co) == (["广东省工业和信息化厅"], ["广东省商务厅", "广州市人民政府", "深圳市人民政府"])


def test_unlabelled_fuze_clause_drops_vague_and_unsaid_units() -> None:
    m = measure("117_heilongjiang_wenzengzhang", "一/1")  # (省發改委、鐵路辦、哈爾濱鐵路局、相關市、縣政府負責)
    assert m.responsible == ["黑龙江省发展和改革委员会", "黑龙江省铁路建设办公室", "哈尔滨铁路局"]


def test_a_clause_opening_with_a_damaged_document_number() -> None:
    m = measure("68_anhui_zhengceqingdan", "一/1")  # (皖發〔20229號,省財政廳、各市政府負責)
    assert m.responsible == ["安徽省财政厅", "安徽省各设区市人民政府"]


def test_label_lines_after_an_item_with_a_person_as_lead_leader() -> None:
    m = measure("62_liaoning_fengong", "一/3")  # 牵头领导:王利波 / 牵头单位:… / 责任单位:…
    assert m.lead == ["辽宁省工业和信息化厅"]
    assert m.co == ["中共辽宁省委军民融合发展委员会办公室", "辽宁省发展和改革委员会", "辽宁省农业农村厅",
                    "辽宁省人民政府国有资产监督管理委员会", "辽宁省各设区市人民政府", "辽宁省沈抚改革创新示范区管理委员会"]
    assert not any("王" in a for a in m.lead + m.co + m.responsible)


def test_labelled_clause_inline_after_the_last_sentence() -> None:
    m = measure("66_hubei_zhuanbian", "19")  # …新产品。责任单位:省发改委、省科技厅、…。 (items inline on one line)
    assert m.responsible == ["湖北省发展和改革委员会", "湖北省科学技术厅", "湖北省经济和信息化委员会", "湖北省教育厅",
                             "湖北省农业厅"]


def test_labels_separated_by_spaces_only() -> None:
    m = measure("128_qinghai_xining_liutong", "二/一/1")  # (牵头单位:市商务局  责任单位:市编办、…)
    assert m.lead == ["西宁市商务局"]
    assert "中共西宁市委机构编制委员会办公室" in m.co and "西宁市各县（市、区）人民政府" in m.co


def test_zhuban_and_xieban_are_lead_and_co() -> None:
    m = measure("118_jiangsu_nanjing_fengong", "一/2")  # (市商务局、市农业农村局主办,市税务局、市财政局协办)
    assert m.lead == ["南京市商务局", "南京市农业农村局"]
    assert m.co == ["国家税务总局南京市税务局", "南京市财政局"]


def test_carry_over_of_units_to_every_later_measure_even_a_cut_one() -> None:
    # (市工信局，宜春经开区管委会、各县市区政府按职责分工负责。以下均需宜春经开区管委会、各县市区政府落实，不再列出)
    first = measure("71_jiangxi_yichun_chanyelian", "1")
    assert first.responsible == ["宜春市工业和信息化局", "宜春经济技术开发区管理委员会", "宜春市各县（市、区）人民政府"]
    for label in ("2", "3", "4", "5"):
        later = measure("71_jiangxi_yichun_chanyelian", label)
        assert later.responsible[-2:] == ["宜春经济技术开发区管理委员会", "宜春市各县（市、区）人民政府"], label
    assert measure("71_jiangxi_yichun_chanyelian", "5").responsible == first.responsible[1:]  # cut before its own
    assert measure("61_shanxi_tizhenxiaofei", "一/二").responsible == ["山西省各设区市人民政府"]


def test_carried_units_support_a_measure_that_has_a_lead() -> None:
    # 〔牵头单位:市人社局,责任单位:…。以下各条措施均需各县(区)人民政府、开发区(投资区)管委会落实,不再列出〕
    assert measure("111_fujian_zhangzhou_xiaofei", "一/2").lead == ["漳州市人力资源和社会保障局"]
    assert measure("111_fujian_zhangzhou_xiaofei", "一/2").co == ["漳州市各县（市、区）人民政府"]
    assert measure("111_fujian_zhangzhou_xiaofei", "一/3").responsible == ["漳州市各县（市、区）人民政府"]


def test_declared_first_is_lead_with_a_vague_first_unit() -> None:
    first = measure("72_central_jiuye", "加大稳岗支持力度")  # (人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同)
    assert (first.lead, first.co) == (["人力资源和社会保障部"], ["财政部"])
    m = measure("72_central_jiuye", "切实抓好政策服务")  # (各有关部门和单位，各省级人民政府按职责分工负责)
    assert (m.lead, m.co) == ([], ["各省、自治区、直辖市人民政府"])


def test_a_clause_cut_by_the_end_of_the_text_completes_its_last_unit() -> None:
    assert measure("67_sichuan_xibufenggong", "一/一/1").responsible == ["四川省发展和改革委员会"]  # 省發展改革|


def test_prose_that_speaks_of_fuze_is_no_clause() -> None:
    m = measure("63_jilin_zhaoshang", "一/一")  # 省政府主要负责同志为总召集人 … 省商务厅负责机制日常工作
    assert m.lead == m.co == m.responsible == []


# ---------------------------------------------------------------- only agencies become agencies

@pytest.mark.parametrize("written", ["不再列出", "以下配合单位均含各载体", "相关企业", "龙头企业", "各金融机构",
                                     "园区管委会", "开发区(投资区)管委会", "四市人民政府", "市链长制责任部门"])
def test_phrases_and_vague_units_are_never_agencies(written: str) -> None:
    assert resolve_agency(written, by_name("宜春市")) is None


def test_a_relative_unit_the_document_cannot_resolve_is_vague() -> None:
    assert [u.info for u in list_units("相关市、县政府", "黑龙江省")] == [None, None]


# ---------------------------------------------------------------- agencies of every level

@pytest.mark.parametrize(("written", "where", "name"), [
    ("人力资源社会保障部", CENTRAL, "人力资源和社会保障部"),
    ("银保监会", CENTRAL, "中国银行保险监督管理委员会"),
    ("市场监管总局", CENTRAL, "国家市场监督管理总局"),
    ("工信部", "广东省", "工业和信息化部"),
    ("市工信局", "宜春市", "宜春市工业和信息化局"),
    ("市发展改革委", "亳州市", "亳州市发展和改革委员会"),
    ("市经信局", "嵊州市", "嵊州市经济和信息化局"),
    ("区科技局", "婺城区", "金华市婺城区科学技术局"),
    ("宜春经开区管委会", "宜春市", "宜春经济技术开发区管理委员会"),
    ("省委军民融合办", "辽宁省", "中共辽宁省委军民融合发展委员会办公室"),
    ("人行武汉分行", "湖北省", "中国人民银行武汉分行"),
    ("湖北银监局", "湖北省", "中国银行业监督管理委员会湖北监管局"),
    ("襄樊市政府", "湖北省", "襄樊市人民政府"),
    ("农业发展银行云南省分行", "云南省", "中国农业发展银行云南省分行"),
    ("各县、区人民政府", "亳州市", "亳州市各县（市、区）人民政府"),
    ("各市政府", "山西省", "山西省各设区市人民政府"),
    ("各省级人民政府", CENTRAL, "各省、自治区、直辖市人民政府"),
])
def test_agencies_of_every_level(written: str, where, name: str) -> None:
    if isinstance(where, str) and where not in ("广东省", "辽宁省", "湖北省", "云南省", "山西省"):
        where = by_name(where)
    assert normalise_agency(written, where).name == name


def test_bare_names_in_a_city_list_belong_to_the_city() -> None:
    units = split_units("市发改委、财政局、商务局、住建局", by_name("厦门市"))
    assert [u.info.name for u in units] == ["厦门市发展和改革委员会", "厦门市财政局", "厦门市商务局", "厦门市住房和城乡建设局"]


# ---------------------------------------------------------------- province, level, jurisdiction

@pytest.mark.parametrize(("stem", "province", "level", "jurisdiction"), [
    ("72_central_jiuye", None, "central", "国务院"),              # 国发〔2018〕39号, signed 国务院
    ("61_shanxi_tizhenxiaofei", "山西省", "province", "山西省"),  # 晋政办发
    ("71_jiangxi_yichun_chanyelian", "江西省", "city", "宜春市"),  # defaced issuer: from the title 宜春市…
    ("69_henan_kaifeng_zhizao", "河南省", "city", "开封市"),
    ("70_anhui_bozhou_xinxingchanye", "安徽省", "city", "亳州市"),
    ("109_jiangsu_huaian_wenzengzhang", "江苏省", "city", "淮安市"),  # 结合淮安实际, 市工信局
    ("110_zhejiang_jinhua_wucheng_gaozhiliang", "浙江省", "county", "金华市婺城区"),
    ("113_central_renshebu_shebao", None, "central", "国务院"),   # 人社部发
])
def test_province_level_and_jurisdiction(stem: str, province, level: str, jurisdiction: str) -> None:
    d = doc(stem)
    assert (d.province, d.level, d.jurisdiction) == (province, level, jurisdiction)


def test_a_text_citing_another_province_is_not_that_provinces() -> None:
    text = ("关于推进商贸流通高质量发展的实施意见\n为学习借鉴浙江、江苏经验，推动我省商贸流通发展，制定本意见。\n"
            "一、重点任务\n（一）完善流通网络。（省商务厅、省发展改革委按职责分工负责）\n")
    d = extract_text(text, "x")
    assert d.province is None or d.province not in ("浙江省", "江苏省")


# ---------------------------------------------------------------- traditional characters

def test_traditional_text_gives_simplified_names_and_quotes_the_source_as_written() -> None:
    d = doc("68_anhui_zhengceqingdan")
    assert d.title == "安徽省支持实体经济发展政策清单"
    m = d.measures[0]
    assert m.responsible == ["安徽省财政厅", "安徽省各设区市人民政府"]
    assert "財政廳" in d.text[m.start:m.end] and m.text == d.text[m.start:m.end]
    ev = next(e for e in m.role_evidence if e.agency == "安徽省财政厅")
    assert d.text[ev.start:ev.end] == ev.written == "省財政廳"


def test_pinyin_glosses_of_a_mirror_are_dropped() -> None:
    d = doc("67_sichuan_xibufenggong")
    assert d.title == "实施《西部大开发“十三五”规划》责任分工方案"
    assert "(guān)" not in d.text


# ---------------------------------------------------------------- titles and issuers

@pytest.mark.parametrize(("stem", "title", "issuers"), [
    ("62_liaoning_fengong", "2024年省《政府工作报告》重点工作分工方案", ["辽宁省人民政府"]),  # split over two lines
    ("63_jilin_zhaoshang", "吉林省招商引资综合改革实施方案", ["吉林省人民政府"]),              # notice wrapper
    ("72_central_jiuye", "国务院关于做好当前和今后一个时期促进就业工作的若干意见", ["国务院"]),  # HTML, <br>
    ("71_jiangxi_yichun_chanyelian", "宜春市制造业重点产业链现代化建设“869”行动计划(2023—2026年)重点任务和责任分工",
     ["宜春市人民政府办公室"]),                                                                  # 经市政府研究同意
    ("69_henan_kaifeng_zhizao", "开封市推动制造业高质量发展实施方案", ["开封市人民政府办公室"]),
    ("103_beijing_zhongxiaowei", "关于应对新型冠状病毒感染的肺炎疫情影响促进中小微企业持续健康发展的若干措施",
     ["北京市人民政府办公厅"]),                                                                  # a photo caption before it
    ("114_shanghai_chongzhen", "上海市加快经济恢复和重振行动方案", ["上海市人民政府"]),         # news headline
    ("68_anhui_zhengceqingdan", "安徽省支持实体经济发展政策清单", ["安徽省四送一服专项行动领导小组办公室"]),
])
def test_titles_and_issuers_of_real_layouts(stem: str, title: str, issuers: list[str]) -> None:
    assert (doc(stem).title, doc(stem).issuers) == (title, issuers)


def test_a_cited_document_number_is_not_the_documents_own() -> None:
    assert doc("60_tianjin_gongye").doc_number is None  # 落实《…》(发改产业〔2021〕1780号)要求
    assert doc("67_sichuan_xibufenggong").doc_number == "川办函〔2017〕113号"


# ---------------------------------------------------------------- targets

def keys(targets) -> set[tuple]:
    return {(t.year, t.value, t.value_max, t.unit, t.multiplier) for t in targets}


def test_doubling_gives_the_multiplier_and_the_level() -> None:
    found = keys(doc("65_hainan_keji").targets)
    assert {(2023, None, None, None, 2.0), (2023, 2000.0, None, "家", None), (2023, 1600.0, None, "亿元", None)} <= found


def test_ranges_and_chinese_numeral_amounts() -> None:
    found = keys(doc("69_henan_kaifeng_zhizao").targets)
    assert {(2025, 8.0, 10.0, "个", None), (2025, 5000.0, None, "亿元", None), (2022, 35.0, None, "%", None)} <= found


def test_the_year_of_a_task_list_comes_from_its_title() -> None:
    assert keys(measure("62_liaoning_fengong", "一/1").targets) == {(2024, 5.5, None, "%", None)}


def test_a_preamble_goal_of_the_whole_year() -> None:
    assert keys(doc("64_guangxi_wenzengzhang").targets) == {(2021, 8.5, None, "%", None)}  # 力争全年…增长8.5%以上


def test_reward_thresholds_and_policy_terms_are_no_targets() -> None:
    d = doc("64_guangxi_wenzengzhang")
    assert all(m.targets == [] for m in d.measures)  # 同比增长15%以上的企业…给予补贴, 前110家企业
    assert all(m.targets == [] for m in doc("113_central_renshebu_shebao").measures)  # 免征期限不超过5个月
