"""Issue 15, rule by rule, on the held-out parts G to P of tests/data/real (220–411): layouts and clause styles
the earlier sets did not show. Each test names the real document it reads (``tests/real_docs.py``)."""

from __future__ import annotations

from real_docs import doc, measure

from policykg.loaders.repair import repair_text
from policykg.loaders.targets import find_targets

# ---------------------------------------------------------------- clauses

def test_lead_and_partner_labels_with_a_leading_person_line() -> None:
    # 牵头负责领导:刘惠。 / 牵头责任单位:省发展改革委。 / 协同责任单位:省经济和信息化厅、省财政厅…
    stem = "251_anhui_zhongdiangongzuo_fenjie"
    m = measure(stem, "一/2")
    assert m.lead == ["安徽省发展和改革委员会"]
    assert m.co[:2] == ["安徽省经济和信息化厅", "安徽省财政厅"]
    assert not any("刘惠" in name for name in m.lead + m.co + m.responsible)
    # 协同责任单位:省政府各部门、各直属机构 names no agency
    assert (measure(stem, "一/1").lead, measure(stem, "一/1").co) == (["安徽省发展和改革委员会"], [])


def test_a_state_council_division_of_work_by_lead_with_partners() -> None:
    # 由发展改革委会同中央农办、农业部、财政部…等部门研究提出落实意见 / 由国土资源部会同农业部等部门负责落实
    stem = "220_central_guobanhan_nongcungaige"
    first = measure(stem, "一/一")
    assert first.lead == ["国家发展和改革委员会"]
    assert {"中央农村工作领导小组办公室", "农业部", "国家粮食局", "国家统计局"} <= set(first.co)
    second = measure(stem, "一/二")
    assert (second.lead, second.co, second.responsible) == (["国土资源部"], ["农业部"], [])


# ---------------------------------------------------------------- tables

def test_a_table_flattened_to_one_cell_per_line_under_group_headings() -> None:
    # 序号 / 主要工作举措 / 牵头单位 / 配合单位 / 责任领导, then 一、做大做强主导产业 and rows 1, task, lead, partners, person
    stem = "224_liaoning_shenyang_liaozhong_renwufenjie"
    d = doc(stem)
    assert [m.label for m in d.measures] == ["一/1", "一/2", "一/3", "一/4", "一/5"]
    assert {m.section for m in d.measures} == {"一、做大做强主导产业"}
    m = measure(stem, "一/2")
    assert m.lead == ["沈阳近海经济区管理委员会"]
    assert m.co == ["沈阳市自然资源局辽中分局", "沈阳市生态环境局辽中分局", "沈阳市辽中区发展和改革局"]
    assert not measure(stem, "一/5").lead  # the row is cut inside its lead cell


def test_a_cell_table_is_rewritten_as_table_lines() -> None:
    text = "序号\n\n重点任务\n\n牵头单位\n\n配合单位\n\n1\n\n推进项目建设。\n\n市发展改革委\n\n市财政局\n\n2\n\n扩大消费。\n\n市商务局\n"
    lines = repair_text(text).text.split("\n")
    assert lines == ["| 序号 | 重点任务 | 牵头单位 | 配合单位 |", "| 1 | 推进项目建设。 | 市发展改革委 | 市财政局 |",
                     "| 2 | 扩大消费。 | 市商务局 | |"]


# ---------------------------------------------------------------- titles, numbers and agencies

def test_a_title_with_its_number_glued_after_it() -> None:
    d = doc("246_guizhou_chengzhenhua")  # …建设实施方案的通知黔府办发〔2017〕76号为深入贯彻…
    assert (d.title, d.doc_number) == ("贵州省加快推进山地特色新型城镇化建设实施方案", "黔府办发〔2017〕76号")
    assert "贵州贵安新区管理委员会" in measure("246_guizhou_chengzhenhua", "一/一/1").co


def test_a_breadcrumb_is_no_part_of_the_title() -> None:
    d = doc("231_shaanxi_gongyewenzengzhang")  # 首页>政府信息公开>…>省政府办公厅文件 > 陕政办发
    assert d.title == "陕西省人民政府办公厅关于进一步落实《工业稳增长促投资21条措施》的实施意见"


def test_a_notice_issuing_a_plan_in_angle_brackets() -> None:
    d = doc("233_beijing_zhengwugongkai")  # 《北京市人民政府办公厅关于印发〈北京市2016年政务公开工作要点〉的通知》
    assert d.title == "北京市2016年政务公开工作要点"


def test_provincial_bodies_of_disease_control_and_ports() -> None:
    assert "天津市疾病预防控制局" in measure("225_tianjin_yiliaoweisheng", "二/一").responsible
    assert "江苏省人民政府口岸办公室" in measure("252_jiangsu_huaihaizhongxin_renwufenjie", "8").responsible


# ---------------------------------------------------------------- targets

def test_a_year_after_an_item_label_governs_its_targets() -> None:
    found = find_targets("(一)2017年主要目标任务:全年能源工业增加值增长3%,力争达到5%。", 0, None, None)
    assert [(t.year, t.value) for t in found] == [(2017, 3.0), (2017, 5.0)]


def test_a_year_after_其中_governs_its_own_clause() -> None:
    found = find_targets("到2021年底,累计开展补贴性职业技能培训1.1万人次以上,其中2019年培训0.18万人次。", 0, None, None)
    assert [(t.year, t.value) for t in found] == [(2021, 1.1), (2019, 0.18)]


# ---------------------------------------------------------------- goals and indicators

def test_indicators_with_a_data_source_are_goals_and_the_vision_year_is_no_deadline() -> None:
    # 批转《〈…十四个五年规划和2035年远景目标纲要〉分工方案》的通知; 一、主要指标 / 1.地区生产总值增长7% / 数据提供单位:旗统计局
    d = doc("245_neimenggu_alashanyouqi_fengong")
    assert d.title == "《阿拉善右旗国民经济和社会发展第十四个五年规划和2035年远景目标纲要》分工方案"
    assert d.issued == "2023-06-28"  # 成文时间: 2023-06-28
    assert [(t.year, t.value) for t in d.targets][:3] == [(None, 7.0), (None, 5.2), (None, 81.0)]
    assert not any(m.title.startswith("地区生产总值") for m in d.measures)


def test_a_task_division_cited_in_the_preamble_does_not_make_goals_tasks() -> None:
    d = doc("247_ningxia_xinxinggongye")  # 按照…自治区政府工作报告任务分工，… / 一、主要目标 / ——工业运行更加稳健。到2027年…
    assert [m.label for m in d.measures] == ["二/1"]
    assert (2027, 2800.0) in [(t.year, t.value) for t in d.targets]


def test_a_content_farms_line_is_no_measure() -> None:
    d = doc("249_jiangxi_poyuwandu_fengong")  # 一、下面是小编为大家整理的【发改方案】…,供大家参考。
    assert d.title == "支持鄱余万都滨湖四县小康攻坚重点工作责任分工方案"
    assert not any("小编" in m.title for m in d.measures)


# ---------------------------------------------------------------- issuers and dates

def test_a_general_office_issues_alone() -> None:
    # 【工信部政策】工業和信息化部辦公廳關于…; 国务院办公厅 with 国务院 in the page's header
    assert doc("222_central_gongxinbu_lianxichengshi").issuers == ["工业和信息化部办公厅"]
    assert doc("220_central_guobanhan_nongcungaige").issuers == ["国务院办公厅"]


def test_joint_issuers_over_their_title_and_a_dated_opinion() -> None:
    d = doc("230_sichuan_yibinluzhou_fuzhongxin")  # 中共四川省委 四川省人民政府 / 关于… / (2023年12月8日)
    assert (d.issuers, d.issued) == (["中共四川省委员会", "四川省人民政府"], "2023-12-08")
    court = doc("228_heilongjiang_hegang_fuyuanliandong")  # 鹤岗市人民政府 鹤岗市中级人民法院 / 2025年4月30日
    assert court.issuers == ["鹤岗市人民政府", "鹤岗市中级人民法院"]


def test_a_number_after_its_title_in_brackets_and_a_pages_tag_that_signs_nothing() -> None:
    d = doc("226_jilin_dongbeizhenxing")  # …落實意見(吉政發〔2014〕37號)各市(州)…; tags 負責 / 財政廳 / 推進
    assert (d.doc_number, d.issuers) == ("吉政发〔2014〕37号", ["吉林省人民政府"])


def test_amounts_listed_under_a_goal_heading_are_targets() -> None:
    text = "2017年主要目标任务:全年能源工业增加值增长3%。主要工业产品产量:煤炭5.3亿吨,增长4%;发电量1716亿千瓦时,增长9%。"
    assert [(t.year, t.value) for t in find_targets(text, 0, None, None)] == [
        (2017, 3.0), (2017, 5.3), (2017, 4.0), (2017, 1716.0), (2017, 9.0)]
    # without the goal heading, a production figure is a report, not a target
    assert [t.value for t in find_targets("主要工业产品产量:煤炭5.3亿吨。", 0, None, None)] == []


def test_era_names_of_market_regulation_and_the_provincial_foreign_exchange_branch() -> None:
    assert "吉林省工商行政管理局" in measure("226_jilin_dongbeizhenxing", "3").co  # 省工商局 (2014)
    assert "国家外汇管理局安徽省分局" in measure("251_anhui_zhongdiangongzuo_fenjie", "一/4").co  # 省外汇管理局


# ---------------------------------------------------------------- cluster links

def test_lists_of_cities_and_of_units_are_no_clusters() -> None:
    # 第二批工业运行重点联系城市名单:包头市、抚顺市…; 协同责任单位:…、合肥海关、省税务局…等。
    assert doc("222_central_gongxinbu_lianxichengshi").cluster_links == []
    assert doc("251_anhui_zhongdiangongzuo_fenjie").cluster_links == []


def test_a_zone_named_in_a_clause_is_no_cluster_name() -> None:
    # 力争将湘阴高新区打造成为全省十强工业园区
    names = [link.cluster for link in doc("253_hunan_yueyang_xiangyin_gongye").cluster_links]
    assert not any("打造" in name or "全省" in name for name in names)


# ---------------------------------------------------------------- clauses cut at the end of a text

def test_a_collective_cut_at_the_end_of_the_text_is_completed() -> None:
    # (發展改革委、商務部牽頭,各有關部門、各省級人民政   (the excerpt ends here)
    m = measure("202_central_guowuyuan_liyongwaizi", "一/一")
    assert (m.lead, m.co) == (["国家发展和改革委员会", "商务部"], ["各省、自治区、直辖市人民政府"])
    # 責任單位:…,各縣   -> the city's counties; (責任單位:有關設區市、 -> nobody: 有关 says not which
    assert "许昌市各县（市、区）人民政府" in measure("243_henan_xuchang_zhongdiangongzuo", "一/一/2").responsible
    assert all(not m.responsible for m in doc("166_jiangxi_suquzhenxing").measures if m.label == "2")


def test_what_is_owned_per_head_reaching_a_level_is_a_target() -> None:
    assert [t.value for t in find_targets("每万人高价值发明专利拥有量达到2件", 0, None, None)] == [2.0]
    assert [t.value for t in find_targets("每千人口拥有执业(助理)医师数达到3.9人", 0, None, None)] == [3.9]
    assert find_targets("全市现拥有规上企业300家", 0, None, None) == []  # what is owned today: a report


# ---------------------------------------------------------------- part I (260–276)

def test_a_news_item_on_a_state_council_division_of_work() -> None:
    # 近日,国务院发布关于落实《政府工作报告》重点工作部门分工的意见 … (农业农村部、科技部、…、供销合作总社等按职责分工负责)
    stem = "260_central_guowuyuan_zhongdiangongzuofengong"
    d = doc(stem)
    assert (d.title, d.issuers, d.level) == ("关于落实《政府工作报告》重点工作部门分工的意见", ["国务院"], "central")
    responsible = measure(stem, "二十五").responsible
    assert {"科学技术部", "人力资源和社会保障部", "中华全国供销合作总社"} <= set(responsible) and len(responsible) == 13


def test_a_space_flattened_table_with_a_group_column() -> None:
    # 政策类别 序号 扶持政策事项 政策内容 政策依据 实施部门 / 财政资金支持(共48项) 1 建立… … 责任单位:各县(市)区政府,…
    d = doc("265_liaoning_liaoyang_fuchizhengcedan")
    assert [m.title for m in d.measures] == ["建立复工复产帮扶机制", "对疫情防控重点保障企业贷款给予财政贴息支持",
                                             "加大对生产和销售防疫物资企业的支持力度"]
    assert d.measures[1].responsible == ["辽阳市财政局", "辽阳市发展和改革委员会", "辽阳市工业和信息化局",
                                         "中国人民银行辽阳市中心支行"]
    assert d.issuers == ["辽阳市市场监督管理局"]  # 来源:辽阳市市场监管局


def test_items_numbered_with_parenthesised_digits_under_a_plan_period() -> None:
    # (一)“十二五”时期主要规划指标 / 1.约束性指标。 / ⑴九年义务教育巩固率达到97%。 / 责任单位:省教育厅。
    stem = "266_liaoning_dongbeizhenxing_renwufengong"
    first = measure(stem, "一/一/1/⑴")
    assert (first.responsible, [(t.year, t.value) for t in first.targets]) == (["辽宁省教育厅"], [(2015, 97.0)])
    assert measure(stem, "一/一/1/⑷").lead == ["辽宁省发展和改革委员会"]


def test_a_work_report_division_of_2013() -> None:
    # 现就2013年《政府工作报告》确定的重点工作任务…; (省发改委主办,省工信委、…、农委、商务厅、金融办协办)2.重点抓好…
    stem = "267_heilongjiang_zhengfugongzuobaogao_fengong"
    assert [(t.year, t.value) for t in measure(stem, "一/一").targets] == [(2013, 11.0)]
    assert "黑龙江省农业委员会" in measure(stem, "一/三").co
    assert (measure(stem, "二/一/2").lead, measure(stem, "二/一/2").co) == (
        ["黑龙江省工业和信息化委员会"], ["黑龙江省发展和改革委员会"])


def test_role_phrases_that_open_a_sentence_with_a_leader_in_charge() -> None:
    # 由吴继德副市长负责,市建设局牵头,市发改委配合,按照要求进一步修改完善项目建设方案,…
    m = measure("268_gansu_lanzhou_xiangmuzhengqu", "4")
    assert (m.lead, m.co) == (["兰州市建设局"], ["兰州市发展和改革委员会"])


# ---------------------------------------------------------------- part J (280–295)

def test_leaders_first_then_the_lead_and_a_target_range_with_its_unit_twice() -> None:
    # 经济增长7.5%—8%;… (分管副省长、协管副秘书长负责,省发展改革委牵头,省工业和信息化厅、省   (cut)
    m = measure("280_hunan_zhengfugongzuobaogao_fengong", "一/一")
    assert (m.lead, m.co) == (["湖南省发展和改革委员会"], ["湖南省工业和信息化厅"])
    assert (2019, 7.5, 8.0) in [(t.year, t.value, t.value_max) for t in m.targets]


def test_a_heading_that_names_who_leads_the_items_under_it() -> None:
    # 一、孟学农省长负责的工作 / (三)省编办牵头的工作 / 1.… / 2.… 协同单位:省财政厅、省人事厅、…
    stem = "281_shanxi_gongzuomubiao_fenjie"
    assert measure(stem, "一/一").lead == ["山西省监察厅"]
    second = measure(stem, "一/三/2")
    assert second.lead == ["中共山西省委机构编制委员会办公室"] and "山西省财政厅" in second.co


def test_a_districts_leading_group_office_that_leads_inside_a_responsibility_label() -> None:
    # (责任单位:区疫情防控工作领导小组办公室牵头, 相关成员单位配合) in 杨浦区's document
    m = measure("282_shanghai_yangpu_jidugongzuoyaodian", "一/1")
    assert (m.lead, m.responsible) == (["上海市杨浦区疫情防控工作领导小组办公室"], [])


def test_a_cell_table_with_a_column_of_any_short_name() -> None:
    # 序号 / 重点工作 / 牵头责任单位 / 协同责任单位 / 任务来源 / 一、潘东旭市长负责事项(共9项) / 1 / … / 市政府办 / …
    d = doc("286_anhui_luan_zerenqingdan")
    assert [m.label for m in d.measures] == ["一/1", "一/2"]
    assert d.measures[0].lead == ["六安市人民政府办公室"]


def test_markup_left_in_a_text_file_is_dropped() -> None:
    d = doc("287_neimenggu_hubaoe_xietong")  # <tbody id="rxb7u">… <th id="rxb7u"></th> before the page
    assert d.title == "关于加快推进呼包鄂协同发展的若干政策措施"
    assert not any("<" in m.title for m in d.measures)


def test_a_citys_districts_and_counties_and_its_science_commission() -> None:
    m = measure("288_zhejiang_hangzhou_hulianwangjia", "二/一/1")  # (牵头单位:市科委,配合单位:各区县市)
    assert (m.lead, m.co) == (["杭州市科学技术委员会"], ["杭州市各县（市、区）人民政府"])


def test_units_listed_with_commas_after_由_and_the_main_responsible_unit() -> None:
    # 由市发展改革委,各县市区人民政府,市经济开发区管委会、市东新区管委会负责落实
    assert "周口市发展和改革委员会" in measure("291_henan_zhoukou_zhongdiangongzuo", "一/1").responsible
    # 牵头领导:常务副区长 / 主要责任单位:区发展改革委
    assert measure("293_beijing_daxing_fengong", "一/1").lead == ["北京市大兴区发展和改革委员会"]


def test_a_period_plans_goals_are_due_at_its_end_and_yearly_averages_at_none() -> None:
    # 海南省优化营商环境行动计划(2018—2019年): 将“证照分离”改革事项由106项扩大至130项
    d = doc("270_hainan_yingshanghuanjing_xingdongjihua")
    assert (2019, 130.0) in [(t.year, t.value) for m in d.measures for t in m.targets]
    assert [t.year for t in find_targets("年均增长9%左右", 0, 2025, None)] == [None]  # a yearly average: none
    assert [t.year for t in find_targets("每年培训产业工人1万人次", 0, 2025, None)] == [2025]  # a yearly amount: the plan's


def test_a_pinyin_gloss_with_a_space_before_its_bracket() -> None:
    d = doc("262_central_guoban_zhengfushehuiziben")  # 政府和社會(huì )資本合作模式
    assert d.title == "关于在公共服务领域推广政府和社会资本合作模式的指导意见"


def test_a_note_after_the_labelled_units_does_not_undo_them() -> None:
    # (責任單位:省自然資源廳。實施主體:漢江流域各市人民政府。因各項工作均需地方政府協同落實,實施主體以下不再重複。)
    assert "湖北省自然资源厅" in measure("290_hubei_hanjiang_shengtaijingjidai", "一/1").responsible


# ---------------------------------------------------------------- part L (320–335)

def test_units_before_a_vague_tail_and_a_joint_meetings_members() -> None:
    # 配合单位:市住建局、市自然资源规划局等市级有关部门,宁波海关,… / 市经济运行监测联席会议其他成员单位
    stem = "324_zhejiang_ningbo_mubiaorenwu"
    assert "宁波市自然资源和规划局" in measure(stem, "一/1").co
    assert "宁波市经济运行监测联席会议成员单位" in measure(stem, "二/1").co


def test_a_notices_attachment_list_and_its_two_cell_tables() -> None:
    # 附件:1. …预期目标任务分解表 / 2. …重点工作任务分解表 … 附件1 / 序号 / 2022年预期目标 / 责任单位 / 1 / …
    d = doc("329_chongqing_shapingba_mubiaorenwu")
    first = d.measures[0]
    assert (first.title, first.responsible) == ("地区生产总值增长5.5%左右", ["重庆市沙坪坝区发展和改革委员会"])
    assert d.measures[2].responsible == ["重庆市沙坪坝区经济和信息化委员会"]  # 区经济信息委
    assert not any(m.title.endswith("分解表") for m in d.measures)


def test_a_list_cut_before_its_verb_in_a_first_is_lead_document() -> None:
    # …列第一位者为牵头部门或单位,…,下同) … 2. …(国家中医药局、国家发展改革委、财政部   (the excerpt ends)
    m = measure("335_central_zhongyiyao_fengong", "一/一/2")
    assert (m.lead, m.co) == (["国家中医药管理局"], ["国家发展和改革委员会", "财政部"])


def test_commissions_written_short() -> None:
    assert measure("320_beijing_tongzhou_renwufengong", "一/一/一/4").lead == ["北京市通州区城市管理委员会"]
    assert "武汉市城乡建设委员会" in measure("328_hubei_wuhan_shengbaogaofenjie", "一/一/1").co


# ---------------------------------------------------------------- part K (300–315)

def test_a_first_is_lead_convention_cut_short_by_the_end_of_the_text() -> None:
    # (发展改革委、财政部、工业和信息化部、…、税务总局等负责。列第一位者   (the excerpt ends)
    m = measure("300_central_guofa_jiuyechuangye", "一/一")
    assert m.lead == ["国家发展和改革委员会"] and "财政部" in m.co


def test_partner_labels_and_a_countys_townships() -> None:
    # 牵头责任单位:县卫健委、县民政局 / 主要协作单位:各乡镇人民政府、经济开发区管委会,县政府有关部门、…
    m = measure("305_anhui_lingbi_weijianrenwu", "1")
    assert (m.lead, m.co[:1]) == (["灵璧县卫生健康委员会", "灵璧县民政局"], ["灵璧县各乡镇人民政府"])


def test_a_chapter_led_overall_by_a_commission_under_a_vice_governor() -> None:
    # 任务分工:吕维峰副省长负责,省农委总牵头。 / 2.农机化工程 (no clause of its own)
    assert measure("306_heilongjiang_shidagongcheng", "一/2").lead == ["黑龙江省农业委员会"]


def test_a_body_with_its_second_name_in_brackets() -> None:
    # 〔责任单位:自治区农牧厅(乡村振兴局)、财政厅〕
    assert measure("308_neimenggu_chanyezhengceqingdan", "一/一/1").responsible == [
        "内蒙古自治区农牧厅", "内蒙古自治区财政厅"]


def test_counted_governments_and_named_parks_do_not_undo_a_labelled_list() -> None:
    # (责任单位:州投资促进局、…等,10县市人民政府,楚雄高新区和禄丰、牟定、武定产业园区管委会)
    responsible = measure("312_yunnan_chuxiong_wenjintizhi", "一/一").responsible
    assert responsible[:2] == ["楚雄彝族自治州投资促进局", "楚雄彝族自治州发展和改革委员会"]


# ---------------------------------------------------------------- parts M (340–351) and N (360–371)

def test_a_district_named_only_by_a_city_bureaus_branch_in_it() -> None:
    # (责任领导:杜新国;牵头单位:区发改局) … 市生态环境局咸安分局: the text speaks as 咸宁市咸安区
    d = doc("360_hubei_xianan_zerenfenjie")
    assert (d.province, d.jurisdiction) == ("湖北省", "咸宁市咸安区")
    assert measure("360_hubei_xianan_zerenfenjie", "3").lead == ["咸宁市咸安区科学技术和经济信息化局"]


def test_a_data_provider_takes_no_role_and_is_no_agency() -> None:
    # (牵头领导:谢瑞武,牵头单位:市发改委,数据提供单位:市统计局)
    m = measure("365_sichuan_chengdu_zerenfenjie", "一/一")
    assert (m.lead, m.co, m.responsible) == (["成都市发展和改革委员会"], [], [])


def test_paragraphs_that_each_close_with_their_own_clause() -> None:
    # (一)推动经济稳定健康发展,必须…。 / 认真贯彻落实…。(省发展改革委、省财政厅…负责) / 发挥投资的关键作用…。(…负责)
    d = doc("366_shandong_zhengfugongzuobaogao_fengong")
    assert [m.label for m in d.measures][:4] == ["一/一/1", "一/一/2", "一/一/3", "一/二/1"]
    assert measure("366_shandong_zhengfugongzuobaogao_fengong", "一/一/3").responsible[0] == "山东省商务厅"


def test_a_cell_table_with_spread_column_names_and_a_long_group_heading() -> None:
    # 序号 / 目  标  任  务 / 牵头单位 / 责任单位 / 责任人 / 一、主要经济社会发展指标、…(牵头领导:…) / 1 / ★地区生产总值增长15%。
    assert measure("367_hubei_yunyang_mubiaorenwu", "一/1").lead == ["十堰市郧阳区发展和改革局"]
    d = doc("344_anhui_wuhu_zhongdianrenwu")  # 目   标   与   任   务; row 3 holds its number only
    assert [m.lead for m in d.measures] == [["芜湖市生态环境局"], ["芜湖市自然资源和规划局"]]


def test_dash_bullets_that_assign_a_lead() -> None:
    # ——地区生产总值增长7.5%;(牵头部门:市发改委)
    m = measure("342_liaoning_panjin_yanhaijingjidai", "一/二/1")
    assert (m.title, m.lead, [t.value for t in m.targets]) == ("地区生产总值增长7.5%", ["盘锦市发展和改革委员会"], [7.5])


# ---------------------------------------------------------------- part O (380–385)

def test_glosses_without_tone_marks_and_a_title_line_with_its_years() -> None:
    # 國務(wu)院(yuan)辦公(gong)廳關于促進 / 養老托育服務健康發展的意見
    assert doc("380_central_guobanfa_yanglaotuoyu").title == "国务院办公厅关于促进养老托育服务健康发展的意见"
    # 六盘水市2015—2017年大气污染防治 / 专项行动实施方案
    assert doc("383_guizhou_liupanshui_daqiwuran").title == "六盘水市2015—2017年大气污染防治专项行动实施方案"
    # …一行的文号不是标题的一部分: 国务院关于积极推进「互联网+」行动的指导意见 / 国发 〔2015〕40号 文件
    assert doc("180_central_guowuyuan_hulianwangjia").title == "国务院关于积极推进「互联网+」行动的指导意见"


def test_a_prefix_alone_cut_by_the_end_of_the_text_names_nobody() -> None:
    # (市科技局、市卫健委、市农业农村局、市   (the excerpt ends)
    assert measure("382_henan_zhumadian_wenjinxianghao", "一/1").responsible == [
        "驻马店市科学技术局", "驻马店市卫生健康委员会", "驻马店市农业农村局"]


# ---------------------------------------------------------------- part P (400–411)

def test_a_page_source_names_the_city_and_a_convention_declared_midway_holds_from_there() -> None:
    # 信息来源: 丽水市政府 / 1.… 责任单位:市发改委 / … 4.… 责任单位:市发改委、市经信局…(列第一位为牵头或汇总单位,下同)
    stem = "400_zhejiang_lishui_zerenfenjie"
    assert doc(stem).jurisdiction == "丽水市"
    assert (measure(stem, "1").lead, measure(stem, "1").responsible) == ([], ["丽水市发展和改革委员会"])
    assert measure(stem, "4").lead == ["丽水市发展和改革委员会"]
    # 责任单位:市人力社保局、市农业农村局分别牵头: each leads
    assert measure(stem, "6").lead == ["丽水市人力资源和社会保障局", "丽水市农业农村局"]


# ---------------------------------------------------------------- ninth session: rules found in parts L–P

def test_a_city_text_without_head_takes_its_city_from_the_counties_it_names() -> None:
    # 福清市乡镇机构改革试点方案已草拟… (市农办, 市教育局; no title, issuer or number): 福清市 lies in 福州市, 福建省;
    # 各县(市)区政府 is the city's collective, not a district speaking of itself
    d = doc("334_fujian_fuzhou_zhongdiangongzuo")
    assert (d.province, d.jurisdiction) == ("福建省", "福州市")


def test_units_under_a_second_lead_label_support_the_first() -> None:
    # (牵头领导:吴依殿;牵头单位:市农办;主办单位:市编办、市教育局、市财政局、…)
    m = measure("334_fujian_fuzhou_zhongdiangongzuo", "20")
    assert m.lead == ["福州市农办"]
    assert {"福州市教育局", "福州市财政局", "福州市水利局"} <= set(m.co)
    # (牵头领导:朱华;牵头单位:市卫生局、市爱卫办;…): 爱卫办 is the 爱国卫生运动委员会办公室
    assert measure("334_fujian_fuzhou_zhongdiangongzuo", "22").lead == ["福州市卫生局", "福州市爱国卫生运动委员会办公室"]


def test_a_county_since_made_a_district_is_known_by_its_former_name() -> None:
    # 沙县人民政府 / 关于加快第三产业发展的实施意见(试行) (2012; 沙县 has been 三明市沙县区 since 2021)
    d = doc("346_fujian_sanming_shaxian_disanchanye")
    assert (d.province, d.jurisdiction, d.issuers) == ("福建省", "沙县", ["沙县人民政府"])


# ---------------------------------------------------------------- part Q (420–431)

def test_a_list_closed_by_deng_before_and_and_the_local_governments_of_a_central_text() -> None:
    # （国家卫生健康委、国家发展改革委、国家疾控局等和地方人民政府按职责分工负责。…）
    m = measure("421_central_guobanfa_yigai2022", "一/一")
    assert {"国家疾病预防控制局", "各省、自治区、直辖市人民政府"} <= set(m.responsible)
    assert not any("等和" in name for name in m.responsible)


def test_a_leading_groups_office_signing_on_behalf_is_the_issuer() -> None:
    # 玉林市应对气候变化及节能减排工作领导小组办公室(代) / 2024年3月22日 (the notice says 经市人民政府同意)
    assert doc("425_guangxi_yulin_jiangtan").issuers == ["玉林市应对气候变化及节能减排工作领导小组办公室"]


def test_a_name_in_no_table_shares_the_prefix_of_the_list_before_it() -> None:
    # (牵头单位:自治区财政厅、工业和信息化厅、发展改革委、国资委、产业园区改革发展办公室,各市人民政府;…)
    assert "广西壮族自治区产业园区改革发展办公室" in measure("428_guangxi_gongyezhenxing", "一").lead


def test_quote_marks_that_open_a_title_are_kept_when_they_close_inside_it() -> None:
    # “十四五”节能减排综合工作方案 (its own line); 印发《政府工作报告》2018年目标任务责任分解的通知
    assert doc("430_central_guowuyuan_jienengjianpai").title == "“十四五”节能减排综合工作方案"
    assert doc("401_zhejiang_taizhou_zerenfenjie").title == "《政府工作报告》2018年目标任务责任分解"


def test_place_names_glued_into_words_or_naming_streets_are_no_places() -> None:
    # 重大连接线建设工程 names no 大连; 铁西街道 is a street of 绿园区 (长春市), not 四平市's 铁西区
    assert "大连市" not in doc("420_qinghai_haidong_lanxichengshiqun").places
    # 绿园区“六城联动”招商引资专班实施方案: a district whose name holds 园区 is a district
    assert doc("424_jilin_changchun_lvyuan_zhaoshang").places == ["长春市"]


def test_a_unit_list_closed_by_a_bracket_that_declares_the_first_unit_leads() -> None:
    # 责任单位:财政局、发改局、…、人才办、金融发展服务中心、…、工商联(列第一位者为牵头或汇总单位,下同)
    stem = "410_zhejiang_tongxiang_zerenfenjie"
    m = measure(stem, "一/1")
    assert m.lead == ["桐乡市财政局"]
    # bare departments of a county-level city: the ones in no table are its own too (…、金融发展服务中心)
    assert {"中共桐乡市委人才工作领导小组办公室", "桐乡市金融发展服务中心", "桐乡市发展和改革局"} <= set(m.co)
    # 责任单位:发改局、经信局、财政局、金融发展服务中心、税务局、人民银行: the central bank's county branch
    assert "中国人民银行桐乡市支行" in measure(stem, "一/2").co


def test_a_citys_districts_and_county_cities_written_qu_shi_and_a_committee_cut_to_guanwei() -> None:
    # (责任单位:市人力资源社会保障局、市财政局,各区、市政府,青岛高新区管委)
    assert measure("407_shandong_qingdao_shishi", "一").responsible == [
        "青岛市人力资源和社会保障局", "青岛市财政局", "青岛市各县（市、区）人民政府", "青岛高新技术产业开发区管理委员会"]


def test_a_cities_own_zone_and_a_you_sentence_cut_by_the_end_of_the_text() -> None:
    # 由市发展改革委,各县市区人民政府,市经济开发区管委会、市东新区管委会负责落实
    stem = "291_henan_zhoukou_zhongdiangongzuo"
    assert "周口经济开发区管理委员会" in measure(stem, "一/1").responsible
    # 由市交通运输局、市公路局、市发展改革委,西华县、川汇区、扶沟县、淮阳县人民政府,市经济开发区管委会 | (the excerpt ends)
    assert {"周口市交通运输局", "西华县人民政府", "周口经济开发区管理委员会"} <= set(measure(stem, "一/3").responsible)


def test_a_supply_and_marketing_cooperative_is_an_agency_of_its_city() -> None:
    # 市发改委、市农办、市财政局(市地税局)、…、市林业局、市供销社,各县(市、区)  (a table's units cell, cut by the excerpt)
    assert {"台州市供销合作社联合社", "台州市各县（市、区）人民政府"} <= set(
        measure("401_zhejiang_taizhou_zerenfenjie", "一/2").responsible)


def test_a_cell_table_whose_group_headings_stand_on_lines_of_their_own() -> None:
    # 序号 / 重点工作 / 市政府 / 分管领导 / 牵头单位 / 配合单位 / 备注 / 强化科技创新支撑能力。 / (一) / 加强战略科技力量建设。 /
    # 1 / 加快建设以中新知识城、… / 王 东 / 市科技局 / 黄埔区、南沙区政府
    d = doc("322_guangdong_guangzhou_zerenfengong")
    assert [(m.lead, m.co) for m in d.measures][:1] == [
        (["广州市科学技术局"], ["广州市黄埔区人民政府", "广州市南沙区人民政府"])]
    # 3 / 加快建设大湾区国家技术创新中心。 / 王 东 / 市科 | (the excerpt ends): as the table wrote it above
    assert d.measures[2].lead == ["广州市科学技术局"]


# ---------------------------------------------------------------- parts R (440–453) and S (460–471)

def test_canjia_names_the_units_that_take_part() -> None:
    # (市发展改革委、市人力资源社会保障局牵头,市委组织部、…、国家统计局济宁调查队参加)
    m = measure("464_shandong_jining_jiuyechuangye", "一/1")
    assert m.lead == ["济宁市发展和改革委员会", "济宁市人力资源和社会保障局"]
    assert "济宁市财政局" in m.co


def test_a_list_that_declares_its_lead_passes_over_a_unit_in_no_table() -> None:
    # (市發改委、市農委、市商務糧食局、各縣市區人民政府、中儲糧株洲直屬庫。排名第一的為牽頭單位,下同)
    m = doc("470_hunan_zhuzhou_liangshianquan").measures[0]
    assert m.lead == ["株洲市发展和改革委员会"]
    assert {"株洲市商务粮食局", "株洲市各县（市、区）人民政府", "中央储备粮株洲直属库"} <= set(m.co)


def test_a_districts_campaign_office_its_members_and_its_sub_districts() -> None:
    # [牵头单位:区卫健局、区创文办;责任单位:区疫情防控指挥部成员单位、区创文工作领导小组成员单位、各街办(新区)]
    m = doc("461_hubei_huangshi_xialu_zerenfenjie").measures[1]
    assert m.lead == ["黄石市下陆区卫生健康局", "黄石市下陆区创建文明城市工作领导小组办公室"]
    assert m.co == ["黄石市下陆区疫情防控指挥部成员单位", "黄石市下陆区创建文明城市工作领导小组成员单位",
                    "黄石市下陆区各街道办事处"]


def test_a_table_whose_lines_lack_the_opening_pipe_and_name_leaders_beside_units() -> None:
    # 序號 | 重 點 工 作 任 務 | 牽頭領導 | 牽頭單位 | / 1 | 未來科技城要… | 祝振偉 陳夏林 | 未來科技城(海創園) |
    titles = [m.title for m in doc("467_zhejiang_hangzhou_yuhang_renwufenjie").measures]
    assert len(titles) == 4 and titles[0].startswith("未来科技城要围绕打造创新驱动策源地")


def test_a_note_in_a_column_name_does_not_make_it_the_lead_column() -> None:
    # 责任单位 (加黑为牵头单位): the bold is lost, every unit is responsible
    m = doc("408_shandong_jinan_shizhong_renwutuijin").measures[0]
    assert m.lead == [] and "济南中央活力区发展促进中心" in m.responsible


def test_a_department_division_line_and_a_provincial_reform_office() -> None:
    # 部门分工:省发展改革委牵头,各地、各部门配合。
    assert measure("452_guangdong_zhengfugongzuobaogao2021", "一/1").lead == ["广东省发展和改革委员会"]
    # 牵头单位:省委改革办、省大数据局
    assert "中共浙江省委全面深化改革委员会办公室" in doc("451_zhejiang_zerenfenjie2020").measures[1].lead


def test_a_head_written_on_one_line_with_the_body() -> None:
    # 國務院辦公廳關於逐步推行免費學前教育的意見 國辦發〔2025〕27號 各省、…、各直屬機構: 學前教育是…
    d = doc("450_central_guobanfa_mianfeixueqianjiaoyu")
    assert (d.title, d.doc_number, d.issuers) == (
        "国务院办公厅关于逐步推行免费学前教育的意见", "国办发〔2025〕27号", ["国务院办公厅"])
    # 479关于进一步加大对中小企业纾困帮扶力度的通知 国办发〔2021〕45号各省、…:…通知如下:一、加大纾困资金支持力度。
    d = doc("449_central_guobanfa_zhongxiaoqiye")
    assert (d.title, d.doc_number) == ("关于进一步加大对中小企业纾困帮扶力度的通知", "国办发〔2021〕45号")
    assert d.measures[0].title == "加大纾困资金支持力度"


# ---------------------------------------------------------------- part T (480–491)

def test_the_first_responsible_unit_declared_the_lead() -> None:
    # 责任单位:市发改委、市财政局(第一责任单位为牵头单位,下同)
    m = doc("483_fujian_xiamen_yingshanghuanjing").measures[0]
    assert (m.lead, m.co) == (["厦门市发展和改革委员会"], ["厦门市财政局"])


def test_zones_in_a_unit_list_are_their_committees_and_the_central_banks_branch_written_renhang() -> None:
    # 协同责任单位:…,滁州经开区、中新苏滁高新区管委会,…
    assert {"滁州经济技术开发区管理委员会", "中新苏滁高新技术产业开发区管理委员会"} <= set(
        doc("488_anhui_chuzhou_zhongdiangongzuo2024").measures[0].co)
    # 责任单位:立山经济开发区  (a district's own zone)
    assert "立山经济开发区管理委员会" in doc("487_liaoning_anshan_lishan_zhongdiangongzuo").measures[0].co
    # 协同责任单位:…、人行六安市中心支行
    assert "中国人民银行六安市中心支行" in measure("482_anhui_luan_zhongdiangongzuo2021", "一/4").co


def test_bracketed_arabic_items_after_a_full_stop_and_a_one_character_county_glued_into_a_word() -> None:
    # 1.深化商事制度改革。(1)全面落实“多证合一、一照一码”改革。…(市工商质监局牵头负责)(2)完善企业登记全程电子化。
    d = doc("486_anhui_chizhou_sizuiyingshang")
    assert [m.title for m in d.measures][:2] == ["全面落实“多证合一、一照一码”改革", "完善企业登记全程电子化"]
    assert d.measures[0].lead == ["池州市工商行政管理和质量技术监督局"]
    # …7个乡镇卫生院完成县妇幼保健院主体工程建设: 完成 is a word, 成县 (陇南市) no place
    assert "陇南市" not in doc("485_jiangxi_jian_jishui_minshengshishi").places


# ---------------------------------------------------------------- part U (500–512)

def test_a_prefectures_own_voice_and_its_departments_of_an_earlier_era() -> None:
    # 各县市人民政府,州直各部门,楚雄开发区管委会: / …着力促进全州经济平稳健康发展… / (州发改委、…、州卫计委、…、
    # 州文体局、州食品药品监管局、州交通运输局等州级有关部门,各县市人民政府负责)
    d = doc("509_yunnan_chuxiong_wenzengzhang2016")
    assert d.jurisdiction == "楚雄彝族自治州"
    assert {"楚雄彝族自治州卫生和计划生育委员会", "楚雄彝族自治州文化体育局", "楚雄彝族自治州食品药品监督管理局",
            "楚雄彝族自治州交通运输局", "楚雄彝族自治州各县（市、区）人民政府"} <= set(d.measures[0].responsible)


def test_fee_rates_and_benefits_per_person_are_no_targets() -> None:
    # 将参保单位缴费费率由7%降至6%; …最低养育标准由每人每月1800元、1500元统一提高到2200元
    values = {t.value for m in doc("503_shaanxi_xian_weiminshishi").measures for t in m.targets}
    assert not values & {7, 6, 9, 8, 2200}


def test_a_space_flattened_table_whose_header_closes_a_paragraph() -> None:
    # …常熟市2018年政府工作任务分解表 序号 名称 工作任务 牵头责任单位 / 一、经济社会发展主要预期目标分解(11项) /
    # 1 地区生产总值增长7%以上,服务业增加值占GDP比重47.1%. 发改委 / … / 9 居民人均可支配收入增速 (the excerpt ends)
    d = doc("405_jiangsu_changshu_renwufenjie")
    assert [m.lead for m in d.measures][:2] == [["常熟市发展和改革委员会"], ["常熟市财政局"]]
    assert d.measures[1].title == "一般公共预算收入增长8%以上"
    assert d.measures[-1].title == "居民人均可支配收入增速"


# ---------------------------------------------------------------- parts V (520–532) and W (540–552)

def test_a_cell_table_whose_units_cell_lists_one_unit_a_line() -> None:
    # 序号 / 民生实事 / 责任单位 / 完成时限 / 1 / 启动建设东柳河城区段综合治理工程和东湖湿地公园。 / 县水务局 / 县住建局 /
    # 县护城河指挥部 / 12月底前 / … / 迁建县政务服务中心。 (its number cell merged with the row above) / 县政务服务中心 / …
    d = doc("540_sichuan_dazhu_minshengshishi")
    assert d.measures[0].responsible == ["大竹县水务局", "大竹县住房和城乡建设局", "大竹县护城河指挥部"]
    assert "迁建县政务服务中心" in [m.title for m in d.measures]


def test_a_table_with_a_group_column_values_like_row_numbers_and_two_units_columns() -> None:
    # 考核项目 / 序号 / … / 责任部门 / 评分部门 / 农业高质高效 / 1 / … / 县海洋与渔业局 / 县农业农村局 / 市海洋渔业局市农业农村局 /
    # … 5 / 油菜面积 / 万亩 / 0 / 县农业农村局 / 市农业农村局   (0 is the year's target, not a row)
    d = doc("543_zhejiang_shengsi_xiangcunzhenxing")
    assert d.measures[0].responsible == ["嵊泗县海洋与渔业局", "嵊泗县农业农村局"]
    assert [m.label for m in d.measures][:6] == ["1", "2", "3", "4", "5", "6"]
    assert all(m.responsible == ["嵊泗县农业农村局"] for m in d.measures[4:6])


def test_a_table_one_cell_a_line_each_closed_by_a_pipe() -> None:
    # 序号 | / 目标与任务 | / 分 管 县领导 | / 牵头责任单位 | / 责任单位 | / 80 | / 极回应群众新期待新要求,…
    assert [m.label for m in doc("544_anhui_nanling_zhongdiangongzuo").measures] == ["80", "81"]


def test_a_state_council_reform_office_and_a_provincial_grain_bureau_of_another_name() -> None:
    # (国务院审改办、人力…   ;   (省粮食与储备局负责)
    assert "国务院行政审批制度改革工作领导小组办公室" in doc("529_central_guobanfa_zhengwugongkai2016").measures[0].responsible
    assert "广东省粮食和物资储备局" in doc("524_guangdong_shipinanquan2019").measures[0].responsible


def test_merged_county_and_district_bureaus_and_a_countys_own_zone() -> None:
    # (牵头部门:区发改经信局;配合部门:区住房和城建局…)
    m = doc("547_zhejiang_shangcheng_mubiaorenwu").measures[0]
    assert m.lead == ["杭州市上城区发展改革和经济信息化局"] and "杭州市上城区住房和城市建设局" in m.co
    # 一、县示范区管委会牵头工作 (a heading that names who leads its items)
    assert doc("542_shanxi_qinxian_renwuqingdan").measures[-1].lead == ["沁县示范区管理委员会"]
