"""SIGTERM (docker stop, a supervisor) stops a CLI run cleanly, including the embedded server it started.

Embedded FalkorDB only: the Neo4j server is never started by the CLI process it serves.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from record_files import write_record_files

from policykg.graph._process import pid_is_alive
from policykg.loaders.records import PolicyDoc

POLICYKG = [sys.executable, "-c", "from policykg.api.cli import main; main()"]


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

    process.send_signal(signal.SIGTERM)
    _, errors = process.communicate(timeout=60)

    assert process.returncode == 128 + signal.SIGTERM, errors
    assert "Traceback" not in errors
    for _ in range(200):
        if not pid_is_alive(server_pid):
            break
        time.sleep(0.05)
    assert not pid_is_alive(server_pid), "the embedded FalkorDB server was left running"
    assert len(list(saved.glob("*.json"))) < 40
