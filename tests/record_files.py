"""Record folders as `policykg ingest` reads them: ``<doc_id>.json`` plus the normalised ``<doc_id>.txt``."""

from __future__ import annotations

import json
from pathlib import Path

from policykg.loaders.records import PolicyDoc


def write_record_files(folder: Path, records: list[PolicyDoc]) -> list[Path]:
    """Write each record (and its text) into ``folder``; the ``.json`` paths, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc in records:
        path = folder / f"{doc.doc_id}.json"
        path.write_text(json.dumps(doc.to_json_dict(), ensure_ascii=False), encoding="utf-8")
        (folder / f"{doc.doc_id}.txt").write_text(doc.text or "", encoding="utf-8")
        paths.append(path)
    return paths
