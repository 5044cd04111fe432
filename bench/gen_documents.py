"""Whole synthetic policy documents for the extraction benchmark, deterministic by seed.

    python bench/gen_documents.py --docs 1000 --out /tmp/docs              # seed-sized .txt documents
    python bench/gen_documents.py --docs 100 --size large --out /tmp/large
    python bench/gen_documents.py --docs 10000 --size mixed --out /tmp/docs10k

``bench/gen_corpus.py`` writes measure lists for the overlap benchmark; extraction
needs whole documents (document number, issuers, title, chapters, goal chapter,
responsibility clauses, task tables), so these are the seed documents themselves,
recombined:

* *localisation*: the seed's province (full and short name, document-number
  abbreviation) becomes another province; every place mention (prefectures,
  counties, towns, found by the extractor's own gazetteer) becomes a prefecture
  of that province; the industry (纺织服装) becomes another industry;
* *agencies*: generic provincial departments (省科技厅, 省商务厅 …) are permuted;
* *numbers*: quantities before a unit are scaled by a per-document factor
  (ranges keep their order; years, dates and item numbers are kept);
* *size*: ``small`` is the head and the first measures of a seed (about 3,000
  characters), ``seed`` a whole seed, ``large`` the head of one seed followed by
  the bodies of several others (about 100,000 characters); ``mixed`` draws
  the three sizes 1 : 8 : 1.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import policykg.data
from policykg.loaders.places import find_places, gazetteer
from policykg.loaders.province_detection import detect_province
from policykg.loaders.provinces import PROVINCES

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_corpus import INDUSTRIES  # noqa: E402  (the overlap benchmark's industry list)

CORPUS = Path(policykg.data.__file__).resolve().parent / "corpus"
SEED_INDUSTRY = "纺织服装"
SIZES = ("small", "seed", "large")
SMALL_CHARS = 3000
LARGE_CHARS = 100_000
# Generic departments of a 省 government, interchangeable in a responsibility clause.
DEPARTMENTS = ["工业和信息化厅", "发展改革委", "科技厅", "商务厅", "市场监管局", "财政厅", "人力资源社会保障厅",
               "生态环境厅", "自然资源厅", "教育厅", "地方金融监管局", "住房城乡建设厅", "交通运输厅", "文化和旅游厅"]
_DEPARTMENT = re.compile("省(" + "|".join(sorted(map(re.escape, DEPARTMENTS), key=len, reverse=True)) + ")")
_QUANTITY = re.compile(r"(?<![\d.])(\d+)(\.\d+)?(?=\s*(?:%|％|万|亿|千|个|家|项|名|件|场|所|座|条|人|户|款|台|套|次|位|支|亩|吨|倍))")
_CHAPTER = re.compile(r"^(?:#+ *)?(?:\*\*)?[一二三四五六七八九十]+、", re.MULTILINE)


@dataclass(frozen=True)
class Seed:
    name: str
    text: str
    province: str          # full name
    body_start: int        # first chapter heading ("一、…")


def load_seeds() -> list[Seed]:
    seeds = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        province = detect_province(text)
        if province is None:
            continue
        m = _CHAPTER.search(text)
        seeds.append(Seed(path.stem, text, province, m.start() if m else 0))
    return seeds


def _cities_by_province() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for city, province in sorted(gazetteer().city_province.items()):
        out.setdefault(province, []).append(city)
    return out


def _short_city(city: str) -> str:
    for suffix in ("自治州", "地区", "盟", "市"):
        if city.endswith(suffix) and len(city) - len(suffix) >= 2:
            return city[: -len(suffix)]
    return city


class Localiser:
    """Rewrites seed text as if written by another province about another industry."""

    def __init__(self, rng: random.Random, cities: dict[str, list[str]]) -> None:
        self.rng = rng
        self.cities = cities
        self.targets = sorted(p.name for p in PROVINCES.values() if p.kind == "省" and cities.get(p.name))

    def localise(self, text: str, source: str, target: str, industry: str, departments: dict[str, str],
                 factor: float) -> str:
        text = self._places(text, source, target)
        src, dst = PROVINCES[source], PROVINCES[target]
        names = {src.name: dst.name, src.short: dst.short}
        text = re.sub("|".join(sorted(map(re.escape, names), key=len, reverse=True)), lambda m: names[m.group()], text)
        text = re.sub(rf"{re.escape(src.abbr)}(?=[\u4e00-\u9fff]{{0,12}}[〔\[［【（(](?:19|20)\d\d)", dst.abbr, text)
        text = text.replace(SEED_INDUSTRY, industry)
        text = _DEPARTMENT.sub(lambda m: "省" + departments[m.group(1)], text)
        return _QUANTITY.sub(lambda m: _scaled(m, factor), text)

    def _places(self, text: str, source: str, target: str) -> str:
        pool = self.cities[target]
        chosen: dict[str, str] = {}
        parts, pos = [], 0
        for m in find_places(text, source):
            city = chosen.setdefault(m.city, self.rng.choice(pool))
            parts += [text[pos:m.start], city if m.written.endswith(("市", "州", "盟", "地区")) else _short_city(city)]
            pos = m.end
        return "".join(parts) + text[pos:]


def _scaled(m: re.Match, factor: float) -> str:
    whole, frac = m.group(1), m.group(2)
    if frac:
        return f"{float(whole + frac) * factor:.{len(frac) - 1}f}"
    return str(max(1, round(int(whole) * factor)))


def generate(n_docs: int, size: str = "seed", seed: int = 0) -> list[tuple[str, str]]:
    """``n_docs`` (doc_id, text) pairs of the given size (small / seed / large / mixed)."""
    if size not in (*SIZES, "mixed"):
        raise ValueError(f"size: expected one of {SIZES + ('mixed',)}, got {size!r}")
    rng = random.Random(seed)
    seeds = load_seeds()
    localiser = Localiser(rng, _cities_by_province())
    out = []
    for d in range(n_docs):
        kind = size if size != "mixed" else rng.choices(SIZES, weights=[1, 8, 1])[0]
        target = rng.choice(localiser.targets)
        industry = rng.choice([SEED_INDUSTRY, *INDUSTRIES])
        departments = dict(zip(DEPARTMENTS, rng.sample(DEPARTMENTS, len(DEPARTMENTS)), strict=True))
        factor = rng.uniform(0.5, 3.0)

        def local(s: Seed, text: str) -> str:
            return localiser.localise(text, s.province, target, industry, departments, factor)  # noqa: B023

        first = rng.choice(seeds)
        if kind == "small":
            cut = first.text.rfind("\n", 0, max(first.body_start + 500, SMALL_CHARS))
            text = local(first, first.text[: cut if cut > 0 else SMALL_CHARS])
        elif kind == "seed":
            text = local(first, first.text)
        else:
            parts = [local(first, first.text)]
            while sum(map(len, parts)) < LARGE_CHARS:
                other = rng.choice(seeds)
                parts.append(local(other, other.text[other.body_start:]))
            text = "\n\n".join(parts)
        out.append((f"gen{d:06d}_{kind}", text))
    return out


def write_documents(docs: list[tuple[str, str]], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for doc_id, text in docs:
        (out / f"{doc_id}.txt").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, required=True, help="number of documents (e.g. 100, 1000, 10000)")
    parser.add_argument("--size", choices=[*SIZES, "mixed"], default="seed")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    docs = generate(args.docs, args.size, args.seed)
    write_documents(docs, args.out)
    chars = sum(len(t) for _, t in docs)
    print(f"{len(docs)} {args.size} documents, {chars / len(docs):,.0f} characters on average -> {args.out}")


if __name__ == "__main__":
    main()
