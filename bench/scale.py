"""Scaling out (issue 14): one generated dataset on every engine, and the Dask build.

    nice -n 10 python -m bench.scale --quads 1000000 --articles 2000 --out bench/out/scale.json

1. Shards of about ``--quads`` quads are generated from synthetic articles
   (:func:`bench.graphgen.visit_quads`, the build's own quads, no extraction).
2. ``kg load``'s assembly (bulk load, ontology/background/inferred graphs, union) into an
   embedded Oxigraph store: the named questions and a per-state-per-year aggregate in
   process, before and after ``Store.optimize()``.
3. Oxigraph's server on the optimised store and Virtuoso loaded by its bulk loader from
   the same dataset: load time, then the same queries through :class:`kg.web.remote.RemotePool`
   (the front door's forwarding and normalisation, without HTTP in front).
4. ``kg build --executor dask`` on ``--articles`` generated articles with 1 and 2 local
   worker processes (cold extraction cache each time): articles per second.

Each query is timed as the median of ``--repeats`` runs after one warm-up. The machine's
load average (1, 5, 15 min) is recorded with every step's figures: other jobs share its cores.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from kg.config import Settings
from kg.questions import list_questions

AGGREGATE = """PREFIX dkg: <https://w3id.org/diplokg/ontology#>
SELECT ?state ?year (COUNT(DISTINCT ?visit) AS ?visits) WHERE {
  ?visit a dkg:Visit ; dkg:hostState ?state ; dkg:startDate ?start .
  BIND(SUBSTR(STR(?start), 1, 4) AS ?year)
} GROUP BY ?state ?year ORDER BY ?state ?year"""


def queries() -> dict[str, str]:
    out = {q.name: q.sparql_with_values() for q in list_questions()}
    out["per-state-per-year"] = AGGREGATE
    return out


def median_ms(run, repeats: int) -> float:
    run()  # warm-up
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        run()
        times.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(times), 1)


def write_shards(folder: Path, target_quads: int, shards: int = 8) -> tuple[int, int]:
    """Generated article graphs as ``part-*.nq.gz`` until ``target_quads``; (quads, visits)."""
    from bench.graphgen import visit_quads

    folder.mkdir(parents=True, exist_ok=True)
    files = [gzip.open(folder / f"part-{i:05d}.nq.gz", "wb", compresslevel=1) for i in range(shards)]
    n, visits = 0, 0
    for i, (made, quads) in enumerate(visit_quads(10**9)):
        files[i % shards].write(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
        n, visits = n + len(quads), made
        if n >= target_quads:
            break
    for f in files:
        f.close()
    return n, visits


def timed(run, repeats: int) -> float | str:
    """Median milliseconds, or the error that stopped the query."""
    try:
        return median_ms(run, repeats)
    except Exception as exc:  # noqa: BLE001 - a benchmark records what failed and goes on
        return f"error: {str(exc)[:160]}"


def in_process(store: ox.Store, repeats: int) -> dict[str, float | str]:
    return {name: timed(lambda q=q: list(store.query(q)), repeats) for name, q in queries().items()}


def remote(endpoint: str, repeats: int, timeout: float = 120.0) -> dict[str, float]:
    from kg.web.remote import RemotePool

    pool = RemotePool(endpoint, timeout=timeout)
    try:
        return {name: timed(lambda q=q: pool.run({"op": "query", "query": q, "format": "json",
                                                   "max_rows": 10**7}).read(), repeats)
                for name, q in queries().items()}
    finally:
        pool.close()


def dask_throughput(articles: int, workers: int, tmp: Path) -> dict:
    from bench.corpus import write_corpus
    from kg.shards import build_shards

    folder = tmp / "articles"
    if not folder.exists():
        write_corpus(folder, articles)
    run = tmp / f"dask-{workers}"
    t = time.perf_counter()
    report = build_shards(Settings(store=run / "store"), str(folder), str(run / "shards"), workers=workers, shards=8)
    seconds = time.perf_counter() - t
    return {"workers": workers, "articles": report.articles, "seconds": round(seconds, 1),
            "articles_per_s": round(report.articles / seconds, 2), "quads": report.quads,
            "phases_s": {k: round(v, 1) for k, v in report.phases.items()}, "load_average": os.getloadavg()}


def main(argv: list[str] | None = None) -> None:
    from kg.load import assemble, load_virtuoso, DATASET_FILE
    from kg.store import StoreRoot
    from kg.web.launch import oxigraph_binary, running_oxigraph, running_virtuoso

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quads", type=int, default=1_000_000)
    p.add_argument("--articles", type=int, default=2000)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--out", default="bench/out/scale.json")
    args = p.parse_args(argv)
    results: dict = {"load_average_start": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="kg-bench-scale-") as tmp_name:
        tmp = Path(tmp_name)
        t = time.perf_counter()
        results["shard_quads"], results["visit_reports"] = write_shards(tmp / "shards", args.quads)
        results["generate_s"] = round(time.perf_counter() - t, 1)
        shards = sorted(str(s) for s in (tmp / "shards").glob("part-*.nq.gz"))

        t = time.perf_counter()
        generation, report = assemble(shards, Settings(), tmp / "store")
        results["embedded"] = {"assemble_s": round(time.perf_counter() - t, 1), "quads": report.quads,
                               "inferred": report.inferred, "load_average": os.getloadavg()}
        store = ox.Store(str(generation))
        results["embedded"]["before_optimize_ms"] = in_process(store, args.repeats)
        t = time.perf_counter()
        store.optimize()
        results["embedded"]["optimize_s"] = round(time.perf_counter() - t, 1)
        results["embedded"]["after_optimize_ms"] = in_process(store, args.repeats)
        results["embedded"]["queries_load_average"] = os.getloadavg()
        with gzip.open(tmp / DATASET_FILE, "wb", compresslevel=1) as fh:
            store.dump(fh, ox.RdfFormat.N_QUADS)
        del store
        print(json.dumps(results["embedded"], indent=1), flush=True)

        binary = oxigraph_binary()
        if binary:
            t = time.perf_counter()
            with running_oxigraph(binary, StoreRoot(tmp / "store").require_current()) as url:
                results["oxigraph_server"] = {"start_s": round(time.perf_counter() - t, 1),
                                              "queries_ms": remote(url, args.repeats), "load_average": os.getloadavg()}
            print(json.dumps(results["oxigraph_server"], indent=1), flush=True)

        with running_virtuoso(tmp / "virtuoso", memory_mb=1500) as v:
            os.replace(tmp / DATASET_FILE, v["load"] / DATASET_FILE)
            t = time.perf_counter()
            load_virtuoso(v["load"], isql=v["isql"], user="dba", password="dba")
            results["virtuoso"] = {"load_s": round(time.perf_counter() - t, 1), "load_average": os.getloadavg()}
            results["virtuoso"]["queries_ms"] = remote(v["sparql"], args.repeats)
            results["virtuoso"]["queries_load_average"] = os.getloadavg()
        print(json.dumps(results["virtuoso"], indent=1), flush=True)

        results["dask"] = [dask_throughput(args.articles, w, tmp) for w in (1, 2)]
        print(json.dumps(results["dask"], indent=1), flush=True)
    results["load_average_end"] = os.getloadavg()
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
