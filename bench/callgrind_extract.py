"""The seed-size cold pass of ``bench_extract.py``, shaped for counting instructions with callgrind.

    valgrind --tool=callgrind --toggle-collect=starmap_next --callgrind-out-file=cg.out \\
        "$(python -c 'import sys; print(sys.executable)')" bench/callgrind_extract.py

(valgrind must run the interpreter itself, not a shim script in front of it.) The order is
the benchmark's: one warm-up document, the 5 seeds, 100 small documents, then the 100
seed-size documents, which run under ``itertools.starmap`` so that ``--toggle-collect``
counts only them. Instruction counts repeat within ~0.2 % whatever else the machine does,
so they compare code across days and machines where seconds do not. ``NDOCS`` sets the
number of documents per size; ``WARM=1`` adds a second, warm pass.
"""

from __future__ import annotations

import collections
import itertools
import os
import sys
import tempfile
from pathlib import Path

from policykg.loaders.pipeline import extract_file

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from gen_documents import CORPUS, generate, write_documents  # noqa: E402


def main() -> None:
    n = int(os.environ.get("NDOCS", "100"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sets = {}
        for size in ("small", "seed"):
            docs = generate(n, size, 0)
            write_documents(docs, folder / size)
            sets[size] = [folder / size / f"{doc_id}.txt" for doc_id, _ in docs]
        seeds = sorted(CORPUS.glob("*.txt"))
        extract_file(seeds[0])
        for path in seeds + sets["small"]:
            extract_file(path)
        passes = 2 if os.environ.get("WARM") else 1
        for _ in range(passes):
            collections.deque(itertools.starmap(extract_file, [(path,) for path in sets["seed"]]), maxlen=0)


if __name__ == "__main__":
    main()
