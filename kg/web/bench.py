"""What the endpoint adds to pyoxigraph's own query time (medians over N requests).

    python -m kg.web.bench [STORE_ROOT] [-n 200]

Compares, for ``ASK {}`` and for the vocabulary question: pyoxigraph in-process (query
plus JSON serialization), the query pool alone (pipe round trip to a query process),
HTTP to this server under gunicorn (keep-alive client), and HTTP to Oxigraph's own
server when the ``oxigraph`` binary is installed. Without STORE_ROOT it uses the demo
dataset in a temporary folder.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import pyoxigraph as ox
import requests

from kg.store import StoreRoot

VOCABULARY_QUESTION = """PREFIX dkg: <https://w3id.org/diplokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?minister ?name ?visit ?start WHERE {
  ?visit a dkg:Visit ; dkg:traveller ?kim ; dkg:accompaniedBy ?minister .
  ?kim rdfs:label "Kim Jong Un"@en .
  ?minister dkg:holds/a dkg:Minister ; rdfs:label ?name .
  OPTIONAL { ?visit dkg:startDate ?start }
}"""
QUERIES = {"ASK {}": "ASK {}", "vocabulary question": VOCABULARY_QUESTION}


def median_ms(fn, n: int) -> float:
    for _ in range(min(20, n)):
        fn()  # warm up
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def in_process(store_root: Path, query: str):
    store = StoreRoot(store_root).open()

    def run():
        answer = store.query(query)
        if isinstance(answer, ox.QueryBoolean):
            return answer.serialize(format=ox.QueryResultsFormat.JSON)
        return answer.serialize(format=ox.QueryResultsFormat.JSON)

    return run


def wsgi_medians(store: Path, n: int) -> dict[str, float]:
    """The app called as a WSGI function: everything the server adds except HTTP and gunicorn."""
    import io
    import logging
    from urllib.parse import quote

    from kg.config import Settings
    from kg.web import create_app

    logging.disable(logging.INFO)
    app = create_app(Settings(store=store))
    out = {}
    try:
        for name, q in QUERIES.items():
            environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/sparql", "QUERY_STRING": "query=" + quote(q),
                       "SERVER_NAME": "bench", "SERVER_PORT": "80", "wsgi.url_scheme": "http", "REMOTE_ADDR": "127.0.0.1",
                       "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_ACCEPT": "application/sparql-results+json"}

            def call():
                body = app({**environ, "wsgi.input": io.BytesIO()}, lambda status, headers, exc=None: None)
                b"".join(body)
                body.close()

            out[name] = median_ms(call, n)
    finally:
        app.extensions["diplokg"].pool.close()
        logging.disable(logging.NOTSET)
    return out


def main(argv: list[str] | None = None) -> dict:
    from kg.web.launch import oxigraph_binary, running_oxigraph, running_server
    from kg.web.querying import QueryPool

    p = argparse.ArgumentParser(prog="python -m kg.web.bench")
    p.add_argument("store", nargs="?")
    p.add_argument("-n", type=int, default=200)
    args = p.parse_args(argv)
    tmp = None
    if args.store is None:
        from kg.web.demo import build_demo

        tmp = tempfile.mkdtemp()
        store = build_demo(Path(tmp) / "store")
    else:
        store = Path(args.store)
    gen = StoreRoot(store).require_current()
    results: dict[str, dict[str, float]] = {}
    pool = QueryPool(store, size=1)
    session = requests.Session()
    try:
        for name, q in QUERIES.items():
            results[name] = {"pyoxigraph in-process": median_ms(in_process(store, q), args.n)}
            results[name]["query pool (pipe)"] = median_ms(
                lambda: pool.run({"op": "query", "query": q, "format": "json"}).read(), args.n)
        results_wsgi = wsgi_medians(store, args.n)
        for name in QUERIES:
            results[name]["DiploKG app, WSGI call"] = results_wsgi[name]
        # both servers are measured in alternation, so they share whatever load the machine has
        binary = oxigraph_binary()
        with ExitStack() as servers:
            url = servers.enter_context(running_server(store, workers=1))
            ox_url = servers.enter_context(running_oxigraph(binary, gen)) if binary else None
            for name, q in QUERIES.items():
                targets = {"DiploKG over HTTP": (url + "/sparql", {"query": q})}
                if ox_url:
                    targets["Oxigraph server over HTTP"] = (ox_url, {"query": q, "union-default-graph": ""})
                times: dict[str, list[float]] = {k: [] for k in targets}
                for i in range(args.n + 20):
                    for label, (target, params) in targets.items():
                        t = time.perf_counter()
                        session.get(target, params=params, headers={"Accept": "application/sparql-results+json"}).content
                        if i >= 20:
                            times[label].append(time.perf_counter() - t)
                for label, ts in times.items():
                    results[name][label] = statistics.median(ts) * 1000
    finally:
        pool.close()
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    for name, row in results.items():
        base = row["pyoxigraph in-process"]
        print(f"\n{name} (median of {args.n}, ms)")
        for label, ms in row.items():
            print(f"  {label:28s} {ms:7.3f}   (+{ms - base:.3f})")
    return results


if __name__ == "__main__":
    main()
