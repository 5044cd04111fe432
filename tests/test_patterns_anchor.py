"""``finditer_from_anchor`` with a ``lead``: the document-number searches start at the first bracketed year,
and find exactly what a search over the whole head finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.loaders import metadata
from policykg.loaders import province_detection as provinces
from policykg.loaders._patterns import DOC_NUMBER_LEAD, DOC_NUMBER_YEAR, finditer_from_anchor

SEEDS = sorted((Path(__file__).resolve().parents[1] / "data" / "corpus").glob("*.txt"))
# Real document-number lines of the seed corpus, with the spacing and prefixes conversions leave.
SNIPPETS = [
    "粤工信消费函〔2023〕2号",
    "湘工信消费〔 2022 〕 116 号",
    "广东省工业和信息化厅关于印发粤工信消费函〔2023〕2号的通知",  # a run of 13+ characters before the bracket
    "印发（2023）年度工作要点",  # a bracketed year but no number: no match
    "",
]


def _spans(matches) -> list[tuple[tuple[int, int], tuple]]:
    return [(m.span(), m.groups()) for m in matches]


@pytest.mark.parametrize("pattern", [provinces._DOC_NUMBER, metadata._DOC_NUMBER], ids=["provinces", "metadata"])
def test_doc_number_search_from_its_year_finds_every_match(pattern):
    heads = [path.read_text(encoding="utf-8")[:provinces._DOC_NUMBER_HEAD] for path in SEEDS] + SNIPPETS
    assert any(pattern.search(head) for head in heads)  # the seeds do carry document numbers
    for head in heads:
        found = finditer_from_anchor(pattern, DOC_NUMBER_YEAR, head, DOC_NUMBER_LEAD)
        assert _spans(found) == _spans(pattern.finditer(head))


def test_doc_number_of_the_seed_heads():
    for path in SEEDS:
        head = path.read_text(encoding="utf-8")[:3000]
        found = metadata.find_doc_number(head)
        m = metadata._DOC_NUMBER.search(head)
        assert found == ("".join(m.group(0).split()) if m else None)
