"""repair_text on real stretches of the seed corpus and on what PDF/Word conversion leaves behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.loaders.repair import repair_text

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def seed(prefix: str) -> str:
    return next(CORPUS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def lines(raw: str) -> list[str]:
    return repair_text(raw).text.split("\n")


# ---------------------------------------------------------------- joining

def test_word_split_over_a_blank_line_is_joined() -> None:
    text = repair_text(seed("000")).text
    assert "综合运用形象设计、物质结构设计、材质组合设计、尺寸设计等" in text
    assert "培育纺织服装领域具有较强国际竞争力的知名企业" in text
    assert "纺织服装核心和重点城市开展产业共建" in text


def test_role_clause_split_mid_name_is_joined() -> None:
    text = repair_text(seed("000")).text
    assert "共促消费。（省工业和信息化厅牵头，" in text


def test_title_split_over_lines_is_joined_and_issuers_stay_apart() -> None:
    out = lines(seed("003"))
    assert "关于印发广东省发展现代轻工纺织战略性新兴产业集群行动计划(2023-2025年)的通知" in out
    assert "广东省商务厅 广东省市场监督管理局" in out
    assert out[:6] == ["广东省工业和信息化厅", "广东省发展和改革委员会", "广东省科学技术厅",
                       "广东省生态环境厅", "广东省商务厅", "广东省市场监督管理局"]


def test_list_entry_split_mid_word_is_joined() -> None:
    out = lines(seed("003"))
    assert "5.日化：绿色高效多功能表面活性剂、节水型洗涤剂、洗涤剂用酶制剂及功能型聚合物、化妆品功效性原料；" in out


def test_chinese_numbered_headings_stay_separate_lines() -> None:
    out = lines(seed("004"))
    i = out.index("一、总体要求")
    assert out[i + 1].startswith("以习近平新时代中国特色社会主义思想为指导")
    assert "（征求意见稿）" in out
    assert out[0] == "关于加快纺织服装产业高质量发展的意见"


@pytest.mark.parametrize(
    "marker",
    ["一、", "（一）", "(二)", "1.", "1、", "（1）", "①", "第一条", "第三章", "附件：", "专栏1：", "| 1 |"],
)
def test_no_join_before_a_numbered_item(marker: str) -> None:
    head = "鼓励纺织服装企业与工业设计大师、服装设计大师、工艺美术大师等名家合作，综合运用形象设计"
    out = lines(f"{head}\n{marker}推动设计融合创新")
    assert out[0] == head
    assert out[1].startswith(marker.replace("| 1 |", "|"))


@pytest.mark.parametrize("end", ["。", "；", "！", "？", "：", "（责任单位：省商务厅）"])
def test_no_join_after_final_punctuation(end: str) -> None:
    out = lines(f"支持企业完善质量管理体系建设{end}\n推动企业建立首席质量官制度")
    assert len(out) == 2


def test_hard_wrap_joins_and_keeps_latin_words_apart() -> None:
    raw = ("加快柔性供应链管理系统和以RFID为核心的智能仓储物流配送系统建设，加强CAT、CAD、CAM、\n"
           "CAPP、CRM、SCM、ERP等技术及管理系统的二次开发。\n"
           "支持国际、国家标准化技术委员会、分技术委员会落户广东，鼓励和引导企业应用 Industrial\n"
           "Internet 平台。")
    out = lines(raw)
    assert out == [
        "加快柔性供应链管理系统和以RFID为核心的智能仓储物流配送系统建设，加强CAT、CAD、CAM、"
        "CAPP、CRM、SCM、ERP等技术及管理系统的二次开发。",
        "支持国际、国家标准化技术委员会、分技术委员会落户广东，鼓励和引导企业应用Industrial Internet平台。",
    ]


def test_pdftotext_hard_wraps_are_joined() -> None:
    """A text hard-wrapped at a fixed width (as pdftotext writes it) comes back as paragraphs."""
    source = lines(seed("002"))
    wrapped = []
    for paragraph in source:
        line, width = "", 0.0
        for ch in paragraph:
            w = 0.5 if ch.isascii() else 1.0
            if width + w > 30:
                wrapped.append(line)
                line, width = "", 0.0
            line, width = line + ch, width + w
        wrapped.append(line)
    assert len(wrapped) > 2 * len(source)
    assert lines("\n".join(wrapped)) == source


def test_line_starting_with_closing_punctuation_continues() -> None:
    assert lines("到2025年，争取培育50家纺织服装工业设计中心\n，发布原创设计产品200个。") == [
        "到2025年，争取培育50家纺织服装工业设计中心，发布原创设计产品200个。"]


# ---------------------------------------------------------------- dropping

@pytest.mark.parametrize("number", ["- 3 -", "—3—", "－ ３ －", "第3页", "第 3 页 共 12 页", "3/12", "7", "Page 3 of 12"])
def test_page_numbers_are_dropped(number: str) -> None:
    raw = f"（一）鼓励加强原创设计。鼓励纺织服装企业与工业设计大师合作，\n{number}\n综合运用形象设计。"
    assert lines(raw) == ["（一）鼓励加强原创设计。鼓励纺织服装企业与工业设计大师合作，综合运用形象设计。"]


def test_lone_page_number_at_the_end_of_a_seed_is_dropped() -> None:
    assert lines(seed("004"))[-1].endswith("各设区市人民政府）")


def test_running_header_and_footer_on_pages_are_dropped() -> None:
    body = seed("002").strip().splitlines()
    body = [x for x in body if x.strip()]
    pages = [body[i:i + 8] for i in range(0, len(body), 8)]
    raw = "\f".join("\n".join(["湖南省工业和信息化厅文件", *page, f"- {n} -"]) for n, page in enumerate(pages, 1))
    out = lines(raw)
    assert "湖南省工业和信息化厅文件" not in out
    assert out == lines("\n".join(body))


def test_repeated_short_line_without_page_breaks_is_dropped() -> None:
    body = [x for x in seed("004").splitlines() if x.strip()]
    raw = []
    for i, line in enumerate(body):
        if i % 9 == 0:
            raw.append("山东省工业和信息化厅")
        raw.append(line)
    out = lines("\n".join(raw))
    assert "山东省工业和信息化厅" not in out
    assert out == lines("\n".join(body))


def test_repeated_role_clauses_are_not_taken_for_headers() -> None:
    items = [f"（{n}）推进重点工作第{n}项。加强统筹协调。\n（责任单位：省商务厅）\n" + "具体工作安排如下。\n" * 8
             for n in "一二三四"]
    out = lines("".join(items))
    assert out.count("（责任单位：省商务厅）") == 4


def test_bookmark_artefacts_and_table_separators_are_dropped() -> None:
    out = lines(seed("004"))
    assert not any("bookmark" in x for x in out)
    assert any(x.startswith("（十二）强化品牌打造。") for x in out)
    assert lines("| 序号 | 任务 |\n|---|---|\n| 1 | 鼓励原创设计 |\n| 2 | 推动设计融合 |") == [
        "| 序号 | 任务 |", "| 1 | 鼓励原创设计 |", "| 2 | 推动设计融合 |"]


# ---------------------------------------------------------------- markers and characters

def test_markdown_markers_removed_and_headings_recorded() -> None:
    repaired = repair_text(seed("000"))
    text = repaired.text
    assert "**" not in text and "\n#" not in text and not text.startswith("#")
    starts = {text[s:text.index("\n", s)] for s in repaired.heading_starts}
    assert "关于进一步推动纺织服装产业高质量发展的实施意见" in starts
    assert "二、时尚化转型，打造纺织服装创意设计策源地" in starts       # "## **…**"
    assert "八、人才产业化支撑，培育纺织服装百名设计大师和万名熟练技工" in starts  # whole-line bold
    assert not any(s.startswith("1.坚持规划引领") for s in starts)      # bold lead-in only
    assert all(s == 0 or text[s - 1] == "\n" for s in repaired.heading_starts)


def test_full_width_letters_digits_and_spaces_become_half_width() -> None:
    raw = "到２０２５年，全省纺织服装产业营收达到７０００亿元，数字化研发设计工具普及率达到９０％，推广ＲＦＩＤ。"
    assert lines(raw) == ["到2025年，全省纺织服装产业营收达到7000亿元，数字化研发设计工具普及率达到90%，推广RFID。"]


def test_chinese_punctuation_is_kept() -> None:
    raw = "（一）鼓励加强原创设计。坚持“以消费者为中心”；支持协会、院校：举办竞赛！"
    assert lines(raw) == [raw]


def test_odd_whitespace_is_unified() -> None:
    raw = "湖南省工业和信息化厅办公室\u3000\u3000            印发\n广东省\u00a0商务厅\u200b\t广东省财政厅"
    assert lines(raw) == ["湖南省工业和信息化厅办公室 印发", "广东省 商务厅 广东省财政厅"]


def test_space_between_chinese_and_numbers_is_dropped() -> None:
    out = lines(seed("001"))
    assert "到2024年底，全省纺织和服装产业营收达到5000亿元" in "\n".join(out)


def test_blank_line_runs_collapse_to_paragraph_lines() -> None:
    out = repair_text("一、主要目标\n\n\n\n\n到2025年，产业规模稳步增长。\n\n\n二、重点任务").text
    assert out == "一、主要目标\n到2025年，产业规模稳步增长。\n二、重点任务"


def test_every_seed_is_repaired_without_losing_text() -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        kept = "".join(repair_text(raw).text.split())
        source = "".join(raw.replace("*", "").replace("#", "").split())
        # only markers, page numbers and artefacts go: at most 1% of the characters
        assert len(kept) >= 0.99 * len(source) - 60, path.name


def test_title_repeated_in_notice_body_and_interpretation_is_kept() -> None:
    body = [x for x in seed("002").splitlines() if x.strip()]
    title = "关于促进纺织服装产业高质量发展的实施意见"
    raw = [title, *body[:10], title, *body[10:], title, "一、制定背景", "为促进全省纺织服装产业高质量发展。"]
    assert lines("\n".join(raw)).count(title) == raw.count(title) == 4
