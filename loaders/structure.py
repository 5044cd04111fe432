"""Document structure: numbered items nested to any depth, chapter kinds, measures.

Input is the repaired (normalised) text; every offset points into it.
Levels are assigned by first appearance of a numbering style (the usual
outline rule), so 一、/（一）/1./（1）/① nest in whatever order a document uses.
A measure is a leaf item inside a chapter that asks someone to do something;
situation, goal, principle and schedule chapters, 专栏 boxes, signature blocks
and attached 政策解读 are not measures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykg.loaders.clauses import FIRST_IS_LEAD
from policykg.loaders.numbering import Numbering, match_numbering

ChapterKind = str  # "measures" | "situation" | "goal" | "principle" | "schedule"

_TASK_VERB = re.compile(r"夯实|巩固|加强|强化|提升|打牢|筑牢|改善|优化|完善|发挥|培育|厚植|用好")
_SITUATION = re.compile(r"现状|基本情况|总体情况|发展基础|面临形势|形势分析|存在问题|主要问题|优势|挑战|背景|意义|发展环境|基础条件")
_GOAL = re.compile(r"目标|总体要求|基本要求|发展定位|预期|主要指标|发展指标|约束性指标")
_PRINCIPLE = re.compile(r"指导思想|基本原则|总体思路|发展思路|工作思路|工作原则")
_SCHEDULE = re.compile(r"时间安排|进度安排|实施步骤|工作步骤|时间节点|进度要求|实施进度|步骤安排")
# Closing provisions (本意见自印发之日起施行，由…负责解释): items that ask nobody to do anything.
_CLOSING = re.compile(
    r"(?:自[^。；;]{0,16}(?:之日)?起(?:施行|实施|执行|生效)|负责解释|解释权|有效期(?:至|为|[一二三四五\d]+年)|"
    r"同时废止|不再执行|此前[^。；;]{0,20}(?:废止|停止))"
)
_BOX = re.compile(r"^\s*(?:专栏|专题|表)\s*[\d一二三四五六七八九十]*\s*[：:、．.\s]")
_TAIL = re.compile(
    r"^\s*(?:附件\s*[\d一二三四五六七八九十]*\s*[：:]?|抄送|公开方式|主动公开|（此页无正文）|\(此页无正文\)|"
    r"信息公开选项|联系人|附：)"
)
_DATE_LINE = re.compile(r"^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")
# A notice's list of its attachments: 附件：1. …分解表 / 2. …分解表 (each entry a title, no sentence).
_DASH_ITEM = re.compile(r"^\s*(?:——|—|－－|--)\s*")
_ATTACHMENT_LIST = re.compile(r"^\s*附件\s*[：:]\s*1\s*[.．、]")
_ATTACHMENT_ENTRY = re.compile(r"^\s*\d{1,2}\s*[.．、][^。；;！？!?，,]{2,60}$")
_TAIL_OR_DATE = re.compile(f"(?:{_TAIL.pattern})|(?:{_DATE_LINE.pattern})")
_SIGNATURE_NAME = re.compile(r"^[\u4e00-\u9fff（）()\s]{2,}(?:厅|委员会|委|局|政府|办公室|办公厅|部门|协会|分行|监管局)$")
_SENTENCE_END = "。；;！？!?"


@dataclass
class Item:
    """One numbered item (or bold heading) with its place in the outline."""

    numbering: Numbering
    level: int
    start: int          # where the numbering starts
    line_end: int       # end of the item's first line
    title: str
    title_start: int
    title_end: int
    end: int = 0        # end of the item's text (exclusive)
    parent: Item | None = None
    children: list[Item] = field(default_factory=list)
    kind: ChapterKind = "measures"
    written_heading: str = ""  # the item's first line as written, with its numbering


@dataclass
class MeasureNode:
    label: str
    title: str
    section: str | None
    start: int
    end: int
    item: Item


@dataclass
class Structure:
    text: str
    body_start: int                     # first numbered item
    body_end: int                       # start of signature block / attachments
    items: list[Item]                   # all items in document order
    measures: list[MeasureNode]
    goal_spans: list[tuple[int, int]]   # text of goal chapters (document-level targets)
    heading_spans: list[tuple[int, int]]  # headings of measure chapters (document-level targets)
    box_spans: list[tuple[int, int]]    # 专栏 boxes
    first_is_lead: bool                 # the document declares "列第一位的为牵头单位"
    first_is_lead_at: int               # where that holds from: 0, or the declaration's place inside the body
    signatures: list[tuple[int, int]] = field(default_factory=list)  # a notice's signature inside the body

    @property
    def head(self) -> str:
        return self.text[: self.body_start]


# The usual nesting of numbering styles in government documents, outermost first.
_RANK = {"chapter": 0, "article": 1, "cn": 2, "paren_cn": 3, "arabic": 4, "paren_arabic": 5, "circled": 6, "paren_digit": 6, "dash": 7}

_FIRST_IS_LEAD_TAILS = tuple(a + b for a in "为是" for b in ("牵头", "主要负责", "主责"))


def declares_first_is_lead(text: str) -> bool:
    """True when the document declares that the first listed unit leads (列第一位者为牵头单位)."""
    # the declaration ends in 为/是 + 牵头/主要负责/主责: look for those first (most documents have none)
    return any(tail in text for tail in _FIRST_IS_LEAD_TAILS) and bool(FIRST_IS_LEAD.search(text))


def _declared_at(text: str, body_start: int) -> int:
    """Where the first-is-lead declaration of a text that makes one starts to hold: everywhere when the preamble makes it, from its place
    on when a measure's clause makes it (…（市发改委、市经信局…，列第一位为牵头或汇总单位，下同）)."""
    m = FIRST_IS_LEAD.search(text)
    if m is None or m.start() <= body_start or "下同" not in text[m.end():m.end() + 12]:
        return 0  # (a closing note, 各项措施责任单位中，列第一位的为牵头单位, covers every item)
    return text.rfind("\n", 0, m.start()) + 1  # from the line that holds it (the item whose clause says so)


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _title_of(text: str, body_start: int, line_end: int) -> tuple[str, int, int]:
    """The heading phrase: the first sentence of the item, without numbering or final 。."""
    line = text[body_start:line_end]
    m = _SENTENCE_STOP.search(line)
    if m and m.start() > 0:
        end = body_start + m.start()
    elif len(line) <= 60:
        end = line_end
    else:
        comma = _COMMA_OR_COLON.search(line)
        end = body_start + (comma.start() if comma and comma.start() > 0 else min(len(line), 40))
    clause = _TITLE_CLAUSE.search(text, body_start, end)
    if clause and clause.start() > body_start:
        end = clause.start()  # 生产安全事故死亡人数下降15%（省应急厅牵头，…: the clause is not the title
    phrase = text[body_start:end]
    title = phrase.strip().rstrip("：:，,；;")
    start = body_start + (len(phrase) - len(phrase.lstrip()))
    return title, start, start + len(title)


_TITLE_CLAUSE = re.compile(r"[（(〔【][^（）()〔〕【】]{0,30}?(?:牵头|负责|配合|责任单位|牵头单位|牵头部门|责任部门)")


def classify_chapter(title: str) -> ChapterKind:
    """Kind of a chapter by its heading. A long title with a comma is the first sentence of an item that has
    no heading (各有关部门要按照办理要求和时间节点，及时…报送): only goals are told from it."""
    heading = len(title) <= 24 and not _COMMA_OR_COLON.search(title)
    if heading and _SCHEDULE.search(title):
        return "schedule"
    if heading and _PRINCIPLE.search(title) and not _GOAL.search(title):
        return "principle"
    if _GOAL.search(title):
        return "measures" if "任务" in title else "goal"  # 目标任务, 主要目标和重点任务: its items are tasks
    situation = _SITUATION.search(title) if heading else None
    if situation and not _TASK_VERB.search(title, 0, situation.start()):  # not 夯实发展基础 (a task)
        return "situation"
    return "measures"


_SIGNATURE_TOKEN = re.compile(r"^[\u4e00-\u9fff（）()]{3,40}(?:厅|委员会|委|局|政府|办公室|办公厅|分行|监管局|协会|部门|领导小组)$")


def _signature_start(text: str, pos: int) -> int:
    """Move ``pos`` back over the lines of agency names (a signature block) just before it."""
    while pos > 0:
        prev_start = text.rfind("\n", 0, pos - 1) + 1
        line = text[prev_start:pos].strip()
        tokens = line.split()
        if not tokens or not all(_SIGNATURE_TOKEN.match(t) for t in tokens):
            break
        pos = prev_start
    return pos


def _is_tail_line(line: str) -> bool:
    return bool(_TAIL_OR_DATE.match(line))


def _is_interpretation_heading(line: str) -> bool:
    if "解读" not in line:
        return False
    s = line.strip()
    return len(s) <= 80 and "。" not in s


def _is_heading_candidate(text: str, start: int, end: int, heading_starts: frozenset[int]) -> bool:
    if start not in heading_starts:
        return False
    line = text[start:end].strip()
    return (
        2 <= len(line) <= 30
        and line[-1] not in _SENTENCE_END + "，,：:"
        and not _is_tail_line(line)
        and not _BOX.match(line)
    )


def parse_structure(text: str, heading_starts: frozenset[int] = frozenset()) -> Structure:
    """Parse the outline of a repaired document text."""
    lines = _lines(text)
    items: list[Item] = []
    stack: list[str] = []            # numbering styles by level
    box_level: int | None = None     # inside a 专栏 box: level of its first item
    in_box = False
    box_spans: list[tuple[int, int]] = []
    box_start = 0
    body_end = len(text)
    seen_item = False
    ends: list[int] = []             # explicit ends for the previous item (box start, tail)

    cuts: list[int] = []             # ends of notices whose attached document goes on after their signature
    signed: list[tuple[int, int]] = []  # those notices' signature blocks
    skip_until = -1
    listing_attachments = False      # after 附件：1. X, the lines 2. Y, 3. Z name attachments, not items
    dashes = 0                       # dash bullets read as items so far
    for i, (start, end) in enumerate(lines):
        line = text[start:end]
        if not line.strip() or start < skip_until:
            continue
        if _ATTACHMENT_LIST.match(line):
            listing_attachments = True
            continue
        if listing_attachments:
            if _ATTACHMENT_ENTRY.match(line):
                continue
            listing_attachments = False
        if seen_item and (_is_tail_line(line) or _is_interpretation_heading(line) and not match_numbering(line)):
            attached = _attached_document(text, lines, i) if _is_tail_line(line) else None
            if attached is None:
                body_end = _signature_start(text, start)
                break
            # a notice with numbered items of its own, signed, then the document it issues (…分解方案): both read
            cuts.append(_signature_start(text, start))
            signed.append((cuts[-1], attached))
            skip_until = attached
            continue
        if seen_item and _BOX.match(line):
            in_box, box_level, box_start = True, None, start
            ends.append(start)
            continue
        num = match_numbering(line)
        if num is None and _is_heading_candidate(text, start, end, heading_starts) and seen_item:
            num = Numbering("bold", "", 0, len(line) - len(line.lstrip()))
        if num is None and seen_item and _DASH_ITEM.match(line) and _ASSIGNS_UNITS.search(line):
            # a dash bullet that assigns units (——地区生产总值增长7.5%；（牵头部门：市发改委）) is an item
            dashes += 1
            num = Numbering("dash", str(dashes), dashes, _DASH_ITEM.match(line).end())
        if num is None:
            continue
        style = num.style
        if style not in stack and num.value > 1 and style in _RANK:
            # A style met first in the middle of its list ((三) after 19、20、21 on a page that starts mid-document)
            # is an outer level of the outline, not a child of the item before it: it goes where the usual
            # order of numbering styles puts it.
            at = next((i for i, st in enumerate(stack) if _RANK.get(st, 99) > _RANK[style]), len(stack))
            stack.insert(at, style)
        level = stack.index(style) if style in stack else len(stack)
        if in_box:
            if box_level is None:
                box_level = level
            if level >= box_level:
                continue
            box_spans.append((box_start, start))
            in_box = False
        if style in stack:
            del stack[level + 1:]
        else:
            stack.append(style)
        title, t_start, t_end = _title_of(text, start + num.body_offset, end)
        item = Item(num, level, start, end, title, t_start, t_end, written_heading=line.strip())
        items.append(item)
        seen_item = True
    if in_box:
        box_spans.append((box_start, body_end))

    # Parents, ends.
    parents: list[Item] = []
    for item in items:
        while parents and parents[-1].level >= item.level:
            parents.pop()
        item.parent = parents[-1] if parents else None
        if item.parent:
            item.parent.children.append(item)
        parents.append(item)
    for i, item in enumerate(items):
        nxt = items[i + 1].start if i + 1 < len(items) else body_end
        cut = [b for b, _ in box_spans if item.start < b < nxt] + [c for c in cuts if item.start < c < nxt]
        item.end = _rstrip_pos(text, item.start, min(cut) if cut else nxt)

    task_division = _is_task_division(text, items[0].start if items else 0)
    # Chapter kinds: classify top-level items; second-level goal items too.
    for item in items:
        if not item.children and _is_closing(text, item):
            item.kind = "closing"
        elif item.parent is None:
            item.kind = classify_chapter(item.title)
        else:
            parent_kind = item.parent.kind
            item.kind = parent_kind
            # the short-title test first: one match rules out nearly every item (classify_chapter runs up to five)
            if parent_kind == "measures" and not item.children and _GOAL_TITLE.fullmatch(item.title) \
                    and classify_chapter(item.title) == "goal":
                item.kind = "goal"
        if item.kind == "goal" and not item.children and (
                (task_division and not _DATA_SOURCE.search(text, item.start, item.end))
                or _ASSIGNS_UNITS.search(text, item.start, item.end)):
            # a numbered item that assigns units is a measure, even among the goals; in a task-division
            # document (分工方案) every numbered item is a task
            item.kind = "measures"

    items = _paragraph_items(text, items)
    measures = _measures(text, items)
    goal_spans = _goal_spans(items)
    # a chapter's heading and the paragraph before its first item (一、强化科技创新…力争研发投入强度达到2.95%)
    heading_spans = [
        (i.start, i.children[0].start) for i in items if i.kind == "measures" and i.children and i.parent is None
    ]
    body_start = items[0].start if items else len(text)
    first_is_lead = declares_first_is_lead(text)
    return Structure(
        text=text,
        body_start=body_start,
        body_end=body_end,
        items=items,
        measures=measures,
        goal_spans=goal_spans,
        heading_spans=heading_spans,
        box_spans=box_spans,
        first_is_lead=first_is_lead,
        first_is_lead_at=_declared_at(text, body_start) if first_is_lead else 0,
        signatures=signed,
    )


def _goal_spans(items: list[Item]) -> list[tuple[int, int]]:
    """Text of the goal chapters (document-level targets), without the items in them that are measures."""
    spans = []
    for item in items:
        if item.kind != "goal" or (item.parent is not None and item.parent.kind == "goal"):
            continue
        if not any(d.kind == "measures" for d in _descendants(item)):
            spans.append((item.start, _subtree_end(item)))
            continue
        spans.append((item.start, item.children[0].start if item.children else item.end))
        spans += [(d.start, d.end) for d in _descendants(item) if d.kind == "goal" and not d.children]
    return spans


def _descendants(item: Item) -> list[Item]:
    out = []
    for child in item.children:
        out.append(child)
        out.extend(_descendants(child))
    return out


_DOC_TITLE_END = re.compile(r"(?:方案|意见|计划|措施|举措|办法|细则|规划|要点|清单|分工|纲要|规定)(?:[（(][^（）()]{2,20}[）)])?$")


def _attached_document(text: str, lines: list[tuple[int, int]], i: int) -> int | None:
    """Where the document a signed notice issues starts (its title line), when the lines after the notice's
    tail (signature, date, 此件公开发布) are a title and then a numbered item; None otherwise."""
    j = i
    while j < len(lines) and (_is_tail_line(text[lines[j][0]:lines[j][1]])
                              or _TAIL_NOTE.match(text[lines[j][0]:lines[j][1]])
                              or not text[lines[j][0]:lines[j][1]].strip()):
        j += 1
    if j + 1 >= len(lines):
        return None
    title = text[lines[j][0]:lines[j][1]].strip()
    if not _DOC_TITLE_END.search(title) or any(c in title for c in _SENTENCE_END + "，,"):
        return None
    k = j + 1
    while k < len(lines) and (not text[lines[k][0]:lines[k][1]].strip() or
                              _KEPT_TITLE_LINE.match(text[lines[k][0]:lines[k][1]])):
        k += 1
    if k < len(lines) and match_numbering(text[lines[k][0]:lines[k][1]]):
        return lines[j][0]
    return None


_TAIL_NOTE = re.compile(r"^\s*[（(]此件[^）)]{0,8}[）)]\s*$|^\s*[\u4e00-\u9fff（）()]{3,40}(?:政府|办公室|办公厅|厅|局|委)\s*$")
_KEPT_TITLE_LINE = re.compile(r"^\s*[（(][^（）()]{2,20}[）)]\s*$")


def _is_closing(text: str, item: Item) -> bool:
    """An item that only states when the document applies or who interprets it."""
    if item.end - item.start > 120:
        return False
    stop = _FIRST_SENTENCE_STOP.search(text, item.title_start, item.end)
    return bool(_CLOSING.search(text, item.title_start, stop.start() if stop else item.end))


def _subtree_end(item: Item) -> int:
    while item.children:
        item = item.children[-1]
    return item.end


def _rstrip_pos(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _continuous(items: list[Item], style: str) -> bool:
    """True when items of ``style`` are numbered straight through the document (never restart)."""
    same = [i for i in items if i.numbering.style == style]
    values = [i.numbering.value for i in same]
    parents = {id(i.parent) for i in same}
    return len(parents) > 1 and all(b == a + 1 for a, b in zip(values, values[1:], strict=False))


def _continuous_style(known: dict[str, bool], items: list[Item], style: str) -> bool:
    if style not in known:
        known[style] = _continuous(items, style)
    return known[style]


def _path(item: Item) -> list[Item]:
    chain = []
    node: Item | None = item
    while node is not None:
        chain.append(node)
        node = node.parent
    return chain[::-1]


# A paragraph closed by its own responsibility clause (…努力培育新的国际竞争优势。（省商务厅、省经济和信息化委等负责）)
_CLAUSED_PARAGRAPH = re.compile(r"[（(][^（）()\n]{2,300}?(?:负责|牵头|配合|落实)[^（）()\n]{0,60}[）)][。.]?\s*$")


def _body_paragraphs(text: str, item: Item) -> list[tuple[int, int]]:
    """The lines of an item after its first one (its heading sentence), as (start, end)."""
    out, pos = [], item.line_end + 1
    while pos < item.end:
        end = text.find("\n", pos, item.end)
        end = item.end if end < 0 else end
        if text[pos:end].strip():
            out.append((pos, end))
        pos = end + 1
    return out


def _paragraph_items(text: str, items: list[Item]) -> list[Item]:
    """Items whose heading sentence is followed by paragraphs that each close with their own clause, the way
    a division of a government work report is written ((一)推动经济稳定健康发展，必须…。 / 认真贯彻…。（省发展改革委…
    负责） / 发挥投资的关键作用…。（…负责）): each paragraph is a measure. Read so when one item of the document has
    two such paragraphs or more; then every item of the document headed by a sentence is read so."""
    if text.count("负责）") + text.count("负责)") + text.count("牵头）") + text.count("牵头)") < 2:
        return items  # (nearly every document: no two clauses to close paragraphs with)
    leaves = [i for i in items if not i.children and i.kind == "measures"]
    styled = any(sum(1 for a, b in _body_paragraphs(text, i) if _CLAUSED_PARAGRAPH.search(text, a, b)) >= 2
                 for i in leaves)
    if not styled:
        return items
    out: list[Item] = []
    for item in items:
        out.append(item)
        if item.children or item.kind != "measures" or text[item.title_end:item.line_end].strip(" 。.") \
                or text[item.line_end - 1:item.line_end] not in "。.":
            continue  # only an item whose first line is one heading sentence
        for k, (a, b) in enumerate(_body_paragraphs(text, item), 1):
            title, t_start, t_end = _title_of(text, a, b)
            child = Item(Numbering("paragraph", str(k), k, 0), item.level + 1, a, b, title, t_start, t_end,
                         end=b, parent=item, kind="measures", written_heading=text[a:b].strip())
            item.children.append(child)
            out.append(child)
        if item.children:
            item.end = item.children[-1].end
    return out


def _measures(text: str, items: list[Item]) -> list[MeasureNode]:
    out: list[MeasureNode] = []
    # An item that lists the conditions or criteria it applies to (现阶段重点支持符合以下条件的优质企业：(一)…(二)…)
    # is one measure: its sub-items qualify it and are no measures of their own.
    listing = {id(i) for i in items if i.children and i.kind == "measures"
               and _CRITERIA_INTRO.search(text, i.title_start, i.children[0].start)}
    leaves = [i for i in items if (not i.children or id(i) in listing) and i.kind == "measures"
              and not any(id(a) in listing for a in _ancestors(i))]
    continuous: dict[str, bool] = {}  # by numbering style
    chapters_hold_items = any(i.children and id(i) not in listing for i in items if i.parent is None)
    for leaf in leaves:
        end = _subtree_end(leaf) if id(leaf) in listing else leaf.end
        # A bare heading with no text of its own is not a measure, unless the text is cut off inside it.
        cut = end >= items[-1].end and text.rstrip()[-1:] not in _SENTENCE_END
        if end - leaf.line_end <= 0 and leaf.title_end >= leaf.line_end and leaf.parent is None and not cut:
            continue
        if cut and leaf.parent is None and chapters_hold_items:
            continue  # the text ends in a chapter's introduction, before its first item
        if _PURPOSE.match(text, leaf.title_start, end):
            continue  # 第一条 为…，结合我县实际，特制定本规定 / 本规定适用于…: purpose and scope are no measures
        chain = _path(leaf)
        if leaf.numbering.style == "bold":
            label_parts = [c.numbering.written or c.title for c in chain]
        elif len(chain) > 1 and _continuous_style(continuous, items, leaf.numbering.style):
            label_parts = [leaf.numbering.written]
        else:
            label_parts = [c.numbering.written or c.title for c in chain]
        top = chain[0]
        section = top.written_heading if top is not leaf else None
        out.append(MeasureNode("/".join(label_parts), leaf.title, section, leaf.start, end, leaf))
    return out


def _ancestors(item: Item) -> list[Item]:
    out = []
    while item.parent is not None:
        item = item.parent
        out.append(item)
    return out


# Patterns used in the functions above, compiled once (re's own cache costs a lookup per call).
_SENTENCE_STOP = re.compile(r"[。；;！？!?]")
_CRITERIA_INTRO = re.compile(r"(?:以下|下列|如下)(?:条件|情形|标准|要求|资格)[^。\n]{0,40}[：:]|(?:条件|情形)之一[的]?[^。\n]{0,40}[：:]")
_PURPOSE = re.compile(r"\s*(?:为[^。\n]{4,200}?(?:特|现)?(?:制定|制订|出台)本(?:规定|办法|方案|措施|细则|意见|条例|政策|计划)[。]?\s*$"
                      r"|本(?:规定|办法|措施|细则|条例|政策)(?:所称[^。\n]{0,60}|适用于[^\n]{0,200}))")
_COMMA_OR_COLON = re.compile(r"[，,：:]")
_GOAL_TITLE = re.compile(r".{0,6}目标")
_TASK_DIVISION = re.compile(r"分工方案|部门分工|责任分工|任务分工|工作分工|分工的意见|分解落实|任务分解|责任分解|分工安排|"
                            r"予以分解|目标分解|明确到各责任单位|责任单位的通知")
# An indicator whose unit only supplies its figure (数据提供单位：旗统计局) is a goal, not a task.
_DATA_SOURCE = re.compile(r"数据(?:提供|来源|报送)单位|统计责任单位")
# A task-division document says so before its first item, not in a sentence that cites another's
# (按照自治区政府工作报告任务分工，…).
_CITING_CLAUSE = re.compile(r"按照|根据|依据|贯彻|落实")


def _is_task_division(text: str, end: int) -> bool:
    for m in _TASK_DIVISION.finditer(text, 0, end):
        clause_start = max(text.rfind(c, 0, m.start()) for c in "。；;，,\n") + 1
        if not _CITING_CLAUSE.search(text, clause_start, m.start()):
            return True
    return False


_ASSIGNS_UNITS = re.compile(r"(?:牵头单位|责任单位|配合单位|牵头部门|责任部门)\s*[：:]|[（(][^（）()\n]{2,200}?(?:牵头|负责|配合)[）)]")
_FIRST_SENTENCE_STOP = re.compile(r"[。；;]")
