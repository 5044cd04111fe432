"""Quantified targets on real snippets of the seed corpus (shared/corpus)."""

from __future__ import annotations

from policykg.loaders.targets import find_targets


def keys(text: str, year: int | None = None) -> list[tuple]:
    return [(t.year, t.value, t.value_max, t.unit, t.multiplier) for t in find_targets(text, 0, year)]


def test_money_with_year_and_doubling_inherits_metric():
    text = "到**2025**年底，争取纺织和服装产业营收达到**7000**亿元，到**2027**年实现翻一番。"
    targets = find_targets(text)
    assert [(t.year, t.value, t.unit, t.multiplier) for t in targets] == [
        (2025, 7000, "亿元", None), (2027, None, None, 2.0)]
    assert targets[0].normalised_value == 7000e8 and targets[0].normalised_unit == "元"
    assert targets[1].metric == targets[0].metric == "纺织和服装产业营收"
    assert targets[0].text == "到2025年底，争取纺织和服装产业营收达到7000亿元"


def test_spans_are_absolute():
    text = "到 2024 年底，全省纺织和服装产业营收达到 5000 亿元，建成 15 家以上产业链协同的服装产业集聚区"
    targets = find_targets(text, offset=1000)
    assert [(t.value, t.unit, t.qualifier) for t in targets] == [(5000, "亿元", "达到"), (15, "家", "以上")]
    assert all(t.year == 2024 for t in targets)
    first = targets[0]
    assert text[first.start - 1000:first.end - 1000].startswith("到 2024 年底")


def test_trillion_and_percent_of_revenue():
    assert keys("到 2025 年，现代轻工纺织产业工业增加值超 7200 亿元，主营业务收入超 3 万亿元。") == [
        (2025, 7200, None, "亿元", None), (2025, 3, None, "万亿元", None)]
    t = find_targets("到 2025 年，规模以上企业研发投入达到主营业务收入的 2%。")[0]
    assert (t.value, t.unit, t.metric) == (2, "%", "规模以上企业研发投入占主营业务收入比重")


def test_revenue_thresholds_are_not_targets():
    text = "到**2027年**，争取培育营收超**10亿元**的品牌企业**30家**、超百亿元的品牌企业**3-5家**"
    assert keys(text) == [(2027, 30, None, "家", None), (2027, 3, 5, "家", None)]
    assert keys("争取到 2024 年底，规模以上纺织服装生产加工企业超 4500 家，10 亿元以上企业超 30 家，1000 亿元以上企业 1 家。") == [
        (2024, 4500, None, "家", None), (2024, 30, None, "家", None), (2024, 1, None, "家", None)]
    assert keys("培育5家以上年营业收入过百亿元的国际知名纺织服装企业，做大做强一批年营业收入在20亿元以上的潜力型企业。",
                2023) == [(2023, 5, None, "家", None)]


def test_chinese_numerals():
    assert keys("八、人才产业化支撑，培育纺织服装百名设计大师和万名熟练技工") == [
        (None, 100, None, "名", None), (None, 10000, None, "名", None)]
    assert keys("培育三至五个具有国际影响力的品牌。") == [(None, 3, 5, "个", None)]
    # a Chinese numeral inside a name or a slogan is no count
    assert keys("继续做强“一群两极三区”，建设千亿名区名城，实施“智赋万企”行动。") == []


def test_year_is_inherited_within_the_text_and_from_the_caller():
    text = ("到**2027年**，培育**20家行业数字化转型示范企业，培育一批企业首席数据官，数字化研发设计工具普及率达到90%。**"
            "推动80%规模以上纺织服装企业建设智能制造车间。")
    assert keys(text) == [(2027, 20, None, "家", None), (2027, 90, None, "%", None), (2027, 80, None, "%", None)]
    assert keys("开展百名省级纺织服装设计大师评选", year=2025) == [(2025, 100, None, "名", None)]
    assert keys("2024年组织举办系列活动，举办广交会、进博会等30多场展博交流会。") == [(2024, 30, None, "场", None)]


def test_subsidy_rates_and_caps_are_not_targets():
    text = ("对列入省高新技术领域的纺织服装企业，按其较上年度新增享受研发费用加计扣除部分的12%给予奖励，"
            "其他企业按其较上年度新增享受研发费用加计扣除部分的8%给予补助，其中，经测算补助额不足20万元的，"
            "省财政不予以补助，单家企业补助额不超过1000万元。")
    assert find_targets(text) == []
    assert find_targets("抓紧抓好珠三角 1 亿元以上，粤东西北 5000 万以上的纺织服装工业重大项目建设。") == []


def test_codes_quotes_numbering_and_reported_figures_are_not_targets():
    assert find_targets("利用5G、区块链、人工智能等新一代信息技术，加强对“稳经济131条”“助企25条”的宣贯。") == []
    assert find_targets("3.家具：广州、佛山、东莞、中山、江门；") == []
    assert find_targets("2022 年，集群实现工业增加值 6608.6 亿元，完成营业收入 27856.50 亿元。") == []
    assert find_targets("我省现有纺织服装企业2万余家。") == []


def test_page_break_inside_a_sentence_is_joined():
    text = ("鼓励纺织服装企业加强与纺织服装卖场、经销商、电商平台合作，形成基于数字化的市场体验大数据。"
            "对先进典型形成案例汇编加大宣贯推介，营造良好氛围。到**2027年**，培育\n\n"
            "**20家行业数字化转型示范企业，培育一批企业首席数据官。")
    assert keys(text) == [(2027, 20, None, "家", None)]
    # 家纺织 is 家 + 纺织, 家纺 is home textiles
    assert keys("到2027年，争取培育50家纺织服装工业设计中心") == [(2027, 50, None, "家", None)]


def test_count_with_magnitude_keeps_the_number_and_unit_as_written() -> None:
    """SCHEMA: the value is the number as written in the text's unit (as 3 with unit 万亿元)."""
    (t,) = find_targets("到2025年，每年培训产业工人10万人次")
    assert (t.year, t.value, t.unit, t.normalised_value, t.normalised_unit) == (2025, 10, "万人次", 100000, "人次")
    (t,) = find_targets("到2025年，印染布产量达到10亿米")
    assert (t.value, t.unit, t.normalised_value) == (10, "亿米", 1e9)
    (t,) = find_targets("棉纺纱锭规模达到3000万锭")
    assert (t.value, t.unit) == (3000, "万锭")
