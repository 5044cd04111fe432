"""Reliability of ``policykg ingest`` and the API (issue 7), on both engines, with real processes.

- SIGKILL of ``policykg ingest`` at random points (seeded) never leaves half a document,
  and a re-run ends with the counts of a clean run;
- the engine process killed while an ingest runs: a clear error and a non-zero exit, whole
  documents only after the engine restarts; the API answers 503 with the reason while the
  engine is down and recovers, same app object, once it is back on the same socket / port;
- two ingests over overlapping document sets at once end in the graph of one after the other.

The documents are small policydoc/1 records: the head (first 1-5 measures) of each seed
record, under new ids. The engine-down tests run on a private engine of their own, never
on the session's shared one.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from commands import POLICYKG
from fastapi.testclient import TestClient

from policykg.api.app import create_app
from policykg.graph._process import pid_is_alive
from policykg.graph.store import GraphStore, open_store
from policykg.loaders.records import PolicyDoc
from policykg.settings import Settings

RNG_SEED = 7_2024
KILL_RUNS = 8
DOCUMENTS = 200
PRIVATE_NEO4J_PASSWORD = "policykg-reliability"
INGEST = [*POLICYKG, "ingest"]
Expected = dict[str, tuple[int, int]]  # doc_id -> (measures, targets)


# --- documents --------------------------------------------------------------------------------


def _head(record: dict, measures: int) -> dict:
    """The record cut after its ``measures``-th measure: what the head of the document holds."""
    kept = record["measures"][:measures]
    cut = kept[-1]["end"] if kept and kept[-1]["end"] > kept[-1]["start"] else None

    def before_cut(item: dict) -> bool:
        return cut is None or item.get("start") is None or item["start"] < cut

    head = dict(record, measures=kept)
    for name in ("targets", "cluster_links", "place_mentions"):
        head[name] = [item for item in record[name] if before_cut(item)]
    return head


def write_records(folder: Path, seed_records: list[PolicyDoc], numbers: range) -> Expected:
    """Small records ``rel0000.json`` … for ``numbers``: heads of the seed records, 1-5 measures each."""
    folder.mkdir(parents=True, exist_ok=True)
    expected: Expected = {}
    for n in numbers:
        seed = seed_records[n % len(seed_records)]
        record = _head(seed.to_json_dict(), 1 + (n * 7) % 5)
        record["doc_id"] = f"rel{n:04d}"
        for measure in record["measures"]:
            measure["id"] = f"{record['doc_id']}#{measure['label']}"
        (folder / f"{record['doc_id']}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        targets = len(record["targets"]) + sum(len(m["targets"]) for m in record["measures"])
        expected[record["doc_id"]] = (len(record["measures"]), targets)
    return expected


# --- what a store may hold -------------------------------------------------------------------


def assert_whole_documents(store: GraphStore, expected: Expected) -> int:
    """Every Document has exactly its measures and targets, nothing hangs loose; returns the documents."""
    rows = store.run_read(
        "MATCH (d:Document) OPTIONAL MATCH (d)-[h:HAS_MEASURE]->(m:Measure) "
        "RETURN d.doc_id AS doc_id, d.measure_count AS declared, count(m) AS measures"
    )
    for row in rows:
        assert row["doc_id"] in expected, row
        assert row["declared"] == row["measures"] == expected[row["doc_id"]][0], row
    loose_measures = store.run_read(
        "MATCH (m:Measure) OPTIONAL MATCH (d:Document)-[h:HAS_MEASURE]->(m) "
        "WITH m, count(d) AS parents WHERE parents <> 1 RETURN m.id AS id"
    )
    assert loose_measures == [], "measures without exactly one document"
    loose_targets = store.run_read(
        "MATCH (t:Target) OPTIONAL MATCH (owner)-[h:HAS_TARGET]->(t) "
        "WITH t, count(owner) AS parents WHERE parents <> 1 RETURN t.id AS id"
    )
    assert loose_targets == [], "targets without exactly one owner"
    targets = store.run_read("MATCH (t:Target) RETURN t.doc_id AS doc_id, count(t) AS n")
    assert {row["doc_id"]: row["n"] for row in targets} == {
        row["doc_id"]: expected[row["doc_id"]][1] for row in rows if expected[row["doc_id"]][1]}
    staging = store.run_read(
        "MATCH (n) WHERE n.id STARTS WITH '~new~' OR n.doc_id STARTS WITH '~new~' RETURN count(n) AS n")
    assert staging[0]["n"] == 0, "nodes left under staging keys"
    return len(rows)


def _documents(store: GraphStore) -> int:
    """Committed documents. Not ``count(d)``: Neo4j answers that from its counts store, which was seen
    counting the 20 documents of a write transaction before they could be read (and the kill lost them)."""
    return store.run_read("MATCH (d:Document) RETURN count(d.doc_id) AS n")[0]["n"]


def _ingest(env: dict[str, str], *paths: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*INGEST, *map(str, paths)], env={**os.environ, **env}, capture_output=True,
                          text=True, timeout=timeout, check=False)


# --- 1. SIGKILL at random points ---------------------------------------------------------------


def test_sigkill_at_random_points_leaves_whole_documents_and_a_rerun_completes(
        store: GraphStore, seed_records: list[PolicyDoc], engine_env: dict[str, str], tmp_path: Path) -> None:
    folder = tmp_path / "records"
    expected = write_records(folder, seed_records, range(DOCUMENTS))
    clean = _ingest(engine_env, folder)
    assert clean.returncode == 0, clean.stderr
    clean_counts = store.counts()
    assert assert_whole_documents(store, expected) == DOCUMENTS

    rng = random.Random(RNG_SEED)
    killed_part_way = 0
    for _ in range(KILL_RUNS):
        store.reset()
        # a random point: once a random number of documents is in, plus a random few milliseconds
        after_documents, delay = rng.randrange(1, DOCUMENTS), rng.uniform(0.0, 0.05)
        process = subprocess.Popen([*INGEST, str(folder)], env={**os.environ, **engine_env},
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 300
            while _documents(store) < after_documents and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(delay)
            process.send_signal(signal.SIGKILL)
        finally:
            process.kill()
            process.wait()
        written = assert_whole_documents(store, expected)
        if process.returncode == -signal.SIGKILL and 0 < written < DOCUMENTS:
            killed_part_way += 1
    assert killed_part_way >= KILL_RUNS // 2, "too few runs were killed while they were writing documents"

    # the last killed run's documents are replaced, the missing ones added
    rerun = _ingest(engine_env, folder)
    assert rerun.returncode == 0, rerun.stderr
    assert assert_whole_documents(store, expected) == DOCUMENTS
    assert store.counts() == clean_counts


# --- 2. the engine goes down -------------------------------------------------------------------


class PrivateEngine:
    """An engine server of the test's own, killed with SIGKILL and restarted on the same socket / port."""

    def __init__(self, engine: str, folder: Path) -> None:
        self.engine = engine
        self.folder = folder
        self.port: int | None = None
        self._neo4j = None
        self._falkordb = None
        self.settings = Settings(POLICYKG_HOME=str(folder / "home"), POLICYKG_ENGINE=engine)

    def start(self) -> None:
        if self.engine == "falkordb":
            from policykg.graph.falkordb_server import FalkorDBServer

            self._falkordb = FalkorDBServer(self.settings.falkordb_dir)
            self._falkordb.start()
            return
        from policykg.graph.neo4j_server import Neo4jServer

        self._neo4j = Neo4jServer.start(self.folder / "neo4j", port=self.port, password=PRIVATE_NEO4J_PASSWORD)
        self.port = self._neo4j.port
        self.settings = self.settings.model_copy(update={
            "neo4j_uri": self._neo4j.uri, "neo4j_user": "neo4j", "neo4j_password": PRIVATE_NEO4J_PASSWORD})

    def kill(self) -> None:
        """SIGKILL the engine process (redis-server, or the JVM of the Neo4j launcher) and wait for it to die."""
        if self._neo4j is not None:
            self._neo4j.process.kill()
            self._neo4j.process.wait()
            return
        assert self._falkordb is not None
        pid = int(self._falkordb.pid_path.read_text().strip())
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while pid_is_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.02)

    def stop(self) -> None:
        if self._neo4j is not None:
            self._neo4j.stop()
        elif self._falkordb is not None:
            self._falkordb.stop()

    @property
    def env(self) -> dict[str, str]:
        env = {"POLICYKG_HOME": str(self.settings.home), "POLICYKG_ENGINE": self.engine}
        if self.settings.neo4j_uri:
            env |= {"NEO4J_URI": self.settings.neo4j_uri, "NEO4J_USER": "neo4j",
                    "NEO4J_PASSWORD": PRIVATE_NEO4J_PASSWORD}
        return env


@pytest.fixture(scope="module")
def private_engine(engine_name: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrivateEngine]:
    engine = PrivateEngine(engine_name, tmp_path_factory.mktemp(f"private-{engine_name}"))
    engine.start()
    try:
        yield engine
    finally:
        engine.stop()


def test_engine_killed_during_ingest_gives_a_clear_error_and_no_partial_document(
        private_engine: PrivateEngine, seed_records: list[PolicyDoc], tmp_path: Path) -> None:
    folder = tmp_path / "records"
    documents = DOCUMENTS // 2
    expected = write_records(folder, seed_records, range(documents))
    with open_store(private_engine.settings) as store:
        store.reset()
        process = subprocess.Popen([*INGEST, "--no-overlaps", str(folder)],
                                   env={**os.environ, **private_engine.env},
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 120
            while _documents(store) < 10 and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.02)
            assert process.poll() is None, "the ingest ended before the engine could be killed"
            private_engine.kill()
            _, stderr = process.communicate(timeout=120)
        finally:
            process.kill()
            process.wait()
        assert process.returncode != 0
        message = " ".join(stderr.split())
        assert message.count("not stored") <= 1, f"the ingest went on with the engine down: {message[:600]}"
        assert "error" in message and "unavailable" in message, message[:600]

        private_engine.start()
        written = assert_whole_documents(store, expected)
        assert written < documents
        rerun = _ingest(private_engine.env, "--no-overlaps", folder)
        assert rerun.returncode == 0, rerun.stderr
        assert assert_whole_documents(store, expected) == documents


def test_api_answers_503_while_the_engine_is_down_and_recovers_when_it_returns(
        private_engine: PrivateEngine, seed_records: list[PolicyDoc], tmp_path: Path) -> None:
    folder = tmp_path / "records"
    write_records(folder, seed_records, range(20))
    with open_store(private_engine.settings) as store:
        store.reset()
    loaded = _ingest(private_engine.env, "--no-overlaps", folder)
    assert loaded.returncode == 0, loaded.stderr

    app = create_app(settings=private_engine.settings.model_copy(update={"status_cache_s": 0.0}))
    with TestClient(app) as client:
        health = client.get("/status")
        assert health.status_code == 200, health.text
        topics = client.get("/topics").json()
        assert topics

        private_engine.kill()
        try:
            assert client.get("/health").status_code == 200  # liveness: the API itself is up
            down = client.get("/ready")
            assert down.status_code == 503
            assert down.json()["status"] == "unavailable" and down.json()["reason"]
            for url in ("/topics", "/search?q=纺织"):
                response = client.get(url)
                assert response.status_code == 503, (url, response.text)
                assert "unavailable" in response.json()["detail"], response.text
        finally:
            private_engine.start()

        assert client.app is app
        back = client.get("/status")
        assert back.status_code == 200, back.text
        assert back.json()["counts"] == health.json()["counts"]
        assert client.get("/topics").json() == topics


# --- 4. two ingests at once --------------------------------------------------------------------


def _graph_counts(store: GraphStore, expected: Expected) -> dict:
    assert_whole_documents(store, expected)
    return store.counts()


def test_two_overlapping_ingests_at_once_end_as_one_after_the_other(
        store: GraphStore, seed_records: list[PolicyDoc], engine_env: dict[str, str], tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    expected = write_records(first, seed_records, range(0, 120))
    expected |= write_records(second, seed_records, range(60, 180))

    env = {**os.environ, **engine_env}
    processes = [subprocess.Popen([*INGEST, str(folder)], env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True) for folder in (first, second)]
    errors = [process.communicate(timeout=300)[1] for process in processes]
    assert [process.returncode for process in processes] == [0, 0], errors
    together = _graph_counts(store, expected)
    assert together["nodes"]["Document"] == 180

    store.reset()
    for folder in (first, second):
        done = _ingest(engine_env, folder)
        assert done.returncode == 0, done.stderr
    assert together == _graph_counts(store, expected)
