"""Cluster links: named industrial clusters, parks, bases, towns, markets and regional
brands tied to the prefecture-level city they are in.

Four general patterns, each working on the place mentions of ``places.find_places``:

* distribution lines: ``纺织服装：广州、汕头……；`` or a table row -> the industry per city;
* zones: city names written back to back (``汕头潮州揭阳``) -> the zone per city;
* enumerations closed by ``等 + head`` (``大朗毛织、虎门女装……等知名产业集群``,
  ``中国服装商贸名城（广州）……等区域品牌``): each item tied to the place it starts
  with or names in brackets; an item without a place inherits the city of the item
  before it (``青岛针织、童装`` -> 青岛童装); a bare place takes the head
  (``济南泺口……等纺织服装市场`` -> 济南泺口纺织服装市场);
* city lists followed by a cluster noun phrase (``广州、深圳、东莞的大型服装批发市场``,
  ``支持汕头打造国际纺织服装产业采购基地``) -> the phrase per city.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .agencies import follows_agency_grammar
from .places import find_places, gazetteer
from .records import ClusterLink, PlaceMention, builder

# Nouns that close the name of a cluster, park, base, market, town or regional brand.
_HEAD = r"(?:产业集群|集群|产业园区|园区|产业园|基地|市场|小镇|名城|之都|产业带|产业|制造业|纺织业|针织业|行业)"
# After 等: a short modifier then a head (知名产业集群, 纺织服装区域品牌, 集聚性产业).
_ENUM_HEAD = re.compile(r"[^，。；、：:（）()“”\"\s等]{0,12}?(?:" + _HEAD[3:-1] + r"|区域品牌|品牌)")
_NP_HEAD = re.compile(_HEAD)
_LEAD_VERBS = re.compile(
    r"^(?:继续|进一步|不断|加快|加速|大力|积极|着力|重点|推进|推动|支持|鼓励|引导|做大做强|做大|做强|做优|做精|"
    r"培育|打造|规划建设|建设完善|建设|完善|提升|依托|指导服务|指导|服务|巩固|壮大|扶持|建成|创建|发挥|加强|"
    r"提高|发展|形成|以|在|对|将|把|和|及|与)+"
)
_BUILD_VERBS = re.compile(r"^(?:打造|建设完善|建设|发展|培育|创建|建成|做大做强|做强|壮大)")
_NUMBERING = re.compile(r"^\s*(?:[-*•]\s*)?(?:\d+[.．、]|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、)?\s*")
# What may follow the head noun of a cluster phrase ending a city list.
# A head noun followed by one of these is inside a verb phrase (承接产业转移), not the end of a name.
_NP_NOT_END = re.compile(r"^(?:转移|外迁|迁移|链|政策|结构|体系|工人|人才)")
# "等" + a class of places (等地, 等设区市): the items before are places, not cluster names.
_PLACE_CLASS = re.compile(r"^(?:地|设区市|地级市|地市|城市|地区|市县|县市|县区)(?!标|域|场)")
_LIST_SEP = "、，,"
_JOIN = "和及与"
_MAX_INHERITED = 6
_FULL_COUNTY = ("市", "县", "区", "旗")
# A single place written right before one of these names a cluster (南通家纺市场建设).
_PLACE_NP = re.compile(r"^[^，,。；;：:（）()“”\"、的]{2,12}?(?:产业园区|园区|产业园|基地|市场|小镇|集群|产业带)"
                       r"(?=$|[，,。；;、）)]|建设|发展|转型|升级|提质|做大|做强)")


@dataclass
class _Item:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class _Place:
    """A place mention as read here: plain slots, each read far cheaper than a record field."""

    city: str
    written: str
    start: int
    end: int


def find_cluster_links(text: str, province: str | None = None, offset: int = 0,
                       mentions: list[PlaceMention] | None = None, city: str | None = None) -> list[ClusterLink]:
    """Every cluster/park/base/town/market/regional brand tied to a prefecture-level city.

    ``cluster`` is the name as written (shortest self-contained form); ``city`` the
    prefecture's full name; spans are shifted by ``offset``. ``mentions`` are
    ``find_places(text, province)`` when the caller has them already. ``city``: the prefecture a city or
    county document is issued in, whose zones (亳芜现代产业园区管委会, 古雷开发区) need not name it.
    """
    if mentions is None:
        mentions = find_places(text, province)
    titles = [(m.start(), m.end()) for m in _BOOK_TITLE.finditer(text)]
    # a place inside a cited document's title (《开封市培育壮大主导产业若干财政支持措施》) ties nothing to it
    places = [_Place(m.city, m.written, m.start, m.end) for m in mentions
              if not any(a <= m.start < b for a, b in titles)]
    links = _cluster_links(text, places) + _zone_names(text, places, city, province)
    return _dedupe(links, offset)


# A development zone or park by name: a place or a proper name, then the zone word.
_ZONE = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,10}?)(?P<zone>高新技术产业开发区|经济技术开发区|经济开发区|高新区|经开区|"
                   r"台商投资区|综合保税区|现代产业园区|产业园区|工业园区|开发区|投资区)")
_BOOK_TITLE = re.compile(r"《[^《》\n]{2,120}》")
_ZONE_WORD = re.compile(r"高新技术产业开发区|经济技术开发区|经济开发区|高新区|经开区|台商投资区|综合保税区|现代产业园区|产业园区|"
                        r"工业园区|开发区|投资区|工业园|纺织工业城|工业城")
# the name before a zone word: one run of characters, or two places joined by a dash (奎屯—独山子经济开发区)
_NAME_RUN = re.compile(r"[\u4e00-\u9fff]+(?:[—–-][\u4e00-\u9fff]+)?$")
# zones listed by their names before one shared zone word (红桥、红果、盘北等10个产业园区)
_ZONE_COUNT = re.compile(r"等(?:\d{1,3}|[一二三四五六七八九十]{1,3})个(?P<zone>产业园区|工业园区|园区|开发区|工业园|产业园|集聚区)")
_ZONE_NAMES = re.compile(r"(?:[\u4e00-\u9fff]{2,4}、)+[\u4e00-\u9fff]{2,4}$")
# a zone's name is a proper name, not a clause (湘阴高新区打造成为全省十强工业园区)
_ZONE_NOT_PROPER = re.compile(r"成为|打造|建成|建设|全省|全市|全国|全区|十强|百强|一批|一流")
_ZONE_SHORT = {"经开区": "经济技术开发区", "高新区": "高新技术产业开发区"}
_ZONE_NOT_NAME = re.compile(r"^(?:各|有关|相关|市|省|县|区|国家级|省级|市级|全市|全省|我市|本市|所在|周边|其他|现有)|(?:和|及|与|等|的|国家级|省级|市级|县级)$")


def _zone_names(text: str, mentions: list[_Place], city: str | None, province: str | None) -> list[ClusterLink]:
    """Zones named after a place (襄樊高新区, 宜昌高新区 -> their cities) or, in a city's own document, by a
    proper name (亳芜现代产业园区, 古雷开发区 -> that city)."""
    links: list[ClusterLink] = []
    for z in _ZONE_WORD.finditer(text):  # the zone words first: the names before them are few
        run = _NAME_RUN.search(text, max(0, z.start() - 10), z.start())
        if run is None or run.end() != z.start():
            continue
        name = _ZONE_WORD.split(run.group())[-1]  # not over an earlier zone (宜昌高新区申报国家级高新区)
        name = _LEAD_VERBS.sub("", name)
        start = z.start() - len(name)
        if len(name) < 2 or _ZONE_NOT_NAME.search(name) or _ZONE_NOT_PROPER.search(name):
            continue
        if "—" in name or "–" in name or "-" in name:  # each joined place's city
            placed = [p for p in mentions if start <= p.start < z.start()]
            links += [_link(text[start:z.end()], c, start, z.end()) for c in dict.fromkeys(p.city for p in placed)]
            continue
        placed = [p for p in mentions if p.start == start]
        if placed:
            links.append(_link(text[start:z.end()], placed[0].city, start, z.end()))
        elif city is not None and not find_places(name, province):
            links.append(_link(text[start:z.end()], city, start, z.end()))
    for m in _ZONE_COUNT.finditer(text) if "个" in text else ():
        names = _ZONE_NAMES.search(text, max(0, m.start() - 80), m.start())
        if names is None:
            continue
        pos = names.start()
        for name in names.group().split("、"):
            placed = [p for p in mentions if p.start == pos]
            owner = placed[0].city if placed else city
            if owner is not None and not _ZONE_NOT_NAME.search(name):
                links.append(_link(name + m.group("zone"), owner, pos, pos + len(name)))
            pos += len(name) + 1
    return links


def _cluster_links(text: str, mentions: list[_Place]) -> list[ClusterLink]:
    """``find_cluster_links``' general patterns on the mentions (in text order) as ``_Place``."""
    starts = [m.start for m in mentions]
    links: list[ClusterLink] = []
    links += _distribution_lines(text, mentions)
    links += _zones(text, mentions)
    links += _named_clusters(mentions)
    claimed: set[int] = set()
    for s_start, s_end in _mention_sentences(text, starts):
        first = bisect_left(starts, s_start)
        inside = [m for m in mentions[first:bisect_left(starts, s_end, first)] if m.end <= s_end]
        if not inside:
            continue
        links += _enumerations(text, s_start, s_end, inside, claimed)
        links += _city_lists(text, s_end, inside, claimed)
    return links


# ---------------------------------------------------------------- helpers

def _mention_sentences(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """Spans of the sentences (cut at every ``_SENTENCE_END`` character) that a mention starts in, in order.

    Only the sentences holding a mention are looked at: each end is the next sentence end after the mention,
    each start the one before it, found in the reversed text (a few sentences instead of the whole text)."""
    if not starts:
        return []
    n = len(text)
    backwards = text[::-1]
    spans: list[tuple[int, int]] = []
    end = -1  # end of the last sentence looked at (the index of its delimiter, or n)
    for s in starts:  # in text order
        if s <= end:
            continue  # in that sentence too
        after = _SENTENCE_END.search(text, s)
        end = after.start() if after else n
        if s < end:  # (a mention on a delimiter starts no sentence)
            before = _SENTENCE_END.search(backwards, n - s)
            spans.append((n - before.start() if before else 0, end))
    return spans


def _link(cluster: str, city: str, start: int, end: int) -> ClusterLink:
    return _LINK({"cluster": cluster.strip("“”\"'　 *#"), "city": city, "start": start, "end": end})


_LINK = builder(ClusterLink)


def _dedupe(links: list[ClusterLink], offset: int) -> list[ClusterLink]:
    """Each cluster once per city, in text order; a zone written short and in full (宜春经开区,
    宜春经济技术开发区) is one zone, named as first written."""
    seen: set[tuple[str, str]] = set()
    out = []
    for link in sorted(links, key=lambda x: (x.start or 0)):
        cluster = link.cluster
        for short, full in _ZONE_SHORT.items():
            cluster = cluster.replace(short, full)
        key = (cluster, link.city)
        if link.cluster and key not in seen:
            seen.add(key)
            if offset:
                link.start = (link.start or 0) + offset
                link.end = (link.end or 0) + offset
            out.append(link)
    return out


def _covers(mentions: list[_Place], start: int, end: int) -> bool:
    """The span [start, end) is made of place names only (``mentions`` in text order, as everywhere here)."""
    pos = start
    for m in mentions:
        if m.start == pos and m.end <= end:
            pos = m.end
    return pos == end and end > start


def _within(mentions: list[_Place], start: int, end: int) -> list[_Place]:
    return [m for m in mentions if start <= m.start and m.end <= end]


def _groups(mentions: list[_Place]) -> list[list[_Place]]:
    """Mentions (in text order) written back to back form one group (汕头潮州揭阳; 衡阳常宁市)."""
    groups: list[list[_Place]] = []
    for m in mentions:
        if groups and groups[-1][-1].end == m.start:
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _cities(group: list[_Place]) -> list[str]:
    return list(dict.fromkeys(m.city for m in group))


# ---------------------------------------------------------------- distribution lines

def _distribution_lines(text: str, mentions: list[_Place]) -> list[ClusterLink]:
    """``纺织服装：广州、汕头……；`` and table rows ``| 纺织服装 | 广州、汕头 |``."""
    links: list[ClusterLink] = []
    starts = [m.start for m in mentions]  # mentions come in text order
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        first = bisect_left(starts, start)
        if first == len(starts) or starts[first] >= pos:
            continue  # no place on the line: no city to link
        mentions_here = mentions[first:bisect_left(starts, pos, first)]
        if line.lstrip().startswith("|"):
            links += _table_row(line, start, mentions_here)
            continue
        if "：" not in line and ":" not in line:
            continue
        m = _DISTRIBUTION.match(line)
        if not m:
            continue
        industry = _NUMBERING.sub("", m["industry"]).strip()
        header = _place_list(text, start + m.start("industry"), start + m.end("industry"), mentions_here)
        if len(header) == 1:  # "邢台市：清河羊绒、宁晋休闲服装" -> each named cluster in that city
            links += _city_line(text, start + m.start("list"), start + m.end("list"), header[0], mentions_here)
            continue
        cities = _place_list(text, start + m.start("list"), start + m.end("list"), mentions_here)
        if industry and cities and not find_places(industry) and not _NOT_INDUSTRY.search(industry):
            links += [_link(industry, c, start, start + len(line)) for c in cities]
    return links


def _city_line(text: str, start: int, end: int, city: str, mentions: list[_Place]) -> list[ClusterLink]:
    """Items of a list under a city heading that start with a place of that city (清河羊绒, 南宫羊剪绒)."""
    links = []
    for m in _LIST_ITEM.finditer(text[start:end]):
        a, b = start + m.start(), start + m.end()
        first = [p for p in _within(mentions, a, b) if p.start == a]
        if first and first[0].city == city and b > first[0].end:
            links.append(_link(text[a:b], city, a, b))
    return links


def _place_list(text: str, start: int, end: int, mentions: list[_Place]) -> list[str]:
    """Cities of a span that holds nothing but place names and separators; [] otherwise."""
    inside = _within(mentions, start, end)
    if not inside:
        return []
    rest = list(text[start:end])
    for m in inside:
        rest[m.start - start : m.end - start] = [""] * (m.end - m.start)
    leftover = _LIST_GLUE.sub("", "".join(rest))
    return list(dict.fromkeys(m.city for m in inside)) if not leftover else []


def _table_row(line: str, start: int, mentions: list[_Place]) -> list[ClusterLink]:
    cells, pos = [], start
    for part in line.split("|"):
        cells.append((pos, pos + len(part), part.strip()))
        pos += len(part) + 1
    industry = None
    links: list[ClusterLink] = []
    for a, b, cell in cells:
        if not cell or _NUMBER_CELL.fullmatch(cell):
            continue
        cities = _place_list(line, a - start, b - start, [_Place(m.city, m.written, m.start - start, m.end - start)
                                                            for m in _within(mentions, a, b)])
        if cities and industry:
            links += [_link(industry, c, a, b) for c in cities]
        elif not cities and industry is None and not _within(mentions, a, b):
            industry = _NUMBERING.sub("", cell)
    return links


# ---------------------------------------------------------------- listed cluster names

def _named_clusters(mentions: list[_Place]) -> list[ClusterLink]:
    """A place found under a cluster/market name of ``places_extra.tsv`` (白云美湾) is a cluster itself."""
    clusters = gazetteer().cluster_names
    return [_link(m.written, m.city, m.start, m.end) for m in mentions if m.written in clusters]


# ---------------------------------------------------------------- zones

def _zones(text: str, mentions: list[_Place]) -> list[ClusterLink]:
    """``汕头潮州揭阳``: prefecture names back to back, one link per city."""
    links = []
    for group in _groups(mentions):
        if len(group) < 2:
            continue  # one name, one city
        cities = _cities(group)
        if len(cities) >= 2 and len(group) == len(cities):
            a, b = group[0].start, group[-1].end
            links += [_link(text[a:b], c, a, b) for c in cities]
    return links


# ---------------------------------------------------------------- 等 enumerations

def _enumerations(text: str, s_start: int, s_end: int, mentions: list[_Place],
                  claimed: set[int]) -> list[ClusterLink]:
    links: list[ClusterLink] = []
    seg_start = s_start
    for m in _DENG.finditer(text[s_start:s_end]):
        at = s_start + m.start()
        if at < seg_start:
            continue
        after = text[at + 1 : s_end]
        if _PLACE_CLASS.match(after):
            continue  # 玉林、贵港等设区市…: a list of places, left to _city_lists
        head_m = _ENUM_HEAD.match(after)
        if head_m:
            head = head_m.group(0)
        elif not after or after[0] in "，,：:":
            head = None
        else:
            continue
        items = _split_items(text, seg_start, at)
        links += _enumeration_items(text, items, head, mentions, claimed)
        seg_start = at + 1 + (len(head) if head else 0)
    return links


def _split_items(text: str, start: int, end: int) -> list[_Item]:
    items, pos = [], start
    for i in range(start, end + 1):
        if i == end or text[i] in _LIST_SEP:
            if i > pos:
                items.append(_Item(pos, i, text[pos:i]))
            pos = i + 1
    return items


def _strip_lead(item: _Item) -> tuple[_Item, bool]:
    marks = _MARKS.match(item.text)   # markdown emphasis or heading marks
    if marks and marks.end() < len(item.text):
        item = _Item(item.start + marks.end(), item.end, item.text[marks.end():])
    m = _LEAD_VERBS.match(item.text)
    if not m or m.end() == len(item.text):
        return item, False
    return _Item(item.start + m.end(), item.end, item.text[m.end():]), True


def _bracket_cities(item: _Item, mentions: list[_Place]) -> tuple[str, list[str]] | None:
    """``中国男装名城（惠州）`` -> (name before the bracket, cities in it)."""
    m = _BRACKETED.match(item.text)
    if not m:
        return None
    a = item.start + m.start("inner")
    inner = _within(mentions, a, a + len(m["inner"]))
    if not inner or not _covers(inner, a, a + len(m["inner"])):
        return None
    return m["name"], _cities(inner)


def _run_start(items: list[_Item], mentions: list[_Place]) -> int:
    """Index of the first item of the enumeration that ends at the last item."""
    gaz = gazetteer()
    for i in range(len(items) - 1, -1, -1):
        item, stripped = _strip_lead(items[i])
        has_place = bool(_bracket_cities(item, mentions)) or bool(_within(mentions, item.start, item.end))
        if not (has_place or (not stripped and len(item.text) <= _MAX_INHERITED
                                  and not _province_named(gaz, item.text))):
            return i + 1
        if stripped:
            return i
        first = _within(mentions, item.start, item.end)
        if first and first[0].start > item.start and not _bracket_cities(item, mentions):
            return i
    return 0


def _province_words(s: str) -> list[str]:
    return [s[i : i + n] for n in (2, 3) for i in range(len(s) - n + 1)]


def _province_named(gaz, s: str) -> bool:
    """``s`` holds a word that blocks a place reading (a province name)."""
    names = gaz.names
    return any(w in names and gaz.resolve(w, None) is False for w in _province_words(s))


def _enumeration_items(text: str, items: list[_Item], head: str | None,
                       mentions: list[_Place], claimed: set[int]) -> list[ClusterLink]:
    links: list[ClusterLink] = []
    if not items:
        return links
    start = _run_start(items, mentions)
    context: tuple[str, str] | None = None   # (place as written, city) for items without a place
    for raw in items[start:]:
        item, _ = _strip_lead(raw)
        bracket = _bracket_cities(item, mentions)
        if bracket:
            name, cities = bracket
            for part in _split_join(_LEAD_VERBS.sub("", name)):
                if _NP_HEAD.search(part) or head:
                    links += [_link(part, c, item.start, item.end) for c in cities]
            claimed.update(range(item.start, item.end))
            context = None
            continue
        inside = _within(mentions, item.start, item.end)
        if inside:
            first = _name_start(inside)
            name = text[first.start : item.end]
            for part, part_mentions in _split_places(name, first.start, inside):
                if _covers(part_mentions, part_mentions[0].start, part_mentions[0].start + len(part)):
                    if not head:
                        continue
                    part = part + head
                elif not head and follows_agency_grammar(part):
                    continue  # a unit in a list of units (…省财政厅、合肥海关、省税务局等), not a cluster
                for group in _groups(part_mentions)[:1]:
                    links += [_link(part, c, item.start, item.end) for c in _cities(group)]
            lead = _groups(inside)[0]
            context = (text[lead[0].start : lead[-1].end], lead[-1].city)
            claimed.update(range(item.start, item.end))
        elif context and head and len(item.text) <= _MAX_INHERITED:
            links.append(_link(context[0] + item.text, context[1], item.start, item.end))
            claimed.update(range(item.start, item.end))
        elif head is None and _NP_HEAD.search(item.text):
            context = None
    return links


def _name_start(inside: list[_Place]) -> _Place:
    """Where an item's name starts: 衡阳常宁市湘南纺织基地 -> 常宁市… (a county written in full
    after its prefecture is self-contained); 湛江吴川羽绒产业园区 keeps 湛江."""
    group = _groups(inside)[0]
    if len(group) >= 2 and len(_cities(group)) == 1 and group[1].written.endswith(_FULL_COUNTY) \
            and group[1].written != group[1].city:
        return group[1]
    return group[0]


def _split_join(name: str) -> list[str]:
    return [p for p in _JOIN_SPLIT.split(name) if p]


def _split_places(name: str, start: int, mentions: list[_Place]) -> list[tuple[str, list[_Place]]]:
    """``炎陵和华容棉纺织业`` -> 炎陵棉纺织业, 华容棉纺织业 (a bare place before 和 takes the tail)."""
    m = _JOINED.match(name)
    if m:
        a_end = start + len(m["a"])
        a_ms = _within(mentions, start, a_end)
        b_start = start + m.start("b")
        b_ms = _within(mentions, b_start, start + len(name))
        if a_ms and b_ms and a_ms[0].start == start and b_ms[0].start == b_start:
            if not _covers(a_ms, start, a_end):        # 祁阳县白水纺织小镇和芦淞区白关服饰小镇
                b_name = name[_name_start(b_ms).start - start :]
                return [(m["a"], a_ms), (b_name, _within(b_ms, start + len(name) - len(b_name), start + len(name)))]
            tail = name[_groups(b_ms)[0][-1].end - start :]
            return [(m["a"] + tail, a_ms), (m["b"], b_ms)]
    return [(name, _within(mentions, start, start + len(name)))]


# ---------------------------------------------------------------- city lists + cluster noun

def _city_lists(text: str, s_end: int, mentions: list[_Place], claimed: set[int]) -> list[ClusterLink]:
    """``广州、深圳、东莞的大型服装批发市场`` / ``支持汕头打造……采购基地`` -> the phrase per city."""
    links: list[ClusterLink] = []
    groups = [g for g in _groups(mentions) if g[0].start not in claimed]
    i = 0
    while i < len(groups):
        run = [groups[i]]
        while i + len(run) < len(groups):
            nxt = groups[i + len(run)]
            gap = text[run[-1][-1].end : nxt[0].start]
            if len(gap) == 1 and gap in "、和及与":
                run.append(nxt)
            else:
                break
        i += len(run)
        if any(len(g) > 1 and len(_cities(g)) > 1 for g in run):
            continue
        end = run[-1][-1].end
        suffix = _TOWN_SUFFIX.match(text, end, s_end)  # 陈埭镇建设…: the town's own suffix is not the phrase
        if suffix and _BUILD_VERBS.match(text[suffix.end():s_end]):
            end = suffix.end()
        phrase = _PHRASE.match(text, end, s_end)
        if not phrase:
            continue
        np = phrase.group(0)
        lead = _PLACE_CLASS_LEAD.match(np)
        body = np[lead.end():] if lead else np
        verb = _BUILD_VERBS.match(body)
        if len(run) < 2 and not verb:
            own = _PLACE_NP.match(text[end:s_end])
            if own and not find_places(own.group(0)):
                a = run[0][0].start
                links.append(_link(text[a : end + own.end()], run[0][-1].city, a, end + own.end()))
            continue
        heads = list(_NP_HEAD.finditer(body))
        if not heads:
            continue
        if _NP_NOT_END.match(body[heads[-1].end():]):
            continue  # the head word is inside a verb phrase (承接产业转移), not the end of a name
        cluster = body[: heads[-1].end()]
        cluster = cluster.rsplit("的", 1)[-1]
        cluster = _LEAD_VERBS.sub("", cluster)
        if len(cluster) < 2 or find_places(cluster):
            continue
        a = run[0][0].start
        links += [_link(cluster, g[0].city, a, end + len(np)) for g in run]
    return links


# Patterns used in the functions above, compiled once (re's own cache costs a lookup per call).
_LIST_ITEM = re.compile(r"[^、，,；;。\s]+")
_TOWN_SUFFIX = re.compile(r"镇|乡|街道")
_LIST_GLUE = re.compile(r"[、，,和及与\s等]")
_DENG = re.compile("等")
_PLACE_CLASS_LEAD = re.compile(r"^(?:等(?:地|设区市|地市|市县|县市|县区|城市|地区|市|县)?|的)")
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
# A list of places that names no industry: 第二批工业运行重点联系城市名单：包头市、抚顺市…, 试点城市：…
_NOT_INDUSTRY = re.compile(r"名单|名录|城市|试点|地区$|单位$")
_DISTRIBUTION = re.compile(r"^(?P<lead>\s*)(?P<industry>[^：:]{2,40})[：:](?P<list>[^：:]+?)[；;。.]?\s*$")
_NUMBER_CELL = re.compile(r"[\d.．、\s-]+|:?-+:?")
_MARKS = re.compile(r"^[*#>\s]+")
_BRACKETED = re.compile(r"^(?P<name>.+?)[（(](?P<inner>[^）)]+)[）)]$")
_JOIN_SPLIT = re.compile(f"[{_JOIN}]")
_JOINED = re.compile(f"^(?P<a>[^{_JOIN}]+)[{_JOIN}](?P<b>.+)$")
_PHRASE = re.compile(r"[^，,。；;：:（）()“”\"、]{1,24}")
