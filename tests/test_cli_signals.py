"""SIGTERM (docker stop, a supervisor) stops a CLI run cleanly, including the embedded server it started.

Embedded FalkorDB only: the Neo4j server is never started by the CLI process it serves.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path

import httpx
from commands import POLICYKG, terminate
from record_files import write_record_files

from policykg.graph._process import pid_is_alive
from policykg.loaders.records import PolicyDoc


def test_sigterm_during_ingest_stops_the_embedded_server_it_started(tmp_path: Path,
                                                                   seed_records: list[PolicyDoc]) -> None:
    folder = tmp_path / "records"
    copies = [seed_records[n % len(seed_records)] for n in range(40)]  # still running when the signal comes
    write_record_files(folder, [doc.model_copy(update={"doc_id": f"{doc.doc_id}-{n}"})
                                for n, doc in enumerate(copies)])
    home = tmp_path / "home"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("POLICYKG_", "NEO4J_"))}
    env |= {"POLICYKG_HOME": str(home), "POLICYKG_ENGINE": "falkordb"}
    process = subprocess.Popen([*POLICYKG, "ingest", str(folder), "--no-overlaps"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    saved = home / "records"
    deadline = time.monotonic() + 120
    while len(list(saved.glob("*.json"))) < 3 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert process.poll() is None, "the ingest ended before it could be interrupted"
    pid_file = home / "falkordb" / "falkordb.pid"
    server_pid = int(pid_file.read_text().strip())
    assert pid_is_alive(server_pid)

    terminate(process)
    for _ in range(200):
        if not pid_is_alive(server_pid):
            break
        time.sleep(0.05)
    assert not pid_is_alive(server_pid), "the embedded FalkorDB server was left running"
    assert len(list(saved.glob("*.json"))) < 40


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_sigterm_stops_serve_and_the_embedded_server_it_started(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("POLICYKG_", "NEO4J_"))}
    env |= {"POLICYKG_HOME": str(home), "POLICYKG_ENGINE": "falkordb"}
    port = _free_port()
    process = subprocess.Popen([*POLICYKG, "serve", "--port", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline:
            try:  # a request that needs the store: the app opens it (and starts its server) on first use
                if httpx.get(f"http://127.0.0.1:{port}/topics", timeout=10).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        server_pid = int((home / "falkordb" / "falkordb.pid").read_text().strip())
        assert pid_is_alive(server_pid)
        terminate(process)
    finally:
        process.kill()
        process.wait()
    assert not pid_is_alive(server_pid), "the embedded FalkorDB server was left running"
