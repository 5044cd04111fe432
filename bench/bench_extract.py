"""Extraction throughput: documents per second per core (one process) by document size and format.

    python bench/bench_extract.py                      # small / seed / large .txt, seed-size .docx and .html
    python bench/bench_extract.py --docs 200 --profile # more documents; cProfile of the seed-size .txt run

Documents come from ``bench/gen_documents.py`` (seed documents localised to other
provinces, industries, agencies and numbers), written to a temporary folder; the
five seed documents are timed as well. Each file goes through ``extract_file``
(read, repair, extract) in this process; the first document is extracted once
before timing so that the gazetteers and automata are built. Per-core rates use
the process CPU time (``time.process_time``), so other load on the machine
does not lower them; wall-clock rates are printed beside them. Each set is
timed in one pass, so it pays for whatever it meets first (unit lists, agency
and place look-ups of new provinces) and for the garbage collector's full
collections that fall inside it (column ``full gc``: each walks every object
the process holds, 40-90 ms here, i.e. 0.4-0.9 ms per document of a 100-document
pass).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from policykg.loaders.pipeline import extract_file, prepare_extraction

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
from gen_documents import CORPUS, generate, write_documents  # noqa: E402

TARGET = 200.0  # seed-sized documents per second per core


@dataclass
class Run:
    label: str
    files: list[Path]
    chars: int
    cpu: float = 0.0
    wall: float = 0.0
    measures: int = 0
    full_gc: int = 0

    @property
    def per_core(self) -> float:
        return len(self.files) / self.cpu if self.cpu else float("inf")

    def line(self) -> str:
        n = len(self.files)
        return (f"{self.label:<14} {n:>5} {self.chars / n:>10,.0f} {self.per_core:>12.1f} "
                f"{n / self.wall:>10.1f} {self.chars / self.cpu / 1e6:>9.2f} {1000 * self.cpu / n:>9.2f} {self.full_gc:>7}")


HEADER = (f"{'set':<14} {'docs':>5} {'chars/doc':>10} {'docs/s/core':>12} {'docs/s wall':>10} "
          f"{'Mchar/s':>9} {'ms/doc':>9} {'full gc':>7}")


def timed(run: Run, profile: cProfile.Profile | None = None) -> Run:
    measures = 0
    full = [0]

    def count_full(phase: str, info: dict) -> None:
        full[0] += phase == "stop" and info["generation"] == 2

    gc.callbacks.append(count_full)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    if profile:
        profile.enable()
    for f in run.files:
        measures += len(extract_file(f).measures)
    if profile:
        profile.disable()
    run.cpu, run.wall = time.process_time() - cpu0, time.perf_counter() - wall0
    gc.callbacks.remove(count_full)
    run.measures, run.full_gc = measures, full[0]
    return run


def _write_formats(folder: Path, docs: list[tuple[str, str]], fmt: str) -> list[Path]:
    from fixtures_formats import make_docx, make_html

    make = {"docx": make_docx, "html": make_html}[fmt]
    out = folder / fmt
    out.mkdir(parents=True, exist_ok=True)
    return [make(text, out / f"{doc_id}.{fmt}") for doc_id, text in docs]


def build_runs(folder: Path, n: int, seed: int) -> list[Run]:
    runs = []
    seeds = sorted(CORPUS.glob("*.txt"))
    runs.append(Run("seeds .txt", seeds, sum(len(p.read_text(encoding="utf-8")) for p in seeds)))
    by_size = {}
    for size, count in (("small", n), ("seed", n), ("large", max(2, n // 10))):
        docs = generate(count, size, seed)
        by_size[size] = docs
        write_documents(docs, folder / size)
        runs.append(Run(f"{size} .txt", [folder / size / f"{d}.txt" for d, _ in docs], sum(len(t) for _, t in docs)))
    seed_docs = by_size["seed"]
    chars = sum(len(t) for _, t in seed_docs)
    for fmt in ("docx", "html"):
        runs.append(Run(f"seed .{fmt}", _write_formats(folder, seed_docs, fmt), chars))
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=100, help="documents per size (large: a tenth)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", action="store_true", help="print the top functions of the seed-size .txt run")
    parser.add_argument("--no-freeze", action="store_true",
                        help="warm up by extracting one document, without the CLI's gc.freeze()")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_extract_") as tmp:
        runs = build_runs(Path(tmp), args.docs, args.seed)
        if args.no_freeze:
            extract_file(runs[0].files[0])  # warm-up: gazetteers, automata and lexicons are built once per process
        else:
            prepare_extraction()  # what the CLI does: the same warm-up, then gc.freeze()
        print(HEADER)
        profiled = None
        for run in runs:
            profile = cProfile.Profile() if args.profile and run.label == "seed .txt" else None
            print(timed(run, profile).line(), flush=True)
            profiled = profile or profiled
        seed_run = next(r for r in runs if r.label == "seed .txt")
        verdict = "meets" if seed_run.per_core >= TARGET else "below"
        print(f"seed-size .txt: {seed_run.per_core:.1f} documents/s per core ({verdict} the target of {TARGET:.0f})")
        if profiled:
            buf = io.StringIO()
            pstats.Stats(profiled, stream=buf).sort_stats("tottime").print_stats(25)
            print(buf.getvalue())


if __name__ == "__main__":
    main()
