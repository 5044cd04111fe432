"""A synthetic corpus of policy measures for the overlap benchmark, deterministic by seed.

    python bench/gen_corpus.py --docs 1000 --out /tmp/synth      # 1000 documents as .txt + measures.jsonl
    python bench/gen_corpus.py --measures 100000 --out /tmp/synth

Built from the seed corpus shipped in ``policykg.data/corpus``:

* *new text*: sentences are walks through a character model of the seed texts
  (order-2 contexts, backing off to order 1 now and then), so each sentence
  reads locally like the seeds but as a whole is new - two unrelated measures
  share only common phrases, as in a real corpus;
* *stock sentences*: a few sentences are seed sentences themselves;
* *localisation*: province names, cities, agencies, industries and numbers of
  the seeds are replaced by those of the document's own province and industry;
* *policy diffusion*: some documents follow an earlier document of another
  province (one of the last ``window`` documents): many of their measures are
  copies of the earlier measures with sentences dropped, added, reworded
  (synonyms) and localised. ``Synthetic.derived`` records which measure each copy
  came from.

Documents are issued in order (one date per document, increasing), so every
copy is later than its source.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

import policykg.data
from policykg.graph.overlap import MeasureText

CORPUS = Path(policykg.data.__file__).resolve().parent / "corpus"

PROVINCES: dict[str, tuple[str, list[str]]] = {
    # province: (short form, prefecture-level cities)
    "广东省": ("粤", ["广州", "深圳", "佛山", "东莞", "汕头", "中山", "江门", "湛江"]),
    "湖南省": ("湘", ["长沙", "株洲", "湘潭", "衡阳", "岳阳", "常德", "益阳", "永州"]),
    "山东省": ("鲁", ["济南", "青岛", "淄博", "烟台", "潍坊", "临沂", "济宁", "滨州"]),
    "浙江省": ("浙", ["杭州", "宁波", "温州", "嘉兴", "湖州", "绍兴", "金华", "台州"]),
    "江苏省": ("苏", ["南京", "无锡", "徐州", "常州", "苏州", "南通", "盐城", "扬州"]),
    "福建省": ("闽", ["福州", "厦门", "莆田", "泉州", "漳州", "龙岩", "三明", "宁德"]),
    "河南省": ("豫", ["郑州", "开封", "洛阳", "新乡", "许昌", "南阳", "商丘", "周口"]),
    "四川省": ("川", ["成都", "绵阳", "德阳", "宜宾", "南充", "泸州", "乐山", "达州"]),
    "湖北省": ("鄂", ["武汉", "黄石", "十堰", "宜昌", "襄阳", "荆州", "孝感", "黄冈"]),
    "河北省": ("冀", ["石家庄", "唐山", "保定", "邯郸", "邢台", "沧州", "廊坊", "衡水"]),
    "安徽省": ("皖", ["合肥", "芜湖", "蚌埠", "淮南", "安庆", "阜阳", "宿州", "六安"]),
    "江西省": ("赣", ["南昌", "九江", "赣州", "吉安", "宜春", "抚州", "上饶", "萍乡"]),
}
AGENCIES = ["工业和信息化厅", "发展改革委", "科技厅", "商务厅", "市场监管局", "财政厅", "人力资源社会保障厅",
            "生态环境厅", "自然资源厅", "教育厅", "地方金融监管局", "住房城乡建设厅", "交通运输厅", "文化和旅游厅"]
INDUSTRIES = ["纺织服装", "家具家居", "食品饮料", "新能源汽车", "集成电路", "生物医药", "智能装备", "新材料",
              "电子信息", "现代农业", "文化旅游", "绿色建材", "工业母机", "航空航天", "轻工日化", "数字创意"]
SEED_PLACES = sorted({c for _, cities in PROVINCES.values() for c in cities} | {"广东", "湖南", "山东", "湖湘", "岭南"},
                     key=lambda name: (-len(name), name))
SYNONYMS = [("加快", "加速"), ("推动", "推进"), ("支持", "鼓励"), ("提升", "提高"), ("建设", "打造"),
            ("培育", "扶持"), ("完善", "健全"), ("加强", "强化"), ("引导", "带动"), ("发展", "壮大"),
            ("企业", "市场主体"), ("平台", "载体"), ("开展", "组织"), ("重点", "关键"), ("持续", "不断")]
_PUNCT_SENT = re.compile(r"(?<=[。；])")
_NOISE = re.compile(r"[\s*#]|\[bookmark:[^\]]*\]")
_ROLE = re.compile(r"[（(][^（）()]{0,300}?(?:牵头|责任单位|负责)[^（）()]{0,300}?[）)]")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass
class Synthetic:
    measures: list[MeasureText]
    derived: dict[str, str] = field(default_factory=dict)   # copy id -> source id
    documents: list[dict] = field(default_factory=list)     # doc_id, province, industry, issued


class _Model:
    """Character model of the seed texts: order-2 contexts with order-1 back-off."""

    def __init__(self, text: str) -> None:
        self.next2: dict[str, list[str]] = {}
        self.next1: dict[str, list[str]] = {}
        for i in range(len(text) - 2):
            self.next2.setdefault(text[i : i + 2], []).append(text[i + 2])
            self.next1.setdefault(text[i + 1], []).append(text[i + 2])
        self.starts = [text[i : i + 2] for i in range(len(text) - 2) if text[i - 1] in "。；，" and i > 0]

    def sentence(self, rng: random.Random, length: int, backoff: float) -> str:
        out = list(rng.choice(self.starts))
        while len(out) < length:
            options = self.next1.get(out[-1]) if rng.random() < backoff else None
            options = options or self.next2.get(out[-2] + out[-1]) or self.next1.get(out[-1])
            if not options:
                out.extend(rng.choice(self.starts))
                continue
            ch = rng.choice(options)
            if ch in "。；" and len(out) < length * 0.6:
                ch = "，"
            out.append(ch)
            if ch in "。；":
                break
        text = "".join(out).strip("，、")
        return text if text.endswith(("。", "；")) else text + "。"


def _seed_text() -> str:
    return _ROLE.sub("", _NOISE.sub("", "".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))))


def _localise(text: str, rng: random.Random, province: str, industry: str) -> str:
    short, cities = PROVINCES[province]
    for place in SEED_PLACES:
        if place in text:
            text = text.replace(place, rng.choice(cities))
    text = text.replace("纺织服装", industry).replace("我省", f"{short}省" if rng.random() < 0.3 else "我省")
    return _NUMBER.sub(lambda m: str(rng.randint(2, 99) * (10 ** rng.randint(0, 2))), text)


def _reword(text: str, rng: random.Random, rate: float) -> str:
    for a, b in SYNONYMS:
        if a in text and rng.random() < rate:
            text = text.replace(a, b)
    return text


def _role_clause(rng: random.Random) -> str:
    units = rng.sample(AGENCIES, rng.randint(1, 4))
    return "（责任单位：" + "、".join("省" + u for u in units) + "）"


def generate(n_measures: int | None = None, n_docs: int | None = None, seed: int = 0, *,
             backoff: float = 0.1, stock_rate: float = 0.02, diffusion: float = 0.15,
             copy_rate: float = 0.6, window: int = 50) -> Synthetic:
    """``n_measures`` measures (or ``n_docs`` documents) of synthetic policy text."""
    if (n_measures is None) == (n_docs is None):
        raise ValueError("give exactly one of n_measures, n_docs")
    rng = random.Random(seed)
    seed_text = _seed_text()
    model = _Model(seed_text)
    stock = [s for s in _PUNCT_SENT.split(seed_text) if 15 <= len(s) <= 90]
    lengths = [18, 25, 32, 40, 48, 60, 75]
    cum_weights = list(accumulate([2, 4, 5, 5, 4, 2, 1]))
    out = Synthetic([])
    day = date(2018, 1, 1)
    docs_measures: list[list[MeasureText]] = []
    while (n_docs is not None and len(out.documents) < n_docs) or (
        n_measures is not None and len(out.measures) < n_measures
    ):
        d = len(out.documents)
        doc_id = f"syn{d:06d}"
        province = rng.choice(list(PROVINCES))
        industry = rng.choice(INDUSTRIES)
        day += timedelta(days=rng.randint(0, 2))
        issued = day.isoformat()
        out.documents.append({"doc_id": doc_id, "province": province, "industry": industry, "issued": issued})
        earlier = [m for m in docs_measures[-window:] if m]
        source = rng.choice(earlier) if earlier and rng.random() < diffusion else None
        count = rng.randint(6, 34)
        if n_measures is not None:
            count = min(count, n_measures - len(out.measures))
        measures: list[MeasureText] = []
        for n in range(count):
            mid = f"{doc_id}#{n + 1}"
            if source and rng.random() < copy_rate:
                origin = rng.choice(source)
                body = _derive(origin.text, rng, model, province, industry, backoff)
                out.derived[mid] = origin.id
            else:
                body = _fresh(rng, model, stock, lengths, cum_weights, province, industry, backoff, stock_rate)
            measures.append(MeasureText(mid, doc_id, body, issued))
        docs_measures.append(measures)
        out.measures.extend(measures)
    return out


def _fresh(rng, model, stock, lengths, cum_weights, province, industry, backoff, stock_rate) -> str:
    title = model.sentence(rng, rng.randint(6, 12), backoff).rstrip("。；，")
    sentences = []
    for _ in range(rng.randint(2, 8)):
        if rng.random() < stock_rate:
            sentences.append(rng.choice(stock))
        else:
            target = rng.choices(lengths, cum_weights=cum_weights)[0]
            sentences.append(model.sentence(rng, target, backoff))
    body = f"{title}。" + "".join(sentences)
    return _localise(body, rng, province, industry) + _role_clause(rng)


def _derive(text: str, rng, model, province, industry, backoff) -> str:
    text = _ROLE.sub("", text)
    parts = [p for p in _PUNCT_SENT.split(text) if p]
    kept = [parts[0]] + [p for p in parts[1:] if rng.random() < 0.8]
    if len(kept) == 1 and len(parts) > 1:
        kept.append(rng.choice(parts[1:]))
    if rng.random() < 0.5:
        kept.insert(rng.randint(1, len(kept)), model.sentence(rng, rng.choice([25, 40, 60]), backoff))
    body = "".join(_reword(p, rng, 0.3) for p in kept)
    return _localise(body, rng, province, industry) + _role_clause(rng)


def write_corpus(synthetic: Synthetic, out: Path) -> None:
    """One .txt per document (numbered measures, as the seeds) and ``measures.jsonl``."""
    out.mkdir(parents=True, exist_ok=True)
    by_doc: dict[str, list[MeasureText]] = {}
    for m in synthetic.measures:
        by_doc.setdefault(m.doc_id, []).append(m)
    with (out / "measures.jsonl").open("w", encoding="utf-8") as fh:
        for m in synthetic.measures:
            fh.write(json.dumps({**m._asdict(), "derived_from": synthetic.derived.get(m.id)}, ensure_ascii=False) + "\n")
    for d in synthetic.documents:
        lines = [f"{d['province']}关于促进{d['industry']}产业高质量发展的实施意见", "", d["issued"], ""]
        lines += [f"（{_cn(n + 1)}）{m.text}" for n, m in enumerate(by_doc.get(d["doc_id"], []))]
        (out / f"{d['doc_id']}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")


def _cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--docs", type=int)
    size.add_argument("--measures", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    synthetic = generate(n_measures=args.measures, n_docs=args.docs, seed=args.seed)
    write_corpus(synthetic, args.out)
    print(f"{len(synthetic.documents)} documents, {len(synthetic.measures)} measures, "
          f"{len(synthetic.derived)} derived measures -> {args.out}")


if __name__ == "__main__":
    main()
