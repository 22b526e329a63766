"""One named question in process (pyoxigraph, read-only store): the floor every server is compared with.

    python -m bench.inprocess --store ROOT --question NAME [-n 30] [--budget 8]

Prints one JSON object: row count and latency figures (every result row is read).
"""

from __future__ import annotations

import argparse
import json
import time


def main(argv: list[str] | None = None) -> None:
    from bench.load import summarize
    from kg.questions import load_question
    from kg.store import StoreRoot

    p = argparse.ArgumentParser(prog="python -m bench.inprocess", description=__doc__.splitlines()[0])
    p.add_argument("--store", required=True)
    p.add_argument("--question", required=True)
    p.add_argument("-n", type=int, default=30)
    p.add_argument("--budget", type=float, default=8.0)
    args = p.parse_args(argv)
    store = StoreRoot(args.store).open()
    query = load_question(args.question).sparql_with_values()

    def once() -> int:
        result = store.query(query)
        return int(bool(result)) if isinstance(result, bool) else sum(1 for _ in result)

    rows = once()  # warm-up
    lat: list[float] = []
    stop = time.perf_counter() + args.budget
    while len(lat) < args.n and (len(lat) < 3 or time.perf_counter() < stop):
        t = time.perf_counter()
        once()
        lat.append((time.perf_counter() - t) * 1000)
    print(json.dumps({"rows": rows, "n": len(lat), **summarize(lat), "latencies_ms": lat}))


if __name__ == "__main__":
    main()
