"""p50/p99 of every catalogue query on a store holding N synthetic documents, per engine.

    python bench/bench_queries.py --engine both --docs 10000 [--runs 100] [--warmup 100] [--explain] [--plain]

The store is loaded once from the cached records of ``bench/bench_ingest.py`` (same
synthetic documents) into ``$TMPDIR/policykg-bench/store-<engine>-<N>`` and reused by
later runs (and by ``bench/bench_api.py``); ``--loader policykg`` loads it with
``write_document`` instead of the (faster, same graph) bulk baseline. Each query runs
through ``catalogue.run_query`` (validation, name resolution, the statement), as the
API does, ``--runs`` times after ``--warmup`` untimed rounds over all the queries; ``--explain`` prints the operators
that scan a whole label (FalkorDB ``GRAPH.EXPLAIN``, Neo4j ``EXPLAIN``). The process is
set up as the API server's: name-resolution tables loaded then ``gc.freeze()``
(``policykg.queries.catalogue.prepare_queries``), and the store read through the API's
``NameCache`` (resolved names remembered 30 s). ``--plain`` runs without both, as a
one-off caller of ``run_query`` would.

The overlap queries run too, but without SIMILAR_TO edges (the benchmark does not
compute overlaps over 300k measures), so they only show their fixed cost.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from policykg.graph.neo4j_server import SERVING_HEAP
from policykg.graph.store import GraphStore
from policykg.graph.summaries import refresh_all
from policykg.queries.catalogue import (
    get_query,
    list_queries,
    prepare_queries,
    resolve_params,
    run_query,
    validate_params,
)
from policykg.queries.name_cache import NameCache

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_ingest import CACHE, cached_records, clear, engine_store, load_baseline, load_policykg  # noqa: E402

SAMPLES = HERE / "query_samples.cypher"
AGENCY_TOPIC_QUERIES = ("agencies", "agencies_leading_topic", "agency_profile", "agency_network",
                        "agency_type_comparison", "topic_subgraph", "topics", "province_topic_matrix")
_SAMPLE_LINE = re.compile(r"^//\s*sample:\s*(\w+)\s*$", re.MULTILINE)
_SCANS = re.compile(r"Label Scan|All Node Scan|AllNodesScan|NodeByLabelScan|RelationshipTypeScan|"
                    r"DirectedRelationshipTypeScan|UndirectedRelationshipTypeScan")


@contextmanager
def loaded_store(engine: str, n_docs: int, loader: str = "baseline", pagecache: str | None = None,
                 heap: str | None = None) -> Iterator[GraphStore]:
    """A store of ``engine`` holding the first ``n_docs`` cached documents, loaded once and kept
    (Neo4j: ``pagecache`` and ``heap`` size the server's memory)."""
    home = CACHE / f"store-{engine}-{n_docs}"
    marker = home / "loaded.json"
    home.mkdir(parents=True, exist_ok=True)
    with engine_store(engine, home, pagecache=pagecache, heap=heap) as store:
        if not marker.exists():
            docs = cached_records(n_docs)
            clear(store)
            started = time.perf_counter()
            if loader == "policykg":
                load_policykg(store, docs)
            else:
                load_baseline(store, docs, 100)
            seconds = time.perf_counter() - started
            marker.write_text(json.dumps({"docs": n_docs, "loader": loader, "seconds": round(seconds, 1)}))
            print(f"{engine}: loaded {n_docs} documents with the {loader} loader in {seconds:.0f} s", flush=True)
        loaded = json.loads(marker.read_text())
        if "summary_seconds" not in loaded:  # the bulk loader writes no pending marks: rebuild every province
            started = time.perf_counter()
            stats = refresh_all(store)
            loaded["summary_seconds"] = round(time.perf_counter() - started, 1)
            marker.write_text(json.dumps(loaded))
            print(f"{engine}: summaries of {len(stats.provinces)} provinces ({stats.edges} edges) in "
                  f"{loaded['summary_seconds']} s", flush=True)
        yield store


def sample_statements() -> dict[str, str]:
    """The named statements of query_samples.cypher."""
    statements = {}
    for block in SAMPLES.read_text(encoding="utf-8").split(";"):
        match = _SAMPLE_LINE.search(block)
        if match:
            statements[match.group(1)] = "\n".join(
                line for line in block.splitlines() if not line.strip().startswith("//")).strip()
    return statements


def samples(store: GraphStore) -> dict[str, Any]:
    """Names that exist in the graph: the two largest provinces, an agency, a city, measure ids."""
    statements = sample_statements()
    provinces = [row["province"] for row in store.run_read(statements["provinces"])]
    province = provinces[0]
    agency = store.run_read(statements["agency"], {"province": province})[0]["agency"]
    city = store.run_read(statements["city"], {"province": province})[0]["city"]
    measures = [row["id"] for row in store.run_read(statements["measures"], {"province": province})]
    return {"province": province, "other": provinces[-1], "agency": agency, "city": city, "measures": measures}


def query_params(s: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Parameters of each catalogue query, as a user would pass them (default page sizes)."""
    short = s["province"].removesuffix("省")
    return {
        "agencies": {"province": s["province"]},
        "agencies_leading_topic": {"topic": "绿色", "province": s["province"]},
        "agency_network": {"province": s["province"]},
        "agency_profile": {"agency": s["agency"], "province": s["province"]},
        "agency_type_comparison": {"topic": "green_dyeing"},
        "city_profile": {"city": s["city"]},
        "cluster_cities": {"province": s["province"]},
        "compare_provinces": {"a": short, "b": s["other"]},
        "measure": {"id": s["measures"][0]},
        "measure_overlaps": {"province_a": s["province"]},
        "measures_brief": {"ids": ",".join(s["measures"])},
        "overlaps_for": {"measure": s["measures"][0]},
        "province_overlap": {"a": s["province"], "b": s["other"]},
        "province_reuse_matrix": {},
        "province_topic_matrix": {},
        "search": {"q": "印染"},
        "targets": {"province": s["province"]},
        "topic_subgraph": {"topic": "数字化", "province": s["province"]},
        "topics": {},
    }


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def time_query(store: GraphStore | NameCache, name: str, params: dict[str, Any], runs: int) -> tuple[list[float], int]:
    rows = run_query(store, name, params)  # one more warm-up run, and the row count
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run_query(store, name, params)
        times.append((time.perf_counter() - started) * 1000)
    return times, len(rows)


def round_trips(store: GraphStore, runs: int) -> list[float]:
    """Times of a statement that reads nothing: what every query pays for the call itself."""
    floor = sample_statements()["floor"]
    store.run_read(floor)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        store.run_read(floor)
        times.append((time.perf_counter() - started) * 1000)
    return times


def scans(store: GraphStore, name: str, params: dict[str, Any]) -> list[str]:
    """The whole-label scan operators in the plan of the query's own statement."""
    query = get_query(name)
    values = resolve_params(store, query, validate_params(query, params))
    if store.engine == "falkordb":
        plan = str(store.graph.explain(query.cypher, values))
        return [line.strip() for line in plan.splitlines() if _SCANS.search(line)]
    with store._driver.session(database=store._database) as session:  # noqa: SLF001  (bench-only access)
        summary = session.run("EXPLAIN " + query.cypher, values).consume()
    found: list[str] = []

    def walk(plan: dict[str, Any]) -> None:  # the driver gives the plan as nested dicts
        operator = plan["operatorType"].split("@")[0]
        if _SCANS.search(operator):
            found.append(f"{operator} {plan.get('args', {}).get('Details', '')}")
        for child in plan.get("children", []):
            walk(child)

    walk(summary.plan)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engine", choices=["falkordb", "neo4j", "both"], default="falkordb")
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--loader", choices=["baseline", "policykg"], default="baseline")
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--only", help="comma-separated query names")
    parser.add_argument("--warmup", type=int, default=100,
                        help="untimed rounds over every query before timing (plan caches; the JIT of Neo4j's JVM, "
                             "which 20 rounds did not finish: bench/README.md, sixth session)")
    parser.add_argument("--plain", action="store_true",
                        help="no name cache and no gc.freeze(): run_query as a one-off caller runs it")
    parser.add_argument("--pagecache", default=None,
                        help="Neo4j's page cache, e.g. 512m (default: the launcher's 128m)")
    parser.add_argument("--heap", default=SERVING_HEAP,
                        help=f"Neo4j's fixed JVM heap, as `policykg neo4j start` gives it (default {SERVING_HEAP})")
    args = parser.parse_args()
    logging.getLogger("neo4j").setLevel(logging.ERROR)  # "SIMILAR_TO does not exist" notices of the overlap queries
    engines = ["falkordb", "neo4j"] if args.engine == "both" else [args.engine]
    names = args.only.split(",") if args.only else [q.name for q in list_queries()]
    for engine in engines:
        with loaded_store(engine, args.docs, args.loader, args.pagecache, args.heap) as store:
            counts = store.counts()["nodes"]
            reader: GraphStore | NameCache = store
            if not args.plain:
                prepare_queries()
                reader = NameCache(store)
            s = samples(store)
            params = query_params(s)
            print(f"\n{engine}: {counts.get('Document', 0)} documents, {counts.get('Measure', 0)} measures; "
                  f"samples {s['province']} / {s['agency']} / {s['city']}; {args.runs} runs each; "
                  f"{'plain run_query' if args.plain else 'as the API: name cache, gc.freeze()'}", flush=True)
            print(f"{'query':26s} {'p50 ms':>8s} {'p99 ms':>8s} {'rows':>5s}  target", flush=True)
            for _ in range(args.warmup):  # every query first, so that the engine is warm before any is timed
                for name in names:
                    run_query(reader, name, params.get(name, {}))
            floor = round_trips(store, args.runs)
            print(f"{'(RETURN 1: the floor)':26s} {statistics.median(floor):8.1f} {percentile(floor, 0.99):8.1f}", flush=True)
            for name in names:
                times, rows = time_query(reader, name, params.get(name, {}), args.runs)
                target = "p99<=20" if name in AGENCY_TOPIC_QUERIES else ""
                mark = ("ok" if percentile(times, 0.99) <= 20 else "MISSED") if target else ""
                print(f"{name:26s} {statistics.median(times):8.1f} {percentile(times, 0.99):8.1f} {rows:5d}  "
                      f"{target} {mark}", flush=True)
                if args.explain:
                    for line in scans(store, name, params.get(name, {})):
                        print(f"{'':28s}scan: {line}", flush=True)


if __name__ == "__main__":
    main()
