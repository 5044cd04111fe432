"""Loading benchmark: policykg's loader vs a hand-written bulk ``UNWIND $rows … MERGE`` baseline.

    python bench/bench_ingest.py --engine falkordb --sizes 1000,3000,10000
    python bench/bench_ingest.py --engine neo4j --sizes 1000,3000
    python bench/bench_ingest.py --engine both --sizes 1000 --batch 100

The synthetic documents (``bench/gen_documents.py``, seed-sized, deterministic) are
extracted once and cached as JSON lines (record + normalised text) under
``$TMPDIR/policykg-bench``; a run only reads the cache, so it measures loading:

* **policykg**: ``graph.ingest.write_records``, as ``policykg ingest`` writes (record ->
  rows in Python, then ONE atomic statement per batch of ``WRITE_BATCH`` documents,
  each replacing a previous version; a refused batch is written again one by one);
* **baseline**: the same rows (``document_params``) concatenated over ``--batch``
  documents and written by the statements of ``bench/baseline_ingest.cypher``, one
  ``UNWIND $rows AS row … MERGE/CREATE`` per row kind (no replacement, no atomicity
  per document): what a hand-written bulk loader would do.

Each size is loaded into an empty graph by both loaders, side by side in one run,
alternating (policykg, baseline, policykg, baseline … ``--rounds`` times); the
fastest run of each counts, so that a noisy neighbour does not decide the ratio.
Both graphs are compared by label and relationship counts (policykg's
``SummaryPending`` bookkeeping marks aside), so the baseline is known to write the same graph. ``params s`` is the time of ``document_params``
alone (record -> rows, Python), which both loaders include.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policykg.graph.ingest import Loaded, write_records
from policykg.graph.record_writer import WriteStats, document_params, load_reference_data
from policykg.graph.store import GraphStore, open_store
from policykg.loaders.records import PolicyDoc
from policykg.settings import Settings

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from gen_documents import generate  # noqa: E402

CACHE = Path(tempfile.gettempdir()) / "policykg-bench"
BASELINE = HERE / "baseline_ingest.cypher"
CLEAR = HERE / "clear_batch.cypher"
CLEAR_EDGES = HERE / "clear_edges_batch.cypher"
_ROWS_LINE = re.compile(r"^//\s*rows:\s*(\w+)\s*$", re.MULTILINE)
# Bookkeeping nodes policykg's statement writes besides the graph (graph/summaries.py), and
# the baseline does not: left out when the two graphs are compared.
BOOKKEEPING_LABELS = frozenset({"SummaryPending", "OverlapPending"})


# --- the cached records -------------------------------------------------------------------


def cached_records(n_docs: int, seed: int = 0) -> list[tuple[PolicyDoc, str]]:
    """The first ``n_docs`` synthetic seed-sized documents as (record, text), extracted once and cached."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = _cache_file(n_docs, seed)
    if path is None:
        path = CACHE / f"records-seed{seed}-{n_docs}.jsonl"
        _build_cache(n_docs, seed, path)
    out = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if len(out) == n_docs:
                break
            item = json.loads(line)
            out.append((PolicyDoc.model_validate(item["record"]), item["text"]))
    return out


def _cache_file(n_docs: int, seed: int) -> Path | None:
    """A cache of at least ``n_docs`` documents (generation is prefix-stable: doc k is the same for any n)."""
    found = []
    for path in CACHE.glob(f"records-seed{seed}-*.jsonl"):
        size = int(path.stem.rsplit("-", 1)[1])
        if size >= n_docs:
            found.append((size, path))
    return min(found)[1] if found else None


def _build_cache(n_docs: int, seed: int, path: Path) -> None:
    from policykg.loaders.pipeline import extract_text
    from policykg.loaders.repair import repair_text

    started = time.perf_counter()
    partial = path.with_suffix(".part")
    with partial.open("w", encoding="utf-8") as out:
        for doc_id, raw in generate(n_docs, "seed", seed):
            repaired = repair_text(raw)
            doc = extract_text(repaired.text, doc_id, repaired.heading_starts)
            doc.source, doc.source_format = f"{doc_id}.txt", "txt"
            out.write(json.dumps({"record": doc.to_json_dict(), "text": repaired.text}, ensure_ascii=False))
            out.write("\n")
    partial.rename(path)
    print(f"extracted {n_docs} documents once in {time.perf_counter() - started:.0f} s -> {path}", flush=True)


# --- stores ---------------------------------------------------------------------------------


@contextmanager
def engine_store(engine: str, home: Path, graph_name: str = "bench", pagecache: str | None = None,
                 heap: str | None = None) -> Iterator[GraphStore]:
    """An empty-schema'd store of ``engine`` under ``home`` (Neo4j: a server started for this run,
    with the launcher's memory defaults unless ``pagecache`` or ``heap`` are given)."""
    if engine == "falkordb":
        with open_store(Settings(POLICYKG_HOME=str(home), POLICYKG_ENGINE="falkordb",
                                 POLICYKG_GRAPH=graph_name)) as store:
            yield store
        return
    from policykg.graph.neo4j_server import Neo4jServer

    with Neo4jServer.start(home / "neo4j", pagecache=pagecache, heap=heap) as server, open_store(
            Settings(POLICYKG_HOME=str(home), POLICYKG_ENGINE="neo4j", NEO4J_URI=server.uri)) as store:
        yield store


def clear(store: GraphStore) -> None:
    """Delete everything in bounded batches, relationships first (one big DETACH DELETE, or a batch
    of nodes holding a hub with its tens of thousands of edges, would not fit Neo4j's 512 MiB heap)."""
    for path, batch in ((CLEAR_EDGES, 50_000 if store.engine == "falkordb" else 10_000),
                        (CLEAR, 20_000 if store.engine == "falkordb" else 500)):
        query = path.read_text(encoding="utf-8")
        while store.run(query, {"batch": batch})[0]["deleted"]:
            pass


# --- the two loaders ------------------------------------------------------------------------


def baseline_statements() -> list[tuple[str, str]]:
    """``(row kind, statement)`` pairs of bench/baseline_ingest.cypher, in file order."""
    out = []
    for block in BASELINE.read_text(encoding="utf-8").split(";"):
        match = _ROWS_LINE.search(block)
        if match:
            code = "\n".join(line for line in block.splitlines() if not line.strip().startswith("//"))
            out.append((match.group(1), code.strip()))
    return out


def load_policykg(store: GraphStore, docs: list[tuple[PolicyDoc, str]], chunk: int = 1000) -> list[float]:
    """Write every document as ``policykg ingest`` does; ms per document of each ``chunk`` documents."""
    load_reference_data(store)
    per_chunk, started = [], time.perf_counter()
    records = (Loaded(doc.doc_id, doc, text) for doc, text in docs)
    for n, (loaded, outcome) in enumerate(write_records(store, records), start=1):
        if not isinstance(outcome, WriteStats):
            raise SystemExit(f"{loaded.source} not stored: {outcome}")
        if n % chunk == 0:
            per_chunk.append((time.perf_counter() - started) * 1000 / chunk)
            started = time.perf_counter()
    return per_chunk


def baseline_rows(batch: list[tuple[PolicyDoc, str]]) -> dict[str, list[dict[str, Any]]]:
    """The rows of ``document_params`` of each document, concatenated per kind; own rows get the doc id."""
    rows: dict[str, list[dict[str, Any]]] = {"documents": []}
    for doc, text in batch:
        params = document_params(doc, text)
        doc_id = params["doc_id"]
        rows["documents"].append({"doc_id": doc_id, "document": params["document"]})
        for name, value in params.items():
            if not isinstance(value, list):
                continue
            if name in ("provinces", "issuers"):
                value = [{"doc_id": doc_id, "name": item} for item in value]
            elif name in ("document_cities", "document_targets", "measures"):
                value = [{**row, "doc_id": doc_id} for row in value]
            rows.setdefault(name, []).extend(value)
    return rows


def load_baseline(store: GraphStore, docs: list[tuple[PolicyDoc, str]], batch: int) -> None:
    load_reference_data(store)
    statements = baseline_statements()
    for start in range(0, len(docs), batch):
        rows = baseline_rows(docs[start:start + batch])
        for kind, statement in statements:
            if rows.get(kind):
                store.run(statement, {"rows": rows[kind]})


def params_seconds(docs: list[tuple[PolicyDoc, str]]) -> float:
    """Time of ``document_params`` alone (the Python part both loaders share)."""
    started = time.perf_counter()
    for doc, text in docs:
        document_params(doc, text)
    return time.perf_counter() - started


# --- the benchmark --------------------------------------------------------------------------


@dataclass
class Run:
    engine: str
    docs: int
    measures: int
    policykg_s: float
    baseline_s: float
    params_s: float
    same_graph: bool
    chunks: list[float]          # policykg ms/doc of each successive 1000 documents

    @property
    def ratio(self) -> float:
        return self.policykg_s / self.baseline_s


def timed(fn: Any, *args: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - started, out


def bench_size(store: GraphStore, docs: list[tuple[PolicyDoc, str]], batch: int, rounds: int) -> Run:
    """Both loaders into an empty graph, alternating, ``rounds`` times each; the fastest run of each counts."""
    policykg_s, baseline_s, chunks = [], [], []
    ours = theirs = None
    for _ in range(rounds):
        clear(store)
        seconds, per_chunk = timed(load_policykg, store, docs)
        if not policykg_s or seconds < min(policykg_s):
            chunks = per_chunk
        policykg_s.append(seconds)
        ours = graph_counts(store)
        clear(store)
        baseline_s.append(timed(load_baseline, store, docs, batch)[0])
        theirs = graph_counts(store)
    clear(store)
    measures = sum(len(doc.measures) for doc, _ in docs)
    return Run(store.engine, len(docs), measures, min(policykg_s), min(baseline_s), params_seconds(docs),
               ours == theirs, chunks)


def graph_counts(store: GraphStore) -> dict[str, dict[str, int]]:
    """Label and relationship counts, without :data:`BOOKKEEPING_LABELS`."""
    counts = store.counts()
    counts["nodes"] = {label: n for label, n in counts["nodes"].items() if label not in BOOKKEEPING_LABELS}
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engine", choices=["falkordb", "neo4j", "both"], default="falkordb")
    parser.add_argument("--sizes", default="1000,3000,10000", help="comma-separated document counts")
    parser.add_argument("--batch", type=int, default=100, help="documents per baseline batch")
    parser.add_argument("--rounds", type=int, default=2, help="alternating runs of each loader (fastest counts)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    all_docs = cached_records(max(sizes), args.seed)
    engines = ["falkordb", "neo4j"] if args.engine == "both" else [args.engine]
    print(f"{'engine':9s} {'docs':>6s} {'measures':>8s} {'policykg s':>10s} {'baseline s':>10s} {'ratio':>6s} "
          f"{'ms/doc':>7s} {'params s':>8s} same graph", flush=True)
    for engine in engines:
        with tempfile.TemporaryDirectory(prefix=f"bench-ingest-{engine}-") as home, \
                engine_store(engine, Path(home)) as store:
            for size in sizes:
                load_before = _load_average()
                run = bench_size(store, all_docs[:size], args.batch, args.rounds)
                print(f"{run.engine:9s} {run.docs:6d} {run.measures:8d} {run.policykg_s:10.1f} "
                      f"{run.baseline_s:10.1f} {run.ratio:6.2f} {1000 * run.policykg_s / run.docs:7.2f} "
                      f"{run.params_s:8.1f} {run.same_graph}  (load average {load_before} -> {_load_average()})",
                      flush=True)
                if len(run.chunks) > 1:
                    print(f"{'':16s} policykg ms/doc per 1000 documents: "
                          + " ".join(f"{ms:.1f}" for ms in run.chunks), flush=True)


def _load_average() -> str:
    """The 1-minute load average: the machine is shared, so each figure says what it ran beside."""
    return f"{os.getloadavg()[0]:.1f}"


if __name__ == "__main__":
    main()
