"""One build, alone in its process, so its peak memory is its own: ``python -m bench.build_step``.

    python -m bench.build_step --articles DIR --store DIR [--cache-from DIR] [--code DIR]

Prints one JSON object: the :class:`kg.build.BuildReport` figures, the wall time, the
peak resident set of this process (``VmHWM``), the largest of its extraction processes, and
the load average when it ended (the machine is shared). ``--cache-from`` copies an extraction cache
into the (new) store root first, so the build measures everything but extraction.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import time
from pathlib import Path


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m bench.build_step", description=__doc__.splitlines()[0])
    p.add_argument("--articles", required=True)
    p.add_argument("--store", required=True)
    p.add_argument("--cache-from")
    p.add_argument("--code", help="a folder holding another version of the kg package (a baseline to compare with)")
    args = p.parse_args(argv)
    if args.code:
        sys.path.insert(0, args.code)
    if args.cache_from:
        src = Path(args.cache_from) / "cache"
        shutil.copytree(src, Path(args.store) / "cache", dirs_exist_ok=True)
    from kg.build import build
    from kg.config import Settings

    t = time.perf_counter()
    r = build(Settings.from_env(articles=args.articles, store=args.store), progress=False)
    wall = time.perf_counter() - t
    print(json.dumps({
        "seconds": wall, "articles": r.articles, "extracted": r.extracted, "quads": r.quads, "inferred": r.inferred,
        "graphs_written": r.graphs_written, "graphs_unchanged": r.graphs_unchanged, "peak_rss_mb": peak_rss_mb(),
        "problems": len(r.problems), "largest_child_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "graphs_removed": r.graphs_removed, "loadavg": os.getloadavg()[0],
    }))


if __name__ == "__main__":
    main()
