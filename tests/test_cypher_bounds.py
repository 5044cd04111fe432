"""``POST /cypher`` is bounded inside the engine (issue 16, item 2), through ``policykg serve``, on both engines.

Before, ``UNWIND range(1,10000000) AS x RETURN x, x AS y`` answered 200 after 35 s with the API
at 4.3 GB and FalkorDB at 2.7 GB: the row cap was applied after the whole result had been
fetched and parsed. Now the engine stops at the cap (FalkorDB: a LIMIT it applies; Neo4j: the
driver pulls one batch of cap + 1 records and the server discards the rest) and at the
timeout, and at most POLICYKG_CYPHER_CONCURRENCY statements run at once. Each call must end
within the timeout + 1 s, and the peak resident memory of the API process and the growth of
the engine's stay under the bounds below (the peak, VmHWM, is read from /proc).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from commands import POLICYKG

from policykg.graph.store import GraphStore

TIMEOUT_MS = 2000
ROW_CAP = 1000
CONCURRENCY = 2
BIG = "UNWIND range(1,10000000) AS x RETURN x, x AS y"
# Billions of combinations on the seed graph, each compared (no engine can count them from its statistics).
SLOW = "MATCH (a), (b), (c), (d) WHERE a.doc_id = b.doc_id + c.doc_id + d.doc_id RETURN count(*) AS n"
API_PEAK_MB = 600  # the API process at its highest (the interpreter, the extractor's tables, the requests)
ENGINE_GROWTH_MB = 600  # what the engine may grow by (FalkorDB builds range(1,10000000) as a list: 160 MB a call)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def memory_mb(pid: int, field: str) -> float:
    """``VmRSS`` (now) or ``VmHWM`` (peak) of a process, in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no {field} for pid {pid}")


@pytest.fixture()
def api(seed_store: GraphStore, engine_env: dict[str, str]) -> Iterator[tuple[str, int]]:
    """``policykg serve`` with /cypher on, over the seed graph: its base URL and pid."""
    port = _free_port()
    env = {**os.environ, **engine_env, "POLICYKG_CYPHER_ENDPOINT": "true",
           "POLICYKG_CYPHER_TIMEOUT_MS": str(TIMEOUT_MS), "POLICYKG_CYPHER_ROW_CAP": str(ROW_CAP),
           "POLICYKG_CYPHER_CONCURRENCY": str(CONCURRENCY)}
    process = subprocess.Popen([*POLICYKG, "serve", "--port", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if httpx.get(f"{base}/ready", timeout=10).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        yield base, process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def _post(base: str, query: str) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = httpx.post(f"{base}/cypher", json={"query": query}, timeout=60)
    return response, time.monotonic() - started


def test_adhoc_cypher_is_capped_and_stopped_inside_the_engine_with_bounded_memory(
        api: tuple[str, int], engine_pid: int | None) -> None:
    base, api_pid = api
    assert _post(base, "RETURN 1 AS one")[0].status_code == 200
    engine_before = memory_mb(engine_pid, "VmRSS") if engine_pid else None

    limit_s = TIMEOUT_MS / 1000 + 1
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        answers = [*pool.map(lambda _: _post(base, BIG), range(2 * CONCURRENCY))]
    for response, seconds in answers:
        assert response.status_code == 200, response.text[:300]
        body = response.json()
        assert body["row_count"] == ROW_CAP and body["truncated"] is True
        assert sorted(body["columns"]) == ["x", "y"] and body["rows"][0]["x"] == body["rows"][0]["y"]
        assert seconds < limit_s, f"{seconds:.1f} s"

    stopped, seconds = _post(base, SLOW)
    assert stopped.status_code == 400 and f"{TIMEOUT_MS} ms" in stopped.json()["detail"], stopped.text[:300]
    assert seconds < limit_s, f"{seconds:.1f} s"

    with ThreadPoolExecutor(CONCURRENCY + 1) as pool:  # one more than may run at once
        statuses = sorted(response.status_code for response, _ in pool.map(lambda _: _post(base, SLOW),
                                                                           range(CONCURRENCY + 1)))
    assert statuses == [400] * CONCURRENCY + [429], statuses

    api_peak = memory_mb(api_pid, "VmHWM")
    print(f"API peak {api_peak:.0f} MiB", end="")
    assert api_peak < API_PEAK_MB
    if engine_pid is not None and engine_before is not None:
        growth = memory_mb(engine_pid, "VmHWM") - engine_before
        print(f"; engine grew {growth:.0f} MiB at most (from {engine_before:.0f} MiB)")
        assert growth < ENGINE_GROWTH_MB
