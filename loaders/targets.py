"""Quantified targets: numbers with units and multipliers stated as goals.

``find_targets`` reads one measure's text, a goal chapter (主要目标 / 工作目标 …)
or a heading and returns the quantified goals it states (SCHEMA.md, Targets):

* numbers with a unit: money (元 / 万元 / 亿元 / 万亿元), percentages (%, 三成),
  counts (家 / 个 / 名 / 件 / 场 / 项 …), Arabic or Chinese numerals (百名 → 100);
* ranges (3-5家, 3至5家 → value 3, value_max 5) and comparators (以上 / 超 / 达到 …,
  kept in ``qualifier``);
* multipliers: 翻一番 = 2, 翻两番 = 4, 翻番 = 2.

The deadline year is the last "到2027年" / "2025年底前" / sentence-initial "2024年"
before the number in the same text, else the ``year`` argument.

Not targets: subsidy rates and caps (按…12%给予奖励, 补助额不超过1000万元), amounts
used as thresholds of what is counted (营收超10亿元的品牌企业30家 → only 30 家),
numbers inside quotes or document numbers ("稳经济131条", 〔2023〕2号), numbering,
dates, 5G-like codes, and figures in clauses that describe the present (现有, 已建成 …).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import cn2an

from policykg.loaders._patterns import finditer_from_anchor
from policykg.loaders.records import Target, builder

# --- units -------------------------------------------------------------------

MONEY_SCALE = {"元": 1.0, "万元": 1e4, "亿元": 1e8, "万亿元": 1e12,
               "美元": 1.0, "万美元": 1e4, "亿美元": 1e8}
MAGNITUDE = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3}

# Count words, longest first; a count word must not start a longer word (家具, 名城, 项目 …).
COUNT_UNITS = [
    "个百分点", "家次", "人次", "场次", "批次", "台套", "平方公里", "平方米", "立方米", "千瓦时", "千瓦", "公里",
    "千米", "标准箱", "公顷",
    "家", "个", "名", "件", "场", "项", "所", "座", "条", "人", "户", "款", "台", "套", "次", "位",
    "支", "亩", "吨", "米", "锭", "根", "辆", "艘",
]
_NOT_AFTER_UNIT = {  # what may not follow a count word (家具, 家纺 but not 家纺织, 名城, 项目 …)
    "家": re.compile(r"具|纺(?!织)|居|电|用|庭|属|乡|湖"),
    "个": re.compile(r"[性体案月]|工作日|小时|星期|季度|年度"),
    "名": re.compile(r"[城区企品牌优录单称列义片]"),
    "项": re.compile(r"目"),
    "条": re.compile(r"[件例款]"),
    "场": re.compile(r"[景所地馆域]"),
    "所": re.compile(r"[属有在以谓]"),
    "座": re.compile(r"谈"),
    "人": re.compile(r"[才员民口工力社]"),
    "户": re.compile(r"[外籍]"),
    "款": re.compile(r"项"),
    "台": re.compile(r"[湾阶]"),
    "套": re.compile(r"餐"),
    "次": re.compile(r"[要生级]"),
    "位": re.compile(r"[于置]"),
    "支": re.compile(r"[持撑出付柱]"),
    "件": re.compile(r"事"),
}

# --- cue words ---------------------------------------------------------------

# Any of these in a clause marks it as a subsidy or reward rule: its numbers are rates and caps.
# (a fee or tax rate and a benefit paid per person are parameters of a rule too: 缴费费率由7%降至6%, 每人每月2200元)
SUBSIDY_WORDS = re.compile(r"奖励|补助|补贴(?!性)|奖补|资助|贴息|扣除|减免|给予|报销|返还|贴费|奖金|费率|税率|每人每月|每人每年")
# Caps on money: 不超过1000万元, 最高500万元.
CAP_BEFORE = re.compile(r"(不超过|不高于|最高|最多|上限|不足|(?<!不)低于|以内)$")
# Clauses that describe the present, not a goal.
DESCRIPTIVE_WORDS = re.compile(r"现有|已有|拥有|共有|已经|已建|已培育|已形成|目前|以来|现已|截至目前|截止目前|位居|居全国|占全国|约占|"
                               r"估算|概算")
# A bare year followed by these reports a result (2022年，实现营收…) unless a goal modal is there too.
PAST_WORDS = re.compile(r"实现|完成|同比|比上年|较上年|达到了|增长了")
GOAL_MODAL = re.compile(r"力争|争取|确保|将|要|计划|预计|目标")
# Verbs and nouns that make a number a goal.
GOAL_VERBS = (
    "达到|达|超过|超出|超|突破|实现|力争|争取|确保|培育|建设|建成|打造|形成|发布|评选|开展|举办|"
    "新增|引进|培养|培训|认定|创建|推动|累计|完成|遴选|推广|展示|组建|设立|建立|扶持|支持|带动|"
    "吸引|招引|覆盖|提升|提高|增加|增长|降低|下降|减少|发展|扩大|保持|稳定|控制|普及|培植|壮大|"
    "做强|做大|孵化|认证|服务|组织|参加|举行|落地|引育|汇聚|集聚|攻克|突破|制定|修订|主导|推进|选准|新改扩建|"
    "筹措|整合|安排|投入|投资|下达|拨付|统筹|压缩|缩短|开工|新开工|建成投产|规划|启动实施|布局"
)
_GOAL_VERB_RE = re.compile(GOAL_VERBS)
MONEY_METRIC_END = re.compile(
    r"(收入|营收|营业额|产值|增加值|规模|总额|销售额|投资|投资额|总量|出口额|进出口额|交易额|利润|税收|产量|额)"
    r"(超过|超出|超|突破|达到|达|过|逾|增长到|增至|提高到|提升至|提高至|提升到)?(约)?$"
)
QUALIFIER_BEFORE = re.compile(r"(超过|超出|突破|达到|不低于|不少于|不超过|提高到|提升到|提高至|提升至|增长到|增至|超|达|逾|过)$")
QUALIFIER_AFTER = re.compile(r"^(以上|以内|左右|以下)")

CLAUSE_DELIMS = "，,；;。！!？?：:\n"
SEGMENT_DELIMS = CLAUSE_DELIMS + "、"
SENTENCE_DELIMS = "；;。！!？?\n"

_CN_DIGITS = "零一二两三四五六七八九十百千万"
_NUM = r"\d+(?:\.\d+)?"
_CN_NUM = f"[{_CN_DIGITS}]+"
_UNIT_ALT = "|".join(["万亿元", "亿元", "万元", "美元", "元", "%", "成"] + COUNT_UNITS)

# ``num`` is _NUM or _CN_NUM not glued to a preceding letter, digit or ./_-. The pattern starts with a
# character class (the lookbehind comes after the first digit, the two forms split by lookbehinds),
# so re skips to the next digit at C speed instead of trying the pattern at every position.
_AMOUNT_REST = (
    rf"(?<![A-Za-z0-9./_\-][\s\S])"
    rf"(?:(?<=\d)\d*(?:\.\d+)?|(?<=[{_CN_DIGITS}])[{_CN_DIGITS}]*))"
    rf"(?:(?P<sep>-|~|—|–|至|到)(?P<num2>{_NUM}|{_CN_NUM}))?"
    r"(?P<more>多|余)?"
    r"(?P<mag>万亿|亿|万|千)?"
    rf"(?P<unit>{_UNIT_ALT}|(?<=亿)(?=规模|产值|产业))"  # 五千亿规模: 亿 without 元 is money too
    r"(?![A-Za-z0-9])"
)
_AMOUNT_RE = re.compile(rf"(?P<num>[\d{_CN_DIGITS}]" + _AMOUNT_REST)
# The same matches on a text whose only digits are 0-9: re tests \d by a Unicode look-up at every character.
_AMOUNT_ASCII_RE = re.compile(rf"(?P<num>[0-9{_CN_DIGITS}]" + _AMOUNT_REST)
_MULTIPLIER_RE = re.compile(r"翻(?P<n>一|两|二|三|四|\d)?番")
_YEAR_RE = re.compile(
    r"(?P<pre>力争到|争取到|到|至|截至|截止到|截止|在|于|)"
    r"(?P<year>(?:19|20)\d{2})年(?:\d{1,2}月(?=底|末|前|以前))?(?P<post>底前|底|末|前|以前|年底|内)?"
    r"(?![度月\d])"
)
# A year said in words: 今年, 全年, 年内 mean the document's own year.
_CURRENT_YEAR = re.compile(r"今年|全年|年内|本年度|当年(?!度)")
_YEAR_AT = re.compile(r"(?:19|20)\d{2}年")  # the year group of _YEAR_RE and the 年 after it
_MAX_YEAR_PRE = 3  # the longest "pre" of _YEAR_RE (力争到, 争取到, 截止到)
_PLAN_YEAR_RE = re.compile(r"(?P<pre>到|至|)“?十(?P<n>[一二三四五六])五”?(?P<post>末|期末|期间|时期)")
_LEADING_VERBS = re.compile(
    r"^(?:新?(?:培育发展|培育|建成|建设|打造|形成|发布|评选|开展|举办|新增|引进|培养|认定|创建|推动|展示推广|展示|推广|"
    r"组建|设立|建立|扶持|支持|带动|吸引|招引|引导|发展|遴选|共|累计|力争|争取))+"
)
_LEADING_FILLER = re.compile(
    r"^(?:(?:力争到|争取到|到|至)\d{4}年(?:底|末)?(?:前)?|争取|力争|确保|推动|推进|实现|共|累计|新增|全年|基本)+"
)


@dataclass
class CleanText:
    """Text without markdown marks and soft line breaks; ``index[i]`` is the source offset of char i."""

    text: str
    index: Sequence[int] = field(default_factory=list)  # a range when nothing was dropped or inserted
    ascii_digits: bool = False  # True: no digit but 0-9 (``\d`` is ``[0-9]`` on ``text``)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        if start >= len(self.index):
            return len(self.index), len(self.index)
        return self.index[start], self.index[max(end - 1, start)] + 1


@dataclass
class _Amount:
    start: int
    end: int
    value: float
    value_max: float | None
    unit: str
    kind: str  # money | percent | count
    chinese: bool
    more: bool


# --- public ------------------------------------------------------------------


def plan_end_year(text: str, period: bool = True) -> int | None:
    """The last year of the five-year plan ``text`` names: as a period (“十二五”时期, 十四五期间, 十三五末), or,
    with ``period`` False, by its name alone (辽宁省“十四五”安全生产规划)."""
    m = (_PLAN_YEAR_RE if period else _PLAN_NAME).search(text) if "五" in text else None
    return _PLAN_END[m.group("n")] if m else None


_PLAN_END = {"一": 2010, "二": 2015, "三": 2020, "四": 2025, "五": 2030, "六": 2035}  # 十一五 … 十六五
_PLAN_NAME = re.compile(r"十(?P<n>[一二三四五六])五")


def find_targets(text: str, offset: int = 0, year: int | None = None, current_year: int | None = None) -> list[Target]:
    """Quantified goals stated in ``text`` (spans absolute: ``offset`` is where ``text`` starts).

    ``year`` is the deadline the context gives (a year in the title or the chapter heading: 2024年…工作方案);
    ``current_year`` is the document's own year, which 今年 / 全年 / 年内 mean."""
    clean = clean_text(text)
    s = clean.text
    amounts = _amounts(s, clean.ascii_digits)
    if not amounts and "翻" not in s and "亿级" not in s:  # no amount, multiplier (翻一番) or level: most measures
        return []
    quoted = _quoted_spans(s)
    years = _year_marks(s, current_year)
    amounts = [a for a in amounts if not _inside(a.start, quoted)]
    found: list[tuple[int, Target]] = []
    kept = [a for a in amounts if _is_goal(s, a, amounts) and not _reports_past(s, years, a.start, current_year)
            and not _condition(s, a.start)]
    for a in kept:
        nxt = min((b.start for b in kept if b.start > a.start), default=len(s))
        found.append((a.start, _target_from_amount(text, clean, a, _year_for(s, years, a.start, year), offset, nxt)))
    for m in _SCALE_CLASS.finditer(s) if "亿级" in s else ():  # 打造万亿级产业集群: a money level, no count
        if _inside(m.start(), quoted) or _COUNTED_BEFORE.search(s, max(0, m.start() - 4), m.start()):
            continue
        c0, _ = _bounds(s, m.start(), CLAUSE_DELIMS)
        seg0, seg1 = _bounds(s, m.start(), SEGMENT_DELIMS)
        if not _BUILD_AT_END.search(s, c0, m.start()) or _COUNT_AFTER.search(s, m.end(), seg1):
            continue  # 培育千亿级产业集群3个: the count is the target
        value = (_cn_value(m.group("n")) if m.group("n") else 1.0) or 1.0
        unit = "万亿元" if m.group("mag") == "万亿" else "亿元"
        value *= {"万亿": 1, "千亿": 1000, "百亿": 100}[m.group("mag")]
        found.append((m.start(), _scale_target(text, clean, m, value, unit, _year_for(s, years, m.start(), year),
                                               offset)))
    for m in _MULTIPLIER_RE.finditer(s):
        if _inside(m.start(), quoted) or _reports_past(s, years, m.start(), current_year):
            continue
        found.append((m.start(), _target_from_multiplier(text, clean, m, _year_for(s, years, m.start(), year),
                                                         offset)))
    found.sort(key=lambda pair: pair[0])
    targets = [t for _, t in found]
    _fill_multiplier_metrics(targets)
    return targets


# --- cleaning ----------------------------------------------------------------


@lru_cache(maxsize=8)
def clean_text(text: str) -> CleanText:
    """Drop ``*``/``#`` marks and spaces between Chinese characters, and join page-broken lines.

    Runs of ordinary characters are copied whole; only marks, spaces and line breaks
    (few in Chinese text) are looked at one by one. The last few results are kept: a
    measure's text is cleaned for its topics and again for its targets. Treat the
    result as read-only.
    """
    marked = _MARKED.findall(text)
    if not marked:  # nothing to fold, drop or join (most measures and titles): offsets are the identity
        return CleanText(text, range(len(text)), ascii_digits=True)
    folded = _fold_text(text, marked)
    parts: list[str] = []
    index: list[int] = []
    last = ""          # last character written
    line_start = 0
    last_line = ""
    pending: int | None = None  # offset of a newline not yet known to be hard or soft
    pos = 0
    for m in _SPECIAL.finditer(text):
        i = m.start()
        if i > pos:  # a run of ordinary characters
            if pending is not None:
                if last and _hard_break(last_line, last):
                    parts.append("\n")
                    index.append(pending)
                pending = None
            parts.append(folded[pos:i])
            index.extend(range(pos, i))
            last = folded[i - 1]
        pos = i + 1
        ch = m.group()
        if ch == "*" or ch == "#":
            continue
        if ch == "\n":
            line = text[line_start:i].strip().strip("*#").strip()
            if line:
                last_line = line
                if pending is None:
                    pending = i
            line_start = i + 1
            continue
        nxt = _NEXT_AFTER_BLANKS.match(text, i + 1).group(1)
        if last.isascii() and last.isalnum() and nxt.isascii() and nxt.isalnum() and not (
            last.isdigit() and nxt.isdigit()
        ):
            parts.append(" ")
            index.append(i)
            last = " "
    if pos == 0:  # nothing to drop or insert (most measures and titles): offsets are the identity
        return CleanText(folded, range(len(text)))
    if pos < len(text):
        if pending is not None and last and _hard_break(last_line, last):
            parts.append("\n")
            index.append(pending)
        parts.append(folded[pos:])
        index.extend(range(pos, len(text)))
    return CleanText("".join(parts), index)


# Every character str.isspace() (and so re's \s) accepts, spelled out: re tests a class of plain characters by
# table look-up, while \s calls the Unicode space test on each character of the text (twice as slow here).
_WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
               "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_SPECIAL = re.compile("[*#" + re.escape(_WHITESPACE) + "]")  # [*#\s]
_NEXT_AFTER_BLANKS = re.compile(r"[ \t\u3000\xa0]*(.?)", re.DOTALL)
# Characters looked at so far, and the ASCII fold of those that have one: both bounded by the characters a
# corpus uses, not by its size.
_SEEN: set[str] = set()
_FOLDS: dict[str, str] = {}


def _fold_text(text: str, odd: list[str]) -> str:
    """``text`` with every character folded by ``_fold`` (same length); ``odd`` holds every character of
    ``text`` that may fold (what ``_MARKED`` finds), and maybe others."""
    chars = set(odd)
    new = chars - _SEEN
    if new:
        for ch in new:
            if ch >= "\x80" and (folded := _fold(ch)) != ch:
                _FOLDS[ch] = folded
        _SEEN.update(new)
    hits = chars.intersection(_FOLDS)
    return text.translate({ord(ch): _FOLDS[ch] for ch in hits}) if hits else text


def _fold(ch: str) -> str:
    """Full-width digits, letters and signs as ASCII; other characters unchanged."""
    norm = unicodedata.normalize("NFKC", ch)
    if len(norm) == 1 and norm.isascii() and (norm.isalnum() or norm in "%.-~"):
        return norm
    return ch


# Characters that never fold: ASCII, CJK ideographs (they have no decomposition), and the CJK and
# full-width punctuation of ``_PUNCTUATION`` that ``_fold`` leaves alone.
_PUNCTUATION = "".join(map(chr, range(0x3000, 0x3040))) + "（），：；！？“”‘’—…·"
_NEVER_FOLDED = "".join(map(chr, range(0x80))) + "".join(c for c in _PUNCTUATION if _fold(c) == c)
# What ``clean_text`` looks at: a character that may fold, or one of ``_SPECIAL`` (one scan finds the
# texts with neither). No character outside it is a digit but 0-9.
_MARKED = re.compile(
    "[^" + re.escape("".join(c for c in _NEVER_FOLDED if not _SPECIAL.match(c))) + "\\u3400-\\u4dbf\\u4e00-\\u9fff]"
)


def _hard_break(line: str, last_char: str) -> bool:
    """A line break ends a clause unless it splits a long paragraph mid-sentence (a page break)."""
    if last_char in "。；;！!？?：:）)":
        return True
    return len(line) < 40


def _quoted_spans(s: str) -> list[tuple[int, int]]:
    """Quoted titles and names, and bracketed exemption notes (…的企业不受40%比例限制): no goal is stated there."""
    spans = [(m.start(), m.end()) for m in _QUOTED.finditer(s)]
    if "不受" in s or "除外" in s:
        spans += [(m.start(), m.end()) for m in _EXEMPTION_NOTE.finditer(s)]
    return spans


_EXEMPTION_NOTE = re.compile(r"[（(][^（）()]*(?:不受|除外)[^（）()]*[）)]")


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


# --- years -------------------------------------------------------------------


def _year_for(s: str, marks: list[tuple[int, int, bool, int]], pos: int, default: int | None) -> int | None:
    """The deadline of an amount at ``pos``: the last year mark before it; else a deadline later in the same
    sentence (选准1—2个主导产业，力争到2030年…); else ``default``."""
    mark = _mark_before(marks, pos)
    if mark is not None:
        return mark[1]
    c0, _ = _bounds(s, pos, CLAUSE_DELIMS)
    if "年均" in s[c0:pos]:
        return None  # 年均经济增速7%左右，到2026年…: a yearly average reaches no deadline, nor a plan's end
    _, end = _bounds(s, pos, SENTENCE_DELIMS)
    later = next((m for m in marks if pos < m[0] < end and not m[2]), None)
    return later[1] if later else default


def _condition(s: str, pos: int) -> bool:
    """An amount that states who qualifies, not a goal: the sentence sets a reward or subsidy
    (…同比增长15%以上的企业，给予补贴), a clause opens with 对/凡/符合 and the amount qualifies a noun
    (对实际总投资20亿元以上…的项目), or it ranks (前110家) or steps (每增加2000万元)."""
    s0, s1 = _bounds(s, pos, SENTENCE_DELIMS)
    c0, c1 = _bounds(s, pos, CLAUSE_DELIMS)
    before = s[c0:pos]
    if before.endswith(("前", "每")) or re.search(r"每(?:增加|超过?|提高|增长)?$", before):
        return True
    if _RATE_OF.search(before):
        return True  # 按其年度实际固定资产投资额的5%: a rate
    reward = SUBSIDY_WORDS.search(s, pos, s1)
    if reward and re.search(r"(?:对于|对|凡|符合)", s[s0:pos]) and "的" in s[pos:reward.start()]:
        return True  # 对…增长15%以上的企业，…给予补贴
    if s[c0:c1].endswith("的") and SUBSIDY_WORDS.search(s, c1, s1):
        return True  # 首次列入…百家重点企业的，分别给予…奖励
    f0, _ = _bounds(s, pos, _FULL_STOPS)
    if s.startswith("其中", f0) and f0 > 0:  # a breakdown of the reward rule before it
        p0, _ = _bounds(s, f0 - 1, _FULL_STOPS)
        if SUBSIDY_WORDS.search(s, p0, f0):
            return True
    if _QUALIFYING_END.match(s, pos, c1):
        return True  # 企业在西藏的营业收入占…比例40%(含本数)以上的；: who qualifies
    opens = _CONDITION_OPEN.match(s, s0) or _CONDITION_OPEN.match(s, c0)
    return bool(opens) and "的" in s[pos:s1]


_FULL_STOPS = "。！!？?\n"
# 万亿级 / 千亿级 / 五千亿级: SCHEMA reads a level of money without a count as 1 万亿元 / 1000 亿元 / 5000 亿元.
_SCALE_CLASS = re.compile(r"(?P<n>[一二两三四五六七八九])?(?P<mag>万亿|千亿|百亿)级")
_BUILD_AT_END = re.compile(r"(?:打造|培育|建设|建成|形成|成为|壮大|做大做强|发展成|迈向|冲刺)(?:一批|若干)?(?:\d+个)?$")
_COUNT_AFTER = re.compile(r"[\d一二两三四五六七八九十]+[个家]")
_COUNTED_BEFORE = re.compile(r"[\d二两三四五六七八九十]+[个家条]$|[\d一二两三四五六七八九十]+个$")
_PER = re.compile(r"/(?:人|亩|平方米|吨|户|家|个)")
# 省级财政负担支持资金的60%: who pays which share of a cost, not a goal
_COST_SHARE = re.compile(r"(?:负担|承担|分担|配套)[^，,；;。]{0,12}的$")
_SET_AS_SHARE = re.compile(r"[为按][^，,；;。]{1,20}的$")
_BELOW_OF = re.compile(r"以下(?:[（(][^（）()]{0,12}[）)])?的")
_ALLOCATED = re.compile(r"安排[^，,；;。、]{0,10}$")
_QUALIFYING_END = re.compile(r"[^，,；;。（(]*?(?:[（(][^（）()]{0,12}[）)])?(?:以上|以下|及以上|及以下|以内)"
                             r"(?:[（(][^（）()]{0,12}[）)])?的\s*(?:[（(][^（）()]*[）)])?\s*$")
_RATE_OF = re.compile(r"按(?:照)?[^，,；;。]{0,30}的$")
_CONDITION_OPEN = re.compile(r"(?:\d{1,3}[.、．]\s*)?(?:对于|对|凡|符合|针对|凡是|经认定)")
_GOAL_OPEN = re.compile(r"力争|确保|目标|争取|到\d{4}年")


def _year_marks(s: str, current_year: int | None = None) -> list[tuple[int, int, bool, int]]:
    """(position, year, bare, scope end) of every year that can govern later targets.

    A deadline is "到2027年", "2025年底前", "“十四五”末"; a bare year starting a clause
    ("2024年组织举办…") also counts, but may report the past (see ``_reports_past``).
    """
    marks = []
    # every match holds a _YEAR_AT after at most _MAX_YEAR_PRE characters: re finds _YEAR_AT by its first
    # character, but tries _YEAR_RE, whose first part may be empty, at every position
    years = finditer_from_anchor(_YEAR_RE, _YEAR_AT, s, _MAX_YEAR_PRE) if "年" in s else ()
    for m in years:
        pre, post = m.group("pre"), m.group("post")
        start = m.start("year")
        ranged = start > 0 and s[start - 1] in "-—–~至" and not pre  # 2018—2021年累计…: the period ends then
        # after a label's bracket ((一)2017年…) or 其中 (…1.1万人次，其中2019年培训0.18万人次) a clause starts too
        at_clause_start = m.start() == 0 or s[m.start() - 1] in SEGMENT_DELIMS + "(（)）" or s.startswith("其中", m.start() - 2)
        deadline = bool(pre and pre not in ("在", "于")) or bool(post) or ranged
        if ranged:
            _, end = _bounds(s, m.start(), SENTENCE_DELIMS)
            marks.append((m.start(), int(m.group("year")), False, end))  # a period: its own sentence only
        elif deadline or at_clause_start:
            marks.append((m.start(), int(m.group("year")), not deadline, len(s)))
    for m in _PLAN_YEAR_RE.finditer(s) if "十" in s else ():
        marks.append((m.start(), plan_end_year(m.group()), False, len(s)))
    if current_year is not None:
        for m in _CURRENT_YEAR.finditer(s):
            marks.append((m.start(), current_year, False, len(s)))
    marks.sort()
    return marks


def _mark_before(marks: list[tuple[int, int, bool, int]], pos: int) -> tuple[int, int, bool, int] | None:
    """The last year mark before ``pos`` whose scope reaches it."""
    found = None
    for mark in marks:
        if mark[0] >= pos:
            break
        if pos < mark[3]:
            found = mark
    return found


def _reports_past(s: str, marks: list[tuple[int, int, bool, int]], pos: int, current_year: int | None = None) -> bool:
    """2022年，集群实现工业增加值6608.6亿元: a bare year with a result reported, no goal wording; not the
    document's own year or a later one (2019年实现90%事项网上办 in a document of 2019)."""
    mark = _mark_before(marks, pos)
    if mark is None or not mark[2] or (current_year is not None and mark[1] >= current_year):
        return False
    between = s[mark[0]:pos]
    if any(ch in between for ch in SENTENCE_DELIMS):
        return False
    return bool(PAST_WORDS.search(between)) and not GOAL_MODAL.search(between)


# --- amounts -----------------------------------------------------------------


def _amounts(s: str, ascii_digits: bool = False) -> list[_Amount]:
    """The amounts of ``s``; ``ascii_digits``: ``s`` holds no digit but 0-9 (a cheaper scan, the same matches)."""
    out: list[_Amount] = []
    for m in (_AMOUNT_ASCII_RE if ascii_digits else _AMOUNT_RE).finditer(s):
        a = _amount(s, m)
        if a is None:
            continue
        last = out[-1] if out else None
        if last is not None and last.value_max is None and last.unit == a.unit and a.value_max is None \
                and s[last.end:a.start] in _RANGE_SEPARATORS and last.value < a.value:
            out[-1] = dataclasses.replace(last, end=a.end, value_max=a.value)  # 7.5%—8%: one range, unit twice
            continue
        out.append(a)
    return out


_RANGE_SEPARATORS = frozenset(("—", "–", "-", "~", "～", "至", "到", "——"))


def _amount(s: str, m: re.Match) -> _Amount | None:
    num, num2, unit, mag = m.group("num"), m.group("num2"), m.group("unit"), m.group("mag") or ""
    chinese = not num[0].isdigit()
    if chinese != (num2 is not None and not num2[0].isdigit()) and num2 is not None:
        return None
    if chinese:
        if m.start() > 0 and s[m.start() - 1] in "第统唯同逐每单之其星周初":
            return None
        if mag:  # 百亿元: 亿 belongs to the numeral's magnitude
            pass
        value = _cn_value(num)
        if value is None:
            return None
    else:
        value = float(num)
    value_max = None
    if num2 is not None:
        value_max = _cn_value(num2) if chinese else float(num2)
        if value_max is None or value_max <= value:
            return None
    if unit in COUNT_UNITS:
        follow = _NOT_AFTER_UNIT.get(unit)
        if follow is not None and follow.match(s, m.end()):
            return None
        if chinese and s[m.end(): m.end() + 1] in tuple(_CN_DIGITS):
            return None  # 千家万户
    if unit == "":
        unit = "元"
    if unit == "成":
        if not chinese or value >= 10 or mag:
            return None
        value, value_max, unit, kind = value * 10, (value_max * 10 if value_max else None), "%", "percent"
    elif unit in MONEY_SCALE:
        kind = "money"
        unit = mag + unit
        if unit not in MONEY_SCALE:
            return None
    elif unit == "%":
        if mag:
            return None
        kind = "percent"
    else:
        kind = "count"
        if mag and chinese:  # 百万人次: the magnitude is part of the numeral
            scale = MAGNITUDE[mag]
            value *= scale
            value_max = value_max * scale if value_max is not None else None
        elif mag:  # 10万人次: the number as written, in the unit as written (as 3 万亿元)
            unit = mag + unit
    if chinese and kind == "count" and value < 100 and not _strong_before(s, m.start()):
        return None  # 一个, 两个市场: Chinese small numerals count only after a goal verb
    if chinese and value == 1:
        return None
    per = _PER.match(s, m.end())
    if per:  # 50万元/人: a ratio, not an amount of money
        unit, kind = unit + per.group(), "count"
    return _Amount(m.start(), m.end() + (len(per.group()) if per else 0), value, value_max, unit, kind, chinese,
                   bool(m.group("more")))


@lru_cache(maxsize=4096)
def _cn_value(num: str) -> float | None:
    try:
        return float(cn2an.cn2an(num, "normal"))
    except (ValueError, KeyError):
        try:
            return float(cn2an.cn2an("一" + num, "normal"))
        except (ValueError, KeyError):
            return None


def _strong_before(s: str, pos: int) -> bool:
    """A goal verb ends right before ``pos`` (培育三个, 达到五家)."""
    before = s[max(0, pos - 4):pos]
    return bool(_GOAL_VERB_AT_END.search(before))


# --- goal filter -------------------------------------------------------------


def _bounds(s: str, pos: int, delims: str) -> tuple[int, int]:
    """The run of ``s`` around ``pos`` without a character of ``delims``: it ends at the first delimiter at or
    after ``pos`` and starts after the last one before ``pos``, found in the reversed text (a clause is searched,
    not the whole text)."""
    pattern = _DELIM_CLASS[delims]
    n = len(s)
    after = pattern.search(s, pos)
    before = pattern.search(_reversed(s), n - pos)
    start = n - before.start() if before else 0
    numbered = _ITEM_NUMBER.match(s, start)  # 1.地区生产总值增长5%: the item's number is not part of it
    if numbered and numbered.end() <= pos:
        start = numbered.end()
    return start, (after.start() if after else n)


_ITEM_NUMBER = re.compile(r"\s*(?:\d{1,3}[.．、](?!\d)|[（(]\d{1,3}[)）]|[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、"
                          r"|[▲△■□◆◇●○•·①-⑳⑴-⒇]|——|—)")


@lru_cache(maxsize=4)
def _reversed(s: str) -> str:
    """``s`` backwards (a text's clauses are bounded many times)."""
    return s[::-1]


_DELIM_CLASS = {delims: re.compile("[" + re.escape(delims) + "]")
                for delims in (CLAUSE_DELIMS, SEGMENT_DELIMS, SENTENCE_DELIMS, "。！!？?\n")}


def _is_goal(s: str, a: _Amount, amounts: list[_Amount]) -> bool:
    c0, c1 = _bounds(s, a.start, CLAUSE_DELIMS)
    clause = s[c0:c1]
    before = s[c0:a.start]
    after = s[a.end:c1]
    if clause.startswith("在") and clause.endswith("基础上"):
        return False  # 在已落地制造业等6个行业留抵退税政策基础上: the baseline, not the goal
    if _BELOW_OF.match(after):
        return False  # 6亩以下(不含6亩)的土地: a threshold of what a rule covers
    if a.kind == "money" and _FUNDING.search(before) and _FUND_AFTER.match(after):
        return True  # 整合3000万元资金, 安排1000亿元专项奖补资金: a funding total, though it pays subsidies
    if SUBSIDY_WORDS.search(clause):
        return False
    descriptive = DESCRIPTIVE_WORDS.search(before)
    if descriptive and not (descriptive.group() == "拥有" and _GOAL_VERB_RE.search(before, descriptive.end())):
        return False  # (每万人发明专利拥有量达到2件 is a goal: what is owned reaches a level)
    if before.endswith(("按", "按照", "第", "约占", "占")) or _COST_SHARE.search(before):
        return False
    if a.kind == "percent" and _SET_AS_SHARE.search(before):
        return False  # 工业用地税额标准为非工业用地税额标准的50%左右: one rate set relative to another
    seg0, seg1 = _bounds(s, a.start, SEGMENT_DELIMS)
    later_counts = [b for b in amounts if b is not a and a.end <= b.start < seg1 and b.kind == "count"]
    if a.kind in ("money", "percent"):
        scale = _SCALE_AFTER.match(after) if a.kind == "money" else None
        if (_ADJECTIVAL_AFTER.match(after) and not _GOAL_NOUN_AFTER.match(after)) or (
            scale and after[scale.end():]  # 百亿规模企业 (a threshold), not …超过五千亿规模 (a goal)
        ):
            return False  # 营收超10亿元的品牌企业, 千亿级集群: a threshold of what is counted
        if later_counts:
            return False  # 10亿元以上企业超30家
    if a.kind == "money":
        if CAP_BEFORE.search(before):
            return False
        if _ALLOCATED.search(before):
            return True  # 安排地方专项债券4000亿元, 中央预算内投资安排5000亿元: a budget the document commits
        core = QUALIFIER_BEFORE.sub("", before)
        if not (MONEY_METRIC_END.search(before) or QUALIFIER_BEFORE.search(before) or _strong_before(s, a.start)
                or MONEY_METRIC_END.search(core)):
            return False
        return True
    s0, _ = _bounds(s, a.start, SENTENCE_DELIMS)
    sentence_before = s[s0:a.start]
    has_cue = bool(_GOAL_VERB_RE.search(sentence_before)) or bool(_YEAR_RE.search(sentence_before)) \
        or ("目标" in s and _GOAL_HEAD.search(s, 0, a.start) is not None)  # 主要目标任务：…煤炭5.3亿吨
    if a.kind == "percent":
        return has_cue or bool(_RATIO_WORD.search(before)) or bool(QUALIFIER_AFTER.match(after))
    return has_cue or bool(QUALIFIER_AFTER.match(after))


# A goal heading whose list the amounts after it are (2017年主要目标任务：…主要工业产品产量：煤炭5.3亿吨).
_GOAL_HEAD = re.compile(r"(?:主要|预期|发展|年度|工作)目标(?:任务)?[:：]")


# --- building records --------------------------------------------------------


def _qualifier(s: str, a: _Amount) -> str | None:
    c0, c1 = _bounds(s, a.start, CLAUSE_DELIMS)
    after = s[a.end:c1]
    m = QUALIFIER_AFTER.match(after)
    if m:
        return m.group(1)
    if a.more:
        return "多"
    m = QUALIFIER_BEFORE.search(s[c0:a.start])
    return m.group(1) if m else None


def _clause_span(s: str, pos: int) -> tuple[int, int]:
    """The clause holding ``pos``, with a preceding clause that only states the year (到2027年，)."""
    c0, c1 = _bounds(s, pos, CLAUSE_DELIMS)
    if c0 >= 2 and s[c0 - 1] in "，,":
        p0, _ = _bounds(s, c0 - 2, CLAUSE_DELIMS)
        if _YEAR_LEAD.fullmatch(s[p0:c0 - 1]):
            c0 = p0
    return c0, c1


def _metric(s: str, a: _Amount, seg0: int, seg1: int) -> str:
    """A short noun phrase for what is counted or measured."""
    after = _AFTER_FILLER.sub("", s[a.end:seg1])
    before = _LEADING_FILLER.sub("", s[seg0:a.start])
    before = _ABOUT_AT_END.sub("", QUALIFIER_BEFORE.sub("", before))
    if a.kind == "count":
        if len(after) >= 2 and not _GOAL_VERB_RE.match(after):
            return _trim(after)
        return _trim(_LEADING_VERBS.sub("", before))
    if a.kind == "percent":
        if len(after) >= 2 and not _RANGE_AFTER.match(s[a.end:seg1]):
            return _trim(_GOAL_VERB_RE.split(after, maxsplit=1)[0]) + "占比"
        share = _SHARE_PHRASE.fullmatch(before)
        if share:  # 研发投入达到主营业务收入的2% -> 研发投入占主营业务收入比重
            return _trim(f"{share.group(1)}占{share.group(2)}比重")
    return _trim(before)


def _trim(x: str) -> str:
    x = _LEADING_LINK.sub("", x.strip())
    return x.strip()[:60]


def _target_from_amount(text: str, clean: CleanText, a: _Amount, year: int | None, offset: int,
                        next_start: int) -> Target:
    s = clean.text
    seg0, seg1 = _bounds(s, a.start, SEGMENT_DELIMS)
    c0, c1 = _clause_span(s, a.start)
    start, end = clean.source_span(c0, c1)
    if a.kind == "money":
        scale = MONEY_SCALE[a.unit]
        norm_value, norm_unit = a.value * scale, "美元" if a.unit.endswith("美元") else "元"
    elif a.kind == "percent":
        norm_value, norm_unit = a.value, "%"
    else:
        mag = next((m for m in MAGNITUDE if a.unit.startswith(m)), "")
        norm_value = a.value * MAGNITUDE[mag] if mag else a.value
        norm_unit = a.unit[len(mag):]
    return _TARGET({  # every field, in the model's order (values of the model's types: floats, ints)
        "year": year,
        "metric": _metric(s, a, seg0, min(seg1, next_start)),
        "value": a.value,
        "value_max": a.value_max,
        "unit": a.unit,
        "multiplier": None,
        "text": _source_text(text, start, end),
        "qualifier": _qualifier(s, a),
        "normalised_value": norm_value,
        "normalised_unit": norm_unit,
        "start": offset + start,
        "end": offset + end,
    })


_TARGET = builder(Target)


def _scale_target(text: str, clean: CleanText, m: re.Match, value: float, unit: str, year: int | None,
                  offset: int) -> Target:
    s = clean.text
    c0, c1 = _clause_span(s, m.start())
    start, end = clean.source_span(c0, c1)
    seg0, seg1 = _bounds(s, m.start(), SEGMENT_DELIMS)
    scale = MONEY_SCALE[unit]
    return Target(year=year, metric=_trim(s[m.end():seg1]), value=value, unit=unit, text=_source_text(text, start, end),
                  normalised_value=value * scale, normalised_unit="元", start=offset + start, end=offset + end)


def _target_from_multiplier(text: str, clean: CleanText, m: re.Match, year: int | None, offset: int) -> Target:
    s = clean.text
    n = m.group("n")
    times = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4}.get(n, int(n) if n and n.isdigit() else 1)
    c0, c1 = _clause_span(s, m.start())
    start, end = clean.source_span(c0, c1)
    seg0, _ = _bounds(s, m.start(), SEGMENT_DELIMS)
    metric = _trim(_TRAILING_VERB.sub("", _LEADING_FILLER.sub("", s[seg0:m.start()])))
    return Target(
        year=year,
        metric=metric,
        multiplier=float(2 ** times),
        text=_source_text(text, start, end),
        start=offset + start,
        end=offset + end,
    )


def _fill_multiplier_metrics(targets: list[Target]) -> None:
    """到2027年实现翻一番: a multiplier without its own noun doubles the previous target's metric."""
    previous = None
    for t in targets:
        if t.multiplier and not t.metric and previous is not None:
            t.metric = previous.metric
        if t.metric:
            previous = t


def _source_text(text: str, start: int, end: int) -> str:
    return _MARKS_AND_BREAKS.sub("", text[start:end]).strip()


# Patterns used in the functions above, compiled once (re's own cache costs a lookup per call).
_GOAL_VERB_AT_END = re.compile(f"(?:{GOAL_VERBS})$")
_ADJECTIVAL_AFTER = re.compile(r"(以上|以下)?(的|级|量级|左右的)")
_GOAL_NOUN_AFTER = re.compile(r"(以上|左右)?的(目标|任务|水平)")
_FUNDING = re.compile(r"(安排|筹措|筹集|整合|设立|组建|统筹|投入|争取|下达|拨付|新增|落实|总规模|规模为?)[^，,；;。]{0,16}$")
_FUND_AFTER = re.compile(r"(以上|左右)?(的)?[\u4e00-\u9fff]{0,12}(资金|基金|专项资金|引导资金|消费券|财政资金)")
_SCALE_AFTER = re.compile(r"(以上|以下)?规模")
_RATIO_WORD = re.compile(r"(率|比重|占比|比例|水平|覆盖)")
_YEAR_LEAD = re.compile(r"(?:力争|争取)?(?:到|至)?\d{4}年(?:底|末)?(?:前)?")
_AFTER_FILLER = re.compile(r"^(以上|左右|以内|多|余)?(的)?")
_ABOUT_AT_END = re.compile(r"(约)$")
_RANGE_AFTER = re.compile(r"(以上|以内|左右)")
_SHARE_PHRASE = re.compile(r"(.+?)(?:达到|占|为|提高到|提升到)(.+?)的")
_LEADING_LINK = re.compile(r"^(的|和|及|等|以上)")
_TRAILING_VERB = re.compile(r"(实现|力争|争取|确保)+$")
_MARKS_AND_BREAKS = re.compile(r"[*#]|\s*\n\s*")
_QUOTED = re.compile(r"“[^”\n]{0,40}”|\"[^\"\n]{0,40}\"|《[^》\n]{0,80}》|〔[^〕\n]{0,10}〕|‘[^’\n]{0,40}’|「[^」\n]{0,40}」"
                     r"|[（(]共?\d{1,4}(?:项|条|个|批|款)[）)]")
