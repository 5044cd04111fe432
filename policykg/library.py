"""The public Python API, re-exported by ``policykg`` (``policykg.__all__``).

Each ``policykg`` command is a call of one function here (its Python twin), so what the
command line does a program can do without reaching into the layers below:

    import policykg

    doc = policykg.extract_file("notice.txt")                 # policykg extract (one file)
    policykg.extract(["docs/"], out="out/")                   # policykg extract
    with policykg.open_store() as store:
        policykg.ingest(store, ["docs/"])                     # policykg ingest
        rows = policykg.run_query(store, "agencies_leading_topic", {"topic": "印染"})  # policykg query
        pairs = policykg.find_overlaps(store)                 # policykg overlaps
        report = policykg.compare_provinces(store, "广东", "湖南")  # policykg compare
        html = policykg.render(store, "province", {"province": "广东"})  # policykg render

The layers' own imports happen inside the functions: ``import policykg`` (which every
``policykg.*`` module import runs first) stays cheap and pulls in neither the extractor's
tables nor the database drivers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import networkx as nx

    from policykg.errors import ExtractionError
    from policykg.graph.ingest import IngestSummary, Loaded
    from policykg.graph.neo4j_server import LocalNeo4j
    from policykg.graph.networks import LeadShare
    from policykg.graph.overlap import Overlap
    from policykg.graph.store import GraphStore
    from policykg.inputs import Skipped
    from policykg.loaders.batch import ExtractSummary
    from policykg.loaders.records import PolicyDoc
    from policykg.province_report import ProvinceReport
    from policykg.queries.catalogue import NamedQuery
    from policykg.settings import Settings

StrPath = str | PathLike[str]


# ---------------------------------------------------------------- files -> records


def extract_file(path: StrPath) -> PolicyDoc:
    """Read, repair and extract one document (.txt .md .html .docx .pdf) into a ``policydoc/1`` record.

    Raises ``ExtractionError`` naming the file when it cannot be read or holds no text.
    """
    from policykg.loaders.pipeline import extract_file as extract_one

    return extract_one(Path(path))


def extract_text(text: str, doc_id: str = "text") -> PolicyDoc:
    """Repair and extract a document given as text; ``doc_id`` names the record and its measures."""
    from policykg.loaders.pipeline import extract_text as extract_repaired
    from policykg.loaders.repair import repair_text

    repaired = repair_text(text)
    return extract_repaired(repaired.text, doc_id, repaired.heading_starts)


def extract(paths: Iterable[StrPath], out: StrPath = "out", *, format: Literal["json", "jsonl"] = "json",
            force: bool = False, on_file: Callable[[Path], None] | None = None) -> ExtractSummary:
    """Extract the files and folders of ``paths`` and write their records into ``out`` (``policykg extract``).

    ``format="json"``: one ``<doc_id>.json`` per document; ``"jsonl"``: one ``records.jsonl``; the
    normalised text ``<doc_id>.txt`` is written beside either. Files that do not look like policy
    documents are skipped unless ``force``. Never stops at a bad file: the summary lists failures and
    skips by name. ``on_file(path)`` is called after each file.
    """
    from policykg.loaders.batch import extract_paths
    from policykg.loaders.pipeline import prepare_extraction

    prepare_extraction()
    return extract_paths([Path(p) for p in paths], Path(out), format, force=force, on_file=on_file)


# ---------------------------------------------------------------- records -> store


def open_store(settings: Settings | None = None) -> GraphStore:
    """The graph store the settings (environment: ``POLICYKG_ENGINE``, ``NEO4J_URI`` …) point at, connected
    and with its schema in place; use it as a context manager (``with policykg.open_store() as store``)."""
    from policykg.graph.store import open_store as open_configured

    return open_configured(settings)


def ingest(store: GraphStore, paths: Iterable[StrPath], *, records_dir: StrPath | None = None,
           overlaps: bool = True, batch_size: int | None = None, force: bool = False,
           on_file: Callable[[Path, list[Loaded | ExtractionError | Skipped]], None] | None = None,
           on_summary: Callable[[str], None] | None = None) -> IngestSummary:
    """Extract documents (or read ``policydoc/1`` .json/.jsonl records) and write them to ``store``
    (``policykg ingest``), in atomic batches of ``batch_size`` documents (default 20).

    ``overlaps``: recompute the SIMILAR_TO edges of the documents written. ``records_dir``: where the
    records are saved (default: the settings' records folder). Never stops at a bad file.
    """
    from policykg.graph.ingest import RECORD_SUFFIXES, WRITE_BATCH, expand_paths, ingest_paths
    from policykg.loaders.pipeline import prepare_extraction
    from policykg.settings import get_settings

    files = [Path(p) for p in paths]
    if any(path.suffix.lower() not in RECORD_SUFFIXES for path in expand_paths(files)):
        prepare_extraction()
    folder = Path(records_dir) if records_dir is not None else get_settings().records_dir
    return ingest_paths(store, files, folder, on_file=on_file, overlaps=overlaps, on_summary=on_summary,
                        batch_size=batch_size or WRITE_BATCH, force=force)


@dataclass
class StoreStatus:
    """What ``policykg status`` reports: counts, per-province figures and the work left pending."""

    engine: str
    nodes: dict[str, int]
    relationships: dict[str, int]
    provinces: list[dict[str, Any]]
    summaries_pending: list[str] = field(default_factory=list)  # provinces whose summary edges are out of date
    overlaps_pending: list[str] = field(default_factory=list)   # documents whose SIMILAR_TO edges wait


def status(store: GraphStore) -> StoreStatus:
    """Node counts per label, edge counts per type, per-province figures and pending work (``policykg status``)."""
    from policykg.graph.similar_to import pending_overlaps
    from policykg.graph.summaries import pending_provinces

    counts = store.counts()
    return StoreStatus(engine=store.engine, nodes=counts["nodes"], relationships=counts["relationships"],
                       provinces=store.province_counts(), summaries_pending=sorted(pending_provinces(store)),
                       overlaps_pending=pending_overlaps(store))


@dataclass
class RefreshResult:
    """What ``policykg refresh`` finished: documents whose overlaps were recomputed, pairs found,
    provinces whose summaries were rebuilt and the summary edges written."""

    overlap_documents: list[str]
    overlaps: int
    provinces: list[str]
    summary_edges: int


def refresh(store: GraphStore, *, all_provinces: bool = False,
            on_province: Callable[[str], None] | None = None) -> RefreshResult:
    """Finish what an interrupted ingest left pending: the overlaps of the documents it wrote, then the
    summary edges (every province's with ``all_provinces``) (``policykg refresh``)."""
    from policykg.graph.similar_to import refresh_overlaps
    from policykg.graph.summaries import refresh_all, refresh_summaries

    documents, found = refresh_overlaps(store)
    stats = refresh_all(store, on_province) if all_provinces else refresh_summaries(store, on_province=on_province)
    return RefreshResult(documents, len(found), stats.provinces, stats.edges)


def reset(store: GraphStore) -> None:
    """Delete every node and edge of ``store``; constraints and indexes stay (``policykg reset --yes``)."""
    store.reset()


def ingest_bundled_corpus_if_empty(store: GraphStore) -> int:
    """Ingest the bundled corpus (``policykg.data`` corpus/*.txt) when the store holds no Document;
    the number of documents ingested (``policykg up`` does this before serving)."""
    if store.counts()["nodes"].get("Document", 0):
        return 0
    from importlib import resources

    corpus = resources.files("policykg.data").joinpath("corpus")
    with resources.as_file(corpus) as folder:
        paths = sorted(folder.glob("*.txt"))
        ingest(store, paths, overlaps=True)
    return len(paths)


# ---------------------------------------------------------------- store -> answers


def list_queries() -> list[NamedQuery]:
    """The named queries of ``queries/``, each with what it answers and its typed parameters (``policykg queries``)."""
    from policykg.queries.catalogue import list_queries as listed

    return listed()


def run_query(store: GraphStore, name: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Run the named query ``name`` with ``params`` (names as written are resolved: 广东 -> 广东省);
    ``QueryError`` for an unknown query or bad parameters, ``NotFoundError`` for an unknown name
    (``policykg query``)."""
    from policykg.queries.catalogue import run_query as run_named

    return run_named(store, name, params)


def find_overlaps(store: GraphStore, min_score: float = 0.2) -> list[Overlap]:
    """Find the measures that reuse text of measures of other documents and replace every ``SIMILAR_TO``
    edge with them (``policykg overlaps``); the overlaps, best first."""
    from policykg.graph.overlap import OverlapSettings
    from policykg.graph.similar_to import write_similarities

    return write_similarities(store, OverlapSettings(min_score=min_score))


def compare_provinces(store: GraphStore, a: str, b: str, *, top: int = 20, min_score: float = 0.2) -> ProvinceReport:
    """Compare two provinces from the graph (``policykg compare``): topic shares, the agency type leading
    each topic, targets side by side and the ``top`` overlapping measure pairs between them (the
    stored ``SIMILAR_TO`` edges of :func:`find_overlaps`). Reads only."""
    from policykg.province_report import gather_report

    return gather_report(store, (a, b), top=top, min_score=min_score)


@dataclass
class AgencyNetworks:
    """The responsibility networks: one graph per province and one overall, and who leads by agency type."""

    graphs: dict[str, nx.Graph]
    lead_share: list[LeadShare]


def agency_networks(store: GraphStore, exclude: Sequence[str] = ()) -> AgencyNetworks:
    """The agencies' networks of shared measures per province and overall, from the stored roles
    (``policykg networks``); ``exclude`` leaves agencies out."""
    from policykg.graph import networks

    rows = networks.stored_role_rows(store)
    return AgencyNetworks(networks.networks_by_province(rows, exclude), networks.lead_share_by_type(rows))


def write_networks(found: AgencyNetworks, out: StrPath) -> list[Path]:
    """Write each network as GraphML, JSON and an adjacency CSV, and the lead shares as CSV, into ``out``."""
    from policykg.graph import networks

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, g in found.graphs.items():
        for suffix, write in ((".graphml", networks.write_graphml), (".json", networks.write_json),
                              (".csv", networks.write_adjacency_csv)):
            write(g, folder / f"{name}{suffix}")
            written.append(folder / f"{name}{suffix}")
    networks.write_lead_share_csv(found.lead_share, folder / "lead_share_by_type.csv")
    return [*written, folder / "lead_share_by_type.csv"]


def render(store: GraphStore, kind: str, params: dict[str, Any] | None = None) -> str:
    """One graph visual (``agency``, ``province``, ``clusters``, ``topic``, ``overlap``, ``query``) or the
    cluster map (``map``) as a self-contained HTML page, scripts and geometry inline (``policykg render``)."""
    from policykg.visual.render import render_html

    return render_html(store, kind, params or {})


# ---------------------------------------------------------------- serving


def serve(host: str = "127.0.0.1", port: int = 8000, *, load_bundled_corpus: bool = False) -> None:
    """Serve the HTTP API and explorer until interrupted (``policykg serve``; ``policykg up`` with
    ``load_bundled_corpus``, which first ingests the bundled corpus into an empty store). The
    embedded FalkorDB server is supervised: restarted when it dies, with 503 meanwhile."""
    import logging
    import sys

    import uvicorn

    from policykg.api.app import create_app
    from policykg.api.url_limit import SERVER_MAX_HEAD_BYTES

    if load_bundled_corpus:
        store = open_store()
        loaded = ingest_bundled_corpus_if_empty(store)
        if loaded:
            print(f"loaded {loaded} bundled document(s) into the {store.engine} store")
        store.supervise()
        app = create_app(store=store)
        app.state.owns_store = True  # closed by the app's shutdown: uvicorn re-raises SIGTERM after it
    else:
        app = create_app(supervise_engine=True)
    # The engine's exits and restarts (policykg.engine) and why requests failed (policykg.api), on stderr.
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # The driver logs each server notification as a warning with the whole statement, e.g. "property
    # `earlier` does not exist" for every overlap query before the overlap analysis has run.
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    print(f"policykg serving on http://{host}:{port}/  (API docs: http://{host}:{port}/docs)")
    sys.stdout.flush()
    # A long URL reaches the app (414 with a JSON reason) instead of h11's bare 400 at 16 KiB.
    uvicorn.run(app, host=host, port=port, log_level="warning", h11_max_incomplete_event_size=SERVER_MAX_HEAD_BYTES)


# ---------------------------------------------------------------- a local Neo4j


def start_neo4j(data: StrPath | None = None, *, port: int = 7687, password: str | None = None, timeout: float = 180.0,
                heap: str | None = None, pagecache: str | None = None) -> tuple[LocalNeo4j, bool]:
    """Start a local Neo4j 5.26 Community server in the background from the ``tools/neo4j`` launcher
    (``policykg neo4j start``); ``(server, started)``, ``started`` False when one was running already.
    ``data``: its database folder (default ``$POLICYKG_HOME/neo4j/data``); ``heap``: a fixed JVM heap
    (default 512m); ``StoreError`` when the port is taken or it fails."""
    from policykg.graph.neo4j_server import SERVING_HEAP, start_local
    from policykg.settings import Settings

    found, started = start_local(Settings(), Path(data) if data is not None else None, port, password, timeout,
                                 heap or SERVING_HEAP, pagecache)
    return found, started is not None


def stop_neo4j(timeout: float = 30.0) -> int | None:
    """Stop the server :func:`start_neo4j` started (``policykg neo4j stop``); its pid, None when none ran."""
    from policykg.graph.neo4j_server import stop_local
    from policykg.settings import Settings

    return stop_local(Settings(), timeout)


def neo4j_status() -> LocalNeo4j | None:
    """The server :func:`start_neo4j` started, when it runs (``policykg neo4j status``)."""
    from policykg.graph.neo4j_server import running_local
    from policykg.settings import Settings

    return running_local(Settings())
