"""The embedded engine is supervised and never left without an owner (issue 16, item 3).

- ``policykg serve`` reaps its FalkorDB server when it dies and starts it again: requests get
  503 meanwhile, then the same answers; no ``<defunct>`` process stays behind;
- a SIGKILLed ``policykg ingest`` takes its server down with it (the server saves and exits);
- a server left running without its owner (as earlier versions left one) is adopted by the
  next command, which stops it when done.

Embedded FalkorDB only: the tests never start or supervise the Neo4j server a store uses.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx
from commands import POLICYKG, terminate
from record_files import write_record_files

from policykg.graph._process import pid_is_alive
from policykg.graph.falkordb_server import FalkorDBServer
from policykg.loaders.records import PolicyDoc


def _env(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("POLICYKG_", "NEO4J_"))}
    return env | {"POLICYKG_HOME": str(home), "POLICYKG_ENGINE": "falkordb", "POLICYKG_STATUS_CACHE_S": "0"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _server_pid(home: Path) -> int:
    return int((home / "falkordb" / "falkordb.pid").read_text().strip())


def _wait(condition, seconds: float) -> bool:  # noqa: ANN001 - a predicate
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def _exists(pid: int) -> bool:
    """Whether the pid names any process, a zombie (``<defunct>``, not reaped by its parent) included."""
    return Path(f"/proc/{pid}").exists()


def _status(base: str) -> httpx.Response | None:
    try:
        return httpx.get(f"{base}/status", timeout=10)
    except httpx.TransportError:
        return None


def test_serve_restarts_its_killed_engine_and_answers_again(tmp_path: Path, seed_records: list[PolicyDoc]) -> None:
    home = tmp_path / "home"
    loaded = subprocess.run([*POLICYKG, "ingest", "--no-overlaps",
                             *map(str, write_record_files(tmp_path / "records", seed_records[:2]))],
                            env=_env(home), capture_output=True, text=True, timeout=300)
    assert loaded.returncode == 0, loaded.stderr
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([*POLICYKG, "serve", "--port", str(port)], env=_env(home),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert _wait(lambda: (r := _status(base)) is not None and r.status_code == 200, 120), "serve did not answer"
        before = _status(base).json()["counts"]
        first = _server_pid(home)

        os.kill(first, signal.SIGKILL)
        assert _wait(lambda: not _exists(first), 10), "the killed server was left <defunct>"
        assert _wait(lambda: (r := _status(base)) is not None and r.status_code == 200, 30), "no answer again"
        second = _server_pid(home)
        assert second != first and pid_is_alive(second)
        assert _status(base).json()["counts"] == before

        os.kill(second, signal.SIGKILL)  # again: the supervision goes on
        assert _wait(lambda: (r := _status(base)) is not None and r.status_code == 200 and _server_pid(home) != second,
                     30), "no answer after a second kill"
        third = _server_pid(home)
        errors = terminate(process)
    finally:
        process.kill()
        process.wait()
    assert errors.count("restarting it in") >= 2 and f"killed by signal {signal.SIGKILL}" in errors, errors
    assert not pid_is_alive(third), "serve left its engine running"


def test_a_sigkilled_ingest_takes_its_engine_down_with_it(tmp_path: Path, seed_records: list[PolicyDoc]) -> None:
    folder = tmp_path / "records"
    copies = [seed_records[n % len(seed_records)] for n in range(40)]  # still running when the signal comes
    write_record_files(folder, [doc.model_copy(update={"doc_id": f"{doc.doc_id}-{n}"})
                                for n, doc in enumerate(copies)])
    home = tmp_path / "home"
    process = subprocess.Popen([*POLICYKG, "ingest", str(folder), "--no-overlaps"], env=_env(home),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        saved = home / "records"
        assert _wait(lambda: len(list(saved.glob("*.json"))) >= 3 or process.poll() is not None, 120)
        assert process.poll() is None, "the ingest ended before it could be killed"
        server = _server_pid(home)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        process.kill()
        process.wait()
    assert _wait(lambda: not pid_is_alive(server), 30), "the engine of the killed ingest is still running"

    status = subprocess.run([*POLICYKG, "status"], env=_env(home), capture_output=True, text=True, timeout=300)
    assert status.returncode == 0, status.stderr
    assert "policykg graph" in status.stdout
    assert not FalkorDBServer(home / "falkordb").is_running(), "status left a server running"


def test_the_next_command_stops_an_engine_left_without_its_owner(tmp_path: Path) -> None:
    home = tmp_path / "home"
    server = FalkorDBServer(home / "falkordb")
    server.directory.mkdir(parents=True)
    # A server as an earlier version left one: started without an owner record, its starter gone.
    orphan = subprocess.Popen(server._command(), cwd=server.directory, stdin=subprocess.DEVNULL,  # noqa: SLF001
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        assert _wait(server.is_running, 30)
        status = subprocess.run([*POLICYKG, "status"], env=_env(home), capture_output=True, text=True, timeout=300)
        assert status.returncode == 0, status.stderr
        assert "adopting" in status.stderr, status.stderr
        assert _wait(lambda: orphan.poll() is not None, 30), "the ownerless server is still running"
        assert orphan.returncode == 0  # SHUTDOWN SAVE, not a kill
    finally:
        if orphan.poll() is None:
            orphan.kill()
        orphan.wait()
