"""A real Neo4j 5.26 Community server, run from the ``tools/neo4j`` launcher jar.

For tests and for users without Docker::

    with Neo4jServer.start(Path("/tmp/kg")) as server:
        driver = neo4j.GraphDatabase.driver(server.uri)

The launcher (built by ``tools/neo4j/build.sh``) prints ``READY bolt://127.0.0.1:PORT``
once the database is available. An attached server (the default) also stops when
this process dies, because the launcher watches its standard input; a detached one
(``policykg neo4j start``) runs in its own session until stopped by pid.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from urllib.parse import urlparse

from policykg.errors import StoreError
from policykg.graph._process import pid_is_alive
from policykg.settings import Settings

LAUNCHER_ENV = "POLICYKG_NEO4J_LAUNCHER"
JAR_NAME = "policykg-neo4j-launcher.jar"
BUILD_SCRIPT = "tools/neo4j/build.sh"
LOG_NAME = "launcher.log"
PASSWORD_ENV = "POLICYKG_NEO4J_LAUNCHER_PASSWORD"
READY_PREFIX = "READY "
# Modest memory for a shared 2-core machine: a heap growing from 128 MiB to 512 MiB, the serial
# collector (measured ~40-130 MiB less RSS than G1, and no slower to start); the launcher sets a
# 128 MiB page cache. Under sustained query load the growing heap stays near 150 MiB and the
# old generation fills: ~100 ms full collections every second or so (bench/README.md). A server
# that answers queries should get a fixed heap (``heap="512m"``), as docker-compose.yml does.
DEFAULT_HEAP = ("128m", "512m")
SERVING_HEAP = "512m"  # what `policykg neo4j start` and bench_queries.py give a server
JVM_OPTIONS = (
    "-XX:+UseSerialGC",
    "-XX:+ExitOnOutOfMemoryError",
    "-Dfile.encoding=UTF-8",
)
_MEMORY_SIZE = re.compile(r"[1-9][0-9]*[kmg]")
START_TIMEOUT_S = 180.0
STOP_TIMEOUT_S = 30.0
LOG_TAIL_LINES = 30


def _memory_options(pagecache: str | None, heap: str | None) -> tuple[list[str], list[str]]:
    """The JVM's heap options and the launcher's page cache option; StoreError names a malformed size."""
    for name, value in (("pagecache", pagecache), ("heap", heap)):
        if value is not None and not _MEMORY_SIZE.fullmatch(value):
            raise StoreError(f"{name} must be a size such as 512m or 2g, got {value!r}")
    low, high = (heap, heap) if heap else DEFAULT_HEAP
    return [f"-Xms{low}", f"-Xmx{high}"], ["--pagecache", pagecache] if pagecache else []


def find_launcher(settings: Settings | None = None) -> Path:
    """The launcher jar: ``POLICYKG_NEO4J_LAUNCHER``; else ``$POLICYKG_HOME/neo4j/`` holding the jar (where an
    installed policykg, a wheel without the source tree, finds a jar built elsewhere); else
    ``tools/neo4j/target`` of the source checkout this module runs from. StoreError says which to do."""
    settings = settings or Settings()  # read now: a test or a shell may have just set the variable
    if settings.neo4j_launcher is not None:
        path = settings.neo4j_launcher.expanduser()
        if not path.is_file():
            raise StoreError(f"{LAUNCHER_ENV}={settings.neo4j_launcher} does not name a file")
        return path
    installed = settings.home / "neo4j" / JAR_NAME
    if installed.is_file():
        return installed
    checkout = Path(__file__).resolve().parents[1]
    built = checkout / "tools" / "neo4j" / "target" / JAR_NAME
    if built.is_file():
        return built
    if (checkout / BUILD_SCRIPT).is_file():
        raise StoreError(f"the Neo4j launcher is not built ({built} is missing): run {BUILD_SCRIPT}, "
                         f"or point {LAUNCHER_ENV} at a built {JAR_NAME}")
    raise StoreError(f"no Neo4j launcher: this installation has no source tree to build it in. Build it in a "
                     f"checkout of policykg ({BUILD_SCRIPT}) and point {LAUNCHER_ENV} at the {JAR_NAME} it makes, "
                     f"or copy that jar to {installed}")


def find_java() -> str:
    """``$JAVA_HOME/bin/java`` when set, else ``java`` on the PATH (Java 17 or 21)."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        return str(Path(java_home) / "bin" / "java")
    java = shutil.which("java")
    if java is None:
        raise StoreError("java is not installed (Neo4j 5.26 needs Java 17 or 21)")
    return java


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_is_open(port: int, host: str = "127.0.0.1") -> bool:
    """Whether something accepts TCP connections on ``host:port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1.0)
        return sock.connect_ex((host, port)) == 0


def log_tail(log_path: Path, lines: int = LOG_TAIL_LINES) -> str:
    """The last ``lines`` lines of a log file ('' when there is none)."""
    try:
        text = log_path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


def root_cause(log_path: Path) -> str:
    """The innermost ``Caused by:`` line of the last Java stack trace in the log ('' when none)."""
    causes = [line.strip() for line in log_tail(log_path, 10_000).splitlines() if line.startswith("Caused by:")]
    return causes[-1] if causes else ""


def pid_is_launcher(pid: int) -> bool:
    """Whether ``pid`` runs the launcher jar (guards against a reused pid)."""
    cmdline = Path(f"/proc/{pid}/cmdline")
    if not cmdline.exists():
        return pid_is_alive(pid)
    try:
        return JAR_NAME in cmdline.read_bytes().decode("utf-8", "replace")
    except OSError:
        return False


def stop_pid(pid: int, timeout: float = STOP_TIMEOUT_S) -> None:
    """SIGTERM a launcher by pid, wait up to ``timeout`` seconds, then SIGKILL it."""
    if not pid_is_alive(pid):
        return
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not pid_is_alive(pid):
            return
        time.sleep(0.1)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return


class Neo4jServer:
    """A running launcher process and the Bolt URI it serves."""

    def __init__(self, process: subprocess.Popen[bytes], port: int, data_dir: Path, log_path: Path) -> None:
        self.process = process
        self.port = port
        self.data_dir = data_dir
        self.log_path = log_path

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        return self.process.pid

    @classmethod
    def start(
        cls,
        data_dir: Path,
        port: int | None = None,
        *,
        password: str | None = None,
        timeout: float = START_TIMEOUT_S,
        detached: bool = False,
        pagecache: str | None = None,
        heap: str | None = None,
    ) -> Neo4jServer:
        """Start Neo4j on ``127.0.0.1:port`` (a free port when None) with its store under ``data_dir``.

        Without ``password`` authentication is off (any credentials are accepted); with it,
        user ``neo4j`` has that password. ``detached`` runs the server in its own session,
        independent of this process. ``pagecache`` sizes Neo4j's page cache (``512m``, ``2g``;
        the launcher's default is 128m); ``heap`` fixes the JVM heap at that size (default:
        growing from 128m to 512m). Raises StoreError on a malformed size, and with the tail
        of the log when the server exits or is not ready within ``timeout`` seconds.
        """
        jvm_memory, launcher_memory = _memory_options(pagecache, heap)
        jar = find_launcher()
        java = find_java()
        data_dir = Path(data_dir).expanduser().resolve()
        data_dir.mkdir(parents=True, exist_ok=True)
        chosen = port if port is not None else free_port()
        log_path = data_dir / LOG_NAME
        command = [java, *jvm_memory, *JVM_OPTIONS, "-jar", str(jar), "--data", str(data_dir),
                   "--port", str(chosen), *launcher_memory]
        env = {key: value for key, value in os.environ.items() if key != PASSWORD_ENV}
        if password is not None:
            env[PASSWORD_ENV] = password  # not on the command line, where `ps` would show it
        if detached:
            command.append("--no-stdin-watch")
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL if detached else subprocess.PIPE,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=detached,
                env=env,
            )
        server = cls(process, chosen, data_dir, log_path)
        server._wait_ready(timeout)
        return server

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._log_says_ready():
                return
            code = self.process.poll()
            if code is not None:
                self.stop()  # closes our end of its stdin
                cause = root_cause(self.log_path)
                raise StoreError(
                    f"Neo4j exited with code {code} before it was ready on port {self.port}"
                    + (f" ({cause})" if cause else "")
                    + f"; log {self.log_path}:\n{log_tail(self.log_path)}"
                )
            time.sleep(0.2)
        self.stop()
        raise StoreError(
            f"Neo4j was not ready within {timeout:.0f} s on port {self.port}; "
            f"log {self.log_path}:\n{log_tail(self.log_path)}"
        )

    def _log_says_ready(self) -> bool:
        try:
            with self.log_path.open("rb") as log:
                return any(line.startswith(READY_PREFIX.encode()) for line in log)
        except OSError:
            return False

    def is_running(self) -> bool:
        return self.process.poll() is None

    def stop(self, timeout: float = STOP_TIMEOUT_S) -> None:
        """SIGTERM the server (a clean Neo4j shutdown), wait, and SIGKILL it after ``timeout`` s."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdin is not None:
            self.process.stdin.close()

    def __enter__(self) -> Neo4jServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"Neo4jServer(uri={self.uri!r}, pid={self.pid}, data_dir={str(self.data_dir)!r})"


# ---------------------------------------------------------------- the local server of `policykg neo4j`

DEFAULT_PORT = 7687


@dataclass(frozen=True)
class LocalNeo4j:
    """The local server ``policykg neo4j start`` runs in the background: its pid and Bolt URI, kept in
    ``$POLICYKG_HOME/neo4j`` so that later commands find it."""

    pid: int
    uri: str

    @property
    def answering(self) -> bool:
        """Whether its Bolt port accepts connections."""
        return port_is_open(urlparse(self.uri).port or DEFAULT_PORT)


def _state_dir(settings: Settings) -> Path:
    return settings.home / "neo4j"


def running_local(settings: Settings) -> LocalNeo4j | None:
    """The local server started earlier, if it still runs (its pid runs the launcher: not a reused pid)."""
    folder = _state_dir(settings)
    try:
        pid = int((folder / "server.pid").read_text().strip())
        uri = (folder / "server.uri").read_text().strip()
    except (OSError, ValueError):
        return None
    return LocalNeo4j(pid, uri) if pid_is_launcher(pid) else None


def start_local(settings: Settings, data: Path | None = None, port: int = DEFAULT_PORT, password: str | None = None,
                timeout: float = 180.0, heap: str | None = SERVING_HEAP, pagecache: str | None = None,
                ) -> tuple[LocalNeo4j, Neo4jServer | None]:
    """Start the local server in the background, or find the one running; ``(server, started)`` where
    ``started`` is None when it was already running. StoreError when the port is taken or it fails to start."""
    found = running_local(settings)
    if found is not None:
        return found, None
    if port_is_open(port):
        raise StoreError(f"port {port} is already in use; pick another with --port")
    folder = _state_dir(settings)
    server = Neo4jServer.start(data if data is not None else folder / "data", port, password=password,
                               timeout=timeout, detached=True, pagecache=pagecache, heap=heap)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "server.pid").write_text(f"{server.pid}\n")
    (folder / "server.uri").write_text(f"{server.uri}\n")
    return LocalNeo4j(server.pid, server.uri), server


def stop_local(settings: Settings, timeout: float = 30.0) -> int | None:
    """Stop the local server (a clean shutdown, killed after ``timeout`` seconds); its pid, None when none ran."""
    found = running_local(settings)
    if found is not None:
        stop_pid(found.pid, timeout)
    folder = _state_dir(settings)
    (folder / "server.pid").unlink(missing_ok=True)
    (folder / "server.uri").unlink(missing_ok=True)
    return found.pid if found is not None else None
