"""Acceptance of issue 15: extraction scored on real documents of every level, by the shared scorer.

- ``../shared/eval/dev``: 13 real excerpts (12 provincial and city documents, one State Council document as
  published HTML) with the project owner's gold;
- ``tests/data/real``: 318 real excerpts (central ministries and the State Council, 31 provinces, cities,
  districts and counties) with gold written for issue 15 before the extractor was changed for them; parts C to
  W were held out and scored blind first (sources in ``tests/data/real/SOURCES-*.md``).
Both are extracted through the CLI's batch runner and scored with ``../shared/eval/score.py``; every agency
any record emits must follow the agency grammar.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import policykg
from policykg.loaders.agencies import follows_agency_grammar
from policykg.loaders.pipeline import extract_file

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEV = SHARED / "eval" / "dev"
REAL = REPO / "tests" / "data" / "real"

# issue 15's acceptance on the dev set
DEV_BOUNDS = {"measures": 0.93, "lead": 0.90, "co": 0.90, "responsible": 0.90, "agencies": 0.90, "targets": 0.85,
              "places": 0.90, "topics": 0.75}
DEV_META = {"province": 13, "title": 11, "issuers": 11}
# tests/data/real: a little below what the extractor reaches today (see the closing note of issue 15)
# (parts G to P, added later, brought harder targets, cluster links and topics: their bounds are lower)
REAL_BOUNDS = {"measures": 0.93, "lead": 0.89, "co": 0.87, "responsible": 0.87, "agencies": 0.88, "targets": 0.81,
               "places": 0.94, "cluster_links": 0.62, "topics": 0.62}
REAL_META = {"province": 298, "title": 260, "doc_number": 303, "issued": 283, "issuers": 267}


def _documents(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".html"))


def _report(docs: Path, gold: Path, out: Path) -> dict:
    if not (SHARED / "eval" / "score.py").exists():
        pytest.fail(f"shared material not found at {SHARED} (CI lays ../shared beside the clone)")
    assert not policykg.extract(_documents(docs), out).failures
    proc = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gold), str(out), "--json"],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def dev_report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return _report(DEV / "docs", DEV / "gold", tmp_path_factory.mktemp("dev"))


@pytest.fixture(scope="module")
def real_report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return _report(REAL / "docs", REAL / "gold", tmp_path_factory.mktemp("real"))


@pytest.mark.parametrize("field", list(DEV_BOUNDS))
def test_dev_f1_reaches_the_bound(dev_report: dict, field: str) -> None:
    f1 = dev_report["overall"][field]["f1"]
    assert f1 >= DEV_BOUNDS[field], f"dev {field} F1 {f1:.3f} < {DEV_BOUNDS[field]} ({dev_report['overall'][field]})"


@pytest.mark.parametrize("key", list(DEV_META))
def test_dev_metadata_reaches_the_bound(dev_report: dict, key: str) -> None:
    hits = int(dev_report["meta_exact"][key].split("/")[0])
    assert hits >= DEV_META[key], f"dev {key}: {dev_report['meta_exact'][key]}"


@pytest.mark.parametrize("field", list(REAL_BOUNDS))
def test_real_documents_f1_reaches_the_bound(real_report: dict, field: str) -> None:
    f1 = real_report["overall"][field]["f1"]
    assert f1 >= REAL_BOUNDS[field], f"real {field} F1 {f1:.3f} < {REAL_BOUNDS[field]} ({real_report['overall'][field]})"


@pytest.mark.parametrize("key", list(REAL_META))
def test_real_documents_metadata_reaches_the_bound(real_report: dict, key: str) -> None:
    hits = int(real_report["meta_exact"][key].split("/")[0])
    assert hits >= REAL_META[key], f"real {key}: {real_report['meta_exact'][key]}"


def test_real_set_has_gold_and_a_source_for_every_document() -> None:
    docs = _documents(REAL / "docs")
    assert len(docs) >= 318
    sources = "".join(p.read_text(encoding="utf-8") for p in REAL.glob("SOURCES*.md"))
    for doc in docs:
        assert (REAL / "gold" / f"{doc.stem}.json").exists(), doc.name
        assert doc.stem in sources and "http" in sources, doc.name


def _all_documents() -> list[Path]:
    folders = [SHARED / "corpus", DEV / "docs", REAL / "docs", REPO / "tests" / "data" / "unseen",
               REPO / "tests" / "data" / "unseen" / "round2", REPO / "data" / "corpus"]
    return [p for folder in folders if folder.is_dir() for p in _documents(folder)]


def test_every_emitted_agency_follows_the_agency_grammar(tmp_path: Path) -> None:
    """Over the seeds, the dev set, the real set, the invented "unseen" documents and generated documents:
    no unit that is not an agency (不再列出, 以下均需…, 相关企业) reaches a record."""
    sys.path.insert(0, str(REPO / "bench"))
    from gen_documents import generate, write_documents

    write_documents(generate(20, "seed", 3), tmp_path)
    paths = _all_documents() + sorted(tmp_path.rglob("*.txt"))
    assert len(paths) > 80
    bad = []
    for path in paths:
        doc = extract_file(path)
        names = {a for m in doc.measures for a in m.lead + m.co + m.responsible} | set(doc.issuers)
        names |= {a.name for a in doc.agencies}
        bad += [(path.name, n) for n in sorted(names) if not follows_agency_grammar(n)]
    assert bad == []
