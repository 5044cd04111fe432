"""Responsibility roles from every form they take, on real snippets of the seed documents."""

from __future__ import annotations

from policykg.loaders.pipeline import extract_text
from policykg.loaders.roles import find_roles
from policykg.loaders.tables import table_rows

GD = "广东省"


def roles_of(text: str, province: str = GD, first_is_lead: bool = False):
    return find_roles(text, 0, len(text), province, first_is_lead)


def test_parenthesised_lead_and_co_with_collectives() -> None:
    text = ("1.坚持规划引领。制定纺织服装产业发展专项规划。（省工业和信息化厅、省发展改革委牵头，各地级以上市人民政府、"
            "纺织服装各省级行业协会按职责分工负责）")
    r = roles_of(text)
    assert r.names("lead") == ["广东省工业和信息化厅", "广东省发展和改革委员会"]
    assert r.names("co") == ["广东省各地级以上市人民政府", "广东省纺织服装行业协会"]
    assert r.names("responsible") == []


def test_every_role_carries_the_span_of_its_name_as_written() -> None:
    text = "加大金融支持力度。（省地方金融监管局牵头，省工业和信息化厅、人民银行广州分行、广东银保监局、广东证监局按职责分工负责）"
    r = roles_of(text)
    assert r.names("lead") == ["广东省地方金融监督管理局"]
    assert r.names("co") == ["广东省工业和信息化厅", "中国人民银行广州分行",
                             "中国银行保险监督管理委员会广东监管局", "中国证券监督管理委员会广东监管局"]
    for ev in r.lead + r.co:
        assert text[ev.start:ev.end] == ev.written


def test_lead_only_clause_and_vague_tail_adds_nobody() -> None:
    assert roles_of("推动企业数字化转型。（省工业和信息化厅牵头）").names("lead") == ["广东省工业和信息化厅"]
    r = roles_of("推动制造供应链智能化。（省工业和信息化厅牵头，省商务厅等有关单位按职责分工负责）")
    assert r.names("co") == ["广东省商务厅"]


def test_unit_written_without_province_inside_a_list() -> None:
    r = roles_of("以技术供给创新突破产业短板。（省科技厅牵头，省工业和信息化厅、市场监管局等有关单位按职责分工负责）")
    assert r.names("co") == ["广东省工业和信息化厅", "广东省市场监督管理局"]


def test_a_unit_both_lead_and_co_is_lead_only() -> None:
    r = roles_of("引进培育高端人才。（省工业和信息化厅、省人力资源社会保障厅牵头，省科技厅、省工业和信息化厅、省总工会按职责分工负责）")
    assert r.names("lead") == ["广东省工业和信息化厅", "广东省人力资源和社会保障厅"]
    assert "广东省工业和信息化厅" not in r.names("co")


def test_responsibility_list_without_lead_is_responsible() -> None:
    r = roles_of("促进企业融通发展。（责任单位：省工业和信息化厅，各设区市人民政府）", "山东省")
    assert r.names("responsible") == ["山东省工业和信息化厅", "山东省各设区市人民政府"]
    assert r.names("lead") == [] and r.names("co") == []
    r = roles_of("发挥行业组织作用。（省工业和信息化厅、商务厅、民政厅、市场监管局按职责分工负责）")
    assert r.names("responsible") == ["广东省工业和信息化厅", "广东省商务厅", "广东省民政厅", "广东省市场监督管理局"]


def test_declared_first_is_lead_convention_turns_the_list_into_lead_and_co() -> None:
    r = roles_of("推动设计融合创新。（责任单位：省工业和信息化厅、省发展改革委、省科技厅）", "湖南省", first_is_lead=True)
    assert r.names("lead") == ["湖南省工业和信息化厅"]
    assert r.names("co") == ["湖南省发展和改革委员会", "湖南省科学技术厅"]


def test_typo_in_department_name_still_resolves() -> None:
    r = roles_of("加大自主品牌建设。（责任单位：省工业和信息厅、省商务厅、省市场监管局）", "湖南省", first_is_lead=True)
    assert r.names("lead") == ["湖南省工业和信息化厅"]


def test_labelled_lines_and_you_qianTou_sentences() -> None:
    text = "（三）加快数字化转型。推动企业上云用数赋智。\n牵头单位：省经济和信息化厅\n配合单位：省发展改革委、省科技厅\n"
    r = roles_of(text, "四川省")
    assert r.names("lead") == ["四川省经济和信息化厅"]
    assert r.names("co") == ["四川省发展和改革委员会", "四川省科学技术厅"]
    r = roles_of("支持企业开拓国际市场，由省商务厅牵头，省发展改革委、省财政厅配合。", "浙江省")
    assert r.names("lead") == ["浙江省商务厅"]
    assert r.names("co") == ["浙江省发展和改革委员会", "浙江省财政厅"]


def test_task_division_table_rows() -> None:
    text = ("| 序号 | 工作任务 | 牵头单位 | 配合单位 |\n"
            "| 1 | 推进纺织印染产业集群建设 | 省工业和信息化厅 | 省发展改革委、省生态环境厅 |\n"
            "| 2 | 加强品牌宣传推广 | 省商务厅 | 省市场监管局 |\n")
    rows = table_rows(text, "江苏省", first_is_lead=False)
    assert [r.task for r in rows] == ["推进纺织印染产业集群建设", "加强品牌宣传推广"]
    assert rows[0].roles.names("lead") == ["江苏省工业和信息化厅"]
    assert rows[0].roles.names("co") == ["江苏省发展和改革委员会", "江苏省生态环境厅"]


def test_table_assigns_roles_to_matching_measures_of_the_document() -> None:
    text = ("江苏省工业和信息化厅关于推进纺织产业高质量发展的实施方案\n"
            "一、重点任务\n（一）推进纺织印染产业集群建设。支持印染企业集中入园。\n（二）加强品牌宣传推广。组织企业参加展会。\n"
            "附件：重点任务分工表\n"
            "| 序号 | 工作任务 | 牵头单位 | 配合单位 |\n"
            "| 1 | 推进纺织印染产业集群建设 | 省工业和信息化厅 | 省发展改革委、省生态环境厅 |\n"
            "| 2 | 加强品牌宣传推广 | 省商务厅 | 省市场监管局 |\n")
    doc = extract_text(text, "js")
    by_title = {m.title: m for m in doc.measures}
    assert len(doc.measures) == 2
    assert by_title["推进纺织印染产业集群建设"].lead == ["江苏省工业和信息化厅"]
    assert by_title["加强品牌宣传推广"].co == ["江苏省市场监督管理局"]
