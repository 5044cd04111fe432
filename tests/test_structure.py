"""Outline parsing on real snippets: numbering styles, nesting, labels, chapter kinds."""

from __future__ import annotations

from policykg.loaders.numbering import match_numbering
from policykg.loaders.structure import classify_chapter, declares_first_is_lead, parse_structure

HUNAN = """湘工信消费品〔2023〕264号
湖南省工业和信息化厅等九部门关于促进纺织服装产业高质量发展的实施意见
纺织服装产业是我省传统优势产业和民生产业，在稳增长、促就业、保民生中发挥着重要作用。
一、不断提升创意设计水平，推动产业创新化发展
（一）鼓励加强原创设计。鼓励纺织服装企业与工业设计大师合作。（责任单位：省工业和信息化厅）（责任单位按各自职责分工负责，列第一的为牵头单位，下同。）
（二）推动设计融合创新。引导纺织服装企业、工业设计企业合作。（责任单位：省工业和信息化厅、省发展改革委、省科技厅）
二、不断提升科技创新水平，推动产业高端化发展
（三）加强关键核心技术攻关。围绕纤维新材料等重点领域开展攻关。（责任单位：省科技厅、省财政厅）
本意见自发布之日起实施，有效期5年。
湖南省工业和信息化厅             湖南省发展和改革委员会
2023年7月17日
"""

GUANGDONG_PLAN = """广东省发展现代轻工纺织战略性支柱产业集群行动计划（2023-2025年）
为贯彻省委、省政府关于推进制造强省建设的工作部署，制定本行动计划。
一、总体情况
（一）发展现状。本产业集群包含国民经济行业分类中的19个大类行业。
（二）存在问题。一是创新能力不强。
二、工作目标
到2025年，形成产业特色鲜明的现代轻工纺织产业集群。
（一）产业规模保持增长。现代轻工纺织产业工业增加值超7200亿元。
三、重点任务
（一）加速数字化赋能，推动产业重塑
1.推动集群数字化赋能。以数字化为抓手，打造集群产业互联网平台。（省工业和信息化厅牵头）
2.推动企业数字化转型。推动生产网络化、智能化。（省工业和信息化厅牵头）
（二）扩大开放合作水平
依托产业梯度转移招商引资对接平台做好招商工作。（省商务厅牵头）
四、重点工程
（一）创新提升工程
1.技术创新。突破数控节能高速纺织等技术。（省科技厅牵头）
2.制度创新。加快工业园区改造，推动产业集聚。（省工业和信息化厅牵头）
专栏 1：现代轻工纺织重点行业关键技术及材料
1.纺织服装：功能纤维及高性能纤维加工技术；
2.皮革：生物酶制革及毛皮加工技术；
（二）要素布局工程
1.企业带动。在皮具、家具等领域培育龙头企业。（省工业和信息化厅牵头）
五、时间安排
（一）制定方案。2024年3月完成并印发行动方案。
附件：关于《行动计划》的政策解读
一、制定出台《行动计划》的背景和意义
（一）背景。习近平总书记强调推进产业科技创新。
"""


def titles(structure) -> list[str]:
    return [m.title for m in structure.measures]


def test_numbering_styles_are_recognised() -> None:
    cases = {
        "一、总体要求": ("cn", 1),
        "（十三）推广应用节能减排技术。": ("paren_cn", 13),
        "1.坚持规划引领。": ("arabic", 1),
        "12、强化标准先行": ("arabic", 12),
        "（2）加强人才": ("paren_arabic", 2),
        "③推进园区": ("circled", 3),
        "第三条 支持企业": ("article", 3),
        "第二章 重点任务": ("chapter", 2),
    }
    for line, (style, value) in cases.items():
        num = match_numbering(line)
        assert num is not None, line
        assert (num.style, num.value) == (style, value), line
    for text in ("2023年7月17日", "1.5万亿元", "一是创新能力不强"):
        assert match_numbering(text) is None, text


def test_continuous_numbering_gives_own_labels_and_sections() -> None:
    s = parse_structure(HUNAN)
    assert titles(s) == ["鼓励加强原创设计", "推动设计融合创新", "加强关键核心技术攻关"]
    assert [m.label for m in s.measures] == ["一", "二", "三"]
    assert s.measures[2].section == "二、不断提升科技创新水平，推动产业高端化发展"
    assert s.first_is_lead


def test_signature_block_is_not_part_of_the_last_measure() -> None:
    s = parse_structure(HUNAN)
    last = s.measures[-1]
    assert "2023年7月17日" not in HUNAN[last.start:last.end]
    assert HUNAN[s.body_end:].lstrip().startswith(("湖南省工业和信息化厅", "2023年7月17日"))


def test_nested_numbering_restarts_give_paths() -> None:
    s = parse_structure(GUANGDONG_PLAN)
    labels = {m.title: m.label for m in s.measures}
    assert labels["推动集群数字化赋能"] == "三/一/1"
    assert labels["扩大开放合作水平"] == "三/二"  # a leaf at the second level
    assert labels["制度创新"] == "四/一/2"
    assert labels["企业带动"] == "四/二/1"


def test_situation_goal_schedule_box_and_interpretation_are_not_measures() -> None:
    s = parse_structure(GUANGDONG_PLAN)
    got = titles(s)
    for not_measure in ("发展现状", "存在问题", "产业规模保持增长", "纺织服装", "皮革", "制定方案", "背景"):
        assert not_measure not in got, not_measure
    assert len(s.box_spans) == 1
    box_text = GUANGDONG_PLAN[s.box_spans[0][0]:s.box_spans[0][1]]
    assert box_text.startswith("专栏 1") and "皮革" in box_text and "企业带动" not in box_text
    goal_text = "".join(GUANGDONG_PLAN[a:b] for a, b in s.goal_spans)
    assert "7200亿元" in goal_text
    # The measure before the box does not swallow the box.
    institution = next(m for m in s.measures if m.title == "制度创新")
    assert "专栏" not in GUANGDONG_PLAN[institution.start:institution.end]


def test_chapter_classification() -> None:
    assert classify_chapter("总体要求") == "goal"
    assert classify_chapter("主要目标") == "goal"
    assert classify_chapter("发展现状") == "situation"
    assert classify_chapter("指导思想") == "principle"
    assert classify_chapter("时间安排") == "schedule"
    assert classify_chapter("保障措施") == "measures"
    assert classify_chapter("强化统筹规划布局，推进“一群两极三区”建设") == "measures"


def test_deep_nesting_and_circled_items() -> None:
    text = (
        "一、重点任务\n（一）强化创新\n1.建设平台\n（1）建设创新中心。支持龙头企业牵头建设。\n"
        "①国家级中心。争创国家制造业创新中心。\n②省级中心。新建省级中心10家。\n（2）建设检测平台。完善检测能力。\n"
        "2.培育人才。加强人才培养。\n"
    )
    s = parse_structure(text)
    assert [m.label for m in s.measures] == ["一/一/1/1/①", "一/一/1/1/②", "一/一/1/2", "一/一/2"]
    assert s.measures[0].title == "国家级中心"


def test_declared_first_is_lead_conventions() -> None:
    assert declares_first_is_lead("（责任单位按各自职责分工负责，列第一的为牵头单位，下同。）")
    assert declares_first_is_lead("各项任务中列第一位的为牵头单位")
    assert declares_first_is_lead("排在第一位的为牵头单位，其他为配合单位")
    assert not declares_first_is_lead("（省工业和信息化厅牵头，省商务厅按职责分工负责）")
