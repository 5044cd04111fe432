"""Read any common document format into reading-order text.

``read_document`` picks the reader by file suffix; each reader lives in a
private ``_read_<format>`` module. Text keeps headings as their own lines
(``#``-prefixed where the format marks them), bold runs as ``**…**`` and
tables as ``| a | b |`` rows; ``repair.repair_text`` normalises it further.
Anything unreadable raises ``ExtractionError`` with a one-line reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from policykg.errors import ExtractionError
from policykg.loaders._limits import MAX_FILE_BYTES, Unreadable

FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md",
           ".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf"}
SUPPORTED_SUFFIXES = frozenset(FORMATS)


@dataclass(frozen=True)
class RawDocument:
    path: Path
    format: str      # "txt" | "md" | "html" | "docx" | "pdf"
    text: str        # reading order; headings as their own lines; bold runs as **...**; tables as rows


def _read(path: Path, fmt: str) -> str:
    if fmt in ("txt", "md"):
        from policykg.loaders._read_text import decode_text

        return decode_text(path.read_bytes())
    if fmt == "html":
        from policykg.loaders._read_html import read_html

        return read_html(path.read_bytes())
    if fmt == "docx":
        from policykg.loaders._read_docx import read_docx

        return read_docx(path)
    from policykg.loaders._read_pdf import read_pdf

    return read_pdf(path)


def read_document(path: Path) -> RawDocument:
    """Read ``path`` by its suffix; raises ``ExtractionError(path, reason)`` when it cannot."""
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        supported = ", ".join(sorted(set(FORMATS)))
        raise ExtractionError(path, f"unsupported file type {path.suffix or '(none)'!r}; supported: {supported}")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ExtractionError(path, f"cannot open file: {exc.strerror or exc}") from None
    if not path.is_file():
        raise ExtractionError(path, "not a regular file")
    if size == 0:
        raise ExtractionError(path, "empty file")
    if size > MAX_FILE_BYTES:
        raise ExtractionError(path, f"file is {size} bytes, over the {MAX_FILE_BYTES} byte limit")
    try:
        text = _read(path, fmt)
    except Unreadable as exc:
        raise ExtractionError(path, str(exc)) from None
    except OSError as exc:
        raise ExtractionError(path, f"cannot read file: {exc.strerror or exc}") from None
    return RawDocument(path=path, format=fmt, text=text)
