"""What identifies a document: its id, and the key of the file it was read from.

``doc_id`` is the file's stem, ``-`` and the first :data:`HASH_DIGITS` hex digits of the SHA-256
of the file's bytes (``notice-3fa9c2d1b0``). Different documents never share an id, whatever
their files are called (two files with the same stem and different bytes differ in the hash),
and the same file keeps its id wherever it lies and however it is named on the command line, so
ingesting it again rewrites the same document. The bytes are hashed, not the extracted text, so
that a newer extractor gives the same ids.

``source_key`` is the SHA-256 of the file's absolute path (symbolic links resolved), first
:data:`KEY_DIGITS` hex digits: a revised file gets a new ``doc_id`` and the same ``source_key``,
by which the graph finds and replaces its earlier version (``graph/record_writer.py``): a stored
document with the same key and file name whose id is also of this form (:func:`is_content_id`).
The path itself is not stored, only this key.
"""

from __future__ import annotations

import glob
import hashlib
import json
from pathlib import Path

HASH_DIGITS = 10  # 40 bits: a collision needs the same stem too
KEY_DIGITS = 16
SEPARATOR = "-"   # one of the separators ../shared/eval/score.py accepts between stem and suffix


def content_digest(path: Path) -> str:
    """The SHA-256 of the file's bytes, hex."""
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def document_id(path: Path, digest: str | None = None) -> str:
    """``<stem>-<first HASH_DIGITS hex digits of the SHA-256 of the file's bytes>``."""
    path = Path(path)
    return f"{path.stem}{SEPARATOR}{(digest or content_digest(path))[:HASH_DIGITS]}"


def source_key(path: Path) -> str:
    """A key of the file's place (its absolute, resolved path), the same across revisions of the file."""
    place = str(Path(path).resolve())
    return hashlib.sha256(place.encode("utf-8", "surrogateescape")).hexdigest()[:KEY_DIGITS]


def is_content_id(doc_id: str, source: str | None) -> bool:
    """Whether ``doc_id`` is the id :func:`document_id` gives a file named ``source`` (some version of it);
    a record whose id was made otherwise (by hand, or copied and renamed) is not a version of that file."""
    if not source:
        return False
    prefix = f"{Path(source).stem}{SEPARATOR}"
    digest = doc_id[len(prefix):]
    return (doc_id.startswith(prefix) and len(digest) == HASH_DIGITS
            and all(c in "0123456789abcdef" for c in digest))


def legacy_id(source: str | None) -> str | None:
    """The id that versions before content-hash ids gave the document read from ``source``: its stem."""
    return Path(source).stem if source else None


def earlier_records(folder: Path, doc_id: str, key: str | None) -> list[Path]:
    """The ``<doc_id>.json`` records in ``folder`` of earlier versions of the file with ``key``: the
    same stem, another content hash, the same ``source_key``. `extract` deletes them when it writes
    a revised file's record, as ingest replaces the earlier version in the graph."""
    stem, sep, digest = doc_id.rpartition(SEPARATOR)
    if not key or not sep or len(digest) != HASH_DIGITS:
        return []
    out = []
    for path in folder.glob(f"{glob.escape(stem)}{SEPARATOR}{'[0-9a-f]' * HASH_DIGITS}.json"):
        if path.stem == doc_id:
            continue
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            continue  # not one of ours: leave it
        if isinstance(record, dict) and record.get("source_key") == key:
            out.append(path)
    return out
