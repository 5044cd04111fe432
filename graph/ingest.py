"""Files -> policydoc/1 records -> the graph, in atomic batches of records.

Documents (.txt .md .html .docx .pdf) go through the extraction pipeline
(``policykg.loaders.pipeline.extract_file``); record files (.json: one record or a
list, .jsonl: one record a line) are validated with ``PolicyDoc.model_validate``.
Files are listed by ``policykg.inputs`` (as `policykg extract` lists them). Each record
and its normalised text are saved under ``records_dir``. A file that cannot be opened,
read, extracted, validated or written is a failure reported with its name; a document
that does not look like a policy document (``loaders/screening.py``, unless ``force``),
a second file holding the same document, and a folder entry of another format are
skipped and named; the others go on. Records are written :data:`WRITE_BATCH` at a time in one
statement each (``write_documents``: whole or not at all); a batch the engine refuses
is written again one record at a time, so that only the faulty record is reported
and the others are stored. An engine that cannot be reached stops the run
(``StoreUnavailable``): every further write would fail the same way. With
``overlaps=True`` the documents of each batch are first marked as waiting for their
overlaps, and afterwards the SIMILAR_TO edges of the documents written (and of any left
pending by an interrupted ingest) are recomputed and the marks dropped (``graph/similar_to.py``). Then the per-province summary edges the agency
and topic queries read are rebuilt where documents were written (``graph/summaries.py``).
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from policykg.errors import ExtractionError, PolicyKGError, StoreUnavailable
from policykg.graph.record_writer import WriteStats, load_reference_data, write_documents
from policykg.graph.store import GraphStore
from policykg.graph.summaries import refresh_summaries
from policykg.inputs import Inputs, Skipped, input_problem, list_inputs
from policykg.loaders.identity import is_content_id
from policykg.loaders.pipeline import try_extract
from policykg.loaders.records import PolicyDoc
from policykg.loaders.screening import screen

RECORD_SUFFIXES = {".json", ".jsonl"}
DOCUMENT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf"}
# Records per write statement, and the measures at which a batch closes earlier (a few large
# documents go alone). A statement's fixed cost, ~3 ms on FalkorDB and a commit on Neo4j, is
# then paid once per batch instead of once per record (bench/README.md, fifth session).
WRITE_BATCH = 20
WRITE_BATCH_MEASURES = 1000


@dataclass
class IngestSummary:
    """What an ingest run did: documents written, their measures, agencies and edges, failures."""

    documents: int = 0
    measures: int = 0
    agencies: set[str] = field(default_factory=set)
    edges: int = 0
    failures: list[ExtractionError] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)  # files left out on purpose, with the reason
    seconds: float = 0.0
    doc_ids: list[str] = field(default_factory=list)   # documents written, in order
    overlaps: int | None = None                         # SIMILAR_TO pairs of those documents, if recomputed
    summarised: list[str] = field(default_factory=list)  # provinces whose summary edges were rebuilt
    replaced: list[str] = field(default_factory=list)    # earlier versions of revised files, deleted


@dataclass(frozen=True)
class Loaded:
    """One record ready to write: where it came from, the record, its normalised text."""

    source: str
    doc: PolicyDoc
    text: str | None


def list_ingest_inputs(paths: Iterable[Path]) -> Inputs:
    """Files as given, folders expanded to the documents and record files they hold (sorted); the
    files that cannot be opened, and the folder entries left out (other formats, hidden), by name."""
    inputs = list_inputs(paths, _reads)
    records = {p.with_suffix("") for p in inputs.files if p.suffix.lower() == ".json"}
    # a record folder holds <doc_id>.json + <doc_id>.txt: the text belongs to the record
    inputs.files = [p for p in inputs.files if p.suffix.lower() != ".txt" or p.with_suffix("") not in records]
    return inputs


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """The files :func:`list_ingest_inputs` reads."""
    return list_ingest_inputs(paths).files


def read_source(path: Path, force: bool = False) -> Iterator[Loaded | ExtractionError | Skipped]:
    """The records one file yields, or an error naming the file (and line) for each bad one; a document
    that does not look like a policy document (``loaders/screening.py``) is skipped unless ``force``."""
    problem = input_problem(path)
    if problem is not None:
        yield ExtractionError(path, problem)
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(path)
    elif suffix == ".json":
        yield from _read_json(path)
    elif suffix in DOCUMENT_SUFFIXES:
        yield _extract(path, force)
    else:
        yield ExtractionError(path, f"unsupported file type {suffix or '(none)'}")


def ingest_paths(
    store: GraphStore,
    paths: Iterable[Path],
    records_dir: Path | None = None,
    on_file: Callable[[Path, list[Loaded | ExtractionError | Skipped]], None] | None = None,
    overlaps: bool = False,
    on_summary: Callable[[str], None] | None = None,
    batch_size: int = WRITE_BATCH,
    force: bool = False,
) -> IngestSummary:
    """Extract/validate every file and write each record to the store; never stops at a bad file.

    ``overlaps``: then recompute the SIMILAR_TO edges of the documents written
    (a re-written document loses its measures' edges, so this restores them).
    Last, the summary edges of the provinces written to are rebuilt
    (``graph/summaries.py``; ``on_summary`` is called after each province).
    ``on_file`` is called once a file is read, before its records' batch is written. A document
    that does not look like a policy document is skipped and named in ``skipped``, unless ``force``.
    """
    started = time.monotonic()
    summary = IngestSummary()
    load_reference_data(store)
    inputs = list_ingest_inputs(paths)
    summary.failures += inputs.problems
    summary.skipped += inputs.skipped
    records = _saved_records(inputs.files, records_dir, summary, on_file, force)
    before_batch = None
    if overlaps:
        from policykg.graph.similar_to import mark_overlaps_pending

        def before_batch(doc_ids: list[str]) -> None:
            mark_overlaps_pending(store, doc_ids)

    for loaded, outcome in write_records(store, records, batch_size, before_batch):
        if isinstance(outcome, WriteStats):
            summary.documents += 1
            summary.doc_ids.append(outcome.doc_id)
            summary.measures += outcome.measures
            summary.agencies |= outcome.agencies
            summary.edges += outcome.edges
            summary.replaced += outcome.replaced
            if records_dir is not None:
                _drop_saved_records(records_dir, outcome.replaced)
        else:
            summary.failures.append(ExtractionError(loaded.source, f"not stored: {outcome}"))
    if overlaps:  # also catches up on documents an interrupted ingest left pending
        from policykg.graph.similar_to import refresh_overlaps

        recomputed, found = refresh_overlaps(store, summary.doc_ids)
        summary.overlaps = len(found) if recomputed else None
    summary.summarised = refresh_summaries(store, on_province=on_summary).provinces
    summary.seconds = time.monotonic() - started
    return summary


def save_record(doc: PolicyDoc, text: str | None, records_dir: Path) -> Path:
    """Write ``<doc_id>.json`` (and ``<doc_id>.txt`` with the normalised text) atomically."""
    records_dir.mkdir(parents=True, exist_ok=True)
    target = records_dir / f"{doc.doc_id}.json"
    _atomic_write(target, json.dumps(doc.to_json_dict(), ensure_ascii=False, indent=1))
    if text is not None:
        _atomic_write(records_dir / f"{doc.doc_id}.txt", text)
    return target


def _drop_saved_records(records_dir: Path, doc_ids: Iterable[str]) -> None:
    """Delete the saved record and text of documents replaced by a newer version of their file."""
    for doc_id in doc_ids:
        for suffix in (".json", ".txt"):
            (records_dir / f"{doc_id}{suffix}").unlink(missing_ok=True)


def write_records(store: GraphStore, records: Iterable[Loaded], batch_size: int = WRITE_BATCH,
                  before_batch: Callable[[list[str]], None] | None = None,
                  ) -> Iterator[tuple[Loaded, WriteStats | PolicyKGError]]:
    """Write ``records`` in batches; yield each record with its stats, or with the error that kept it out.

    A batch closes at ``batch_size`` records, at :data:`WRITE_BATCH_MEASURES` measures, or before a
    second version of a document (or of a source file) in it, so that the later version replaces the
    earlier. ``before_batch(doc_ids)`` runs before each batch is written. ``StoreUnavailable``
    propagates: the engine is down.
    """
    batch: list[Loaded] = []
    keys: set[str] = set()  # doc_ids and source keys in the batch
    measures = 0
    for loaded in records:
        doc = loaded.doc
        if batch and (len(batch) >= batch_size or doc.doc_id in keys or (doc.source_key or "") in keys
                      or measures + len(doc.measures) > WRITE_BATCH_MEASURES):
            yield from _write_batch(store, batch, before_batch)
            batch, keys, measures = [], set(), 0
        batch.append(loaded)
        keys.add(doc.doc_id)
        if doc.source_key and is_content_id(doc.doc_id, doc.source):  # a version of a file: it may replace another
            keys.add(doc.source_key)
        measures += len(doc.measures)
    if batch:
        yield from _write_batch(store, batch, before_batch)


def _write_batch(store: GraphStore, batch: Sequence[Loaded], before: Callable[[list[str]], None] | None = None,
                 ) -> Iterator[tuple[Loaded, WriteStats | PolicyKGError]]:
    try:
        if before is not None:
            before([loaded.doc.doc_id for loaded in batch])
        stats = write_documents(store, [(loaded.doc, loaded.text) for loaded in batch])
    except StoreUnavailable:
        raise  # the engine is down: stop, rather than fail every remaining file
    except PolicyKGError as exc:
        if len(batch) == 1:
            yield batch[0], exc
        else:  # nothing of the batch was written: each record alone, so only a faulty one stays out
            for loaded in batch:
                yield from _write_batch(store, [loaded])
        return
    yield from zip(batch, stats, strict=True)


def _saved_records(files: list[Path], records_dir: Path | None, summary: IngestSummary,
                   on_file: Callable[[Path, list[Loaded | ExtractionError | Skipped]], None] | None,
                   force: bool = False) -> Iterator[Loaded]:
    """The records of ``files``, each saved under ``records_dir`` first; what fails goes to ``summary``.

    A document read from a second file with the same id (the same stem and the same bytes) is the
    same document: it is skipped, and named in ``summary.skipped``.
    """
    first_read: dict[str, str] = {}  # doc_id -> the file it was read from, for documents read from files
    for path in files:
        try:
            outcomes = list(read_source(path, force))
        except Exception as exc:  # a bug on one file's records must not stop the others
            outcomes = [ExtractionError(path, " ".join(f"cannot read: {type(exc).__name__}: {exc}".split())[:300])]
        for outcome in outcomes:
            if isinstance(outcome, ExtractionError):
                summary.failures.append(outcome)
                continue
            if isinstance(outcome, Skipped):
                summary.skipped.append(outcome)
                continue
            if path.suffix.lower() in DOCUMENT_SUFFIXES:  # extracted here, not a record read
                first = first_read.setdefault(outcome.doc.doc_id, outcome.source)
                if first != outcome.source:
                    summary.skipped.append(Skipped(path, f"the same document as {first} (identical bytes)"))
                    continue
            try:
                if records_dir is not None:
                    save_record(outcome.doc, outcome.text, records_dir)
            except OSError as exc:
                summary.failures.append(ExtractionError(outcome.source, f"not stored: {exc}"))
                continue
            yield outcome
        if on_file is not None:
            on_file(path, outcomes)


def _extract(path: Path, force: bool = False) -> Loaded | ExtractionError | Skipped:
    doc = try_extract(path)  # the same outcome, and message, as `policykg extract` gives
    if isinstance(doc, ExtractionError):
        return doc
    if not force and not (screening := screen(doc)).accepted:
        return Skipped(path, screening.reason)
    return _checked(str(path), doc, doc.text)


def _read_json(path: Path) -> Iterator[Loaded | ExtractionError]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        yield ExtractionError(path, f"not a JSON file: {exc}")
        return
    items = data if isinstance(data, list) else [data]
    for n, item in enumerate(items, start=1):
        source = f"{path}[{n}]" if isinstance(data, list) else str(path)
        yield _validated(source, item, path.parent)


def _read_jsonl(path: Path) -> Iterator[Loaded | ExtractionError]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        yield ExtractionError(path, f"cannot read: {exc}")
        return
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ExtractionError(f"{path}:{n}", f"not JSON: {exc}")
            continue
        yield _validated(f"{path}:{n}", item, path.parent)


def _validated(source: str, item: object, folder: Path) -> Loaded | ExtractionError:
    if not isinstance(item, dict):
        return ExtractionError(source, f"a policydoc/1 record is a JSON object, not {type(item).__name__}")
    try:
        doc = PolicyDoc.model_validate(item)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'record'}: {err['msg']}" for err in exc.errors()[:5]
        )
        return ExtractionError(source, f"not a valid policydoc/1 record: {problems}")
    text = doc.text
    if text is None:
        beside = folder / f"{doc.doc_id}.txt"
        if beside.is_file() and "/" not in doc.doc_id:
            text = beside.read_text(encoding="utf-8")
    return _checked(source, doc, text)


def _checked(source: str, doc: PolicyDoc, text: str | None) -> Loaded | ExtractionError:
    if doc.schema_ != "policydoc/1":
        return ExtractionError(source, f"schema is {doc.schema_!r}, expected 'policydoc/1'")
    if not doc.doc_id.strip() or any(c in doc.doc_id for c in "/\\\0") or doc.doc_id in {".", ".."}:
        return ExtractionError(source, f"doc_id {doc.doc_id!r} is empty or not usable as a file name")
    return Loaded(source=source, doc=doc, text=text)


def _reads(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in RECORD_SUFFIXES or suffix in DOCUMENT_SUFFIXES:
        return None
    return f"not a format policykg reads ({suffix or 'no extension'})"


def _atomic_write(target: Path, content: str) -> None:
    handle, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(content)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
