"""Set-up for long-running processes (the API server, a batch extract or ingest): :func:`freeze_heap`.

``loaders.pipeline.prepare_extraction`` and ``queries.catalogue.prepare_queries`` load their tables, then call it.

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


def freeze_heap() -> None:
    """Collect what is garbage now, then exempt every object still alive from later collections."""
    gc.collect()
    gc.freeze()
