"""policykg: a cross-province policy knowledge graph, as a Python library.

The public API (each ``policykg`` command has its twin here; see ``policykg/library.py``)::

    import policykg

    doc = policykg.extract_file("notice.txt")           # a policydoc/1 record
    with policykg.open_store() as store:                 # the engine the environment names
        policykg.ingest(store, ["docs/"])
        rows = policykg.run_query(store, "agency_profile", {"agency": "省工信厅", "province": "广东"})

Only the names of ``__all__`` are public. The distribution maps the repository's folders onto
sub-packages, one layer each, every layer importing only those below it: ``policykg.loaders``
(files -> records), ``policykg.graph`` (records -> store), ``policykg.queries`` (the named
catalogue), ``policykg.api`` (HTTP) and ``policykg.visual``; ``policykg.cli`` is the command line.
"""

from policykg.errors import (
    ExtractionError,
    NotFoundError,
    PolicyKGError,
    QueryError,
    StoreError,
    StoreRefused,
    StoreUnavailable,
)
from policykg.library import (
    AgencyNetworks,
    RefreshResult,
    StoreStatus,
    agency_networks,
    compare_provinces,
    extract,
    extract_file,
    extract_text,
    find_overlaps,
    ingest,
    list_queries,
    neo4j_status,
    open_store,
    refresh,
    render,
    reset,
    run_query,
    serve,
    start_neo4j,
    status,
    stop_neo4j,
    write_networks,
)

__version__ = "0.1.0"

__all__ = [
    "AgencyNetworks",
    "ExtractionError",
    "NotFoundError",
    "PolicyKGError",
    "QueryError",
    "RefreshResult",
    "StoreError",
    "StoreRefused",
    "StoreStatus",
    "StoreUnavailable",
    "__version__",
    "agency_networks",
    "compare_provinces",
    "extract",
    "extract_file",
    "extract_text",
    "find_overlaps",
    "ingest",
    "list_queries",
    "neo4j_status",
    "open_store",
    "refresh",
    "render",
    "reset",
    "run_query",
    "serve",
    "start_neo4j",
    "status",
    "stop_neo4j",
    "write_networks",
]
