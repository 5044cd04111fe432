"""Topic classification of real measures of the seed corpus."""

from __future__ import annotations

from policykg.loaders.topics import TOPICS, classify_topics

ENV = ("强化品牌保护。统筹推进商标、老字号、非物质文化遗产、地理标志产品、专利等保护工作，严厉打击商标侵权等违法行为。"
       "完善跨部门、跨区域知识产权执法协作机制，加强知识产权信息公共服务资源供给，依法依规加强知识产权领域信用体系建设。"
       "（省市场监管局牵头，省商务厅、省文化和旅游厅、各地级以上市人民政府、纺织服装各省级行业协会按职责分工负责）")


def test_thirteen_topics_with_chinese_labels():
    assert len(TOPICS) == 13
    assert TOPICS["green_dyeing"] == "绿色低碳/节能减排/印染/循环利用"
    assert set(TOPICS) >= {"planning_layout", "cluster_park", "talent", "business_env"}


def test_title_and_sentence_topics_with_evidence():
    codes, evidence = classify_topics("强化品牌保护", ENV, 500)
    assert codes[:1] == ["brand"]
    assert "business_env" in codes
    by_code = {ev.topic: ev for ev in evidence}
    env = by_code["business_env"]
    assert env.keyword in ENV[env.start - 500:env.end - 500]
    assert "知识产权" in ENV[env.start - 500:env.end - 500]


def test_agency_names_in_the_responsibility_clause_do_not_count():
    codes, _ = classify_topics("强化品牌保护", ENV, 0)
    # 行业协会 and 市场监管局 appear only in the responsibility clause
    assert "market_trade" not in codes


def test_passing_mention_is_not_a_topic():
    text = ("推广应用节能减排技术。加大重点耗能工序和设备的节能改造，进一步降低能耗强度。"
            "推广先进无水少水加工技术和原液着色、无聚乙醇烯上浆、新溶剂法纺丝等清洁生产技术。"
            "支持重点用能企业建立能源管控中心，提高能源资源综合利用效率。")
    codes, _ = classify_topics("推广应用节能减排技术", text)
    assert codes == ["green_dyeing"]


def test_finance_measure():
    text = ("加大金融支持力度。金融机构要根据产业政策和信贷原则，合理配置信贷资金，积极支持纺织服装产业高质量发展。"
            "支持融资担保等公司加大产品创新力度，为企业及时提供担保增信。")
    codes, _ = classify_topics("加大金融支持力度", text)
    assert codes == ["finance_fiscal"]  # 高质量发展 is no quality topic
