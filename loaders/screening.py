"""Does an extracted file look like a policy document? ``screen(doc)`` decides from several signals.

A policy document here is a Chinese government text that sets out measures: an 意见, 方案,
计划, 措施, 通知 … or an excerpt of one. Excerpts from web pages often lack the title, the
issuer or the document number (they start mid-text or stop early), so no single signal is
required; a text is accepted when it

1. is Chinese: at least :data:`MIN_CJK_SHARE` of its visible characters are Chinese
   characters (a README, source code or an English page is not);
2. speaks the language of policy: at least :data:`MIN_POLICY_TERMS` different terms of
   :data:`POLICY_TERMS` (推动, 加快, 支持, 实施, 产业 …) occur in it (a diary does not);
3. shows at least :data:`MIN_SIGNALS` of these six signs of a policy document's form, at least
   one of them among the last four (:data:`SPECIFIC`): a title naming a kind and numbered lines
   are common to other texts too (a study plan, a manual), an issuer, a document number, duty
   clauses and the formulas of policy texts hardly:

   - ``title``: a title naming a document kind (…实施意见, …行动方案, …的通知), as the extractor found it;
   - ``numbered_items``: numbered items: two measures found by the extractor, three lines that
     start with an item label (一、 （一） 1. 第一条), or three numbers in sequence inline (19、… 20、… 21、);
   - ``doc_number``: a document number (粤工信〔2023〕12号);
   - ``issuer``: an issuing agency or an issue date in a signature block;
   - ``duties``: a measure with a lead, co-operating or responsible agency (as the extractor found
     them), or a clause assigning duties (责任单位： 牵头单位： 按职责分工负责 …负责）);
   - ``formula``: a formula of policy texts (制定本实施方案, 制定以下政策措施, 提出如下意见,
     结合嘉兴实际, 请认真贯彻执行 …).

A diary or a to-do list may have numbered lines but not the language. A text with the marks of a press
report (本报讯, （记者 …）, 通讯员, 新华社, 责任编辑, 据了解, …获悉) needs :data:`PRESS_SIGNALS` signs, two of
them specific — unless it speaks the language of policy richly (:data:`RICH_POLICY_TERMS` different terms):
a report on a new plan (自治区出台《关于促进纺织服装产业集聚发展的意见》…) states its targets, places and
clusters, which the graph keeps; such pages are among the real documents the extractor is scored on.
A traditional-character text is matched through its simplified twin (``loaders/simplify.py``), as
the extractor reads it. The decision is a heuristic: ``--force`` ingests or extracts a file anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.loaders.records import PolicyDoc
from policykg.loaders.simplify import simplified_twin

MIN_CJK_SHARE = 0.3
MIN_POLICY_TERMS = 3
MIN_SIGNALS = 2
PRESS_SIGNALS = 3
RICH_POLICY_TERMS = 5

POLICY_TERMS = (
    "推动", "推进", "加快", "加强", "支持", "鼓励", "引导", "实施", "落实", "完善", "健全", "强化", "深化",
    "促进", "提升", "培育", "打造", "构建", "优化", "发展", "建设", "产业", "企业", "政策", "机制", "体系",
    "重点", "任务", "目标", "创新", "服务", "管理", "部门", "项目",
)
SIGNALS = ("title", "numbered_items", "doc_number", "issuer", "duties", "formula")
SPECIFIC = SIGNALS[2:]

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_VISIBLE = re.compile(r"\S")
_ITEM_LINE = re.compile(
    r"^[ \t\u3000#*]*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,3}[、.．]\S"
    r"|[（(]\d{1,3}[）)]|[①②③④⑤⑥⑦⑧⑨⑩]|第[一二三四五六七八九十百]{1,4}[条章])", re.M)
_INLINE_NUMBER = re.compile(r"(?:^|[。；;！!\s])(\d{1,3})、")
_DUTIES = re.compile(
    r"(?:责任|牵头|配合|参与|主责|协办|主办)(?:单位|部门|处室)\s*[:：]|为牵头单位|按职责分工负责|分工负责|负责[）)]"
    r"|牵头[，,、；;]")
_PRESS = re.compile(r"本报讯|本报记者|[（(]记者[^）)]{0,12}[）)]|通讯员|新华社|责任编辑|据了解|记者[^。]{0,12}获悉")
_FORMULA = re.compile(
    r"制定本[\u4e00-\u9fff]{0,6}(?:方案|意见|计划|措施|办法|细则|规划|通知|规定|要点)|制定(?:以下|如下)"
    r"|提出(?:如下|以下)(?:意见|措施|实施意见)"
    r"|现(?:将|就)[^。]{0,40}(?:印发|提出|通知如下)|特制定|结合[\u4e00-\u9fff]{1,6}实际"
    r"|请(?:认真|结合实际)?(?:贯彻执行|贯彻落实|组织实施|抓好落实|遵照执行)|各有关单位|(?:经|已经)[^。]{0,20}同意")


@dataclass(frozen=True)
class Screening:
    """The decision and what it rests on."""

    accepted: bool
    signals: tuple[str, ...]     # which of SIGNALS the text shows
    policy_terms: int            # different POLICY_TERMS in the text
    cjk_share: float             # Chinese characters / visible characters
    press: bool = False          # the text has the marks of a press report

    @property
    def reason(self) -> str:
        """Why a file was refused, in one line (empty when accepted)."""
        if self.accepted:
            return ""
        if self.cjk_share < MIN_CJK_SHARE:
            why = f"the text is not Chinese ({self.cjk_share:.0%} Chinese characters)"
        elif self.policy_terms < MIN_POLICY_TERMS:
            why = f"hardly any policy language ({self.policy_terms} of the usual terms)"
        elif not self.signals:
            why = "no title, numbered items, document number, issuer, duty clause or policy formula"
        elif self.press:
            why = f"a press report ({_names(self.signals) or 'no sign of a policy document'})"
        elif not any(name in SPECIFIC for name in self.signals):
            why = f"only {_names(self.signals)}; no document number, issuer, duty clause or policy formula"
        else:
            why = f"only one sign of a policy document's form ({_names(self.signals)})"
        return f"does not look like a policy document: {why}; --force to take it anyway"


def screen(doc: PolicyDoc, text: str | None = None) -> Screening:
    """Whether ``doc`` (its record and normalised text) looks like a policy document (module docstring)."""
    text = text if text is not None else doc.text or ""
    visible = len(_VISIBLE.findall(text))
    cjk_share = len(_CJK.findall(text)) / visible if visible else 0.0
    simplified = simplified_twin(text) or text
    terms = sum(1 for term in POLICY_TERMS if term in simplified)
    shown = {
        "title": bool(doc.title),
        "doc_number": bool(doc.doc_number),
        "issuer": bool(doc.issuers or doc.issued),
        "numbered_items": len(doc.measures) >= 2 or _numbered(simplified),
        "duties": any(m.lead or m.co or m.responsible for m in doc.measures) or _DUTIES.search(simplified) is not None,
        "formula": _FORMULA.search(simplified) is not None,
    }
    signals = tuple(name for name in SIGNALS if shown[name])
    press = _PRESS.search(simplified) is not None
    specific = sum(1 for name in signals if name in SPECIFIC)
    form = len(signals) >= PRESS_SIGNALS and specific >= 2 if press else len(signals) >= MIN_SIGNALS and specific >= 1
    form = form or terms >= RICH_POLICY_TERMS
    accepted = cjk_share >= MIN_CJK_SHARE and terms >= MIN_POLICY_TERMS and form
    return Screening(accepted, signals, terms, round(cjk_share, 3), press)


def _names(signals: tuple[str, ...]) -> str:
    return " and ".join(_LABELS[name] for name in signals)


_LABELS = {"title": "a title", "numbered_items": "numbered items", "doc_number": "a document number",
           "issuer": "an issuer", "duties": "a duty clause", "formula": "a policy formula"}


def _numbered(text: str) -> bool:
    """Three lines that start with an item label, or three inline numbers N、 in sequence."""
    if len(_ITEM_LINE.findall(text)) >= 3:
        return True
    run, last = 0, None
    for match in _INLINE_NUMBER.finditer(text):
        n = int(match.group(1))
        run = run + 1 if last is not None and n == last + 1 else 1
        last = n
        if run >= 3:
            return True
    return False
