"""Load test of the API (issue 16): 50 concurrent clients over the whole query catalogue for 60 s.

    python bench/bench_load.py --engine falkordb|neo4j [--docs 200] [--clients 50] [--seconds 60]

The store is the one ``bench/bench_queries.py`` loads (``$TMPDIR/policykg-bench/store-<engine>-<N>``,
synthetic documents, loaded on first use). ``policykg serve`` runs on 127.0.0.1 as a user runs
it; the load comes from a second process (this file with ``load``): ``--clients`` asyncio
clients, each with its own connection, each sending one request after the other for
``--seconds``, every client walking the catalogue (``GET /queries/{name}`` with the
parameters of ``bench_queries.query_params``) from its own starting point. Bounded: loopback
only, a fixed number of clients, a fixed duration, 30 s at most per request. Prints the
requests, the error rate (any answer but 200, or no answer), latency percentiles overall and
per query, and the peak resident memory of the API process and of the engine. Exits 1 when
any request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
REQUEST_TIMEOUT_S = 30.0
LOOPBACK = "http://127.0.0.1:"


# --- the load generator (runs in its own process) -------------------------------------------


async def _client(http: httpx.AsyncClient, paths: list[str], start: int, deadline: float,
                  results: list[tuple[str, int, float]]) -> None:
    n = start
    while time.perf_counter() < deadline:
        path = paths[n % len(paths)]
        n += 1
        started = time.perf_counter()
        try:
            status = (await http.get(path)).status_code
        except httpx.HTTPError:
            status = 0  # no answer (timeout, connection refused or reset)
        results.append((path, status, (time.perf_counter() - started) * 1000))


async def _load(base: str, paths: list[str], clients: int, seconds: float) -> list[tuple[str, int, float]]:
    results: list[tuple[str, int, float]] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=REQUEST_TIMEOUT_S) as http:
        for path in paths:  # one untimed round: plan caches, name resolution
            await http.get(path)
        deadline = time.perf_counter() + seconds
        step = max(1, len(paths) // clients) if clients < len(paths) else 1
        await asyncio.gather(*(_client(http, paths, i * step, deadline, results) for i in range(clients)))
    return results


def load_main(argv: list[str]) -> None:
    base, clients, seconds = argv[0], int(argv[1]), float(argv[2])
    if not base.startswith(LOOPBACK):
        raise SystemExit("loopback only")
    paths = json.loads(sys.stdin.read())
    print(json.dumps(asyncio.run(_load(base, paths, clients, seconds))))


# --- the server and the run ---------------------------------------------------------------


def catalogue_paths(s: dict) -> dict[str, str]:
    """``GET /queries/{name}?…`` for every query of the catalogue, with parameters that find rows."""
    from bench_queries import query_params

    from policykg.queries.catalogue import list_queries

    params = query_params(s)
    missing = sorted({q.name for q in list_queries()} - set(params))
    if missing:
        raise SystemExit(f"no parameters for {', '.join(missing)} in bench_queries.query_params")
    return {name: f"/queries/{name}" + (f"?{urlencode(p, quote_via=quote)}" if p else "")
            for name, p in sorted(params.items())}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def peak_mb(pid: int | None) -> float | None:
    """The peak resident memory (VmHWM) of a process in MiB; None when it cannot be read."""
    if pid is None:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def engine_pid(store: object) -> int | None:
    server = getattr(store, "server", None)  # FalkorDB: the embedded server
    if server is not None:
        return int(server.pid_path.read_text().strip())
    return _listening_pid(int(store.settings.neo4j_uri.rsplit(":", 1)[1]))  # type: ignore[attr-defined]


def _listening_pid(port: int) -> int | None:
    """The pid of the process listening on 127.0.0.1:port (the Neo4j launcher's JVM), from /proc."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):  # a JVM listens on a dual-stack (tcp6) socket
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                inodes.add(fields[9])
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            for fd in (proc / "fd").iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:[") and target[8:-1] in inodes:
                    return int(proc.name)
        except OSError:
            continue
    return None


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def report(results: list[tuple[str, int, float]], names: dict[str, str], seconds: float) -> int:
    """Print the figures; the number of failed requests."""
    failed = [r for r in results if r[1] != 200]
    latencies = [r[2] for r in results]
    print(f"requests {len(results)}  ({len(results) / seconds:.1f}/s)  failed {len(failed)} "
          f"(error rate {len(failed) / max(1, len(results)):.4%})  statuses {sorted({r[1] for r in results})}")
    print(f"latency ms: p50 {percentile(latencies, 0.5):.0f}  p95 {percentile(latencies, 0.95):.0f}  "
          f"p99 {percentile(latencies, 0.99):.0f}  max {max(latencies, default=float('nan')):.0f}")
    print(f"{'query':24s} {'requests':>8s} {'failed':>6s} {'p50 ms':>7s} {'p99 ms':>7s}")
    by_path = {path: name for name, path in names.items()}
    for path, name in sorted(by_path.items(), key=lambda item: item[1]):
        mine = [r for r in results if r[0] == path]
        times = [r[2] for r in mine]
        print(f"{name:24s} {len(mine):8d} {sum(r[1] != 200 for r in mine):6d} "
              f"{percentile(times, 0.5):7.0f} {percentile(times, 0.99):7.0f}")
    return len(failed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engine", choices=["falkordb", "neo4j"], default="falkordb")
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    from bench_api import server_env
    from bench_queries import loaded_store, samples

    from policykg.graph.neo4j_server import SERVING_HEAP

    with loaded_store(args.engine, args.docs, heap=SERVING_HEAP if args.engine == "neo4j" else None) as store:
        names = catalogue_paths(samples(store))
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        script = Path(sys.executable).parent / "policykg"
        log = tempfile.TemporaryFile(mode="w+")  # a file, not a pipe: a pipe not read would block the server
        server = subprocess.Popen([str(script), "serve", "--host", "127.0.0.1", "--port", str(port)],
                                  env=server_env(store), stderr=log, text=True)
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                try:
                    if httpx.get(base + "/ready", timeout=30).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.3)
            print(f"{args.engine}, {args.docs} documents, {len(names)} catalogue queries; "
                  f"{args.clients} clients for {args.seconds:.0f} s; load average {os.getloadavg()[0]:.1f} "
                  f"on {os.cpu_count()} cores", flush=True)
            started = time.monotonic()
            load = subprocess.run([sys.executable, __file__, "load", base, str(args.clients), str(args.seconds)],
                                  input=json.dumps(list(names.values())), capture_output=True, text=True,
                                  check=True, timeout=args.seconds + 600)
            elapsed = time.monotonic() - started
            failed = report(json.loads(load.stdout), names, min(elapsed, args.seconds))
            api, engine = peak_mb(server.pid), peak_mb(engine_pid(store))
            print(f"peak RSS: API {api:.0f} MiB, engine "
                  + (f"{engine:.0f} MiB" if engine is not None else "unknown")
                  + f"; load average after {os.getloadavg()[0]:.1f}", flush=True)
        finally:
            server.terminate()
            server.wait(timeout=60)
            log.seek(0)
            errors = log.read()
    if errors.strip():
        print("server log (end):\n" + errors[-3000:])
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "load":
        load_main(sys.argv[2:])
    else:
        main()
