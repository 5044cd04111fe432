"""Graph-store fixtures, one real engine at a time (no mocks).

Every test that uses one of these fixtures runs once per engine: the session fixture
``engine_name`` is parametrized ``["falkordb", "neo4j"]``; ``POLICYKG_TEST_ENGINES``
(default ``falkordb,neo4j``) restricts that list for local development only.

- ``engine_name`` (session): ``"falkordb"`` or ``"neo4j"``.
- ``engine_settings`` (session): :class:`policykg.settings.Settings` pointing at a running
  store of that engine: embedded FalkorDB under a temporary ``POLICYKG_HOME``; Neo4j 5.26
  started by ``policykg.graph.neo4j_server.Neo4jServer`` in a temporary folder, or the
  server named by the test-only ``POLICYKG_TEST_NEO4J_URI`` (with ``POLICYKG_TEST_NEO4J_USER``
  and ``POLICYKG_TEST_NEO4J_PASSWORD``), whose data the tests delete. ``engine_env`` (session)
  is the same as environment variables, for subprocesses and for code that reads ``get_settings()``.
- ``engine_pid`` (session): the pid of the engine's server process when the tests run it
  (the FalkorDB ``redis-server``, the Neo4j launcher's JVM), else ``None``.

The settings a user has in the environment (``NEO4J_URI`` and the other ``NEO4J_*``,
``POLICYKG_HOME``, ``POLICYKG_ENGINE``, ``POLICYKG_GRAPH``) are removed when this file is
loaded: the fixtures reset the store they use, and no test, subprocess or ``get_settings()``
call may reach the user's server or store by inheriting them.
- ``store`` (function): an EMPTY :class:`policykg.graph.store.GraphStore` of that engine,
  schema in place. Tests may write to it freely.
- ``seed_store`` (function fixture over a session-wide ingest): the same store holding the
  seed corpus (``data/corpus/*.txt`` through ``policykg.loaders.pipeline.extract_file``).
  It is ingested once per engine and again only when a ``store`` test (or a stray write)
  changed the shared database since; treat it as read-only.
- ``seed_records`` (session): the seed ``PolicyDoc`` records, extracted once per session.

Both engines share one database per session (Neo4j Community has a single user
database), which is why ``seed_store`` checks and restores its content.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from policykg.graph.record_writer import load_reference_data, write_document
from policykg.graph.store import GraphStore, open_store
from policykg.graph.summaries import refresh_summaries
from policykg.loaders.records import PolicyDoc
from policykg.settings import Settings, get_settings

REPO = Path(__file__).resolve().parents[1]
SEED_CORPUS = REPO / "data" / "corpus"
TEST_NEO4J_PASSWORD = "policykg-test"
TEST_NEO4J_URI_ENV = "POLICYKG_TEST_NEO4J_URI"
USER_SETTINGS = ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE", "POLICYKG_HOME", "POLICYKG_ENGINE",
                 "POLICYKG_GRAPH")
for _name in USER_SETTINGS:
    os.environ.pop(_name, None)
ENGINES = [name.strip() for name in os.environ.get("POLICYKG_TEST_ENGINES", "falkordb,neo4j").split(",")
           if name.strip()]


@pytest.fixture(scope="session", params=ENGINES)
def engine_name(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="session")
def _neo4j_server(engine_name: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object | None]:
    """The Neo4j server the tests start (None for FalkorDB, or when POLICYKG_TEST_NEO4J_URI names one)."""
    if engine_name != "neo4j" or os.environ.get(TEST_NEO4J_URI_ENV):
        yield None
        return
    from policykg.graph.neo4j_server import Neo4jServer

    server = Neo4jServer.start(tmp_path_factory.mktemp("neo4j-data"), password=TEST_NEO4J_PASSWORD)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def engine_settings(engine_name: str, _neo4j_server: object | None,
                    tmp_path_factory: pytest.TempPathFactory) -> Settings:
    home = tmp_path_factory.mktemp(f"home-{engine_name}")
    if engine_name == "falkordb":
        return Settings(POLICYKG_HOME=str(home), POLICYKG_ENGINE="falkordb")
    if _neo4j_server is None:
        return Settings(POLICYKG_HOME=str(home), POLICYKG_ENGINE="neo4j", NEO4J_URI=os.environ[TEST_NEO4J_URI_ENV],
                        NEO4J_USER=os.environ.get("POLICYKG_TEST_NEO4J_USER", "neo4j"),
                        NEO4J_PASSWORD=os.environ.get("POLICYKG_TEST_NEO4J_PASSWORD", TEST_NEO4J_PASSWORD))
    return Settings(POLICYKG_HOME=str(home), POLICYKG_ENGINE="neo4j", NEO4J_URI=_neo4j_server.uri,  # type: ignore[attr-defined]
                    NEO4J_USER="neo4j", NEO4J_PASSWORD=TEST_NEO4J_PASSWORD)


@pytest.fixture(scope="session")
def engine_pid(engine_name: str, _neo4j_server: object | None, _shared_store: _SharedStore,
               engine_settings: Settings) -> int | None:
    if engine_name == "neo4j":
        return None if _neo4j_server is None else _neo4j_server.pid  # type: ignore[attr-defined]
    return int((engine_settings.falkordb_dir / "falkordb.pid").read_text().strip())


@pytest.fixture(scope="session")
def engine_env(engine_settings: Settings) -> dict[str, str]:
    """Environment variables that make ``get_settings()`` (or a subprocess) use the test engine."""
    env = {
        "POLICYKG_HOME": str(engine_settings.home),
        "POLICYKG_ENGINE": engine_settings.resolved_engine,
        "NEO4J_USER": engine_settings.neo4j_user,
        "NEO4J_PASSWORD": engine_settings.neo4j_password,
    }
    if engine_settings.neo4j_uri:
        env["NEO4J_URI"] = engine_settings.neo4j_uri
    return env


@pytest.fixture()
def cli_env(engine_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The test engine's environment for the CLI and apps that read settings themselves; the cached
    settings are dropped before and after, so no test reads the previous engine's settings."""
    for key, value in engine_env.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def _shared_store(engine_settings: Settings) -> Iterator[_SharedStore]:
    with open_store(engine_settings) as graph_store:
        yield _SharedStore(graph_store)


@pytest.fixture()
def store(_shared_store: _SharedStore) -> GraphStore:
    return _shared_store.empty()


@pytest.fixture()
def seed_store(_shared_store: _SharedStore, seed_records: list[PolicyDoc]) -> GraphStore:
    return _shared_store.seeded(seed_records)


@pytest.fixture(scope="session")
def seed_records() -> list[PolicyDoc]:
    from policykg.loaders.pipeline import extract_file

    paths = sorted(SEED_CORPUS.glob("*.txt"))
    assert paths, f"no seed corpus in {SEED_CORPUS}"
    return [extract_file(path) for path in paths]


class _SharedStore:
    """The session's store of one engine, handed out empty or holding the seed corpus."""

    def __init__(self, graph_store: GraphStore) -> None:
        self.store = graph_store
        self.seed_counts: dict | None = None

    def empty(self) -> GraphStore:
        self.store.reset()
        self.seed_counts = None
        return self.store

    def seeded(self, records: list[PolicyDoc]) -> GraphStore:
        if self.seed_counts is None or self.store.counts() != self.seed_counts:
            self.store.reset()
            load_reference_data(self.store)
            for doc in records:
                write_document(self.store, doc)
            refresh_summaries(self.store)
            self.seed_counts = self.store.counts()
        return self.store
