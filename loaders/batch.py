"""A batch of files -> ``policydoc/1`` record files: what ``policykg extract`` does, without the printing.

:func:`extract_paths` lists the inputs (``policykg.inputs``), extracts each file
(``pipeline.try_extract``), screens it (``screening.screen``) and writes its record
(:func:`write_record`); it reports every file it could not use and every file it left out in the
:class:`ExtractSummary` it returns, and calls ``on_file`` after each file so that a caller can
show progress. The command line prints that summary and picks the exit status.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from policykg.errors import ExtractionError
from policykg.inputs import Skipped, list_inputs
from policykg.loaders.identity import earlier_records
from policykg.loaders.pipeline import try_extract
from policykg.loaders.reading import SUPPORTED_SUFFIXES
from policykg.loaders.records import PolicyDoc
from policykg.loaders.screening import screen

RecordFormat = Literal["json", "jsonl"]
RECORD_FORMATS: tuple[RecordFormat, ...] = ("json", "jsonl")


@dataclass
class ExtractSummary:
    """What a batch extraction did: the records written, the files that failed, the files left out."""

    out: Path
    inputs: int = 0                                             # files read, and named files that cannot be opened
    written: list[Path] = field(default_factory=list)           # record files written (one records.jsonl for jsonl)
    doc_ids: list[str] = field(default_factory=list)            # documents extracted, in order
    failures: list[ExtractionError] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)        # folder entries and documents left out, with the reason
    listed_skips: int = 0                                       # of ``skipped``: folder entries never read

    @property
    def extracted(self) -> int:
        return len(self.doc_ids)


def reads(path: Path) -> str | None:
    """None for a document format `extract` reads, else why a file found in a folder is skipped."""
    suffix = path.suffix.lower()
    return None if suffix in SUPPORTED_SUFFIXES else f"not a document format policykg extracts ({suffix or 'no extension'})"


def write_record(doc: PolicyDoc, out: Path) -> Path:
    """Write ``<doc_id>.json`` and the normalised text ``<doc_id>.txt`` into ``out``; delete the
    records there of earlier versions of the same file (``identity.earlier_records``)."""
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{doc.doc_id}.json"
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(doc.to_json_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(target)
    if doc.text is not None:
        (out / f"{doc.doc_id}.txt").write_text(doc.text, encoding="utf-8")
    for earlier in earlier_records(out, doc.doc_id, doc.source_key):
        earlier.unlink(missing_ok=True)
        earlier.with_suffix(".txt").unlink(missing_ok=True)
    return target


def extract_paths(paths: Iterable[Path], out: Path, fmt: RecordFormat = "json", force: bool = False,
                  on_file: Callable[[Path], None] | None = None) -> ExtractSummary:
    """Extract every file of ``paths`` (files and folders) and write the records into ``out``.

    ``fmt="json"`` writes one ``<doc_id>.json`` per document, ``"jsonl"`` one ``records.jsonl``;
    both write the normalised text ``<doc_id>.txt`` beside. A file that does not look like a policy
    document (``loaders/screening.py``) is skipped and named, unless ``force``; so is a file whose
    document was already read from another file of the run (the same id: the same stem and bytes).
    Never stops at a bad file; ``ValueError`` for an unknown ``fmt``.
    """
    if fmt not in RECORD_FORMATS:
        raise ValueError(f"format: expected json or jsonl, got {fmt!r}")
    inputs = list_inputs(paths, reads)
    summary = ExtractSummary(out=out, inputs=len(inputs.files) + len(inputs.problems),
                             failures=list(inputs.problems), skipped=list(inputs.skipped),
                             listed_skips=len(inputs.skipped))
    first_read: dict[str, Path] = {}
    jsonl_lines: list[str] = []
    for f in inputs.files:
        _extract_one(f, out, fmt, force, summary, first_read, jsonl_lines)
        if on_file is not None:
            on_file(f)
    if fmt == "jsonl" and jsonl_lines:
        target = out / "records.jsonl"
        target.write_text("\n".join(jsonl_lines) + "\n", encoding="utf-8")
        summary.written.append(target)
    return summary


def _extract_one(f: Path, out: Path, fmt: RecordFormat, force: bool, summary: ExtractSummary,
                 first_read: dict[str, Path], jsonl_lines: list[str]) -> None:
    doc = try_extract(f)
    if isinstance(doc, ExtractionError):
        summary.failures.append(doc)
        return
    if not force and not (screening := screen(doc)).accepted:
        summary.skipped.append(Skipped(f, screening.reason))
        return
    if first_read.setdefault(doc.doc_id, f) != f:
        summary.skipped.append(Skipped(f, f"the same document as {first_read[doc.doc_id]} (identical bytes)"))
        return
    try:
        if fmt == "json":
            summary.written.append(write_record(doc, out))
        else:
            jsonl_lines.append(json.dumps(doc.to_json_dict(), ensure_ascii=False))
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{doc.doc_id}.txt").write_text(doc.text or "", encoding="utf-8")
    except OSError as exc:
        summary.failures.append(ExtractionError(f, f"cannot write its record: {exc.strerror or exc}"))
        return
    summary.doc_ids.append(doc.doc_id)
