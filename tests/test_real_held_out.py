"""Issue 15, rule by rule, on the held-out parts C, D and E of tests/data/real (140–195): layouts, clause styles,
jurisdictions and damage the earlier sets did not show. Each test names the real document it reads."""

from __future__ import annotations

from real_docs import REAL, doc, labels, measure

from policykg.loaders.agencies import list_units
from policykg.loaders.jurisdiction import by_name
from policykg.loaders.places import find_places
from policykg.loaders.repair import repair_text
from policykg.loaders.targets import find_targets


def targets(text: str, year: int | None = None, current: int | None = None) -> list[tuple]:
    return [(t.value, t.unit) for t in find_targets(text, 0, year, current)]


# ---------------------------------------------------------------- jurisdictions and agencies

def test_an_autonomous_prefecture_is_known_by_its_short_names() -> None:
    d = doc("170_hunan_xiangxi_yingshanghuanjing")  # 湘西自治州人民政府, 州政发, (牵头单位:州行政审批服务局;…)
    assert (d.level, d.jurisdiction, d.issuers) == ("city", "湘西土家族苗族自治州", ["湘西土家族苗族自治州人民政府"])
    m = measure("170_hunan_xiangxi_yingshanghuanjing", "一/1")
    assert m.lead == ["湘西土家族苗族自治州行政审批服务局"]
    assert "中共湘西土家族苗族自治州委机构编制委员会办公室" in m.co


def test_a_district_of_a_province_level_city_and_the_city_bureaus_it_hosts_branches_of() -> None:
    d = doc("171_chongqing_yuzhong_fengong")  # 渝中区人民政府办公室发布《…》; 牵头单位:区发改委 on lines of their own
    assert (d.province, d.level, d.jurisdiction) == ("重庆市", "county", "重庆市渝中区")
    assert d.title == "2023年区政府工作报告重点工作目标任务分解"
    assert d.issuers == ["重庆市渝中区人民政府办公室"]
    m = measure("171_chongqing_yuzhong_fengong", "一/3")  # 区住建委、区财政局、区国资委、区规资局、各管委会、区属各重点国企等
    assert m.lead == ["重庆市渝中区发展和改革委员会"]
    assert m.co == ["重庆市渝中区住房和城乡建设委员会", "重庆市渝中区财政局", "重庆市渝中区国有资产监督管理委员会",
                    "重庆市规划和自然资源局渝中区分局"]
    assert [(t.year, t.text) for t in m.targets] == [(2023, "固定资产投资总额增长5%以上")]  # not "3.固定…"


def test_party_committees_sign_and_the_purpose_article_is_no_measure() -> None:
    d = doc("172_hunan_yueyang_xiangyin_yingshanghuanjing")  # 中共湘阴县委        湘阴县人民政府
    assert d.issuers == ["中共湘阴县委员会", "湘阴县人民政府"]
    assert "一" not in labels("172_hunan_yueyang_xiangyin_yingshanghuanjing")  # 第一条 为…，结合我县实际，特制定本规定
    assert [(t.year, t.value) for t in measure("172_hunan_yueyang_xiangyin_yingshanghuanjing", "三").targets] == \
        [(2019, 90.0)]  # 2019年实现90%事项网上办, in a document of 2019: a plan, not a report
    units = list_units("市委办公室、市政府办公室", by_name("九江市"))
    assert [u.info.name for u in units] == ["中共九江市委办公室", "九江市人民政府办公室"]


def test_a_government_named_as_issuer_of_its_offices_series_is_the_office() -> None:
    d = doc("163_jiangsu_tesechanye")  # | 发布机构 | 江苏省人民政府 | / | 文件号 | 苏政办发〔2025〕45号 | 制发日期 | 2025-12-23 |
    assert (d.doc_number, d.issued, d.issuers) == ("苏政办发〔2025〕45号", "2025-12-23", ["江苏省人民政府办公厅"])
    # 〔…按职责分工负责;各市、县(市、区)人民政府组织落实。以下均需各市、县(市、区)人民政府负责,不再列出〕
    assert "江苏省各设区市人民政府" in measure("163_jiangsu_tesechanye", "一").responsible
    assert measure("163_jiangsu_tesechanye", "四").responsible == ["江苏省各设区市人民政府"]


def test_governments_listed_with_notes_in_brackets_are_one_collective() -> None:
    m = measure("165_heilongjiang_gongyezhenxing", "一/1")  # 〔省工信厅、省财政厅, 各市 (地) 、县 (市) 政府 (行署) 〕
    assert m.responsible == ["黑龙江省工业和信息化厅", "黑龙江省财政厅", "黑龙江省各设区市人民政府"]
    assert m.targets == []  # 省级财政负担支持资金的60%, 市 (县) …的40%: cost shares
    assert doc("165_heilongjiang_gongyezhenxing").places == []  # 推动龙江工业振兴: Heilongjiang, not 龙江县
    hainan = list_units("各市、县、自治县人民政府", by_name("海南省"))
    assert [u.info.name for u in hainan] == ["海南省各市、县、自治县人民政府"]


def test_a_province_read_from_its_places_and_a_carry_said_after_the_units() -> None:
    d = doc("164_gansu_wenjiuye")  # no head; 省人社厅…; 兰州新区
    assert d.province == "甘肃省"
    assert labels("164_gansu_wenjiuye") == ["一/一", "一/二"]  # 一、大力促进农村劳动力转移就业(一)加快…: split
    # …;各市州政府、兰州新区管委会负责实施,以下不再一一列出
    assert measure("164_gansu_wenjiuye", "一/二").responsible == ["甘肃省各设区市人民政府", "兰州新区管理委员会"]


def test_a_carry_declared_as_the_last_phrase_of_a_labelled_list() -> None:
    # (责任单位:区政务服务办、市规划资源局滨海新区分局、区住房建设委、…、各开发区、各街镇,以下未列明的责任单位均包括各开发区、各街镇)
    first = measure("189_tianjin_binhai_shichangzhuti", "一/1")
    assert first.responsible[:3] == ["天津市滨海新区政务服务办公室", "天津市规划和自然资源局滨海新区分局",
                                     "天津市滨海新区住房和建设委员会"]
    assert measure("189_tianjin_binhai_shichangzhuti", "一/2").responsible == [
        "天津市滨海新区各开发区管理委员会", "天津市滨海新区各街道办事处和镇人民政府"]


def test_a_document_whose_jurisdiction_is_unknown_names_no_relative_agency() -> None:
    d = doc("195_shanghai_baoshan_renwufenjie")  # 宝府办〔2008〕18号, 区发改委…: not 宝鸡市, not a bare 发改委
    assert d.province is None and d.issued == "2008-02-26"  # (二OO八年二月二十六日)
    assert all(not m.lead and not m.co and not m.responsible for m in d.measures)


def test_related_units_joined_by_he_are_one_vague_unit() -> None:
    units = list_units("市住房城乡建设局、市发展改革委,相关区市县政府和先导区管委会", by_name("大连市"))
    assert [u.info.name if u.info else None for u in units] == ["大连市住房和城乡建设局", "大连市发展和改革委员会", None]


# ---------------------------------------------------------------- mirrors and damaged pages

def test_a_taiwan_vocabulary_mirror_is_read_in_mainland_words_and_titled_as_written() -> None:
    m = measure("160_central_waizi", "一/二")  # 工業和資訊化部, 新聞出版廣電總局
    assert "工业和信息化部" in m.co and "国家新闻出版广播电影电视总局" in m.co
    assert measure("180_central_guowuyuan_hulianwangjia", "一/1").title == "巩固网路基础"  # 1.鞏固網路基礎
    assert doc("180_central_guowuyuan_hulianwangjia").title == "国务院关于积极推进「互联网+」行动的指导意见"


def test_a_spun_mirror_is_read_with_its_swaps_undone_and_titled_as_written() -> None:
    d = doc("145_guangdong_minjiantouzi")  # 省生长改造委牵头卖力; …能源局等省有关部门和各地级以上市人民政府按职责分工卖力
    assert d.title == "广东省进一步加鼎力度支持民间投资生长的实行方案"
    assert measure("145_guangdong_minjiantouzi", "一/一/1").lead == ["广东省发展和改革委员会"]
    assert measure("145_guangdong_minjiantouzi", "一/一/2").responsible[-2:] == ["广东省能源局", "广东省各地级以上市人民政府"]


def test_a_document_sharing_page_gives_its_title_and_loses_its_page_numbers() -> None:
    d = doc("148_zhejiang_jiaxing_minyingjingji")  # 《….docx》由会员分享; 个体工商⏎2、户提供…
    assert d.title == "嘉兴市贯彻落实《浙江省促进民营经济高质量发展若干措施》实施方案"
    m = measure("148_zhejiang_jiaxing_minyingjingji", "一/一")  # (市税务局、…,各县市、区政府,列第一位的为牵头单位,下同。…)
    assert m.lead == ["国家税务总局嘉兴市税务局"] and "嘉兴市各县（市、区）人民政府" in m.co
    assert "2、户" not in repair_text((REAL / "148_zhejiang_jiaxing_minyingjingji.txt").read_text()).text


def test_damaged_numbers_and_datelines_are_read_when_one_reading_remains() -> None:
    d = doc("173_shanxi_shuozhou_yingxian_zhuanyezhen")  # 应政办发〔202321 / 2023925日
    assert (d.doc_number, d.issued) == ("应政办发〔2023〕21号", "2023-09-25")
    assert doc("185_guangxi_nanning_yingshanghuanjing").issued == "2020-09-01"  # 202091 under the signature


def test_a_pdf_set_with_spaced_letters_and_yi_syllables_for_punctuation() -> None:
    d = doc("191_qinghai_jinronggaige")  # 青 海 省 人 民 政 府 关 于 … ꎬ … ꎮ «…»
    assert (d.province, d.title, d.issuers) == ("青海省", "青海省深入推动金融改革发展的若干政策措施", ["青海省人民政府"])


# ---------------------------------------------------------------- structure

def test_a_space_flattened_task_table_gives_one_measure_per_row() -> None:
    rows = [m for m in doc("141_central_lianghuazhibiao").measures if m.label.isdigit()]  # 序号 工 作 任 务 牵头负责部门
    assert [m.label for m in rows] == [str(i) for i in range(1, 11)]
    assert rows[1].lead == ["人力资源和社会保障部"] and rows[9].lead == ["国家发展和改革委员会"]  # the last cut: 发展改革
    assert [(t.year, t.value, t.unit) for t in rows[3].targets] == [(2016, 4000.0, "亿元")]  # 安排地方专项债券4000亿元


def test_articles_purpose_scope_and_criteria() -> None:
    # 第一条 为…制定本规定; 第二条 本规定适用于…; 第五条 企业符合下列条件之一的…: 1.… 2.…
    assert labels("184_xizang_zhaoshangyinzi") == ["三", "四", "五", "六"]
    assert measure("184_xizang_zhaoshangyinzi", "五").targets == []  # 40%(含本数)以上的: who qualifies
    assert labels("182_central_fagaiwei_qiyezhaiquan") == ["一"]  # 符合以下条件的优质企业: (一)(二) qualify it


def test_a_chapter_of_goals_and_tasks_holds_measures_and_a_task_heading_is_no_situation() -> None:
    assert "二/一" in labels("185_guangxi_nanning_yingshanghuanjing")  # 二、目标任务 (一)开办企业
    assert labels("180_central_guowuyuan_hulianwangjia") == ["一/1"]  # (一)夯实发展基础。1.巩固网路基础。


def test_the_year_a_text_opens_with_is_its_own() -> None:
    m = measure("166_jiangxi_suquzhenxing", "1")  # 2016年是…开局之年 … 全年完成脱贫40万人以上
    assert [(t.year, t.value) for t in m.targets] == [(2016, 40.0)]
    assert measure("169_shaanxi_xianyang_fengong", "一/一/2").targets[0].year is None  # 年均经济增速7%左右,到2026年…


# ---------------------------------------------------------------- places, clusters, targets

def test_regions_named_by_their_cities_and_units_with_no_prefecture() -> None:
    assert {m.city for m in find_places("打造安徽的“杭嘉湖”", "安徽省")} == {"杭州市", "嘉兴市", "湖州市"}
    hainan = doc("186_hainan_jingjihuifu").places  # 海口、三亚、三沙、儋州 are cities; 文昌、琼海… stand under the province
    assert sorted(hainan) == ["三亚市", "三沙市", "儋州市", "海口市"]
    assert [m.city for m in find_places("服务于块上街镇的工作", None)] == []  # 上街 (郑州) is no place without a province


def test_zones_listed_before_one_zone_word_and_zones_of_two_places() -> None:
    links = {(c.cluster, c.city) for c in doc("193_guizhou_liupanshui_shidagongcheng").cluster_links}
    assert {("红桥产业园区", "六盘水市"), ("保田产业园区", "六盘水市")} <= links  # 红桥、…、保田等10个产业园区
    links = {(c.cluster, c.city) for c in doc("192_xinjiang_fangzhijiju").cluster_links}
    assert {("奎屯—独山子经济开发区", "伊犁哈萨克自治州"), ("奎屯—独山子经济开发区", "克拉玛依市"),
            ("精河工业园", "博尔塔拉蒙古自治州"), ("阿克苏纺织工业城", "阿克苏地区")} <= links


def test_amounts_that_are_no_goals() -> None:
    assert targets("简化辖区范围内6亩以下(不含6亩)的土地使用转让手续") == []
    assert targets("工业用地税额标准为非工业用地税额标准的50%左右") == []
    assert targets("在已落地制造业等6个行业留抵退税政策基础上,加大增值税留抵退税力度") == []
    assert targets("估算总投资106.7亿元", 2013) == []
    assert targets("中央财政安排1000亿元专项奖补资金,重点用于职工分流安置", 2016) == [(1000.0, "亿元")]
    assert targets("规划配售型保障性住房2170套") == [(2170.0, "套")]


def test_units_in_no_table_are_marked_unresolved_in_the_evidence() -> None:
    evidence = {e.agency: e.resolved for e in measure("164_gansu_wenjiuye", "一/二").role_evidence}
    assert evidence == {"甘肃省各设区市人民政府": True, "兰州新区管理委员会": False}  # 兰州新区管委会: no table row


# ---------------------------------------------------------------- part F (200–215)

def test_a_progress_table_of_a_county_with_a_notes_column() -> None:
    # 序號 重點工作任務 牽頭責任單位 一季度完成情況 / 1 地區生產總值增長6%以上。 縣發改委 一季度…增長6.8%
    d = doc("212_anhui_huoqiu_zhongdianrenwu")
    assert (d.level, d.jurisdiction) == ("county", "霍邱县")  # 县发改委, 来源:霍邱县政府办公室; 全市 is the city compared
    first = measure("212_anhui_huoqiu_zhongdianrenwu", "1")
    assert first.lead == ["霍邱县发展和改革委员会"]
    assert [(t.year, t.value) for t in first.targets] == [(2025, 6.0)]  # not the 6.8% achieved
    assert measure("212_anhui_huoqiu_zhongdianrenwu", "3").lead == ["霍邱县财政局", "国家税务总局霍邱县税务局"]


def test_a_table_flattened_to_one_cell_per_line_gives_its_units_column() -> None:
    # 重点工作 / 主要 / 任务 / 工作措施 / 责任单位 / 备注 … 2.纳入…补贴。 / 市经信局、市财政局等,各县、市、区政府,咸宁高新区管委会
    assert measure("209_hubei_xianning_zerenfengong", "一/一/2").responsible == [
        "咸宁市经济和信息化局", "咸宁市财政局", "咸宁市各县（市、区）人民政府", "咸宁高新技术产业开发区管理委员会"]


def test_small_full_stops_after_item_numbers_and_a_clause_cut_inside_a_name() -> None:
    # 1﹒地区生产总值可比增长5%以上…(区发改委主办,…) … 4﹒…(区发改委主办,区教育局、…、区城管局、城建集
    assert labels("210_jiangsu_xuanwu_mubiaorenwu")[:4] == ["一/1", "一/2", "一/3", "一/4"]
    last = measure("210_jiangsu_xuanwu_mubiaorenwu", "一/4")
    assert last.lead == ["南京市玄武区发展和改革委员会"]
    assert last.co == ["南京市玄武区教育局", "南京市玄武区建设局", "南京市玄武区房产局", "南京市玄武区城市管理局"]


def test_a_notice_that_assigns_its_goals_to_units_makes_them_measures() -> None:
    # 现将…重点工作任务予以分解并明确到各责任单位 / 一、…主要预期目标分解 / 1.…(市发展改革委,各县〔市、区〕政府)
    m = measure("215_henan_sanmenxia_zhongdiangongzuo", "一/1")
    assert m.responsible == ["三门峡市发展和改革委员会", "三门峡市各县（市、区）人民政府"]


def test_a_labelled_list_keeps_its_agencies_past_units_that_are_none() -> None:
    # (牵头单位:县政府园区发展服务中心;责任单位:新材料产业园、高端装备产业园、食品产业园、商贸物流园等)
    m = next(m for m in doc("203_shandong_jinxiang_zerenfengong").measures if m.title.startswith("修编经济开发区"))
    assert m.lead == ["金乡县人民政府园区发展服务中心"]


def test_a_goal_sentence_of_the_preamble_goes_on_after_its_semicolons() -> None:
    # 到2025年底，全盟建设投资达到465.7亿元以上…；全盟新增城镇就业3500人…；全盟用水总量控制在3.63亿立方米以内…
    found = {(t.year, t.value) for t in doc("204_neimenggu_alashanmeng_liugexingdong").targets}
    assert {(2025, 465.7), (2025, 3500.0), (2025, 3.63), (2025, 2600.0)} <= found
