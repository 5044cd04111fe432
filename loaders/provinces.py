"""The 31 provincial-level divisions (``data/provinces.tsv``); which one a document is from is
``loaders/province_detection.py``."""

from __future__ import annotations

from dataclasses import dataclass, field

from policykg.data import read_tsv


@dataclass(frozen=True)
class Province:
    name: str                      # 广东省
    short: str                     # 广东
    abbr: str                      # 粤 (document numbers)
    prefecture_collective: str     # 各地级以上市人民政府 (how it addresses its prefecture-level governments)
    kind: str = "省"               # 省 / 自治区 / 直辖市
    capital: str = ""              # 广州市
    abbr_alt: tuple[str, ...] = field(default=())   # other document-number abbreviations (内 for 内蒙古)


def _load() -> dict[str, Province]:
    out = {}
    for r in read_tsv("provinces.tsv"):
        out[r["name"]] = Province(
            name=r["name"], short=r["short"], abbr=r["abbr"], prefecture_collective=r["prefecture_collective"],
            kind=r["kind"], capital=r["capital"], abbr_alt=tuple(a for a in r["abbr_alt"].split("|") if a),
        )
    return out


PROVINCES: dict[str, Province] = _load()

_BY_ABBR: dict[str, str] = {}
for _p in PROVINCES.values():
    for _a in (_p.abbr, *_p.abbr_alt):
        _BY_ABBR[_a] = _p.name



def province_of_abbreviation(prefix: str) -> str | None:
    """The province a document number's prefix abbreviates (粤工信消费函 -> 广东省), by its first character."""
    return _BY_ABBR.get(prefix[:1]) if prefix else None
