"""The benchmark in miniature, so it cannot rot: 5 articles, one question, one server.

It runs ``python -m bench`` end to end (corpus, extraction, builds, graph generation, the
question in process and over HTTP against the project's endpoint, a short load run) and
checks that the numbers are sane and the report has its tables.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
QUESTION = "visits-of-person"

@pytest.fixture(scope="module")
def bench_run(tmp_path_factory):
    work = tmp_path_factory.mktemp("bench")
    out = work / "BENCHMARKS.md"
    cmd = [sys.executable, "-m", "bench", "--sizes", "5", "--visits", "40", "--repeats", "1", "--servers", "kg",
           "--concurrency", "1", "--duration", "0.5", "-n", "3", "--budget", "1", "--questions", QUESTION,
           "--work", str(work), "--out", str(out)]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return json.loads((work / "results.json").read_text()), out.read_text()


@pytest.mark.slow
def test_extraction_and_build_numbers_are_sane(bench_run):
    res, _ = bench_run
    ex = res["extraction"][0]
    assert ex["articles"] == 5 and ex["per_s_cpu"]["median"] > 0
    assert 0 <= ex["quality"]["visits"]["f1"] <= 1
    build = res["build"][0]
    cold, inc = build["cold"][0], build["incremental"][0]
    assert cold["articles"] == 5 and cold["extracted"] == 5 and cold["quads"] > 100 and cold["peak_rss_mb"] > 10
    assert build["warm"][0]["extracted"] == 0, "the warm build should take every article from the cache"
    assert inc["articles"] == 6 and inc["extracted"] == 1, "+1% of 5 articles is one new article, extracted alone"


@pytest.mark.slow
def test_question_in_process_and_over_http(bench_run):
    res, _ = bench_run
    g = res["graphs"][0]
    assert g["graph"]["visits"] >= 40 and g["graph"]["quads"] > 40 * 30
    ip = g["inprocess"][QUESTION]
    assert ip["rows"] > 0 and ip["p50_ms"] > 0, "the default person should have visits in the generated graph"
    http = g["http"][QUESTION]["kg"]
    assert http["p50_ms"] > 0
    ask = next(r for r in g["load"] if r["server"] == "kg" and r["workload"] == "ASK {}")
    assert ask["throughput"]["median"] > 0 and ask["errors"] == 0
    assert g["memory"]["kg"]["peak_rss_mb"] > 10


@pytest.mark.slow
def test_report_has_its_tables(bench_run):
    _, report = bench_run
    for heading in ("## Targets", "## Extraction", "## Build", "## Graphs at scale", "### Named questions, 40 visits",
                    "### Endpoint under load, 40 visits", "### Server memory"):
        assert heading in report, heading
    assert "| " + QUESTION + " |" in report


def test_graphgen_inference_equals_the_reasoner():
    """The generator's fast inference gives what kg.reason.materialise gives on the same quads."""
    from pyoxigraph import NamedNode, Quad, Store

    from bench import graphgen
    from kg import iris
    from kg.reason import materialise, shortcut_triples

    static = graphgen.static_quads()
    quads = [q for _, qs in graphgen.visit_quads(60) for q in qs]
    store = Store()
    store.bulk_extend(static + quads)
    materialise(store)
    inferred = NamedNode(iris.INFERRED_GRAPH)
    expected = {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, inferred)}

    base = Store()
    base.bulk_extend(static)
    inference = graphgen.Inference.for_store(base)
    assert inference is not None
    materialise(base)
    got = {(q.subject, q.predicate, q.object) for q in base.quads_for_pattern(None, None, None, inferred)}
    static_triples = {(q.subject, q.predicate, q.object) for q in static}
    got |= {(q.subject, q.predicate, q.object) for q in graphgen.chunk_inferences(inference, quads, static_triples)}
    # the derived shortcuts the generator adds over the whole store at the end
    whole = Store()
    whole.bulk_extend(static + quads + [Quad(*t, inferred) for t in got])
    got |= {(t.subject, t.predicate, t.object) for t in shortcut_triples(whole, default_is_union=False)}
    assert expected and got == expected
