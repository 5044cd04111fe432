"""The installed ``policykg`` console script, run as a user runs it.

Tests that start the command in a subprocess use the script the package installed beside
the interpreter running the tests, not ``main()`` or the typer app called from ``python -c``:
what the entry point does before the app (signal handlers) is part of what they test.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import sysconfig
from pathlib import Path


def policykg_command() -> list[str]:
    """``[path of the installed policykg script]`` for the interpreter running the tests."""
    scheme_dirs = [sysconfig.get_path("scripts")]
    if sys.prefix == sys.base_prefix:  # a user install (pip --user) puts scripts in the user scheme
        scheme_dirs.append(sysconfig.get_path("scripts", f"{os.name}_user"))
    for folder in scheme_dirs:
        script = Path(folder) / "policykg"
        if script.is_file():
            return [str(script)]
    found = shutil.which("policykg")
    if found is None:
        raise RuntimeError("the policykg console script is not installed: pip install -e .")
    return [found]


POLICYKG = policykg_command()


def terminate(process: subprocess.Popen) -> str:
    """Stop ``process`` as a service manager does (SIGTERM), wait for it and return what it wrote on stderr,
    after checking it ended by that signal and printed no traceback."""
    process.send_signal(signal.SIGTERM)
    _, errors = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM, errors
    assert "Traceback" not in errors, errors
    return errors
