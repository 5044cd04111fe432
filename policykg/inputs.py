"""The files a batch command reads: the files named, and the files found in the folders named.

`policykg extract` and `policykg ingest` both list their inputs with :func:`list_inputs`, so
that both say the same thing about a file they cannot use:

- a file that cannot be opened (a symbolic-link loop, a broken link, a missing file, no
  permission) is an error naming it, whether it was named or found in a folder
  (:func:`input_problem` gives the reason);
- an entry of a folder that the command does not read (another format, a hidden file or
  folder, a link to a folder, a device or pipe) is skipped and named with the reason.

Folders are walked in sorted order without following links to folders.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from policykg.errors import ExtractionError

_FOLDER = "a folder, not a file"
_SPECIAL = "not a regular file (a device, pipe or socket)"


@dataclass(frozen=True)
class Skipped:
    """A file found in a folder and left out on purpose, with the reason."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class Inputs:
    """What a list of paths holds: files to read, files that cannot be opened, entries left out."""

    files: list[Path] = field(default_factory=list)
    problems: list[ExtractionError] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def input_problem(path: Path) -> str | None:
    """Why ``path`` cannot be opened as a file (one line), or None when it can be."""
    try:
        info = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop: the link never leads to a file (too many levels of symbolic links)"
        if exc.errno == errno.ENOENT:
            return "broken symbolic link: its target does not exist" if os.path.islink(path) else "no such file"
        return f"cannot open file: {exc.strerror or exc}"
    if stat.S_ISDIR(info.st_mode):
        return _FOLDER
    if not stat.S_ISREG(info.st_mode):
        return _SPECIAL
    return None


def list_inputs(paths: Iterable[Path], reads: Callable[[Path], str | None]) -> Inputs:
    """The files of ``paths``: each file named as it is, each folder walked.

    ``reads(path)`` says whether the command reads a file found in a folder: None when it does,
    else the reason it is skipped. A file named is always kept (the command reports a format it
    does not read), unless it cannot be opened.
    """
    found = Inputs()
    seen: set[Path] = set()

    def keep(path: Path, problem: str | None = None) -> None:
        if path in seen:  # named twice, or named and found in a folder named
            return
        seen.add(path)
        if problem is None:
            found.files.append(path)
        else:
            found.problems.append(ExtractionError(path, problem))

    for path in map(Path, paths):
        if path.is_dir():
            _walk(path, reads, found, keep)
        else:
            keep(path, input_problem(path))
    return found


def _walk(folder: Path, reads: Callable[[Path], str | None], found: Inputs,
          keep: Callable[[Path, str | None], None]) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        found.problems.append(ExtractionError(folder, f"cannot list folder: {exc.strerror or exc}"))
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            found.skipped.append(Skipped(path, "hidden folder" if entry.is_dir(follow_symlinks=False)
                                         else "hidden file"))
        elif entry.is_dir(follow_symlinks=False):
            _walk(path, reads, found, keep)
        elif (problem := input_problem(path)) == _FOLDER:
            found.skipped.append(Skipped(path, "symbolic link to a folder, not followed"))
        elif (reason := reads(path)) is not None:  # by its name: a format the command does not read
            found.skipped.append(Skipped(path, reason))
        elif problem == _SPECIAL:
            found.skipped.append(Skipped(path, problem))
        elif problem is not None:  # a file of a format read that cannot be opened: an error, as when named
            keep(path, problem)
        else:
            keep(path)
