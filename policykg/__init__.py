"""policykg: a cross-province policy knowledge graph.

The distribution maps the repository's top-level folders onto sub-packages:
``policykg.loaders`` (documents -> ``policydoc/1`` records), ``policykg.graph``
(model, stores, loading), ``policykg.queries`` (named Cypher catalogue),
``policykg.api`` (FastAPI app and CLI), ``policykg.visual`` and ``policykg.data``.
"""

from policykg.errors import (
    ExtractionError,
    NotFoundError,
    PolicyKGError,
    QueryError,
    StoreError,
)

__version__ = "0.1.0"

__all__ = ["ExtractionError", "NotFoundError", "PolicyKGError", "QueryError", "StoreError", "__version__"]
