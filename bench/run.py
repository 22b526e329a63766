"""``python -m bench``: run every benchmark and write ``BENCHMARKS.md``.

Stages (each can be skipped with ``--skip``):

* ``extraction`` -- generate corpora (:mod:`bench.corpus`), extract them alone in one
  process (articles per second per core) and score the facts against the gold facts
  (:func:`kg.eval.score_article`);
* ``build`` -- ``kg build`` from scratch, again with a warm extraction cache into an empty
  store (the write path: quads per second), and after adding 1% new articles; each build
  in its own process for its peak memory;
* ``queries`` -- graphs of N visits (:mod:`bench.graphgen`), the named questions in
  process (pyoxigraph, the floor) and through each server;
* ``load`` -- 1, 4 and 16 keep-alive clients against each server, for ``ASK {}`` and a mix
  of the named questions; peak memory of each server.

Every figure is the median of ``--repeats`` runs with the min-max range; ratios compare
figures measured in the same run. Results go to ``bench/out/results.json`` as well, and
``--report-only`` renders the report again from that file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench import corpus, graphgen, load, servers
from bench.report import render

log = logging.getLogger("bench")
REPO = Path(__file__).resolve().parent.parent
STAGES = ("extraction", "build", "queries", "load")
DEFAULTS = {"sizes": "100,1000,10000", "visits": "1000,10000,100000", "repeats": 3, "query_timeout": 20.0}
QUICK = {"sizes": "20,100", "visits": "300,1000", "repeats": 2, "query_timeout": 15.0}


def _ints(text: str) -> list[int]:
    return [int(x.replace("_", "").replace("k", "000").replace("M", "000000")) for x in text.split(",") if x.strip()]


def spread(values: list[float]) -> dict:
    """Median with min and max: the form every figure of the report takes.

    >>> spread([3.0, 1.0, 2.0])
    {'median': 2.0, 'min': 1.0, 'max': 3.0, 'n': 3}
    """
    xs = [v for v in values if v is not None]
    if not xs:
        return {"median": None, "min": None, "max": None, "n": 0}
    return {"median": statistics.median(xs), "min": min(xs), "max": max(xs), "n": len(xs)}


def _run_json(cmd: list[str], timeout: float) -> dict:
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=REPO)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def machine() -> dict:
    import pyoxigraph

    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = ""
    try:
        mem = Path("/proc/meminfo").read_text().splitlines()[0].split(":", 1)[1].strip()
    except OSError:
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO).stdout.strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": mem, "python": platform.python_version(),
            "pyoxigraph": pyoxigraph.__version__ if hasattr(pyoxigraph, "__version__") else "?",
            "commit": commit, "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "load_start": os.getloadavg()}


# ---------------------------------------------------------------- extraction


def corpus_dir(work: Path, n: int, seed: int) -> Path:
    d = work / "corpora" / f"s{seed}-n{n}-{_corpus_version()}"
    if not (d / "articles" / "manifest.csv").exists():
        shutil.rmtree(d, ignore_errors=True)
        log.info("writing a corpus of %d articles to %s", n, d)
        corpus.write_corpus(d / "articles", n, seed=seed, gold_dir=d / "gold")
    return d


def _corpus_version() -> str:
    return hashlib.sha256(Path(corpus.__file__).read_bytes()).hexdigest()[:8]


def bench_extraction(work: Path, sizes: list[int], repeats: int, seed: int, sample_cap: int) -> list[dict]:
    """Throughput of the extractor alone (median of runs over up to ``sample_cap`` articles) and
    quality over the whole corpus."""
    from kg.articles import read_articles
    from kg.eval import CATEGORIES, Score, score_article
    from kg.config import Settings
    from kg.extract import EXTRACTOR, extract
    from kg.extract.lexicon import load

    import yaml

    out = []
    for n in sizes:
        d = corpus_dir(work, n, seed)
        t = time.perf_counter()
        docs, _ = read_articles(d / "articles")
        read_s = time.perf_counter() - t
        lexicon = load(Settings.from_env().background)  # loaded outside the measurement
        extract(docs[0], lexicon)
        sample = docs[:sample_cap]
        runs, cpu_runs = [], []
        for _ in range(repeats):
            t, c = time.perf_counter(), time.process_time()
            for doc in sample:
                extract(doc, lexicon)
            runs.append(len(sample) / (time.perf_counter() - t))
            cpu_runs.append(len(sample) / (time.process_time() - c))
        total = {k: Score() for k in CATEGORIES}
        golds = {p.stem: p for p in (d / "gold").glob("*.yaml")}
        t = time.perf_counter()
        for doc in docs:
            facts = extract(doc, lexicon)
            g = yaml.load(golds[Path(doc.path).stem].read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            scores = score_article(facts, g)
            for k in CATEGORIES:
                s = scores[k]
                total[k].tp, total[k].fp, total[k].fn = total[k].tp + s.tp, total[k].fp + s.fp, total[k].fn + s.fn
        full_s = time.perf_counter() - t
        chars = sum(len(doc.text) for doc in sample) / len(sample)
        out.append({"articles": n, "sample": len(sample), "extractor": EXTRACTOR, "read_s": read_s,
                    "per_s_wall": spread(runs), "per_s_cpu": spread(cpu_runs), "chars_per_article": chars,
                    "full_pass_s": full_s, "quality": {k: v.as_dict() for k, v in total.items()}})
        log.info("extraction %d: %.0f articles/s", n, statistics.median(runs))
    return out


# ---------------------------------------------------------------- build


def bench_build(work: Path, sizes: list[int], repeats: int, seed: int, timeout: float, full_repeat_cap: int,
                baseline: Path | None = None, cold_only: bool = False) -> list[dict]:
    """Cold build, warm-cache build into an empty store, incremental builds after +1% articles
    and after 1% of the articles changed, and the quads per visit by part of the cold store.
    With ``baseline`` (an exported older tree), its cold and 1%-changed builds run in the same
    run on the same articles, for ratios. ``cold_only``: the cold build and its parts alone
    (memory and time against the corpus size, at sizes where four builds would not fit)."""
    out = []
    for n in sizes:
        d = corpus_dir(work, n, seed)
        reps = repeats if n <= full_repeat_cap else 1
        row: dict = {"articles": n, "repeats": reps, "cold": [], "warm": [], "incremental": [], "changed": []}
        if baseline is not None:
            row["baseline"] = {"tree": baseline.name, "cold": [], "changed": []}
        for r in range(reps):
            runs = work / "build" / f"n{n}-r{r}"
            shutil.rmtree(runs, ignore_errors=True)
            arts = runs / "articles"
            shutil.copytree(d / "articles", arts)
            step = [sys.executable, "-m", "bench.build_step", "--articles", str(arts)]
            old_step = step if baseline is None else step + ["--code", str(baseline)]
            if baseline is not None:
                row["baseline"]["cold"].append(_run_json(old_step + ["--store", str(runs / "store-old")], timeout))
            row["cold"].append(_run_json(step + ["--store", str(runs / "store")], timeout))
            if r == 0:
                row["parts"] = _run_json([sys.executable, "-m", "bench.parts", "--store", str(runs / "store")], timeout)
            if cold_only:
                log.info("build %d run %d: cold %.1f s, peak RSS %.0f MB", n, r, row["cold"][-1]["seconds"],
                         row["cold"][-1]["peak_rss_mb"])
                shutil.rmtree(runs, ignore_errors=True)
                continue
            row["warm"].append(_run_json(step + ["--store", str(runs / "store-warm"), "--cache-from",
                                                 str(runs / "store")], timeout))
            shutil.rmtree(runs / "store-warm", ignore_errors=True)
            change_articles(arts, max(1, n // 100), seed)
            if baseline is not None:
                row["baseline"]["changed"].append(_run_json(old_step + ["--store", str(runs / "store-old")], timeout))
            row["changed"].append(_run_json(step + ["--store", str(runs / "store")], timeout))
            extra = max(1, n // 100)
            corpus.write_corpus(arts, extra, seed=seed, start=n, append=True)
            row["incremental"].append(_run_json(step + ["--store", str(runs / "store")], timeout))
            shutil.rmtree(runs, ignore_errors=True)
            log.info("build %d run %d: cold %.1f s, warm %.1f s, 1%% changed %.1f s, +1%% %.1f s", n, r,
                     row["cold"][-1]["seconds"], row["warm"][-1]["seconds"], row["changed"][-1]["seconds"],
                     row["incremental"][-1]["seconds"])
        out.append(row)
    return out


def change_articles(folder: Path, count: int, seed: int) -> None:
    """Give ``count`` articles, spread evenly over the corpus, the text of another story (the
    same index under the next seed), as a corrected or updated report would."""
    names = sorted(p.name for p in folder.glob("*.txt"))
    step = max(1, len(names) // count)
    for i in range(0, len(names), step)[:count]:
        other = next(iter(corpus.articles(seed + 1, i, i + 1)))
        (folder / names[i]).write_text(other.text, encoding="utf-8")


def export_tree(work: Path, ref: str) -> Path:
    """The package, ontology and background of git ``ref``, for builds with the older code."""
    out = work / f"baseline-{ref}"
    if not (out / "kg").is_dir():
        out.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", ref, "kg", "ontology", "data/background", "pyproject.toml"], cwd=REPO,
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(out)], input=archive, check=True)
    return out


# ---------------------------------------------------------------- graphs and queries


def graph_root(work: Path, visits: int, seed: int) -> tuple[Path, dict]:
    """A generated store root for ``visits`` (kept between runs while the generator is unchanged)."""
    h = hashlib.sha256()
    for path in (Path(graphgen.__file__), Path(corpus.__file__), REPO / "kg" / "rdf.py", REPO / "kg" / "reason.py",
                 REPO / "kg" / "names.py", REPO / "ontology" / "dkg.ttl"):
        if path.exists():
            h.update(path.read_bytes())
    version = h.hexdigest()[:8]
    root = work / "graphs" / f"v{visits}-s{seed}-{version}"
    meta = root / "graphgen.json"
    if not meta.exists():
        shutil.rmtree(root, ignore_errors=True)
        log.info("generating a graph of %d visits in %s", visits, root)
        r = graphgen.generate(root, visits, seed=seed)
        meta.write_text(json.dumps({**r.__dict__, "load_quads_per_s": r.load_quads_per_s}))
    return root, json.loads(meta.read_text())


ONLY_QUESTIONS: set[str] = set()  # --questions


def questions() -> list[tuple[str, str]]:
    """(name, SPARQL with its default parameters as a VALUES block) of each named question."""
    from kg.questions import list_questions

    return [(q.name, q.sparql_with_values()) for q in list_questions() if not ONLY_QUESTIONS or q.name in ONLY_QUESTIONS]


def bench_inprocess(root: Path, n: int, budget_s: float, timeout: float) -> dict:
    """Latencies of each named question in pyoxigraph, in a child process per question (a query
    cannot be stopped from Python, the process can)."""
    out = {}
    for name, _ in questions():
        cmd = [sys.executable, "-m", "bench.inprocess", "--store", str(root), "--question", name, "-n", str(n),
               "--budget", str(budget_s)]
        try:
            out[name] = _run_json(cmd, timeout)
        except subprocess.TimeoutExpired:
            out[name] = {"timeout": timeout}
        log.info("in process %s: %s", name, {k: v for k, v in out[name].items() if k != "latencies_ms"})
    return out


def make_servers(names: list[str], root: Path, graph: dict, args) -> list:
    made = []
    for name in names:
        if name in ("kg", "kg-nocache"):
            made.append(servers.kg_server(root, timeout_s=args.query_timeout, cache=name == "kg"))
        elif name == "oxigraph":
            made.append(servers.oxigraph_server(root))
        elif name == "rdflib":
            if graph["quads"] > args.rdflib_max_quads:
                made.append(("rdflib", f"not run: {graph['quads']:,} quads is over --rdflib-max-quads "
                                       f"{args.rdflib_max_quads:,} (in-memory rdflib needs about 1.5 KB a quad and "
                                       f"loads ~30k quads/s)"))
                continue
            nq = root / "dump.nq"
            if not nq.exists():
                graphgen.dump_nquads(root, nq)
            made.append(servers.rdflib_server(nq))
    return made


def bench_servers(work: Path, root: Path, graph: dict, args, inproc: dict) -> tuple[dict, list, dict]:
    """Per-question latency through each server, load tests, and each server's memory."""
    qs = questions()
    per_q: dict = {}
    load_rows: list = []
    memory: dict = {}
    fast = [(n, q) for n, q in qs if (inproc.get(n, {}).get("p50_ms") or 1e9) <= args.mix_max_ms]
    for srv in make_servers(args.servers.split(","), root, graph, args):
        if isinstance(srv, tuple):
            memory[srv[0]] = {"skipped": srv[1]}
            continue
        try:
            srv.start(work / "logs")
        except RuntimeError as exc:
            memory[srv.name] = {"skipped": f"did not start: {str(exc).splitlines()[0]}"}
            log.error("%s", exc)
            continue
        try:
            rss_loaded = srv.memory_mb("VmRSS")
            timeouts = 0
            for name, q in qs:
                if "timeout" in inproc.get(name, {}):
                    per_q.setdefault(name, {})[srv.name] = {"error": "not run: timed out in process"}
                    continue
                if timeouts >= args.max_timeouts:
                    per_q.setdefault(name, {})[srv.name] = {"error": f"not run after {timeouts} timeouts"}
                    continue
                try:
                    lat = load.latencies(srv.query_url, q, n=args.n, budget_s=args.budget, timeout=args.query_timeout)
                    per_q.setdefault(name, {})[srv.name] = {**load.summarize(lat), "n": len(lat)}
                except TimeoutError:
                    timeouts += 1
                    per_q.setdefault(name, {})[srv.name] = {"timeout": args.query_timeout}
                    srv.restart(work / "logs")
                except Exception as exc:  # an error answer is a result too
                    per_q.setdefault(name, {})[srv.name] = {"error": str(exc)[:200]}
                    if srv.proc is None or srv.proc.poll() is not None:
                        srv.restart(work / "logs")
            answered = all("p50_ms" in per_q.get(n, {}).get(srv.name, {}) for n, _ in fast)
            if fast and not answered:
                memory.setdefault("notes", []).append(f"{srv.name}: no questions-mix load run, it did not answer "
                                                      f"every question of the mix within {args.query_timeout:g} s")
            workloads = [("ASK {}", ["ASK {}"])] + ([("questions mix", [q for _, q in fast])] if fast and answered else [])
            for label, wq in workloads:
                for c in args.concurrency:
                    runs = []
                    for _ in range(args.repeats):
                        r = load.run_load(srv.query_url, wq, concurrency=c, duration_s=args.duration,
                                          timeout=args.query_timeout)
                        runs.append(r.summary())
                    load_rows.append({"server": srv.name, "workload": label, "concurrency": c, "runs": runs,
                                      "throughput": spread([x["throughput"] for x in runs]),
                                      "p50_ms": spread([x["p50_ms"] for x in runs]),
                                      "p99_ms": spread([x["p99_ms"] for x in runs]),
                                      "errors": sum(x["errors"] for x in runs),
                                      "first_error": next((x["first_error"] for x in runs if x["first_error"]), "")})
                    log.info("load %s %s c=%d: %.0f req/s", srv.name, label, c, load_rows[-1]["throughput"]["median"])
            memory[srv.name] = {"peak_rss_mb": max(srv.peak_rss_mb, srv.memory_mb("VmHWM")), "rss_after_start_mb": rss_loaded,
                                "start_s": srv.start_s}
        finally:
            srv.stop()
    notes = memory.pop("notes", [])
    return per_q, load_rows, {"mix": [n for n, _ in fast], "memory": memory, "notes": notes}


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench", description="Benchmarks of DiploKG; writes BENCHMARKS.md.")
    p.add_argument("--quick", action="store_true", help="small sizes, few repeats: a few minutes")
    p.add_argument("--sizes", help=f"corpus sizes in articles (default {DEFAULTS['sizes']})")
    p.add_argument("--visits", help=f"graph sizes in visits (default {DEFAULTS['visits']}; 1M is opt-in)")
    p.add_argument("--repeats", type=int, help=f"runs per figure (default {DEFAULTS['repeats']})")
    p.add_argument("--skip", default="", help=f"comma-separated stages to skip: {','.join(STAGES)}")
    p.add_argument("--servers", default="kg,oxigraph,rdflib",
                   help="servers to compare (default: kg,oxigraph,rdflib; kg-nocache is kg without its result cache)")
    p.add_argument("--concurrency", default="1,4,16", help="client counts for the load tests")
    p.add_argument("--duration", type=float, default=3.0, help="seconds per load-test run")
    p.add_argument("-n", type=int, default=10, help="sequential runs per question (bounded by --budget)")
    p.add_argument("--budget", type=float, default=5.0, help="seconds per question and server, at least 3 runs")
    p.add_argument("--query-timeout", type=float,
                   help="seconds before one request is given up (default 20, quick 15); in process: twice that")
    p.add_argument("--max-timeouts", type=int, default=2, help="questions given up on a server after this many timeouts")
    p.add_argument("--mix-max-ms", type=float, default=1000.0,
                   help="questions slower than this in process stay out of the load mix")
    p.add_argument("--rdflib-max-quads", type=int, default=1_500_000, help="largest graph given to rdflib-endpoint")
    p.add_argument("--extract-sample", type=int, default=1000, help="articles per extraction-throughput run")
    p.add_argument("--build-repeat-cap", type=int, default=1000,
                   help="larger corpora are built once, not --repeats times (default 1000)")
    p.add_argument("--build-timeout", type=float, default=3600.0)
    p.add_argument("--cold-only", action="store_true", help="build stage: only the cold build (and its parts) per size")
    p.add_argument("--build-baseline", help="git ref whose build also runs (cold, 1%% changed) for before/after ratios")
    p.add_argument("--questions", default="", help="comma-separated question names (default: all of kg/queries)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--work", type=Path, default=REPO / "bench" / "out", help="working folder (default bench/out)")
    p.add_argument("--out", type=Path, default=REPO / "BENCHMARKS.md")
    p.add_argument("--report-only", action="store_true", help="render the report from WORK/results.json")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    preset = QUICK if args.quick else DEFAULTS
    sizes = _ints(args.sizes or preset["sizes"])
    visits = _ints(args.visits or preset["visits"])
    args.repeats = args.repeats or preset["repeats"]
    args.query_timeout = args.query_timeout or preset["query_timeout"]
    args.concurrency = _ints(args.concurrency)
    ONLY_QUESTIONS.update(q for q in args.questions.split(",") if q)
    skip = {s for s in args.skip.split(",") if s}
    unknown = skip - set(STAGES)
    if args.cold_only and args.build_baseline:
        p.error("--cold-only and --build-baseline do not go together: the baseline is compared on the 1%-changed build too")
    if unknown:
        p.error(f"unknown stage(s) {sorted(unknown)}; stages are {', '.join(STAGES)}")
    args.work.mkdir(parents=True, exist_ok=True)
    results_path = args.work / "results.json"
    if args.report_only:
        args.out.write_text(render(json.loads(results_path.read_text())))
        print(f"wrote {args.out}")
        return 0

    started = time.perf_counter()
    res: dict = {"meta": machine(), "args": {"sizes": sizes, "visits": visits, "repeats": args.repeats,
                                             "concurrency": args.concurrency, "duration": args.duration,
                                             "servers": args.servers, "quick": args.quick, "skip": sorted(skip)}}
    res["client_floor_ms"] = load.client_floor_ms()
    if "extraction" not in skip:
        res["extraction"] = bench_extraction(args.work, sizes, args.repeats, args.seed, args.extract_sample)
    if "build" not in skip:
        baseline = export_tree(args.work, args.build_baseline) if args.build_baseline else None
        res["build"] = bench_build(args.work, sizes, args.repeats, args.seed, args.build_timeout, args.build_repeat_cap,
                                   baseline, args.cold_only)
    if not {"queries", "load"} <= skip:
        res["graphs"] = []
        for v in visits:
            root, meta = graph_root(args.work, v, args.seed)
            row = {"visits": v, "graph": meta}
            row["inprocess"] = bench_inprocess(root, args.n, args.budget, args.query_timeout * 2)
            if "load" not in skip:
                row["http"], row["load"], extra = bench_servers(args.work, root, meta, args, row["inprocess"])
                row.update(extra)
            res["graphs"].append(row)
            results_path.write_text(json.dumps(res, indent=1))
    res["meta"]["load_end"] = os.getloadavg()
    res["meta"]["total_s"] = time.perf_counter() - started
    results_path.write_text(json.dumps(res, indent=1))
    args.out.write_text(render(res))
    print(f"wrote {args.out} and {results_path} in {res['meta']['total_s'] / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
