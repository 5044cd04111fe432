"""Requests/s and latency of three API endpoints under a bounded load from a second process (loopback only).

    python bench/bench_api.py --engine falkordb --docs 10000 [--requests 400] [--concurrency 8] [--seconds 30]

The store is the one ``bench/bench_queries.py`` loads (``$TMPDIR/policykg-bench/store-<engine>-<N>``,
loaded on first use). The app runs in a ``uvicorn`` subprocess on 127.0.0.1 (one worker, as
``policykg serve``); the load comes from another subprocess (this file with ``load``): an asyncio
+ httpx client keeping ``--concurrency`` requests in flight, ``--requests`` per endpoint and at
most ``--seconds`` per endpoint, after 3 warm-up requests. Both share the machine's cores with
the server, so the figures are a floor, not a capacity plan.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
WARMUP = 3


def endpoints(s: dict) -> dict[str, str]:
    """Representative endpoints: a topic question, a city profile, full-text search, and the profile
    of the busiest agency (one page of its thousands of measures since the profile is paginated).
    """
    province = quote(s["province"])
    return {
        "topic agencies": f"/topics/{quote('绿色')}/agencies?province={province}",
        "city profile": f"/cities/{quote(s['city'])}",
        "search": f"/search?q={quote('印染')}",
        "agency profile": f"/agencies/{quote(s['agency'])}?province={province}",
    }


# --- the load generator (runs in its own process) -------------------------------------------


async def _load(url: str, requests: int, concurrency: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors = 0
    issued = 0
    statuses: set[int] = set()
    deadline = 0.0

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal issued, errors
        while issued < requests and time.perf_counter() < deadline:
            issued += 1
            started = time.perf_counter()
            response = await client.get(url)
            latencies.append((time.perf_counter() - started) * 1000)
            errors += response.status_code != 200
            statuses.add(response.status_code)

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=30.0) as client:
        for _ in range(WARMUP):
            statuses.add((await client.get(url)).status_code)
        deadline = time.perf_counter() + seconds
        started = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return {"requests": len(latencies), "errors": errors, "statuses": sorted(statuses), "seconds": elapsed,
            "rps": len(latencies) / elapsed,
            "p50": latencies[len(latencies) // 2],
            "p99": latencies[min(len(latencies) - 1, round(0.99 * (len(latencies) - 1)))]}


def load_main(argv: list[str]) -> None:
    url, requests, concurrency, seconds = argv[0], int(argv[1]), int(argv[2]), float(argv[3])
    if not url.startswith("http://127.0.0.1:"):
        raise SystemExit("loopback only")
    print(json.dumps(asyncio.run(_load(url, requests, concurrency, seconds))))


# --- the server and the run ---------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_up(base: str, server: subprocess.Popen, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"uvicorn exited with {server.returncode}")
        try:
            if httpx.get(base + "/ready", timeout=30.0).status_code == 200:  # the engine answers
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit("uvicorn did not come up")


def server_env(store: object) -> dict[str, str]:
    settings = store.settings  # type: ignore[attr-defined]
    env = dict(os.environ, POLICYKG_HOME=str(settings.home), POLICYKG_ENGINE=settings.resolved_engine,
               POLICYKG_GRAPH=settings.graph_name)
    if settings.neo4j_uri:
        env["NEO4J_URI"] = settings.neo4j_uri
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engine", choices=["falkordb", "neo4j"], default="falkordb")
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=400, help="requests per endpoint (bounded)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0, help="at most this long per endpoint")
    args = parser.parse_args()
    from bench_queries import loaded_store, samples

    with loaded_store(args.engine, args.docs) as store:
        s = samples(store)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", "policykg.api.app:create_app",
             "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"],
            env=server_env(store))
        try:
            wait_up(base, server)
            print(f"{args.engine}, {args.docs} documents; {args.requests} requests per endpoint, "
                  f"{args.concurrency} in flight, at most {args.seconds:.0f} s each", flush=True)
            print(f"{'endpoint':16s} {'req/s':>7s} {'p50 ms':>7s} {'p99 ms':>7s} {'requests':>8s} errors  path")
            for label, path in endpoints(s).items():
                out = subprocess.run([sys.executable, __file__, "load", base + path, str(args.requests),
                                      str(args.concurrency), str(args.seconds)],
                                     capture_output=True, text=True, check=True, timeout=args.seconds + 300)
                r = json.loads(out.stdout)
                print(f"{label:16s} {r['rps']:7.1f} {r['p50']:7.1f} {r['p99']:7.1f} {r['requests']:8d} "
                      f"{r['errors']:6d}  {path}  (HTTP {r['statuses']})", flush=True)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "load":
        load_main(sys.argv[2:])
    else:
        main()
