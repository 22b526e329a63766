"""Dumps of a store in every RDF format.

Dataset formats (N-Quads, TriG, JSON-LD) keep the named graphs; triple formats
(Turtle, N-Triples, RDF/XML) give the union of all graphs, each triple once.

>>> FORMATS["turtle"].file_extension
'ttl'
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import DefaultGraph, RdfFormat, Store

from kg.iris import PREFIXES
from kg.store import StoreRoot

FORMATS = {
    "nquads": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "jsonld": RdfFormat.JSON_LD,
    "turtle": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "rdfxml": RdfFormat.RDF_XML,
}


def format_named(name: str) -> RdfFormat:
    try:
        return FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown dump format {name!r}; choose one of {', '.join(FORMATS)}") from None


def dump_store(store: Store, fmt: str, out: BinaryIO | str | Path) -> None:
    """Write ``store`` to ``out`` (a binary file object or a path) in format ``fmt``."""
    rdf_format = format_named(fmt)
    prefixes = PREFIXES if rdf_format in (RdfFormat.TURTLE, RdfFormat.TRIG, RdfFormat.RDF_XML) else None
    if rdf_format.supports_datasets:
        store.dump(out, rdf_format, prefixes=prefixes)
    else:
        # the default graph: the build made it the union of the named graphs, each triple once
        store.dump(out, rdf_format, from_graph=DefaultGraph(), prefixes=prefixes)


def dump(store_root: str | Path, fmt: str = "nquads", out: BinaryIO | str | Path | None = None) -> None:
    """Dump the current generation of a store root (to stdout when ``out`` is None)."""
    store = StoreRoot(store_root).open(read_only=True)
    dump_store(store, fmt, out if out is not None else sys.stdout.buffer)
