"""rdflib-endpoint serving an N-Quads file from rdflib's in-memory store (the Python peer).

    python -m bench.rdflib_server data.nq --port 8000

Like ``rdflib-endpoint serve`` (which loads into a union-default-graph ``Dataset``), but
quiet, bound to 127.0.0.1 and reading N-Quads with its named graphs kept.
"""

from __future__ import annotations

import argparse
import logging
import time


def main(argv: list[str] | None = None) -> None:
    import uvicorn
    from rdflib import Dataset
    from rdflib_endpoint import SparqlEndpoint

    p = argparse.ArgumentParser(prog="python -m bench.rdflib_server", description=__doc__.splitlines()[0])
    p.add_argument("nquads")
    p.add_argument("--port", type=int, default=8000)
    args = p.parse_args(argv)
    t = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(args.nquads, format="nquads")
    logging.basicConfig(level=logging.INFO)
    logging.info("loaded %d quads in %.1f s", len(ds), time.perf_counter() - t)
    app = SparqlEndpoint(graph=ds, path="/sparql", enable_update=False)
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
