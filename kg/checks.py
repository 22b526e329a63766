"""Ontology quality checks: the SPARQL files ``ontology/checks/*-violation.rq``.

As in OBO ontology repositories, each check is a SELECT and every row it returns is one
violation. The checks read declarations from the ontology graph
(``kg.iris.ONTOLOGY_GRAPH``) and usage from the union of all graphs, so the same files
run on the ontology alone and on a built store (where "term used in data but not
declared" looks at every extracted graph).

``python -m kg.checks [STORE_DIR]`` prints the violations and exits 1 when there are any.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, Store, parse

from kg import iris
from kg.resources import ontology_dir

ONTOLOGY_DIR = ontology_dir()
CHECKS_DIR = ONTOLOGY_DIR / "checks"
ONTOLOGY_FILES = (ONTOLOGY_DIR / "dkg.ttl", ONTOLOGY_DIR / "dkg-align.ttl")


def ontology_store(paths: Iterable[str | os.PathLike] = ONTOLOGY_FILES, data: Iterable[Quad] = ()) -> Store:
    """An in-memory store with ``paths`` in the ontology graph and ``data`` as given."""
    store = Store()
    graph = NamedNode(iris.ONTOLOGY_GRAPH)
    for path in paths:
        fmt = RdfFormat.from_extension(Path(path).suffix.lstrip(".")) or RdfFormat.TURTLE
        store.extend(Quad(t.subject, t.predicate, t.object, graph) for t in parse(path=str(path), format=fmt))
    store.extend(data)
    return store


def run_checks(source: Store | str | os.PathLike | Iterable[str | os.PathLike] | None = None, *,
               checks_dir: str | os.PathLike = CHECKS_DIR) -> dict[str, list[dict[str, str]]]:
    """Rows of every ``*-violation.rq`` by check name; an empty list means the check passed.

    ``source``: a Store that has the ontology in its ontology graph, or ontology file(s)
    (default: dkg.ttl and dkg-align.ttl).

    >>> failed = {name: rows for name, rows in run_checks().items() if rows}
    >>> failed
    {}
    """
    if source is None:
        store = ontology_store()
    elif isinstance(source, Store):
        store = source
    elif isinstance(source, (str, os.PathLike)):
        store = ontology_store([source])
    else:
        store = ontology_store(source)
    files = sorted(Path(checks_dir).glob("*-violation.rq"))
    if not files:
        raise FileNotFoundError(f"no *-violation.rq files in {checks_dir}: pass checks_dir= the ontology/checks folder")
    results: dict[str, list[dict[str, str]]] = {}
    for path in files:
        solutions = store.query(path.read_text(encoding="utf-8"), use_default_graph_as_union=True)
        names = [v.value for v in solutions.variables]
        rows = []
        for s in solutions:
            rows.append({n: (s[n].value if s[n] is not None else "") for n in names})
        results[path.name.removesuffix("-violation.rq")] = rows
    return results


def format_results(results: dict[str, list[dict[str, str]]]) -> str:
    lines = []
    for name, rows in results.items():
        lines.append(f"{name}: {'ok' if not rows else f'{len(rows)} violation(s)'}")
        lines += ["    " + ", ".join(f"{k}={v}" for k, v in row.items()) for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv:
        from kg.store import StoreRoot

        results = run_checks(StoreRoot(argv[0]).open(read_only=True))
    else:
        results = run_checks()
    print(format_results(results))
    return 1 if any(results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
