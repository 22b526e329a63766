"""Quads per visit by part of the graph: ``python -m bench.parts --store DIR``.

Counts every quad of the published generation of a store root once, by what it is for:

* facts: statements about visits, summits, people, states, positions in article graphs;
* mentions: the evidence (``dkg:Mention`` nodes and the ``dkg:evidence`` links to them);
* provenance: the article resources (title, date, URL, hash, file);
* union copy: the default graph, the union of all named graphs that queries read;
* inferred: the materialised inferences, without the name keys;
* name keys: ``dkg:nameKey`` lookups in the inferred graph;
* reference: the ontology, background and curated graphs.

Prints one JSON object with the counts, the number of visits and each part per visit.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter

from pyoxigraph import DefaultGraph, NamedNode

from kg import iris
from kg.store import StoreRoot
from kg.vocab import DKG, RDF

PARTS = ("facts", "mentions", "provenance", "union copy", "inferred", "name keys", "reference")


def part_of(q) -> str:
    """The part one quad belongs to."""
    if q.graph_name == DefaultGraph():
        return "union copy"
    graph = q.graph_name.value
    if graph == iris.INFERRED_GRAPH:
        return "name keys" if q.predicate == DKG.nameKey else "inferred"
    if not graph.startswith(iris.ARTICLE_GRAPH_PREFIX):
        return "reference"
    subject = q.subject.value if isinstance(q.subject, NamedNode) else ""
    if q.predicate == DKG.evidence or subject.startswith(iris.resource("mention/")):
        return "mentions"
    if subject.startswith(iris.resource("article/")):
        return "provenance"
    return "facts"


def count_parts(store) -> dict:
    counts = Counter(part_of(q) for q in store.quads_for_pattern(None, None, None, None))
    visits = sum(1 for _ in store.quads_for_pattern(None, RDF.type, DKG.Visit, DefaultGraph()))
    total = sum(counts.values())
    return {"visits": visits, "quads": total, "parts": {p: counts[p] for p in PARTS},
            "per_visit": {p: round(n / visits, 1) if visits else None for p, n in [*((p, counts[p]) for p in PARTS),
                                                                                  ("total", total)]}}


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m bench.parts", description=__doc__.splitlines()[0])
    p.add_argument("--store", required=True, help="a store root built by `kg build`")
    args = p.parse_args(argv)
    print(json.dumps(count_parts(StoreRoot(args.store).open())))


if __name__ == "__main__":
    main()
