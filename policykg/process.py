"""Set-up for long-running processes (the API server, a batch extract or ingest).

Python's garbage collector walks every object the process holds in each full collection.
After the extractor's gazetteers, automata and lexicons are loaded that is several hundred
thousand objects, and a full collection falling inside one request or one document costs
40-90 ms. These tables live as long as the process, so once they are built,
:func:`freeze_heap` moves everything alive to the collector's permanent generation
(:func:`gc.freeze`): later collections only walk what requests and documents create.
Objects are still freed by reference counting; only reference cycles among the frozen
objects (none are expected in the loaded tables) would stay.
"""

from __future__ import annotations

import gc
from functools import cache


def freeze_heap() -> None:
    """Collect what is garbage now, then exempt every object still alive from later collections."""
    gc.collect()
    gc.freeze()


# A document's extraction allocates tens of thousands of short-lived containers, and the extractor's caches
# (clauses, unit lists, resolved names) grow for the whole batch: with the default thresholds every 700
# allocations start a collection and the older generations, caches included, are walked again and again
# (5 % of a batch's time). Fewer, larger young collections keep cycles collected at a twentieth of that.
EXTRACTION_GC_THRESHOLDS = (10_000, 20, 100)


@cache  # once per process: a second freeze would also keep whatever the caller holds by then
def prepare_extraction() -> None:
    """Load the extractor's tables (``loaders.pipeline.warm_up``), :func:`freeze_heap`, and collect less often
    (``EXTRACTION_GC_THRESHOLDS``)."""
    from policykg.loaders.pipeline import warm_up

    warm_up()
    freeze_heap()
    gc.set_threshold(*EXTRACTION_GC_THRESHOLDS)


@cache
def prepare_queries() -> None:
    """Load the vocabularies name resolution reads (``catalogue.load_vocabularies``), then :func:`freeze_heap`."""
    from policykg.queries.catalogue import load_vocabularies

    load_vocabularies()
    freeze_heap()
