"""An ingest killed with SIGKILL part-way leaves only whole documents, on both engines."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

from commands import POLICYKG

from policykg.graph.store import GraphStore
from policykg.loaders.records import PolicyDoc

COPIES = 60  # of each seed document: far more than get written before the kill


def _many_records(folder: Path, seed_records: list[PolicyDoc]) -> int:
    folder.mkdir()
    count = 0
    for n in range(COPIES):
        for doc in seed_records:
            record = doc.to_json_dict()
            record["doc_id"] = f"{doc.doc_id}_copy{n:03d}"
            for measure in record["measures"]:
                measure["id"] = f"{record['doc_id']}#{measure['label']}"
            (folder / f"{record['doc_id']}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
            (folder / f"{record['doc_id']}.txt").write_text(doc.text or "", encoding="utf-8")
            count += 1
    return count


def _documents(store: GraphStore) -> int:
    """Committed documents. Not ``count(d)``: Neo4j answers that from its counts store, which was seen
    counting the 20 documents of a write transaction before they could be read (and the kill lost them)."""
    return store.run_read("MATCH (d:Document) RETURN count(d.doc_id) AS n")[0]["n"]


def test_sigkill_during_ingest_leaves_no_half_written_document(
        store: GraphStore, seed_records: list[PolicyDoc], engine_env: dict[str, str], tmp_path: Path) -> None:
    total = _many_records(tmp_path / "records", seed_records)
    env = {**os.environ, **engine_env}
    process = subprocess.Popen(
        [*POLICYKG, "ingest", str(tmp_path / "records")],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 300
        while _documents(store) < 10 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == -signal.SIGKILL, "the ingest ended before it could be killed"

    rows = store.run_read(
        "MATCH (d:Document) OPTIONAL MATCH (d)-[h:HAS_MEASURE]->(m:Measure) "
        "RETURN d.doc_id AS doc_id, d.measure_count AS declared, count(m) AS measures"
    )
    assert 10 <= len(rows) < total
    expected = {f"{doc.doc_id}_copy{n:03d}": len(doc.measures) for doc in seed_records for n in range(COPIES)}
    for row in rows:
        assert row["declared"] == row["measures"] == expected[row["doc_id"]], row
    stray = store.run_read(
        "MATCH (m:Measure) WHERE NOT (m)<-[:HAS_MEASURE]-(:Document) RETURN count(m) AS n"
    )[0]["n"]
    stray += store.run_read("MATCH (t:Target) WHERE NOT (t)<-[:HAS_TARGET]-() RETURN count(t) AS n")[0]["n"]
    assert stray == 0
    targets = store.run_read("MATCH (t:Target) RETURN t.doc_id AS doc_id, count(t) AS n")
    expected_targets = {f"{doc.doc_id}_copy{n:03d}": len(doc.targets) + sum(len(m.targets) for m in doc.measures)
                        for doc in seed_records for n in range(COPIES)}
    assert {row["doc_id"]: row["n"] for row in targets} == {
        row["doc_id"]: expected_targets[row["doc_id"]] for row in rows if expected_targets[row["doc_id"]]}
