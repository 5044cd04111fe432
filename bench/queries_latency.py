"""Median latency of each named query on the configured store (load the seed corpus first: `policykg up` or ingest).

    POLICYKG_ENGINE=falkordb python bench/queries_latency.py [REPEATS]
"""

from __future__ import annotations

import statistics
import sys
import time

from policykg.graph.store import open_store
from policykg.queries.catalogue import run_query

SAMPLES = {
    "agencies": {"limit": 50},
    "agencies_leading_topic": {"topic": "绿色"},
    "agency_profile": {"agency": "省工信厅", "province": "广东省"},
    "agency_network": {"province": "广东省", "limit": 500},
    "cluster_cities": {"province": "广东省", "limit": 500},
    "city_profile": {"city": "东莞"},
    "province_topic_matrix": {},
    "targets": {"limit": 500},
    "measure": {"id": "000_e7837287f54dd743-36e83a9ffb#19"},
    "search": {"q": "印染"},
    "agency_type_comparison": {"topic": "green_dyeing"},
    "compare_provinces": {"a": "广东", "b": "湖南"},
    "topics": {},
}


def main(repeats: int = 20) -> None:
    with open_store() as store:
        print(f"engine {store.engine}, {repeats} runs each")
        for name, params in SAMPLES.items():
            times = []
            for _ in range(repeats):
                started = time.perf_counter()
                rows = run_query(store, name, params)
                times.append((time.perf_counter() - started) * 1000)
            print(f"{name:24s} {statistics.median(times):7.1f} ms median  {len(rows):4d} rows")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
