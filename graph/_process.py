"""Process checks shared by the embedded-server managers (FalkorDB, Neo4j launcher)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Runs a command with the parent-death signal set (Linux prctl PR_SET_PDEATHSIG = 1, kept across
# execve): the command gets SIGTERM when the thread that started it ends, even when its process
# is SIGKILLed. The parent may have died before prctl took effect, so the parent pid given is
# checked afterwards (the orphan exits instead of running the command).
_PARENT_DEATH_EXEC = (
    "import ctypes, os, signal, sys\n"
    "ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM, 0, 0, 0)\n"
    "if os.getppid() != int(sys.argv[1]):\n"
    "    sys.exit(70)\n"
    "os.execv(sys.argv[2], sys.argv[2:])\n"
)


def pid_is_alive(pid: int) -> bool:
    """Whether a process with this pid exists (zombies count as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def start_time(pid: int) -> int | None:
    """When the process started (clock ticks since boot, /proc/<pid>/stat field 22); None when unknown.

    A pid and its start time name one process: a pid reused by a later process has another start time.
    """
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19])
    except (OSError, IndexError, ValueError):
        return None


def ending_with_parent(command: list[str]) -> list[str]:
    """``command`` wrapped so that it gets SIGTERM when this process (the thread starting it) ends.

    Linux only (elsewhere the command as it is). Start it from a thread that lives as long as
    the process: the signal follows the thread that forked, not the process.
    """
    if not sys.platform.startswith("linux"):
        return command
    return [sys.executable, "-I", "-S", "-c", _PARENT_DEATH_EXEC, str(os.getpid()), *command]
