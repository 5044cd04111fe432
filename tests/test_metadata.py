"""Document-level facts from real document heads and signature blocks."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.pipeline import extract_file, extract_text

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def test_notice_wrapping_a_document_gives_the_document_title_and_number() -> None:
    doc = extract_file(CORPUS / "000_e7837287f54dd743.txt")
    assert doc.title == "关于进一步推动纺织服装产业高质量发展的实施意见"
    assert doc.doc_number == "粤工信消费函〔2023〕2号"
    assert doc.issued == "2023-02-18"
    assert doc.kind == "实施意见"
    assert doc.issuers == ["广东省工业和信息化厅"]
    assert doc.province == "广东省"


def test_joint_issuers_from_the_signature_block() -> None:
    doc = extract_file(CORPUS / "002_abf0b4db28229f54.txt")
    assert doc.province == "湖南省"
    assert len(doc.issuers) == 9 and doc.issuers[0] == "湖南省工业和信息化厅"
    assert "湖南省地方金融监督管理局" in doc.issuers
    assert doc.issued == "2023-07-17"  # the signature date, not the printing date


def test_title_split_across_lines_with_period_suffix() -> None:
    doc = extract_file(CORPUS / "003_4716933825b489ce.txt")
    assert doc.title.replace(" ", "") == "广东省发展现代轻工纺织战略性支柱产业集群行动计划（2023-2025年）"
    assert doc.kind == "行动计划"


def test_draft_without_number_date_or_issuer() -> None:
    doc = extract_file(CORPUS / "004_0a7bb34eba05eccd.txt")
    assert doc.title == "关于加快纺织服装产业高质量发展的意见"
    assert doc.doc_number is None and doc.issued is None and doc.issuers == []
    assert doc.province == "山东省"


def test_issuer_prefix_before_guanyu_is_not_part_of_the_title() -> None:
    text = ("浙江省经济和信息化厅 关于 2024 年推进纺织产业提质升级行动方案\n"
            "一、重点任务\n（一）推进产业集群建设。支持绍兴柯桥建设现代纺织集群。\n")
    doc = extract_text(text, "zj")
    assert doc.title == "2024年推进纺织产业提质升级行动方案"
    assert doc.issuers == ["浙江省经济和信息化厅"]
    assert doc.province == "浙江省"
